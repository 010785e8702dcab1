// `annex serve` as a user runs it: the real CLI as a child process on a
// fresh PGlite data directory. First start loads the demo and prints the URL,
// the log key, the audit command and the logins; the printed audit command
// verifies; a second server on the directory and a taken port are refused
// with one line and exit 2; SIGTERM stops it cleanly; a restart keeps the
// data and prints no passwords; `annex verify` then checks the directory.
// Tests share one data directory and run in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_USERS } from '../src/demo/orgs.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { openNote } from '../src/ledger/note.js';
import { parseWitnessPolicy, quorumProblem } from '../src/log/policy.js';
import { TEST_DATABASE_URL } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

/** Registered only for the PostgreSQL pass (ANNEX_TEST_DATABASE_URL); not a skip in the PGlite pass, just not a test there. */
const onPostgres: typeof test = TEST_DATABASE_URL ? test : ((() => Promise.resolve()) as unknown as typeof test);

const PASSWORD = 'serve-test-demo-password';
const CLI = ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts')];
const ENV = { ...process.env, DATABASE_URL: '', ANNEX_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
const READY_MS = 180_000;

interface Server {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Server {
  const child = spawn(process.execPath, [...CLI, 'serve', ...args], { cwd: PROJECT_ROOT, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits for the printed banner; returns the base URL (no trailing slash). */
async function ready(s: Server): Promise<string> {
  let exited = false;
  void s.exit.then(() => (exited = true));
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const m = /^Annex is running at (http:\/\/\S+?)\/$[\s\S]*Press Ctrl-C to stop\.$/m.exec(s.stdout());
    if (m) return m[1]!;
    if (exited || Date.now() > deadline) assert.fail(`annex serve did not start:\n${s.stdout()}\n${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(s: Server, signal: NodeJS.Signals): Promise<void> {
  s.child.kill(signal);
  const { code } = await s.exit;
  assert.equal(code, 0, `exit after ${signal}:\n${s.stdout()}\n${s.stderr()}`);
  assert.match(s.stdout(), new RegExp(`${signal}: stopping[^\\n]*\\nAnnex stopped\\.\\n$`));
}

/** The CLI run to completion (async: a server may be running meanwhile). */
function annex(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...ENV, ...env } },
      (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }));
  });
}

function noStack(text: string): void {
  assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
}

let tmp: string;
let data: string;
let server: Server;
let url: string;
let auditCommand: string[];

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'annex-serve-'));
  data = join(tmp, 'data');
});
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

test('first start loads the demo and prints the URL, the log key, the audit command and the logins', async () => {
  server = serve(['--data', data, '--port', '0']);
  url = await ready(server);
  const out = server.stdout();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(out, /^First start: loading the demo workspace into /);
  assert.ok(out.includes(`API docs     ${url}/docs`), out);
  const key = /^ {2}log key {6}(annex\.demo\/afpak-ceasefire\+[0-9a-f]{8}\+\S+)$/m.exec(out)?.[1];
  assert.ok(key, out);
  const policyFile = join(data, 'witnesses', 'policy.txt');
  const audit = /^ {2}npx annex (audit \S+ --vkey \S+ --witness-policy \S+)$/m.exec(out)?.[1];
  assert.equal(audit, `audit ${url}/log --vkey ${key} --witness-policy ${policyFile}`);
  auditCommand = audit.split(' ');
  // One local witness per party and mediator, each its own process with its own state directory.
  assert.match(out, /^ {2}witnesses {4}4 local witness processes \(demo\), one per party and mediator; quorum: every party and one mediator$/m);
  for (const [org, kind] of [['AFG', 'party'], ['PAK', 'party'], ['QAT', 'mediator'], ['TUR', 'mediator']]) {
    assert.match(out, new RegExp(`^ {15}${org} +http://127\\.0\\.0\\.1:\\d+ {2}\\(${kind}, state ${join(data, 'witnesses', org!).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)$`, 'm'), org);
  }

  const logins = join(data, 'demo-logins.txt');
  assert.ok(out.includes(`Demo logins (also in ${logins}`), out);
  assert.equal(statSync(logins).mode & 0o777, 0o600);
  const file = readFileSync(logins, 'utf8');
  for (const u of DEMO_USERS) {
    const row = new RegExp(`^${u.id.replace('.', '\\.')} +${u.org} +${u.roles.join(',')} +${PASSWORD}$`, 'm');
    assert.match(out, new RegExp(row.source.replace('^', '^  '), 'm'), `${u.id} printed`);
    assert.match(file, row, `${u.id} in ${logins}`);
  }
  noStack(server.stderr());
});

test('the API answers: health, sign-in with a printed login, /docs and /openapi.json', async () => {
  const health = await fetch(`${url}/api/health`);
  assert.equal(health.status, 200);
  const body = (await health.json()) as { status: string; ledger_size: number };
  assert.equal(body.status, 'ok');
  assert.ok(body.ledger_size > 50, `demo entries: ${body.ledger_size}`);

  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pak.liaison', password: PASSWORD }),
  });
  assert.equal(signIn.status, 200);
  assert.equal(((await signIn.json()) as { user: { org: string } }).user.org, 'PAK');
  assert.match(signIn.headers.get('set-cookie') ?? '', /HttpOnly/i);

  const docs = await fetch(`${url}/docs`);
  assert.equal(docs.status, 200);
  assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
  const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
  assert.match(openapi.openapi, /^3\./);
  for (const p of ['/api/health', '/api/session', '/log/checkpoint']) assert.ok(openapi.paths[p], p);
});

test('within seconds /log/checkpoint carries the cosignatures of the local witnesses, meeting the policy', async () => {
  const policy = parseWitnessPolicy(nodeCrypto, readFileSync(join(data, 'witnesses', 'policy.txt'), 'utf8'));
  assert.deepEqual(policy.witnesses.map((w) => w.name), ['AFG', 'PAK', 'QAT', 'TUR']);
  assert.equal(new Set(policy.witnesses.map((w) => w.vkey)).size, 4, 'four different keys');
  for (const w of policy.witnesses) {
    assert.ok(existsSync(join(data, 'witnesses', w.name, 'witness.key')), `${w.name} keeps its key in its own state directory`);
    const home = await fetch(`${w.url}/`);
    assert.equal(home.status, 200, `${w.name} answers at ${w.url}`);
  }
  const started = Date.now();
  let cosigned = 0;
  let note = '';
  while (Date.now() - started < 30_000) {
    note = await (await fetch(`${url}/log/checkpoint`)).text();
    cosigned = note.split('\n').filter((l) => l.startsWith('\u2014 witness.')).length;
    if (cosigned === 4) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(cosigned, 4, note);
  const opened = openNote(note, policy.witnesses.map((w) => w.verifier));
  assert.equal(quorumProblem(policy, opened.sigs.map((sg) => ({ name: sg.name, keyId: sg.keyId }))), undefined);
  const status = (await (await fetch(`${url}/api/log`)).json()) as { published_size: number; size: number; witnesses: Array<{ name: string; last_error: string | null }> };
  assert.equal(status.witnesses.length, 4);
  for (const w of status.witnesses) assert.equal(w.last_error, null, w.name);
});

test('the printed audit command verifies the log over HTTP', async () => {
  const r = await annex(auditCommand);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK annex\.demo\/afpak-ceasefire\n {2}tree size +\d+\n/);
  assert.match(r.stdout, /cosigned by witness\.afg\.annex\.local@/);
});

test('a second annex serve on the same data directory exits 2 and names the process holding it', async () => {
  const r = await annex(['serve', '--data', data, '--port', '0']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`^error: data directory ${data} is in use by process ${server.child.pid} \\(since [^)]+\\): .*would lose data\\n$`));
  noStack(r.stderr);
});

test('a port in use exits 2 with a clear message, before touching the data directory', async () => {
  const port = new URL(url).port;
  const other = join(tmp, 'other');
  const r = await annex(['serve', '--data', other, '--port', port]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.stderr, `error: port ${port} on 127.0.0.1 is already in use (another annex serve, or another program): stop it, or choose another port with --port N\n`);
  assert.equal(existsSync(other), false);
});

test('SIGTERM stops the server cleanly: exit 0, lock released, its witnesses stopped', async () => {
  const policy = parseWitnessPolicy(nodeCrypto, readFileSync(join(data, 'witnesses', 'policy.txt'), 'utf8'));
  await stop(server, 'SIGTERM');
  assert.equal(existsSync(join(data, 'annex.lock')), false);
  for (const w of policy.witnesses) {
    assert.equal(existsSync(join(data, 'witnesses', w.name, 'annex.lock')), false, `${w.name} released its state`);
    await assert.rejects(fetch(`${w.url}/`), `${w.name} no longer listens`);
  }
});

test('a restart keeps the data, does not reload the demo and prints no passwords', async () => {
  const before = readFileSync(join(data, 'demo-logins.txt'), 'utf8');
  server = serve(['--data', data, '--port', '0']);
  url = await ready(server);
  const out = server.stdout();
  assert.doesNotMatch(out, /First start/);
  assert.ok(!out.includes(PASSWORD), 'no password printed');
  assert.ok(out.includes(`Demo logins: see ${join(data, 'demo-logins.txt')}`), out);
  assert.match(out, /^ {2}npx annex audit \S+\/log --vkey annex\.demo\/afpak-ceasefire\+\S+ --witness-policy \S+$/m);
  assert.equal(readFileSync(join(data, 'demo-logins.txt'), 'utf8'), before);
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sec.admin', password: PASSWORD }),
  });
  assert.equal(signIn.status, 200);
  await stop(server, 'SIGINT');
});

test('a start after a demo load that was cut off says so', async () => {
  assert.equal(existsSync(join(data, 'demo-loading')), false, 'a finished load leaves no marker');
  writeFileSync(join(data, 'demo-loading'), 'started earlier\n');
  server = serve(['--data', data, '--port', '0', '--no-witnesses']);
  await ready(server);
  assert.match(server.stdout(), /^ {2}witnesses {4}none: checkpoints are published as the log signs them/m);
  for (let i = 0; i < 50 && !server.stdout().includes('Warning:'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(server.stdout(), /^Warning: loading the demo workspace was cut off earlier: it is incomplete and its logins were never saved\. Stop the server, delete \S+ and start again\.$/m);
  await stop(server, 'SIGTERM');
  rmSync(join(data, 'demo-loading'));
});

test('annex verify checks the data directory the server left', async () => {
  const r = await annex(['verify', '--data', data]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK /);
});

test('--no-demo on an empty directory starts empty and says how to set a workspace up', async () => {
  const empty = join(tmp, 'empty');
  const s = serve(['--data', empty, '--port', '0', '--no-demo']);
  await ready(s);
  const out = s.stdout();
  assert.match(out, /The workspace is empty/);
  for (const cmd of ['annex init', 'annex orgs add', 'annex users add']) assert.ok(out.includes(`npx ${cmd} `), cmd);
  assert.equal(existsSync(join(empty, 'demo-logins.txt')), false);
  await stop(s, 'SIGTERM');
});

test('an unreachable DATABASE_URL exits 2 without printing its password', async () => {
  const r = await annex(['serve', '--data', join(tmp, 'pg'), '--port', '0'], { DATABASE_URL: 'postgres://annex:hunter2-secret@127.0.0.1:1/annex' });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^error: cannot connect to PostgreSQL at postgres:\/\/annex:\*\*\*@127\.0\.0\.1:1\/annex \(.*ECONNREFUSED.*\): check DATABASE_URL/);
  assert.ok(!(r.stdout + r.stderr).includes('hunter2'), 'password not printed');
  noStack(r.stderr);
});

// Runs in the PostgreSQL pass of CI (.ci/run sets ANNEX_TEST_DATABASE_URL); the PGlite pass has no server to test it on.
onPostgres('on PostgreSQL: the demo loads; connections the server drops are logged, not fatal, and requests right after still succeed', async () => {
  const name = `annex_serve_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(TEST_DATABASE_URL!);
    dbUrl.pathname = `/${name}`;
    const s = serve(['--data', join(tmp, 'pgdata-dir'), '--port', '0'], { DATABASE_URL: dbUrl.toString() });
    const base = await ready(s);
    assert.match(s.stdout(), /database postgres:\/\//);
    // Several requests at once, so the pool holds several connections.
    const warm = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/api/health`)));
    assert.deepEqual(warm.map((r) => r.status), Array(8).fill(200));
    const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    assert.ok(killed.rowCount! > 0);
    // At once, before the server may have noticed: a connection that died while idle costs a read nothing.
    const right = await Promise.all(Array.from({ length: 8 }, async () => {
      const r = await fetch(`${base}/api/health`);
      return `${r.status} ${await r.text()}`;
    }));
    for (const r of right) assert.match(r, /^200 /, `${r}\n${s.stderr()}`);
    // Idle connections, or ones busy at that moment (the integrator, publication): either is logged.
    for (let i = 0; i < 50 && !/was dropped (while idle|while in use)/.test(s.stderr()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(s.stderr(), /database connection to postgres:\/\/\S+ was dropped (while idle|while in use)/);
    assert.equal(s.child.exitCode, null, 'still running');
    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    assert.doesNotMatch(s.stderr(), /unhandled error/);
    await stop(s, 'SIGTERM');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
