/**
 * Alarms: evidence that a log showed two histories (or went back in time).
 * Each is stored as `<state>/alarms/<id>.json` with both checkpoint notes, so
 * anyone can check the evidence with the log's verifier key alone. While an
 * alarm that `freezes` stands, the witness cosigns nothing for that log; an
 * operator clears it (`annex witness clear-alarm`, with the witness stopped),
 * which moves the file to `alarms/cleared/`.
 *
 * Kinds, and why each does or does not freeze the log:
 * - split-view: two log-signed checkpoints of one size with different roots
 *   (tlog-witness §add-checkpoint's same-size check). Proof of a fork.
 * - inconsistent: two log-signed checkpoints of different sizes, the smaller
 *   not a prefix of the larger, shown by the log's own tiles, which hash to
 *   the larger root (RFC 9162 §2.1.4). Proof of a fork.
 * - rollback: the log's published checkpoint (`<tiles-url>checkpoint`) was
 *   smaller than one it published before.
 * - peer-rollback: a peer witness served a smaller checkpoint than it served
 *   before. That is the peer's fault, not the log's: recorded, not freezing.
 */
import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { toHex, utf8 } from '../ledger/bytes.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { WitnessCode, WitnessError } from './errors.js';
import { ensureDir, fsyncDir, writeFileDurable } from './files.js';

export type AlarmKind = 'split-view' | 'inconsistent' | 'rollback' | 'peer-rollback';

export interface Alarm {
  /** 16 hex digits, derived from the evidence: the same evidence is one alarm. */
  readonly id: string;
  readonly kind: AlarmKind;
  readonly origin: string;
  /** ISO 8601 time of detection. */
  readonly detected: string;
  /** Where the second checkpoint came from: `add-checkpoint`, `gossip`, `peer <url>`, `log <url>`. */
  readonly source: string;
  readonly message: string;
  /** The two checkpoint notes, each validly signed by the log: the one held first, then the new one. */
  readonly notes: readonly [string, string];
  /** For `inconsistent`: RFC 9162 consistency proof (base64) from the smaller to the larger size, from the log's tiles. */
  readonly proof?: readonly string[];
  /** Whether the witness refuses to cosign for this log while the alarm stands. */
  readonly freezes: boolean;
}

export type AlarmInput = Omit<Alarm, 'id' | 'detected' | 'freezes'>;

const FREEZES: Record<AlarmKind, boolean> = { 'split-view': true, inconsistent: true, rollback: true, 'peer-rollback': false };
const ID = /^[0-9a-f]{16}$/;

export function alarmId(crypto: LedgerCrypto, kind: AlarmKind, origin: string, notes: readonly string[]): string {
  const sorted = [...notes].sort();
  return toHex(crypto.sha256(utf8([kind, origin, ...sorted].join('\u0000')))).slice(0, 16);
}

export class AlarmStore {
  private constructor(
    private readonly crypto: LedgerCrypto,
    private readonly dir: string,
    private readonly alarms: Map<string, Alarm>,
  ) {}

  static async open(crypto: LedgerCrypto, stateDir: string): Promise<AlarmStore> {
    const dir = join(stateDir, 'alarms');
    await ensureDir(dir);
    const alarms = new Map<string, Alarm>();
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const a = JSON.parse(await readFile(join(dir, name), 'utf8')) as Alarm;
        if (!ID.test(a.id) || typeof a.origin !== 'string' || `${a.id}.json` !== name) throw new Error('bad alarm');
        alarms.set(a.id, a);
      } catch {
        // An unreadable alarm must not silently unfreeze a log.
        throw new WitnessError(WitnessCode.BAD_STATE, `${join(dir, name)} is not a readable alarm; fix or move it aside`);
      }
    }
    return new AlarmStore(crypto, dir, alarms);
  }

  list(): Alarm[] {
    return [...this.alarms.values()].sort((a, b) => a.detected.localeCompare(b.detected) || a.id.localeCompare(b.id));
  }

  /** The first standing alarm that freezes this log, if any. */
  frozenBy(origin: string): Alarm | undefined {
    return this.list().find((a) => a.origin === origin && a.freezes);
  }

  /**
   * Records an alarm (once per evidence). The log is frozen in memory at once,
   * before the file is written, so no cosignature slips out in between.
   */
  async raise(input: AlarmInput, now: Date): Promise<{ alarm: Alarm; isNew: boolean }> {
    const id = alarmId(this.crypto, input.kind, input.origin, input.notes);
    const existing = this.alarms.get(id);
    if (existing) return { alarm: existing, isNew: false };
    const alarm: Alarm = { id, ...input, detected: now.toISOString(), freezes: FREEZES[input.kind] };
    this.alarms.set(id, alarm);
    await writeFileDurable(join(this.dir, `${id}.json`), `${JSON.stringify(alarm, null, 2)}\n`);
    return { alarm, isNew: true };
  }
}

/** Moves a standing alarm to `alarms/cleared/`. The caller holds the state directory's lock. */
export async function clearAlarm(stateDir: string, id: string): Promise<void> {
  if (!ID.test(id)) throw new WitnessError(WitnessCode.BAD_CONFIG, 'an alarm id is 16 hex digits (see GET /alarms)');
  const dir = join(stateDir, 'alarms');
  const cleared = join(dir, 'cleared');
  await ensureDir(cleared);
  try {
    await rename(join(dir, `${id}.json`), join(cleared, `${id}.json`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new WitnessError(WitnessCode.BAD_CONFIG, `no standing alarm ${id} in ${dir}`);
    throw e;
  }
  await fsyncDir(dir);
  await fsyncDir(cleared);
}
