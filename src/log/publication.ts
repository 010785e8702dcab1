/**
 * Quorum publication (ARCHITECTURE.md "Sequencing and integration"): each
 * checkpoint the integrator signs is sent to every witness of the policy with
 * C2SP tlog-witness §add-checkpoint (witness-sender.ts), and published — a row
 * in log_published, served at /log/checkpoint — once the cosignatures on it
 * meet the policy's quorum (C2SP tlog-policy §Defining the quorum).
 *
 * It runs beside the writer, never inside it: no transaction is held across a
 * witness request, so a witness that is down delays publication (and shows in
 * the status) but never blocks a write. Witnesses work on one target
 * checkpoint at a time; the target moves to the latest checkpoint once it is
 * published or every witness has answered on it, so witnesses converge on one
 * size even when some are slow, and a witness coming back catches up with one
 * consistency proof from its own size.
 *
 * Without a policy, the latest signed checkpoint is the published one.
 */
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { appendSignatureLines, openNote, parseNote } from '../ledger/note.js';
import type { Services } from '../services/context.js';
import * as logRepo from '../store/repositories/log.js';
import type { PublishedCheckpoint, StoredCheckpoint } from '../store/repositories/log.js';
import { quorumMet, type WitnessPolicy } from './policy.js';
import { checkPolicyForServer, logKeyProblem, WitnessSender, type WitnessStatus } from './witness-sender.js';
import { Waiters } from './waiters.js';

export type { PublishedCheckpoint } from '../store/repositories/log.js';
export { checkPolicyForServer, type WitnessStatus } from './witness-sender.js';

export interface PublicationLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PublicationOptions {
  /** Longest wait for one witness answer (ms, default 5000). */
  timeoutMs?: number;
  /** First retry delay after a witness fails (ms, default 500); doubles up to retryMaxMs. */
  retryMinMs?: number;
  /** Longest retry delay (ms, default 30 s). */
  retryMaxMs?: number;
  /** How often to look for checkpoints or publications made by another process (ms, default 1000). */
  pollMs?: number;
  logger?: PublicationLogger;
}

export interface Publication {
  /** The witness policy; undefined: checkpoints are published as signed. */
  readonly policy: WitnessPolicy | undefined;
  /** A checkpoint was signed: send it to the witnesses (the integrator's onCheckpoint). */
  wake(): void;
  /** The checkpoint served at /log/checkpoint: quorum-cosigned with a policy, the signed one without. */
  latest(): Promise<PublishedCheckpoint | undefined>;
  /**
   * Resolves with the first published checkpoint that covers entry `index`
   * (size > index), or undefined after `timeoutMs` (or when stopped).
   */
  waitFor(index: number, timeoutMs: number): Promise<PublishedCheckpoint | undefined>;
  /** Each witness: the size it last cosigned, its last success and its last error. */
  witnesses(): WitnessStatus[];
  stop(): Promise<void>;
}

const consoleLogger: PublicationLogger = { warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) };
const attached = new WeakMap<Services, Publication>();

/**
 * The publication running for these services (routes and receipts use it).
 * Services without one (a bare test env) get an unwitnessed one that polls.
 */
export function publicationFor(s: Services): Publication {
  let p = attached.get(s);
  if (!p) {
    p = startPublication(s, undefined, { pollMs: 100 });
    attached.set(s, p);
  }
  return p;
}

export function startPublication(s: Services, policy: WitnessPolicy | undefined, opts: PublicationOptions = {}): Publication {
  if (policy) checkPolicyForServer(policy);
  const logger = opts.logger ?? consoleLogger;
  const pollMs = opts.pollMs ?? 1000;
  const abort = new AbortController();
  const senders = (policy?.witnesses ?? []).map((w) => new WitnessSender(s, w, {
    timeoutMs: opts.timeoutMs ?? 5000, retryMinMs: opts.retryMinMs ?? 500, retryMaxMs: opts.retryMaxMs ?? 30_000, signal: abort.signal, logger,
  }));
  let latest: StoredCheckpoint | undefined;
  let target: StoredCheckpoint | undefined;
  let publishedSize = 0;
  let loaded = false;
  let problem: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = 0;
  let running: Promise<void> | undefined;
  let again = false;
  /** Cosignature lines per checkpoint size, by witness name. */
  const cosigs = new Map<number, Map<string, string>>();
  let publishing: Promise<unknown> = Promise.resolve();

  const readLatest = async (): Promise<PublishedCheckpoint | undefined> => {
    if (policy) return logRepo.latestPublished(s.db);
    const c = await logRepo.latestCheckpoint(s.db);
    return c && { size: c.size, note: c.note, published_at: c.created_at };
  };
  const waiters = new Waiters(readLatest, () => schedule());

  /** Publishes `c` (or adds late cosignatures to it) when the lines gathered on it meet the quorum. */
  const publish = (c: StoredCheckpoint): Promise<unknown> => (publishing = publishing.then(async () => {
    const lines = cosigs.get(c.size) ?? new Map<string, string>();
    if (!policy || !quorumMet(policy.quorum, new Set(lines.keys())) || c.size < publishedSize) return;
    const existing = await logRepo.readPublished(s.db, c.size);
    const ordered = policy.witnesses.flatMap((w) => lines.get(w.name) ?? []);
    const note = appendSignatureLines(existing?.note ?? c.note, ordered);
    if (existing?.note === note) return;
    // Every cosignature was verified as it arrived; check the note as served, once more, before storing it.
    if (ordered.length > 0) openNote(note, policy.witnesses.map((w) => w.verifier));
    await logRepo.upsertPublished(s.db, { size: c.size, note, published_at: s.clock().toISOString() });
    publishedSize = Math.max(publishedSize, c.size);
    waiters.check();
  }).catch((err: unknown) => logger.error({ err }, `publishing checkpoint ${c.size} failed`)));

  const step = async (): Promise<void> => {
    latest = await logRepo.latestCheckpoint(s.db);
    if (!policy) {
      waiters.check();
      return;
    }
    const published = await logRepo.latestPublished(s.db);
    publishedSize = Math.max(publishedSize, published?.size ?? 0);
    if (!loaded) {
      const states = await logRepo.readWitnessStates(s.db);
      for (const w of senders) w.load(states.find((r) => r.vkey === w.witness.vkey));
      loaded = true;
    }
    if (!latest) return;
    const settled = target && (target.size <= publishedSize || senders.every((w) => w.settledOn(target!.size)));
    if (!target || (settled && latest.size > target.size)) {
      target = latest;
      problem = logKeyProblem(s, policy, parseCheckpoint(parseNote(target.note).text).origin);
      if (problem) logger.error({}, `witness policy: ${problem}`);
    }
    for (const size of cosigs.keys()) if (size < Math.min(target.size, publishedSize)) cosigs.delete(size);
    // tlog-policy §Defining the quorum: "quorum none" needs no cosignature; witnesses still get every checkpoint.
    if (target.size > publishedSize && quorumMet(policy.quorum, new Set())) void publish(target);
    for (const w of senders) {
      // A witness coming back after failures skips the target for the latest: one consistency proof from its size.
      const t = w.failing ? latest : target;
      if (!w.ready(t.size, cosigs.get(t.size)?.has(w.witness.name) ?? false)) continue;
      if (problem) {
        w.fail(problem, t.size);
        continue;
      }
      void w.send(t).then((line) => {
        if (line === undefined) return;
        let m = cosigs.get(t.size);
        if (!m) cosigs.set(t.size, (m = new Map()));
        m.set(w.witness.name, line);
        return publish(t);
      }).finally(() => wake());
    }
    waiters.check();
  };

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = step().catch((err: unknown) => logger.error({ err }, 'checkpoint publication step failed')).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        wake();
      } else schedule();
    });
  }

  /** Sets the timer for the next poll or witness retry; never postpones one already due sooner. */
  function schedule(): void {
    if (stopped) return;
    const now = Date.now();
    const retries = senders.map((w) => w.retryAt).filter((t) => t > now);
    const idle = !policy && waiters.size === 0;
    const delay = Math.max(1, Math.min(idle ? Infinity : pollMs, ...retries.map((t) => t - now)));
    if (delay === Infinity || (timer && timerAt <= now + delay)) return;
    if (timer) clearTimeout(timer);
    timerAt = now + delay;
    timer = setTimeout(() => {
      timer = undefined;
      wake();
    }, delay);
    timer.unref();
  }

  const publication: Publication = {
    policy,
    wake,
    latest: readLatest,
    async waitFor(index, timeoutMs) {
      if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('entry index must be a non-negative integer');
      return waiters.add(index, timeoutMs);
    },
    witnesses: () => senders.map((w) => w.status()),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      await running;
      await Promise.all(senders.map((w) => w.idle()));
      await publishing;
      waiters.close();
      if (attached.get(s) === publication) attached.delete(s);
    },
  };
  attached.set(s, publication);
  wake();
  return publication;
}
