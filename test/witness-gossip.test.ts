/**
 * Witnesses gossip: each polls its peers' latest cosigned checkpoints and the
 * log's published checkpoint (with its tiles), and raises an alarm, with both
 * signed notes, on a split view, an inconsistency or a rollback. An auditor
 * does the same with `annex witness check`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openCheckpoint } from '../src/ledger/checkpoint.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { startWitness, type Alarm, type RunningWitness, type StartWitnessOptions } from '../src/witness/index.js';
import { serveTestLog, TestLog } from '../src/witness/test-log.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const stateDir = (): string => mkdtempSync(join(tmpdir(), 'annex-witness-'));

async function post(w: RunningWitness, body: string): Promise<number> {
  return (await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body })).status;
}

async function alarms(w: RunningWitness): Promise<Alarm[]> {
  return ((await (await fetch(`${w.url}/alarms`)).json()) as { alarms: Alarm[] }).alarms;
}

function witness(o: Partial<StartWitnessOptions> & { logs: StartWitnessOptions['logs'] }): Promise<RunningWitness> {
  return startWitness({ stateDir: stateDir(), gossipIntervalMs: 0, ...o });
}

function sizes(a: Alarm, log: TestLog): number[] {
  return a.notes.map((n) => openCheckpoint(nodeCrypto, n, log.vkey).checkpoint.size);
}

/** `annex witness …` as a real process. */
function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'witness', ...args], { cwd: ROOT }, (e, out, err) =>
      ok({ code: e ? Number((e as { code?: number }).code) : 0, out, err }),
    );
  });
}

test('split view: the log shows witness A one tree and witness B another of the same size; gossip catches it both ways', async () => {
  const base = TestLog.create('annex.test/log').grow(8);
  const x = base.fork('x').grow(4);
  const y = base.fork('y').grow(4);
  const [aDir, bDir] = [stateDir(), stateDir()];
  // First run: the log gets each witness to cosign its own view of size 12.
  const a0 = await witness({ stateDir: aDir, logs: [base.vkey] });
  const b0 = await witness({ stateDir: bDir, logs: [base.vkey] });
  assert.equal(await post(a0, await x.request(0)), 200);
  assert.equal(await post(b0, await y.request(0)), 200);
  await Promise.all([a0.close(), b0.close()]);
  // Restarted on the same ports, now peers of each other.
  const port = (u: string): number => Number(new URL(u).port);
  const a = await witness({ stateDir: aDir, logs: [base.vkey], port: port(a0.url), peers: [b0.url] });
  const b = await witness({ stateDir: bDir, logs: [base.vkey], port: port(b0.url), peers: [a0.url] });
  await Promise.all([a.gossipNow(), b.gossipNow()]);
  for (const [w, mine, theirs, peer] of [[a, x, y, b.url], [b, y, x, a.url]] as const) {
    const [alarm] = await alarms(w);
    assert.equal(alarm?.kind, 'split-view');
    assert.equal(alarm!.source, `peer ${peer}/`);
    assert.deepEqual(sizes(alarm!, base), [12, 12]);
    const body = (note: string): string => note.split('\n\n')[0]!;
    assert.equal(body(alarm!.notes[0]), body(mine.checkpoint()), 'its own cosigned note first');
    assert.equal(body(alarm!.notes[1]), body(theirs.checkpoint()), "then the peer's");
    assert.equal(await post(w, await mine.fork('more').grow(1).request(12)), 403, 'frozen');
  }
  await Promise.all([a.close(), b.close()]);
});

test('different sizes are compared through the log tiles: a prefix is fine, a fork is an inconsistency', async () => {
  const base = TestLog.create('annex.test/log').grow(300);
  const x = base.fork('x').grow(20); // what A cosigned: 320
  const y = base.fork('y').grow(100); // what the log now serves and shows B: 400, forked at 300
  const served = await serveTestLog(x);
  const spec = `${base.vkey}@${served.url}`;
  const b = await witness({ logs: [spec] });
  const a = await witness({ logs: [spec], peers: [b.url] });
  assert.equal(await post(a, await x.request(0)), 200);
  assert.equal(await post(b, await x.request(0)), 200);
  x.grow(50);
  assert.equal(await post(b, await x.request(320)), 200);
  await a.gossipNow(); // peer at 370, log at 370: both consistent with 320
  assert.deepEqual(await alarms(a), []);

  served.swap(y); // the log forks: its tiles and checkpoint are now y's
  const c = await witness({ logs: [spec] });
  assert.equal(await post(c, await y.request(0)), 200);
  const a2 = await witness({ logs: [spec], peers: [c.url] });
  assert.equal(await post(a2, await x.request(0)), 200); // a2 holds x at 370
  await a2.gossipNow();
  const found = await alarms(a2);
  assert.ok(found.length >= 1);
  for (const alarm of found) {
    assert.equal(alarm.kind, 'inconsistent');
    assert.deepEqual(sizes(alarm, base), [370, 400]);
    assert.ok(alarm.proof && alarm.proof.length > 0, 'the proof from the tiles is kept');
  }
  assert.equal(await post(a2, await x.grow(1).request(370)), 403, 'frozen');

  // A bad proof sent to a witness with tiles is checked against them in the background.
  const d = await witness({ logs: [spec] });
  assert.equal(await post(d, await x.request(0)), 200); // d holds x at 371
  y.grow(1);
  assert.equal(await post(d, await y.request(371)), 422, "y's proof from 371 does not start at x's tree");
  for (let i = 0; i < 50 && (await alarms(d)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal((await alarms(d))[0]?.kind, 'inconsistent');
  for (const w of [a, b, c, a2, d]) await w.close();
  await served.close();
});

test('rollback: the log publishing a smaller checkpoint freezes; a peer going back is only recorded', async () => {
  const log = TestLog.create('annex.test/log').grow(10);
  const older = log.checkpoint();
  log.grow(10);
  const served = await serveTestLog(log);
  let peerNote = log.checkpoint();
  const peer = createServer((_req, res) => res.writeHead(200).end(peerNote));
  await new Promise<void>((ok) => peer.listen(0, '127.0.0.1', ok));
  const peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}/`;
  const dir = stateDir();
  const opts = { stateDir: dir, logs: [`${log.vkey}@${served.url}`], peers: [peerUrl], gossipIntervalMs: 0 };
  let w = await startWitness(opts);
  assert.equal(await post(w, await log.request(0)), 200);
  await w.gossipNow();
  assert.deepEqual(await alarms(w), []);
  await w.close();
  w = await startWitness(opts); // what each source showed survives a restart
  peerNote = older;
  await w.gossipNow();
  assert.deepEqual((await alarms(w)).map((a) => [a.kind, a.freezes]), [['peer-rollback', false]]);
  log.grow(1);
  assert.equal(await post(w, await log.request(20)), 200, 'a peer going back does not freeze the log');
  served.publish(older);
  await w.gossipNow();
  const rollback = (await alarms(w)).find((a) => a.kind === 'rollback');
  assert.equal(rollback?.source, `log ${served.url}`);
  assert.deepEqual(sizes(rollback!, log), [20, 10], 'the log last published 20');
  log.grow(1);
  assert.equal(await post(w, await log.request(21)), 403, 'the log itself going back freezes it');
  await w.close();
  await served.close();
  await new Promise((ok) => peer.close(ok));
});

test('annex witness check: an auditor compares witnesses (exit 0), finds a split view (exit 1, both notes), and tells the witnesses', async () => {
  const base = TestLog.create('annex.test/log').grow(8);
  const x = base.fork('x').grow(4);
  const y = base.fork('y').grow(4);
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => witness({ logs: [base.vkey] })));
  assert.equal(await post(a!, await x.request(0)), 200);
  assert.equal(await post(b!, await x.request(0)), 200);
  const ok = await cli(['check', '--log', base.vkey, a!.url, b!.url]);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /ok: no split view/);
  assert.equal(await post(c!, await y.request(0)), 200);
  const kept = join(stateDir(), 'kept.checkpoint');
  writeFileSync(kept, y.checkpoint());
  const bad = await cli(['check', '--log', base.vkey, '--note', kept, a!.url, b!.url]);
  assert.equal(bad.code, 1, bad.out + bad.err);
  assert.match(bad.out, /ALARM split-view: size 12 with two roots/);
  assert.ok(bad.out.includes(x.checkpoint().split('\n')[2]!) && bad.out.includes(y.checkpoint().split('\n')[2]!), 'both roots shown');
  assert.equal((await alarms(a!))[0]?.kind, 'split-view', 'the note was posted to the witnesses');
  const usage = await cli(['check', a!.url]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /--log/);
  for (const w of [a, b, c]) await w!.close();
});
