/**
 * Opening the database: Kysely over the `pg` driver, either to a PostgreSQL
 * server (DATABASE_URL) or to an embedded PGlite in `<dataDir>/pgdata`,
 * reached through PGlite's node-postgres adapter (pool size 1: PGlite is
 * single-connection, and the adapter breaks with more). We own the PGlite
 * instance and close it after the pool. The data directory is locked first
 * (src/store/lock.ts): PGlite does not lock, and two writers lose data.
 * Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.js';
import { migrations } from './migrations/index.js';
import { ReconnectingPool } from './reconnecting-pool.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location, without credentials. */
  where: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Data directory; holds pgdata/ for PGlite. Created if missing. */
  dataDir: string;
  /** postgres://… to use a PostgreSQL server instead of PGlite. */
  databaseUrl?: string | undefined;
  /** Skip the data-directory lock (the caller already holds it). */
  locked?: boolean;
  /**
   * Open the database as it is, for reading (annex verify): no directory is
   * created and no migration runs; a database not migrated to this version's
   * schema is refused with SchemaVersionError.
   */
  readOnly?: boolean;
}

/** The database's schema is not this version's: it has migrations to run first. */
export class SchemaVersionError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(`the database has not been migrated to this version of Annex (pending: ${pending.join(', ')}); start annex serve on it once, then try again`);
    this.name = 'SchemaVersionError';
  }
}

// int8 → number (indexes and sizes stay far below 2^53), timestamptz → ISO
// string in UTC, date → 'YYYY-MM-DD' as stored: rows compare exactly with
// what src/domain/projection.ts computes.
const parsers: Record<number, (v: string) => unknown> = {
  20: Number,
  1184: (v) => new Date(v).toISOString(),
  1114: (v) => new Date(`${v}Z`).toISOString(),
  1082: (v) => v,
};
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const p = parsers[oid];
    return p && format !== 'binary' ? p : pg.types.getTypeParser(oid, format);
  },
};

/**
 * pg emits 'error' on the pool when an idle client's connection fails (the
 * server restarted, an administrator terminated it, a network drop); with no
 * listener that event crashes the process. The pool has already discarded the
 * client and opens a new connection on the next query: log it and go on.
 * A client checked out of the pool has no pool listener: if its connection
 * dies while in use, its 'error' event would crash the process. The query
 * itself fails (and is handled where it ran); the pool discards the client
 * when it is released (pg-pool checks _queryable). One line per connection.
 */
function logDroppedConnections(pool: pg.Pool, where: string): void {
  const inUse = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('error', (err) => {
    console.error(`annex: database connection to ${where} was dropped while idle (${err.message}); reconnecting on next use`);
  });
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (!inUse.has(client)) return; // idle: the pool's 'error' above reports it
      console.error(`annex: database connection to ${where} was dropped while in use (${err.message}); its statement fails, the next one reconnects`);
    });
  });
}

/** A postgres:// URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (!opts.readOnly) mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const prepare = opts.readOnly ? requireMigrated : migrate;
  const release = opts.locked ? () => undefined : lockDataDir(opts.dataDir);
  try {
    if (opts.databaseUrl) {
      const max = 10;
      const pool = new pg.Pool({ connectionString: opts.databaseUrl, max, types });
      logDroppedConnections(pool, redact(opts.databaseUrl));
      // A statement that met a connection the server had just dropped runs again on another (max + 1: each pooled one may be dead).
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new ReconnectingPool(pool, max + 1) }) });
      const store: Store = {
        db,
        kind: 'postgres',
        where: redact(opts.databaseUrl),
        async close() {
          await db.destroy();
          release();
        },
      };
      await prepare(db).catch(async (e: unknown) => {
        await store.close();
        throw e;
      });
      return store;
    }
    return await openPglite(opts.dataDir, release, prepare);
  } catch (e) {
    release();
    throw e;
  }
}

async function openPglite(dataDir: string, release: () => void, prepare: (db: Kysely<Database>) => Promise<void>): Promise<Store> {
  const pgdata = join(dataDir, 'pgdata');
  const lite = await PGlite.create(pgdata);
  const pool = new pg.Pool({ ...createPgConfig(lite), max: 1, types } as pg.PoolConfig);
  logDroppedConnections(pool, pgdata);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  const store: Store = {
    db,
    kind: 'pglite',
    where: pgdata,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await lite.close();
      release();
    },
  };
  try {
    await prepare(db);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Refuses a database with migrations still to run (reads the migration table only; creates nothing). */
export async function requireMigrated(db: Kysely<Database>): Promise<void> {
  const pending = (await new Migrator({ db, provider }).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  if (pending.length > 0) throw new SchemaVersionError(pending);
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
