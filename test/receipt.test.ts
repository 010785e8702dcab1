/**
 * Receipts from a real server (GET /api/entries/:index/receipt), checked
 * with the verifier and with the real `annex receipt check` in a child
 * process after the server is gone: it verifies, and any changed byte fails.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/api/server.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { VerificationError } from '../src/ledger/errors.js';
import { verifyReceipt, type ReceiptKeys } from '../src/ledger/receipt.js';
import { startIntegrator } from '../src/log/integrator.js';
import { publicationFor } from '../src/log/publication.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';
import { call, filing, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let dir: string;
let keys: ReceiptKeys;

/** The CLI as a child process (async: this process keeps its event loop). */
function annex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 16 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

async function receipt(index: number | string, query = '') {
  const r = await env.app.inject({ method: 'GET', url: `/api/entries/${index}/receipt${query}` });
  return { status: r.statusCode, text: r.body, headers: r.headers };
}

before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
  dir = mkdtempSync(join(tmpdir(), 'annex-receipt-'));
  for (const title of ['Mortar fire near Weesh', 'Drone over Torkham']) {
    const r = await call(env, u.afg, 'POST', '/api/incidents', filing({ title }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await env.integrator.integrate();
  const vkey = (await env.app.inject({ method: 'GET', url: '/log/vkey' })).body.trim();
  keys = { logVkey: vkey, witnessVkeys: [], quorum: 0, orgKeys: ['SEC', 'AFG', 'PAK'].map((o) => env.services.keys.orgVerifierKey(o)) };
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

async function lastIndex(): Promise<number> {
  return (await call(env, undefined, 'GET', '/api/log')).body.size - 1;
}

test('GET /api/entries/:index/receipt serves a tlog-proof that verifies, for every entry', async () => {
  const size = await lastIndex() + 1;
  for (let i = 0; i < size; i++) {
    const r = await receipt(i);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(String(r.headers['content-disposition']), new RegExp(`^attachment; filename="${i}-[a-z._]+\\.tlog-proof"$`));
    assert.match(r.text, new RegExp(`^c2sp\\.org/tlog-proof@v1\\nextra [A-Za-z0-9+/=]+\\nindex ${i}\\n`));
    const v = verifyReceipt(nodeCrypto, r.text, { ...keys, orgKeys: undefined });
    assert.equal(v.index, i);
    assert.equal(v.checkpoint.size, size);
    assert.equal(v.checkpoint.origin, 'test.annex.example/log');
  }
  const last = verifyReceipt(nodeCrypto, (await receipt(size - 1)).text, keys);
  assert.equal(last.entry.org, 'AFG');
  assert.equal(last.entrySignatureChecked, true);
});

test('an index beyond the log is 404; a malformed one 400; a huge wait 400', async () => {
  const size = await lastIndex() + 1;
  const beyond = await receipt(size + 10);
  assert.equal(beyond.status, 404);
  assert.match(JSON.parse(beyond.text).error.message, /entry \d+ not found/);
  for (const bad of ['01', '-1', 'x', '99999999999999999999']) assert.equal((await receipt(bad)).status, 400, bad);
  assert.equal((await receipt(0, '?wait=1000')).status, 400);
  assert.equal((await receipt(0, '?wait=1.5')).status, 400);
});

test('an entry not yet covered is 503 (also after ?wait=); ?wait= returns once a checkpoint covers it', async () => {
  await env.integrator.stop(); // integrates what is there, then no more
  const r = await call(env, u.pak, 'POST', '/api/incidents', filing({ title: 'Shots at the fence', accused_party: 'AFG' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const index = await lastIndex();
  const now = await receipt(index);
  assert.equal(now.status, 503);
  assert.match(JSON.parse(now.text).error.message, /entry \d+ is not yet covered by a published checkpoint .*\?wait=SECONDS/);
  const t0 = Date.now();
  const waited = await receipt(index, '?wait=1');
  assert.equal(waited.status, 503);
  assert.ok(Date.now() - t0 >= 900, 'waited about a second');
  assert.match(JSON.parse(waited.text).error.message, /after waiting 1 s/);

  const pending = receipt(index, '?wait=30');
  await new Promise((res) => setTimeout(res, 300));
  env.integrator = startIntegrator(env.services, { onCheckpoint: () => publicationFor(env.services).wake() });
  await env.integrator.integrate();
  const got = await pending;
  assert.equal(got.status, 200, got.text);
  assert.equal(verifyReceipt(nodeCrypto, got.text, keys).index, index);
});

test('a receipt fetched from a running server verifies with annex receipt check after the server is gone', async () => {
  const app = await buildApp(env.services);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const index = await lastIndex();
  const got = await annex(['receipt', 'get', url, String(index), '--wait', '5']);
  await app.close();
  assert.equal(got.code, 0, got.stderr);
  const file = join(dir, `${index}.tlog-proof`);
  writeFileSync(file, got.stdout);
  const keyFile = join(dir, 'orgs.vkeys');
  writeFileSync(keyFile, `${keys.orgKeys!.join('\n')}\n`);

  const ok = await annex(['receipt', 'check', file, '--vkey', keys.logVkey, '--org-vkey', `@${keyFile}`]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^OK entry ${index} is in test\\.annex\\.example/log\\n`));
  assert.match(ok.stdout, /type\s+incident\.filed\n/);
  assert.match(ok.stdout, /org\s+PAK \(signature verified\)/);
  assert.match(ok.stdout, /at\s+2025-10-20T08:00:00\.000Z/);
  assert.match(ok.stdout, new RegExp(`checkpoint\\s+tree size ${index + 1}, root [A-Za-z0-9+/]{43}=`));
  assert.match(ok.stdout, /cosigners\s+none/);

  // Every changed byte fails, in process (fast) ...
  const bytes = readFileSync(file);
  for (let i = 0; i < bytes.length; i++) {
    const copy = new Uint8Array(bytes);
    copy[i]! ^= 0x01 << (i % 8);
    assert.throws(() => verifyReceipt(nodeCrypto, copy, keys), VerificationError, `byte ${i}`);
  }
  // ... and with the real CLI at one byte of each part: header, extra, index, proof, checkpoint body, signature.
  const text = bytes.toString('utf8');
  const at = [5, text.indexOf('extra ') + 20, text.indexOf('\n', text.indexOf('index ')) + 3, text.indexOf('\n\n') + 5, text.lastIndexOf('— ') + 30];
  for (const i of at) {
    const copy = Buffer.from(bytes);
    copy[i]! ^= 0x04;
    const bad = join(dir, `flipped-${i}.tlog-proof`);
    writeFileSync(bad, copy);
    const r = await annex(['receipt', 'check', bad, '--vkey', keys.logVkey]);
    assert.equal(r.code, 1, `byte ${i}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^FAILED \[[A-Z0-9_]+\] .*flipped-\d+\.tlog-proof: /);
    assert.equal(r.stdout, '');
  }
});

test('annex receipt check: usage errors exit 2, a stranger key or quorum exits 1', async () => {
  const file = join(dir, 'zero.tlog-proof');
  writeFileSync(file, (await receipt(0)).text);
  const noKey = await annex(['receipt', 'check', file]);
  assert.equal(noKey.code, 2, noKey.stderr);
  assert.match(noKey.stderr, /--vkey/);
  assert.equal((await annex(['receipt', 'check', file, '--vkey', 'nope'])).code, 2);
  assert.equal((await annex(['receipt', 'check', join(dir, 'missing'), '--vkey', keys.logVkey])).code, 2);
  assert.equal((await annex(['receipt', 'check', file, '--vkey', keys.logVkey, '--quorum', '1'])).code, 2);
  const other = await annex(['keys', 'generate', 'test.annex.example/log', '--out', join(dir, 'other.key')]);
  const stranger = await annex(['receipt', 'check', file, '--vkey', other.stdout.trim()]);
  assert.equal(stranger.code, 1);
  assert.match(stranger.stderr, /FAILED \[UNVERIFIED_NOTE\]/);
});
