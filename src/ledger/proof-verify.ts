/**
 * Proof verification, RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency), generalised to subtrees [start, end) as in the Merkle Tree
 * Certificates draft (draft-ietf-plants-merkle-tree-certs §4.3.3, §4.4.3);
 * a plain consistency proof is the subtree [0, size1).
 *
 * Every argument is attacker-controlled: sizes and indexes are range-checked,
 * and the proof length is computed from them and checked before any hashing.
 */
import { isSafeIndex } from './bits.js';
import { equal } from './bytes.js';
import { fail, VerificationCode } from './errors.js';
import { checkHash, type MerkleHasher } from './hasher.js';

function checkIndex(value: unknown, what: string): asserts value is number {
  if (!isSafeIndex(value)) fail(VerificationCode.OUT_OF_RANGE, `${what} must be an integer in [0, 2^53)`);
}

function checkProof(proof: readonly Uint8Array[], expected: number): void {
  if (!Array.isArray(proof) || proof.length !== expected) {
    fail(VerificationCode.PROOF_LENGTH, `proof has ${Array.isArray(proof) ? proof.length : 'no'} hashes, expected ${expected}`);
  }
  proof.forEach((h, i) => checkHash(h, `proof[${i}]`));
}

const half = (x: number): number => (x < 0x1_0000_0000 ? x >>> 1 : Math.floor(x / 2));

/** Number of proof hashes the §2.1.3.2 walk consumes for (index, size). */
function inclusionLength(index: number, size: number): number {
  let fn = index;
  let sn = size - 1;
  let n = 0;
  while (sn !== 0) {
    if (fn % 2 === 1 || fn === sn) {
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = half(fn); sn = half(sn); }
    }
    n++;
    fn = half(fn);
    sn = half(sn);
  }
  return n;
}

/** RFC 9162 §2.1.3.2: the root implied by an inclusion proof. */
export function rootFromInclusionProof(
  hasher: MerkleHasher, index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[],
): Uint8Array {
  checkIndex(index, 'leaf index');
  checkIndex(size, 'tree size');
  if (index >= size) fail(VerificationCode.OUT_OF_RANGE, `leaf index ${index} is not below tree size ${size}`);
  checkHash(leafHash, 'leaf hash');
  checkProof(proof, inclusionLength(index, size));
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.hashChildren(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      r = hasher.hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return r;
}

export function verifyInclusion(
  hasher: MerkleHasher, index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  if (!equal(computed, root)) fail(VerificationCode.ROOT_MISMATCH, `inclusion proof for leaf ${index} does not lead to the root of size ${size}`);
}

/**
 * MTC draft §4.1: [start, end) is a valid subtree when start < end and start
 * is a multiple of the smallest power of two >= end - start.
 */
export function isValidSubtree(start: number, end: number): boolean {
  if (!isSafeIndex(start) || !isSafeIndex(end) || start >= end) return false;
  let width = 1;
  while (width < end - start) width *= 2;
  return start % width === 0;
}

/** MTC draft §4.3.3: inclusion of a leaf in the subtree [start, end) with hash `subtreeHash`. */
export function verifySubtreeInclusion(
  hasher: MerkleHasher, index: number, start: number, end: number, leafHash: Uint8Array,
  proof: readonly Uint8Array[], subtreeHash: Uint8Array,
): void {
  checkIndex(index, 'leaf index');
  if (!isValidSubtree(start, end)) fail(VerificationCode.INVALID_SUBTREE, `[${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end) fail(VerificationCode.OUT_OF_RANGE, `leaf ${index} is outside [${start}, ${end})`);
  const computed = rootFromInclusionProof(hasher, index - start, end - start, leafHash, proof);
  if (!equal(computed, subtreeHash)) fail(VerificationCode.ROOT_MISMATCH, `subtree inclusion proof for leaf ${index} does not match`);
}

type Fold = (kind: 'left' | 'right', c: Uint8Array, foldFirst: boolean) => void;

/**
 * The index walk of MTC draft §4.4.3 (RFC 9162 §2.1.4.2 when start = 0).
 * `seeded` is true when the walk starts below the subtree's own node, in which
 * case proof[0] is the seed hash. Without `fold` it only counts the hashes the
 * proof must have, so the length can be checked before any hashing.
 */
function consistencyWalk(
  start: number, end: number, size: number, proof?: readonly Uint8Array[], fold?: Fold,
): { used: number; seeded: boolean } {
  let fn = start;
  let sn = end - 1;
  let tn = size - 1;
  const shift = (): void => { fn = half(fn); sn = half(sn); tn = half(tn); };
  if (sn === tn) {
    while (fn !== sn) shift();
  } else {
    while (fn !== sn && sn % 2 === 1) shift();
  }
  const seeded = fn !== sn;
  let used = seeded ? 1 : 0;
  while (tn !== 0) {
    const c = proof?.[used];
    if (sn % 2 === 1 || sn === tn) {
      if (c && fold) fold('left', c, fn < sn);
      while (sn % 2 === 0 && sn !== 0) shift();
    } else if (c && fold) {
      fold('right', c, false);
    }
    used++;
    shift();
  }
  return { used, seeded };
}

/**
 * RFC 9162 §2.1.4.2 generalised per MTC draft §4.4.3: checks that the subtree
 * [start, end) with hash `subtreeHash` is part of the tree of `size` leaves
 * with root `root`. An RFC 9162 consistency proof is the case start = 0.
 */
export function verifySubtreeConsistency(
  hasher: MerkleHasher, start: number, end: number, size: number, proof: readonly Uint8Array[],
  subtreeHash: Uint8Array, root: Uint8Array,
): void {
  checkIndex(start, 'subtree start');
  checkIndex(end, 'subtree end');
  checkIndex(size, 'tree size');
  if (end > size) fail(VerificationCode.OUT_OF_RANGE, `subtree end ${end} is beyond tree size ${size}`);
  if (start === end) {
    // An empty subtree is trivially contained; its hash must be MTH({}).
    checkProof(proof, 0);
    if (!equal(subtreeHash, hasher.emptyRoot)) fail(VerificationCode.ROOT_MISMATCH, 'empty subtree must have the empty-tree hash');
    return;
  }
  if (!isValidSubtree(start, end)) fail(VerificationCode.INVALID_SUBTREE, `[${start}, ${end}) is not a valid subtree`);
  const shape = consistencyWalk(start, end, size);
  checkProof(proof, shape.used);
  let fr = shape.seeded ? proof[0]! : subtreeHash;
  let sr = fr;
  consistencyWalk(start, end, size, proof, (kind, c, foldFirst) => {
    if (kind === 'left') {
      if (foldFirst) fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
    } else {
      sr = hasher.hashChildren(sr, c);
    }
  });
  if (!equal(fr, subtreeHash)) fail(VerificationCode.ROOT_MISMATCH, `proof does not reproduce the hash of [${start}, ${end})`);
  if (!equal(sr, root)) fail(VerificationCode.ROOT_MISMATCH, `proof does not lead to the root of size ${size}`);
}

/** RFC 9162 §2.1.4.2: checks that the tree (size1, root1) is a prefix of (size2, root2). */
export function verifyConsistency(
  hasher: MerkleHasher, size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array,
): void {
  checkIndex(size1, 'first tree size');
  checkIndex(size2, 'second tree size');
  if (size1 > size2) fail(VerificationCode.OUT_OF_RANGE, `first size ${size1} is larger than second size ${size2}`);
  if (size1 === 0) fail(VerificationCode.OUT_OF_RANGE, 'a consistency proof from the empty tree is meaningless');
  verifySubtreeConsistency(hasher, 0, size1, size2, proof, root1, root2);
}

