/** SQL for the ledger tables: sequencing entries, seals, reading entries back. */
import { sql } from 'kysely';
import type { Db } from '../db.js';

export interface NewEntry {
  bytes: Uint8Array;
  leafHash: Uint8Array;
  type: string;
  subject: string;
  org: string;
  at: string;
  /** For sealed entries: the salt and canonical body, kept private until disclosed. */
  seal?: { salt: Uint8Array; body: string } | undefined;
}

/**
 * Take the ledger's write lock for the rest of the caller's transaction.
 * Every write transaction takes it first, before reading the rows it will
 * change, so writers run one at a time in index order and the projected
 * tables always equal a replay of the log in index order (a writer that read
 * a row before another writer's entry, then appended after it, would
 * otherwise project a state no replay produces).
 */
export async function lockLedger(tx: Db): Promise<number> {
  const r = await tx.selectFrom('ledger_head').select('size').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  return Number(r.size);
}

/**
 * Insert entries (and the seals of sealed ones) at indexes first, first+1, …
 * The caller holds the ledger lock (lockLedger) and moves ledger_head with
 * setLedgerSize in the same transaction, so committed indexes have no gaps
 * (after Tessera's sequencer).
 */
export async function insertEntries(tx: Db, first: number, entries: readonly NewEntry[]): Promise<void> {
  // Chunks keep each statement below PostgreSQL's 65535 bind parameters.
  for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
    const chunk = entries.slice(start, start + INSERT_CHUNK);
    const at = first + start;
    await tx
      .insertInto('ledger_entries')
      .values(chunk.map((e, i) => ({ idx: at + i, bytes: e.bytes, leaf_hash: e.leafHash, type: e.type, subject: e.subject, org: e.org, at: e.at })))
      .execute();
    const seals = chunk.flatMap((e, i) => (e.seal ? [{ idx: at + i, salt: e.seal.salt, body: e.seal.body, disclosed_idx: null }] : []));
    if (seals.length > 0) await tx.insertInto('ledger_seals').values(seals).execute();
  }
}

const INSERT_CHUNK = 4000;

export async function setLedgerSize(tx: Db, size: number): Promise<void> {
  await tx.updateTable('ledger_head').set({ size }).where('id', '=', 1).execute();
}

/** Append entries in one statement pair and return the first index (bulk loads; the caller's transaction). */
export async function appendEntries(tx: Db, entries: readonly NewEntry[]): Promise<number> {
  if (entries.length === 0) throw new Error('appendEntries: nothing to append');
  const head = await tx
    .updateTable('ledger_head')
    .set({ size: sql`size + ${entries.length}` })
    .where('id', '=', 1)
    .returning(sql<number>`size - ${entries.length}`.as('first'))
    .executeTakeFirstOrThrow();
  const first = Number(head.first);
  await insertEntries(tx, first, entries);
  return first;
}

export async function ledgerSize(db: Db): Promise<number> {
  const r = await db.selectFrom('ledger_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(r.size);
}

export interface StoredEntry {
  idx: number;
  bytes: Uint8Array;
  leaf_hash: Uint8Array;
}

/** Entries [start, end) in index order. */
export async function readEntries(db: Db, start: number, end: number): Promise<StoredEntry[]> {
  return db
    .selectFrom('ledger_entries')
    .select(['idx', 'bytes', 'leaf_hash'])
    .where('idx', '>=', start)
    .where('idx', '<', end)
    .orderBy('idx')
    .execute();
}

export interface StoredSeal {
  idx: number;
  salt: Uint8Array;
  body: string;
  disclosed_idx: number | null;
}

export async function readSeals(db: Db, start: number, end: number): Promise<StoredSeal[]> {
  return db
    .selectFrom('ledger_seals')
    .select(['idx', 'salt', 'body', 'disclosed_idx'])
    .where('idx', '>=', start)
    .where('idx', '<', end)
    .orderBy('idx')
    .execute();
}

/** Seals of the given entries (for presenting bodies to viewers who may see them). */
export async function unsafeReadSealsFor(db: Db, idxs: readonly number[]): Promise<Map<number, StoredSeal>> {
  if (idxs.length === 0) return new Map();
  const rows = await db.selectFrom('ledger_seals').select(['idx', 'salt', 'body', 'disclosed_idx']).where('idx', 'in', [...idxs]).execute();
  return new Map(rows.map((r) => [Number(r.idx), r]));
}

export async function markDisclosed(tx: Db, idx: number, disclosedIdx: number): Promise<void> {
  await tx.updateTable('ledger_seals').set({ disclosed_idx: disclosedIdx }).where('idx', '=', idx).execute();
}
