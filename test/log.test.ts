// The ledger service end to end: the integrator folds committed entries into
// C2SP tlog-tiles hash tiles and signed checkpoints; the server serves them
// under /log; the real `annex audit` CLI verifies them over HTTP, across a
// restart (resumed from stored tiles) with a consistency proof. Tests share
// one env and run in order: each builds on the log the previous one left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { equal, fromUtf8 } from '../src/ledger/bytes.js';
import { openCheckpoint } from '../src/ledger/checkpoint.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { decodeBundle, decodeTile } from '../src/ledger/tiles.js';
import { LogIntegrityError } from '../src/log/integrate.js';
import { startIntegrator } from '../src/log/integrator.js';
import { upsertTiles } from '../src/store/repositories/log.js';
import { inTransaction, makeServices } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { addUser, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import type { App } from '../src/api/server.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

const ORIGIN = 'log.annex.example/log';
let env: TestEnv;
before(async () => {
  env = await openTestEnv();
});
after(() => env.close());

/** The app on a real loopback port (once per app instance: reopen makes a new one). */
const listening = new WeakMap<App, string>();
async function base(): Promise<string> {
  let url = listening.get(env.app);
  if (!url) {
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    listening.set(env.app, (url = `${address}/log`));
  }
  return url;
}

async function get(path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await fetch(`${await base()}/${path}`);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The real CLI as a child process (async: this process is serving it). */
function annex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

async function vkey(): Promise<string> {
  const r = await get('vkey');
  assert.equal(r.status, 200);
  return fromUtf8(r.bytes).trim();
}

/** `n` public entries in one transaction (a bulk configuration change). */
async function appendEntries(n: number, tag: string): Promise<void> {
  const s = env.services;
  await inTransaction(s, async (tx) => {
    for (let i = 0; i < n; i++) {
      await record(tx, s, { org: 'SEC', userId: 'system' }, {
        type: 'workspace.configured', subject: 'workspace', visibility: 'public',
        body: { clauses: [{ id: `${tag}-${i}`, title: `Clause ${tag} ${i}`, text: `Text of clause ${i}.` }] },
      });
    }
  });
}

test('before the workspace exists there is no log; then its entries are integrated', async () => {
  assert.equal(await env.integrator.integrate(), undefined);
  for (const path of ['checkpoint', 'vkey', 'tile/0/000.p/1', 'tile/entries/000.p/1']) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.equal(JSON.parse(fromUtf8(r.bytes)).error.code, 'not_found');
  }
  const s = env.services;
  await createWorkspace(s, { name: 'Log test', origin: ORIGIN, secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await registerOrganisation(s, 'system', { id: 'IND', kind: 'party', name: 'India' });
  await addUser(s, 'system', { id: 'pak-liaison', org: 'PAK', display_name: 'PAK liaison', roles: ['liaison'] });
  const cp = await env.integrator.integrate();
  assert.equal(cp?.size, 5);
  assert.equal(cp?.origin, ORIGIN);
});

test('the checkpoint, tiles and bundles are served and the real CLI audits them over HTTP', async () => {
  const cp = await get('checkpoint');
  assert.equal(cp.status, 200);
  assert.equal(cp.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(cp.headers.get('cache-control'), 'no-cache');
  const key = await vkey();
  const opened = openCheckpoint(nodeCrypto, cp.bytes, key);
  assert.equal(opened.checkpoint.size, 5);
  assert.equal(opened.checkpoint.origin, ORIGIN);

  const tile = await get('tile/0/000.p/5');
  assert.equal(tile.status, 200);
  assert.equal(tile.headers.get('content-type'), 'application/octet-stream');
  assert.equal(decodeTile(tile.bytes, 5).length, 5);
  // Bodies that are not public are in the log only as salted commitments.
  const entries = decodeBundle((await get('tile/entries/000.p/5')).bytes, 5).map((e) => JSON.parse(fromUtf8(e)));
  const user = entries.find((e) => e.type === 'user.added');
  assert.match(user.sealed, /^[A-Za-z0-9+/=_-]+$/);
  assert.equal(user.body, undefined);
  assert.doesNotMatch(JSON.stringify(entries), /PAK liaison/);

  const r = await annex('audit', await base(), '--vkey', key);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^OK log\.annex\.example\/log/);
  assert.match(r.stdout, /tree size\s+5\n/);
});

test('more than 256 entries: full tiles, partial-width prefixes, nothing beyond the checkpoint', async () => {
  // Stop the background integrator so the committed-but-not-integrated state is observable.
  await env.integrator.stop();
  await appendEntries(300, 'a');
  const status = await env.app.inject({ method: 'GET', url: '/api/log' });
  // Without a witness policy the signed checkpoint is the published one.
  assert.deepEqual(status.json(), {
    size: 305, checkpoint_size: 5, checkpoint_age_seconds: 0, published_size: 5, published_age_seconds: 0, pending: 300, witnesses: [],
  });
  for (const path of ['tile/entries/000', 'tile/entries/000.p/6', 'tile/0/000.p/6', 'tile/0/000']) {
    assert.equal((await get(path)).status, 404, `${path} is beyond checkpoint 5`);
  }

  env.integrator = startIntegrator(env.services);
  const cp = await env.integrator.integrate();
  assert.equal(cp?.size, 305);
  env.clock.now = new Date(env.clock.now.getTime() + 7000);
  const after = await env.app.inject({ method: 'GET', url: '/api/log' });
  assert.deepEqual(after.json(), {
    size: 305, checkpoint_size: 305, checkpoint_age_seconds: 7, published_size: 305, published_age_seconds: 7, pending: 0, witnesses: [],
  });

  const full = await get('tile/0/000');
  assert.equal(full.status, 200);
  assert.equal(full.bytes.length, 256 * 32);
  assert.equal(full.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  // §Partial Tiles: width W is the first W hashes, for this and every older checkpoint size.
  const partial = await get('tile/0/001.p/49');
  assert.equal(partial.status, 200);
  assert.equal(partial.bytes.length, 49 * 32);
  const prefix = await get('tile/0/001.p/3');
  assert.ok(equal(prefix.bytes, partial.bytes.subarray(0, 96)));
  assert.ok(equal((await get('tile/0/000.p/5')).bytes, full.bytes.subarray(0, 160)), 'checkpoint 5 still has its tile');
  assert.equal((await get('tile/0/001.p/50')).status, 404, 'wider than stored');
  assert.equal((await get('tile/0/001')).status, 404);
  assert.equal((await get('tile/1/000.p/1')).bytes.length, 32);
  assert.equal((await get('tile/1/000.p/2')).status, 404);
  // Bundles come from ledger_entries, up to the checkpoint and no further.
  assert.equal(decodeBundle((await get('tile/entries/000')).bytes, 256).length, 256);
  assert.equal(decodeBundle((await get('tile/entries/001.p/49')).bytes, 49).length, 49);
  // The store never rewrites a full tile nor narrows a row, whatever it is given.
  await upsertTiles(env.store.db, [
    { level: 0, idx: 0, width: 256, bytes: new Uint8Array(256 * 32) },
    { level: 0, idx: 1, width: 3, bytes: new Uint8Array(3 * 32) },
  ]);
  assert.ok(equal((await get('tile/0/000')).bytes, full.bytes));
  assert.ok(equal((await get('tile/0/001.p/49')).bytes, partial.bytes));
  await appendEntries(1, 'late');
  assert.equal((await get('tile/entries/001.p/50')).status, 404, 'committed but not in a checkpoint yet');
  assert.equal((await get('tile/entries/001.p/49')).status, 200);
  await env.integrator.integrate();
});

test('malformed tile paths are 404 JSON errors, never 500s', async () => {
  const bad = [
    'tile/0/0', 'tile/0/0000', 'tile/00/000', 'tile/64/000', 'tile/-1/000', 'tile/a/000', 'tile/0/x000/001', 'tile/0/x001',
    'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/01', 'tile/0/000.p/', 'tile/0/000/', 'tile/0/000.p/1/x',
    'tile/entries/000.p/0', 'tile/entries/0', 'tile/entries/x1/000', 'tile/0/%2e%2e/000', 'tile/0/000%00', 'tile/',
    `tile/0/${'x999/'.repeat(8)}000`, `tile/0/${'9'.repeat(5000)}`, 'tile/9/000', 'tile/0/999',
  ];
  for (const path of bad) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/, path);
    const body = JSON.parse(fromUtf8(r.bytes));
    assert.equal(body.error.code, 'not_found', path);
    assert.doesNotMatch(body.error.message, /\n\s+at /, 'no stack trace');
  }
  const paths = (await env.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
  for (const p of ['/log/checkpoint', '/log/vkey', '/log/witnesses', '/api/log']) assert.ok(paths[p], `${p} is in the OpenAPI document`);
  // No witness policy: no witness keys.
  const keys = await env.app.inject({ method: 'GET', url: '/log/witnesses' });
  assert.equal(keys.statusCode, 200);
  assert.equal(keys.body, '');
});

test('after a restart the integrator resumes from stored tiles; the audit checks consistency with the old checkpoint', async () => {
  const old = join(env.dir, 'old.checkpoint');
  writeFileSync(old, (await get('checkpoint')).bytes);
  await env.reopen();
  // Crosses into level-0 tile 2 and grows the level-1 partial tile to width 2.
  await appendEntries(300, 'b');
  const cp = await env.integrator.integrate();
  assert.equal(cp?.size, 606);
  assert.equal((await get('tile/1/000.p/2')).bytes.length, 64);
  const r = await annex('audit', await base(), '--vkey', await vkey(), '--checkpoint', old);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /tree size\s+606\n/);
  assert.match(r.stdout, /checkpoints\s+2 verified \(1 consistency proofs\)/);
});

test('two integrators on one database take turns and sign one checkpoint per size', async () => {
  const other = makeServices({ ...env.services });
  const second = startIntegrator(other);
  try {
    // On PostgreSQL the two run on separate connections, at the same time: without
    // the integrator lock both would sign size N+40 and one would fail on the key.
    for (const tag of ['c', 'd']) {
      await appendEntries(40, tag);
      const [a, b] = await Promise.all([env.integrator.integrate(), second.integrate()]);
      assert.ok(a && b);
      assert.equal(a.size, b.size);
      assert.ok(equal(a.root, b.root));
    }
    assert.equal((await second.integrate())?.size, 686);
  } finally {
    await second.stop();
  }
  const r = await annex('audit', await base(), '--vkey', await vkey());
  assert.equal(r.code, 0, r.stderr);
});

test('a stored log that contradicts its checkpoint stops integration: logged and retried, not crashed', async () => {
  // The shared integrator would repair the tile on its next step (it keeps its tree in memory): stop it.
  await env.integrator.stop();
  const errors: string[] = [];
  const other = makeServices({ ...env.services });
  // A fresh integrator has no cached tree, so it must resume from the stored tiles.
  const watcher = startIntegrator(other, { delayMs: 20, logger: { error: (obj, msg) => errors.push(`${msg}: ${String((obj as { err: unknown }).err)}`) } });
  const db = env.store.db;
  const row = await db.selectFrom('log_tiles').select('bytes').where('level', '=', 0).where('idx', '=', 2).executeTakeFirstOrThrow();
  const tampered = Uint8Array.from(row.bytes);
  tampered[0]! ^= 1;
  await db.updateTable('log_tiles').set({ bytes: tampered }).where('level', '=', 0).where('idx', '=', 2).execute();
  try {
    await appendEntries(1, 'e');
    await assert.rejects(watcher.integrate(), LogIntegrityError);
    watcher.wake();
    for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(errors[0] ?? '', /log integration failed.*stored tiles do not produce the root/);
  } finally {
    await db.updateTable('log_tiles').set({ bytes: row.bytes }).where('level', '=', 0).where('idx', '=', 2).execute();
  }
  assert.equal((await watcher.integrate())?.size, 687);
  await watcher.stop();
  env.integrator = startIntegrator(env.services);
});
