/**
 * Returnee / deportee movements: a party reports its count into a tally
 * (crossing, period, direction, category), a mediator reconciles the
 * parties' counts into an agreed figure; reads show each viewer the counts
 * it may see, their discrepancy, and totals. Aggregates only: the request
 * and entry schemas are strict, so no personal data field can ride along.
 */
import { asJson } from '../domain/entries.js';
import type { CountReported } from '../domain/entries/movement.js';
import { destinationOf, tallyId, tallyTotals } from '../domain/movement.js';
import type { Viewer } from '../domain/visibility.js';
import { canReadTally, canReportMovement, tallyPolicy, tallyStateProblem } from '../policy/movement.js';
import { isMember } from '../policy/crossing.js';
import { presentTally, tallyFactsOf, type TallyRow } from '../policy/movement-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as movements from '../store/repositories/movements.js';
import type { TallyFilters } from '../store/repositories/movements.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';
import { getWorkspace } from './workspace.js';

export type CountInput = CountReported;

async function checkCountReferences(db: Db, b: CountInput): Promise<void> {
  const ws = await getWorkspace(db);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  if (!ws.crossings.some((c) => c.id === b.crossing_id)) throw new ServiceError('bad_request', `crossing_id: unknown crossing ${b.crossing_id}`);
  const into = destinationOf(b.direction);
  if ((await accounts.findOrganisation(db, into))?.kind !== 'party') throw new ServiceError('bad_request', `direction: ${into} is not a party to the agreement`);
}

export async function reportMovementCount(s: Services, viewer: Viewer | undefined, input: CountInput) {
  if (!viewer) throw new ServiceError('unauthorized', 'sign in to report movements');
  if (!canReportMovement(viewer)) throw forbidden('movement counts are reported by the parties\' liaison officers');
  const id = tallyId(input);
  return inTransaction(s, async (tx) => {
    await checkCountReferences(tx, input);
    const existing = await movements.unsafeFindTally(tx, id);
    if (existing) {
      const problem = tallyStateProblem('report_count', tallyFactsOf(existing));
      if (problem) throw new ServiceError('conflict', problem);
    }
    const r = await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
      type: 'movement.count_reported', subject: id, visibility: input.visibility, body: asJson(input),
    });
    return { tally: presentTally((await movements.unsafeFindTally(tx, id))!, viewer), entry: { index: r.idx, type: r.entry.type } };
  });
}

async function authorizedTally(db: Db, viewer: Viewer | undefined, id: string, action: 'read' | 'reconcile'): Promise<TallyRow> {
  const row = await movements.unsafeFindTally(db, id);
  if (!row) throw notFound(`movement tally ${id}`);
  const facts = tallyFactsOf(row);
  tallyPolicy.authorize(viewer, action, facts, `movement tally ${id}`);
  const problem = tallyStateProblem(action, facts);
  if (problem) throw new ServiceError('conflict', problem);
  return row;
}

export async function getTally(s: Services, viewer: Viewer | undefined, id: string) {
  return presentTally(await authorizedTally(s.db, viewer, id, 'read'), viewer);
}

export interface ReconcileInput {
  agreed_count: number;
  note: string;
  publication: 'parties' | 'public';
  /** The count entries the mediator read (organisation → entry index, as the tally shows them): refused (409) if a count changed since. */
  based_on?: Record<string, number>;
}

export async function reconcileTally(s: Services, viewer: Viewer | undefined, id: string, input: ReconcileInput) {
  return inTransaction(s, async (tx) => {
    const row = await authorizedTally(tx, viewer, id, 'reconcile');
    const current = Object.fromEntries(Object.entries((row.record as { counts: Record<string, { index: number }> }).counts).map(([org, c]) => [org, c.index]));
    const body = { agreed_count: input.agreed_count, note: input.note, publication: input.publication, based_on: input.based_on ?? current };
    const r = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, {
      type: 'movement.reconciled', subject: id, visibility: input.publication, body: asJson(body),
    });
    return { tally: presentTally((await movements.unsafeFindTally(tx, id))!, viewer), entry: { index: r.idx, type: r.entry.type } };
  });
}

/** The tallies the viewer may read, each showing what the viewer may see, and totals over them. */
export async function listTallies(s: Services, viewer: Viewer | undefined, f: Omit<TallyFilters, 'publishedOnly'>) {
  // Outsiders only ever read published tallies: let the database drop the rest.
  const rows = await movements.unsafeListTallies(s.db, { ...f, publishedOnly: !isMember(viewer) });
  const items = rows.filter((r) => canReadTally(viewer, tallyFactsOf(r))).map((r) => presentTally(r, viewer));
  const totals = tallyTotals(items.map((t) => ({ counts: t.counts, agreed_count: t.reconciliation?.agreed_count ?? null })));
  // List-level actions: a count may open a tally that does not exist yet.
  const actions: Array<'report_count'> = canReportMovement(viewer) ? ['report_count'] : [];
  return { items, totals, actions };
}
