/**
 * Audits any C2SP tlog-tiles log without trusting whoever serves it:
 *  - every checkpoint given verifies under a log key (and the witness quorum);
 *  - every entry bundle hashes (RFC 9162 §2.1.1) into the level-0 tiles;
 *  - the tiles at every level are the ones the entries produce;
 *  - the entries produce each checkpoint's root hash;
 *  - successive checkpoints are consistent (RFC 9162 §2.1.4 proofs computed
 *    from the verified tiles, then verified).
 * Pure and browser-safe: resources come through a `LogSource`.
 */
import { concat, equal, toBase64 } from './bytes.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyQuorum, type CosignatureVerifier, type Cosigner } from './cosignature.js';
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode, VerificationError } from './errors.js';
import { MerkleHasher } from './hasher.js';
import { CompactTree } from './merkle.js';
import type { NoteVerifier } from './note.js';
import { consistencyProof, consistencyRanges, nodesFor } from './proof-build.js';
import { verifyConsistency } from './proof-verify.js';
import { TileHashReader } from './tile-reader.js';
import { bundlesForSize, decodeBundle, decodeTile, pathOf, TILE_HEIGHT, TILE_WIDTH, tilePath } from './tiles.js';

export interface LogSource {
  /** Human-readable location, for messages. */
  readonly location: string;
  /** The resource at `path` (relative to the log prefix); throws MISSING when absent. */
  read(path: string): Promise<Uint8Array>;
}

export interface AuditOptions {
  readonly crypto: LedgerCrypto;
  /** Log verifier keys; a checkpoint must verify under at least one. */
  readonly logKeys: readonly NoteVerifier[];
  readonly witnessKeys?: readonly CosignatureVerifier[];
  /** Cosignatures required (default: all witness keys given). */
  readonly quorum?: number;
  /** Expected origin line; defaults to the log key's name. */
  readonly origin?: string;
  /** Older checkpoints (signed notes) to check against the current one. */
  readonly previous?: ReadonlyArray<{ readonly text: string | Uint8Array; readonly where: string }>;
  /** Bundles fetched ahead of the hashing (hides network latency). */
  readonly window?: number;
  readonly onProgress?: (entriesDone: number, total: number) => void;
  readonly now?: () => number;
}

export interface CheckedCheckpoint {
  readonly where: string;
  readonly checkpoint: Checkpoint;
  readonly cosigners: readonly Cosigner[];
}

export interface AuditReport {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly checkpoints: readonly CheckedCheckpoint[];
  readonly entries: number;
  readonly tiles: number;
  readonly consistencyProofs: number;
  readonly seconds: number;
  readonly entriesPerSecond: number;
}

/** Prefixes a verification failure with where it happened. */
function at<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof VerificationError) throw new VerificationError(e.code, `${where}: ${e.message}`);
    throw e;
  }
}

function openOne(opts: AuditOptions, text: string | Uint8Array, where: string): CheckedCheckpoint {
  const witnesses = opts.witnessKeys ?? [];
  const quorum = opts.quorum ?? witnesses.length;
  let lastError: unknown;
  for (const key of opts.logKeys) {
    try {
      if (witnesses.length > 0 || quorum > 0) {
        const r = verifyQuorum(opts.crypto, text, key, witnesses, quorum, { origin: opts.origin });
        return { where, checkpoint: r.checkpoint, cosigners: r.cosigners };
      }
      const r = openCheckpoint(opts.crypto, text, key, { origin: opts.origin });
      return { where, checkpoint: r.checkpoint, cosigners: [] };
    } catch (e) {
      // Another configured log key may have signed it; anything else is fatal.
      if (!(e instanceof VerificationError) || e.code !== VerificationCode.UNVERIFIED_NOTE) throw e;
      lastError = e;
    }
  }
  throw lastError ?? new VerificationError(VerificationCode.UNVERIFIED_NOTE, 'no log key given');
}

export async function auditLog(source: LogSource, opts: AuditOptions): Promise<AuditReport> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const hasher = new MerkleHasher(opts.crypto);
  if (opts.logKeys.length === 0) fail(VerificationCode.BAD_KEY, 'at least one log verifier key is required');

  // 1. Checkpoints: the log's current one and any older ones the auditor kept.
  const currentWhere = `${source.location}/checkpoint`;
  const currentText = await readOr(source, 'checkpoint');
  const current = at(currentWhere, () => openOne(opts, currentText, currentWhere));
  const checked: CheckedCheckpoint[] = [current];
  for (const p of opts.previous ?? []) checked.push(at(p.where, () => openOne(opts, p.text, p.where)));
  for (const c of checked) {
    if (c.checkpoint.origin !== current.checkpoint.origin) {
      fail(VerificationCode.INCONSISTENT, `${c.where}: origin ${c.checkpoint.origin} differs from ${current.checkpoint.origin}`);
    }
    if (c.checkpoint.size > current.checkpoint.size) {
      fail(VerificationCode.INCONSISTENT,
        `${c.where} has size ${c.checkpoint.size}, but the log now serves size ${current.checkpoint.size}: rollback`);
    }
  }
  checked.sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  const size = current.checkpoint.size;

  // 2. Replay every entry: leaf hashes, tiles at every level, roots at each checkpoint size.
  const tree = CompactTree.empty(hasher);
  const rows: Uint8Array[][] = [];
  let tiles = 0;
  const pendingTileChecks: Array<Promise<void>> = [];
  const checkTile = (level: number, index: number, hashes: Uint8Array[]): void => {
    const path = tilePath(level, index, hashes.length);
    tiles++;
    pendingTileChecks.push(
      handled(readOr(source, path).then((bytes) => {
        if (equal(bytes, concat(...hashes))) return;
        const served = decodeTile(bytes, hashes.length, path);
        const i = hashes.findIndex((h, k) => !equal(h, served[k]!));
        const first = (index * TILE_WIDTH + i) * TILE_WIDTH ** level;
        const covers = level === 0 ? `entry ${first} (${pathOf({ level: -1, index, width: hashes.length })})` : `entries from ${first}`;
        fail(VerificationCode.MALFORMED_TILE, `${path} hash ${i} does not match ${covers}`);
      })),
    );
  };
  const sink = (level: number, index: number, hash: Uint8Array): void => {
    if (level % TILE_HEIGHT !== 0) return;
    const tileLevel = level / TILE_HEIGHT;
    const row = (rows[tileLevel] ??= []);
    row.push(hash);
    if (row.length === TILE_WIDTH) {
      checkTile(tileLevel, Math.floor(index / TILE_WIDTH), row.splice(0));
    }
  };
  const rootChecks = checked.filter((c) => c.checkpoint.size > 0);
  let nextRoot = 0;
  // A root mismatch is reported only after the tile checks have run: a tile
  // that disagrees with its entries names the exact entry, which is more useful.
  let rootFailure: VerificationError | undefined;
  const checkRoots = (): void => {
    while (nextRoot < rootChecks.length && rootChecks[nextRoot]!.checkpoint.size === tree.size) {
      const c = rootChecks[nextRoot++]!;
      if (!rootFailure && !equal(tree.root(), c.checkpoint.root)) {
        rootFailure = new VerificationError(VerificationCode.ROOT_MISMATCH,
          `${c.where}: entries 0..${tree.size - 1} do not produce the checkpoint's root hash`);
      }
    }
  };

  const bundles = bundlesForSize(size);
  const window = Math.max(1, opts.window ?? 16);
  const inflight: Array<Promise<Uint8Array>> = [];
  for (let i = 0; i < Math.min(window, bundles.length); i++) inflight.push(handled(readOr(source, pathOf(bundles[i]!))));
  for (let b = 0; b < bundles.length; b++) {
    const bundle = bundles[b]!;
    const bytes = await inflight.shift()!;
    const next = b + window;
    if (next < bundles.length) inflight.push(handled(readOr(source, pathOf(bundles[next]!))));
    const path = pathOf(bundle);
    const entries = decodeBundle(bytes, bundle.width, path);
    for (const entry of entries) {
      tree.append(hasher.hashLeaf(entry), sink);
      checkRoots();
    }
    if (pendingTileChecks.length > 64) await Promise.all(pendingTileChecks.splice(0));
    opts.onProgress?.(tree.size, size);
  }
  // Partial tiles of the current size.
  rows.forEach((row, level) => {
    if (row.length > 0) checkTile(level, Math.floor(size / TILE_WIDTH ** (level + 1)), row);
  });
  await Promise.all(pendingTileChecks);
  checkRoots();
  if (rootFailure) throw rootFailure;
  if (!equal(tree.root(), current.checkpoint.root)) {
    fail(VerificationCode.ROOT_MISMATCH, `${current.where}: entries do not produce the checkpoint's root hash`);
  }

  // 3. Consistency between successive checkpoints, proofs computed from the tiles.
  let proofs = 0;
  const reader = new TileHashReader(hasher, size, (path) => readOr(source, path));
  for (let i = 1; i < checked.length; i++) {
    const a = checked[i - 1]!.checkpoint;
    const b = checked[i]!.checkpoint;
    if (a.size === 0) continue;
    if (a.size === b.size) {
      if (!equal(a.root, b.root)) {
        fail(VerificationCode.INCONSISTENT, `${checked[i - 1]!.where} and ${checked[i]!.where}: two roots for size ${a.size} (split view)`);
      }
      continue;
    }
    await reader.prefetch(nodesFor(consistencyRanges(a.size, b.size)));
    const proof = consistencyProof(hasher, a.size, b.size, reader.read);
    at(`consistency ${a.size} -> ${b.size}`, () => verifyConsistency(hasher, a.size, b.size, proof, a.root, b.root));
    proofs++;
  }

  const seconds = (now() - started) / 1000;
  return {
    origin: current.checkpoint.origin,
    size,
    root: toBase64(current.checkpoint.root),
    checkpoints: checked,
    entries: tree.size,
    tiles,
    consistencyProofs: proofs,
    seconds,
    entriesPerSecond: seconds > 0 ? tree.size / seconds : tree.size,
  };
}

/**
 * Marks a promise as handled so that a failure arriving before it is awaited
 * is not an unhandled rejection; awaiting it still throws.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function readOr(source: LogSource, path: string): Promise<Uint8Array> {
  try {
    return await source.read(path);
  } catch (e) {
    if (e instanceof VerificationError) throw e;
    throw new VerificationError(VerificationCode.MISSING, `${source.location}/${path}: ${(e as Error).message}`);
  }
}
