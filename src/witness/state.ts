/**
 * Per-log witness state, in `<state>/logs/<id>/` (id: first 16 bytes of
 * SHA-256(origin), hex; the origin itself is in `origin`):
 *
 *   state          the latest cosigned checkpoint: one JSON record
 *                  {origin,size,root,time,note}, replaced atomically
 *   cosigned.log   every checkpoint ever cosigned, one JSON record a line,
 *                  append-only
 *
 * C2SP tlog-witness §add-checkpoint: "The witness MUST persist the new
 * checkpoint before responding." `commit` writes `state` durably (temp file,
 * fsync, rename, directory fsync) and then appends to `cosigned.log` (fsync)
 * before the caller may answer, so every cosignature ever returned is in both.
 * After a crash `state` is the newest record and `cosigned.log` at most one
 * record behind (a cosignature that was never returned); `open` appends it.
 * A failed write leaves memory and disk possibly apart, so the store turns
 * itself off (`broken`) until the process restarts and reads the disk again.
 */
import { open as openFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fromBase64, toBase64, toHex, utf8 } from '../ledger/bytes.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { equal } from '../ledger/bytes.js';
import { WitnessCode, WitnessError } from './errors.js';
import { appendDurable, ensureDir, fsyncDir, writeFileDurable } from './files.js';

/** How many recent cosigned checkpoints are kept in memory, to recognise a fork at an older size. */
const RECENT = 4096;
/** How much of the end of cosigned.log is read at start (for the recent ones). */
const TAIL_BYTES = 4 << 20;

export interface Cosigned {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** Cosignature timestamp (POSIX seconds). */
  readonly time: number;
  /** The checkpoint note: its text, the log's signature line(s) and this witness's cosignature line. */
  readonly note: string;
}

export function logDirName(crypto: LedgerCrypto, origin: string): string {
  return toHex(crypto.sha256(utf8(origin))).slice(0, 32);
}

function badState(message: string): never {
  throw new WitnessError(WitnessCode.BAD_STATE, message);
}

export function encodeRecord(c: Cosigned): string {
  return JSON.stringify({ origin: c.origin, size: c.size, root: toBase64(c.root), time: c.time, note: c.note });
}

export function decodeRecord(line: string, where: string): Cosigned {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(line) as Record<string, unknown>;
    const root = fromBase64(String(r.root), 32);
    if (
      typeof r.origin !== 'string' || !Number.isSafeInteger(r.size) || (r.size as number) < 0 ||
      !Number.isSafeInteger(r.time) || typeof r.note !== 'string' || root.length !== 32
    ) throw new Error('bad fields');
    return { origin: r.origin, size: r.size as number, root, time: r.time as number, note: r.note };
  } catch {
    badState(`${where}: not a cosigned-checkpoint record`);
  }
}

const same = (a: Cosigned, b: Cosigned): boolean =>
  a.size === b.size && a.time === b.time && a.note === b.note && equal(a.root, b.root);

/** Cuts a torn last line (a crash during an append) and returns the file's last ~TAIL_BYTES as lines. */
async function readHistoryTail(path: string): Promise<string[]> {
  const fh = await openFile(path, 'r+');
  try {
    const { size } = await fh.stat();
    const from = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - from);
    await fh.read(buf, 0, buf.length, from);
    let text = buf.toString('utf8');
    if (text.length > 0 && !text.endsWith('\n')) {
      // Only an unanswered request can be torn: its append never finished.
      const keep = buf.lastIndexOf(0x0a) + 1;
      await fh.truncate(from + keep);
      await fh.sync();
      text = buf.subarray(0, keep).toString('utf8');
    }
    const lines = text.split('\n').slice(0, -1);
    if (from > 0) lines.shift(); // starts mid-line
    return lines;
  } finally {
    await fh.close();
  }
}

export class LogState {
  /** Why the store stopped accepting commits, if it did. */
  broken: string | undefined;
  private readonly recent = new Map<number, Cosigned>();
  private last: Cosigned | undefined;

  private constructor(
    readonly origin: string,
    private readonly statePath: string,
    private readonly historyPath: string,
    private current: Cosigned | undefined,
  ) {}

  static async open(crypto: LedgerCrypto, stateDir: string, origin: string): Promise<LogState> {
    const dir = join(stateDir, 'logs', logDirName(crypto, origin));
    await ensureDir(dir);
    const originPath = join(dir, 'origin');
    const stored = await readFile(originPath, 'utf8').catch(() => undefined);
    if (stored === undefined) await writeFileDurable(originPath, `${origin}\n`);
    else if (stored !== `${origin}\n`) badState(`${dir} belongs to origin ${JSON.stringify(stored.trim())}`);

    const statePath = join(dir, 'state');
    const text = await readFile(statePath, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    let latest = text === undefined ? undefined : decodeRecord(text, statePath);
    if (latest && latest.origin !== origin) badState(`${statePath} is for origin ${latest.origin}`);

    const historyPath = join(dir, 'cosigned.log');
    if (!(await stat(historyPath).catch(() => undefined))) {
      await appendDurable(historyPath, '');
      await fsyncDir(dir);
    }
    const history = (await readHistoryTail(historyPath)).map((l, i) => decodeRecord(l, `${historyPath} (tail line ${i + 1})`));
    const store = new LogState(origin, statePath, historyPath, undefined);
    for (const c of history) {
      store.checkNext(c, historyPath);
      store.remember(c);
    }
    const last = history[history.length - 1];
    if (!latest && last) {
      // `state` lost but history kept: every answered request is in history.
      latest = last;
      await writeFileDurable(statePath, encodeRecord(last));
    } else if (latest && last && last.size > latest.size) {
      badState(`${historyPath} records size ${last.size} but ${statePath} only ${latest.size}`);
    }
    if (latest && (!last || !same(last, latest))) {
      store.checkNext(latest, statePath);
      await appendDurable(historyPath, `${encodeRecord(latest)}\n`); // the commit a crash cut short
      store.remember(latest);
    }
    store.current = latest;
    return store;
  }

  /** The latest cosigned checkpoint, or undefined if none was ever cosigned. */
  get latest(): Cosigned | undefined {
    return this.current;
  }

  /** A recently cosigned checkpoint of exactly this size, if one is remembered. */
  known(size: number): Cosigned | undefined {
    return this.recent.get(size);
  }

  /** Persists a newly cosigned checkpoint; only then may its cosignature be returned. */
  async commit(c: Cosigned): Promise<void> {
    if (this.broken) throw new WitnessError(WitnessCode.UNAVAILABLE, 'the witness stopped cosigning after a failed state write; restart it');
    if (c.origin !== this.origin) badState(`commit for ${c.origin} in the state of ${this.origin}`);
    this.checkNext(c, 'commit');
    const line = encodeRecord(c);
    try {
      await writeFileDurable(this.statePath, line);
      await appendDurable(this.historyPath, `${line}\n`);
    } catch (e) {
      this.broken = (e as Error).message;
      throw new WitnessError(WitnessCode.UNAVAILABLE, 'could not persist the cosigned checkpoint; the witness stops cosigning until restarted');
    }
    this.remember(c);
    this.current = c;
  }

  /** The append-only invariants: never a smaller size, never two roots for one size. */
  private checkNext(c: Cosigned, where: string): void {
    const prev = this.last;
    if (prev && (c.size < prev.size || (c.size === prev.size && !equal(c.root, prev.root)))) {
      badState(`${where}: size ${c.size} (root ${toBase64(c.root)}) would follow size ${prev.size} (root ${toBase64(prev.root)})`);
    }
  }

  private remember(c: Cosigned): void {
    this.last = c;
    this.recent.delete(c.size);
    this.recent.set(c.size, c);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
  }
}
