/**
 * Proof generation from stored hashes: RFC 9162 §2.1.3.1 PATH (inclusion),
 * §2.1.4.1 SUBPROOF (consistency), and the MTC draft's SUBTREE_PROOF (§4.4.1).
 *
 * Proofs are lists of MTH(D[a:b]) for ranges [a, b). A range hash is folded
 * from the perfect subtrees that make it up, which is what tiles store, so a
 * caller can first ask which nodes a proof needs (to fetch tiles in bulk) and
 * then build it with a synchronous reader.
 */
import { bitLength, isSafeIndex } from './bits.js';
import { fail, VerificationCode } from './errors.js';
import type { MerkleHasher } from './hasher.js';
import { isValidSubtree } from './proof-verify.js';

export type Range = readonly [start: number, end: number];
/** Hash of the perfect subtree at (level, index), covering [index*2^level, (index+1)*2^level). */
export type NodeReader = (level: number, index: number) => Uint8Array;

/** RFC 9162 §2.1.1: k is the largest power of two smaller than n (n > 1). */
function split(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

function checkSize(value: number, what: string): void {
  if (!isSafeIndex(value)) fail(VerificationCode.OUT_OF_RANGE, `${what} must be an integer in [0, 2^53)`);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as ranges, leaf level first. */
export function inclusionRanges(index: number, size: number): Range[] {
  checkSize(index, 'leaf index');
  checkSize(size, 'tree size');
  if (index >= size) fail(VerificationCode.OUT_OF_RANGE, `leaf index ${index} is not below tree size ${size}`);
  const out: Range[] = [];
  const path = (m: number, lo: number, n: number): void => {
    if (n <= 1) return;
    const k = split(n);
    if (m < k) {
      path(m, lo, k);
      out.push([lo + k, lo + n]);
    } else {
      path(m - k, lo + k, n - k);
      out.push([lo, lo + k]);
    }
  };
  path(index, 0, size);
  return out;
}

/** MTC draft §4.4.1 SUBTREE_PROOF(start, end, D[size]); RFC 9162 §2.1.4.1 when start = 0. */
export function subtreeConsistencyRanges(start: number, end: number, size: number): Range[] {
  checkSize(size, 'tree size');
  if (!isValidSubtree(start, end) || end > size) {
    fail(VerificationCode.INVALID_SUBTREE, `[${start}, ${end}) is not a valid subtree of a tree of size ${size}`);
  }
  const out: Range[] = [];
  const sub = (s: number, e: number, lo: number, n: number, known: boolean): void => {
    if (s === 0 && e === n) {
      if (!known) out.push([lo, lo + n]);
      return;
    }
    const k = split(n);
    if (e <= k) {
      sub(s, e, lo, k, known);
      out.push([lo + k, lo + n]);
    } else if (s >= k) {
      sub(s - k, e - k, lo + k, n - k, known);
      out.push([lo, lo + k]);
    } else {
      // s < k < e only happens for s = 0 in a valid subtree: the left half is
      // wholly inside, so the verifier no longer knows the right part's hash.
      sub(0, e - k, lo + k, n - k, false);
      out.push([lo, lo + k]);
    }
  };
  sub(start, end, 0, size, true);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as ranges; 0 < size1 <= size2. */
export function consistencyRanges(size1: number, size2: number): Range[] {
  checkSize(size1, 'first tree size');
  checkSize(size2, 'second tree size');
  if (size1 === 0 || size1 > size2) fail(VerificationCode.OUT_OF_RANGE, `no consistency proof from ${size1} to ${size2}`);
  return subtreeConsistencyRanges(0, size1, size2);
}

/** The perfect subtrees whose hashes fold into MTH(D[start:end]), left to right. */
export function rangeNodes(start: number, end: number): Array<[level: number, index: number]> {
  const out: Array<[number, number]> = [];
  let lo = start;
  let width = end - start;
  // RFC 9162 §2.1.1 splits at the largest power of two below the width, so
  // the left parts are perfect and aligned; only the last part recurses.
  while (width > 0) {
    const level = bitLength(width) - 1;
    out.push([level, lo / 2 ** level]);
    lo += 2 ** level;
    width -= 2 ** level;
  }
  return out;
}

/** MTH(D[start:end]) from stored perfect-subtree hashes. */
export function rangeHash(hasher: MerkleHasher, start: number, end: number, read: NodeReader): Uint8Array {
  if (end <= start) fail(VerificationCode.OUT_OF_RANGE, `empty range [${start}, ${end})`);
  const nodes = rangeNodes(start, end);
  let r = read(...nodes[nodes.length - 1]!);
  for (let i = nodes.length - 2; i >= 0; i--) r = hasher.hashChildren(read(...nodes[i]!), r);
  return r;
}

export function hashRanges(hasher: MerkleHasher, ranges: readonly Range[], read: NodeReader): Uint8Array[] {
  return ranges.map(([s, e]) => rangeHash(hasher, s, e, read));
}

export function inclusionProof(hasher: MerkleHasher, index: number, size: number, read: NodeReader): Uint8Array[] {
  return hashRanges(hasher, inclusionRanges(index, size), read);
}

export function consistencyProof(hasher: MerkleHasher, size1: number, size2: number, read: NodeReader): Uint8Array[] {
  return hashRanges(hasher, consistencyRanges(size1, size2), read);
}

export function subtreeConsistencyProof(
  hasher: MerkleHasher, start: number, end: number, size: number, read: NodeReader,
): Uint8Array[] {
  return hashRanges(hasher, subtreeConsistencyRanges(start, end, size), read);
}

/** Inclusion of `index` in the subtree [start, end): its path within that subtree. */
export function subtreeInclusionProof(
  hasher: MerkleHasher, index: number, start: number, end: number, read: NodeReader,
): Uint8Array[] {
  if (!isValidSubtree(start, end)) fail(VerificationCode.INVALID_SUBTREE, `[${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end) fail(VerificationCode.OUT_OF_RANGE, `leaf ${index} is outside [${start}, ${end})`);
  const ranges = inclusionRanges(index - start, end - start).map(([a, b]): Range => [a + start, b + start]);
  return hashRanges(hasher, ranges, read);
}

/** Every perfect node a set of ranges needs, deduplicated: for bulk tile fetches. */
export function nodesFor(ranges: readonly Range[]): Array<[level: number, index: number]> {
  const seen = new Set<string>();
  const out: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    for (const node of rangeNodes(s, e)) {
      const key = `${node[0]}/${node[1]}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(node);
      }
    }
  }
  return out;
}
