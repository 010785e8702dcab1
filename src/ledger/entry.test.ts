import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { fromUtf8, toBase64, utf8 } from './bytes.js';
import { canonicalBytes } from './canonical-json.js';
import type { LedgerCrypto } from './crypto.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';
import {
  checkDisclosure,
  entryLeafData,
  MAX_ENTRY_BYTES,
  sealBody,
  signEntry,
  signingBytes,
  verifyEntry,
  type OpenEnvelope,
  type UnsignedEntry,
} from './entry.js';
import { VerificationError } from './errors.js';

function code(c: string) {
  return (e: unknown) => e instanceof VerificationError && e.code === c;
}
const anyVerificationError = (e: unknown) => e instanceof VerificationError;

const PAK_SEED = new Uint8Array(32).fill(7);
const IND_SEED = new Uint8Array(32).fill(9);
const KEYS = new Map([
  ['PAK', nodeCrypto.ed25519PublicKey(PAK_SEED)],
  ['IND', nodeCrypto.ed25519PublicKey(IND_SEED)],
]);
const lookup = (org: string) => KEYS.get(org);
const IMPLS: LedgerCrypto[] = [nodeCrypto, nobleCrypto];

function sample(): OpenEnvelope {
  return {
    v: 1,
    type: 'incident.filed',
    at: '2025-10-30T12:00:00.000Z',
    org: 'PAK',
    user: 'u-123',
    subject: 'INC-2025-0042',
    body: { location: { lat: 34.1, lon: 74.2 }, summary: 'Shelling reported near “Post 7” 😀', casualties: 0 },
  };
}

test('the envelope bytes are pinned (public contract, RFC 8785 + RFC 8032)', () => {
  const { entry, bytes } = signEntry(nodeCrypto, sample(), PAK_SEED);
  // Signed message: JCS of the envelope without "sig" (keys in code-unit order).
  assert.equal(
    fromUtf8(signingBytes(entry)),
    '{"at":"2025-10-30T12:00:00.000Z","body":{"casualties":0,"location":{"lat":34.1,"lon":74.2},' +
      '"summary":"Shelling reported near “Post 7” 😀"},"org":"PAK","subject":"INC-2025-0042",' +
      '"type":"incident.filed","user":"u-123","v":1}',
  );
  // Ed25519 is deterministic, so the whole entry is too; "sig" sorts between "org" and "subject".
  assert.equal(
    fromUtf8(bytes),
    '{"at":"2025-10-30T12:00:00.000Z","body":{"casualties":0,"location":{"lat":34.1,"lon":74.2},' +
      '"summary":"Shelling reported near “Post 7” 😀"},"org":"PAK",' +
      `"sig":"${entry.sig}",` +
      '"subject":"INC-2025-0042","type":"incident.filed","user":"u-123","v":1}',
  );
  assert.equal(entry.sig, PINNED_SIG);
  assert.deepEqual(entryLeafData(entry), bytes);
});
// Computed once with node:crypto; @noble produces the same (see the round-trip test).
const PINNED_SIG = 'L2g9AZg5NgjEQQoz91ThBv6m6Mm8j0c4F0+lnx9Vl+LIC8YidIzPjfnceo58B+BLBhxalRhj3qD5WIkfiBk6CQ==';

test('sign/verify round trip: node:crypto and @noble verify each other', () => {
  for (const signer of IMPLS) {
    const { entry, bytes } = signEntry(signer, sample(), PAK_SEED);
    for (const verifier of IMPLS) {
      assert.deepEqual(verifyEntry(verifier, bytes, lookup), entry, `${signer.name} -> ${verifier.name}`);
    }
  }
  // Deterministic signatures: both implementations produce identical bytes.
  assert.deepEqual(signEntry(nodeCrypto, sample(), PAK_SEED).bytes, signEntry(nobleCrypto, sample(), PAK_SEED).bytes);
});

test('signEntry neither mutates nor aliases its input', () => {
  const unsigned = sample();
  const before = JSON.stringify(unsigned);
  const { entry, bytes } = signEntry(nodeCrypto, unsigned, PAK_SEED);
  assert.equal(JSON.stringify(unsigned), before);
  (unsigned.body as Record<string, unknown>).casualties = 99;
  assert.equal((entry.body as Record<string, unknown>).casualties, 0);
  assert.deepEqual(verifyEntry(nodeCrypto, bytes, lookup), entry);
});

test('every single-byte change of the entry bytes fails verification', () => {
  const { bytes } = signEntry(nodeCrypto, sample(), PAK_SEED);
  for (let i = 0; i < bytes.length; i++) {
    for (const flip of [0x01, 0x20, 0x80]) {
      const tampered = bytes.slice();
      tampered[i]! ^= flip;
      for (const c of IMPLS) {
        assert.throws(() => verifyEntry(c, tampered, lookup), anyVerificationError, `byte ${i} ^ ${flip} (${c.name})`);
      }
    }
  }
  // Truncation and appending, too.
  assert.throws(() => verifyEntry(nodeCrypto, bytes.subarray(0, bytes.length - 1), lookup), code('BAD_ENTRY'));
  assert.throws(() => verifyEntry(nodeCrypto, Uint8Array.of(...bytes, 0x20), lookup), code('BAD_ENTRY'));
});

test('non-canonical encodings of a validly signed entry are rejected', () => {
  const { entry, bytes } = signEntry(nodeCrypto, sample(), PAK_SEED);
  const text = fromUtf8(bytes);
  const variants = [
    JSON.stringify(entry, null, 2), // whitespace
    text.replace('"org":"PAK",', '"org": "PAK",'),
    text + '\n',
    JSON.stringify(Object.fromEntries(Object.entries(entry).reverse())), // same members, reverse order
    text.replace('"v":1', '"v":1.0'),
    text.replace('"casualties":0', '"casualties":0e0'),
    text.replace('"user":"u-123"', '"user":"u\\u002d123"'),
    '\ufeff' + text, // byte order mark
  ];
  for (const variant of variants) {
    assert.notEqual(variant, text);
    assert.throws(() => verifyEntry(nodeCrypto, utf8(variant), lookup), code('BAD_ENTRY'), variant.slice(0, 60));
  }
});

test('unknown org and wrong key are rejected with BAD_SIGNATURE', () => {
  const { bytes } = signEntry(nodeCrypto, { ...sample(), org: 'XYZ' }, PAK_SEED);
  assert.throws(() => verifyEntry(nodeCrypto, bytes, lookup), (e: unknown) => code('BAD_SIGNATURE')(e) && /unknown org "XYZ"/.test((e as Error).message));
  // Claiming to be IND while signing with PAK's key.
  const forged = signEntry(nodeCrypto, { ...sample(), org: 'IND' }, PAK_SEED).bytes;
  for (const c of IMPLS) assert.throws(() => verifyEntry(c, forged, lookup), code('BAD_SIGNATURE'));
  // A lookup returning a malformed key is a configuration error.
  const good = signEntry(nodeCrypto, sample(), PAK_SEED).bytes;
  assert.throws(() => verifyEntry(nodeCrypto, good, () => new Uint8Array(31)), code('BAD_KEY'));
});

test('malformed envelopes are refused by signEntry with BAD_ENTRY', () => {
  const base = sample() as unknown as Record<string, unknown>;
  const { body: _body, ...noBody } = base;
  const cases: [string, Record<string, unknown>][] = [
    ['v 2', { ...base, v: 2 }],
    ['v string', { ...base, v: '1' }],
    ['type uppercase', { ...base, type: 'Incident.filed' }],
    ['type without dot', { ...base, type: 'incident' }],
    ['type trailing dot', { ...base, type: 'incident.' }],
    ['at without ms', { ...base, at: '2025-10-30T12:00:00Z' }],
    ['at with offset', { ...base, at: '2025-10-30T12:00:00.000+00:00' }],
    ['at lowercase', { ...base, at: '2025-10-30t12:00:00.000z' }],
    ['at impossible date', { ...base, at: '2025-02-30T12:00:00.000Z' }],
    ['at hour 24', { ...base, at: '2025-10-30T24:00:00.000Z' }],
    ['at leap second', { ...base, at: '2016-12-31T23:59:60.000Z' }],
    ['org lowercase', { ...base, org: 'pak' }],
    ['org too short', { ...base, org: 'P' }],
    ['org too long', { ...base, org: 'P'.repeat(33) }],
    ['user empty', { ...base, user: '' }],
    ['user number', { ...base, user: 123 }],
    ['subject control char', { ...base, subject: 'INC\n42' }],
    ['subject too long', { ...base, subject: 'x'.repeat(257) }],
    ['both body and sealed', { ...base, sealed: 'a'.repeat(64) }],
    ['neither body nor sealed', noBody],
    ['body array', { ...base, body: [1] }],
    ['body null', { ...base, body: null }],
    ['sealed uppercase', { ...noBody, sealed: 'A'.repeat(64) }],
    ['sealed short', { ...noBody, sealed: 'a'.repeat(63) }],
    ['unknown member', { ...base, extra: 1 }],
    ['sig already present', { ...base, sig: 'x' }],
  ];
  for (const [name, value] of cases) {
    assert.throws(() => signEntry(nodeCrypto, value as unknown as UnsignedEntry, PAK_SEED), code('BAD_ENTRY'), name);
  }
  assert.throws(() => signEntry(nodeCrypto, { ...sample(), body: { n: NaN } }, PAK_SEED), code('BAD_JSON'));
  assert.throws(() => signEntry(nodeCrypto, sample(), new Uint8Array(31)), code('BAD_KEY'));
  const huge = { ...sample(), body: { text: 'x'.repeat(MAX_ENTRY_BYTES) } };
  assert.throws(() => signEntry(nodeCrypto, huge, PAK_SEED), code('BAD_ENTRY'));
});

test('verifyEntry checks shape even when the signature is valid', () => {
  // Sign arbitrary envelopes directly, bypassing signEntry's own checks.
  const rawSign = (envelope: Record<string, unknown>, sig?: string) => {
    const s = sig ?? toBase64(nodeCrypto.ed25519Sign(PAK_SEED, canonicalBytes(envelope)));
    return canonicalBytes({ ...envelope, sig: s });
  };
  const base = sample() as unknown as Record<string, unknown>;
  assert.ok(verifyEntry(nodeCrypto, rawSign(base), lookup));
  assert.throws(() => verifyEntry(nodeCrypto, rawSign({ ...base, extra: true }), lookup), code('BAD_ENTRY'));
  assert.throws(() => verifyEntry(nodeCrypto, rawSign({ ...base, org: 'pak' }), lookup), code('BAD_ENTRY'));
  assert.throws(() => verifyEntry(nodeCrypto, canonicalBytes([base]), lookup), code('BAD_ENTRY'));
  // sig: wrong length, not base64, non-canonical padding bits.
  assert.throws(() => verifyEntry(nodeCrypto, rawSign(base, toBase64(new Uint8Array(63))), lookup), code('BAD_ENTRY'));
  assert.throws(() => verifyEntry(nodeCrypto, rawSign(base, '!'.repeat(88)), lookup), code('BAD_ENTRY'));
  const goodSig = toBase64(nodeCrypto.ed25519Sign(PAK_SEED, canonicalBytes(base)));
  // 64 bytes leave 4 unused bits in the last base64 digit; setting one gives
  // another spelling that lax decoders map to the same signature.
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const sloppy = goodSig.slice(0, 85) + B64[B64.indexOf(goodSig[85]!) ^ 1] + '==';
  assert.notEqual(sloppy, goodSig);
  assert.throws(() => verifyEntry(nodeCrypto, rawSign(base, sloppy), lookup), code('BAD_ENTRY'));
  // Oversized input is refused before parsing.
  assert.throws(() => verifyEntry(nodeCrypto, new Uint8Array(MAX_ENTRY_BYTES + 1), lookup), code('BAD_ENTRY'));
});

test('sealed entries: commit now, disclose later', () => {
  const body = { finding: 'crater consistent with 155mm', witnesses: ['w-1', 'w-2'] };
  for (const c of IMPLS) {
    const { sealed, salt } = sealBody(c, body);
    assert.match(sealed, /^[0-9a-f]{64}$/);
    assert.equal(salt.length, 32);
    const { body: _b, ...envelope } = sample();
    const { entry, bytes } = signEntry(c, { ...envelope, sealed }, PAK_SEED);
    assert.equal(entry.body, undefined);
    const verified = verifyEntry(c, bytes, lookup);
    assert.equal(verified.sealed, sealed);
    for (const other of IMPLS) {
      assert.equal(checkDisclosure(other, sealed, salt, body), true);
      // Key order of the disclosed body does not matter: it is canonicalised.
      assert.equal(checkDisclosure(other, sealed, salt, { witnesses: ['w-1', 'w-2'], finding: body.finding }), true);
      const salt2 = salt.slice();
      salt2[31]! ^= 1;
      assert.equal(checkDisclosure(other, sealed, salt2, body), false);
      assert.equal(checkDisclosure(other, sealed, salt, { ...body, finding: 'crater consistent with 152mm' }), false);
      assert.equal(checkDisclosure(other, sealed, salt, { ...body, witnesses: ['w-2', 'w-1'] }), false);
      // Malformed disclosures give false, never throw.
      assert.equal(checkDisclosure(other, sealed, salt.subarray(0, 31), body), false);
      assert.equal(checkDisclosure(other, sealed.toUpperCase(), salt, body), false);
      assert.equal(checkDisclosure(other, sealed, salt, [body]), false);
      assert.equal(checkDisclosure(other, sealed, salt, { x: NaN }), false);
    }
  }
  // Known answer, computed independently: SHA-256(salt || JCS(body)).
  const salt = new Uint8Array(32).fill(0xab);
  const expected = createHash('sha256').update(salt).update('{"a":[1,"é"],"b":null}').digest('hex');
  assert.equal(checkDisclosure(nobleCrypto, expected, salt, { b: null, a: [1, 'é'] }), true);
  // Fresh salt each time: sealing the same body twice gives different commitments.
  assert.notEqual(sealBody(nodeCrypto, body).sealed, sealBody(nodeCrypto, body).sealed);
  assert.throws(() => sealBody(nodeCrypto, [1] as unknown as Record<string, never>), code('BAD_ENTRY'));
});

test('"vis" names the audience of a sealed entry only, and is signed with it', () => {
  const seed = nodeCrypto.randomBytes(32);
  const pub = nodeCrypto.ed25519PublicKey(seed);
  const base = { v: 1 as const, type: 'incident.filed', at: '2025-10-30T12:00:00.000Z', org: 'PAK', user: 'u-1', subject: 'INC-2025-0001' };
  const { sealed } = sealBody(nodeCrypto, { x: 1 });
  const { bytes } = signEntry(nodeCrypto, { ...base, sealed, vis: 'mediators' }, seed);
  assert.equal(verifyEntry(nodeCrypto, bytes, () => pub).vis, 'mediators');
  const widened = new TextEncoder().encode(new TextDecoder().decode(bytes).replace('"vis":"mediators"', '"vis":"parties"'));
  assert.throws(() => verifyEntry(nodeCrypto, widened, () => pub), /does not verify/);
  assert.throws(() => signEntry(nodeCrypto, { ...base, body: { x: 1 }, vis: 'parties' } as never, seed), /open entry has none/);
  assert.throws(() => signEntry(nodeCrypto, { ...base, sealed, vis: 'Parties!' }, seed), /"vis" must match/);
});
