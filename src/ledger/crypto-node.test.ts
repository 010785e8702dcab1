import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toHex, utf8 } from './bytes.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';

test('node sha256 matches FIPS 180-2 "abc" and the empty string', () => {
  assert.equal(toHex(nodeCrypto.sha256(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(toHex(nodeCrypto.sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('node sha256 (latin1 one-shot path) equals the noble implementation on random inputs', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
      assert.equal(toHex(nodeCrypto.sha256(data)), toHex(nobleCrypto.sha256(data)));
    }),
    { numRuns: 500 },
  );
});

test('node and noble Ed25519 agree on keys and signatures', () => {
  const seed = nodeCrypto.randomBytes(32);
  const msg = utf8('annex');
  assert.equal(toHex(nodeCrypto.ed25519PublicKey(seed)), toHex(nobleCrypto.ed25519PublicKey(seed)));
  const sig = nodeCrypto.ed25519Sign(seed, msg);
  assert.ok(nobleCrypto.ed25519Verify(nodeCrypto.ed25519PublicKey(seed), msg, sig));
});
