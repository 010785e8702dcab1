/**
 * A real store and app for database and API tests. PGlite in a temp dir by
 * default; with ANNEX_TEST_DATABASE_URL (PostgreSQL) a fresh database per
 * call, dropped on close. Open one per test file and share it across the
 * file's tests (PGlite costs ~0.7 GiB per instance). Every env runs the log
 * integrator, wired to onAppended; tests call `env.integrator.integrate()`
 * when they need a checkpoint now.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type App } from '../../src/api/server.js';
import { nodeCrypto } from '../../src/ledger/crypto-node.js';
import { startIntegrator, type Integrator } from '../../src/log/integrator.js';
import { publicationFor } from '../../src/log/publication.js';
import { makeServices, type Services } from '../../src/services/context.js';
import { openStore, type Store } from '../../src/store/db.js';
import { KeyRing } from '../../src/store/keys.js';
import { openBlobStore } from '../../src/store/blobs.js';

export interface TestEnv {
  dir: string;
  store: Store;
  services: Services;
  app: App;
  integrator: Integrator;
  /** Moves the services' clock. */
  clock: { now: Date };
  /**
   * Closes the app, integrator and store, then opens them again on the same
   * data (directory or PostgreSQL database): a server restart. Replaces
   * store, services, app and integrator on this object.
   */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.ANNEX_TEST_DATABASE_URL;

export async function freshPgDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `annex_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`ANNEX_TEST_DATABASE_URL is set but PostgreSQL is unreachable (${(e as Error).message})`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

interface Parts {
  store: Store;
  services: Services;
  app: App;
  integrator: Integrator;
}

async function openParts(dir: string, databaseUrl: string | undefined, clock: { now: Date }): Promise<Parts> {
  const store = await openStore({ dataDir: dir, databaseUrl });
  const services = makeServices({
    db: store.db, keys: new KeyRing(join(dir, 'keys')), crypto: nodeCrypto, blobs: openBlobStore(join(dir, 'blobs')), clock: () => clock.now,
  });
  // Publication without a witness policy: waitFor() resolves as checkpoints are signed.
  const integrator = startIntegrator(services, { onCheckpoint: () => publicationFor(services).wake() });
  try {
    return { store, services, app: await buildApp(services), integrator };
  } catch (e) {
    await integrator.stop();
    await store.close();
    throw e;
  }
}

async function closeParts(p: Parts): Promise<void> {
  await p.app.close();
  await p.integrator.stop();
  await publicationFor(p.services).stop();
  await p.store.close();
}

export async function openTestEnv(opts: { start?: Date } = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'annex-test-'));
  const pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  const clock = { now: opts.start ?? new Date('2025-10-20T08:00:00.000Z') };
  const env: TestEnv = {
    dir, clock,
    ...(await openParts(dir, pgdb?.url, clock)),
    async reopen() {
      await closeParts(env);
      Object.assign(env, await openParts(dir, pgdb?.url, clock));
    },
    async close() {
      await closeParts(env);
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}
