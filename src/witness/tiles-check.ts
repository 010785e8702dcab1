/**
 * Is checkpoint `small` a prefix of checkpoint `large`? Decided from the
 * log's own C2SP tlog-tiles (via ledger/tile-reader.ts and proof-build.ts):
 * the tiles are first checked to hash to `large`'s root (RFC 9162 §2.1.1), so
 * they are the log's committed tree at that size; the RFC 9162 §2.1.4.1
 * consistency proof built from them then either verifies (§2.1.4.2) against
 * `small`'s root, or it does not, and then the log signed two trees that
 * cannot both be true. Tiles that do not hash to `large` prove nothing.
 */
import { equal } from '../ledger/bytes.js';
import { VerificationError } from '../ledger/errors.js';
import type { MerkleHasher } from '../ledger/hasher.js';
import { consistencyRanges, hashRanges, nodesFor, rangeHash, type Range } from '../ledger/proof-build.js';
import { verifyConsistency } from '../ledger/proof-verify.js';
import { TileHashReader, type FetchResource } from '../ledger/tile-reader.js';

export interface TreeHead {
  readonly size: number;
  readonly root: Uint8Array;
}

export type TileVerdict =
  | { readonly kind: 'consistent' }
  | { readonly kind: 'inconsistent'; readonly proof: Uint8Array[]; readonly rootAtSmall: Uint8Array }
  | { readonly kind: 'tiles-mismatch'; readonly message: string };

export async function checkWithTiles(
  hasher: MerkleHasher, small: TreeHead, large: TreeHead, fetchTile: FetchResource,
): Promise<TileVerdict> {
  if (!(small.size < large.size)) throw new RangeError('checkWithTiles needs small.size < large.size');
  if (small.size === 0) {
    return equal(small.root, hasher.emptyRoot) ? { kind: 'consistent' } : { kind: 'inconsistent', proof: [], rootAtSmall: hasher.emptyRoot };
  }
  const reader = new TileHashReader(hasher, large.size, fetchTile);
  const ranges = consistencyRanges(small.size, large.size);
  const whole: Range[] = [[0, large.size], [0, small.size]];
  await reader.prefetch(nodesFor([...ranges, ...whole]));
  const rootLarge = rangeHash(hasher, 0, large.size, reader.read);
  if (!equal(rootLarge, large.root)) {
    return { kind: 'tiles-mismatch', message: `the log's tiles do not hash to the root of the checkpoint of size ${large.size}` };
  }
  const proof = hashRanges(hasher, ranges, reader.read);
  try {
    verifyConsistency(hasher, small.size, large.size, proof, small.root, large.root);
    return { kind: 'consistent' };
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    return { kind: 'inconsistent', proof, rootAtSmall: rangeHash(hasher, 0, small.size, reader.read) };
  }
}
