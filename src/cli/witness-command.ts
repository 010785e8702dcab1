/**
 * `annex witness`: run the witness a party keeps on its own machine (a C2SP
 * tlog-witness server, src/witness/); `annex witness check`: compare what
 * several witnesses cosigned, as an auditor; `annex witness clear-alarm`:
 * lift an alarm after an operator has looked at it. Start-up problems are one
 * line and exit 2; SIGINT/SIGTERM stop it gracefully.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { DataDirLockedError, lockDataDir } from '../store/lock.js';
import { clearAlarm } from '../witness/alarms.js';
import { checkLogs, type LogCheck } from '../witness/check.js';
import { knownLogs, normaliseUrl, parseLogsFile, parseLogSpec, type LogConfig } from '../witness/config.js';
import { WitnessError } from '../witness/errors.js';
import { startWitness, type RunningWitness } from '../witness/index.js';
import { UsageError } from './audit-command.js';
import { VerifyFailedError } from './verify-command.js';

interface RunOptions {
  state: string;
  port: number;
  host: string;
  log: string[];
  logsFile?: string;
  peer: string[];
  gossipInterval: number;
  name?: string;
  keyFile?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number, 0 to 65535 (0: any free port)');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number of seconds (0: no gossip)');
  return n;
}

/** Runs `fn`, turning configuration errors into one-line usage errors (exit 2). */
async function usage<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof WitnessError) throw new UsageError(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new UsageError('the port is already in use: choose another with --port N');
    if (err.syscall === 'listen' || err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
      throw new UsageError(`cannot listen there (${err.code}): check --host and --port`);
    }
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR' || err.code === 'ENOTDIR') throw new UsageError(err.message);
    throw e;
  }
}

async function logConfigs(o: { log: string[]; logsFile?: string }): Promise<LogConfig[]> {
  const logs = o.log.map(parseLogSpec);
  if (o.logsFile) logs.push(...parseLogsFile(await readFile(o.logsFile, 'utf8')));
  if (logs.length === 0) throw new UsageError('at least one --log <vkey>[@<tiles-url>] (or --logs-file) is required');
  return logs;
}

/** SIGINT/SIGTERM: the first stops gracefully; a second exits at once. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveStop) => {
    let first = true;
    const handler = (sig: NodeJS.Signals): void => {
      if (first) {
        first = false;
        resolveStop(sig);
        return;
      }
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/**
 * Resolves when the process that started this witness (`annex serve`, which
 * sets ANNEX_EXIT_WITH_PARENT to its pid) is gone, e.g. killed outright: a
 * local demo witness must not outlive its server. Never resolves otherwise.
 */
function parentGone(pid: string | undefined): Promise<'parent gone'> {
  if (!pid || !/^\d+$/.test(pid)) return new Promise(() => undefined);
  return new Promise((resolveGone) => {
    const timer = setInterval(() => {
      if (process.ppid !== Number(pid)) {
        clearInterval(timer);
        resolveGone('parent gone');
      }
    }, 1000);
    timer.unref();
  });
}

export async function runWitness(o: RunOptions, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const stateDir = resolve(o.state);
  const stop = stopSignal();
  const running: RunningWitness = await usage(async () => {
    const logs = await logConfigs(o);
    const key = o.keyFile ? await readFile(o.keyFile, 'utf8') : env.ANNEX_WITNESS_KEY || undefined;
    return startWitness({
      stateDir, logs, key, name: o.name, host: o.host, port: o.port, peers: o.peer,
      gossipIntervalMs: o.gossipInterval * 1000,
      // JSON logs (alarms, gossip, requests) on stderr; stdout stays for people.
      logger: { level: env.LOG_LEVEL || 'info', stream: process.stderr },
    });
  });
  const lines = [`Annex witness running at ${running.url}`, `  verifier key  ${running.vkey}`, `  state         ${stateDir}`];
  for (const l of running.witness.parts.logs.values()) {
    const size = running.witness.state(l.origin).latest?.size;
    lines.push(`  log           ${l.origin}  (${size === undefined ? 'nothing cosigned yet' : `cosigned up to size ${size}`})${l.url ? `  tiles ${l.url}` : ''}`);
  }
  for (const p of o.peer) lines.push(`  peer          ${p}`);
  const standing = running.witness.parts.alarms.list();
  if (standing.length > 0) lines.push(`  ALARMS        ${standing.length} standing: see ${running.url}/alarms`);
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
  const sig = await Promise.race([stop, parentGone(env.ANNEX_EXIT_WITH_PARENT)]);
  console.log(`${sig}: stopping the witness…`);
  await running.close();
  console.log('Witness stopped.');
  setTimeout(() => process.exit(0), 2000).unref();
}

function printCheck(reports: LogCheck[]): number {
  let problems = 0;
  for (const r of reports) {
    console.log(`log ${r.origin}`);
    for (const s of r.sightings) {
      const c = s.opened?.checkpoint;
      console.log(c ? `  ${s.source}  size ${c.size}  root ${Buffer.from(c.root).toString('base64')}` : `  ${s.source}  ${s.error}`);
    }
    for (const u of r.undecided) console.log(`  not compared: ${u}`);
    for (const f of r.findings) {
      problems++;
      console.log(`  ALARM ${f.kind}: ${f.message}`);
      for (const [i, n] of f.notes.entries()) console.log(`  --- note from ${f.sources[i]}\n${n.replace(/^/gm, '    ')}`);
    }
    for (const a of r.witnessAlarms) {
      problems++;
      console.log(`  ALARM at ${a.witness}: ${a.alarm.kind} ${a.alarm.id}: ${a.alarm.message}`);
    }
    if (r.findings.length === 0 && r.witnessAlarms.length === 0) console.log('  ok: no split view or inconsistency seen');
  }
  return problems;
}

export function registerWitnessCommand(program: Command): void {
  const witness = program
    .command('witness')
    .description("run a witness (C2SP tlog-witness): cosigns each new checkpoint of the log that is consistent with the last, keeps every one, gossips with peers and raises alarms on forks")
    .option('--state <dir>', 'state directory: lock, cosigner key, cosigned checkpoints, alarms', './annex-witness')
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 8081)
    .option('--host <host>', 'address to listen on (0.0.0.0: all interfaces)', '127.0.0.1')
    .option('--log <vkey[@url]>', "a log to witness: its verifier key, optionally @ its tiles URL (e.g. http://server:8080/log/); repeat", collect, [])
    .option('--logs-file <file>', 'a file of logs, one <vkey>[@<url>] a line')
    .option('--peer <url>', 'a peer witness to gossip with; repeat', collect, [])
    .option('--gossip-interval <seconds>', 'how often to poll peers and log URLs', seconds, 10)
    .option('--name <name>', 'cosigner key name, when the key is created on first start')
    .option('--key-file <file>', 'use this cosigner signer key instead of <state>/witness.key')
    .addHelpText('after', [
      '',
      'Environment:',
      '  ANNEX_WITNESS_KEY  a cosigner signer key (PRIVATE+KEY+…, type 0x04), instead of <state>/witness.key',
      '  LOG_LEVEL          pino log level (default info); JSON logs on stderr',
    ].join('\n'))
    .action(async (o: RunOptions) => runWitness(o));

  witness
    .command('check')
    .description("compare the checkpoints several witnesses cosigned (and notes you kept); exit 1 on a split view or inconsistency")
    .argument('<witness-url...>', 'witness base URLs')
    .option('--note <file>', 'a checkpoint note you saw elsewhere; repeat', collect, [])
    .option('--no-post', "do not post the notes to the witnesses' /gossip")
    .option('--json', 'print the report as JSON')
    .configureHelp({ showGlobalOptions: true })
    .action(async (urls: string[], _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<{ log: string[]; logsFile?: string; note: string[]; post: boolean; json?: boolean }>();
      const reports = await usage(async () => {
        const logs = knownLogs(nodeCrypto, await logConfigs(o));
        const notes = await Promise.all(o.note.map(async (f) => ({ source: f, text: await readFile(f, 'utf8') })));
        const witnesses = urls.map((u) => normaliseUrl(u, 'witness URL'));
        return checkLogs({ hasher: new MerkleHasher(nodeCrypto), logs, witnesses, notes, post: o.post });
      });
      const problems = o.json ? reports.reduce((n, r) => n + r.findings.length + r.witnessAlarms.length, 0) : printCheck(reports);
      if (o.json) console.log(JSON.stringify(reports, (k, v) => (k === 'log' ? undefined : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v), 2));
      if (problems > 0) throw new VerifyFailedError(problems);
    });

  witness
    .command('clear-alarm')
    .description('lift a standing alarm (stop the witness first); the alarm moves to <state>/alarms/cleared/')
    .argument('<id>', 'the alarm id (GET /alarms)')
    .configureHelp({ showGlobalOptions: true })
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const stateDir = resolve(cmd.optsWithGlobals<{ state: string }>().state);
      let release: () => void;
      try {
        release = lockDataDir(stateDir);
      } catch (e) {
        if (e instanceof DataDirLockedError) throw new UsageError(`the witness is running (process ${e.pid}): stop it before clearing an alarm`);
        throw new UsageError((e as Error).message);
      }
      try {
        await usage(() => clearAlarm(stateDir, id));
      } finally {
        release();
      }
      console.log(`alarm ${id} cleared; the witness cosigns for that log again when restarted`);
    });
}
