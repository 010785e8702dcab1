// `annex audit` against real logs on disk and over HTTP: an independently
// written log verifies, and every kind of tampering is caught and named.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import type { AddressInfo } from 'node:net';
import { auditLog, type AuditOptions } from '../src/ledger/audit.js';
import { directorySource, httpSource } from '../src/cli/sources.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { parseVerifierKey } from '../src/ledger/note.js';
import { VerificationError } from '../src/ledger/errors.js';
import { MerkleHasher } from '../src/ledger/hasher.js';
import { TileBuilder } from '../src/ledger/tile-builder.js';
import { appendSignatureLines, generateSignerKey } from '../src/ledger/note.js';
import { cosign, generateCosignerKey, parseCosignerSignerKey, parseCosignerVerifierKey } from '../src/ledger/cosignature.js';
import { signCheckpoint, formatCheckpoint } from '../src/ledger/checkpoint.js';
import { copyLog, writeAnnexLog, writeFiles, writeIndependentLog, type IndependentLog } from './support/logs.js';

const ORIGIN = 'independent.example/log';
let ind: IndependentLog;

before(() => {
  // The C2SP tlog-tiles spec's own example size: 273 full level-0 tiles, a
  // partial of 112, one full level-1 tile, a partial of 17, a level-2 partial of 1.
  ind = writeIndependentLog(70_000, ORIGIN, 40_000);
});

function options(vkey: string, extra: Partial<AuditOptions> = {}): AuditOptions {
  return { crypto: nodeCrypto, logKeys: [parseVerifierKey(nodeCrypto, vkey)], ...extra };
}

async function expectFailure(p: Promise<unknown>, code: string, mention: string | RegExp): Promise<VerificationError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(e instanceof VerificationError, `expected a VerificationError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  if (typeof mention === 'string') assert.ok(e.message.includes(mention), `"${e.message}" should mention ${mention}`);
  else assert.match(e.message, mention);
  return e;
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  bytes[offset % bytes.length]! ^= 0x01;
  writeFileSync(file, bytes);
}

test('audits a log written by an independent implementation (python hashlib + openssl)', async () => {
  const report = await auditLog(directorySource(ind.dir), options(ind.vkey, {
    previous: [{ text: readFileSync(ind.oldCheckpoint), where: 'old' }],
  }));
  assert.equal(report.size, 70_000);
  assert.equal(report.entries, 70_000);
  assert.equal(report.tiles, 273 + 1 + 1 + 1 + 1);
  assert.equal(report.checkpoints.length, 2);
  assert.equal(report.consistencyProofs, 1);
});

test("Annex's TileBuilder writes the same tiles and bundles as the independent writer, byte for byte", () => {
  const builder = new TileBuilder(new MerkleHasher(nodeCrypto));
  // Re-derive the independent writer's entries from its bundles, then rebuild.
  const produced = new Map<string, Uint8Array>();
  const bundles = files(ind.dir).filter((f) => f.startsWith('tile/entries/'));
  for (const b of bundles) {
    const bytes = readFileSync(join(ind.dir, b));
    for (let o = 0; o < bytes.length; ) {
      const n = bytes.readUInt16BE(o);
      builder.append(new Uint8Array(bytes.subarray(o + 2, o + 2 + n)));
      o += 2 + n;
    }
  }
  for (const f of builder.flush()) produced.set(f.path, f.bytes);
  const expected = files(ind.dir).filter((f) => f !== 'checkpoint');
  assert.deepEqual([...produced.keys()].sort(), expected);
  for (const path of expected) assert.deepEqual(produced.get(path), new Uint8Array(readFileSync(join(ind.dir, path))), path);
});

/** Replaces the base64 character at `offset` with the next one of the alphabet. */
function replaceBase64Char(path: string, offset: number): void {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = readFileSync(path);
  const at = alphabet.indexOf(String.fromCharCode(bytes[offset]!));
  if (at < 0) throw new Error(`byte ${offset} of ${path} is not a base64 character`);
  bytes[offset] = alphabet.charCodeAt((at + 1) % 64);
  writeFileSync(path, bytes);
}

test('every tampered resource of the independent log is caught and named', async () => {
  const cases: Array<{ what: string; tamper: (dir: string) => void; code: string; mention: string | RegExp }> = [
    { what: 'entry byte', tamper: (d) => flipByte(join(d, 'tile/entries/200'), 1000), code: 'MALFORMED_TILE', mention: 'tile/0/200' },
    { what: 'entry length prefix', tamper: (d) => flipByte(join(d, 'tile/entries/005'), 0), code: 'MALFORMED_TILE', mention: 'tile/entries/005' },
    { what: 'level-0 tile hash', tamper: (d) => flipByte(join(d, 'tile/0/100'), 77), code: 'MALFORMED_TILE', mention: 'tile/0/100' },
    { what: 'partial level-0 tile', tamper: (d) => flipByte(join(d, 'tile/0/273.p/112'), 5), code: 'MALFORMED_TILE', mention: 'tile/0/273.p/112' },
    { what: 'level-1 tile', tamper: (d) => flipByte(join(d, 'tile/1/000'), 4000), code: 'MALFORMED_TILE', mention: 'tile/1/000' },
    { what: 'level-2 partial tile', tamper: (d) => flipByte(join(d, 'tile/2/000.p/1'), 31), code: 'MALFORMED_TILE', mention: 'tile/2/000.p/1' },
    // Another base64 character, not a flipped bit: a flipped bit can leave the alphabet (a malformed note, not a bad signature).
    { what: 'checkpoint signature', tamper: (d) => replaceBase64Char(join(d, 'checkpoint'), readFileSync(join(d, 'checkpoint')).length - 10), code: 'BAD_SIGNATURE', mention: 'checkpoint' },
    { what: 'checkpoint size', tamper: (d) => writeFileSync(join(d, 'checkpoint'), readFileSync(join(d, 'checkpoint'), 'utf8').replace('\n70000\n', '\n69999\n')), code: 'BAD_SIGNATURE', mention: 'checkpoint' },
    { what: 'missing bundle', tamper: (d) => rmSync(join(d, 'tile/entries/042')), code: 'MISSING', mention: 'tile/entries/042' },
    { what: 'missing tile', tamper: (d) => rmSync(join(d, 'tile/1/001.p/17')), code: 'MISSING', mention: 'tile/1/001.p/17' },
    { what: 'extra entry', tamper: (d) => appendFileSync(join(d, 'tile/entries/007'), Buffer.from([0, 1, 65])), code: 'MALFORMED_TILE', mention: 'data after entry 255' },
    { what: 'truncated tile', tamper: (d) => writeFileSync(join(d, 'tile/0/007'), readFileSync(join(d, 'tile/0/007')).subarray(1)), code: 'MALFORMED_TILE', mention: 'tile/0/007' },
  ];
  for (const c of cases) {
    const dir = copyLog(ind.dir);
    try {
      c.tamper(dir);
      await expectFailure(auditLog(directorySource(dir), options(ind.vkey)), c.code, c.mention);
    } catch (e) {
      throw new Error(`${c.what}: ${(e as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a consistent re-signed tree with a swapped entry is caught by the root', async () => {
  // The log operator rewrites an entry, rebuilds every tile consistently and
  // signs a new checkpoint with the same key: the tiles agree, but an older
  // checkpoint the auditor kept does not.
  const log = writeAnnexLog([300, 1000]);
  const old = log.checkpoints[0]!.text;
  const builder = new TileBuilder(new MerkleHasher(nodeCrypto));
  for (let i = 0; i < 1000; i++) builder.append(new TextEncoder().encode(i === 12 ? '{"rewritten":true}' : `{"i":${i},"pad":"${'x'.repeat(i % 50)}"}`));
  writeFiles(log.dir, builder.flush());
  writeFileSync(join(log.dir, 'checkpoint'), signCheckpoint(nodeCrypto, { origin: 'annex.test/log', size: 1000, root: builder.root() }, log.skey));
  // Alone, the rewritten log is self-consistent...
  await auditLog(directorySource(log.dir), options(log.vkey));
  // ...but not with the checkpoint the auditor kept from before.
  await expectFailure(auditLog(directorySource(log.dir), options(log.vkey, { previous: [{ text: old, where: 'kept-300' }] })), 'ROOT_MISMATCH', 'kept-300');
});

test('rollback and split view against kept checkpoints are reported', async () => {
  const log = writeAnnexLog([100, 256, 700]);
  const [c100, c256, c700] = log.checkpoints;
  const report = await auditLog(directorySource(log.dir), options(log.vkey, {
    previous: [{ text: c100!.text, where: 'c100' }, { text: c256!.text, where: 'c256' }],
  }));
  assert.equal(report.consistencyProofs, 2);
  // Rollback: serve the 256 checkpoint while the auditor has seen 700.
  writeFileSync(join(log.dir, 'checkpoint'), c256!.text);
  await expectFailure(auditLog(directorySource(log.dir), options(log.vkey, { previous: [{ text: c700!.text, where: 'c700' }] })), 'INCONSISTENT', 'rollback');
  // Split view: a second signed checkpoint for size 256 with another root.
  writeFileSync(join(log.dir, 'checkpoint'), c700!.text);
  const fork = signCheckpoint(nodeCrypto, { origin: 'annex.test/log', size: 256, root: new Uint8Array(32).fill(9) }, log.skey);
  await expectFailure(
    auditLog(directorySource(log.dir), options(log.vkey, { previous: [{ text: c256!.text, where: 'c256' }, { text: fork, where: 'fork' }] })),
    'ROOT_MISMATCH', /c256|fork/,
  );
});

test('witness cosignatures: the quorum is enforced and cosigners are reported', async () => {
  const log = writeAnnexLog([513]);
  const witnesses = ['pak.witness', 'afg.witness', 'tur.witness'].map((n) => generateCosignerKey(nodeCrypto, n));
  const body = formatCheckpoint({ origin: 'annex.test/log', size: 513, root: parseRoot(log.checkpoints[0]!.text) });
  const lines = witnesses.slice(0, 2).map((w, i) => cosign(body, parseCosignerSignerKey(nodeCrypto, w.skey), 1_764_000_000 + i));
  writeFileSync(join(log.dir, 'checkpoint'), appendSignatureLines(log.checkpoints[0]!.text, lines));
  const witnessKeys = witnesses.map((w) => parseCosignerVerifierKey(nodeCrypto, w.vkey));
  const ok = await auditLog(directorySource(log.dir), options(log.vkey, { witnessKeys, quorum: 2 }));
  assert.deepEqual(ok.checkpoints[0]!.cosigners.map((c) => c.name).sort(), ['afg.witness', 'pak.witness']);
  await expectFailure(auditLog(directorySource(log.dir), options(log.vkey, { witnessKeys, quorum: 3 })), 'QUORUM_NOT_MET', '2 valid cosignatures of 3');
  // A cosignature line altered by one byte is a bad signature from a known key.
  const tampered = readFileSync(join(log.dir, 'checkpoint'), 'utf8').replace(/— pak\.witness (\S)/, (_m, c: string) => `— pak.witness ${c === 'A' ? 'B' : 'A'}`);
  writeFileSync(join(log.dir, 'checkpoint'), tampered);
  await auditLog(directorySource(log.dir), options(log.vkey, { witnessKeys, quorum: 2 })).then(
    () => assert.fail('tampered cosignature accepted'),
    (e: unknown) => assert.ok(e instanceof VerificationError && ['BAD_COSIGNATURE', 'BAD_SIGNATURE', 'UNVERIFIED_NOTE', 'QUORUM_NOT_MET'].includes(e.code), String(e)),
  );
});

test('a checkpoint signed by an unknown key is refused', async () => {
  const log = writeAnnexLog([10]);
  const other = generateSignerKey(nodeCrypto, 'annex.test/log');
  await expectFailure(auditLog(directorySource(log.dir), options(other.vkey)), 'UNVERIFIED_NOTE', 'checkpoint');
});

test('audits over HTTP from a base URL', async () => {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').replace(/^\/log\//, ''));
    if (path.includes('..')) return void res.writeHead(400).end();
    try {
      const bytes = readFileSync(join(ind.dir, path));
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/log`;
    const report = await auditLog(httpSource(base), options(ind.vkey));
    assert.equal(report.entries, 70_000);
    await expectFailure(auditLog(httpSource(`${base}/missing`), options(ind.vkey)), 'MISSING', '404');
  } finally {
    server.close();
  }
});

function parseRoot(note: string): Uint8Array {
  return new Uint8Array(Buffer.from(note.split('\n')[2]!, 'base64'));
}
