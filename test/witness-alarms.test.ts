/**
 * Forks and rollbacks shown to one witness: it never cosigns them, it keeps
 * both signed notes as evidence, and it freezes the log until an operator
 * clears the alarm.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCheckpoint } from '../src/ledger/checkpoint.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { clearAlarm } from '../src/witness/alarms.js';
import { formatAddCheckpoint, startWitness, type Alarm, type RunningWitness } from '../src/witness/index.js';
import { TestLog } from '../src/witness/test-log.js';

async function post(w: RunningWitness, body: string, path = 'add-checkpoint'): Promise<{ status: number; text: string }> {
  const r = await fetch(`${w.url}/${path}`, { method: 'POST', body });
  return { status: r.status, text: await r.text() };
}

async function alarms(w: RunningWitness): Promise<Alarm[]> {
  return ((await (await fetch(`${w.url}/alarms`)).json()) as { alarms: Alarm[] }).alarms;
}

/** Both notes verify under the log key and show two different roots. */
function assertEvidence(a: Alarm, log: TestLog): void {
  const [x, y] = a.notes.map((n) => openCheckpoint(nodeCrypto, n, log.vkey).checkpoint);
  assert.notDeepEqual(x!.root, y!.root);
}

const stateDir = (): string => mkdtempSync(join(tmpdir(), 'annex-witness-'));

test('same size, different root: 409, alarm with both notes, log frozen (other logs not), kept across restart, cleared by the operator', async () => {
  const dir = stateDir();
  const base = TestLog.create('annex.test/a').grow(10);
  const other = TestLog.create('annex.test/b').grow(3);
  const opts = { stateDir: dir, logs: [base.vkey, other.vkey], gossipIntervalMs: 0 };
  let w = await startWitness(opts);
  assert.equal((await post(w, await base.request(0))).status, 200);
  const a = base.fork('a').grow(5);
  const b = base.fork('b').grow(5);
  assert.equal((await post(w, await a.request(10))).status, 200);
  const r = await post(w, await b.request(15)); // old = size = 15, another root
  assert.equal(r.status, 409);
  assert.equal(r.text, '15\n');
  const [alarm] = await alarms(w);
  assert.equal(alarm!.kind, 'split-view');
  assert.equal(alarm!.origin, base.origin);
  assert.equal(alarm!.freezes, true);
  assertEvidence(alarm!, base);
  assert.ok(alarm!.notes[0].includes(`\n15\n`) && alarm!.notes[1].includes(`\n15\n`));
  // Even the honest branch is refused now, and the same request again raises no second alarm.
  a.grow(1);
  const frozen = await post(w, await a.request(15));
  assert.equal(frozen.status, 403);
  assert.match(frozen.text, new RegExp(alarm!.id));
  await post(w, await b.request(15));
  assert.equal((await alarms(w)).length, 1);
  assert.equal((await post(w, await other.request(0))).status, 200, 'another log is unaffected');
  await w.close();

  w = await startWitness(opts);
  assert.equal((await post(w, await a.request(15))).status, 403, 'still frozen after a restart');
  await w.close();
  await clearAlarm(dir, alarm!.id);
  assert.deepEqual(readdirSync(join(dir, 'alarms', 'cleared')), [`${alarm!.id}.json`]);
  w = await startWitness(opts);
  assert.equal((await post(w, await a.request(15))).status, 200, 'cosigns again once cleared');
  assert.equal((await post(w, await b.request(15))).status, 409, 'but never the other tree of size 15');
  await w.close();
});

test('a fork at an older size than the latest is recognised from the cosigned history', async () => {
  const base = TestLog.create('annex.test/log').grow(10);
  const w = await startWitness({ stateDir: stateDir(), logs: [base.vkey], gossipIntervalMs: 0 });
  const a = base.fork('a');
  const b = base.fork('b').grow(5);
  assert.equal((await post(w, await a.request(0))).status, 200);
  a.grow(5);
  assert.equal((await post(w, await a.request(10))).status, 200);
  a.grow(5);
  assert.equal((await post(w, await a.request(15))).status, 200);
  const r = await post(w, await b.request(10)); // a stale request for size 15, from the other branch
  assert.equal(r.status, 409);
  assert.equal(r.text, '20\n');
  const [alarm] = await alarms(w);
  assert.equal(alarm?.kind, 'split-view');
  assertEvidence(alarm!, base);
  await w.close();
});

test('rollback: a smaller checkpoint is never cosigned; a genuine older one raises no alarm; a new branch from there does', async () => {
  const base = TestLog.create('annex.test/log').grow(10);
  const log = base.fork('main');
  const w = await startWitness({ stateDir: stateDir(), logs: [log.vkey], gossipIntervalMs: 0 });
  assert.equal((await post(w, await log.request(0))).status, 200);
  const old = log.checkpoint();
  log.grow(10);
  assert.equal((await post(w, await log.request(10))).status, 200);
  assert.equal((await post(w, formatAddCheckpoint(20, [], old))).status, 400, 'old 20 > size 10');
  const r = await post(w, formatAddCheckpoint(10, [], old));
  assert.equal(r.status, 409);
  assert.equal(r.text, '20\n');
  assert.equal((await post(w, formatAddCheckpoint(0, [], old))).text, '20\n');
  assert.deepEqual(await alarms(w), [], 'an old checkpoint of the same tree is no evidence of anything');
  // The log rolls back to 10 and grows another branch to 20: refused, and caught.
  const branch = base.fork('rolled-back').grow(10);
  assert.equal((await post(w, await branch.request(10))).status, 409); // stale old size, and size 20 is known: alarm
  assert.equal((await post(w, await branch.request(20))).status, 403, 'frozen');
  const [alarm] = await alarms(w);
  assert.equal(alarm?.kind, 'split-view');
  assertEvidence(alarm!, log);
  await w.close();
});

test('POST /gossip: an auditor submits a note it saw; a fork is an alarm (409), the same tree is consistent', async () => {
  const base = TestLog.create('annex.test/log').grow(4);
  const w = await startWitness({ stateDir: stateDir(), logs: [base.vkey], gossipIntervalMs: 0 });
  const a = base.fork('a').grow(4);
  const b = base.fork('b').grow(4);
  assert.equal((await post(w, await a.request(0))).status, 200);
  const same = await post(w, a.checkpoint(), 'gossip');
  assert.equal(same.status, 200);
  assert.equal(JSON.parse(same.text).result, 'consistent');
  const smaller = await post(w, base.checkpoint(), 'gossip');
  assert.equal(JSON.parse(smaller.text).result, 'undecided', 'no tiles URL: sizes 4 and 8 cannot be compared');
  const fork = await post(w, b.checkpoint(), 'gossip');
  assert.equal(fork.status, 409);
  const verdict = JSON.parse(fork.text) as { result: string; alarms: Alarm[] };
  assert.equal(verdict.result, 'alarm');
  assert.equal(verdict.alarms[0]!.kind, 'split-view');
  assert.equal(verdict.alarms[0]!.source, 'gossip');
  assertEvidence(verdict.alarms[0]!, base);
  assert.equal((await post(w, TestLog.create('x.test/log').grow(1).checkpoint(), 'gossip')).status, 404);
  assert.equal((await post(w, 'not a note', 'gossip')).status, 400);
  await w.close();
});
