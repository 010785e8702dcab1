/**
 * When a version of a negotiation text counts as agreed, pure.
 *
 * The rule (MISSION.md §7, the Istanbul lesson: a draft called final and
 * withdrawn minutes later): a version is agreed only when EVERY party to the
 * text has accepted that exact version's hash and none has since retracted
 * or rejected it. Each party's position on a version is decided by its latest
 * accept / reject / retract on that hash; proposing a version is not
 * accepting it. An action on another hash (another version) never counts.
 */

export const PARTY_ACTIONS = ['accept', 'reject', 'retract'] as const;
export type PartyAction = (typeof PARTY_ACTIONS)[number];
/** What the action log of a text records: proposals and the parties' actions. */
export type TextAction = 'propose' | PartyAction;

export type Position = 'pending' | 'accepted' | 'rejected' | 'retracted';

/** One party's standing on one version, with the action that set it (null while pending). */
export interface PartyPosition {
  position: Position;
  idx: number | null;
  at: string | null;
  user: string | null;
}

export type Positions = Record<string, PartyPosition>;

/** A party's signed action as the rule reads it. */
export interface ActionRecord {
  idx: number;
  org: string;
  user: string;
  at: string;
  action: TextAction;
  hash: string;
}

const AFTER: Record<PartyAction, Position> = { accept: 'accepted', reject: 'rejected', retract: 'retracted' };

export function pendingPositions(parties: readonly string[]): Positions {
  return Object.fromEntries(parties.map((p) => [p, { position: 'pending', idx: null, at: null, user: null }]));
}

/** Why `action` by `org` does not fit its current position on the version (409); undefined when it does. */
export function partyActionProblem(parties: readonly string[], positions: Positions, org: string, action: PartyAction): string | undefined {
  if (!parties.includes(org)) return `${org} is not a party to this text`;
  const current = positions[org]?.position ?? 'pending';
  if (action === 'accept' && current === 'accepted') return `${org} has already accepted this version`;
  if (action === 'reject' && current === 'rejected') return `${org} has already rejected this version`;
  if (action === 'retract' && current !== 'accepted') return `${org} has no acceptance of this version to retract`;
  return undefined;
}

/** Positions after one party action (no checks: see partyActionProblem). */
export function positionsAfter(positions: Positions, a: ActionRecord & { action: PartyAction }): Positions {
  return { ...positions, [a.org]: { position: AFTER[a.action], idx: a.idx, at: a.at, user: a.user } };
}

/** Agreed: every party's position is 'accepted'. A text with no parties is never agreed. */
export function isAgreed(parties: readonly string[], positions: Positions): boolean {
  return parties.length > 0 && parties.every((p) => positions[p]?.position === 'accepted');
}

/**
 * The rule from the action log alone: each party's position on the version
 * with this hash (actions in ledger order; other hashes, proposals and
 * non-parties ignored), and whether the version is agreed.
 */
export function agreementOf(parties: readonly string[], hash: string, actions: readonly ActionRecord[]): { positions: Positions; agreed: boolean } {
  let positions = pendingPositions(parties);
  const ordered = [...actions].sort((a, b) => a.idx - b.idx);
  for (const a of ordered) {
    if (a.hash !== hash || a.action === 'propose' || !parties.includes(a.org)) continue;
    positions = positionsAfter(positions, a as ActionRecord & { action: PartyAction });
  }
  return { positions, agreed: isAgreed(parties, positions) };
}
