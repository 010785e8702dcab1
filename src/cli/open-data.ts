/**
 * Opening a data directory (or DATABASE_URL) from a CLI command that is not
 * the server. PGlite directories are opened only when no server holds them
 * (ARCHITECTURE.md "Storage"): otherwise the user is told to stop it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { makeServices, type Services } from '../services/context.js';
import { openBlobStore } from '../store/blobs.js';
import { openStore, type Store } from '../store/db.js';
import { KeyRing } from '../store/keys.js';
import { DataDirLockedError } from '../store/lock.js';
import { UsageError } from './audit-command.js';

export interface OpenData {
  dataDir: string;
  store: Store;
  services: Services;
  close(): Promise<void>;
}

export async function openDataDir(data: string, env: NodeJS.ProcessEnv = process.env, opts: { mustExist?: boolean } = {}): Promise<OpenData> {
  const dataDir = resolve(data);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (opts.mustExist && !databaseUrl && !existsSync(join(dataDir, 'pgdata'))) {
    throw new UsageError(`no Annex database in ${dataDir} (no pgdata/ there): pass --data DIR, or set DATABASE_URL for PostgreSQL`);
  }
  let store: Store;
  try {
    store = await openStore({ dataDir, databaseUrl });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new UsageError(`data directory ${e.dir} is in use by process ${e.pid} (since ${e.since}): stop the server first, or use its HTTP API`);
    }
    throw e;
  }
  const services = makeServices({
    db: store.db, keys: KeyRing.forDataDir(dataDir, env), crypto: nodeCrypto, blobs: openBlobStore(join(dataDir, 'blobs')), clock: () => new Date(),
  });
  return { dataDir, store, services, close: () => store.close() };
}
