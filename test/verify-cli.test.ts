// The real `annex verify` binary on a data directory, as a user runs it:
// exit 2 while another process holds the directory, 0 once it is closed,
// 1 after tampering with the problem named. With ANNEX_TEST_DATABASE_URL, the
// same against PostgreSQL while the "server" keeps its connection open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { makeServices, type Services } from '../src/services/context.js';
import { addUser, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import { openBlobStore } from '../src/store/blobs.js';
import { openStore, SchemaVersionError, type Store } from '../src/store/db.js';
import { KeyRing } from '../src/store/keys.js';
import { openTestEnv, TEST_DATABASE_URL } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

/** Registered only for the PostgreSQL pass (ANNEX_TEST_DATABASE_URL); not a skip in the PGlite pass, just not a test there. */
const onPostgres: typeof test = TEST_DATABASE_URL ? test : ((() => Promise.resolve()) as unknown as typeof test);

/** The CLI as a child process (async: this process may be holding the store meanwhile). */
function annex(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, DATABASE_URL: '', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: childEnv },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

async function populate(s: Services): Promise<void> {
  await createWorkspace(s, { name: 'CLI', origin: 'cli.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await addUser(s, 'system', { id: 'pak-liaison', org: 'PAK', display_name: 'PAK liaison', roles: ['liaison'] });
}

function services(store: Store, dir: string): Services {
  return makeServices({ db: store.db, keys: new KeyRing(join(dir, 'keys')), crypto: nodeCrypto, blobs: openBlobStore(join(dir, 'blobs')), clock: () => new Date('2025-10-20T08:00:00.000Z') });
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'annex-verify-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('annex verify on a PGlite data directory: 2 while held, 0 when clean, 1 after tampering', async () => {
  let store = await openStore({ dataDir: dir });
  try {
    await populate(services(store, dir));
    // This process holds the data-dir lock, like a running server would.
    const held = await annex(['verify', '--data', dir]);
    assert.equal(held.code, 2, held.stderr);
    assert.match(held.stderr, /is in use by process \d+ .*Stop the server first/);
    assert.doesNotMatch(held.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    await store.close();
  }

  const clean = await annex(['verify', '--data', dir]);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^OK /);
  assert.match(clean.stdout, /genesis\s+SEC, key [0-9a-f]{8}/);
  assert.match(clean.stdout, /entries\s+4 read, 4 signatures verified, 4 replayed/);
  assert.match(clean.stdout, /throughput\s+\d+ entries\/s/);

  store = await openStore({ dataDir: dir });
  await sql`UPDATE users SET display_name = 'Mallory' WHERE id = 'pak-liaison'`.execute(store.db);
  await store.close();
  const tampered = await annex(['verify', '--data', dir, '--json']);
  assert.equal(tampered.code, 1, tampered.stderr);
  const report = JSON.parse(tampered.stdout) as { ok: boolean; problems: Array<{ message: string }> };
  assert.equal(report.ok, false);
  assert.deepEqual(report.problems.map((p) => p.message), ['users pak-liaison: display_name is "Mallory" but entry 3 (user.added) says "PAK liaison"']);

  const human = await annex(['verify', '--data', dir]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /^FAILED [^\n]*\n[\s\S]*1 problem:\n {2}users pak-liaison: display_name is "Mallory" but entry 3 \(user\.added\) says "PAK liaison"\n$/);

  // A database of an older schema (here: before 006-dashboard-indexes) is refused as it is: verify migrates nothing.
  store = await openStore({ dataDir: dir });
  await sql`DROP INDEX incidents_dashboard_filed, incidents_dashboard_pending`.execute(store.db);
  await sql`DELETE FROM kysely_migration WHERE name = '006-dashboard-indexes'`.execute(store.db);
  await store.close();
  const older = await annex(['verify', '--data', dir]);
  assert.equal(older.code, 2, older.stdout + older.stderr);
  assert.equal(older.stderr, 'error: the database has not been migrated to this version of Annex (pending: 006-dashboard-indexes); start annex serve on it once, then try again\n');
  await assert.rejects(openStore({ dataDir: dir, readOnly: true }), SchemaVersionError, 'still pending: verify ran no migration');
  store = await openStore({ dataDir: dir }); // as annex serve opens it: migrated
  await store.close();
  assert.equal((await annex(['verify', '--data', dir])).code, 1, 'verifies again (the tampered row is still there)');

  for (const args of [['verify', '--data', join(dir, 'nowhere')], ['verify', '--data', dir, '--genesis-vkey', 'nonsense'], ['verify', '--data', dir, '--log-vkey', '@/no/such/file']]) {
    const r = await annex(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

// Runs in the PostgreSQL pass of CI (.ci/run sets ANNEX_TEST_DATABASE_URL); the PGlite pass has no server to test it on.
onPostgres('annex verify against PostgreSQL runs while a server holds its connection', async () => {
  const env = await openTestEnv();
  try {
    await populate(env.services);
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = new URL(env.store.where).pathname; // the env's fresh database
    const clean = await annex(['verify', '--data', env.dir], { DATABASE_URL: url.toString() });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    await sql`DELETE FROM users WHERE id = 'pak-liaison'`.execute(env.store.db);
    const r = await annex(['verify', '--data', env.dir], { DATABASE_URL: url.toString() });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /users pak-liaison: row is missing but entry 3 \(user\.added\) wrote it/);
  } finally {
    await env.close();
  }
});
