/**
 * SQL for the log's own tables: the integrator's lock, hash tiles
 * (log_tiles: one row per (level, idx), the widest width built so far) and
 * signed checkpoints (log_checkpoints), plus reading committed entries in
 * index order for integration and for entry bundles; and publication's
 * tables: quorum-cosigned checkpoints (log_published) and what the server
 * knows of each witness (log_witnesses).
 */
import { sql } from 'kysely';
import type { Db } from '../db.js';

/**
 * Serialises integrators, also across server processes sharing one
 * PostgreSQL database: a transaction-scoped advisory lock (released at
 * commit or rollback), keyed by the ASCII bytes of "annexlog". Advisory locks
 * are per database and work on PGlite too. Writers never take it, so
 * integration does not block appends.
 */
export async function lockIntegrator(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(x'616e6e65786c6f67'::bigint)`.execute(tx);
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: string;
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | undefined> {
  return db.selectFrom('log_checkpoints').select(['size', 'root', 'note', 'created_at']).orderBy('size', 'desc').limit(1).executeTakeFirst();
}

export async function insertCheckpoint(tx: Db, c: StoredCheckpoint): Promise<void> {
  await tx.insertInto('log_checkpoints').values(c).execute();
}

export interface CommittedEntry {
  idx: number;
  bytes: Uint8Array;
  leaf_hash: Uint8Array;
}

/** Up to `limit` committed entries from index `start` on, in index order (one query). */
export async function readEntriesFrom(db: Db, start: number, limit: number): Promise<CommittedEntry[]> {
  return db
    .selectFrom('ledger_entries')
    .select(['idx', 'bytes', 'leaf_hash'])
    .where('idx', '>=', start)
    .orderBy('idx')
    .limit(limit)
    .execute();
}

/** The bytes of entries [start, end), in index order: an entry bundle's contents. */
export async function readEntryBytes(db: Db, start: number, end: number): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select('bytes')
    .where('idx', '>=', start)
    .where('idx', '<', end)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.bytes);
}

export interface StoredTile {
  level: number;
  idx: number;
  width: number;
  bytes: Uint8Array;
}

/** The stored rows of the given tiles (one query), keyed `level/idx`; absent tiles are missing from the map. */
export async function readTiles(db: Db, tiles: ReadonlyArray<{ level: number; idx: number }>): Promise<Map<string, StoredTile>> {
  if (tiles.length === 0) return new Map();
  const rows = await db
    .selectFrom('log_tiles')
    .select(['level', 'idx', 'width', 'bytes'])
    .where((eb) => eb.or(tiles.map((t) => eb.and([eb('level', '=', t.level), eb('idx', '=', t.idx)]))))
    .execute();
  return new Map(rows.map((r) => [`${r.level}/${r.idx}`, r]));
}

export async function readTile(db: Db, level: number, idx: number): Promise<StoredTile | undefined> {
  return db.selectFrom('log_tiles').select(['level', 'idx', 'width', 'bytes']).where('level', '=', level).where('idx', '=', idx).executeTakeFirst();
}

/**
 * Stores tiles in one multi-row upsert. A row only ever grows: the update
 * applies when the new width is larger, so a full tile (width 256) is never
 * rewritten (C2SP tlog-tiles §Merkle Tree: tiles are immutable).
 */
export async function upsertTiles(tx: Db, tiles: readonly StoredTile[]): Promise<void> {
  if (tiles.length === 0) return;
  await tx
    .insertInto('log_tiles')
    .values(tiles.map((t) => ({ level: t.level, idx: t.idx, width: t.width, bytes: t.bytes })))
    .onConflict((oc) =>
      oc
        .columns(['level', 'idx'])
        .doUpdateSet((eb) => ({ width: eb.ref('excluded.width'), bytes: eb.ref('excluded.bytes') }))
        .where('log_tiles.width', '<', (eb) => eb.ref('excluded.width')),
    )
    .execute();
}

/**
 * Overwrites tiles and a stored checkpoint whatever they held. Only the fork
 * test hook (src/log/fork-hook.ts, ANNEX_TEST_HOOKS=1) calls these: they are
 * exactly what an operator rewriting history would do.
 */
export async function overwriteTiles(tx: Db, tiles: readonly StoredTile[]): Promise<void> {
  if (tiles.length === 0) return;
  await tx
    .insertInto('log_tiles')
    .values(tiles.map((t) => ({ level: t.level, idx: t.idx, width: t.width, bytes: t.bytes })))
    .onConflict((oc) => oc.columns(['level', 'idx']).doUpdateSet((eb) => ({ width: eb.ref('excluded.width'), bytes: eb.ref('excluded.bytes') })))
    .execute();
}

export async function overwriteCheckpoint(tx: Db, c: StoredCheckpoint): Promise<void> {
  await tx.updateTable('log_checkpoints').set({ root: c.root, note: c.note, created_at: c.created_at }).where('size', '=', c.size).execute();
}

/** A checkpoint cosigned by the witness policy's quorum: the log-signed note plus the cosignature lines. */
export interface PublishedCheckpoint {
  size: number;
  note: string;
  published_at: string;
}

/** The latest quorum-cosigned checkpoint (log_published), if any. */
export async function latestPublished(db: Db): Promise<PublishedCheckpoint | undefined> {
  return db.selectFrom('log_published').select(['size', 'note', 'published_at']).orderBy('size', 'desc').limit(1).executeTakeFirst();
}

export async function readPublished(db: Db, size: number): Promise<PublishedCheckpoint | undefined> {
  return db.selectFrom('log_published').select(['size', 'note', 'published_at']).where('size', '=', size).executeTakeFirst();
}

/** Stores a published checkpoint; a later call for the same size replaces the note (it gained cosignatures). */
export async function upsertPublished(db: Db, p: PublishedCheckpoint): Promise<void> {
  await db
    .insertInto('log_published')
    .values(p)
    .onConflict((oc) => oc.column('size').doUpdateSet((eb) => ({ note: eb.ref('excluded.note') })))
    .execute();
}

/** The signed checkpoint of exactly `size`, if the log signed one. */
export async function checkpointAt(db: Db, size: number): Promise<StoredCheckpoint | undefined> {
  return db.selectFrom('log_checkpoints').select(['size', 'root', 'note', 'created_at']).where('size', '=', size).executeTakeFirst();
}

export interface WitnessState {
  vkey: string;
  /** The size this witness last cosigned (as far as this server knows). */
  size: number;
  last_ok_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export async function readWitnessStates(db: Db): Promise<WitnessState[]> {
  return db.selectFrom('log_witnesses').select(['vkey', 'size', 'last_ok_at', 'last_error', 'updated_at']).execute();
}

export async function saveWitnessState(db: Db, w: WitnessState): Promise<void> {
  await db
    .insertInto('log_witnesses')
    .values(w)
    .onConflict((oc) =>
      oc.column('vkey').doUpdateSet((eb) => ({
        size: eb.ref('excluded.size'),
        last_ok_at: eb.ref('excluded.last_ok_at'),
        last_error: eb.ref('excluded.last_error'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
