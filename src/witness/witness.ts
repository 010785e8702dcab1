/**
 * The witness: C2SP tlog-witness §add-checkpoint (https://c2sp.org/tlog-witness)
 * over the per-log state, plus `observe`, which compares a checkpoint seen
 * elsewhere (a peer, the log's published checkpoint, an auditor) with what
 * this witness cosigned and raises an alarm on a fork or rollback
 * (./observe.ts). HTTP lives in ./server.ts.
 */
import { equal, toBase64 } from '../ledger/bytes.js';
import { cosign, type CosignerSigner } from '../ledger/cosignature.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { VerificationError } from '../ledger/errors.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { verifyConsistency } from '../ledger/proof-verify.js';
import type { AlarmInput, AlarmStore, Alarm } from './alarms.js';
import type { KnownLog } from './config.js';
import { WitnessCode, WitnessError } from './errors.js';
import { Mutex } from './mutex.js';
import { openLogCheckpoint, type OpenedCheckpoint } from './open-checkpoint.js';
import { parseAddCheckpoint } from './request.js';
import type { SeenStore } from './seen.js';
import type { Cosigned, LogState } from './state.js';

/** What the witness logs through (a pino logger fits): always an object, then a message. */
export interface WitnessLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WitnessParts {
  readonly crypto: LedgerCrypto;
  readonly logs: ReadonlyMap<string, KnownLog>;
  readonly states: ReadonlyMap<string, LogState>;
  readonly alarms: AlarmStore;
  readonly seen: SeenStore;
  readonly signer: CosignerSigner;
  /** POSIX seconds, for cosignature timestamps. */
  readonly clock: () => number;
  readonly logger: WitnessLogger;
  /** Reads `path` under a log's tiles URL (only for logs configured with one). */
  readonly fetchTile?: (log: KnownLog, path: string) => Promise<Uint8Array>;
}

function fail(code: WitnessCode, message: string, currentSize?: number): never {
  throw new WitnessError(code, message, currentSize);
}

export class Witness {
  readonly hasher: MerkleHasher;
  private readonly mutexes = new Map<string, Mutex>();

  constructor(readonly parts: WitnessParts) {
    this.hasher = new MerkleHasher(parts.crypto);
    for (const origin of parts.logs.keys()) this.mutexes.set(origin, new Mutex());
  }

  /** Runs `fn` holding the log's mutex: every state check and change for a log happens inside it. */
  locked<T>(origin: string, fn: () => Promise<T>): Promise<T> {
    return this.mutexes.get(origin)!.run(fn);
  }

  state(origin: string): LogState {
    return this.parts.states.get(origin)!;
  }

  /** §add-checkpoint: 404 for an unknown origin, 403 when no trusted key signed it, 400 when malformed. */
  open(noteText: string): OpenedCheckpoint {
    return openLogCheckpoint(this.parts.logs, noteText);
  }

  /**
   * §add-checkpoint, in the order the spec lists its checks. Returns the
   * response body: this witness's cosignature line. The size check, the
   * proof check and the durable state update run under the log's mutex
   * (§add-checkpoint: they "must be performed atomically").
   */
  async addCheckpoint(body: Uint8Array): Promise<string> {
    const req = parseAddCheckpoint(body);
    const o = this.open(req.note);
    const c = o.checkpoint;
    // "The old size MUST be equal to or lower than the checkpoint size. Otherwise ... 400 Bad Request".
    if (req.oldSize > c.size) fail(WitnessCode.MALFORMED_REQUEST, `old size ${req.oldSize} is larger than the checkpoint size ${c.size}`);
    return this.locked(o.log.origin, async () => {
      const frozen = this.parts.alarms.frozenBy(o.log.origin);
      if (frozen) fail(WitnessCode.FROZEN, `alarm ${frozen.id} (${frozen.kind}) stands for ${o.log.origin}: no cosignatures until an operator clears it`);
      const state = this.state(o.log.origin);
      const cur = state.latest;
      const curSize = cur?.size ?? 0;
      // "The witness MUST check that the old size matches the size of the latest checkpoint it
      // cosigned ... (or zero if it never cosigned ...). If it doesn't match ... 409 Conflict".
      if (req.oldSize !== curSize) {
        await this.compareWithKnownLocked(o, 'add-checkpoint');
        fail(WitnessCode.OLD_SIZE_MISMATCH, `old size ${req.oldSize} is not the latest cosigned size ${curSize}`, curSize);
      }
      if (c.size === curSize) {
        // "If the old size matches the checkpoint size, the witness MUST check that the root
        // hashes are also identical. If they don't match ... 409 Conflict."
        if (cur && !equal(c.root, cur.root)) {
          await this.raiseLocked({
            kind: 'split-view', origin: o.log.origin, source: 'add-checkpoint', notes: [cur.note, o.note],
            message: `two checkpoints of size ${c.size} with different roots (${toBase64(cur.root)}, ${toBase64(c.root)})`,
          });
          fail(WitnessCode.ROOT_MISMATCH, `a different tree of size ${c.size} was already cosigned`, curSize);
        }
        if (!cur && !equal(c.root, this.hasher.emptyRoot)) fail(WitnessCode.BAD_PROOF, 'a tree of size 0 has the empty-tree root (RFC 9162 §2.1.1)');
        if (req.proof.length > 0) fail(WitnessCode.BAD_PROOF, 'the consistency proof between equal sizes is empty (RFC 9162 §2.1.4.1)');
      } else if (req.oldSize === 0) {
        // "The proof MUST be empty if the old size is zero."
        if (req.proof.length > 0) fail(WitnessCode.BAD_PROOF, 'the consistency proof MUST be empty when the old size is 0');
      } else {
        try {
          verifyConsistency(this.hasher, req.oldSize, c.size, req.proof, cur!.root, c.root);
        } catch (e) {
          if (!(e instanceof VerificationError)) throw e;
          // "the witness MAY log the request even if the consistency proof doesn't verify ...
          // as it might be proof of log misbehavior". A bad proof alone proves nothing (anyone
          // may send one); the log's own tiles can (./observe.ts), so check them in the background.
          this.parts.logger.warn({ origin: o.log.origin, old: req.oldSize, size: c.size, note: o.note }, `witness: consistency proof does not verify: ${e.message}`);
          this.onBadProof?.(o);
          fail(WitnessCode.BAD_PROOF, `the consistency proof from ${req.oldSize} to ${c.size} does not verify`);
        }
      }
      const time = this.parts.clock();
      const line = cosign(o.text, this.parts.signer, time);
      const record: Cosigned = { origin: o.log.origin, size: c.size, root: c.root, time, note: o.note + line };
      // "The witness MUST persist the new checkpoint before responding."
      await state.commit(record);
      return line;
    });
  }

  /** Set by ./observe.ts: a hook to check a checkpoint whose proof failed against the log's tiles. */
  onBadProof?: (o: OpenedCheckpoint) => void;

  /**
   * A log-signed checkpoint of a size this witness cosigned (recently) with
   * another root is a split view. Called with the log's mutex held.
   */
  async compareWithKnownLocked(o: OpenedCheckpoint, source: string): Promise<Alarm | 'same' | undefined> {
    const known = this.state(o.log.origin).known(o.checkpoint.size);
    if (!known) return undefined;
    if (equal(known.root, o.checkpoint.root)) return 'same';
    return this.raiseLocked({
      kind: 'split-view', origin: o.log.origin, source, notes: [known.note, o.note],
      message: `two checkpoints of size ${known.size} with different roots (${toBase64(known.root)}, ${toBase64(o.checkpoint.root)})`,
    });
  }

  /** Records an alarm (the log's mutex held) and logs it. */
  async raiseLocked(input: AlarmInput): Promise<Alarm> {
    const { alarm, isNew } = await this.parts.alarms.raise(input, new Date(this.parts.clock() * 1000));
    if (isNew) this.parts.logger.error({ alarm }, `witness ALARM ${alarm.kind} for ${alarm.origin}: ${alarm.message}`);
    return alarm;
  }
}
