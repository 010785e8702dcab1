/**
 * The agreement register: reading the clauses with every version, amending
 * a clause (or registering a new one), and setting the ceasefire's D-day.
 * Each write is one `clause.versioned` or `agreement.d_day_set` entry, public.
 */
import { asJson } from '../domain/entries.js';
import { AGREEMENT_SUBJECT } from '../domain/entries/clause.js';
import type { Clause } from '../domain/entries/workspace.js';
import { currentClauseVersion } from '../domain/projections/clause.js';
import type { Viewer } from '../domain/visibility.js';
import { canManageAgreement } from '../policy/clause.js';
import { presentClause } from '../policy/clause-presenter.js';
import * as commitments from '../store/repositories/commitments.js';
import type { Db } from '../store/db.js';
import { agreementConfig, defined } from './commitments.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound } from './errors.js';
import { record } from './recorder.js';

export interface ClauseVersionInput {
  title: string;
  text: string;
  reason: string;
  agreed_on?: string;
}

async function register(db: Db) {
  const config = await agreementConfig(db);
  const clauses = (config.clauses as Clause[] | undefined) ?? [];
  return { config, clauses, dDay: (config.d_day as string | undefined) ?? null };
}

export async function getClauseRegister(s: Services) {
  const [{ config, clauses, dDay }, versions] = await Promise.all([register(s.db), commitments.listClauseVersions(s.db)]);
  return {
    d_day: dDay,
    items: clauses.map((c) => presentClause(c, currentClauseVersion(config, c.id), versions.filter((v) => v.clause_id === c.id))),
  };
}

export async function getClause(s: Services, id: string) {
  const { config, clauses } = await register(s.db);
  const clause = clauses.find((c) => c.id === id);
  if (!clause) throw notFound(`clause ${id}`);
  return presentClause(clause, currentClauseVersion(config, id), await commitments.listClauseVersions(s.db, id));
}

/** The next version of clause `id`; version 1 when the workspace has no such clause yet. */
export async function amendClause(s: Services, viewer: Viewer | undefined, id: string, input: ClauseVersionInput) {
  if (!canManageAgreement(viewer)) throw forbidden('only the mediators\' staff amend the clause register');
  const idx = await inTransaction(s, async (tx) => {
    // Numbered under the ledger lock: two amendments never claim the same version.
    const version = currentClauseVersion(await agreementConfig(tx), id) + 1;
    const recorded = await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
      type: 'clause.versioned', subject: id, visibility: 'public', body: asJson(defined({ id, version, ...input })),
    });
    return recorded.idx;
  });
  return { clause: await getClause(s, id), entry: { index: idx, type: 'clause.versioned' } };
}

export async function setDDay(s: Services, viewer: Viewer | undefined, input: { d_day: string; reason: string }) {
  if (!canManageAgreement(viewer)) throw forbidden('only the mediators\' staff set the D-day');
  const idx = await inTransaction(s, async (tx) => (await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
    type: 'agreement.d_day_set', subject: AGREEMENT_SUBJECT, visibility: 'public', body: asJson({ d_day: input.d_day, reason: input.reason }),
  })).idx);
  return { d_day: input.d_day, entry: { index: idx, type: 'agreement.d_day_set' } };
}
