/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256:
 *   MTH({})       = SHA-256()
 *   leaf hash     = SHA-256(0x00 || d)
 *   interior node = SHA-256(0x01 || left || right)
 */
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode } from './errors.js';

export const HASH_SIZE = 32;

export class MerkleHasher {
  readonly emptyRoot: Uint8Array;
  private readonly nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);
  private leafScratch = new Uint8Array(1024);

  constructor(readonly crypto: LedgerCrypto) {
    this.emptyRoot = crypto.sha256(new Uint8Array(0));
    this.nodeScratch[0] = 0x01;
  }

  hashLeaf(data: Uint8Array): Uint8Array {
    // Reuse a scratch buffer: one allocation fewer per leaf on the hot path.
    if (this.leafScratch.length < data.length + 1) this.leafScratch = new Uint8Array(2 * (data.length + 1));
    const buf = this.leafScratch;
    buf[0] = 0x00;
    buf.set(data, 1);
    return this.crypto.sha256(buf.subarray(0, data.length + 1));
  }

  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
    const buf = this.nodeScratch;
    buf.set(left, 1);
    buf.set(right, 1 + HASH_SIZE);
    return this.crypto.sha256(buf);
  }
}

export function checkHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    fail(VerificationCode.HASH_LENGTH, `${what} must be ${HASH_SIZE} bytes`);
  }
}
