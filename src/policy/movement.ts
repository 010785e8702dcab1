/**
 * Who may do what with movement tallies (returnees and deportees per
 * crossing, period, direction and category):
 * - report a count: a party's liaison officers, for their own party (the
 *   count is keyed by the reporting organisation), until the tally is
 *   reconciled;
 * - reconcile: mediators' staff, once there is at least one count (again to
 *   correct an agreed figure);
 * - read: mediators and secretariat everything; parties and monitors a tally
 *   once it holds a count they may see or is reconciled; observers and
 *   anonymous readers only tallies reconciled and published to the public.
 * Within a tally, each count is shown only to those its visibility allows
 * (src/policy/movement-presenter.ts).
 */
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { isMember } from './crossing.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface TallyFacts {
  counts: ReadonlyArray<{ org: string; visibility: Visibility }>;
  reconciled: boolean;
  /** The reconciliation's audience; null before reconciliation. */
  publication: Visibility | null;
}

export const TALLY_ACTIONS = ['read', 'report_count', 'reconcile'] as const;
export type TallyAction = (typeof TALLY_ACTIONS)[number];

export function canReadTally(v: Viewer | undefined, t: TallyFacts): boolean {
  if (isMediatorSide(v)) return true;
  if (t.publication !== null && canSee(v, t.publication)) return true;
  return isMember(v) && t.counts.some((c) => canSee(v, c.visibility, c.org));
}

export function canReportMovement(v: Viewer | undefined): v is Viewer {
  return v?.orgKind === 'party' && hasRole(v, 'liaison');
}

export function tallyStateProblem(action: TallyAction, t: TallyFacts): string | undefined {
  if (action === 'report_count' && t.reconciled) return 'the tally is reconciled; its counts are final';
  if (action === 'reconcile' && t.counts.length === 0) return 'the tally has no counts to reconcile';
  return undefined;
}

export const tallyPolicy = definePolicy<TallyFacts, TallyAction>('movement tally', 'read', {
  read: canReadTally,
  report_count: canReportMovement,
  reconcile: isMediatorStaff,
}, (action, t) => tallyStateProblem(action, t) === undefined);
