/**
 * Crash safety with a real witness process (`annex witness`), killed with
 * SIGKILL while requests are in flight. Two branches of one log race for
 * every size; whatever the kills interrupt, no size ever gets cosignatures
 * for two different roots, every cosignature returned verifies, and after
 * each restart the witness is at least as far as any cosignature it returned.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../src/ledger/bytes.js';
import { parseCosignerVerifierKey, verifyQuorum } from '../src/ledger/cosignature.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { verifyConsistency } from '../src/ledger/proof-verify.js';
import { TestLog } from '../src/witness/test-log.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Proc {
  child: ChildProcess;
  url: string;
  vkey: string;
  exited: Promise<number | null>;
}

function startProcess(state: string, vkey: string): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'witness', '--state', state, '--port', '0', '--log', vkey, '--gossip-interval', '0', '--name', 'w.test/crash'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /running at (\S+)/.exec(out)?.[1];
      const key = /verifier key\s+(\S+)/.exec(out)?.[1];
      if (url && key) ok({ child, url, vkey: key, exited });
    });
    void exited.then((code) => fail(new Error(`witness exited (${code}) before starting: ${err}`)));
  });
}

async function post(url: string, body: string): Promise<{ status: number; text: string } | undefined> {
  try {
    const r = await fetch(`${url}/add-checkpoint`, { method: 'POST', body });
    return { status: r.status, text: await r.text() };
  } catch {
    return undefined; // killed mid-request
  }
}

/** The latest cosigned size, from the witness's read-only status (`GET /`). */
async function currentSize(url: string): Promise<number> {
  const info = (await (await fetch(`${url}/`)).json()) as { logs: Array<{ size: number | null }> };
  return info.logs[0]!.size ?? 0;
}

interface Returned {
  size: number;
  root: Uint8Array;
  log: TestLog;
}

/** The witness's latest cosigned checkpoint (size 0: none). */
async function latest(url: string, origin: string): Promise<{ size: number; root?: string }> {
  const r = await fetch(`${url}/checkpoints/${encodeURIComponent(origin)}`);
  if (r.status === 404) return { size: 0 };
  const [, size, root] = (await r.text()).split('\n');
  return { size: Number(size), root: root! };
}

test('SIGKILL between and during requests: every cosignature returned lies on one append-only chain', { timeout: 120_000 }, async () => {
  const state = mkdtempSync(join(tmpdir(), 'annex-witness-crash-'));
  const base = TestLog.create('annex.test/log').grow(3);
  const returned: Returned[] = [];
  let trunk = base;
  let p = await startProcess(state, base.vkey);
  const witnessKey = p.vkey;
  for (let round = 0; round < 24; round++) {
    const size = await currentSize(p.url);
    // Two branches from what the witness holds, of different sizes: at most one can be cosigned.
    const branches = [trunk.fork(`a${round}`).grow(1), trunk.fork(`b${round}`).grow(2)];
    const sends = await Promise.all(branches.map(async (b) => ({ b, note: b.checkpoint(), body: await b.request(size) })));
    const inFlight = sends.map(async ({ b, note, body }) => ({ b, note, r: await post(p.url, body) }));
    const kill = round % 3 === 2;
    if (kill) setTimeout(() => p.child.kill('SIGKILL'), Math.floor(Math.random() * 6));
    for (const { b, note, r } of await Promise.all(inFlight)) {
      if (r?.status !== 200) continue;
      verifyQuorum(nodeCrypto, note + r.text, base.vkey, [parseCosignerVerifierKey(nodeCrypto, witnessKey)], 1);
      returned.push({ size: b.size, root: b.root(), log: b });
    }
    if (kill) {
      p.child.kill('SIGKILL');
      await p.exited;
      p = await startProcess(state, base.vkey);
      assert.equal(p.vkey, witnessKey, 'same key after a restart');
    }
    // Whatever happened, the witness holds the trunk or one of the two branches, and nothing older than it returned.
    const held = await latest(p.url, base.origin);
    const next = [trunk, ...branches].find((b) => b.size === held.size && toBase64(b.root()) === held.root);
    assert.ok(next || held.size === 0, `the witness holds a tree of size ${held.size} nobody sent`);
    for (const r of returned) assert.ok(r.size <= held.size, `after round ${round} the witness is at ${held.size}, but it returned a cosignature for ${r.size}`);
    if (next) trunk = next;
  }
  assert.ok(returned.length > 10, `only ${returned.length} cosignatures returned`);
  // One chain: sorted by size, each returned tree is a prefix of the next (RFC 9162 §2.1.4.2).
  returned.sort((x, y) => x.size - y.size);
  for (let i = 1; i < returned.length; i++) {
    const [small, large] = [returned[i - 1]!, returned[i]!];
    if (small.size === large.size) assert.equal(toBase64(small.root), toBase64(large.root), `two trees cosigned at size ${small.size}`);
    else verifyConsistency(trunk.hasher, small.size, large.size, await large.log.proof(small.size), small.root, large.root);
  }
  // The other tree at the latest size is refused.
  const top = returned[returned.length - 1]!;
  const other = base.fork('other').grow(top.size - base.size);
  assert.notEqual(toBase64(other.root()), toBase64(top.root));
  const r = await post(p.url, await other.request(top.size));
  assert.equal(r?.status, 409);
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0, 'SIGTERM stops it cleanly');
});
