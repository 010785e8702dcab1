/**
 * Reading penalties and taking their steps: confirm or dismiss (a mediator),
 * report compliance (the penalised party), record a lapse (the mediators'
 * staff). Each step is one transaction with its ledger entry.
 */
import type { Consequence } from '../domain/entries/penalties.js';
import { confirmedVisibility, OWES_REPORT, penaltyStepProblem } from '../domain/penalty-ladder.js';
import { stateOf } from '../domain/projections/penalties.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { PENALTY_ACTION_STEP, penaltyPolicy, type PenaltyStepAction } from '../policy/penalty.js';
import { penaltyFactsOf, presentPenalty, presentPenaltySummary } from '../policy/penalty-presenter.js';
import * as penalties from '../store/repositories/penalties.js';
import type { PenaltyFilters } from '../store/repositories/penalties.js';
import { inTransaction, type Services } from './context.js';
import { notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

export async function getPenalty(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await penalties.unsafeFindPenalty(s.db, id);
  if (!row) throw notFound(`penalty ${id}`);
  const now = s.clock();
  penaltyPolicy.authorize(viewer, 'read', penaltyFactsOf(row, now), `penalty ${id}`);
  return presentPenalty(row, viewer, now, await penalties.unsafePenaltyEvents(s.db, id));
}

export const MAX_PENALTIES = 200;

/** The penalties the viewer may read, newest first. */
export async function listPenaltiesFor(s: Services, viewer: Viewer | undefined, query: PenaltyFilters & { limit?: number }) {
  const { limit = 50, ...filters } = query;
  const now = s.clock();
  const visible = (['mediators', 'parties', 'public'] as const).filter((v) => canSee(viewer, v));
  const scope = visible.length === 3 ? 'all' : visible;
  const { rows, total } = await penalties.listPenalties(s.db, scope, filters, OWES_REPORT, now.toISOString(), Math.min(Math.max(limit, 1), MAX_PENALTIES));
  return { items: rows.map((r) => presentPenaltySummary(r, viewer, now)), total };
}

export async function takePenaltyStep(s: Services, viewer: Viewer | undefined, id: string, action: PenaltyStepAction, input: Record<string, unknown>) {
  const type = PENALTY_ACTION_STEP[action];
  const idx = await inTransaction(s, async (tx) => {
    const row = await penalties.unsafeFindPenalty(tx, id);
    if (!row) throw notFound(`penalty ${id}`);
    const now = s.clock();
    penaltyPolicy.authorize(viewer, action, penaltyFactsOf(row, now), `penalty ${id}`);
    const problem = penaltyStepProblem(type, stateOf(row), now);
    if (problem) throw new ServiceError('conflict', problem);
    // Confirming public naming publishes the penalty; every other step keeps the penalty's audience.
    const visibility = type === 'penalty.confirmed' ? confirmedVisibility(row.consequence as Consequence) : (row.visibility as Visibility);
    const recorded = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, { type, subject: id, visibility, body: input as never });
    return recorded.idx;
  });
  return { penalty: await getPenalty(s, viewer, id), entry: { index: idx, type } };
}
