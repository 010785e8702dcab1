/** SQL for the penalty ladder and penalties. Access rules arrive as visibilities; helpers without them say `unsafe`. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Row } from '../../domain/projection.js';
import type { Visibility } from '../../domain/visibility.js';
import type { Db } from '../db.js';
import type { Database, PenaltiesTable, PenaltyEventsTable, PenaltyLaddersTable } from '../schema.js';
import { findRow } from '../unit-of-work.js';

export type LadderRow = Omit<PenaltyLaddersTable, 'rules'> & { rules: unknown };
export type PenaltyRow = Omit<PenaltiesTable, 'consequence' | 'trigger_findings' | 'record'> & { consequence: unknown; trigger_findings: unknown; record: unknown };
export type PenaltyEventRow = Omit<PenaltyEventsTable, 'body'> & { body: unknown };

/** The version in force (the one not superseded), if any ladder was adopted. */
export async function currentLadder(db: Db): Promise<LadderRow | undefined> {
  return db.selectFrom('penalty_ladders').selectAll().where('superseded_at', 'is', null)
    .orderBy('version', 'desc').limit(1).executeTakeFirst() as Promise<LadderRow | undefined>;
}

/** Every version, newest first (the ladder has few versions). */
export async function listLadders(db: Db): Promise<LadderRow[]> {
  return db.selectFrom('penalty_ladders').selectAll().orderBy('version', 'desc').execute() as Promise<LadderRow[]>;
}

export async function findLadder(db: Db, version: number): Promise<LadderRow | undefined> {
  return (await findRow(db, { table: 'penalty_ladders', key: version })) as LadderRow | undefined;
}

/** The penalty, whoever asks: callers authorise with penaltyPolicy before showing it. */
export async function unsafeFindPenalty(db: Db, id: string): Promise<PenaltyRow | undefined> {
  return (await findRow(db, { table: 'penalties', key: id })) as PenaltyRow | undefined;
}

/** The timeline, whoever asks: the presenter filters it per viewer. */
export async function unsafePenaltyEvents(db: Db, id: string): Promise<PenaltyEventRow[]> {
  return db.selectFrom('penalty_events').select(['idx', 'penalty_id', 'type', 'org', 'user_id', 'at', 'visibility', 'body'])
    .where('penalty_id', '=', id).orderBy('idx').execute() as Promise<PenaltyEventRow[]>;
}

/**
 * Incidents whose finding of a violation was issued at or after `since`
 * (ISO time), whoever may read them: the engine's input, never shown as such.
 */
export async function unsafeIssuedViolations(db: Db, since: string): Promise<Row[]> {
  return db.selectFrom('incidents').select(['id', 'category', 'visibility', 'record'])
    .where(sql<boolean>`record->'finding'->>'issued_at' >= ${since}`)
    .where(sql<boolean>`record->'finding'->'body'->>'determination' = 'violation'`)
    .orderBy('id').execute() as Promise<Row[]>;
}

/** Trigger keys ('rule|incident') already used by these rules. */
export async function usedTriggers(db: Db, ruleIds: readonly string[]): Promise<string[]> {
  if (ruleIds.length === 0) return [];
  const rows = await db.selectFrom('penalty_triggers').select('id').where('rule_id', 'in', [...ruleIds]).execute();
  return rows.map((r) => r.id);
}

export interface PenaltyFilters {
  party?: string;
  status?: string[];
  incident?: string;
  overdue?: boolean;
}

type Eb = ExpressionBuilder<Database, 'penalties'>;

/** Types that owe a report by a due date: keep in step with OWES_REPORT in src/domain/penalty-ladder.ts. */
function filterExpr(eb: Eb, f: PenaltyFilters, owesReport: readonly string[], now: string): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (f.party) and.push(eb('party', '=', f.party));
  if (f.status?.length) and.push(eb('status', 'in', f.status));
  if (f.incident) {
    and.push(eb('id', 'in', eb.selectFrom('penalty_triggers').select('penalty_id').where('incident_id', '=', f.incident)));
  }
  if (f.overdue !== undefined) {
    // `is not null` first, so that NOT(...) of a row without a due date is true rather than NULL.
    const overdue = eb.and([eb('status', '=', 'confirmed'), eb('consequence_type', 'in', [...owesReport]), eb('due_at', 'is not', null), eb('due_at', '<', now)]);
    and.push(f.overdue ? overdue : eb.not(overdue));
  }
  return eb.and(and);
}

/** Penalties of the given visibilities ('all' for the mediators' side), newest first, and how many match. */
export async function listPenalties(
  db: Db, visibilities: readonly Visibility[] | 'all', f: PenaltyFilters, owesReport: readonly string[], now: string, limit: number,
): Promise<{ rows: PenaltyRow[]; total: number }> {
  const base = db.selectFrom('penalties').where((eb) => eb.and([
    visibilities === 'all' ? sql<boolean>`true` : eb('visibility', 'in', [...visibilities]),
    filterExpr(eb, f, owesReport, now),
  ]));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('proposed_at', 'desc').orderBy(sql`length(id)`, 'desc').orderBy('id', 'desc').limit(limit).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as PenaltyRow[], total: Number(count.n) };
}
