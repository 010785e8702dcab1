/**
 * The witness over real HTTP on loopback: C2SP tlog-witness §add-checkpoint,
 * status by status, with real keys, real tiles and real proofs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCosignerVerifierKey, verifyQuorum } from '../src/ledger/cosignature.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { generateSignerKey } from '../src/ledger/note.js';
import { signCheckpoint } from '../src/ledger/checkpoint.js';
import { formatAddCheckpoint, startWitness, type RunningWitness } from '../src/witness/index.js';
import { TestLog } from '../src/witness/test-log.js';

const NOW = 1_750_000_000;

async function post(w: RunningWitness, body: string | Uint8Array): Promise<{ status: number; type: string; text: string }> {
  const r = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
}

function verifies(w: RunningWitness, log: TestLog, note: string): number {
  const q = verifyQuorum(nodeCrypto, note, log.vkey, [parseCosignerVerifierKey(nodeCrypto, w.vkey)], 1);
  return q.cosigners[0]!.time;
}

describe('witness add-checkpoint', () => {
  const log = TestLog.create('annex.test/log');
  let w: RunningWitness;
  let state: string;

  before(async () => {
    state = mkdtempSync(join(tmpdir(), 'annex-witness-'));
    w = await startWitness({ stateDir: state, logs: [log.vkey], name: 'witness.test/w1', clock: () => NOW, gossipIntervalMs: 0 });
  });
  after(() => w.close());

  test('the first checkpoint, with old 0 and no proof, is cosigned (cosignature verifies with verifyQuorum)', async () => {
    log.grow(5);
    const r = await post(w, await log.request(0));
    assert.equal(r.status, 200);
    assert.match(r.text, /^\u2014 witness\.test\/w1 [A-Za-z0-9+/=]+\n$/);
    assert.equal(verifies(w, log, log.checkpoint() + r.text), NOW);
    assert.match(w.vkey, /^witness\.test\/w1\+[0-9a-f]{8}\+/);
  });

  test('growth with a valid consistency proof is cosigned', async () => {
    for (const n of [1, 250, 7, 600]) {
      const old = log.size;
      log.grow(n);
      const r = await post(w, await log.request(old));
      assert.equal(r.status, 200, r.text);
      verifies(w, log, log.checkpoint() + r.text);
    }
    const served = await fetch(`${w.url}/checkpoints/${encodeURIComponent(log.origin)}`);
    assert.equal(served.status, 200);
    const note = await served.text();
    assert.match(note, new RegExp(`^${log.origin}\\n${log.size}\\n`));
    verifies(w, log, note);
  });

  test('the same checkpoint again (old = size, same root) is cosigned again: a retry is safe', async () => {
    const r = await post(w, await log.request(log.size));
    assert.equal(r.status, 200);
  });

  test('409 with the current size as text/x.tlog.size when old differs (old 0 discovers it)', async () => {
    const size = log.size;
    log.grow(3);
    for (const old of [0, size - 1, size + 1]) {
      const r = await post(w, formatAddCheckpoint(old, old === 0 ? [] : await log.proof(old), log.checkpoint()));
      assert.equal(r.status, 409);
      assert.equal(r.type, 'text/x.tlog.size');
      assert.equal(r.text, `${size}\n`);
    }
    assert.equal((await post(w, await log.request(size))).status, 200);
  });

  test('422 when the consistency proof does not verify; nothing changes', async () => {
    const old = log.size;
    log.grow(40);
    const proof = await log.proof(old);
    const tampered = proof.map((h, i) => (i === 1 ? h.map((b, j) => (j === 0 ? b ^ 1 : b)) : h));
    assert.equal((await post(w, formatAddCheckpoint(old, tampered, log.checkpoint()))).status, 422);
    assert.equal((await post(w, formatAddCheckpoint(old, proof.slice(1), log.checkpoint()))).status, 422);
    assert.equal((await post(w, formatAddCheckpoint(old, [...proof, proof[0]!], log.checkpoint()))).status, 422);
    const r = await post(w, formatAddCheckpoint(0, [], log.checkpoint()));
    assert.equal(r.text, `${old}\n`, 'state still at the old size');
    assert.equal((await post(w, formatAddCheckpoint(old, proof, log.checkpoint()))).status, 200);
  });

  test('404 for an unknown origin; 403 when no trusted key signed it', async () => {
    const other = TestLog.create('other.test/log').grow(2);
    assert.equal((await post(w, await other.request(0))).status, 404);
    // The right origin, signed by another key of the same name: ignored, so nothing verifies.
    const impostor = generateSignerKey(nodeCrypto, log.origin);
    const forged = signCheckpoint(nodeCrypto, { origin: log.origin, size: log.size + 1, root: log.root() }, impostor.skey);
    const r = await post(w, formatAddCheckpoint(log.size, [], forged));
    assert.equal(r.status, 403);
    // A signature line of the trusted key over other text.
    const good = log.checkpoint();
    const bad = good.replace(`\n${log.size}\n`, `\n${log.size + 1}\n`);
    assert.equal((await post(w, formatAddCheckpoint(log.size, [], bad))).status, 403);
  });

  test('400 for malformed requests; 413 past the body limit', async () => {
    const cp = log.checkpoint();
    const cases = [
      '',
      cp,
      `old 01\n\n${cp}`,
      `old -1\n\n${cp}`,
      `old ${log.size}\n${cp}`, // no empty line before the note
      `old ${log.size}\nnot-base64\n\n${cp}`,
      `old ${log.size}\nAAAA\n\n${cp}`, // a 3-byte "hash"
      `old ${log.size}\n\n${log.origin}\n${log.size}\n`, // not a signed note
      `old ${log.size + 1}\n\n${cp}`, // old > checkpoint size
      formatAddCheckpoint(log.size, [], cp).replace('old', 'new'),
      `old ${log.size}\n${`${'A'.repeat(43)}=\n`.repeat(64)}\n${cp}`, // 64 proof lines
    ];
    for (const body of cases) assert.equal((await post(w, body)).status, 400, JSON.stringify(body.slice(0, 60)));
    assert.equal((await post(w, Uint8Array.of(0x6f, 0x6c, 0x64, 0x20, 0xff, 0x0a))).status, 400, 'not UTF-8');
    assert.equal((await post(w, `old 0\n\n${'x'.repeat(70_000)}`)).status, 413);
    assert.equal((await fetch(`${w.url}/add-checkpoint`)).status, 404, 'GET is not add-checkpoint');
  });

  test('concurrent requests from one old size: exactly one is cosigned, the rest get 409', async () => {
    const old = log.size;
    const bodies: string[] = [];
    for (let i = 0; i < 8; i++) bodies.push(await log.grow(1).request(old));
    const forks = await Promise.all([1, 2, 3].map((i) => log.fork(`c${i}`).grow(i).request(old)));
    // Different sizes and different trees, all from `old`, all at once.
    const results = await Promise.all([...bodies, ...forks].map((b) => post(w, b)));
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.equal(results.filter((r) => r.status === 409).length, results.length - 1);
  });

  test('GET / reports the key and the cosigned size; unknown checkpoints are 404', async () => {
    const info = (await (await fetch(`${w.url}/`)).json()) as { vkey: string; logs: Array<{ origin: string; size: number }> };
    assert.equal(info.vkey, w.vkey);
    assert.equal(info.logs[0]!.origin, log.origin);
    assert.equal((await fetch(`${w.url}/checkpoints/nope.test%2Flog`)).status, 404);
  });
});
