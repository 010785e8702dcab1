/**
 * The witness's state directory: one process at a time, state written before
 * a cosignature is returned, fail-stop on a failed write, and recovery from
 * what a crash can leave behind (a torn history line, a lost state file).
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { startWitness, WitnessCode, WitnessError, type RunningWitness, type StartWitnessOptions } from '../src/witness/index.js';
import { logDirName } from '../src/witness/state.js';
import { TestLog } from '../src/witness/test-log.js';

async function post(w: RunningWitness, body: string): Promise<{ status: number; text: string }> {
  const r = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body });
  return { status: r.status, text: await r.text() };
}

function setup(): { dir: string; base: TestLog; opts: StartWitnessOptions; logDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'annex-witness-'));
  const base = TestLog.create('annex.test/log').grow(10);
  return { dir, base, opts: { stateDir: dir, logs: [base.vkey], gossipIntervalMs: 0 }, logDir: join(dir, 'logs', logDirName(nodeCrypto, base.origin)) };
}

const history = (logDir: string): Array<{ size: number; root: string }> =>
  readFileSync(join(logDir, 'cosigned.log'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { size: number; root: string });

test('one witness per state directory; the key is 0600 and survives restarts', async () => {
  const { dir, opts } = setup();
  const w = await startWitness(opts);
  await assert.rejects(startWitness(opts), (e: unknown) => e instanceof WitnessError && e.code === WitnessCode.STATE_LOCKED);
  assert.equal(statSync(join(dir, 'witness.key')).mode & 0o777, 0o600);
  await w.close();
  const again = await startWitness(opts);
  assert.equal(again.vkey, w.vkey);
  await again.close();
});

test('every cosigned checkpoint is kept, in order, in cosigned.log', async () => {
  const { base, opts, logDir } = setup();
  const w = await startWitness(opts);
  const log = base.fork('a');
  let old = 0;
  for (const n of [0, 3, 1, 300]) {
    log.grow(n);
    assert.equal((await post(w, await log.request(old))).status, 200);
    old = log.size;
  }
  await w.close();
  assert.deepEqual(history(logDir).map((r) => r.size), [10, 13, 14, 314]);
});

test('a failed state write: no cosignature, the witness stops cosigning until restarted, and never cosigns a second tree of that size', async () => {
  const { base, opts, logDir } = setup();
  let w = await startWitness(opts);
  assert.equal((await post(w, await base.request(0))).status, 200);
  const x = base.fork('x').grow(5);
  const y = base.fork('y').grow(5);
  mkdirSync(join(logDir, 'state.tmp')); // the temp file cannot be created: EISDIR
  assert.equal((await post(w, await x.request(10))).status, 503);
  rmdirSync(join(logDir, 'state.tmp'));
  assert.equal((await post(w, await y.request(10))).status, 503, 'fail-stop: memory and disk may disagree');
  await w.close();
  w = await startWitness(opts);
  assert.equal((await post(w, await y.request(0))).text, '10\n', 'x was never persisted, so never cosigned');
  assert.equal((await post(w, await y.request(10))).status, 200);
  assert.equal((await post(w, await x.request(15))).status, 409, 'x at 15 is refused for good');
  await w.close();
  assert.deepEqual(history(logDir).map((r) => r.size), [10, 15]);
});

test('a failed history append after the state write: the state counts as cosigned after a restart', async () => {
  const { base, opts, logDir } = setup();
  let w = await startWitness(opts);
  assert.equal((await post(w, await base.request(0))).status, 200);
  const x = base.fork('x').grow(5);
  const y = base.fork('y').grow(5);
  const log = join(logDir, 'cosigned.log');
  renameSync(log, `${log}.aside`);
  mkdirSync(log); // appending fails: EISDIR
  assert.equal((await post(w, await x.request(10))).status, 503);
  await w.close();
  rmdirSync(log);
  renameSync(`${log}.aside`, log);
  w = await startWitness(opts);
  assert.equal((await post(w, await x.request(0))).text, '15\n', 'x at 15 reached the state file');
  assert.equal((await post(w, await x.request(15))).status, 200, 'so x counts as cosigned (a retry is answered)');
  assert.equal((await post(w, await y.request(15))).status, 409, 'and y at 15 is never cosigned (a split view: alarm)');
  await w.close();
  assert.deepEqual(history(logDir).map((r) => r.size), [10, 15, 15], 'the state record was appended to history on start, then the retry');
});

test('a torn last history line (crash mid-append) is cut; a lost state file is rebuilt from history', async () => {
  const { base, opts, logDir } = setup();
  let w = await startWitness(opts);
  const log = base.fork('a');
  assert.equal((await post(w, await log.request(0))).status, 200);
  log.grow(7);
  assert.equal((await post(w, await log.request(10))).status, 200);
  await w.close();
  appendFileSync(join(logDir, 'cosigned.log'), '{"origin":"annex.test/log","size":99,"ro');
  w = await startWitness(opts);
  assert.equal((await post(w, await log.request(0))).text, '17\n');
  await w.close();
  assert.deepEqual(history(logDir).map((r) => r.size), [10, 17]);
  rmSync(join(logDir, 'state'));
  w = await startWitness(opts);
  assert.equal((await post(w, await log.request(0))).text, '17\n', 'recovered from cosigned.log');
  log.grow(1);
  assert.equal((await post(w, await log.request(17))).status, 200);
  await w.close();
});

test('a state directory whose history contradicts itself is refused at start', async () => {
  const { base, opts, logDir } = setup();
  let w = await startWitness(opts);
  const log = base.fork('a');
  assert.equal((await post(w, await log.request(0))).status, 200);
  await w.close();
  const line = readFileSync(join(logDir, 'cosigned.log'), 'utf8');
  const other = JSON.parse(line) as Record<string, unknown>;
  other.root = Buffer.alloc(32, 7).toString('base64');
  appendFileSync(join(logDir, 'cosigned.log'), `${JSON.stringify(other)}\n`);
  await assert.rejects(startWitness(opts), (e: unknown) => e instanceof WitnessError && e.code === WitnessCode.BAD_STATE);
  w = await startWitness({ ...opts, logs: [TestLog.create('fresh.test/log').vkey] });
  await w.close(); // the lock was released by the failed start
});
