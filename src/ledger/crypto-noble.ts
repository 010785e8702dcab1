/** LedgerCrypto on @noble (audited pure JS), for the browser verifier. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { LedgerCrypto } from './crypto.js';

export const nobleCrypto: LedgerCrypto = {
  name: '@noble',
  sha256: (data) => sha256(data),
  ed25519PublicKey: (seed) => ed25519.getPublicKey(seed),
  ed25519Sign: (seed, message) => ed25519.sign(message, seed),
  ed25519Verify(pub, message, signature) {
    if (pub.length !== 32 || signature.length !== 64) return false;
    try {
      // zip215: false gives RFC 8032 strict verification, matching node:crypto/OpenSSL.
      return ed25519.verify(signature, message, pub, { zip215: false });
    } catch {
      return false;
    }
  },
  randomBytes(length) {
    const out = new Uint8Array(length);
    globalThis.crypto.getRandomValues(out);
    return out;
  },
};
