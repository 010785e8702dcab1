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

/** Apply changes in order: upsert by key, or delete. */
export async function writeChanges(tx: Db, changes: readonly Change[]): Promise<void> {
  for (const c of changes) {
    const keyCol = PROJECTED_TABLES[c.table];
    if (c.row === null) {
      await tx.deleteFrom(c.table).where(sql.ref(keyCol), '=', c.key).execute();
      continue;
    }
    const values = toDb(c.table, c.row);
    const cols = Object.keys(values).filter((k) => k !== keyCol);
    await tx
      .insertInto(c.table)
      .values(values as never)
      .onConflict((oc) =>
        oc.column(keyCol as never).doUpdateSet(Object.fromEntries(cols.map((k) => [k, sql.ref(`excluded.${k}`)])) as never),
      )
      .execute();
  }
}

/** Every row of a projected table, in key order (for `annex verify`). */
export async function unsafeAllRows(db: Db, table: ProjectedTable): Promise<Row[]> {
  const keyCol = PROJECTED_TABLES[table];
  const rows = (await db.selectFrom(table).selectAll().orderBy(sql.ref(keyCol)).execute()) as Row[];
  return rows.map((r) => stripGenerated(table, r));
}
