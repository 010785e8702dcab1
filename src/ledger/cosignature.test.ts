import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { concat, fromBase64, toBase64, uint64be } from './bytes.js';
import { parseCheckpoint, signCheckpoint } from './checkpoint.js';
import {
  cosign,
  cosignatureMessage,
  cosignatureTime,
  cosignerVerifierKeyFromSigner,
  generateCosignerKey,
  parseCosignerSignerKey,
  parseCosignerVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  verifyQuorum,
  type CosignatureVerifier,
} from './cosignature.js';
import type { LedgerCrypto } from './crypto.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';
import { VerificationCode, VerificationError } from './errors.js';
import { appendSignatureLines, computeKeyId, formatSignatureLine, openNote, parseNote, parseVerifierKey, signNote } from './note.js';

const VECTORS = new URL('../../../shared/vectors/', import.meta.url);
const readText = (p: string): string => readFileSync(new URL(p, VECTORS), 'utf8');
const readBytes = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(p, VECTORS)));
const testKeys = JSON.parse(readText('transparency-dev-formats/test-keys.json')).keys as Record<string, { vkey: string; skey: string }>;
const CRYPTOS: LedgerCrypto[] = [nodeCrypto, nobleCrypto];
const ROOT = new Uint8Array(32).fill(0xab);
const T = 1_700_000_000;

function throwsCode(fn: () => unknown, code: VerificationCode, label = ''): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VerificationError, `${label}: expected VerificationError, got ${String(e)}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  });
}

const keyMaterial = (k: string) => fromBase64(k.slice(k.indexOf('+', k.indexOf('+') + 1) + 1));

test('C2SP cosignature example: timestamp and the exact signed message', () => {
  const note = parseNote(readText('c2sp/tlog-cosignature-example-nokey.note'));
  const witness = note.signatures.find((s) => s.name === 'witness.example.com/w1')!;
  assert.equal(fromBase64(witness.base64).length, 4 + 8 + 64);
  const time = cosignatureTime(witness);
  assert.equal(time, 1679315147);
  const expected = readBytes('c2sp/tlog-cosignature-signed-message-example.txt');
  assert.deepEqual(cosignatureMessage(note.text, time), expected);
  assert.equal(parseCheckpoint(note.text).size, 20852163);
});

for (const crypto of CRYPTOS) {
  const c = crypto.name;
  const logSigner = testKeys.log!.skey;
  const logV = parseVerifierKey(crypto, testKeys.log!.vkey);
  const body = `Log\n1234\n${toBase64(ROOT)}\n`;
  const logNote = signCheckpoint(crypto, parseCheckpoint(body), logSigner);
  const witnesses = [0, 1, 2].map((i) => generateCosignerKey(crypto, `witness.example/w${i}`));
  const wSigners = witnesses.map((w) => parseCosignerSignerKey(crypto, w.skey));
  const wVerifiers = witnesses.map((w) => parseCosignerVerifierKey(crypto, w.vkey));

  test(`[${c}] cosigner keys use signature type 0x04`, () => {
    const { skey, vkey } = witnesses[0]!;
    assert.equal(keyMaterial(vkey)[0], SIG_TYPE_COSIGNATURE_V1);
    assert.equal(keyMaterial(skey.slice('PRIVATE+KEY+'.length))[0], SIG_TYPE_COSIGNATURE_V1);
    assert.equal(cosignerVerifierKeyFromSigner(crypto, skey), vkey);
    const v = wVerifiers[0]!;
    assert.equal(v.keyId, computeKeyId(crypto, v.name, 0x04, v.publicKey));
    assert.notEqual(v.keyId, computeKeyId(crypto, v.name, 0x01, v.publicKey));
    throwsCode(() => parseVerifierKey(crypto, vkey), VerificationCode.BAD_KEY);
    throwsCode(() => parseCosignerVerifierKey(crypto, testKeys.log!.vkey), VerificationCode.BAD_KEY);
    throwsCode(() => parseCosignerSignerKey(crypto, testKeys.log!.skey), VerificationCode.BAD_KEY);
    throwsCode(() => generateCosignerKey(crypto, 'a+b'), VerificationCode.BAD_KEY);
  });

  test(`[${c}] cosign produces keyid || u64 time || Ed25519 signature over the cosigned message`, () => {
    const line = cosign(body, wSigners[0]!, T);
    const sig = parseNote(`${body}\n${line}`).signatures[0]!;
    const blob = fromBase64(sig.base64);
    assert.equal(blob.length, 76);
    assert.deepEqual(blob.subarray(4, 12), uint64be(T));
    assert.equal(cosignatureTime(sig), T);
    const msg = cosignatureMessage(body, T);
    assert.equal(new TextDecoder().decode(msg), `cosignature/v1\ntime ${T}\n${body}`);
    assert.ok(crypto.ed25519Verify(wVerifiers[0]!.publicKey, msg, blob.subarray(12)));
    // Plugs into openNote directly, also through the NoteSigner interface with a clock.
    const opened = openNote(appendSignatureLines(logNote, [line]), [wVerifiers[0]!]);
    assert.equal(opened.sigs[0]!.name, 'witness.example/w0');
    const clocked = parseCosignerSignerKey(crypto, witnesses[1]!.skey, () => 42);
    const viaSignNote = openNote(signNote(body, [clocked]), [wVerifiers[1]!]);
    assert.equal(cosignatureTime(viaSignNote.sigs[0]!), 42);
    assert.equal(wVerifiers[1]!.verifyTimestamped(new TextEncoder().encode(body), viaSignNote.sigs[0]!.signature), 42);
  });

  test(`[${c}] quorum met and not met`, () => {
    const lines = [cosign(body, wSigners[0]!, T), cosign(body, wSigners[1]!, T + 1)];
    const note = appendSignatureLines(logNote, lines);
    const r = verifyQuorum(crypto, note, logV, wVerifiers, 2);
    assert.equal(r.checkpoint.size, 1234);
    assert.deepEqual(r.cosigners.map((x) => [x.name, x.time]), [['witness.example/w0', T], ['witness.example/w1', T + 1]]);
    assert.equal(verifyQuorum(crypto, note, testKeys.log!.vkey, wVerifiers, 0).cosigners.length, 2);
    assert.throws(() => verifyQuorum(crypto, note, logV, wVerifiers, 3), (e: unknown) => {
      assert.ok(e instanceof VerificationError);
      assert.equal(e.code, VerificationCode.QUORUM_NOT_MET);
      assert.match(e.message, /2 valid cosignatures of 3 needed/);
      return true;
    });
    throwsCode(() => verifyQuorum(crypto, logNote, logV, wVerifiers, 1), VerificationCode.QUORUM_NOT_MET);
    for (const q of [-1, 1.5, 4, NaN]) throwsCode(() => verifyQuorum(crypto, note, logV, wVerifiers, q), VerificationCode.OUT_OF_RANGE, String(q));
  });

  test(`[${c}] duplicate cosignatures from one witness count once`, () => {
    const note = appendSignatureLines(logNote, [cosign(body, wSigners[0]!, T), cosign(body, wSigners[0]!, T + 5), cosign(body, wSigners[0]!, T)]);
    assert.equal(parseNote(note).signatures.length, 3);
    const r = verifyQuorum(crypto, note, logV, wVerifiers, 1);
    assert.deepEqual(r.cosigners.map((x) => x.time), [T]);
    throwsCode(() => verifyQuorum(crypto, note, logV, wVerifiers, 2), VerificationCode.QUORUM_NOT_MET);
    // The same public key under two names is one witness.
    const seed = parseCosignerSignerKey(crypto, witnesses[0]!.skey);
    const alias = `witness.example/alias+${computeKeyId(crypto, 'witness.example/alias', 4, seed.publicKey).toString(16).padStart(8, '0')}+${toBase64(concat(Uint8Array.of(4), seed.publicKey))}`;
    const aliasV = parseCosignerVerifierKey(crypto, alias);
    const aliasSigner = { ...seed, name: aliasV.name, keyId: aliasV.keyId };
    const both = appendSignatureLines(logNote, [cosign(body, wSigners[0]!, T), cosign(body, aliasSigner, T)]);
    assert.equal(verifyQuorum(crypto, both, logV, [wVerifiers[0]!, aliasV], 1).cosigners.length, 1);
    throwsCode(() => verifyQuorum(crypto, both, logV, [wVerifiers[0]!, aliasV], 2), VerificationCode.QUORUM_NOT_MET);
  });

  test(`[${c}] bad cosignatures are rejected`, () => {
    const good = cosign(body, wSigners[0]!, T);
    const blob = fromBase64(parseNote(`${body}\n${good}`).signatures[0]!.base64);
    const withBlob = (b: Uint8Array) => appendSignatureLines(logNote, [formatSignatureLine('witness.example/w0', wVerifiers[0]!.keyId, b.subarray(4))]);
    const flipped = blob.slice();
    flipped[40]! ^= 1;
    const timeShift = blob.slice();
    timeShift[11]! ^= 1;
    const huge = concat(blob.subarray(0, 4), Uint8Array.of(0, 0x20, 0, 0, 0, 0, 0, 0), blob.subarray(12));
    for (const [label, b] of [['flipped signature', flipped], ['changed time', timeShift], ['time > MAX_SAFE_INTEGER', huge], ['short', blob.subarray(0, 70)], ['long', concat(blob, Uint8Array.of(0))]] as const) {
      throwsCode(() => verifyQuorum(crypto, withBlob(b), logV, wVerifiers, 1), VerificationCode.BAD_COSIGNATURE, label);
    }
    // A cosignature of another checkpoint.
    const otherBody = `Log\n1235\n${toBase64(ROOT)}\n`;
    throwsCode(() => verifyQuorum(crypto, appendSignatureLines(logNote, [cosign(otherBody, wSigners[0]!, T)]), logV, wVerifiers, 1), VerificationCode.BAD_COSIGNATURE);
    // Cosignatures alone, without the log's signature.
    const noLog = `${body}\n${good}`;
    throwsCode(() => verifyQuorum(crypto, noLog, logV, wVerifiers, 1), VerificationCode.UNVERIFIED_NOTE);
    // Unknown witnesses are ignored.
    const stranger = parseCosignerSignerKey(crypto, generateCosignerKey(crypto, 'stranger.example').skey);
    throwsCode(() => verifyQuorum(crypto, appendSignatureLines(logNote, [cosign(body, stranger, T)]), logV, wVerifiers, 1), VerificationCode.QUORUM_NOT_MET);
    throwsCode(() => verifyQuorum(crypto, logNote, logV, [logV as unknown as CosignatureVerifier], 0), VerificationCode.BAD_KEY);
  });

  test(`[${c}] cosign checks its input`, () => {
    for (const t of [-1, 1.5, 2 ** 53, NaN]) throwsCode(() => cosign(body, wSigners[0]!, t), VerificationCode.OUT_OF_RANGE, String(t));
    throwsCode(() => cosign('not a checkpoint\n', wSigners[0]!, T), VerificationCode.MALFORMED_CHECKPOINT);
    assert.equal(cosign(body, wSigners[0]!, Number.MAX_SAFE_INTEGER).length > 0, true);
  });

  test(`[${c}] 1 log + 15 cosignatures accepted, 1 + 16 rejected`, () => {
    const many = Array.from({ length: 16 }, (_, i) => generateCosignerKey(crypto, `w${i}.example`));
    const lines = many.map((w, i) => cosign(body, parseCosignerSignerKey(crypto, w.skey), T + i));
    const vs = many.map((w) => parseCosignerVerifierKey(crypto, w.vkey));
    const note15 = appendSignatureLines(logNote, lines.slice(0, 15));
    assert.equal(verifyQuorum(crypto, note15, logV, vs, 15).cosigners.length, 15);
    throwsCode(() => appendSignatureLines(logNote, lines), VerificationCode.MALFORMED_NOTE);
    throwsCode(() => verifyQuorum(crypto, note15 + lines[15], logV, vs, 15), VerificationCode.MALFORMED_NOTE);
  });
}
