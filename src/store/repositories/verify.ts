/**
 * SQL for `annex verify` (src/verify/): everything it reads, in pages, so the
 * whole log and every projected table stream through in bounded memory.
 * Read-only; `inSnapshot` gives all the reads one consistent view.
 */
import { sql } from 'kysely';
import { PROJECTED_TABLES, type ProjectedTable, type Row } from '../../domain/projection.js';
import type { Db } from '../db.js';
import { stripGenerated } from './projection.js';

/**
 * Run `fn` in one REPEATABLE READ READ ONLY transaction: on PostgreSQL every
 * query sees the same snapshot while a server keeps appending, so the log,
 * checkpoints, tiles and tables are compared as of one instant. (PGlite has
 * a single connection and the CLI holds the data-dir lock, so nothing else
 * writes there anyway; the transaction is harmless.)
 */
export async function inSnapshot<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}

export async function headSize(db: Db): Promise<number | undefined> {
  const r = await db.selectFrom('ledger_head').select('size').where('id', '=', 1).executeTakeFirst();
  return r === undefined ? undefined : Number(r.size);
}

export interface EntryRow {
  idx: number;
  bytes: Uint8Array;
  leaf_hash: Uint8Array;
  type: string;
  subject: string;
  org: string;
  at: string;
}

/** Up to `limit` entries with idx > `after`, in index order (keyset paging: gaps show up, not skipped). */
export async function entriesAfter(db: Db, after: number | null, limit: number): Promise<EntryRow[]> {
  let q = db.selectFrom('ledger_entries').select(['idx', 'bytes', 'leaf_hash', 'type', 'subject', 'org', 'at']);
  if (after !== null) q = q.where('idx', '>', after);
  return q.orderBy('idx').limit(limit).execute();
}

export interface SealRow {
  idx: number;
  salt: Uint8Array;
  body: string;
}

/** Seals of entries first..last (inclusive). */
export async function sealsBetween(db: Db, first: number, last: number): Promise<SealRow[]> {
  return db
    .selectFrom('ledger_seals')
    .select(['idx', 'salt', 'body'])
    .where('idx', '>=', first)
    .where('idx', '<=', last)
    .orderBy('idx')
    .execute();
}

export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
}

/** Published checkpoints (log_published): the log-signed note plus the witnesses' cosignature lines. */
export async function publishedCheckpoints(db: Db): Promise<Array<{ size: number; note: string }>> {
  return db.selectFrom('log_published').select(['size', 'note']).orderBy('size').execute();
}

/** The stored checkpoint of one size. */
export async function checkpointOfSize(db: Db, size: number): Promise<CheckpointRow | undefined> {
  return db.selectFrom('log_checkpoints').select(['size', 'root', 'note']).where('size', '=', size).executeTakeFirst();
}

/** Stored checkpoints with above < size <= upTo (upTo undefined: no upper bound), by size. */
export async function checkpointsBetween(db: Db, above: number, upTo?: number): Promise<CheckpointRow[]> {
  let q = db.selectFrom('log_checkpoints').select(['size', 'root', 'note']).where('size', '>', above);
  if (upTo !== undefined) q = q.where('size', '<=', upTo);
  return q.orderBy('size').execute();
}

export interface TileKey {
  level: number;
  idx: number;
  width: number;
}

/** Which hash tiles are stored (no bytes): small enough to hold for any realistic log. */
export async function storedTileIndex(db: Db): Promise<TileKey[]> {
  return db.selectFrom('log_tiles').select(['level', 'idx', 'width']).orderBy('level').orderBy('idx').execute();
}

/** Bytes of the given stored tiles. */
export async function tileBytes(db: Db, keys: readonly { level: number; idx: number }[]): Promise<Array<TileKey & { bytes: Uint8Array }>> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('log_tiles')
    .select(['level', 'idx', 'width', 'bytes'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('level', '=', k.level), eb('idx', '=', k.idx)]))))
    .execute();
}

/**
 * Up to `limit` rows of a projected table with key > `after`, in key order,
 * generated columns removed (they are the database's, not the log's).
 */
export async function unsafeRowsAfter(db: Db, table: ProjectedTable, after: string | number | null, limit: number): Promise<Row[]> {
  const keyCol = PROJECTED_TABLES[table];
  let q = db.selectFrom(table).selectAll();
  if (after !== null) q = q.where(sql.ref(keyCol), '>', after);
  const rows = (await q.orderBy(sql.ref(keyCol)).limit(limit).execute()) as Row[];
  return rows.map((r) => stripGenerated(table, r));
}

export interface EvidenceBlobRow {
  id: string;
  sha256: string;
  entry_index: number;
}

/** Up to `limit` evidence rows with id > `after`: which blob each one names. */
export async function evidenceBlobsAfter(db: Db, after: string | null, limit: number): Promise<EvidenceBlobRow[]> {
  let q = db.selectFrom('evidence').select(['id', 'sha256', 'entry_index']);
  if (after !== null) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

export async function countEvidence(db: Db): Promise<number> {
  const r = await db.selectFrom('evidence').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Size of the latest stored checkpoint (undefined: none). */
export async function latestCheckpointSize(db: Db): Promise<number | undefined> {
  const r = await db.selectFrom('log_checkpoints').select((eb) => eb.fn.max('size').as('size')).executeTakeFirst();
  return r?.size === null || r?.size === undefined ? undefined : Number(r.size);
}
