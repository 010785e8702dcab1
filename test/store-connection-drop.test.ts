// A PostgreSQL connection killed in the middle of a query (a server restart,
// an administrator's pg_terminate_backend) fails that query and nothing else:
// the process lives on and the next query reconnects. One killed while idle
// in the pool, before the pool noticed, costs a read or a transaction
// nothing: its first statement runs again on a new connection. Only in the
// PostgreSQL pass (ANNEX_TEST_DATABASE_URL); PGlite has no connections to drop.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../src/store/db.js';
import { ReconnectingPool } from '../src/store/reconnecting-pool.js';
import { isConnectionLost } from '../src/store/connection-errors.js';
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
    assert.ok(logged.some((l) => /was dropped while in use/.test(l)), logged.join('\n'));
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db);
    assert.equal(again.rows[0]!.one, 1);
  } finally {
    console.error = original;
    await admin.end();
    await store.close();
    await db.drop();
  }
});

/**
 * A pool whose one idle connection the server has already killed, without the
 * pool knowing yet: the socket's reading is paused (pg's client.connection.stream)
 * until `resume`, so the FATAL message and the close wait in the kernel, as
 * they do for a moment whenever a server drops idle connections.
 */
async function poolWithUnnoticedDeadClient(url: string, admin: pg.Client) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  pool.on('connect', (c) => c.on('error', () => undefined));
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  stream.pause();
  client.release();
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  for (let i = 0; i < 100; i++) {
    const alive = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (alive.rowCount === 0) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  const db = new Kysely<{ notes: { id: number; body: string } }>({ dialect: new PostgresDialect({ pool: new ReconnectingPool(pool, 3) }) });
  const backendPid = async () => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
  return { db, pid, backendPid, resumeSoon: () => setTimeout(() => stream.resume(), 50) };
}

onPostgres('a read or a transaction that meets a connection dropped while idle runs again on a new one; an autocommit write does not', async () => {
  const fresh = await freshPgDatabase(TEST_DATABASE_URL!);
  const admin = new pg.Client({ connectionString: fresh.url });
  await admin.connect();
  await admin.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  try {
    // A read: answered, from another backend than the dead one.
    const read = await poolWithUnnoticedDeadClient(fresh.url, admin);
    read.resumeSoon();
    const r = await sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(read.db);
    assert.equal(r.rows[0]!.n, 42);
    assert.notEqual(await read.backendPid(), read.pid);
    await read.db.destroy();

    // A transaction: its BEGIN met the dead connection; the whole transaction ran on a new one.
    const tx = await poolWithUnnoticedDeadClient(fresh.url, admin);
    tx.resumeSoon();
    await tx.db.transaction().execute(async (t) => {
      await t.insertInto('notes').values({ id: 1, body: 'in a transaction' }).execute();
    });
    assert.deepEqual((await admin.query('SELECT id, body FROM notes')).rows, [{ id: 1, body: 'in a transaction' }]);
    await tx.db.destroy();

    // An autocommit INSERT might have committed before a connection died, so it is never sent twice: it fails.
    const write = await poolWithUnnoticedDeadClient(fresh.url, admin);
    write.resumeSoon();
    // (The server's FATAL "terminating connection" or the socket's ECONNRESET, whichever the client reads first.)
    await assert.rejects(write.db.insertInto('notes').values({ id: 2, body: 'autocommit' }).execute(), (e: unknown) => {
      assert.ok(isConnectionLost(e), `a lost connection, not ${String(e)}`);
      return true;
    });
    assert.equal((await admin.query('SELECT count(*)::int AS n FROM notes WHERE id = 2')).rows[0].n, 0);
    // The pool let go of the dead client: the next statement simply works.
    assert.notEqual(await write.backendPid(), write.pid);
    await write.db.destroy();
  } finally {
    await admin.end();
    await fresh.drop();
  }
});
