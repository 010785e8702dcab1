import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { equal, fromBase64, utf8 } from '../ledger/bytes.js';
import type { JsonObject } from '../ledger/canonical-json.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { sealBody, signEntry, signingBytes, type LedgerEntry, type UnsignedEntry } from '../ledger/entry.js';
import { SignaturePool, signatureParts, withCheckedSignature, type CheckedSignature } from './signature-pool.js';

const seeds = { SEC: nodeCrypto.randomBytes(32), PAK: nodeCrypto.randomBytes(32) };
const keys = { SEC: nodeCrypto.ed25519PublicKey(seeds.SEC), PAK: nodeCrypto.ed25519PublicKey(seeds.PAK) };
type Org = keyof typeof seeds;

function entry(i: number, org: Org, body: JsonObject, sealed = false): { bytes: Uint8Array; entry: LedgerEntry } {
  const fields = { v: 1 as const, type: 'incident.filed', at: '2025-10-20T08:00:00.000Z', org, user: `u-${i}`, subject: `INC-2025-${String(i).padStart(4, '0')}` };
  const unsigned: UnsignedEntry = sealed ? { ...fields, sealed: sealBody(nodeCrypto, body).sealed, vis: 'parties' } : { ...fields, body };
  return signEntry(nodeCrypto, unsigned, seeds[org]);
}

/** The same entry bytes with the first character of the signature changed: still 64 bytes of strict base64, no longer valid. */
function badSignature(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('utf8');
  const at = text.lastIndexOf(',"sig":"') + ',"sig":"'.length;
  return utf8(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
}

const pool = new SignaturePool(2);
after(() => pool.close());

test('signatureParts cuts exactly the signing bytes, org and signature out of canonical entries', () => {
  const tricky = {
    // Nested "org" and "sig" members and a string holding the text ,"sig":" come before the envelope's own.
    sig: { org: 'IND', sig: 'x' }, org: 'IND', note: 'a quote ",\\"sig\\":\\"AAAA and a snowman ☃', id: 'x',
  };
  for (const { bytes, entry: e } of [entry(1, 'SEC', { id: 'a', n: 1 }), entry(2, 'PAK', { id: 'b' }, true), entry(3, 'PAK', tricky)]) {
    const p = signatureParts(bytes);
    assert.ok(p);
    assert.equal(p.org, e.org);
    assert.ok(equal(p.message, signingBytes(e)), 'the message is what the org signed');
    assert.ok(equal(p.signature, fromBase64(e.sig)));
  }
  assert.equal(signatureParts(utf8('{"at":"x","org":"SEC"}')), undefined);
  assert.equal(signatureParts(utf8('{"org":"SEC","sig":"short"}')), undefined);
});

test('the pool gives the same verdicts as nodeCrypto, per entry, in order, across both workers', async () => {
  const rows = Array.from({ length: 60 }, (_, i) => entry(i, i % 3 === 0 ? 'SEC' : 'PAK', { id: `e${i}`, n: i }, i % 2 === 1));
  const bad = new Set([3, 27, 31, 59]);
  const input = rows.map((r, i) => ({ bytes: bad.has(i) ? badSignature(r.bytes) : r.bytes, i }));
  // Entry 10's org has no key; entry 11 is checked against the other org's key.
  const keyFor = (row: { i: number }, org: string) => (row.i === 10 ? undefined : row.i === 11 ? keys.SEC : keys[org as Org]);
  const checked = await pool.check(input, keyFor);
  assert.equal(checked.length, rows.length);
  for (const [i, c] of checked.entries()) {
    if (i === 10) {
      assert.equal(c, undefined, 'no key, no verdict: the entry check verifies it itself');
      continue;
    }
    assert.ok(c, `entry ${i} was checked`);
    assert.equal(c.valid, nodeCrypto.ed25519Verify(c.publicKey, c.message, c.signature), `entry ${i}: same verdict as nodeCrypto`);
    assert.equal(c.valid, !bad.has(i) && i !== 11, `entry ${i}`);
  }
  // Garbage keys are rejected as nodeCrypto rejects them, not thrown.
  const [garbage] = await pool.check([{ bytes: rows[0]!.bytes }], () => new Uint8Array(32).fill(0xff));
  assert.equal(garbage?.valid, false);
});

test('withCheckedSignature answers only for the exact triple the pool checked', () => {
  const a = entry(1, 'SEC', { id: 'a' });
  const b = entry(2, 'SEC', { id: 'b' });
  let asked = 0;
  const counting: LedgerCrypto = { ...nodeCrypto, ed25519Verify: (k, m, s) => (asked++, nodeCrypto.ed25519Verify(k, m, s)) };
  const pa = signatureParts(a.bytes)!;
  // A verdict that contradicts the truth shows whether the memo or the real crypto answered.
  const lie: CheckedSignature = { publicKey: keys.SEC, message: pa.message, signature: pa.signature, valid: false };
  const c = withCheckedSignature(counting, lie);
  assert.equal(c.ed25519Verify(keys.SEC, signingBytes(a.entry), fromBase64(a.entry.sig)), false, 'exact triple: the memo answers');
  assert.equal(asked, 0);
  assert.equal(c.ed25519Verify(keys.SEC, signingBytes(b.entry), fromBase64(b.entry.sig)), true, 'another message: the real crypto answers');
  assert.equal(c.ed25519Verify(keys.PAK, signingBytes(a.entry), fromBase64(a.entry.sig)), false, 'another key: the real crypto answers');
  assert.equal(c.ed25519Verify(keys.SEC, signingBytes(a.entry), fromBase64(b.entry.sig)), false, 'another signature: the real crypto answers');
  assert.equal(asked, 3);
  assert.equal(withCheckedSignature(counting, undefined), counting);
});

test('a closed pool refuses work', async () => {
  const p = new SignaturePool(1);
  await p.close();
  await assert.rejects(p.check([{ bytes: entry(1, 'SEC', { id: 'a' }).bytes }], () => keys.SEC), /closed/);
});
