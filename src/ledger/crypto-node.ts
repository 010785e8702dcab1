/** LedgerCrypto on node:crypto, for the server and the CLI. Not browser-safe. */
import { createHash, createPrivateKey, createPublicKey, hash, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { LedgerCrypto } from './crypto.js';

// DER prefixes that wrap a raw Ed25519 key (RFC 8410 §7 and §4).
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();
const CACHE_LIMIT = 1024;

function cached(cache: Map<string, KeyObject>, raw: Uint8Array, make: () => KeyObject): KeyObject {
  const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
  let key = cache.get(id);
  if (!key) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    key = make();
    cache.set(id, key);
  }
  return key;
}

function privateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  return cached(privateKeys, seed, () =>
    createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
  );
}

function publicKey(raw: Uint8Array): KeyObject {
  return cached(publicKeys, raw, () =>
    createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
  );
}

function toBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

// crypto.hash (Node >= 20.12) is a one-shot digest, markedly cheaper per call
// than createHash for the small inputs a Merkle tree hashes. Asking it for a
// 'binary' (latin1) string and copying the 32 code units into a heap Uint8Array is ~2.8x
// faster again than asking for a Buffer (each Buffer digest gets its own
// externally allocated ArrayBuffer); measured in bench/run.ts section 1.
function oneShotSha256(data: Uint8Array): Uint8Array {
  const s = hash('sha256', data, 'binary');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = s.charCodeAt(i);
  return out;
}

export const nodeCrypto: LedgerCrypto = {
  name: 'node:crypto',
  sha256: typeof hash === 'function' ? oneShotSha256 : (data) => toBytes(createHash('sha256').update(data).digest()),
  ed25519PublicKey(seed) {
    const der = createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' });
    return toBytes(der).slice(SPKI_PREFIX.length);
  },
  ed25519Sign(seed, message) {
    return toBytes(sign(null, message, privateKey(seed)));
  },
  ed25519Verify(pub, message, signature) {
    if (pub.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKey(pub), signature);
    } catch {
      return false;
    }
  },
  randomBytes(length) {
    return toBytes(randomBytes(length));
  },
};
