/**
 * Rebuilding the log's hash tiles (C2SP tlog-tiles §Merkle Tree) from the
 * entries with TileBuilder, and comparing them with log_tiles as they
 * complete. log_tiles holds one row per (level, idx): the widest width built
 * so far (src/store/repositories/log.ts). By §Partial Tiles a tile of width W
 * is the first W hashes of the full tile, so a stored row must be a prefix of
 * what the entries give. The integrator stores tiles and the checkpoint in one
 * transaction, so every tile of the latest checkpoint's tree must be stored.
 */
import { equal } from '../ledger/bytes.js';
import { HASH_SIZE, type MerkleHasher } from '../ledger/hasher.js';
import { TileBuilder, type TileFile } from '../ledger/tile-builder.js';
import { MAX_ENTRY_SIZE, TILE_WIDTH, tilePath, tilesForSize } from '../ledger/tiles.js';
import type { TileKey } from '../store/repositories/verify.js';
import type { Problem } from './report.js';

export type TileFetcher = (keys: readonly { level: number; idx: number }[]) => Promise<Array<TileKey & { bytes: Uint8Array }>>;

const key = (level: number, idx: number): string => `${level}/${idx}`;

/** The tile's resource path when it is a valid one; stored rows are untrusted. */
function name(level: number, idx: number): string {
  try {
    return tilePath(level, idx);
  } catch {
    return `tile ${level}/${idx}`;
  }
}

export class TileCheck {
  private readonly builder: TileBuilder;
  /** Stored tiles not yet compared. Left over at the end: tiles the entries never produce. */
  private readonly unmatched: Map<string, TileKey>;
  /** Widest stored width per tile, for the completeness check. */
  private readonly widths = new Map<string, number>();
  /** The latest partial tile at each level (the rightmost tile of that level). */
  private readonly partials = new Map<number, TileFile>();
  /** Stored tiles that matched the entries. */
  matched = 0;

  constructor(hasher: MerkleHasher, stored: readonly TileKey[]) {
    this.builder = new TileBuilder(hasher, { bundles: false });
    this.unmatched = new Map(stored.map((t) => [key(t.level, t.idx), t]));
    for (const t of stored) this.widths.set(key(t.level, t.idx), t.width);
  }

  get size(): number {
    return this.builder.size;
  }

  /** RFC 9162 §2.1.1 MTH of the entries appended so far. */
  root(): Uint8Array {
    return this.builder.root();
  }

  /** Appends entry bytes; false (nothing appended) when they exceed the tlog-tiles limit. */
  append(bytes: Uint8Array): boolean {
    if (bytes.length > MAX_ENTRY_SIZE) return false;
    this.builder.append(bytes);
    return true;
  }

  /** Compares the tiles completed since the last call; partial ones wait for finish(). */
  async checkCompleted(fetch: TileFetcher): Promise<Problem[]> {
    const full: TileFile[] = [];
    for (const f of this.builder.flush()) {
      if (f.id.level < 0) continue;
      if (f.id.width === TILE_WIDTH) {
        full.push(f);
        if (this.partials.get(f.id.level)?.id.index === f.id.index) this.partials.delete(f.id.level);
      } else {
        this.partials.set(f.id.level, f);
      }
    }
    return this.compare(full, fetch);
  }

  /**
   * Compares the last partial tiles, reports stored tiles the entries never
   * produce, and checks every tile of the tree at `checkpointSize` is stored.
   */
  async finish(fetch: TileFetcher, checkpointSize: number | undefined): Promise<Problem[]> {
    const problems = await this.checkCompleted(fetch);
    problems.push(...(await this.compare([...this.partials.values()], fetch)));
    for (const t of this.unmatched.values()) {
      problems.push({ kind: 'tile', message: `${name(t.level, t.idx)}: stored (${t.width} hashes) but the log's ${this.size} entries do not reach it` });
    }
    if (checkpointSize !== undefined) {
      for (const t of tilesForSize(Math.min(checkpointSize, this.size))) {
        const have = this.widths.get(key(t.level, t.index));
        if (have === undefined || have < t.width) {
          problems.push({
            kind: 'tile',
            message: `${name(t.level, t.index)}: the latest checkpoint (size ${checkpointSize}) needs ${t.width} hashes but ${have === undefined ? 'the tile is not stored' : `only ${have} are stored`}`,
          });
        }
      }
    }
    return problems;
  }

  private async compare(tiles: readonly TileFile[], fetch: TileFetcher): Promise<Problem[]> {
    const wanted = tiles.filter((f) => this.unmatched.has(key(f.id.level, f.id.index)));
    if (wanted.length === 0) return [];
    const stored = new Map((await fetch(wanted.map((f) => ({ level: f.id.level, idx: f.id.index })))).map((r) => [key(r.level, r.idx), r]));
    const problems: Problem[] = [];
    for (const f of wanted) {
      const k = key(f.id.level, f.id.index);
      const s = stored.get(k);
      this.unmatched.delete(k);
      if (!s) continue;
      const where = name(f.id.level, f.id.index);
      if (s.width > f.id.width) {
        problems.push({ kind: 'tile', message: `${where}: stored with ${s.width} hashes but the log's entries give only ${f.id.width}` });
      } else if (s.bytes.length !== s.width * HASH_SIZE) {
        problems.push({ kind: 'tile', message: `${where}: stored width ${s.width} but ${s.bytes.length} bytes (expected ${s.width * HASH_SIZE})` });
      } else if (!equal(s.bytes, f.bytes.subarray(0, s.width * HASH_SIZE))) {
        problems.push({ kind: 'tile', message: `${where}: stored hashes (width ${s.width}) differ from the tile the entries produce` });
      } else {
        this.matched++;
      }
    }
    return problems;
  }
}
