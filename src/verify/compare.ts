/**
 * Comparing the projected tables with the replayed state. Generic over
 * PROJECTED_TABLES, so a table added there is covered without touching this
 * file. Each stored row is read once, in key order, in pages; each
 * difference becomes one problem naming the table, the key, the column and
 * the entry whose value the row contradicts.
 */
import { PROJECTED_TABLES, type ProjectedTable, type Row } from '../domain/projection.js';
import type { Db } from '../store/db.js';
import { unsafeRowsAfter } from '../store/repositories/verify.js';
import type { ReplayedRow, ReplayState } from './replay.js';
import { show, type Problem } from './report.js';
import { differingColumns, firstDifference } from './values.js';

const PAGE = 1000;

function by(r: ReplayedRow): string {
  return `entry ${r.idx} (${r.type})`;
}

/** Problems for one stored row against what the replay says (undefined: no entry wrote it). */
export function compareRow(table: string, key: string, stored: Row, expected: ReplayedRow | undefined): Problem[] {
  const where = `${table} ${key}`;
  if (!expected) {
    return [{ kind: 'inserted', table, key, message: `${where}: row is in the table but no entry produced it` }];
  }
  if (expected.row === null) {
    return [{ kind: 'inserted', table, key, idx: expected.idx, message: `${where}: row is in the table but ${by(expected)} deleted it` }];
  }
  const exp = expected.row;
  return differingColumns(stored, exp).map((column) => {
    let message: string;
    if (!Object.hasOwn(stored, column)) {
      message = `${where}: column ${column} is not in the table but ${by(expected)} says ${show(exp[column])}`;
    } else {
      // For jsonb, name the member that differs rather than print both documents.
      const d = firstDifference(stored[column], exp[column]) ?? { path: '', stored: stored[column], expected: exp[column] };
      message = `${where}: ${column}${d.path} is ${show(d.stored)} but ${by(expected)} says ${show(d.expected)}`;
    }
    return { kind: 'changed' as const, table, key, column, idx: expected.idx, message };
  });
}

/** Rows the replay produced that the table does not hold (call after every stored row was compared). */
export function missingRows(table: string, expected: Map<string, ReplayedRow>): Problem[] {
  const out: Problem[] = [];
  for (const [key, r] of expected) {
    if (r.seen || r.row === null) continue;
    out.push({ kind: 'deleted', table, key, idx: r.idx, message: `${table} ${key}: row is missing but ${by(r)} wrote it` });
  }
  return out;
}

/**
 * Compare one projected table with the replayed state. Returns how many
 * stored rows were compared; problems go to `report`.
 */
export async function compareTable(
  db: Db,
  table: ProjectedTable,
  state: ReplayState,
  report: (p: Problem) => void,
  onRows?: (n: number) => void,
): Promise<number> {
  const keyCol = PROJECTED_TABLES[table];
  const expected = state.rows(table);
  let after: string | number | null = null;
  let count = 0;
  for (;;) {
    const rows = await unsafeRowsAfter(db, table, after, PAGE);
    for (const stored of rows) {
      const key = String(stored[keyCol]);
      const exp = expected.get(key);
      if (exp) exp.seen = true;
      for (const p of compareRow(table, key, stored, exp)) report(p);
    }
    count += rows.length;
    onRows?.(rows.length);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]![keyCol] as string | number;
  }
  for (const p of missingRows(table, expected)) report(p);
  return count;
}
