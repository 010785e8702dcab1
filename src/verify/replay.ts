/**
 * Replaying the log in memory: every entry through its applier
 * (src/domain/projection.ts), against a Map per projected table keyed like
 * the database. Lookups follow the recorder's contract exactly: an applier
 * sees only the rows its `reads` declared (src/services/recorder.ts loads
 * just those), so an applier that reads an undeclared row behaves here as it
 * does on the write path. Pure: no I/O.
 */
import { applierFor } from '../domain/appliers.js';
import { PROJECTED_TABLES, refKey, type AppliedEntry, type ProjectedTable, type Row, type RowKey } from '../domain/projection.js';

/** The state of one row after the replay: its value (null: deleted) and the last entry that wrote it. */
export interface ReplayedRow {
  row: Row | null;
  idx: number;
  type: string;
  /** Set by the table comparison once the stored row has been looked at. */
  seen: boolean;
}

/** An entry that does not apply to the state the entries before it give. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/**
 * Rows are frozen once written, so an applier that mutates a row it was
 * given (instead of returning a new one) fails loudly here: on the write path
 * it would have mutated a throw-away copy, and the replay would drift.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !(value instanceof Uint8Array)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function isProjectedTable(t: string): t is ProjectedTable {
  return Object.hasOwn(PROJECTED_TABLES, t);
}

export class ReplayState {
  private readonly tables = new Map<ProjectedTable, Map<string, ReplayedRow>>();

  constructor() {
    for (const t of Object.keys(PROJECTED_TABLES) as ProjectedTable[]) this.tables.set(t, new Map());
  }

  /** The current row, as an applier would load it (undefined when absent or deleted). */
  get(table: ProjectedTable, key: RowKey): Row | undefined {
    return this.tables.get(table)?.get(String(key))?.row ?? undefined;
  }

  /** Every row the entries wrote (including deletions) for one table, keyed by String(key). */
  rows(table: ProjectedTable): Map<string, ReplayedRow> {
    return this.tables.get(table)!;
  }

  /**
   * Apply one entry. Throws ReplayError naming why it does not apply (no
   * applier for its type, the applier rejecting it, or a bad change).
   */
  apply(e: AppliedEntry): void {
    const type = e.entry.type;
    const applier = applierFor(type);
    if (!applier) throw new ReplayError(`no applier for entry type "${type}"`);
    let changes;
    try {
      const allowed = new Set(applier.reads(e).map(refKey));
      changes = applier.apply(e, (table, key) => (allowed.has(refKey({ table, key })) ? this.get(table, key) : undefined));
    } catch (err) {
      throw new ReplayError(err instanceof Error ? err.message : String(err));
    }
    // Check every change before writing any, so a bad entry leaves the state as it was.
    for (const c of changes) {
      if (!isProjectedTable(c.table)) throw new ReplayError(`applier wrote to "${String(c.table)}", which is not a projected table`);
      if (c.row !== null) {
        const keyValue = c.row[PROJECTED_TABLES[c.table]];
        if (keyValue !== undefined && String(keyValue) !== String(c.key)) {
          throw new ReplayError(`applier wrote ${c.table} row ${String(c.key)} with key column ${String(keyValue)}`);
        }
      }
    }
    for (const c of changes) {
      this.tables.get(c.table)!.set(String(c.key), { row: c.row === null ? null : deepFreeze(c.row), idx: e.idx, type, seen: false });
    }
  }
}
