/**
 * Who may do what with negotiation texts (who: the rules; when: the text's
 * state). Written down, and tested in test/policy-matrix-texts.test.ts:
 *
 * - Reading a text, its versions, diffs, signed actions and agenda: its
 *   parties (any role) and the mediators' side (mediators, secretariat, their
 *   analysts) while it is a draft; anyone — monitors, observers, the public —
 *   once the mediators have published it. Monitors verify compliance with
 *   what was agreed and published, not the bargaining over drafts.
 * - Opening a text: the mediators' staff (mediator or secretariat role).
 * - Proposing a version: the mediators' staff and the liaison officers of the
 *   text's parties.
 * - Accepting, rejecting, retracting a version: the liaison officers of the
 *   text's parties, always for their own organisation (the entry is signed
 *   with the acting organisation's key; no one acts for another party).
 * - Raising an agenda item: the parties' liaison officers.
 * - Ruling an agenda item in or out of the mandate; publishing: the
 *   mediators' staff.
 * Analysts and observers never act. The rules read only the facts below, so a
 * list can be authorised from its rows alone.
 */
import { partyActionProblem, type PartyAction, type Positions } from '../domain/text-agreement.js';
import type { Viewer } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface TextFacts {
  visibility: string;
  parties: readonly string[];
}

export interface VersionFacts extends TextFacts {
  positions: Positions;
}

export const TEXT_ACTIONS = ['read', 'propose', 'raise_agenda_item', 'publish'] as const;
export type TextPolicyAction = (typeof TEXT_ACTIONS)[number];
export const VERSION_ACTIONS = ['read', 'accept', 'reject', 'retract'] as const;
export type VersionPolicyAction = (typeof VERSION_ACTIONS)[number];
export const AGENDA_ACTIONS = ['read', 'rule'] as const;
export type AgendaPolicyAction = (typeof AGENDA_ACTIONS)[number];

export function canReadText(v: Viewer | undefined, f: TextFacts): boolean {
  if (f.visibility === 'public') return true;
  return isMediatorSide(v) || (v !== undefined && v.orgKind === 'party' && f.parties.includes(v.org));
}

/** A liaison officer of one of the text's parties. */
const partyLiaison = (v: Viewer | undefined, f: TextFacts): boolean =>
  v !== undefined && v.orgKind === 'party' && f.parties.includes(v.org) && hasRole(v, 'liaison');

export function canCreateText(v: Viewer | undefined): v is Viewer {
  return isMediatorStaff(v);
}

/** Why the text's state does not allow the action now, or undefined. */
export function textStateProblem(action: TextPolicyAction, f: TextFacts): string | undefined {
  if (action === 'publish' && f.visibility === 'public') return 'the text is already public';
  return undefined;
}

/** Why the viewer's party may not take this action on the version now (its current position), or undefined. */
export function versionStateProblem(action: VersionPolicyAction, f: VersionFacts, v: Viewer | undefined): string | undefined {
  if (action === 'read' || !v) return undefined;
  return partyActionProblem(f.parties, f.positions, v.org, action as PartyAction);
}

export const textPolicy = definePolicy<TextFacts, TextPolicyAction>('text', 'read', {
  read: canReadText,
  propose: (v, f) => isMediatorStaff(v) || partyLiaison(v, f),
  raise_agenda_item: partyLiaison,
  publish: isMediatorStaff,
}, (action, f) => textStateProblem(action, f) === undefined);

export const versionPolicy = definePolicy<VersionFacts, VersionPolicyAction>('text version', 'read', {
  read: canReadText,
  accept: partyLiaison,
  reject: partyLiaison,
  retract: partyLiaison,
}, (action, f, v) => versionStateProblem(action, f, v) === undefined);

export const agendaPolicy = definePolicy<TextFacts, AgendaPolicyAction>('agenda item', 'read', {
  read: canReadText,
  rule: isMediatorStaff,
});
