/**
 * Who may do what with the penalty ladder and penalties (DOMAIN.md
 * "Penalty"; when: src/domain/penalty-ladder.ts).
 *
 * - The ladder: the parties, the mediators' side and the monitors read every
 *   version; the mediators' staff (secretariat and mediators) record the
 *   adoption of a new version. Observers and anonymous callers do not read it.
 * - A penalty is read per its visibility: a proposal by whoever may read all
 *   the findings it rests on (at most the parties, mediators and monitors); a
 *   confirmed penalty by the parties; a confirmed public naming by anyone —
 *   so observers see only confirmed public-naming penalties.
 * - The engine proposes (the secretariat records it as "system"); a mediator
 *   — a guarantor, not its staff or analysts — confirms or dismisses; the
 *   penalised party's liaison officers report compliance; the mediators'
 *   staff record a lapse once the due date has passed.
 */
import type { ConsequenceType } from '../domain/entries/penalties.js';
import { penaltyStepProblem, type PenaltyStatus, type PenaltyStep } from '../domain/penalty-ladder.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorStaff } from './policy.js';

export interface PenaltyFacts {
  status: PenaltyStatus;
  visibility: Visibility;
  party: string;
  consequence_type: ConsequenceType;
  due_at: string | null;
  /** The time the facts are read at (the server clock): lapses depend on it. */
  now: Date;
}

export const PENALTY_ACTIONS = ['read', 'confirm', 'dismiss', 'comply', 'record_lapse'] as const;
export type PenaltyAction = (typeof PENALTY_ACTIONS)[number];
export type PenaltyStepAction = Exclude<PenaltyAction, 'read'>;

/** The ledger step each action records. */
export const PENALTY_ACTION_STEP: Record<PenaltyStepAction, PenaltyStep> = {
  confirm: 'penalty.confirmed',
  dismiss: 'penalty.dismissed',
  comply: 'penalty.complied',
  record_lapse: 'penalty.lapsed',
};

export function canReadPenalty(v: Viewer | undefined, p: PenaltyFacts): boolean {
  return canSee(v, p.visibility);
}

/** A guarantor's own mediators decide penalties. */
const mediator = (v: Viewer | undefined) => v?.orgKind === 'mediator' && hasRole(v, 'mediator');

/** Why the penalty's state does not allow the action now, or undefined. */
export function penaltyStateProblem(action: PenaltyAction, p: PenaltyFacts): string | undefined {
  return action === 'read' ? undefined : penaltyStepProblem(PENALTY_ACTION_STEP[action], p, p.now);
}

export const penaltyPolicy = definePolicy<PenaltyFacts, PenaltyAction>('penalty', 'read', {
  read: canReadPenalty,
  confirm: mediator,
  dismiss: mediator,
  comply: (v, p) => v !== undefined && v.org === p.party && hasRole(v, 'liaison'),
  record_lapse: isMediatorStaff,
}, (action, p) => penaltyStateProblem(action, p) === undefined);

/** Reading the ladder: everyone the parties' records are shared with. */
export function canReadLadder(v: Viewer | undefined): boolean {
  return v !== undefined && canSee(v, 'parties');
}

/** Adopting a version: the mediators' staff record what was agreed. */
export function canAdoptLadder(v: Viewer | undefined): v is Viewer {
  return isMediatorStaff(v);
}
