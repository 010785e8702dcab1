/**
 * Builds a C2SP tlog-tiles log incrementally: append entries, then `flush()`
 * returns every resource that is new or grew since the last flush (entry
 * bundles, hash tiles at every level, full and partial). The integrator and
 * the test/benchmark log writers use it; it never rewrites a full tile.
 */
import { concat } from './bytes.js';
import { fail, VerificationCode } from './errors.js';
import type { MerkleHasher } from './hasher.js';
import { CompactTree } from './merkle.js';
import { encodeBundle, entriesPath, MAX_ENTRY_SIZE, TILE_HEIGHT, TILE_WIDTH, tilePath } from './tiles.js';

export interface TileFile {
  path: string;
  bytes: Uint8Array;
}

export class TileBuilder {
  private readonly tree: CompactTree;
  /** Hashes of the current (incomplete) tile at each tile level. */
  private readonly pending: Uint8Array[][] = [];
  private bundle: Uint8Array[] = [];
  private readonly out: TileFile[] = [];
  private dirty = new Set<number>();
  private bundleDirty = false;

  constructor(private readonly hasher: MerkleHasher) {
    this.tree = CompactTree.empty(hasher);
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
    this.bundle.push(entry);
    this.bundleDirty = true;
    if (this.bundle.length === TILE_WIDTH) {
      this.out.push({ path: entriesPath(Math.floor(index / TILE_WIDTH)), bytes: encodeBundle(this.bundle) });
      this.bundle = [];
      this.bundleDirty = false;
    }
    this.tree.append(this.hasher.hashLeaf(entry), (level, nodeIndex, hash) => {
      if (level % TILE_HEIGHT !== 0) return;
      const tileLevel = level / TILE_HEIGHT;
      const row = (this.pending[tileLevel] ??= []);
      row.push(hash);
      this.dirty.add(tileLevel);
      if (row.length === TILE_WIDTH) {
        this.out.push({ path: tilePath(tileLevel, Math.floor(nodeIndex / TILE_WIDTH)), bytes: concat(...row) });
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
      files.push({ path: entriesPath(Math.floor(size / TILE_WIDTH), this.bundle.length), bytes: encodeBundle(this.bundle) });
    }
    for (const level of this.dirty) {
      const row = this.pending[level]!;
      if (row.length === 0) continue;
      const index = Math.floor(size / TILE_WIDTH ** (level + 1));
      files.push({ path: tilePath(level, index, row.length), bytes: concat(...row) });
    }
    this.dirty = new Set();
    this.bundleDirty = false;
    return files;
  }
}
