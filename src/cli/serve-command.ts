/**
 * `annex serve [--data DIR] [--port N] [--host H] [--no-demo]
 * [--witness-policy FILE | --no-witnesses]`: run the server in the
 * foreground (src/api/start.ts). On the first start of an empty workspace it
 * loads the demo (src/demo/) with a random password per demo user, writes
 * the logins to `<data>/demo-logins.txt` (0600) and prints them once. On the
 * demo workspace it also runs one local witness process per party and
 * mediator (./local-witnesses.ts) and publishes by their quorum; elsewhere
 * `--witness-policy` names the parties' own witnesses. Stdout is for people (URL, log key, audit command, logins);
 * pino's JSON logs go to stderr (LOG_LEVEL). SIGINT/SIGTERM stop it
 * gracefully; a second signal exits at once. Start-up problems are one line
 * and exit 2.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import pg from 'pg';
import { defaultLogger, startServer, type Running } from '../api/start.js';
import { loadDemo, type DemoLogin } from '../demo/index.js';
import { DEMO_WORKSPACE } from '../demo/orgs.js';
import { PolicyError } from '../log/policy.js';
import { readVerifierKey } from '../log/resources.js';
import { MIN_PASSWORD_LENGTH } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { getWorkspace } from '../services/workspace.js';
import { redact } from '../store/db.js';
import { listOrganisations } from '../store/repositories/accounts.js';
import { DataDirLockedError } from '../store/lock.js';
import { UsageError } from './audit-command.js';
import { freePort, LocalWitnessError, startLocalWitnesses, type LocalWitnesses } from './local-witnesses.js';

export const DEMO_LOGINS_FILE = 'demo-logins.txt';
/** Present while the demo loads: if a start finds it, the last load was cut off. */
export const DEMO_LOADING_FILE = 'demo-loading';

interface ServeOptions {
  data: string;
  port: number;
  host: string;
  demo: boolean;
  /** A C2SP tlog-policy file naming the witnesses whose quorum publishes checkpoints. */
  witnessPolicy?: string;
  /** Start local witnesses for the demo workspace (--no-witnesses: do not). */
  witnesses: boolean;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number, 0 to 65535 (0: any free port)');
  return n;
}


/** Removes the URL's password from a message, however a driver quoted it. */
function scrub(message: string, url: string | undefined): string {
  if (!url) return message;
  let out = message.split(url).join(redact(url));
  try {
    const pw = new URL(url).password;
    if (pw) for (const p of new Set([pw, decodeURIComponent(pw)])) out = out.split(p).join('***');
  } catch {
    /* not a URL: nothing more to hide */
  }
  return out;
}

function listenError(e: unknown, port: number, host: string): UsageError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new UsageError(`port ${port} on ${host} is already in use (another annex serve, or another program): stop it, or choose another port with --port N`);
  }
  if (code === 'EACCES') return new UsageError(`not allowed to listen on port ${port} (ports below 1024 need privileges): choose another port with --port N`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UsageError(`cannot listen on host ${host}: it is not an address of this machine (use 127.0.0.1, or 0.0.0.0 for all interfaces)`);
  }
  return undefined;
}

/** Fails fast, before the demo loads, when the port is taken (startServer would only find out after). */
async function checkPort(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => ok()));
  }).catch((e: unknown) => {
    throw listenError(e, port, host) ?? e;
  });
}

async function checkDatabase(url: string): Promise<void> {
  let client: pg.Client | undefined;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
  } catch (e) {
    throw new UsageError(`cannot connect to PostgreSQL at ${redact(url)} (${scrub((e as Error).message, url)}): check DATABASE_URL and that the server is running`);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

function demoPasswords(env: NodeJS.ProcessEnv): (username: string) => string {
  const fixed = env.ANNEX_DEMO_PASSWORD;
  return fixed ? () => fixed : () => randomBytes(12).toString('base64url');
}

function loginTable(logins: DemoLogin[]): string[] {
  const rows = [['username', 'organisation', 'roles', 'password'], ...logins.map((l) => [l.username, l.org, l.roles.join(','), l.password])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]! + 2) : cell)).join(''));
}

async function writeLogins(file: string, logins: DemoLogin[]): Promise<void> {
  const text = [`# Annex demo logins, created ${new Date().toISOString()}`, ...loginTable(logins), ''].join('\n');
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600); // an older file keeps its mode on overwrite
}

/** A shell word: quoted only when it needs to be. */
const shellWord = (s: string): string => (/^[\w./:@+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** What the banner says about witnesses: where the policy is, and the local witnesses if serve started them. */
interface WitnessInfo {
  policyFile?: string;
  local?: LocalWitnesses;
}

function witnessLines(r: Running, w: WitnessInfo): string[] {
  const policy = r.publication.policy;
  if (!policy || !w.policyFile) {
    return ['  witnesses    none: checkpoints are published as the log signs them (start with --witness-policy FILE to publish only quorum-cosigned ones)'];
  }
  if (!w.local) return [`  witnesses    ${policy.witnesses.length} in ${w.policyFile}; /log/checkpoint serves checkpoints once their quorum has cosigned`];
  return [
    `  witnesses    ${w.local.witnesses.length} local witness processes (demo), one per party and mediator; quorum: every party and one mediator`,
    ...w.local.witnesses.map((l) => `               ${l.org.padEnd(5)} ${l.url}  (${l.kind}, state ${l.stateDir})`),
    `               policy ${w.policyFile}; /log/checkpoint carries their cosignatures`,
  ];
}

async function printBanner(r: Running, dataDir: string, demo: DemoLogin[] | undefined, w: WitnessInfo): Promise<void> {
  const ws = await getWorkspace(r.services.db);
  const vkey = ws ? await readVerifierKey(r.services) : undefined;
  const logins = join(dataDir, DEMO_LOGINS_FILE);
  const lines = [
    '',
    `Annex is running at ${r.url}/`,
    `  API docs     ${r.url}/docs  (OpenAPI: ${r.url}/openapi.json)`,
    `  data         ${dataDir}${r.store.kind === 'postgres' ? `, database ${r.store.where}` : ' (PGlite)'}`,
  ];
  if (ws && vkey) {
    lines.push(
      `  workspace    ${ws.name}`,
      `  log          ${r.url}/log/  (C2SP tlog-tiles)`,
      `  log key      ${vkey}`,
      ...witnessLines(r, w),
      '',
      'Anyone can audit the log without trusting this server:',
      `  npx annex audit ${r.url}/log --vkey ${shellWord(vkey)}${r.publication.policy && w.policyFile ? ` --witness-policy ${shellWord(w.policyFile)}` : ''}`,
    );
  } else {
    lines.push(
      '',
      'The workspace is empty. To set one up, stop the server (Ctrl-C), then run:',
      `  npx annex init --data ${shellWord(dataDir)} --name "…" --origin example.org/ceasefire --secretariat SEC`,
      `  npx annex orgs add PAK --kind party --name "…" --data ${shellWord(dataDir)}`,
      `  npx annex users add pak.liaison --org PAK --roles liaison --data ${shellWord(dataDir)}`,
      'and start it again (or start without --no-demo on an empty directory to get the demo workspace).',
    );
  }
  if (demo) {
    lines.push('', `Demo logins (also in ${logins}, readable only by you):`, ...loginTable(demo).map((l) => `  ${l}`));
  } else if (ws && existsSync(logins)) {
    lines.push('', `Demo logins: see ${logins}`);
  }
  lines.push('', 'Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
}

/** SIGINT/SIGTERM: the first asks for a graceful stop (resolves `stop`); a second one exits at once. */
function watchSignals(): { stop: Promise<NodeJS.Signals>; requested(): boolean } {
  let first: NodeJS.Signals | undefined;
  let resolveStop!: (sig: NodeJS.Signals) => void;
  const stop = new Promise<NodeJS.Signals>((r) => (resolveStop = r));
  const handler = (sig: NodeJS.Signals): void => {
    if (!first) {
      first = sig;
      resolveStop(sig);
      return;
    }
    console.error(`${sig} again: exiting now, without a clean shutdown`);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { stop, requested: () => first !== undefined };
}

export async function runServe(o: ServeOptions, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dataDir = resolve(o.data);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (env.ANNEX_DEMO_PASSWORD && env.ANNEX_DEMO_PASSWORD.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`ANNEX_DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (o.witnessPolicy && !existsSync(o.witnessPolicy)) throw new UsageError(`--witness-policy ${o.witnessPolicy}: no such file`);
  await checkPort(o.port, o.host);
  if (databaseUrl) await checkDatabase(databaseUrl);
  // Local witnesses are told the log's URL before the server listens: fix the port now.
  const port = o.port === 0 ? await freePort(o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host) : o.port;
  const urlHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const witnesses: WitnessInfo = { policyFile: o.witnessPolicy ? resolve(o.witnessPolicy) : undefined };
  /** The demo workspace gets local witnesses (unless --no-witnesses); any other runs unwitnessed without --witness-policy. */
  const localWitnesses = async (s: Services): Promise<string | undefined> => {
    const ws = await getWorkspace(s.db);
    if (!ws || ws.origin !== DEMO_WORKSPACE.origin) return undefined;
    const specs = (await listOrganisations(s.db)).flatMap((org) => (org.kind === 'party' || org.kind === 'mediator' ? [{ org: org.id, kind: org.kind as 'party' | 'mediator' }] : []));
    if (specs.length === 0) return undefined;
    console.log(`Starting ${specs.length} local witnesses (${specs.map((w) => w.org).join(', ')})…`);
    witnesses.local = await startLocalWitnesses({
      dataDir, specs, logVkey: await readVerifierKey(s), logUrl: `http://${urlHost}:${port}/log/`, say: (line) => console.log(line),
    });
    witnesses.policyFile = witnesses.local.policyFile;
    return witnesses.local.policyFile;
  };

  const signals = watchSignals();
  let running: Running | undefined;
  let demo: DemoLogin[] | undefined;
  const onEmpty = async (s: Services): Promise<void> => {
    console.log(`First start: loading the demo workspace into ${databaseUrl ? redact(databaseUrl) : dataDir} (about 15 s)…`);
    await writeFile(join(dataDir, DEMO_LOADING_FILE), `started ${new Date().toISOString()}\n`, { mode: 0o600 });
    demo = await loadDemo(s, { password: demoPasswords(env), log: (m) => console.log(`  ${m.replace(/^demo: /, '')}`) });
    await writeLogins(join(dataDir, DEMO_LOGINS_FILE), demo);
    await rm(join(dataDir, DEMO_LOADING_FILE), { force: true });
    if (signals.requested()) console.log('The demo workspace is loaded; stopping now.');
  };
  signals.stop.then((sig) => {
    if (!running) console.log(`${sig}: stopping once start-up has finished (a half-loaded demo would stay half-loaded); Ctrl-C again to exit now`);
  }, () => undefined);

  try {
    running = await startServer({
      dataDir,
      databaseUrl,
      port,
      host: o.host,
      env,
      witnessPolicy: witnesses.policyFile ?? (o.witnesses ? localWitnesses : undefined),
      // Logs to stderr: stdout stays readable (URL, keys, logins).
      logger: { ...(defaultLogger(env.LOG_LEVEL || 'info') as object), stream: process.stderr },
      onEmpty: o.demo ? onEmpty : undefined,
    });
  } catch (e) {
    await witnesses.local?.stop();
    if (e instanceof LocalWitnessError) throw new UsageError(`${e.message}; or start with --no-witnesses`);
    if (e instanceof PolicyError) throw new UsageError(`--witness-policy: ${e.message}`);
    if (e instanceof DataDirLockedError) {
      throw new UsageError(
        `data directory ${e.dir} is in use by process ${e.pid} (since ${e.since}): stop that process first, ` +
          'or use another --data directory; two processes on one PGlite directory would lose data',
      );
    }
    const listen = listenError(e, o.port, o.host);
    if (listen) throw listen;
    throw new UsageError(`annex serve could not start: ${scrub((e as Error).message ?? String(e), databaseUrl)}`);
  }

  if (!signals.requested()) await printBanner(running, dataDir, demo, witnesses);
  if (!demo && existsSync(join(dataDir, DEMO_LOADING_FILE))) {
    console.log(`Warning: loading the demo workspace was cut off earlier: it is incomplete and its logins were never saved. ` +
      `Stop the server, delete ${databaseUrl ? 'the database' : dataDir} and start again.`);
  }
  const sig = await signals.stop;
  console.log(`${sig}: stopping (finishing open requests, integrating the last entries)…`);
  await running.close();
  await witnesses.local?.stop();
  console.log('Annex stopped.');
  // Should anything still hold the event loop open, do not hang.
  setTimeout(() => process.exit(0), 3000).unref();
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the Annex server (web API, /docs, the public log under /log/); the first start of an empty data directory loads the demo workspace')
    .option('--data <dir>', 'data directory (PGlite database, keys, evidence files); DATABASE_URL selects PostgreSQL for the database', './annex-data')
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 8080)
    .option('--host <host>', 'address to listen on; 127.0.0.1 is this machine only, 0.0.0.0 listens on all interfaces', '127.0.0.1')
    .option('--no-demo', 'do not load the demo workspace into an empty data directory')
    .option('--witness-policy <file>', "publish checkpoints only once this C2SP tlog-policy's quorum of witnesses has cosigned them (the parties' own witnesses)")
    .option('--no-witnesses', 'on the demo workspace, do not start the local witnesses (one per party and mediator)')
    .addHelpText('after', [
      '',
      'Environment:',
      '  DATABASE_URL         postgres://… : use this PostgreSQL database instead of PGlite',
      '  LOG_LEVEL            pino log level (default info); logs are JSON lines on stderr',
      '  ANNEX_DEMO_PASSWORD  one fixed password for every demo user (default: random ones)',
    ].join('\n'))
    .action(async (o: ServeOptions) => runServe(o));
}
