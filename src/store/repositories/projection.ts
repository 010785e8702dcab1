/**
 * SQL for projected tables, generic over PROJECTED_TABLES: load the rows an
 * applier reads, write the changes it returns, and stream whole tables for
 * `annex verify`. jsonb columns are written as JSON text.
 */
import { sql } from 'kysely';
import { PROJECTED_TABLES, refKey, type Change, type ProjectedTable, type Row, type RowRef } from '../../domain/projection.js';
import type { Db } from '../db.js';

/** jsonb columns per table: written with JSON.stringify. */
const JSON_COLUMNS: Record<ProjectedTable, readonly string[]> = {
  workspace: ['config'],
  organisations: [],
  users: ['roles'],
  incidents: ['record'],
  incident_events: ['body'],
  evidence: ['record'],
  custody_events: [],
  counters: [],
  penalty_ladders: ['rules'],
  penalties: ['consequence', 'trigger_findings', 'record'],
  penalty_events: ['body'],
  penalty_triggers: [],
  crossing_reports: ['traffic_types', 'record'],
  movement_tallies: ['record'],
  text_documents: ['parties', 'record'],
  text_versions: ['clauses', 'positions'],
  text_actions: [],
  text_agenda_items: ['ruling'],
  commitments: ['record'],
  commitment_events: ['body'],
  clause_versions: [],
  commitment_links: ['conditions', 'visibility', 'remedies'],
};
/** Columns the database computes (never written, never compared). */
export const GENERATED_COLUMNS: Partial<Record<ProjectedTable, readonly string[]>> = { incidents: ['search'] };

export async function loadRows(tx: Db, refs: readonly RowRef[]): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  const byTable = new Map<ProjectedTable, Set<string | number>>();
  for (const r of refs) {
    let s = byTable.get(r.table);
    if (!s) byTable.set(r.table, (s = new Set()));
    s.add(r.key);
  }
  for (const [table, keys] of byTable) {
    const keyCol = PROJECTED_TABLES[table];
    const rows = (await tx
      .selectFrom(table)
      .selectAll()
      .where(sql.ref(keyCol), 'in', [...keys])
      .execute()) as Row[];
    for (const row of rows) out.set(refKey({ table, key: row[keyCol] as string | number }), stripGenerated(table, row));
  }
  return out;
}

export function stripGenerated(table: ProjectedTable, row: Row): Row {
  const gen = GENERATED_COLUMNS[table];
  if (!gen) return row;
  const copy = { ...row };
  for (const c of gen) delete copy[c];
  return copy;
}

function toDb(table: ProjectedTable, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = JSON_COLUMNS[table].includes(k) ? JSON.stringify(v) : v;
  return out;
}

/**
 * Write changes: the last change to each key wins (changes are whole rows or
 * deletions, so only the final state matters), then one multi-row upsert and
 * one delete per table: a batch of many entries costs a few statements.
 */
export async function writeChanges(tx: Db, changes: readonly Change[]): Promise<void> {
  const finalState = new Map<string, Change>();
  for (const c of changes) {
    const k = refKey(c);
    finalState.delete(k); // keep insertion order = order of last change
    finalState.set(k, c);
  }
  const upserts = new Map<ProjectedTable, Row[]>();
  const deletes = new Map<ProjectedTable, Array<string | number>>();
  for (const c of finalState.values()) {
    if (c.row === null) (deletes.get(c.table) ?? deletes.set(c.table, []).get(c.table)!).push(c.key);
    else (upserts.get(c.table) ?? upserts.set(c.table, []).get(c.table)!).push(c.row);
  }
  for (const [table, keys] of deletes) await tx.deleteFrom(table).where(sql.ref(PROJECTED_TABLES[table]), 'in', keys).execute();
  for (const [table, rows] of upserts) await upsertRows(tx, table, rows);
}

/** Multi-row INSERT … ON CONFLICT (key) DO UPDATE; rows with different column sets go in separate statements. */
async function upsertRows(tx: Db, table: ProjectedTable, rows: readonly Row[]): Promise<void> {
  const keyCol = PROJECTED_TABLES[table];
  const byShape = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const values = toDb(table, row);
    const shape = Object.keys(values).sort().join(',');
    (byShape.get(shape) ?? byShape.set(shape, []).get(shape)!).push(values);
  }
  for (const group of byShape.values()) {
    const cols = Object.keys(group[0]!).filter((k) => k !== keyCol);
    // Stay well below PostgreSQL's 65535 bind parameters per statement.
    const per = Math.max(1, Math.floor(30_000 / (cols.length + 1)));
    for (let i = 0; i < group.length; i += per) {
      await tx
        .insertInto(table)
        .values(group.slice(i, i + per) as never)
        .onConflict((oc) =>
          oc.column(keyCol as never).doUpdateSet(Object.fromEntries(cols.map((k) => [k, sql.ref(`excluded.${k}`)])) as never),
        )
        .execute();
    }
  }
}

/** Every row of a projected table, in key order (for `annex verify`). */
export async function unsafeAllRows(db: Db, table: ProjectedTable): Promise<Row[]> {
  const keyCol = PROJECTED_TABLES[table];
  const rows = (await db.selectFrom(table).selectAll().orderBy(sql.ref(keyCol)).execute()) as Row[];
  return rows.map((r) => stripGenerated(table, r));
}
