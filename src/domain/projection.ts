/**
 * Tables are projections of the ledger. For every entry type an applier
 * (src/domain/projections/*.ts) says, purely, which rows it reads and which
 * rows it writes. Services run it inside the transaction that appends the
 * entry (src/services/recorder.ts); `annex verify` runs the same appliers over
 * the whole log in memory and compares the result with the tables, so any row
 * edited, inserted or deleted behind the system's back is reported with the
 * entry it contradicts.
 *
 * Rows are plain JSON values in exactly the form src/store/db.ts reads them
 * back (numbers, ISO timestamps, 'YYYY-MM-DD' dates, parsed jsonb).
 */
import type { JsonObject } from '../ledger/canonical-json.js';
import type { LedgerEntry } from '../ledger/entry.js';
import type { Visibility } from './visibility.js';

export const PROJECTED_TABLES = {
  workspace: 'id',
  organisations: 'id',
  users: 'id',
  incidents: 'id',
  incident_events: 'idx',
  evidence: 'id',
  custody_events: 'idx',
  counters: 'id',
  penalty_ladders: 'version',
  penalties: 'id',
  penalty_events: 'idx',
  penalty_triggers: 'id',
  crossing_reports: 'id',
  movement_tallies: 'id',
  text_documents: 'id',
  text_versions: 'id',
  text_actions: 'idx',
  text_agenda_items: 'id',
  commitments: 'id',
  commitment_events: 'idx',
  clause_versions: 'id',
  commitment_links: 'id',
} as const;
export type ProjectedTable = keyof typeof PROJECTED_TABLES;
export type RowKey = string | number;
export type Row = Record<string, unknown>;

export interface RowRef {
  table: ProjectedTable;
  key: RowKey;
}

/** Upsert (row) or delete (null) one projected row. */
export interface Change extends RowRef {
  row: Row | null;
}

/** An entry as appliers see it: the envelope, its ledger index and its (disclosed) body. */
export interface AppliedEntry {
  idx: number;
  entry: LedgerEntry;
  body: JsonObject;
  /** 'public' when the body is in the log in clear, otherwise the sealed record's visibility. */
  visibility: Visibility;
}

/** Rows an applier asked for; undefined when absent. */
export type RowLookup = (table: ProjectedTable, key: RowKey) => Row | undefined;

export class ProjectionError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ProjectionError';
  }
}

export interface Applier {
  /** Rows `apply` will read, so the caller can load them first. */
  reads(e: AppliedEntry): RowRef[];
  /** Changes the entry makes. Throws ProjectionError if the entry does not fit the state. */
  apply(e: AppliedEntry, get: RowLookup): Change[];
}

export function refKey(r: RowRef): string {
  return `${r.table}\u0000${String(r.key)}`;
}
