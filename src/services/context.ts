/** What every service function gets: the database, keys, crypto, clock and blob store. */
import type { LedgerCrypto } from '../ledger/crypto.js';
import { MerkleHasher } from '../ledger/hasher.js';
import type { BlobStore } from '../store/blobs.js';
import type { Db } from '../store/db.js';
import type { KeyRing } from '../store/keys.js';
import { createWriter, type Writer } from '../store/writer.js';

export interface Services {
  db: Db;
  keys: KeyRing;
  crypto: LedgerCrypto;
  hasher: MerkleHasher;
  blobs: BlobStore;
  /** Time comes from here, never from `new Date()` in domain code. */
  clock: () => Date;
  /** Every write goes through it: batched transactions holding the ledger lock (src/store/writer.ts). */
  writer: Writer;
  /** Called after a transaction that appended entries commits, with how many (wakes the integrator). */
  onAppended: (count: number) => void;
}

export function makeServices(parts: Omit<Services, 'hasher' | 'onAppended' | 'writer'> & { onAppended?: (count: number) => void }): Services {
  return {
    ...parts,
    hasher: new MerkleHasher(parts.crypto),
    writer: createWriter(parts.db),
    onAppended: parts.onAppended ?? (() => undefined),
  };
}

/**
 * Run `fn` as one write job: in a transaction holding the ledger's write
 * lock, batched with concurrent jobs (src/store/writer.ts). Inside, use only
 * `tx` — on PGlite the pool has one connection, which the batch holds —
 * and never call inTransaction from inside a job: it would wait for the
 * batch that is waiting for it. Notifies the integrator after commit.
 */
export async function inTransaction<T>(s: Services, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { result, appended } = await s.writer.run(fn);
  if (appended > 0) s.onAppended(appended);
  return result;
}
