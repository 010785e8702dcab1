// Issue 4, end to end: `annex serve` and three `annex witness` processes on
// loopback, as they would run on four machines. The policy needs both parties'
// witnesses and the mediator's. Incidents are filed over HTTP; published
// checkpoints carry a quorum of valid cosignatures and receipts verify
// offline under the policy; a witness killed mid-run holds publication back
// (never the writes) and, restarted on its own state, catches up; a server
// made to fork its history (ANNEX_TEST_HOOKS=1) is refused by every witness,
// each of which raises an alarm carrying both signed notes.
// PGlite by default; PostgreSQL with ANNEX_TEST_DATABASE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../src/cli/local-witnesses.js';
import { generateCosignerKey, verifyQuorum } from '../src/ledger/cosignature.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { verifyReceipt } from '../src/ledger/receipt.js';
import { parseCosignerVerifierKey } from '../src/ledger/cosignature.js';
import { parseWitnessPolicy, quorumProblem, type WitnessPolicy } from '../src/log/policy.js';
import { readVerifierKey } from '../src/log/resources.js';
import { makeServices } from '../src/services/context.js';
import { openBlobStore } from '../src/store/blobs.js';
import { openStore } from '../src/store/db.js';
import { KeyRing } from '../src/store/keys.js';
import { freshPgDatabase, TEST_DATABASE_URL, type TestEnv } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';
import { filing, seedWorkspace, type Users } from './support/workspace.js';

const CLI = ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts')];
const NAMES = ['AFG', 'PAK', 'TUR'] as const;
type Name = (typeof NAMES)[number];

interface Proc {
  child: ChildProcess;
  out(): string;
  err(): string;
  exit: Promise<number | null>;
}

const procs: Proc[] = [];
let dir: string;
let pgdb: { url: string; drop: () => Promise<void> } | undefined;
let users: Users;
let logVkey: string;
let base: string;
let policy: WitnessPolicy;
const witnessPorts = {} as Record<Name, number>;
const witnessVkeys = {} as Record<Name, string>;
const witnesses = {} as Record<Name, Proc>;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: pgdb?.url ?? '', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const p: Proc = { child, out: () => out, err: () => err, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
  procs.push(p);
  return p;
}

/** The CLI run to completion, as an auditor would on another machine. */
function annex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startWitness(name: Name): Promise<Proc> {
  const peers = NAMES.filter((n) => n !== name).flatMap((n) => ['--peer', `http://127.0.0.1:${witnessPorts[n]}`]);
  const p = run(['witness', '--state', join(dir, `witness-${name}`), '--port', String(witnessPorts[name]), '--name', `witness.${name.toLowerCase()}.e2e.test`,
    '--log', `${logVkey}@${base}/log/`, '--gossip-interval', '1', ...peers]);
  await until(`witness ${name}`, () => p.out().includes('Press Ctrl-C to stop.') || (p.child.exitCode !== null && assert.fail(p.err())));
  witnessVkeys[name] = /verifier key {2}(\S+)/.exec(p.out())![1]!;
  witnesses[name] = p;
  return p;
}

async function api(method: 'GET' | 'POST', path: string, user?: keyof Users, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(user ? { authorization: `Bearer ${users[user].token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

interface LogStatus {
  size: number; checkpoint_size: number; published_size: number; pending: number;
  witnesses: Array<{ name: string; size: number | null; last_ok_at: string | null; last_error: string | null }>;
}
const status = async (): Promise<LogStatus> => (await api('GET', '/api/log')).body as LogStatus;

async function fileIncidents(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await api('POST', '/api/incidents', 'afg', filing({ title: `Shelling report ${i} near the crossing` }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

/** The published checkpoint, verified with the log key and all three witnesses; returns its size and cosigners. */
async function published(): Promise<{ size: number; note: string; cosigners: string[] }> {
  const res = await fetch(`${base}/log/checkpoint`);
  assert.equal(res.status, 200);
  const note = await res.text();
  const q = verifyQuorum(nodeCrypto, note, logVkey, NAMES.map((n) => parseCosignerVerifierKey(nodeCrypto, witnessVkeys[n])), 3);
  return { size: q.checkpoint.size, note, cosigners: q.cosigners.map((c) => c.name).sort() };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'annex-e2e-'));
  pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  const data = join(dir, 'server');
  // The secretariat sets the workspace up (users, API tokens) before the server runs.
  const store = await openStore({ dataDir: data, databaseUrl: pgdb?.url });
  const services = makeServices({ db: store.db, keys: KeyRing.forDataDir(data, {}), crypto: nodeCrypto, blobs: openBlobStore(join(data, 'blobs')), clock: () => new Date() });
  users = await seedWorkspace({ services } as TestEnv);
  logVkey = await readVerifierKey(services);
  await store.close();

  // One probe for all four ports: no two of them can be the same.
  const [port, ...ports] = await freePorts(1 + NAMES.length);
  base = `http://127.0.0.1:${port!}`;
  NAMES.forEach((n, i) => (witnessPorts[n] = ports[i]!));
  await Promise.all(NAMES.map(startWitness));
  const policyText = [
    `log ${logVkey} ${base}/log/`,
    ...NAMES.map((n) => `witness ${n} ${witnessVkeys[n]} http://127.0.0.1:${witnessPorts[n]}`),
    'group parties all AFG PAK',
    'group mediators any TUR',
    'group agreed all parties mediators',
    'quorum agreed',
    '',
  ].join('\n');
  policy = parseWitnessPolicy(nodeCrypto, policyText);
  writeFileSync(join(dir, 'policy.txt'), policyText);
  const server = run(['serve', '--data', data, '--port', String(port!), '--no-demo', '--witness-policy', join(dir, 'policy.txt')], { ANNEX_TEST_HOOKS: '1' });
  await until('the server', () => server.out().includes('Press Ctrl-C to stop.') || (server.child.exitCode !== null && assert.fail(server.out() + server.err())), 120_000);
});

after(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exit));
  await pgdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('published checkpoints carry valid cosignatures from all three witnesses; receipts verify offline under the policy', async () => {
  await fileIncidents(5);
  const st = await until('publication of every entry', async () => {
    const s = await status();
    return s.published_size === s.size && s.size > 0 ? s : undefined;
  });
  assert.equal(st.pending, 0);
  const cp = await published();
  assert.equal(cp.size, st.size);
  assert.deepEqual(cp.cosigners, NAMES.map((n) => `witness.${n.toLowerCase()}.e2e.test`).sort());
  for (const w of st.witnesses) assert.equal(w.last_error, null, `${w.name}: ${w.last_error}`);

  // The last entry's receipt, checked with public keys only and the policy's quorum rule.
  const receipt = await api('GET', `/api/entries/${st.size - 1}/receipt?wait=10`);
  assert.equal(receipt.status, 200);
  const r = verifyReceipt(nodeCrypto, receipt.body as string, { logVkey, witnessVkeys: NAMES.map((n) => witnessVkeys[n]), quorum: 3 });
  assert.equal(r.index, st.size - 1);
  assert.equal(quorumProblem(policy, r.cosigners), undefined);
  // The CLI, offline, with only the policy file: the receipt, and the whole log over HTTP.
  writeFileSync(join(dir, 'last.tlog-proof'), receipt.body as string);
  const check = await annex(['receipt', 'check', join(dir, 'last.tlog-proof'), '--witness-policy', join(dir, 'policy.txt')]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, new RegExp(`^OK entry ${st.size - 1} is in test\\.annex\\.example/log$`, 'm'));
  const audit = await annex(['audit', `${base}/log`, '--witness-policy', join(dir, 'policy.txt')]);
  assert.equal(audit.code, 0, audit.stdout + audit.stderr);
  assert.match(audit.stdout, /cosigned by witness\.afg\.e2e\.test@\S+, witness\.pak\.e2e\.test@\S+, witness\.tur\.e2e\.test@/);
  // A policy that also wants a fourth witness, which never cosigned: both refuse, naming the quorum.
  const extra = generateCosignerKey(nodeCrypto, 'witness.qat.e2e.test').vkey;
  const strict = join(dir, 'strict-policy.txt');
  writeFileSync(strict, readFileSync(join(dir, 'policy.txt'), 'utf8').replace('group mediators any TUR', `witness QAT ${extra} http://127.0.0.1:1\ngroup mediators all TUR QAT`));
  const refused = await annex(['receipt', 'check', join(dir, 'last.tlog-proof'), '--witness-policy', strict]);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /QUORUM_NOT_MET.*cosigned by AFG, PAK, TUR: the policy's quorum \(agreed: all of \(parties: all of AFG PAK\) \(mediators: all of TUR QAT\)\) is not met/);
  const auditRefused = await annex(['audit', `${base}/log`, '--witness-policy', strict]);
  assert.equal(auditRefused.code, 1, auditRefused.stdout + auditRefused.stderr);
  assert.match(auditRefused.stderr, /is not met/);

  // Without the mediator's cosignature the same checkpoint would not meet the policy.
  assert.match(quorumProblem(policy, r.cosigners.filter((c) => !c.name.startsWith('witness.tur')))!, /quorum \(agreed: all of \(parties: all of AFG PAK\) \(mediators: all of TUR\)\) is not met/);
});

test('a witness killed mid-run holds publication back, never writes; restarted on its state it catches up', async () => {
  const before = await published();
  witnesses.TUR.child.kill('SIGKILL');
  await witnesses.TUR.exit;

  const t0 = performance.now();
  await fileIncidents(6);
  const perWrite = (performance.now() - t0) / 6;
  assert.ok(perWrite < 2000, `writes wait for nobody (${perWrite.toFixed(0)} ms each)`);
  const down = await until('the server to see TUR down', async () => {
    const s = await status();
    const tur = s.witnesses.find((w) => w.name === 'TUR')!;
    return s.checkpoint_size === s.size && tur.last_error ? s : undefined;
  });
  assert.equal(down.published_size, before.size, 'nothing is published without the mediator');
  assert.ok(down.pending >= 6);
  assert.match(down.witnesses.find((w) => w.name === 'TUR')!.last_error!, /unreachable|no answer/);
  assert.equal((await published()).size, before.size);

  await startWitness('TUR'); // same state directory, same key, same port
  const caught = await until('TUR to catch up', async () => {
    const s = await status();
    return s.published_size === s.size && s.size > before.size ? s : undefined;
  });
  const after = await published();
  assert.equal(after.size, caught.size);
  assert.equal(after.cosigners.length, 3);
  assert.equal(caught.witnesses.find((w) => w.name === 'TUR')!.size, caught.size);
  assert.equal(caught.witnesses.find((w) => w.name === 'TUR')!.last_error, null);
});

test('a server that forks its history is refused by every witness, each of which reports the fork with both signed notes', async () => {
  const honest = await published();
  const fork = await api('POST', '/api/test-hooks/fork-log', 'sec', {});
  assert.equal(fork.status, 200, JSON.stringify(fork.body));
  assert.equal(fork.body.size, honest.size);
  assert.notEqual(fork.body.forked, fork.body.honest);

  await fileIncidents(2); // the next checkpoint extends the forked tree
  for (const n of NAMES) {
    const alarms = await until(`an alarm at witness ${n}`, async () => {
      const res = await fetch(`http://127.0.0.1:${witnessPorts[n]}/alarms`);
      const { alarms: list } = (await res.json()) as { alarms: Array<{ kind: string; notes: string[]; message: string }> };
      return list.length > 0 ? list : undefined;
    });
    assert.ok(alarms.some((a) => a.kind === 'inconsistent' || a.kind === 'split-view'), JSON.stringify(alarms));
    const a = alarms.find((x) => x.kind === 'inconsistent' || x.kind === 'split-view')!;
    assert.equal(a.notes.length, 2);
    // Both notes are signed by the log: the proof an auditor needs.
    for (const note of a.notes) verifyQuorum(nodeCrypto, note, logVkey, [], 0);
    assert.ok(a.notes.some((note) => note.startsWith(honest.note.split('\n\u2014')[0]!)), 'the honest checkpoint is one of them');
  }
  const s = await status();
  assert.ok(s.checkpoint_size > honest.size);
  assert.equal(s.published_size, honest.size, 'the forked tree is never published');
  for (const w of s.witnesses) assert.ok(w.last_error, `${w.name} refuses`);
  assert.equal((await published()).note, honest.note);
  // A frozen witness refuses everything for this log until an operator clears the alarm.
  const again = await fetch(`http://127.0.0.1:${witnessPorts.AFG}/add-checkpoint`, {
    method: 'POST', body: `old ${honest.size}\n\n${fork.body.forked}`,
  });
  assert.ok([403, 409].includes(again.status), `status ${again.status}`);
});
