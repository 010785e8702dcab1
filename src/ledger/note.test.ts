import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromBase64, toBase64, utf8 } from './bytes.js';
import type { LedgerCrypto } from './crypto.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';
import { VerificationCode, VerificationError } from './errors.js';
import {
  appendSignatureLines,
  computeKeyId,
  ed25519VerifierKey,
  formatKeyId,
  generateSignerKey,
  isValidKeyName,
  MAX_NOTE_SIGNATURES,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierKeyFromSigner,
  type NoteVerifier,
} from './note.js';

const VECTORS = new URL('../../../shared/vectors/', import.meta.url);
const readText = (p: string): string => readFileSync(new URL(p, VECTORS), 'utf8');
const readJson = (p: string) => JSON.parse(readText(p));

const goNote = readJson('golang-mod-note/note-vectors.json');
const testKeys = readJson('transparency-dev-formats/test-keys.json').keys as Record<string, { vkey: string; skey: string }>;
const CRYPTOS: LedgerCrypto[] = [nodeCrypto, nobleCrypto];

function throwsCode(fn: () => unknown, code: VerificationCode, label = ''): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VerificationError, `${label}: expected VerificationError, got ${String(e)}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  });
}

const EM = '\u2014';

for (const crypto of CRYPTOS) {
  const c = crypto.name;

  test(`[${c}] golang/mod vectors: keys, Sign reproduces the signature, Open`, () => {
    const peter = goNote.keys.PeterNeumann;
    const enoch = goNote.keys.EnochRoot;
    const pv = parseVerifierKey(crypto, peter.vkey);
    const ev = parseVerifierKey(crypto, enoch.vkey);
    assert.equal(pv.name, 'PeterNeumann');
    assert.equal(formatKeyId(pv.keyId), 'c74f20a3');
    assert.equal(formatKeyId(ev.keyId), 'af0cfe78');
    const ps = parseSignerKey(crypto, peter.skey);
    assert.equal(ps.keyId, pv.keyId);
    assert.equal(verifierKeyFromSigner(crypto, peter.skey), peter.vkey);
    assert.equal(ed25519VerifierKey(crypto, 'PeterNeumann', pv.publicKey), peter.vkey);

    const signed = signNote(goNote.note_text, [ps]);
    assert.equal(signed, goNote.signed_note_peter);
    assert.ok(signed.endsWith(`${EM} PeterNeumann ${peter.signature_b64}\n`));

    const one = openNote(goNote.signed_note_peter, [pv]);
    assert.equal(one.text, goNote.note_text);
    assert.equal(one.sigs.length, 1);
    assert.equal(one.sigs[0]!.base64, peter.signature_b64);

    const both = openNote(goNote.signed_note_both, [pv, ev]);
    assert.deepEqual(both.sigs.map((s) => s.name), ['PeterNeumann', 'EnochRoot']);
    assert.equal(both.unverified.length, 0);
    assert.equal(both.sigs[1]!.base64, enoch.signature_b64);

    const onlyEnoch = openNote(utf8(goNote.signed_note_both), [ev]);
    assert.deepEqual(onlyEnoch.sigs.map((s) => s.name), ['EnochRoot']);
    assert.deepEqual(onlyEnoch.unverified.map((s) => [s.name, formatKeyId(s.keyId)]), [['PeterNeumann', 'c74f20a3']]);
  });

  test(`[${c}] golang/mod must-reject verifier keys`, () => {
    assert.ok(goNote.must_reject_vkeys.length > 0);
    for (const vkey of goNote.must_reject_vkeys as string[]) throwsCode(() => parseVerifierKey(crypto, vkey), VerificationCode.BAD_KEY, vkey);
  });

  test(`[${c}] transparency-dev test keys: key strings and sign/open round trips`, () => {
    const entries = Object.entries(testKeys);
    assert.equal(entries.length, 4);
    for (const [label, { vkey, skey }] of entries) {
      const s = parseSignerKey(crypto, skey);
      const v = parseVerifierKey(crypto, vkey);
      assert.equal(verifierKeyFromSigner(crypto, skey), vkey, label);
      assert.equal(s.name, v.name);
      assert.equal(s.keyId, v.keyId);
      assert.equal(formatKeyId(v.keyId), vkey.split('+')[1]);
      const note = signNote(`hello from ${label}\n`, [s]);
      const opened = openNote(note, [v]);
      assert.equal(opened.text, `hello from ${label}\n`);
      assert.equal(opened.sigs[0]!.verifier, v);
    }
    // base64 containing '+' (known1 skey, unknown vkey) parse: split on the first '+'s only.
    assert.ok(testKeys.known1!.skey.split('+').length > 5);
    assert.ok(testKeys.unknown!.vkey.split('+').length > 3);
  });

  test(`[${c}] unknown keys are ignored and kept as unverified`, () => {
    const log = parseSignerKey(crypto, testKeys.log!.skey);
    const unknown = parseSignerKey(crypto, testKeys.unknown!.skey);
    const logV = parseVerifierKey(crypto, testKeys.log!.vkey);
    const known1 = parseVerifierKey(crypto, testKeys.known1!.vkey);
    const note = signNote('text\n', [unknown, log]);
    const opened = openNote(note, [logV, known1]);
    assert.deepEqual(opened.sigs.map((s) => s.name), ['Log']);
    assert.deepEqual(opened.unverified.map((s) => s.name), ['Unknown']);
    throwsCode(() => openNote(signNote('text\n', [unknown]), [logV, known1]), VerificationCode.UNVERIFIED_NOTE);
    throwsCode(() => openNote(note, []), VerificationCode.UNVERIFIED_NOTE);
    // Same name but other key ID, or same key ID but other name: unknown, not a failure.
    const sameName: NoteVerifier = { name: 'Log', keyId: (logV.keyId + 1) >>> 0, verify: () => false };
    const sameId: NoteVerifier = { name: 'Other', keyId: logV.keyId, verify: () => false };
    throwsCode(() => openNote(note, [sameName, sameId]), VerificationCode.UNVERIFIED_NOTE);
  });

  test(`[${c}] C2SP signed-note example verifies with its vkey`, () => {
    const v = parseVerifierKey(crypto, readText('c2sp/signed-note-example.vkey').trim());
    assert.equal(v.name, 'example.com/foo');
    assert.equal(formatKeyId(v.keyId), '530d903a');
    const opened = openNote(readText('c2sp/signed-note-example.note'), [v]);
    assert.equal(opened.text, 'This is an example message.\n');
    assert.equal(opened.sigs.length, 1);
  });

  test(`[${c}] generated keys round-trip and cross-verify between implementations`, () => {
    const { skey, vkey } = generateSignerKey(crypto, 'annex.example/log');
    assert.equal(verifierKeyFromSigner(crypto, skey), vkey);
    for (const other of CRYPTOS) {
      const note = signNote('cross\n', [parseSignerKey(crypto, skey)]);
      assert.equal(openNote(note, [parseVerifierKey(other, vkey)]).sigs.length, 1);
    }
    const raw = fromBase64(vkey.slice(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1));
    assert.equal(raw[0], 0x01);
    assert.equal(computeKeyId(crypto, 'annex.example/log', 0x01, raw.subarray(1)), parseVerifierKey(crypto, vkey).keyId);
    throwsCode(() => generateSignerKey(crypto, 'bad name'), VerificationCode.BAD_KEY);
  });

  test(`[${c}] ${MAX_NOTE_SIGNATURES} signatures accepted, ${MAX_NOTE_SIGNATURES + 1} rejected`, () => {
    const keys = Array.from({ length: 17 }, (_, i) => generateSignerKey(crypto, `k${i}`));
    const signers = keys.map((k) => parseSignerKey(crypto, k.skey));
    const verifiers = keys.map((k) => parseVerifierKey(crypto, k.vkey));
    const note16 = signNote('many\n', signers.slice(0, 16));
    assert.equal(openNote(note16, verifiers).sigs.length, 16);
    throwsCode(() => signNote('many\n', signers), VerificationCode.MALFORMED_NOTE);
    const line17 = signNote('many\n', [signers[16]!]).split('\n\n')[1]!;
    throwsCode(() => openNote(note16 + line17, verifiers), VerificationCode.MALFORMED_NOTE);
    throwsCode(() => appendSignatureLines(note16, [line17]), VerificationCode.MALFORMED_NOTE);
  });

  test(`[${c}] text and signatures split at the LAST blank line`, () => {
    const s = parseSignerKey(crypto, testKeys.known1!.skey);
    const v = parseVerifierKey(crypto, testKeys.known1!.vkey);
    for (const text of ['a\n\nb\n', 'a\n\n', '\n', 'x\n\n\n\ny\n']) {
      const opened = openNote(signNote(text, [s]), [v]);
      assert.equal(opened.text, text);
    }
    const intro = parseNote(readText('c2sp/signed-note-intro-example-nokey.note'));
    assert.equal(intro.text, 'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n');
    assert.equal(intro.signatures.length, 1);
    assert.equal(intro.signatures[0]!.name, 'quasimodo.example/salvatore');
    assert.equal(intro.text + '\n' + `${EM} ${intro.signatures[0]!.name} ${intro.signatures[0]!.base64}\n`, readText('c2sp/signed-note-intro-example-nokey.note'));
  });

  test(`[${c}] tampered body, signature or key ID`, () => {
    const s = parseSignerKey(crypto, testKeys.known2!.skey);
    const v = parseVerifierKey(crypto, testKeys.known2!.vkey);
    const note = signNote('original body\n', [s]);
    throwsCode(() => openNote(note.replace('original', 'Original'), [v]), VerificationCode.BAD_SIGNATURE);
    const parsed = parseNote(note);
    const sig = parsed.signatures[0]!;
    const blob = fromBase64(sig.base64);
    const badSig = blob.slice();
    badSig[10]! ^= 0x01;
    throwsCode(() => openNote(note.replace(sig.base64, toBase64(badSig)), [v]), VerificationCode.BAD_SIGNATURE);
    const badId = blob.slice();
    badId[0]! ^= 0x01;
    throwsCode(() => openNote(note.replace(sig.base64, toBase64(badId)), [v]), VerificationCode.UNVERIFIED_NOTE);
    // Too-short signature from a known key fails verification, it is not skipped.
    throwsCode(() => openNote(note.replace(sig.base64, toBase64(blob.subarray(0, 5))), [v]), VerificationCode.BAD_SIGNATURE);
  });

  test(`[${c}] repeated signatures: reported once, every known-key line verified`, () => {
    const s = parseSignerKey(crypto, testKeys.known1!.skey);
    const v = parseVerifierKey(crypto, testKeys.known1!.vkey);
    const u = parseSignerKey(crypto, testKeys.unknown!.skey);
    const note = signNote('dup\n', [s, s, u, u]);
    const opened = openNote(note, [v]);
    assert.equal(opened.sigs.length, 1);
    assert.equal(opened.unverified.length, 1);
    const line = note.split('\n\n')[1]!.split('\n')[0]!;
    const sig = parseNote(note).signatures[0]!;
    const bad = fromBase64(sig.base64);
    bad[20]! ^= 0x80;
    throwsCode(() => openNote(`${note}${line.replace(sig.base64, toBase64(bad))}\n`, [v]), VerificationCode.BAD_SIGNATURE);
    assert.equal(appendSignatureLines(note, [line + '\n']), note);
    throwsCode(() => openNote(note, [v, parseVerifierKey(crypto, testKeys.known1!.vkey)]), VerificationCode.BAD_KEY);
  });

  test(`[${c}] malformed notes are rejected`, () => {
    const s = parseSignerKey(crypto, testKeys.log!.skey);
    const v = parseVerifierKey(crypto, testKeys.log!.vkey);
    const good = signNote('body\n', [s]);
    const b64 = parseNote(good).signatures[0]!.base64;
    const cases: Record<string, string> = {
      'missing trailing newline': good.slice(0, -1),
      'no signatures': 'body\n\n',
      'no blank line': `body\n${EM} Log ${b64}\n`,
      'hyphen instead of em dash': `body\n\n- Log ${b64}\n`,
      'en dash instead of em dash': `body\n\n\u2013 Log ${b64}\n`,
      'no space after em dash': `body\n\n${EM}Log ${b64}\n`,
      'no signature after name': `body\n\n${EM} Log\n`,
      'empty signature': `body\n\n${EM} Log \n`,
      'empty name': `body\n\n${EM}  ${b64}\n`,
      'name with plus': `body\n\n${EM} Lo+g ${b64}\n`,
      'name with no-break space': `body\n\n${EM} Lo\u00a0g ${b64}\n`,
      'two spaces before signature': `body\n\n${EM} Log  ${b64}\n`,
      'bad base64 character': `body\n\n${EM} Log ${b64.replace(/.$/, '!')}\n`,
      'unpadded base64': `body\n\n${EM} Log ${b64.replace(/=+$/, '')}\n`,
      'non-canonical base64': `body\n\n${EM} Log AAAAAB==\n`,
      'signature shorter than 5 bytes': `body\n\n${EM} Log AAAAAA==\n`,
      'trailing blank line': good + '\n',
      'carriage return': good.replace('body\n', 'body\r\n'),
      'tab in text': good.replace('body', 'bo\tdy'),
      'NUL in signature block': good.replace(`${EM} Log`, `${EM} Log\u0000`),
      'lone surrogate': good.replace('body', 'bo\ud800dy'),
    };
    for (const [label, note] of Object.entries(cases)) throwsCode(() => openNote(note, [v]), VerificationCode.MALFORMED_NOTE, label);
    const bytes = utf8(good);
    const nonUtf8 = new Uint8Array([...bytes.subarray(0, 2), 0xff, ...bytes.subarray(2)]);
    throwsCode(() => openNote(nonUtf8, [v]), VerificationCode.MALFORMED_NOTE, 'non-UTF-8');
    const overlong = new Uint8Array([...bytes.subarray(0, 2), 0xc0, 0xaf, ...bytes.subarray(2)]);
    throwsCode(() => openNote(overlong, [v]), VerificationCode.MALFORMED_NOTE, 'overlong UTF-8');
    throwsCode(() => signNote('no newline', [s]), VerificationCode.MALFORMED_NOTE);
    throwsCode(() => signNote('body\n', []), VerificationCode.MALFORMED_NOTE);
    throwsCode(() => signNote('ctrl\u0007\n', [s]), VerificationCode.MALFORMED_NOTE);
    throwsCode(() => appendSignatureLines(good, [`${EM} Log ${b64}`]), VerificationCode.MALFORMED_NOTE);
  });

  test(`[${c}] malformed key strings are rejected with BAD_KEY`, () => {
    const { vkey, skey } = testKeys.log!;
    const [name, hex, b64] = [vkey.split('+')[0]!, vkey.split('+')[1]!, vkey.slice(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1)];
    const raw = fromBase64(b64);
    const retyped = raw.slice();
    retyped[0] = 0x02;
    const badVkeys = [
      '', 'Log', `${name}+${hex}`, `${name}+${hex}+`, `+${hex}+${b64}`, `Lo g+${hex}+${b64}`, `Lo\u3000g+${hex}+${b64}`,
      `${name}+${hex.slice(1)}+${b64}`, `${name}+0${hex}+${b64}`, `${name}+zz${hex.slice(2)}+${b64}`,
      `${name}+${hex}+${b64.slice(0, -4)}`, `${name}+${hex}+${b64}=`, `${name}+${hex}+${toBase64(retyped)}`,
      `${name}+${formatKeyId((parseInt(hex, 16) + 1) >>> 0)}+${b64}`, `Other+${hex}+${b64}`, skey, `${name}+${hex}+AQ==`,
      `${name}+${hex}+${b64}`.padEnd(20000, 'A'),
    ];
    for (const k of badVkeys) throwsCode(() => parseVerifierKey(crypto, k), VerificationCode.BAD_KEY, k.slice(0, 60));
    const badSkeys = [vkey, skey.replace('PRIVATE', 'private'), skey.replace('+KEY+', '+KEYS+'), skey.replace('+Log+', '+Other+'), skey.slice(0, -4), 'PRIVATE+KEY+Log'];
    for (const k of badSkeys) throwsCode(() => parseSignerKey(crypto, k), VerificationCode.BAD_KEY, k);
    assert.equal(parseVerifierKey(crypto, `${name}+${hex.toUpperCase()}+${b64}`).keyId, parseInt(hex, 16));
  });
}

test('key names: non-empty, no plus, no Unicode space, valid UTF-8', () => {
  for (const ok of ['a', 'example.com/log42', 'quasimodo.example/salvatore', '\u00e8', 'oid/1.3.6']) assert.ok(isValidKeyName(ok), ok);
  for (const bad of ['', 'a+b', 'a b', 'a\tb', 'a\u0085b', 'a\u00a0b', 'a\u2028b', 'a\u3000b', 'a\ud800b', 'a\nb']) {
    assert.ok(!isValidKeyName(bad), JSON.stringify(bad));
  }
});
