/**
 * Who may do what with a commitment (who: the rules; when: the commitment's
 * state). Written down:
 * - register, amend, extend: mediators' staff (mediator or secretariat
 *   organisation, role mediator or secretariat) — they keep the register;
 * - verify (the Kroc status that counts): mediators' staff and field monitors;
 * - self-report: the obligated party's liaison officers; a self-report is kept
 *   in the history and shown beside the status, never as the status;
 * - read: by visibility (canSee, without an owner exception): the mediators'
 *   side reads every commitment; parties' and monitors' users read those
 *   shared with the parties and public ones; observers and anonymous readers
 *   read public ones only. A commitment sealed to the mediators is a draft
 *   the parties have not been shown, so not even its obligated party reads it.
 * - the clause register and D-day are public to read; mediators' staff amend
 *   clauses and set the D-day (src/policy/clause.ts).
 * The rules read only CommitmentFacts, so a list is authorised from its rows.
 */
import type { KrocStatus } from '../domain/entries/commitment.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface CommitmentFacts {
  visibility: Visibility;
  obligated_party: string;
  status: KrocStatus;
}

export const COMMITMENT_ACTIONS = ['read', 'amend', 'extend', 'verify', 'self_report'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

export function canReadCommitment(v: Viewer | undefined, c: { visibility: Visibility }): boolean {
  return canSee(v, c.visibility);
}

const fieldMonitor = (v: Viewer | undefined) => v?.orgKind === 'monitor' && hasRole(v, 'monitor');
const obligatedLiaison = (v: Viewer | undefined, c: CommitmentFacts) => v?.orgKind === 'party' && v.org === c.obligated_party && hasRole(v, 'liaison');

/** Why the commitment's state refuses the action now (409), or undefined. */
export function commitmentStateProblem(action: CommitmentAction, c: CommitmentFacts): string | undefined {
  if (action === 'extend' && c.status === 'complete') return 'the commitment is complete: there is nothing to extend';
  return undefined;
}

export const commitmentPolicy = definePolicy<CommitmentFacts, CommitmentAction>('commitment', 'read', {
  read: canReadCommitment,
  amend: isMediatorStaff,
  extend: isMediatorStaff,
  verify: (v) => isMediatorStaff(v) || fieldMonitor(v),
  self_report: obligatedLiaison,
}, (action, c) => commitmentStateProblem(action, c) === undefined);

/** Registering is not about an existing record: mediators' staff only. */
export function canRegisterCommitment(v: Viewer | undefined): v is Viewer {
  return isMediatorStaff(v);
}

/** What canReadCommitment allows, as a filter for the repository: 'all', or the visibilities the viewer reads. */
export function commitmentScope(v: Viewer | undefined): Visibility[] | 'all' {
  if (isMediatorSide(v)) return 'all';
  if (v && (v.orgKind === 'party' || v.orgKind === 'monitor')) return ['parties', 'public'];
  return ['public'];
}
