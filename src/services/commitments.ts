/**
 * Registering, listing and reading commitments. Each write is one
 * transaction: the signed ledger entry and the projected rows together
 * (src/services/recorder.ts). Due dates, overdue and suspension depend on
 * the clock and the D-day, so they are computed here at read time.
 */
import { nextCommitmentId, reciprocalChain, standings } from '../domain/commitment.js';
import { asJson } from '../domain/entries.js';
import type { CommitmentRegistered, KrocStatus } from '../domain/entries/commitment.js';
import { currentClauseVersion } from '../domain/projections/clause.js';
import { linksOf } from '../domain/projections/commitment.js';
import type { Viewer } from '../domain/visibility.js';
import { canManageAgreement } from '../policy/clause.js';
import { canRegisterCommitment, commitmentPolicy, commitmentScope } from '../policy/commitment.js';
import {
  factsOf, presentCommitment, presentCommitmentSummary, ruleFactsOf, type CommitmentRow, type StandingContext,
} from '../policy/commitment-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as commitments from '../store/repositories/commitments.js';
import { findWorkspace, lastReferenceNumber } from '../store/repositories/workspace.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

export type CommitmentInput = Omit<CommitmentRegistered, 'id' | 'clause_version' | 'remedy_of' | 'conditional_on'> & { conditional_on?: string[] };

type Rec = Record<string, unknown>;

/** The workspace configuration (clauses, D-day); `db` may be a writer's tx. */
export async function agreementConfig(db: Db): Promise<Rec> {
  const ws = await findWorkspace(db);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  return ws.config as Rec;
}

/** Drops keys whose value is undefined: entry bodies are canonical JSON. */
export function defined<T extends Rec>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Names in a commitment must exist: unknown parties, clauses or commitments are client mistakes (400). */
export async function checkCommitmentReferences(
  db: Db, config: Rec, refs: { obligated_party?: string; clause_id?: string; conditional_on?: readonly string[] },
): Promise<void> {
  if (refs.obligated_party !== undefined) {
    const org = await accounts.findOrganisation(db, refs.obligated_party);
    if (!org || org.kind !== 'party') throw new ServiceError('bad_request', `obligated_party: ${refs.obligated_party} is not a party to the agreement`);
  }
  if (refs.clause_id !== undefined && currentClauseVersion(config, refs.clause_id) === 0) {
    throw new ServiceError('bad_request', `clause_id: unknown clause ${refs.clause_id}`);
  }
  const ids = refs.conditional_on ?? [];
  const found = new Set((await commitments.unsafeCommitmentsByIds(db, ids)).map((r) => r.id));
  const missing = ids.filter((c) => !found.has(c));
  if (missing.length > 0) throw new ServiceError('bad_request', `conditional_on: unknown commitment ${missing.join(', ')}`);
}

export async function registerCommitment(s: Services, viewer: Viewer | undefined, input: CommitmentInput) {
  if (!canRegisterCommitment(viewer)) throw forbidden('only the mediators\' staff register commitments');
  const actor = { org: viewer.org, userId: viewer.userId };
  const { id, idx } = await inTransaction(s, async (tx) => {
    const config = await agreementConfig(tx);
    const conditional_on = input.conditional_on ?? [];
    await checkCommitmentReferences(tx, config, { ...input, conditional_on });
    // Under the ledger lock, so two registrations never take the same number.
    const id = nextCommitmentId(await lastReferenceNumber(tx, 'COM'));
    const body = defined({
      ...input, id, conditional_on,
      clause_version: input.clause_id === undefined ? undefined : currentClauseVersion(config, input.clause_id),
    });
    const recorded = await record(tx, s, actor, { type: 'commitment.registered', subject: id, visibility: input.visibility, body: asJson(body) });
    return { id, idx: recorded.idx };
  });
  return { commitment: await getCommitmentFor(s, viewer, id), entry: { index: idx, type: 'commitment.registered' } };
}

/**
 * Standings of `rows` and of every commitment their chains reach (and of
 * those depending on them), with the rows to present the chains from.
 */
export async function standingContext(db: Db, rows: readonly CommitmentRow[], now: Date): Promise<StandingContext> {
  const config = await agreementConfig(db);
  const { conditions } = linksOf(await commitments.findLinks(db));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wanted = new Set<string>();
  for (const r of rows) {
    for (const l of reciprocalChain(conditions, r.id)) wanted.add(l.id);
    for (const [a, bs] of Object.entries(conditions)) if (bs.includes(r.id)) wanted.add(a);
  }
  // A dependent's standing needs its own chain too (to say whether it is suspended).
  for (const id of [...wanted]) for (const l of reciprocalChain(conditions, id)) wanted.add(l.id);
  const missing = [...wanted].filter((id) => !byId.has(id));
  for (const r of await commitments.unsafeCommitmentsByIds(db, missing)) byId.set(r.id, r);
  const dDay = (config.d_day as string | undefined) ?? null;
  const facts = new Map([...byId.values()].map((r) => [r.id, ruleFactsOf(r)]));
  return { dDay, conditions, standings: standings(facts, dDay, now), rows: byId };
}

export async function getCommitmentFor(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await commitments.unsafeFindCommitment(s.db, id);
  if (!row) throw notFound(`commitment ${id}`);
  commitmentPolicy.authorize(viewer, 'read', factsOf(row), `commitment ${id}`);
  const [ctx, events] = await Promise.all([standingContext(s.db, [row], s.clock()), commitments.unsafeCommitmentEvents(s.db, id)]);
  return presentCommitment(row, viewer, ctx, events);
}

export interface CommitmentQuery {
  party?: string;
  clause?: string;
  incident?: string;
  status?: KrocStatus[];
  overdue?: boolean;
  suspended?: boolean;
}

/**
 * The commitments the viewer may read, in registration order, filtered; with
 * the D-day they were computed against. Overdue and suspension are
 * time-dependent, so those filters apply after computing them (a register
 * holds hundreds of commitments, not millions).
 */
export async function listCommitmentsFor(s: Services, viewer: Viewer | undefined, q: CommitmentQuery) {
  const now = s.clock();
  const rows = await commitments.listCommitments(s.db, commitmentScope(viewer), { party: q.party, clause: q.clause, incident: q.incident });
  const ctx = await standingContext(s.db, rows, now);
  const items = rows
    .map((r) => presentCommitmentSummary(r, viewer, ctx))
    .filter((c) => (q.status === undefined || q.status.includes(c.status))
      && (q.overdue === undefined || c.overdue === q.overdue)
      && (q.suspended === undefined || c.suspended === q.suspended));
  // List-level actions: what the viewer may do that no listed record carries (registering a new one,
  // setting the D-day every relative deadline counts from; the same rule as POST /api/clauses/d-day).
  const actions: Array<'register' | 'set_d_day'> = [
    ...(canRegisterCommitment(viewer) ? ['register' as const] : []),
    ...(canManageAgreement(viewer) ? ['set_d_day' as const] : []),
  ];
  return { d_day: ctx.dDay, as_of: now.toISOString(), items, total: items.length, actions };
}
