/**
 * Evidence bundles from a real server (GET /api/evidence/:id/bundle): the
 * file with the receipts of its lodging and custody, as a tar any tar tool
 * unpacks, checked offline by `annex receipt check`; a swapped file or entry
 * fails. Covers public, sealed-then-disclosed and sealed evidence, access,
 * and the custody entry the download records.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { concat, fromUtf8 } from '../src/ledger/bytes.js';
import { tarEnd, tarHeader, tarPadding, readTar } from '../src/ledger/receipt-tar.js';
import type { ReceiptKeys } from '../src/ledger/receipt.js';
import { lodgeEvidence } from '../src/services/evidence.js';
import { tinyPdf, tinyPng, utf8Text } from './support/files.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type TestUser, type Users } from './support/workspace.js';
import * as evidenceRepo from '../src/store/repositories/evidence.js';
import { PROJECT_ROOT } from './support/vectors.js';

let env: TestEnv;
let u: Users;
let dir: string;
let keys: ReceiptKeys;
const ev = { open: '', sealed: '', disclosed: '' };

/** The CLI as a child process. */
function annex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
  dir = mkdtempSync(join(tmpdir(), 'annex-bundle-'));
  const inc = await call(env, u.afg, 'POST', '/api/incidents', filing({ visibility: 'public' }));
  assert.equal(inc.status, 201, JSON.stringify(inc.body));
  const lodge = async (bytes: Buffer, name: string, visibility: 'public' | 'parties') =>
    (await lodgeEvidence(env.services, u.afg.viewer, inc.body.incident.id, { source: [bytes], filename: name }, { kind: 'document', visibility })).evidence.id;
  ev.open = await lodge(tinyPng(), 'map.png', 'public');
  ev.sealed = await lodge(utf8Text(), 'statement.txt', 'parties');
  ev.disclosed = await lodge(tinyPdf(), 'report.pdf', 'parties');
  const d = await call(env, u.afg, 'POST', `/api/evidence/${ev.disclosed}/disclosure`);
  assert.equal(d.status, 200, JSON.stringify(d.body));
  await env.integrator.integrate();
  const vkey = (await env.app.inject({ method: 'GET', url: '/log/vkey' })).body.trim();
  keys = { logVkey: vkey, witnessVkeys: [], quorum: 0, orgKeys: ['SEC', 'AFG', 'PAK', 'TUR'].map((o) => env.services.keys.orgVerifierKey(o)) };
});
after(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

async function bundle(user: TestUser | undefined, id: string, query = '', method: 'GET' | 'HEAD' = 'GET') {
  const r = await env.app.inject({ method, url: `/api/evidence/${id}/bundle${query}`, headers: user ? { authorization: `Bearer ${user.token}` } : {} });
  return { status: r.statusCode, headers: r.headers, bytes: new Uint8Array(r.rawPayload), text: r.body };
}

async function members(bytes: Uint8Array) {
  const out: Array<{ name: string; bytes: Uint8Array; offset: number }> = [];
  for await (const m of readTar(async (o, l) => bytes.slice(o, o + l), bytes.length)) out.push({ name: m.name, bytes: bytes.slice(m.offset, m.offset + m.size), offset: m.offset });
  return out;
}

function tar(list: Array<{ name: string; bytes: Uint8Array }>): Uint8Array {
  return concat(...list.flatMap((m) => [tarHeader(m.name, m.bytes.length, 1_760_947_200), m.bytes, tarPadding(m.bytes.length)]), tarEnd());
}

const vkeyArgs = () => ['--vkey', keys.logVkey, ...keys.orgKeys!.flatMap((k) => ['--org-vkey', k])];

async function check(name: string, bytes: Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return annex(['receipt', 'check', path, ...vkeyArgs()]);
}

/** The chain of custody as recorded (read from the store: reading it through the API would record a view). */
const custody = async (id: string): Promise<string[]> => (await evidenceRepo.unsafeCustodyOf(env.store.db, id)).map((c) => c.action);

test('a bundle is a tar of README, receipts and the file; it verifies offline and records the download', async () => {
  const r = await bundle(u.afg, ev.open, '?wait=10');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers['content-type'], 'application/x-tar');
  assert.equal(r.headers['content-disposition'], `attachment; filename="${ev.open}.annex-bundle.tar"`);
  assert.equal(Number(r.headers['content-length']), r.bytes.length);
  const list = await members(r.bytes);
  assert.deepEqual(list.map((m) => m.name.replace(/\/\d+-/, '/N-')), [
    `${ev.open}/README.txt`, `${ev.open}/N-evidence.lodged.tlog-proof`, `${ev.open}/N-evidence.downloaded.tlog-proof`, `${ev.open}/${ev.open}.png`,
  ], 'with ?wait= the download this bundle records is in it');
  assert.deepEqual(list.at(-1)!.bytes, new Uint8Array(tinyPng()));
  assert.match(fromUtf8(list[0]!.bytes), /annex receipt check/);
  // Any tar tool unpacks it.
  const path = join(dir, 'open.tar');
  writeFileSync(path, r.bytes);
  assert.deepEqual(execFileSync('tar', ['-xOf', path, `${ev.open}/${ev.open}.png`]), tinyPng());

  const ok = await annex(['receipt', 'check', path, ...vkeyArgs()]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^OK evidence bundle ${ev.open} in test\\.annex\\.example/log\\n`));
  assert.match(ok.stdout, /file\s+EV-\d{4}-\d+\/EV-\d{4}-\d+\.png: SHA-256 [0-9a-f]{64}, the file lodged in entry \d+\n/);
  assert.match(ok.stdout, /entries\s+2 receipts verified/);
  assert.match(ok.stdout, /evidence\.downloaded\s+AFG\s+\S+\s+signature verified/);
  assert.deepEqual(await custody(ev.open), ['lodged', 'downloaded']);
});

test('a swapped file, a swapped or missing entry, or a changed byte fails', async () => {
  const good = await members((await bundle(u.afg, ev.open, '?wait=10')).bytes);
  const other = await members((await bundle(u.afg, ev.disclosed, '?wait=10')).bytes);
  const fileSwap = good.map((m, i) => (i === good.length - 1 ? { ...m, bytes: new Uint8Array(tinyPdf()) } : m));
  const r1 = await check('file-swap.tar', tar(fileSwap));
  assert.equal(r1.code, 1, r1.stdout);
  assert.match(r1.stderr, /FAILED \[ENTRY_MISMATCH\] .*is not the file lodged in entry \d+/);

  // Another evidence's lodging entry, under this bundle's name for it.
  const entrySwap = good.map((m, i) => (i === 1 ? { ...m, bytes: other[1]!.bytes } : m));
  const r2 = await check('entry-swap.tar', tar(entrySwap));
  assert.equal(r2.code, 1, r2.stdout);
  assert.match(r2.stderr, /FAILED \[BAD_ENTRY\] .*holds entry \d+ \(evidence\.lodged\)/);
  // ... and under its own name: it is about another evidence.
  const renamed = good.map((m, i) => (i === 1 ? { name: other[1]!.name.replace(ev.disclosed, ev.open), bytes: other[1]!.bytes } : m));
  const r3 = await check('entry-renamed.tar', tar(renamed));
  assert.equal(r3.code, 1, r3.stdout);
  assert.match(r3.stderr, new RegExp(`is about ${ev.disclosed}, not ${ev.open}`));
  const dropped = await check('lodging-dropped.tar', tar(good.filter((_, i) => i !== 1)));
  assert.equal(dropped.code, 1);
  assert.match(dropped.stderr, /the first receipt must be the lodging/);

  const bytes = tar(good);
  const layout = await members(bytes);
  const lodging = layout[1];
  const file = layout.at(-1);
  for (const [label, at, why] of [
    ['tar header', 10, /checksum does not match/], ['checksum', 150, /checksum does not match/], ['a receipt', lodging!.offset + 100, /lodged\.tlog-proof: /],
    ['the file', file!.offset + 5, /ENTRY_MISMATCH/], ['file padding', file!.offset + file!.bytes.length + 1, /non-zero padding/], ['the end', bytes.length - 1, /one zero block/],
  ] as const) {
    const copy = bytes.slice();
    copy[at]! ^= 0x10;
    const r = await check(`flip-${at}.tar`, copy);
    assert.equal(r.code, 1, `${label}: ${r.stdout}`);
    assert.match(r.stderr, why, label);
  }
});

test('disclosed evidence: the disclosure opens the lodged commitment and ties the file; sealed: the file is not checkable', async () => {
  const d = await bundle(u.afg, ev.disclosed, '?wait=10');
  assert.equal(d.status, 200, d.text);
  const names = (await members(d.bytes)).map((m) => m.name.replace(/\/\d+-/, '/N-'));
  assert.deepEqual(names.slice(1, 4), [`${ev.disclosed}/N-evidence.lodged.tlog-proof`, `${ev.disclosed}/N-evidence.disclosed.tlog-proof`, `${ev.disclosed}/N-evidence.downloaded.tlog-proof`]);
  const ok = await check('disclosed.tar', d.bytes);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /the file lodged in entry \d+ \(disclosed in entry \d+\)/);

  const s = await bundle(u.afg, ev.sealed);
  assert.equal(s.status, 200, s.text);
  const sealed = await check('sealed.tar', s.bytes);
  assert.equal(sealed.code, 0, sealed.stderr);
  assert.match(sealed.stdout, /NOT checked, lodged sealed and not disclosed/);
});

test('access is that of the file: 404 for who may not see it, no custody chain for who may not read it, HEAD records nothing', async () => {
  assert.equal((await bundle(u.obs, ev.sealed)).status, 404);
  assert.equal((await bundle(undefined, ev.sealed)).status, 404);
  assert.equal((await bundle(u.afg, 'EV-2025-99999')).status, 404);
  const before = await custody(ev.sealed);
  const head = await bundle(u.pak, ev.sealed, '', 'HEAD');
  assert.equal(head.status, 200);
  assert.deepEqual(await custody(ev.sealed), before, 'HEAD records no download');

  // PAK may download AFG's party evidence but not read its chain of custody: the bundle holds the lodging only.
  const p = await bundle(u.pak, ev.sealed, '?wait=10');
  assert.equal(p.status, 200, p.text);
  assert.deepEqual((await members(p.bytes)).map((m) => m.name.replace(/\/\d+-/, '/N-')).slice(1, -1), [`${ev.sealed}/N-evidence.lodged.tlog-proof`]);
  assert.deepEqual((await custody(ev.sealed)).slice(-1), ['downloaded'], 'recorded as a download');
  // Public evidence, anonymously: no custody entry is recorded (no one to name).
  const anon = await bundle(undefined, ev.open);
  assert.equal(anon.status, 200);
  assert.equal((await check('anonymous.tar', anon.bytes)).code, 0);
});
