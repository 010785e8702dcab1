/**
 * The demo's witnesses (issue 4 item 6): `annex serve` on the demo workspace
 * starts one `annex witness` per party and mediator — separate processes,
 * each with its own state directory (`<data>/witnesses/<ORG>/`) and its own
 * cosigner key — and writes the C2SP tlog-policy file the server publishes
 * by: both parties and at least one mediator. A real deployment does not do
 * this (the witnesses' keys would all sit on the operator's machine): it
 * passes `--witness-policy FILE` naming the parties' own remote witnesses.
 *
 * A witness process that dies is started again (same port, same state) after
 * a short pause; its stderr (JSON logs, alarms) goes to `<state>/witness.log`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

export interface LocalWitnessSpec {
  /** The organisation the witness stands for; also its name in the policy. */
  org: string;
  kind: 'party' | 'mediator';
}

export interface LocalWitness {
  readonly org: string;
  readonly kind: 'party' | 'mediator';
  readonly url: string;
  readonly vkey: string;
  readonly stateDir: string;
  readonly logFile: string;
  /** The running process (replaced when it is restarted). */
  child(): ChildProcess;
}

export interface LocalWitnesses {
  readonly witnesses: readonly LocalWitness[];
  readonly policyFile: string;
  stop(): Promise<void>;
}

export interface LocalWitnessOptions {
  dataDir: string;
  specs: readonly LocalWitnessSpec[];
  /** The log's verifier key; the witnesses trust only it. */
  logVkey: string;
  /** The log's tiles URL (`…/log/`), so a witness can check a refused checkpoint against the tiles. */
  logUrl: string;
  /** Progress and warnings, for people. */
  say: (line: string) => void;
  /** How to run `annex` again: this process's node, flags and entry script. */
  command?: readonly string[];
  readyTimeoutMs?: number;
}

export class LocalWitnessError extends Error {}

/** A port free on 127.0.0.1 now (the witness binds it a moment later). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return (await freePorts(1, host))[0]!;
}

/**
 * `count` different ports free on `host` now: all probes are bound at once
 * before any is closed, so no two answers are the same port (probing one
 * after another may hand out a port just released again).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const probes = await Promise.all(Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => resolve(probe));
  })));
  const ports = probes.map((p) => (p.address() as { port: number }).port);
  await Promise.all(probes.map((p) => new Promise<void>((resolve) => p.close(() => resolve()))));
  return ports;
}

/**
 * tlog-policy text: the log, each witness with its submission URL, and the
 * quorum "every party and at least one mediator" (§Defining a witness group).
 */
export function localPolicy(logVkey: string, logUrl: string, ws: ReadonlyArray<Pick<LocalWitness, 'org' | 'kind' | 'vkey' | 'url'>>): string {
  const parties = ws.filter((w) => w.kind === 'party').map((w) => w.org);
  const mediators = ws.filter((w) => w.kind === 'mediator').map((w) => w.org);
  const lines = [
    '# Witness policy written by `annex serve` for the demo (C2SP tlog-policy):',
    '# one local witness per party and mediator, each its own process and key.',
    "# A real deployment lists the parties' own witnesses and starts the server",
    '# with --witness-policy FILE instead.',
    `log ${logVkey} ${logUrl}`,
    ...ws.map((w) => `witness ${w.org} ${w.vkey} ${w.url}`),
  ];
  if (parties.length > 0) lines.push(`group parties all ${parties.join(' ')}`);
  if (mediators.length > 0) lines.push(`group mediators any ${mediators.join(' ')}`);
  if (parties.length > 0 && mediators.length > 0) lines.push('group parties-and-a-mediator all parties mediators', 'quorum parties-and-a-mediator');
  else lines.push(`quorum ${parties.length > 0 ? 'parties' : mediators.length > 0 ? 'mediators' : 'none'}`);
  return `${lines.join('\n')}\n`;
}

interface Launched {
  child: ChildProcess;
  url: string;
  vkey: string;
}

/** Starts `annex witness` and waits for its banner (URL and verifier key on stdout). */
function launch(command: readonly string[], args: string[], logFile: string, timeoutMs: number): Promise<Launched> {
  const fd = openSync(logFile, 'a', 0o600);
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    stdio: ['ignore', 'pipe', fd],
    // ANNEX_EXIT_WITH_PARENT: should serve be killed outright, its witnesses do not linger (src/cli/witness-command.ts).
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'info', ANNEX_EXIT_WITH_PARENT: String(process.pid) },
  });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalWitnessError(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new LocalWitnessError(`it exited with code ${code}${out ? `: ${out.trim().split('\n').pop()}` : ''}`));
    };
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /^Annex witness running at (\S+)$/m.exec(out)?.[1];
      const vkey = /^ {2}verifier key {2}(\S+)$/m.exec(out)?.[1];
      if (url && vkey && /Press Ctrl-C to stop\./.test(out)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout!.resume(); // keep draining: its later lines (stopping…) are not needed
        child.stdout!.removeAllListeners('data');
        child.stdout!.on('data', () => undefined);
        resolve({ child, url, vkey });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startLocalWitnesses(o: LocalWitnessOptions): Promise<LocalWitnesses> {
  const command = o.command ?? [process.execPath, ...process.execArgv, process.argv[1]!];
  const timeoutMs = o.readyTimeoutMs ?? 30_000;
  const root = join(o.dataDir, 'witnesses');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const ports = await freePorts(o.specs.length);
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  let stopping = false;
  const running = new Map<string, ChildProcess>();
  // Ctrl-C in a terminal signals the whole process group: the witnesses stop by themselves then, and are not restarted.
  const onSignal = (): void => {
    stopping = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const argsFor = (i: number): string[] => {
    const spec = o.specs[i]!;
    return [
      'witness', '--state', join(root, spec.org), '--host', '127.0.0.1', '--port', String(ports[i]),
      '--log', `${o.logVkey}@${o.logUrl}`, '--name', `witness.${spec.org.toLowerCase()}.annex.local`, '--gossip-interval', '5',
      ...urls.filter((_, j) => j !== i).flatMap((u) => ['--peer', u]),
    ];
  };

  /** Starts witness `i` again after a pause that grows while it keeps failing. */
  const restart = (i: number, failures: number): void => {
    const spec = o.specs[i]!;
    const pause = Math.min(30_000, 1000 * 2 ** failures);
    setTimeout(() => {
      if (stopping) return;
      launch(command, argsFor(i), join(root, spec.org, 'witness.log'), timeoutMs).then(
        (l) => {
          if (stopping) void stopChild(l.child);
          else watch(i, l.child);
        },
        (e: Error) => {
          o.say(`witness ${spec.org} did not start again (${e.message}); trying again`);
          restart(i, failures + 1);
        },
      );
    }, pause).unref();
  };

  /** A witness that dies (not one we stopped) is started again. */
  const watch = (i: number, child: ChildProcess): void => {
    const spec = o.specs[i]!;
    running.set(spec.org, child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      o.say(`witness ${spec.org} stopped (${signal ?? `exit ${code}`}); starting it again (log: ${join(root, spec.org, 'witness.log')})`);
      restart(i, 0);
    });
  };

  const launched = await Promise.allSettled(o.specs.map((spec, i) => {
    mkdirSync(join(root, spec.org), { recursive: true, mode: 0o700 });
    return launch(command, argsFor(i), join(root, spec.org, 'witness.log'), timeoutMs);
  }));
  const stopAll = async (): Promise<void> => {
    stopping = true;
    process.off('exit', killAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([...running.values()].map(stopChild));
  };
  // A hard exit (a second Ctrl-C) must not leave witnesses behind.
  const killAll = (): void => {
    for (const c of running.values()) c.kill('SIGTERM');
  };
  process.on('exit', killAll);
  const failed = launched.flatMap((r, i) => (r.status === 'rejected' ? [`${o.specs[i]!.org}: ${(r.reason as Error).message} (log: ${join(root, o.specs[i]!.org, 'witness.log')})`] : []));
  launched.forEach((r, i) => r.status === 'fulfilled' && running.set(o.specs[i]!.org, r.value.child));
  if (failed.length > 0) {
    await stopAll();
    throw new LocalWitnessError(`local witness${failed.length > 1 ? 'es' : ''} did not start: ${failed.join('; ')}`);
  }
  const witnesses: LocalWitness[] = o.specs.map((spec, i) => {
    const l = (launched[i] as PromiseFulfilledResult<Launched>).value;
    watch(i, l.child);
    return {
      org: spec.org, kind: spec.kind, url: l.url, vkey: l.vkey, stateDir: join(root, spec.org), logFile: join(root, spec.org, 'witness.log'),
      child: () => running.get(spec.org)!,
    };
  });
  const policyFile = join(root, 'policy.txt');
  await writeFile(policyFile, localPolicy(o.logVkey, o.logUrl, witnesses), { mode: 0o644 });
  return { witnesses, policyFile, stop: stopAll };
}
