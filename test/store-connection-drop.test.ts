// A PostgreSQL connection killed in the middle of a query (a server restart,
// an administrator's pg_terminate_backend) fails that query and nothing else:
// the process lives on and the next query reconnects. Only in the PostgreSQL
// pass (ANNEX_TEST_DATABASE_URL); PGlite has no connections to drop.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../src/store/db.js';
import { freshPgDatabase, TEST_DATABASE_URL } from './support/server.js';

const onPostgres: typeof test = TEST_DATABASE_URL ? test : ((() => Promise.resolve()) as unknown as typeof test);
const dir = mkdtempSync(join(tmpdir(), 'annex-drop-'));
after(() => rmSync(dir, { recursive: true, force: true }));

onPostgres('a connection terminated while a unit of work holds it fails its queries; the process survives and the next query reconnects', async () => {
  const db = await freshPgDatabase(TEST_DATABASE_URL!);
  const store = await openStore({ dataDir: dir, databaseUrl: db.url });
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.join(' '));
  try {
    // A connection held by a unit of work (as a transaction holds one) dies while checked out of the pool.
    await store.db.connection().execute(async (c) => {
      const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(c)).rows[0]!.pid;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((res) => setTimeout(res, 300)); // the socket closes while the client is still checked out
      await assert.rejects(sql`SELECT 1`.execute(c), /terminat|not queryable|Connection/i);
    });
    assert.ok(logged.some((l) => /was dropped during a query/.test(l)), logged.join('\n'));
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db);
    assert.equal(again.rows[0]!.one, 1);
  } finally {
    console.error = original;
    await admin.end();
    await store.close();
    await db.drop();
  }
});
