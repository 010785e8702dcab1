/**
 * Builds a C2SP tlog-tiles log incrementally: append entries, then `flush()`
 * returns every resource that is new or grew since the last flush (entry
 * bundles, hash tiles at every level, full and partial). The integrator and
 * the test/benchmark log writers use it; it never rewrites a full tile.
 *
 * `TileBuilder.resume` continues a log from its stored hash tiles: the
 * rightmost (partial) tile at each level is all the state there is, since the
 * compact tree's border subtrees all lie inside those partial tiles.
 */
import { concat } from './bytes.js';
import { fail, VerificationCode } from './errors.js';
import type { MerkleHasher } from './hasher.js';
import { CompactTree } from './merkle.js';
import {
  decodeTile, encodeBundle, entriesPath, MAX_ENTRY_SIZE, partialWidth, pathOf, TILE_HEIGHT, TILE_WIDTH, tilePath, type TileId,
} from './tiles.js';

export interface TileFile {
  path: string;
  bytes: Uint8Array;
  /** The same resource as `path`, parsed (level -1 = entry bundle). */
  id: TileId;
}

export interface TileBuilderOptions {
  /** Produce entry bundles too (default true). Annex's integrator keeps entries in its database instead. */
  bundles?: boolean;
}

/**
 * Reads stored hash tiles: for each id asked, the first `width` hashes of
 * tile (level, index), concatenated (`width` * 32 bytes), in the order asked.
 */
export type HashTileReader = (tiles: readonly TileId[]) => Promise<readonly Uint8Array[]>;

export interface ResumeOptions {
  /**
   * The entries of the current partial bundle (size % 256 of them), to keep
   * producing entry bundles. Without them the resumed builder produces hash
   * tiles only.
   */
  bundle?: readonly Uint8Array[];
}

export class TileBuilder {
  private tree: CompactTree;
  /** Hashes of the current (incomplete) tile at each tile level. */
  private readonly pending: Uint8Array[][] = [];
  private bundle: Uint8Array[] = [];
  private readonly bundles: boolean;
  private readonly out: TileFile[] = [];
  private dirty = new Set<number>();
  private bundleDirty = false;

  constructor(private readonly hasher: MerkleHasher, options: TileBuilderOptions = {}) {
    this.tree = CompactTree.empty(hasher);
    this.bundles = options.bundles ?? true;
  }

  /**
   * Continues a log of `size` entries from its stored hash tiles. Reads the
   * partial tile of every level in one call; the border of the compact tree
   * (RFC 9162 §2.1.1 perfect subtrees of [0, size)) is folded from them:
   * width w of the level-l partial tile, in binary, lists the border subtrees
   * at tree levels 8l..8l+7, largest first.
   */
  static async resume(hasher: MerkleHasher, size: number, readTiles: HashTileReader, options: ResumeOptions = {}): Promise<TileBuilder> {
    if (!Number.isSafeInteger(size) || size < 0) fail(VerificationCode.OUT_OF_RANGE, `bad tree size ${size}`);
    const wanted: TileId[] = [];
    for (let level = 0; TILE_WIDTH ** level <= size; level++) {
      const width = partialWidth(level, size);
      if (width > 0) wanted.push({ level, index: Math.floor(size / TILE_WIDTH ** (level + 1)), width });
    }
    const stored = wanted.length > 0 ? await readTiles(wanted) : [];
    if (stored.length !== wanted.length) fail(VerificationCode.MISSING, `asked for ${wanted.length} tiles, got ${stored.length}`);
    const builder = new TileBuilder(hasher, { bundles: options.bundle !== undefined });
    if (options.bundle) {
      if (options.bundle.length !== size % TILE_WIDTH) {
        fail(VerificationCode.OUT_OF_RANGE, `a log of size ${size} has ${size % TILE_WIDTH} entries in its partial bundle, got ${options.bundle.length}`);
      }
      builder.bundle = [...options.bundle];
    }
    const border: Uint8Array[] = [];
    for (let k = wanted.length - 1; k >= 0; k--) {
      const tile = wanted[k]!;
      const hashes = decodeTile(stored[k]!, tile.width, pathOf(tile));
      builder.pending[tile.level] = hashes;
      let from = 0;
      for (let bit = TILE_HEIGHT - 1; bit >= 0; bit--) {
        const span = 2 ** bit;
        if ((tile.width & span) === 0) continue;
        border.push(foldPerfect(hasher, hashes.slice(from, from + span)));
        from += span;
      }
    }
    builder.tree = CompactTree.fromBorder(hasher, size, border);
    return builder;
  }

  get size(): number {
    return this.tree.size;
  }

  root(): Uint8Array {
    return this.tree.root();
  }

  append(entry: Uint8Array): number {
    if (entry.length > MAX_ENTRY_SIZE) fail(VerificationCode.OUT_OF_RANGE, `entry of ${entry.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    const index = this.tree.size;
    if (this.bundles) {
      this.bundle.push(entry);
      this.bundleDirty = true;
      if (this.bundle.length === TILE_WIDTH) {
        const id = { level: -1, index: Math.floor(index / TILE_WIDTH), width: TILE_WIDTH };
        this.out.push({ path: entriesPath(id.index), bytes: encodeBundle(this.bundle), id });
        this.bundle = [];
        this.bundleDirty = false;
      }
    }
    this.tree.append(this.hasher.hashLeaf(entry), (level, nodeIndex, hash) => {
      if (level % TILE_HEIGHT !== 0) return;
      const tileLevel = level / TILE_HEIGHT;
      const row = (this.pending[tileLevel] ??= []);
      row.push(hash);
      this.dirty.add(tileLevel);
      if (row.length === TILE_WIDTH) {
        const id = { level: tileLevel, index: Math.floor(nodeIndex / TILE_WIDTH), width: TILE_WIDTH };
        this.out.push({ path: tilePath(tileLevel, id.index), bytes: concat(...row), id });
        this.pending[tileLevel] = [];
        this.dirty.delete(tileLevel);
      }
    });
    return index;
  }

  /** New full tiles and bundles since the last flush, plus the current partial ones. */
  flush(): TileFile[] {
    const files = this.out.splice(0);
    const size = this.tree.size;
    if (this.bundleDirty && this.bundle.length > 0) {
      const id = { level: -1, index: Math.floor(size / TILE_WIDTH), width: this.bundle.length };
      files.push({ path: entriesPath(id.index, id.width), bytes: encodeBundle(this.bundle), id });
    }
    for (const level of this.dirty) {
      const row = this.pending[level]!;
      if (row.length === 0) continue;
      const id = { level, index: Math.floor(size / TILE_WIDTH ** (level + 1)), width: row.length };
      files.push({ path: tilePath(level, id.index, id.width), bytes: concat(...row), id });
    }
    this.dirty = new Set();
    this.bundleDirty = false;
    return files;
  }
}

/** MTH of a perfect subtree given its 2^k hashes at the level below (RFC 9162 §2.1.1). */
function foldPerfect(hasher: MerkleHasher, hashes: Uint8Array[]): Uint8Array {
  let row = hashes;
  while (row.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(hasher.hashChildren(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}
