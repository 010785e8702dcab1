/** What every service function gets: the database, keys, crypto, clock and blob store. */
import type { LedgerCrypto } from '../ledger/crypto.js';
import { MerkleHasher } from '../ledger/hasher.js';
import type { BlobStore } from '../store/blobs.js';
import type { Db } from '../store/db.js';
import type { KeyRing } from '../store/keys.js';
import { lockLedger } from '../store/repositories/ledger.js';

export interface Services {
  db: Db;
  keys: KeyRing;
  crypto: LedgerCrypto;
  hasher: MerkleHasher;
  blobs: BlobStore;
  /** Time comes from here, never from `new Date()` in domain code. */
  clock: () => Date;
  /** Called after a transaction that appended entries commits (wakes the integrator). */
  onAppended: () => void;
}

export function makeServices(parts: Omit<Services, 'hasher' | 'onAppended'> & { onAppended?: () => void }): Services {
  return { ...parts, hasher: new MerkleHasher(parts.crypto), onAppended: parts.onAppended ?? (() => undefined) };
}

/**
 * Run `fn` in one database transaction holding the ledger's write lock (see
 * lockLedger); notify the integrator after commit.
 */
export async function inTransaction<T>(s: Services, fn: (tx: Db) => Promise<T>): Promise<T> {
  const result = await s.db.transaction().execute(async (tx) => {
    await lockLedger(tx);
    return fn(tx);
  });
  s.onAppended();
  return result;
}
