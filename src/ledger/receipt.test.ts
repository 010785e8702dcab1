import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64, utf8 } from './bytes.js';
import { signCheckpoint } from './checkpoint.js';
import { cosign, generateCosignerKey, parseCosignerSignerKey } from './cosignature.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';
import { sealBody, signEntry, type UnsignedEntry } from './entry.js';
import { VerificationCode, VerificationError } from './errors.js';
import { MerkleHasher } from './hasher.js';
import { rootOfLeaves } from './merkle.js';
import { appendSignatureLines, decodeSignerKeyString, generateSignerKey } from './note.js';
import { inclusionProof } from './proof-build.js';
import { formatReceipt, parseReceipt, RECEIPT_HEADER, verifyReceipt, type ReceiptKeys } from './receipt.js';

const crypto = nodeCrypto;
const lossy = new TextDecoder();
const hasher = new MerkleHasher(crypto);
const ORIGIN = 'test.annex.example/log';
const T = 1_760_947_200;

const logKey = generateSignerKey(crypto, ORIGIN);
const pak = generateSignerKey(crypto, 'PAK');
const afg = generateSignerKey(crypto, 'AFG');
const witnesses = ['PAK', 'AFG', 'TUR'].map((n) => generateCosignerKey(crypto, `witness.${n.toLowerCase()}.example`));
const seed = (skey: string) => decodeSignerKeyString(skey).key;

function entry(i: number, org = 'PAK', sealed = false): Uint8Array {
  const base = { v: 1 as const, type: 'incident.filed', at: `2025-10-20T08:00:0${i % 10}.000Z`, org, user: `u-${i}`, subject: `INC-2025-${String(i).padStart(4, '0')}` };
  const unsigned: UnsignedEntry = sealed
    ? { ...base, sealed: sealBody(crypto, { secret: i }).sealed, vis: 'mediators' }
    : { ...base, body: { n: i, note: 'Shells landed near the crossing.' } };
  return signEntry(crypto, unsigned, seed(org === 'PAK' ? pak.skey : afg.skey)).bytes;
}

/** A log of the given leaf data, its checkpoint cosigned by `cosigners` of the witnesses. */
function makeLog(leaves: Uint8Array[], cosigners = [0, 1, 2]) {
  const hashes = leaves.map((l) => hasher.hashLeaf(l));
  const read = (level: number, index: number) => rootOfLeaves(hasher, hashes.slice(index * 2 ** level, (index + 1) * 2 ** level));
  let note = signCheckpoint(crypto, { origin: ORIGIN, size: leaves.length, root: rootOfLeaves(hasher, hashes) }, logKey.skey);
  const body = note.slice(0, note.indexOf('\n\n') + 1);
  note = appendSignatureLines(note, cosigners.map((w) => cosign(body, parseCosignerSignerKey(crypto, witnesses[w]!.skey), T + w)));
  const receipt = (index: number) => formatReceipt({ entry: leaves[index]!, index, proof: inclusionProof(hasher, index, leaves.length, read), note });
  return { note, receipt };
}

const leaves = [0, 1, 2, 3, 4, 5, 6].map((i) => entry(i, i % 2 ? 'AFG' : 'PAK', i === 5));
const log = makeLog(leaves);
const keys: ReceiptKeys = { logVkey: logKey.vkey, witnessVkeys: witnesses.map((w) => w.vkey), quorum: 2, orgKeys: [pak.vkey, afg.vkey] };

function throwsCode(fn: () => unknown, code: VerificationCode, label = ''): VerificationError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof VerificationError, `${label}: expected a VerificationError, got ${String(caught)}`);
  assert.equal(caught.code, code, `${label}: ${caught.message}`);
  return caught;
}

test('a receipt is a C2SP tlog-proof: header, extra = the entry, index, proof, empty line, checkpoint verbatim', () => {
  const text = log.receipt(3);
  const lines = text.split('\n');
  assert.equal(lines[0], RECEIPT_HEADER);
  assert.equal(lines[1], `extra ${toBase64(leaves[3]!)}`);
  assert.equal(lines[2], 'index 3');
  assert.equal(lines.slice(3, 6).every((l) => /^[A-Za-z0-9+/]{43}=$/.test(l)), true, 'three proof hashes for index 3 of 7');
  assert.equal(lines[6], '');
  assert.equal(text.slice(text.indexOf('\n\n') + 2), log.note);
  assert.deepEqual(parseReceipt(text), { entry: leaves[3], index: 3, proof: parseReceipt(utf8(text)).proof, note: log.note });
});

test('every receipt of the log verifies, with its entry, checkpoint and cosigners', () => {
  for (let i = 0; i < leaves.length; i++) {
    const r = verifyReceipt(crypto, log.receipt(i), keys);
    assert.equal(r.index, i);
    assert.deepEqual(r.entryBytes, leaves[i]);
    assert.equal(r.entry.subject, `INC-2025-000${i}`);
    assert.equal(r.entry.org, i % 2 ? 'AFG' : 'PAK');
    assert.equal(r.checkpoint.size, 7);
    assert.equal(r.checkpoint.origin, ORIGIN);
    assert.deepEqual(r.cosigners.map((c) => c.time), [T, T + 1, T + 2]);
    assert.equal(r.entrySignatureChecked, true);
  }
  assert.equal(verifyReceipt(crypto, log.receipt(5), keys).entry.sealed?.length, 64, 'a sealed entry: its commitment only');
  const noOrg = verifyReceipt(crypto, log.receipt(0), { ...keys, orgKeys: undefined });
  assert.equal(noOrg.entrySignatureChecked, false);
  // The browser's crypto gives the same answer.
  assert.equal(verifyReceipt(nobleCrypto, log.receipt(6), keys).entry.type, 'incident.filed');
});

test('a one-entry log has an empty proof', () => {
  const one = makeLog([leaves[0]!]);
  const text = one.receipt(0);
  assert.match(text, /^c2sp\.org\/tlog-proof@v1\nextra [^\n]+\nindex 0\n\n/);
  assert.equal(verifyReceipt(crypto, text, { ...keys, quorum: 3 }).checkpoint.size, 1);
});

test('any changed bit of a receipt makes it fail', () => {
  const bytes = utf8(log.receipt(4));
  let failures = 0;
  for (let i = 0; i < bytes.length; i++) {
    for (let b = 0; b < 8; b++) {
      const copy = bytes.slice();
      copy[i]! ^= 1 << b;
      assert.throws(() => verifyReceipt(crypto, copy, keys), VerificationError, `byte ${i} bit ${b} (${JSON.stringify(lossy.decode(bytes.subarray(Math.max(0, i - 10), i + 10)))})`);
      failures++;
    }
  }
  assert.equal(failures, bytes.length * 8);
  // Without org keys the entry is still covered by the inclusion proof.
  const noOrg = { ...keys, orgKeys: undefined };
  for (let i = 0; i < bytes.length; i++) {
    const copy = bytes.slice();
    copy[i]! ^= 0x5a;
    assert.throws(() => verifyReceipt(crypto, copy, noOrg), VerificationError, `byte ${i}`);
  }
});

test('added or removed bytes, lines and line endings fail', () => {
  const text = log.receipt(2);
  for (const [label, bad] of [
    ['trailing newline', `${text}\n`],
    ['trailing byte', `${text}x`],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['no extra line', text.replace(/^extra [^\n]*\n/m, '')],
    ['leading zero index', text.replace('index 2\n', 'index 02\n')],
    ['proof line dropped', text.replace(/\nindex 2\n[^\n]+\n/, '\nindex 2\n')],
    ['proof line repeated', text.replace(/(\nindex 2\n)([^\n]+\n)/, '$1$2$2')],
    ['truncated', text.slice(0, -1)],
    ['header version', text.replace('@v1', '@v2')],
  ] as const) {
    assert.throws(() => verifyReceipt(crypto, bad, keys), VerificationError, label);
  }
});

test('keys, quorum and origin decide: wrong log key, too few cosignatures, unknown signers', () => {
  const text = log.receipt(1);
  throwsCode(() => verifyReceipt(crypto, text, { ...keys, logVkey: generateSignerKey(crypto, ORIGIN).vkey }), VerificationCode.UNVERIFIED_NOTE, 'other log key');
  throwsCode(() => verifyReceipt(crypto, makeLog(leaves, [0]).receipt(1), keys), VerificationCode.QUORUM_NOT_MET, 'one cosignature of two');
  throwsCode(() => verifyReceipt(crypto, text, { ...keys, quorum: 4 }), VerificationCode.OUT_OF_RANGE, 'quorum above the witnesses');
  throwsCode(() => verifyReceipt(crypto, text, { ...keys, origin: 'other.example/log' }), VerificationCode.MALFORMED_CHECKPOINT, 'origin');
  // A cosignature from a witness the verifier was not given would go unchecked: refused unless allowed.
  const two = { ...keys, witnessVkeys: keys.witnessVkeys.slice(0, 2) };
  const e = throwsCode(() => verifyReceipt(crypto, text, two), VerificationCode.UNVERIFIED_NOTE, 'unknown cosigner');
  assert.match(e.message, /unknown key witness\.tur\.example/);
  assert.deepEqual(verifyReceipt(crypto, text, { ...two, allowUnknownSigners: true }).unknownSigners, ['witness.tur.example']);
});

test("the entry's own signature is checked against the org keys given", () => {
  throwsCode(() => verifyReceipt(crypto, log.receipt(1), { ...keys, orgKeys: [pak.vkey] }), VerificationCode.BAD_SIGNATURE, 'AFG key missing');
  const impostor = generateSignerKey(crypto, 'AFG');
  throwsCode(() => verifyReceipt(crypto, log.receipt(1), { ...keys, orgKeys: [pak.vkey, impostor.vkey] }), VerificationCode.BAD_SIGNATURE, 'other AFG key');
  throwsCode(() => verifyReceipt(crypto, log.receipt(1), { ...keys, orgKeys: [afg.vkey, impostor.vkey] }), VerificationCode.BAD_KEY, 'two AFG keys');
});

test('untrusted numbers are range-checked before any hashing', () => {
  const text = log.receipt(6);
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index 7\n'), keys), VerificationCode.OUT_OF_RANGE, 'index = size');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index 9007199254740993\n'), keys), VerificationCode.OUT_OF_RANGE, 'index beyond 2^53');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index 99999999999999999999999\n'), keys), VerificationCode.OUT_OF_RANGE, 'huge index');
  throwsCode(() => verifyReceipt(crypto, log.receipt(4).replace('index 4\n', 'index 5\n'), keys), VerificationCode.ROOT_MISMATCH, 'another index, same proof length');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index 4\n'), keys), VerificationCode.PROOF_LENGTH, 'another index, other proof length');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index -1\n'), keys), VerificationCode.MALFORMED_NOTE, 'negative');
  const hash = `${toBase64(new Uint8Array(32))}\n`;
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', `index 6\n${hash.repeat(65)}`), keys), VerificationCode.PROOF_LENGTH, '65 proof lines');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', `index 6\n${hash}`), keys), VerificationCode.PROOF_LENGTH, 'one hash too many');
  throwsCode(() => verifyReceipt(crypto, text.replace('index 6\n', 'index 6\nAAAA\n'), keys), VerificationCode.HASH_LENGTH, 'short hash');
  throwsCode(() => verifyReceipt(crypto, 'x'.repeat(2 << 20), keys), VerificationCode.MALFORMED_NOTE, 'oversized');
  throwsCode(() => verifyReceipt(crypto, new Uint8Array([0xff, 0xfe]), keys), VerificationCode.MALFORMED_NOTE, 'not UTF-8');
});

test('the entry must be a canonical, well-formed envelope even when the log includes it', () => {
  const junk = [utf8('{"b":1,"a":2}'), utf8('{"v":2}'), leaves[0]!];
  const bad = makeLog(junk);
  throwsCode(() => verifyReceipt(crypto, bad.receipt(0), { ...keys, orgKeys: undefined }), VerificationCode.BAD_ENTRY, 'not canonical');
  throwsCode(() => verifyReceipt(crypto, bad.receipt(1), { ...keys, orgKeys: undefined }), VerificationCode.BAD_ENTRY, 'not an envelope');
  assert.equal(verifyReceipt(crypto, bad.receipt(2), keys).entry.org, 'PAK');
});

test('a receipt cannot be formatted from out-of-range parts', () => {
  const note = log.note;
  throwsCode(() => formatReceipt({ entry: new Uint8Array(0), index: 0, proof: [], note }), VerificationCode.OUT_OF_RANGE);
  throwsCode(() => formatReceipt({ entry: leaves[0]!, index: -1, proof: [], note }), VerificationCode.OUT_OF_RANGE);
  throwsCode(() => formatReceipt({ entry: leaves[0]!, index: 0, proof: [new Uint8Array(31)], note }), VerificationCode.HASH_LENGTH);
  throwsCode(() => formatReceipt({ entry: leaves[0]!, index: 0, proof: [], note: 'not a note' }), VerificationCode.MALFORMED_NOTE);
});
