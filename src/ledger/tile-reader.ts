/**
 * Reads perfect-subtree hashes of a tree of a given size out of C2SP
 * tlog-tiles, so proofs can be computed from tiles by any client (RFC 9162
 * proofs via proof-build.ts). Tiles are fetched through `fetchTile` and cached.
 */
import { fail, VerificationCode } from './errors.js';
import type { MerkleHasher } from './hasher.js';
import type { NodeReader } from './proof-build.js';
import { decodeTile, TILE_HEIGHT, TILE_WIDTH, tilePath } from './tiles.js';

export type FetchResource = (path: string) => Promise<Uint8Array>;

export class TileHashReader {
  private readonly cache = new Map<string, Uint8Array[]>();

  constructor(
    private readonly hasher: MerkleHasher,
    readonly size: number,
    private readonly fetchTile: FetchResource,
  ) {}

  /** The tile holding node (level, index) and the span of tile hashes under it. */
  private locate(level: number, index: number): { path: string; width: number; from: number; count: number } {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const below = level - tileLevel * TILE_HEIGHT;
    const first = index * 2 ** below; // index of the first covered hash at tree level 8*tileLevel
    const count = 2 ** below;
    if ((index + 1) * 2 ** level > this.size) {
      fail(VerificationCode.OUT_OF_RANGE, `node ${level}/${index} is not complete in a tree of size ${this.size}`);
    }
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const hashesAtLevel = Math.floor(this.size / TILE_WIDTH ** tileLevel);
    const width = Math.min(TILE_WIDTH, hashesAtLevel - tileIndex * TILE_WIDTH);
    return { path: tilePath(tileLevel, tileIndex, width), width, from: first % TILE_WIDTH, count };
  }

  /** Fetches every tile the given nodes need, in parallel. */
  async prefetch(nodes: ReadonlyArray<readonly [number, number]>): Promise<void> {
    const wanted = new Map<string, number>();
    for (const [l, i] of nodes) {
      const { path, width } = this.locate(l, i);
      if (!this.cache.has(path)) wanted.set(path, width);
    }
    await Promise.all(
      [...wanted].map(async ([path, width]) => {
        this.cache.set(path, decodeTile(await this.fetchTile(path), width, path));
      }),
    );
  }

  /** Synchronous reader over prefetched tiles. */
  readonly read: NodeReader = (level, index) => {
    const { path, from, count } = this.locate(level, index);
    const tile = this.cache.get(path);
    if (!tile) fail(VerificationCode.MISSING, `${path} was not prefetched`);
    let row = tile.slice(from, from + count);
    while (row.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < row.length; i += 2) next.push(this.hasher.hashChildren(row[i]!, row[i + 1]!));
      row = next;
    }
    return row[0]!;
  };
}
