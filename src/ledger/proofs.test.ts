// Property tests: proofs generated from stored hashes verify, for random tree
// sizes, and every single-bit mutation of a proof hash, root, index or size is
// rejected — except where RFC 9162 itself cannot tell (see `sameWalk`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nodeCrypto } from './crypto-node.js';
import { VerificationError } from './errors.js';
import { MerkleHasher } from './hasher.js';
import { CompactTree } from './merkle.js';
import {
  consistencyProof, consistencyRanges, inclusionProof, inclusionRanges, rangeHash, subtreeConsistencyProof,
  subtreeInclusionProof, type NodeReader,
} from './proof-build.js';
import { verifyConsistency, verifyInclusion, verifySubtreeConsistency, verifySubtreeInclusion } from './proof-verify.js';
import { uint64be } from './bytes.js';

const hasher = new MerkleHasher(nodeCrypto);
const MAX = 600;

/** A tree of MAX distinct leaves, every perfect node stored, and the root of each size. */
const nodes = new Map<string, Uint8Array>();
const leaves: Uint8Array[] = [];
const roots: Uint8Array[] = [hasher.emptyRoot];
{
  const tree = CompactTree.empty(hasher);
  for (let i = 0; i < MAX; i++) {
    const leaf = hasher.hashLeaf(uint64be(i));
    leaves.push(leaf);
    tree.append(leaf, (l, n, h) => nodes.set(`${l}/${n}`, h));
    roots.push(tree.root());
  }
}
const read: NodeReader = (level, index) => {
  const h = nodes.get(`${level}/${index}`);
  if (!h) throw new Error(`node ${level}/${index} not stored`);
  return h;
};

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

function rejects(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    return true;
  }
}

/**
 * RFC 9162 inclusion proofs do not commit to the tree size on their own (the
 * signed checkpoint does): two (index, size) pairs whose sibling ranges lie on
 * the same sides, in the same order, make the verifier compute the same root.
 */
function sameWalk(i1: number, s1: number, i2: number, s2: number): boolean {
  if (i2 >= s2) return false;
  const a = inclusionRanges(i1, s1).map(([start]) => start < i1);
  const b = inclusionRanges(i2, s2).map(([start]) => start < i2);
  return a.length === b.length && a.every((v, k) => v === b[k]) && i1 === i2;
}

/** The same limitation for consistency proofs: equal range layouts around the boundary m. */
function sameConsistencyWalk(m1: number, n1: number, m2: number, n2: number): boolean {
  if (m2 < 1 || m2 > n2) return false;
  if (m1 === n1 || m2 === n2) return m1 === n1 && m2 === n2;
  const layout = (m: number, n: number) => consistencyRanges(m, n).map(([a, b]) => `${a < m}${b <= m}`);
  const a = layout(m1, n1);
  const b = layout(m2, n2);
  const seeded = (m: number) => (m & (m - 1)) !== 0; // size1 not a power of two: proof[0] is the seed
  return a.length === b.length && a.every((v, k) => v === b[k]) && seeded(m1) === seeded(m2) && (m1 === m2 || !seeded(m1));
}

test('inclusion proofs verify and every single-bit mutation fails', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
      fc.nat(), fc.nat(255), fc.nat(20),
      ([size, index], pick, bitInHash, bitInNumber) => {
        const proof = inclusionProof(hasher, index, size, read);
        verifyInclusion(hasher, index, size, leaves[index]!, proof, roots[size]!);
        if (proof.length > 0) {
          const k = pick % proof.length;
          const mutated = proof.map((h, j) => (j === k ? flipBit(h, bitInHash) : h));
          assert.ok(rejects(() => verifyInclusion(hasher, index, size, leaves[index]!, mutated, roots[size]!)));
        }
        assert.ok(rejects(() => verifyInclusion(hasher, index, size, leaves[index]!, proof, flipBit(roots[size]!, bitInHash))));
        assert.ok(rejects(() => verifyInclusion(hasher, index, size, flipBit(leaves[index]!, bitInHash), proof, roots[size]!)));
        const badIndex = index ^ (1 << bitInNumber);
        assert.ok(rejects(() => verifyInclusion(hasher, badIndex, size, leaves[index]!, proof, roots[size]!)), `index ${index}->${badIndex} size ${size}`);
        const badSize = size ^ (1 << bitInNumber);
        const verdict = rejects(() => verifyInclusion(hasher, index, badSize, leaves[index]!, proof, roots[size]!));
        assert.equal(verdict, !sameWalk(index, size, index, badSize), `size ${size}->${badSize} index ${index}`);
      },
    ),
    { numRuns: 400 },
  );
});

test('consistency proofs verify and every single-bit mutation fails', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
      fc.nat(), fc.nat(255), fc.nat(20),
      ([m, n], pick, bitInHash, bitInNumber) => {
        const proof = consistencyProof(hasher, m, n, read);
        verifyConsistency(hasher, m, n, proof, roots[m]!, roots[n]!);
        if (proof.length > 0) {
          const k = pick % proof.length;
          const mutated = proof.map((h, j) => (j === k ? flipBit(h, bitInHash) : h));
          assert.ok(rejects(() => verifyConsistency(hasher, m, n, mutated, roots[m]!, roots[n]!)));
        }
        assert.ok(rejects(() => verifyConsistency(hasher, m, n, proof, flipBit(roots[m]!, bitInHash), roots[n]!)));
        assert.ok(rejects(() => verifyConsistency(hasher, m, n, proof, roots[m]!, flipBit(roots[n]!, bitInHash))));
        const m2 = m ^ (1 << bitInNumber);
        const n2 = n ^ (1 << bitInNumber);
        const v1 = rejects(() => verifyConsistency(hasher, m2, n, proof, roots[m]!, roots[n]!));
        assert.equal(v1, !sameConsistencyWalk(m, n, m2, n), `size1 ${m}->${m2} (n=${n})`);
        const v2 = rejects(() => verifyConsistency(hasher, m, n2, proof, roots[m]!, roots[n]!));
        assert.equal(v2, !sameConsistencyWalk(m, n, m, n2), `size2 ${n}->${n2} (m=${m})`);
      },
    ),
    { numRuns: 400 },
  );
});

test('subtree inclusion and consistency proofs verify for every valid subtree', () => {
  for (const size of [1, 2, 3, 7, 8, 13, 64, 100, 257]) {
    for (let width = 1; width <= size; width *= 2) {
      for (let start = 0; start < size; start += width) {
        const end = Math.min(start + width, size);
        let w = 1;
        while (w < end - start) w *= 2;
        if (start % w !== 0) continue;
        const subHash = rangeHash(hasher, start, end, read);
        verifySubtreeConsistency(hasher, start, end, size, subtreeConsistencyProof(hasher, start, end, size, read), subHash, roots[size]!);
        for (const index of [start, end - 1]) {
          verifySubtreeInclusion(hasher, index, start, end, leaves[index]!, subtreeInclusionProof(hasher, index, start, end, read), subHash);
        }
      }
    }
  }
});

test('range decomposition agrees with RFC 9162 proof ranges for every size', () => {
  for (let n = 2; n <= 70; n++) {
    for (let m = 1; m <= n; m++) {
      for (const [a, b] of consistencyRanges(m, n)) assert.ok(a < b && b <= n);
    }
    for (let i = 0; i < n; i++) assert.equal(inclusionRanges(i, n).length, inclusionProof(hasher, i, n, read).length);
  }
});

test('proofs in trees beyond 2^32 and up to 2^53-1 leaves', () => {
  // All leaves equal: a perfect node's hash depends only on its level, so a
  // tree of any size can be "stored" in 54 hashes.
  const byLevel: Uint8Array[] = [hasher.hashLeaf(new Uint8Array([7]))];
  for (let l = 1; l <= 53; l++) byLevel.push(hasher.hashChildren(byLevel[l - 1]!, byLevel[l - 1]!));
  const uniform: NodeReader = (level) => byLevel[level]!;
  fc.assert(
    fc.property(fc.integer({ min: 2 ** 32 - 5, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: 1, noNaN: true }), (size, f) => {
      const index = Math.min(size - 1, Math.floor(f * size));
      const root = rangeHash(hasher, 0, size, uniform);
      verifyInclusion(hasher, index, size, byLevel[0]!, inclusionProof(hasher, index, size, uniform), root);
      const m = Math.max(1, Math.floor(f * size));
      verifyConsistency(hasher, m, size, consistencyProof(hasher, m, size, uniform), rangeHash(hasher, 0, m, uniform), root);
    }),
    { numRuns: 200 },
  );
});

test('out-of-range and non-integer inputs are rejected before hashing', () => {
  const leaf = leaves[0]!;
  for (const [i, s] of [[-1, 4], [4, 4], [0, 0], [0.5, 4], [0, 2 ** 53], [Number.NaN, 4]] as const) {
    assert.ok(rejects(() => verifyInclusion(hasher, i, s, leaf, [], roots[1]!)), `${i}/${s}`);
  }
  assert.ok(rejects(() => verifyConsistency(hasher, 0, 4, [], roots[0]!, roots[4]!)));
  assert.ok(rejects(() => verifyConsistency(hasher, 5, 4, [], roots[5]!, roots[4]!)));
  assert.ok(rejects(() => verifyInclusion(hasher, 0, 2, leaf, [new Uint8Array(31)], roots[2]!)));
  assert.ok(rejects(() => verifyInclusion(hasher, 0, 2, leaf, new Array(70).fill(leaf), roots[2]!)));
});
