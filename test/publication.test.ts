// Quorum publication end to end, with real parts: the server (startServer on
// PGlite, or PostgreSQL with ANNEX_TEST_DATABASE_URL) sends each checkpoint to
// four real C2SP tlog-witness servers (src/witness) over loopback HTTP, and
// publishes only what "both parties and at least one mediator" cosigned. One
// mediator (UN) is reached through an HTTP relay the test controls, to make it
// fail, tamper with its cosignature, or let a third party move it ahead.
// Tests share one server and run in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Running } from '../src/api/start.js';
import { parseCheckpoint } from '../src/ledger/checkpoint.js';
import { generateCosignerKey, parseCosignerVerifierKey, verifyQuorum } from '../src/ledger/cosignature.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { generateSignerKey, parseNote } from '../src/ledger/note.js';
import { parseWitnessPolicy } from '../src/log/policy.js';
import { consistencyFromTiles } from '../src/log/tile-proofs.js';
import { addCheckpoint } from '../src/log/witness-client.js';
import { inTransaction } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { createWorkspace } from '../src/services/workspace.js';
import { latestCheckpoint } from '../src/store/repositories/log.js';
import { startWitness, type RunningWitness } from '../src/witness/index.js';
import { freshPgDatabase, TEST_DATABASE_URL } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

const ORIGIN = 'publication.annex.example/log';
const LOG = generateSignerKey(nodeCrypto, ORIGIN);
const NAMES = ['PAK', 'IND', 'UN', 'OSCE'] as const;
type Name = (typeof NAMES)[number];

const dir = mkdtempSync(join(tmpdir(), 'annex-publication-'));
const witnesses = new Map<Name, RunningWitness>();
const ports = new Map<Name, number>();
let relay: Relay;
let pgdb: { url: string; drop: () => Promise<void> } | undefined;
let server: Running;
let tag = 0;
/** Warnings and errors the server logged (pino JSON lines). */
const logs: Array<{ level: number; msg: string }> = [];

/** An HTTP relay in front of a witness: passes requests on, or fails, or tampers with the reply. */
interface Relay {
  url: string;
  mode: 'pass' | 'fail' | 'tamper';
  statuses: number[];
  close(): Promise<void>;
}

async function startRelay(target: string): Promise<Relay> {
  const r = { mode: 'pass', statuses: [] as number[] } as Relay;
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (r.mode === 'fail') {
          r.statuses.push(503);
          return res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance\n');
        }
        const up = await fetch(`${target}${req.url}`, { method: req.method, body: Buffer.concat(chunks) });
        let body = await up.text();
        if (r.mode === 'tamper' && up.status === 200) {
          // Flip one bit of each cosignature's Ed25519 signature, keeping key name, key ID and timestamp.
          body = body.replace(/^(\u2014 \S+ )(\S+)$/gm, (_m, head: string, b64: string) => {
            const sig = Buffer.from(b64, 'base64');
            sig[sig.length - 1]! ^= 1;
            return head + sig.toString('base64');
          });
        }
        r.statuses.push(up.status);
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/plain' }).end(body);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  r.close = () => new Promise((resolve) => http.close(() => resolve()));
  return r;
}

async function startNamedWitness(name: Name): Promise<RunningWitness> {
  const w = await startWitness({
    stateDir: join(dir, `witness-${name}`), logs: [LOG.vkey], name: `${name.toLowerCase()}.example/witness`,
    port: ports.get(name) ?? 0, gossipIntervalMs: 0,
  });
  ports.set(name, Number(new URL(w.url).port));
  witnesses.set(name, w);
  return w;
}

async function start(): Promise<Running> {
  const line = (n: Name): string => `witness ${n} ${witnesses.get(n)!.vkey} ${n === 'UN' ? relay.url : witnesses.get(n)!.url}`;
  const policy = [
    `log ${LOG.vkey}`, ...NAMES.map(line),
    'group parties all PAK IND', 'group mediators any UN OSCE', 'group published all parties mediators', 'quorum published',
  ].join('\n');
  return startServer({
    dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1',
    logger: { level: 'warn', stream: { write: (line: string) => void logs.push(JSON.parse(line)) } },
    env: { ANNEX_LOG_KEY: LOG.skey },
    witnessPolicy: parseWitnessPolicy(nodeCrypto, policy),
    publication: { timeoutMs: 2000, retryMinMs: 50, retryMaxMs: 200, pollMs: 200 },
  });
}

before(async () => {
  pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  for (const n of NAMES) await startNamedWitness(n);
  relay = await startRelay(witnesses.get('UN')!.url);
  server = await start();
  await createWorkspace(server.services, { name: 'Publication test', origin: ORIGIN, secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
});

after(async () => {
  await server?.close();
  // Witness failures are warnings; nothing in publication itself may have failed.
  assert.deepEqual(logs.filter((l) => l.level >= 50).map((l) => l.msg), []);
  await relay?.close();
  for (const w of witnesses.values()) await w.close();
  await pgdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Appends one public entry; resolves to its index. */
async function append(): Promise<number> {
  const s = server.services;
  const n = tag++;
  return inTransaction(s, async (tx) => {
    const r = await record(tx, s, { org: 'SEC', userId: 'system' }, {
      type: 'workspace.configured', subject: 'workspace', visibility: 'public',
      body: { clauses: [{ id: `p-${n}`, title: `Clause ${n}`, text: `Text of clause ${n}.` }] },
    });
    return r.idx;
  });
}

interface Status {
  size: number; checkpoint_size: number; published_size: number; published_age_seconds: number | null; pending: number;
  witnesses: Array<{ name: string; size: number | null; last_ok_at: string | null; last_error: string | null }>;
}
async function status(): Promise<Status> {
  return (await fetch(`${server.url}/api/log`)).json() as Promise<Status>;
}
const witnessStatus = (st: Status, name: Name) => st.witnesses.find((w) => w.name === name)!;

async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const verifiers = () => NAMES.map((n) => parseCosignerVerifierKey(nodeCrypto, witnesses.get(n)!.vkey));
const cosignerNames = (note: string) => parseNote(note).signatures.map((s) => s.name).filter((n) => n !== ORIGIN).sort();

function annex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

test('a checkpoint cosigned by both parties and a mediator is published, with every cosignature', async (t) => {
  const index = await append();
  const published = await server.publication.waitFor(index, 10_000);
  assert.ok(published, 'published within 10 s');
  assert.ok(published.size > index);
  // Everyone is up: all four cosign, and the served note carries the log's signature and four cosignatures.
  const served = await until('four cosignatures', async () => {
    const text = await (await fetch(`${server.url}/log/checkpoint`)).text();
    return cosignerNames(text).length === 4 && text;
  });
  const q = verifyQuorum(nodeCrypto, served, LOG.vkey, verifiers(), 4);
  assert.equal(q.checkpoint.origin, ORIGIN);
  assert.deepEqual(cosignerNames(served), NAMES.map((n) => `${n.toLowerCase()}.example/witness`).sort());
  const keys = await (await fetch(`${server.url}/log/witnesses`)).text();
  assert.equal(keys, NAMES.map((n) => `${witnesses.get(n)!.vkey}\n`).join(''));

  const st = await status();
  assert.equal(st.published_size, q.checkpoint.size);
  assert.equal(st.pending, st.size - st.published_size);
  assert.ok(st.published_age_seconds !== null && st.published_age_seconds < 10);
  assert.deepEqual(st.witnesses.map((w) => [w.name, w.size, w.last_error]), NAMES.map((n) => [n, q.checkpoint.size, null]));

  // Latency: entry committed -> covered by a quorum-cosigned checkpoint.
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const idx = await append();
    assert.ok(await server.publication.waitFor(idx, 10_000));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  t.diagnostic(`publication latency over ${times.length} entries: median ${times[7]!.toFixed(0)} ms, max ${times[14]!.toFixed(0)} ms`);
});

test('annex audit checks the published checkpoint against the witness keys and a quorum', async () => {
  const base = `${server.url}/log`;
  const keys = NAMES.flatMap((n) => ['--witness-vkey', witnesses.get(n)!.vkey]);
  const ok = await annex('audit', base, '--vkey', LOG.vkey, ...keys, '--quorum', '2');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^OK publication\.annex\.example\/log/);
  assert.match(ok.stdout, /cosigned by .*pak\.example\/witness@/);
  // A witness key that never cosigned does not count: one valid cosignature of the two required.
  const stranger = generateCosignerKey(nodeCrypto, 'stranger.example/witness').vkey;
  const short = await annex('audit', base, '--vkey', LOG.vkey, '--witness-vkey', witnesses.get('PAK')!.vkey, '--witness-vkey', stranger, '--quorum', '2');
  assert.equal(short.code, 1, short.stderr);
  assert.match(short.stderr, /QUORUM_NOT_MET/);
});

test('a party witness that is down stops publication; the status shows which witness is missing', async () => {
  const before = await status();
  await witnesses.get('PAK')!.close();
  const index = await append();
  // Three of four cosign, but "both parties" is not met.
  const st = await until('IND, UN and OSCE to cosign the new checkpoint', async () => {
    const s = await status();
    return s.checkpoint_size > index && ['IND', 'UN', 'OSCE'].every((n) => witnessStatus(s, n as Name).size === s.checkpoint_size)
      && witnessStatus(s, 'PAK').last_error !== null && s;
  });
  assert.equal(st.published_size, before.published_size);
  assert.equal(st.pending, st.size - before.published_size);
  const pak = witnessStatus(st, 'PAK');
  assert.equal(pak.size, before.published_size);
  assert.match(pak.last_error!, /unreachable \(ECONNREFUSED\)/);
  assert.equal(pak.last_ok_at, witnessStatus(before, 'PAK').last_ok_at);
  assert.equal(await server.publication.waitFor(index, 300), undefined, 'waitFor times out');
  const served = await (await fetch(`${server.url}/log/checkpoint`)).text();
  assert.equal(parseCheckpoint(parseNote(served).text).size, before.published_size, 'the last published checkpoint is still served');
  // Writes go on meanwhile.
  for (let i = 0; i < 20; i++) await append();
  assert.equal((await status()).published_size, before.published_size);
});

test('the witness comes back and catches up with one request from its own size; publication resumes', async () => {
  const pakWas = witnessStatus(await status(), 'PAK').size!;
  const last = await append();
  await until('the others to cosign the checkpoint covering the last entry', async () => {
    const s = await status();
    return s.checkpoint_size > last && ['IND', 'UN', 'OSCE'].every((n) => witnessStatus(s, n as Name).size === s.checkpoint_size);
  });
  const wait = server.publication.waitFor(last, 10_000);
  await startNamedWitness('PAK');
  const published = await wait;
  assert.ok(published, 'published once PAK is back');
  const st = await until('PAK to be current', async () => {
    const s = await status();
    return witnessStatus(s, 'PAK').size === s.checkpoint_size && s;
  });
  assert.equal(witnessStatus(st, 'PAK').last_error, null);
  assert.equal(st.published_size, st.checkpoint_size);
  // The witness keeps every checkpoint it cosigned (src/witness/state.ts: logs/<id>/cosigned.log):
  // after pakWas comes exactly one, the checkpoint it was sent on its return.
  const logsDir = join(dir, 'witness-PAK', 'logs');
  const history = readFileSync(join(logsDir, readdirSync(logsDir)[0]!, 'cosigned.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).size as number);
  assert.deepEqual(history.slice(history.indexOf(pakWas)), [pakWas, st.checkpoint_size]);
  assert.ok(pakWas < published.size);
  verifyQuorum(nodeCrypto, published.note, LOG.vkey, verifiers(), 3);
});

test('409: a witness moved ahead by someone else tells its size, and the server retries once from it', async () => {
  relay.mode = 'fail';
  const index = await append();
  // UN fails, OSCE cosigns: still published (any one mediator).
  assert.ok(await server.publication.waitFor(index, 10_000));
  const st = await until('UN to fail', async () => {
    const s = await status();
    return /HTTP 503/.test(witnessStatus(s, 'UN').last_error ?? '') && s;
  });
  const unSize = witnessStatus(st, 'UN').size!;
  const latest = (await latestCheckpoint(server.services.db))!;
  assert.ok(unSize < latest.size);
  // A third party (a monitor, another server process) submits the latest checkpoint to UN directly.
  const un = witnesses.get('UN')!;
  const direct = await addCheckpoint({ name: 'UN', url: un.url, verifier: parseCosignerVerifierKey(nodeCrypto, un.vkey) }, {
    oldSize: unSize, proof: await consistencyFromTiles(server.services, unSize, latest.size), note: latest.note,
  }, { signal: AbortSignal.timeout(5000), timeoutMs: 5000 });
  assert.equal(direct.kind, 'cosigned');
  relay.statuses.length = 0;
  relay.mode = 'pass';
  await until('UN to be current', async () => {
    const s = await status();
    return witnessStatus(s, 'UN').size === latest.size && witnessStatus(s, 'UN').last_error === null;
  });
  // The server still thought UN was at unSize: 409 with UN's size, then the request again from there.
  assert.deepEqual(relay.statuses.slice(0, 2), [409, 200]);
  const served = await (await fetch(`${server.url}/log/checkpoint`)).text();
  assert.ok(cosignerNames(served).includes('un.example/witness'));
});

test('a bad cosignature is rejected, never counted and never served', async () => {
  relay.mode = 'tamper';
  await witnesses.get('OSCE')!.close();
  const before = await status();
  const index = await append();
  const st = await until('UN to be rejected', async () => {
    const s = await status();
    return s.checkpoint_size > index && /rejected cosignature: invalid cosignature from un\.example\/witness/.test(witnessStatus(s, 'UN').last_error ?? '') && s;
  });
  // No mediator: nothing new is published, and UN's size is not taken from a reply that did not verify.
  assert.equal(st.published_size, before.published_size);
  assert.equal(await server.publication.waitFor(index, 200), undefined);
  relay.mode = 'pass';
  const published = await server.publication.waitFor(index, 10_000);
  assert.ok(published);
  verifyQuorum(nodeCrypto, published.note, LOG.vkey, verifiers(), 3);
  await startNamedWitness('OSCE');
});

test('waitFor: at once when already covered; undefined after the timeout; indexes are checked', async () => {
  const st = await status();
  const t0 = performance.now();
  const p = await server.publication.waitFor(0, 0);
  assert.ok(p && p.size >= st.published_size);
  assert.ok(performance.now() - t0 < 500);
  assert.equal(await server.publication.waitFor(1e9, 50), undefined);
  await assert.rejects(server.publication.waitFor(-1, 10), RangeError);
  await assert.rejects(server.publication.waitFor(1.5, 10), RangeError);
});

test('after a restart the last published checkpoint is served at once and the witnesses are remembered', async () => {
  const index = await append();
  assert.ok(await server.publication.waitFor(index, 10_000));
  const before = await until('every witness to be current', async () => {
    const s = await status();
    return s.witnesses.every((w) => w.size === s.checkpoint_size) && s;
  });
  // Late cosignatures are added to the published note just after the witness's status moves.
  const served = await until('the published note to carry all four cosignatures', async () => {
    const text = await (await fetch(`${server.url}/log/checkpoint`)).text();
    return cosignerNames(text).length === 4 && text;
  });
  await server.close();
  server = await start();
  assert.equal(await (await fetch(`${server.url}/log/checkpoint`)).text(), served);
  const st = await status();
  assert.deepEqual(st.witnesses.map((w) => [w.name, w.size]), before.witnesses.map((w) => [w.name, w.size]));
  const next = await append();
  assert.ok(await server.publication.waitFor(next, 10_000));
  const r = await annex('audit', `${server.url}/log`, '--vkey', LOG.vkey, ...NAMES.flatMap((n) => ['--witness-vkey', witnesses.get(n)!.vkey]), '--quorum', '3');
  assert.equal(r.code, 0, r.stderr);
});
