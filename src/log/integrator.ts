/**
 * The integrator's schedule (ARCHITECTURE.md "Sequencing and integration",
 * after Tessera): a wake-up after each committed write starts a 250 ms
 * window, so entries arriving together share one checkpoint; 256 pending
 * entries integrate at once. Failures in the background are logged and
 * retried with backoff, never thrown into the process. Each step runs in its
 * own transaction under the integrator lock (integrate.ts), so several
 * processes on one PostgreSQL may each run an integrator.
 */
import type { Checkpoint } from '../ledger/checkpoint.js';
import type { Services } from '../services/context.js';
import type { StoredCheckpoint } from '../store/repositories/log.js';
import { integrateStep, type TreeCache } from './integrate.js';

/** The part of a pino logger the integrator uses. */
export interface IntegratorLogger {
  error(obj: object, msg: string): void;
}

export interface IntegratorOptions {
  /** Wait after a wake-up before integrating (ms, default 250). */
  delayMs?: number;
  /** Integrate at once when this many entries are pending (default 256). */
  batchSize?: number;
  /** Most entries folded into one checkpoint/transaction (default 4096): bounds memory and lock time. */
  maxEntriesPerStep?: number;
  /** Longest wait between retries after failures (ms, default 30 s). */
  maxBackoffMs?: number;
  logger?: IntegratorLogger;
  /** Called after each step that signed a new checkpoint (publication sends it to the witnesses). */
  onCheckpoint?: () => void;
}

/** A checkpoint as stored: the parsed fields and the signed note text. */
export interface SignedCheckpoint extends Checkpoint {
  readonly note: string;
}

export interface Integrator {
  /** Something was committed (`entries` of them, default 1): integrate soon. */
  wake(entries?: number): void;
  /** Integrates everything committed before the call; resolves to the latest checkpoint (undefined before the workspace exists). */
  integrate(): Promise<SignedCheckpoint | undefined>;
  /** Stops the schedule, unwires services.onAppended, and integrates what is left (errors logged). */
  stop(): Promise<void>;
}

const consoleLogger: IntegratorLogger = { error: (obj, msg) => console.error(msg, obj) };

/** Starts integrating in the background and wires `s.onAppended` to `wake()`. */
export function startIntegrator(s: Services, opts: IntegratorOptions = {}): Integrator {
  const delayMs = opts.delayMs ?? 250;
  const batchSize = opts.batchSize ?? 256;
  const maxEntries = opts.maxEntriesPerStep ?? 4096;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const logger = opts.logger ?? consoleLogger;
  const cache: TreeCache = {};
  const notify = (): void => {
    try {
      opts.onCheckpoint?.();
    } catch (err) {
      logger.error({ err }, 'onCheckpoint failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  /** Entries committed since the last run started. */
  let wakes = 0;
  let failures = 0;
  let stopped = false;

  // Steps never overlap within a process: they share the cached tree.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  /** Steps until one comes back short: everything committed before it started is in. */
  const catchUp = async (): Promise<SignedCheckpoint | undefined> => {
    for (;;) {
      const r = await integrateStep(s, cache, maxEntries);
      if (r.integrated > 0) notify();
      if (r.integrated < maxEntries) return r.origin && r.checkpoint ? signed(r.origin, r.checkpoint) : undefined;
    }
  };

  const schedule = (ms: number): void => {
    if (stopped || timer) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  function run(): void {
    timer = undefined;
    wakes = 0;
    exclusive(catchUp).then(
      () => {
        failures = 0;
      },
      (err: unknown) => {
        failures++;
        logger.error({ err }, `log integration failed (attempt ${failures}); retrying`);
        schedule(Math.min(maxBackoffMs, delayMs * 2 ** failures));
      },
    );
  }

  const wake = (entries = 1): void => {
    if (stopped) return;
    wakes += entries;
    if (wakes >= batchSize && failures === 0) {
      if (timer) clearTimeout(timer);
      run();
    } else {
      schedule(delayMs);
    }
  };

  const previous = s.onAppended;
  s.onAppended = wake;

  return {
    wake,
    integrate: () => exclusive(catchUp),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (s.onAppended === wake) s.onAppended = previous;
      try {
        await exclusive(catchUp);
      } catch (err) {
        logger.error({ err }, 'final log integration failed');
      }
    },
  };
}

function signed(origin: string, c: StoredCheckpoint): SignedCheckpoint {
  return { origin, size: c.size, root: c.root, extensions: [], note: c.note };
}
