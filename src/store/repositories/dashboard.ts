/**
 * SQL for the dashboard: aggregates (GROUP BY) over the incidents a viewer
 * may read. Access rules arrive as a ReadScope, turned into the same filter
 * the incident list uses (./incidents.ts), so no count includes a record the
 * viewer could not open; an issued finding is counted only where the viewer
 * may also read the finding itself (its publication level, narrowed by the
 * incident's visibility, as src/policy/incident-presenter.ts decides).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ReadScope } from '../../domain/visibility.js';
import type { Db } from '../db.js';

/** Statuses an incident with an issued finding can be in (rejected and merged incidents never had one). */
const ISSUED_STATUSES = ['finding_issued', 'remedy', 'closed'];

/** The incident list's visibility rule, as raw SQL over `incidents`. */
function incidentScope(scope: ReadScope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const vis = sql.join(scope.visibilities.map((v) => sql`${v}`));
  return scope.ownerOrg
    ? sql<boolean>`(visibility IN (${vis}) OR complainant_org = ${scope.ownerOrg})`
    : sql<boolean>`visibility IN (${vis})`;
}

/** The issued finding is readable too: its publication level is one the viewer may read, or the viewer's organisation filed the complaint. */
function findingScope(scope: ReadScope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const vis = sql.join(scope.visibilities.map((v) => sql`${v}`));
  const publication = sql`(record->'finding'->'body'->>'publication')`;
  return scope.ownerOrg
    ? sql<boolean>`(${publication} IN (${vis}) OR complainant_org = ${scope.ownerOrg})`
    : sql<boolean>`${publication} IN (${vis})`;
}

const ISSUED_AT = sql`(record->'finding'->>'issued_at')`;
/** Monday 00:00 (UTC) of the ISO week; formatted (YYYY-MM-DD) only after grouping, once per group rather than per row. */
const weekOf = (t: ReturnType<typeof sql>) => sql<string>`date_trunc('week', (${t})::timestamptz AT TIME ZONE 'UTC')`;
const WEEK_TEXT = sql<string>`to_char(week, 'YYYY-MM-DD')`;

export interface WeeklyCount { week: string; key: string | null; count: number }
export interface WeeklyFindingCount extends WeeklyCount { determination: string }
export interface PendingCount { step: string; pending_on: string; open: number; overdue: number }

/** Complaints filed since `from` (ISO time), per week and accused party, and per week and category. */
export async function allegationsByWeek(db: Db, scope: ReadScope, from: string): Promise<{ byParty: WeeklyCount[]; byCategory: WeeklyCount[] }> {
  const rows = (await sql<{ week: string; party: string | null; category: string | null; by_party: boolean; count: number }>`
    SELECT ${WEEK_TEXT} AS week, party, category, (GROUPING(category) = 1) AS by_party, count(*)::int AS count
    FROM (
      SELECT ${weekOf(sql`filed_at`)} AS week, accused_party AS party, category
      FROM incidents
      WHERE ${incidentScope(scope)} AND filed_at >= ${from}::timestamptz
    ) f
    GROUP BY GROUPING SETS ((week, party), (week, category))
    ORDER BY week, party, category`.execute(db)).rows;
  return {
    byParty: rows.filter((r) => r.by_party).map((r) => ({ week: r.week, key: r.party, count: r.count })),
    byCategory: rows.filter((r) => !r.by_party).map((r) => ({ week: r.week, key: r.category, count: r.count })),
  };
}

/**
 * Findings issued since `from`, per week, party and determination, and per
 * week, category and determination. The party is the one the finding holds
 * responsible, else the accused party of the complaint.
 */
export async function findingsByWeek(db: Db, scope: ReadScope, from: string): Promise<{ byParty: WeeklyFindingCount[]; byCategory: WeeklyFindingCount[] }> {
  const statuses = sql.join(ISSUED_STATUSES.map((s) => sql`${s}`));
  const rows = (await sql<{ week: string; party: string | null; category: string | null; determination: string; by_party: boolean; count: number }>`
    SELECT ${WEEK_TEXT} AS week, party, category, determination, (GROUPING(category) = 1) AS by_party, count(*)::int AS count
    FROM (
      SELECT ${weekOf(ISSUED_AT)} AS week,
             coalesce(record->'finding'->'body'->>'responsible_party', accused_party) AS party, category,
             record->'finding'->'body'->>'determination' AS determination
      FROM incidents
      WHERE status IN (${statuses}) AND ${ISSUED_AT} IS NOT NULL AND ${ISSUED_AT} >= ${from}
        AND ${incidentScope(scope)} AND ${findingScope(scope)}
    ) f
    GROUP BY GROUPING SETS ((week, party, determination), (week, category, determination))
    ORDER BY week, party, category, determination`.execute(db)).rows;
  return {
    byParty: rows.filter((r) => r.by_party).map((r) => ({ week: r.week, key: r.party, determination: r.determination, count: r.count })),
    byCategory: rows.filter((r) => !r.by_party).map((r) => ({ week: r.week, key: r.category, determination: r.determination, count: r.count })),
  };
}

/** Incidents waiting for a lifecycle step, per step and who owes it, and how many of them are past their deadline at `now`. */
export async function pendingSteps(db: Db, scope: ReadScope, now: string): Promise<PendingCount[]> {
  return (await sql<PendingCount>`
    SELECT pending_step AS step, pending_on, count(*)::int AS open,
           (count(*) FILTER (WHERE deadline_at < ${now}::timestamptz))::int AS overdue
    FROM incidents
    WHERE pending_step IS NOT NULL AND ${incidentScope(scope)}
    GROUP BY pending_step, pending_on
    ORDER BY pending_step, pending_on`.execute(db)).rows;
}
