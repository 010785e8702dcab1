/**
 * Proofs computed from the stored hash tiles (C2SP tlog-tiles §Merkle Tree)
 * with proof-build.ts, as any client would compute them from the served
 * tiles: here, the RFC 9162 §2.1.4.1 consistency proof a witness needs
 * (C2SP tlog-witness §add-checkpoint).
 */
import { HASH_SIZE } from '../ledger/hasher.js';
import { consistencyRanges, hashRanges, nodesFor } from '../ledger/proof-build.js';
import { TileHashReader } from '../ledger/tile-reader.js';
import { parseTilePath } from '../ledger/tiles.js';
import type { Services } from '../services/context.js';
import * as logRepo from '../store/repositories/log.js';

/** Consistency proof from `oldSize` to `newSize` (empty when oldSize is 0 or equals newSize). */
export async function consistencyFromTiles(s: Services, oldSize: number, newSize: number): Promise<Uint8Array[]> {
  if (oldSize === 0 || oldSize === newSize) return [];
  const ranges = consistencyRanges(oldSize, newSize);
  const reader = new TileHashReader(s.hasher, newSize, async (path) => {
    const tile = parseTilePath(path);
    const row = tile && tile.level >= 0 ? await logRepo.readTile(s.db, tile.level, tile.index) : undefined;
    // §Partial Tiles: width W is the first W hashes of the (widest) stored row.
    if (!tile || !row || row.width < tile.width) throw new Error(`${path} is not stored`);
    return row.bytes.subarray(0, tile.width * HASH_SIZE);
  });
  await reader.prefetch(nodesFor(ranges));
  return hashRanges(s.hasher, ranges, reader.read);
}
