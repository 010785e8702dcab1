/**
 * One witness, as publication sees it: the size it last cosigned (tracked
 * and stored in log_witnesses), its last success and error, and retries with
 * backoff. Sending a checkpoint follows C2SP tlog-witness §add-checkpoint:
 * the old size is the size this witness last cosigned (0 when unknown, so
 * the witness tells it), with a consistency proof from there computed from
 * the stored tiles; on "409 Conflict" the body is the witness's size, and the
 * request is made once more from that size.
 */
import { toHex } from '../ledger/bytes.js';
import { MAX_NOTE_SIGNATURES, parseVerifierKey } from '../ledger/note.js';
import type { Services } from '../services/context.js';
import * as logRepo from '../store/repositories/log.js';
import type { StoredCheckpoint, WitnessState } from '../store/repositories/log.js';
import { PolicyError, type PolicyWitness, type WitnessPolicy } from './policy.js';
import { consistencyFromTiles } from './tile-proofs.js';
import { addCheckpoint, type WitnessReply } from './witness-client.js';

export interface WitnessStatus {
  name: string;
  /** The size this witness last cosigned (null: not known yet). */
  size: number | null;
  last_ok_at: string | null;
  last_error: string | null;
}

export interface SenderOptions {
  timeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  signal: AbortSignal;
  logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Start-up checks a policy must pass to be used by the server. */
export function checkPolicyForServer(policy: WitnessPolicy): void {
  for (const w of policy.witnesses) {
    if (!w.url) throw new PolicyError(0, `witness ${w.name} has no URL: the server sends checkpoints to each witness's submission prefix`);
  }
  // signed-note §Format: the served note carries the log's signature and every cosignature.
  if (policy.witnesses.length > MAX_NOTE_SIGNATURES - 1) {
    throw new PolicyError(0, `${policy.witnesses.length} witnesses: a published checkpoint holds at most ${MAX_NOTE_SIGNATURES - 1} cosignatures`);
  }
}

/** tlog-policy §Defining a log: when the policy lists logs, this log's key must be one of them. */
export function logKeyProblem(s: Services, policy: WitnessPolicy, origin: string): string | undefined {
  if (policy.logs.length === 0) return undefined;
  const vkey = s.keys.logVerifierKey(origin);
  const ours = toHex(parseVerifierKey(s.crypto, vkey).publicKey);
  if (policy.logs.some((l) => toHex(l.verifier.publicKey) === ours)) return undefined;
  return `the policy's log lines do not include this log's key ${vkey}`;
}

export class WitnessSender {
  private size: number | undefined;
  private lastCosigned: number | undefined;
  private failedOn: number | undefined;
  private inFlight: Promise<unknown> | undefined;
  private failures = 0;
  retryAt = 0;
  private lastOkAt: string | null = null;
  private lastError: string | null = null;

  constructor(private readonly s: Services, readonly witness: PolicyWitness, private readonly opts: SenderOptions) {}

  /** What the server stored about this witness before a restart. */
  load(row: WitnessState | undefined): void {
    if (!row) return;
    this.size = row.size;
    this.lastOkAt = row.last_ok_at;
    this.lastError = row.last_error;
  }

  /** Whether to send checkpoint `size` now: not busy, not backing off, no cosignature on it yet, not ahead of it. */
  ready(size: number, haveCosignature: boolean): boolean {
    return !this.inFlight && Date.now() >= this.retryAt && !haveCosignature && (this.size === undefined || this.size <= size);
  }

  /** Done with checkpoint `size` for now: cosigned it, failed on it, already past it, or waiting to retry. */
  settledOn(size: number): boolean {
    return !this.inFlight && (this.lastCosigned === size || this.failedOn === size || (this.size ?? -1) > size || this.failures > 0);
  }

  /** Its last request failed: when it answers again it is sent the latest checkpoint, to catch up in one step. */
  get failing(): boolean {
    return this.failures > 0;
  }

  status(): WitnessStatus {
    return { name: this.witness.name, size: this.size ?? null, last_ok_at: this.lastOkAt, last_error: this.lastError };
  }

  async idle(): Promise<void> {
    await this.inFlight;
  }

  /** Records a failure on checkpoint `size` without sending (e.g. the policy does not list this log). */
  fail(error: string, size: number): void {
    this.failed(error, size);
    void this.save();
  }

  /** Sends checkpoint `c`; resolves to the verified cosignature line, or undefined (the status says why). */
  send(c: StoredCheckpoint): Promise<string | undefined> {
    const p = this.attempt(c).finally(async () => {
      if (!this.opts.signal.aborted) await this.save();
      this.inFlight = undefined;
    });
    this.inFlight = p;
    return p;
  }

  private async attempt(c: StoredCheckpoint): Promise<string | undefined> {
    let reply: WitnessReply;
    try {
      const old = this.size !== undefined && this.size <= c.size ? this.size : 0;
      reply = await this.request(old, c);
      if (reply.kind === 'conflict' && reply.size !== old && reply.size <= c.size) {
        // §add-checkpoint: 409's body is "the tree size of the latest cosigned checkpoint": try once more from it.
        this.size = reply.size;
        reply = await this.request(reply.size, c);
      }
    } catch (e) {
      this.failed(`could not send checkpoint ${c.size}: ${(e as Error).message}`, c.size);
      return undefined;
    }
    if (this.opts.signal.aborted) return undefined; // stopping: not the witness's fault
    if (reply.kind === 'cosigned') {
      if (this.failures > 0) this.opts.logger.warn({ witness: this.witness.name, size: c.size }, `witness ${this.witness.name} cosigns again`);
      this.size = c.size;
      this.lastCosigned = c.size;
      this.failedOn = undefined;
      this.failures = 0;
      this.retryAt = 0;
      this.lastOkAt = this.s.clock().toISOString();
      this.lastError = null;
      return reply.line;
    }
    if (reply.kind === 'conflict') {
      this.size = reply.size;
      this.failed(reply.size > c.size
        ? `the witness has cosigned size ${reply.size}, beyond this log's checkpoint ${c.size} (409)`
        : reply.size === c.size
          ? `the witness cosigned a different tree of size ${c.size} (409): the log may have forked`
          : `409 Conflict again (the witness says it is at size ${reply.size})`, c.size);
      return undefined;
    }
    this.failed(reply.error, c.size);
    return undefined;
  }

  private async request(oldSize: number, c: StoredCheckpoint): Promise<WitnessReply> {
    const proof = await consistencyFromTiles(this.s, oldSize, c.size);
    // A controller and timer held here rather than AbortSignal.any(AbortSignal.timeout(…)): a composite signal
    // nothing references can be collected before it fires (nodejs/node#57736), leaving a silent witness pending forever.
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new DOMException('timed out', 'TimeoutError')), this.opts.timeoutMs);
    const stop = (): void => ctl.abort(this.opts.signal.reason);
    this.opts.signal.addEventListener('abort', stop, { once: true });
    try {
      return await addCheckpoint({ name: this.witness.name, url: this.witness.url!, verifier: this.witness.verifier }, { oldSize, proof, note: c.note }, { signal: ctl.signal, timeoutMs: this.opts.timeoutMs });
    } finally {
      clearTimeout(timer);
      this.opts.signal.removeEventListener('abort', stop);
    }
  }

  private failed(error: string, size: number): void {
    if (this.failures === 0) this.opts.logger.warn({ witness: this.witness.name, size, error }, `witness ${this.witness.name}: ${error}`);
    this.failures++;
    this.failedOn = size;
    this.lastError = error;
    this.retryAt = Date.now() + Math.min(this.opts.retryMaxMs, this.opts.retryMinMs * 2 ** Math.min(30, this.failures - 1));
  }

  private async save(): Promise<void> {
    if (this.size === undefined) return;
    try {
      await logRepo.saveWitnessState(this.s.db, {
        vkey: this.witness.vkey, size: this.size, last_ok_at: this.lastOkAt, last_error: this.lastError, updated_at: this.s.clock().toISOString(),
      });
    } catch (err) {
      this.opts.logger.error({ err, witness: this.witness.name }, 'could not store witness state');
    }
  }
}
