/**
 * RFC 9162 §2.1.1 Merkle Tree Hash over an append-only list, built
 * incrementally: a compact range [0, size) keeps one hash per set bit of
 * `size` (the perfect subtrees along the right border), so appending N leaves
 * costs N-1 interior hashes in total, O(N), not O(N log N).
 */
import { bitLength, popCount, shiftRight } from './bits.js';
import { fail, VerificationCode } from './errors.js';
import { checkHash, type MerkleHasher } from './hasher.js';

/** Called for every perfect subtree completed by an append: level 0 = leaves. */
export type NodeSink = (level: number, index: number, hash: Uint8Array) => void;

export class CompactTree {
  private constructor(
    private readonly hasher: MerkleHasher,
    private _size: number,
    /** Perfect subtree hashes for the set bits of size, largest (leftmost) first. */
    private readonly border: Uint8Array[],
  ) {}

  static empty(hasher: MerkleHasher): CompactTree {
    return new CompactTree(hasher, 0, []);
  }

  /**
   * Resumes a tree of `size` leaves from its border hashes (largest subtree
   * first), e.g. as read from stored tiles via `borderNodes(size)`.
   */
  static fromBorder(hasher: MerkleHasher, size: number, border: Uint8Array[]): CompactTree {
    if (!Number.isSafeInteger(size) || size < 0) fail(VerificationCode.OUT_OF_RANGE, `bad tree size ${size}`);
    if (border.length !== popCount(size)) {
      fail(VerificationCode.PROOF_LENGTH, `a tree of size ${size} has ${popCount(size)} border hashes, got ${border.length}`);
    }
    border.forEach((h, i) => checkHash(h, `border hash ${i}`));
    return new CompactTree(hasher, size, border.slice());
  }

  get size(): number {
    return this._size;
  }

  /** Appends one leaf hash (already RFC 9162 leaf-hashed). */
  append(leafHash: Uint8Array, sink?: NodeSink): void {
    let hash = leafHash;
    let index = this._size;
    sink?.(0, index, hash);
    let level = 0;
    // Merge while the appended subtree has a left sibling of the same height:
    // exactly the trailing one bits of the old size.
    while (index % 2 === 1) {
      hash = this.hasher.hashChildren(this.border.pop()!, hash);
      level++;
      index = (index - 1) / 2;
      sink?.(level, index, hash);
    }
    this.border.push(hash);
    this._size++;
  }

  /** RFC 9162 §2.1.1 MTH(D[0:size]). */
  root(): Uint8Array {
    const b = this.border;
    if (b.length === 0) return this.hasher.emptyRoot;
    let r = b[b.length - 1]!;
    for (let i = b.length - 2; i >= 0; i--) r = this.hasher.hashChildren(b[i]!, r);
    return r;
  }

  borderHashes(): Uint8Array[] {
    return this.border.slice();
  }
}

/** The perfect subtrees that make up [0, size), largest first, as (level, index). */
export function borderNodes(size: number): Array<[level: number, index: number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let level = bitLength(size) - 1; level >= 0; level--) {
    if (shiftRight(size, level) % 2 === 1) {
      out.push([level, start / 2 ** level]);
      start += 2 ** level;
    }
  }
  return out;
}

/** MTH of a list of leaf hashes (tests and small trees). */
export function rootOfLeaves(hasher: MerkleHasher, leafHashes: Uint8Array[]): Uint8Array {
  const tree = CompactTree.empty(hasher);
  for (const h of leafHashes) tree.append(h);
  return tree.root();
}
