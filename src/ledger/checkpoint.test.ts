import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { concat, toBase64, utf8 } from './bytes.js';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import type { LedgerCrypto } from './crypto.js';
import { nobleCrypto } from './crypto-noble.js';
import { nodeCrypto } from './crypto-node.js';
import { VerificationCode, VerificationError } from './errors.js';
import { formatKeyId, generateSignerKey, parseNote, parseSignerKey, parseVerifierKey, signNote } from './note.js';

const VECTORS = new URL('../../../shared/vectors/', import.meta.url);
const readText = (p: string): string => readFileSync(new URL(p, VECTORS), 'utf8');
const readJson = (p: string) => JSON.parse(readText(p));

const treeVector = readJson('golang-mod-tlog/tree-note-vector.json');
const testKeys = readJson('transparency-dev-formats/test-keys.json').keys as Record<string, { vkey: string; skey: string }>;
const CRYPTOS: LedgerCrypto[] = [nodeCrypto, nobleCrypto];
const EM = '\u2014';

function throwsCode(fn: () => unknown, code: VerificationCode, label = ''): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VerificationError, `${label}: expected VerificationError, got ${String(e)}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  });
}

const ROOT = new Uint8Array(32).map((_, i) => i * 7);

test('C2SP checkpoint examples parse and re-format byte for byte', () => {
  for (const file of ['c2sp/tlog-checkpoint-example-nokey.note', 'c2sp/tlog-cosignature-example-nokey.note']) {
    const text = readText(file);
    const note = parseNote(text);
    const cp = parseCheckpoint(note.text);
    assert.equal(cp.origin, 'example.com/behind-the-sofa');
    assert.equal(cp.size, 20852163);
    assert.equal(toBase64(cp.root), 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    assert.deepEqual(cp.extensions, []);
    assert.equal(formatCheckpoint(cp), note.text);
    const lines = note.signatures.map((s) => `${EM} ${s.name} ${s.base64}\n`).join('');
    assert.equal(note.text + '\n' + lines, text);
    assert.equal(note.signatures[0]!.name, cp.origin);
  }
});

for (const crypto of CRYPTOS) {
  const c = crypto.name;

  test(`[${c}] golang/mod tlog tree note vector`, () => {
    const cp = parseCheckpoint(treeVector.formatted_tree);
    assert.equal(cp.origin, 'go.sum database tree');
    assert.equal(cp.size, treeVector.tree_size);
    // The vector's root is the record hash SHA-256(0x00 || record).
    assert.deepEqual(cp.root, crypto.sha256(concat(Uint8Array.of(0), utf8(treeVector.record))));
    assert.equal(formatCheckpoint(cp), treeVector.formatted_tree);
  });

  test(`[${c}] sign and open a checkpoint with the log key`, () => {
    const { skey, vkey } = testKeys.log!;
    const cp = { origin: 'Log', size: 42, root: ROOT, extensions: ['ext one', 'ext two'] };
    for (const signer of [skey, parseSignerKey(crypto, skey)]) {
      const note = signCheckpoint(crypto, cp, signer);
      for (const verifier of [vkey, parseVerifierKey(crypto, vkey)]) {
        const opened = openCheckpoint(crypto, note, verifier);
        assert.equal(opened.checkpoint.origin, 'Log');
        assert.equal(opened.checkpoint.size, 42);
        assert.deepEqual(opened.checkpoint.root, ROOT);
        assert.deepEqual(opened.checkpoint.extensions, ['ext one', 'ext two']);
        assert.equal(opened.note.sigs[0]!.name, 'Log');
      }
      throwsCode(() => openCheckpoint(crypto, note.replace('42', '43'), vkey), VerificationCode.BAD_SIGNATURE);
    }
  });

  test(`[${c}] origin must match the log key name, or the configured origin`, () => {
    const { skey, vkey } = testKeys.log!;
    const note = signCheckpoint(crypto, { origin: 'example.com/other', size: 1, root: ROOT }, skey);
    throwsCode(() => openCheckpoint(crypto, note, vkey), VerificationCode.MALFORMED_CHECKPOINT);
    assert.equal(openCheckpoint(crypto, note, vkey, { origin: 'example.com/other' }).checkpoint.size, 1);
    throwsCode(() => openCheckpoint(crypto, note, vkey, { origin: 'example.com/third' }), VerificationCode.MALFORMED_CHECKPOINT);
  });

  test(`[${c}] a checkpoint must carry a valid log signature`, () => {
    const log = testKeys.log!;
    const known1 = testKeys.known1!;
    const other = signCheckpoint(crypto, { origin: 'Log', size: 1, root: ROOT }, known1.skey);
    throwsCode(() => openCheckpoint(crypto, other, log.vkey), VerificationCode.UNVERIFIED_NOTE);
    // Verified by another configured key, but not by the log: still rejected.
    throwsCode(
      () => openCheckpoint(crypto, other, log.vkey, { verifiers: [parseVerifierKey(crypto, known1.vkey)] }),
      VerificationCode.UNVERIFIED_NOTE,
    );
    const { skey } = generateSignerKey(crypto, 'Log');
    const impostor = signCheckpoint(crypto, { origin: 'Log', size: 1, root: ROOT }, skey);
    throwsCode(() => openCheckpoint(crypto, impostor, log.vkey), VerificationCode.UNVERIFIED_NOTE);
    // A signed note whose body is not a checkpoint.
    const notCp = signNote('Log\n12\n', [parseSignerKey(crypto, log.skey)]);
    throwsCode(() => openCheckpoint(crypto, notCp, log.vkey), VerificationCode.MALFORMED_CHECKPOINT);
  });
}

test('checkpoint sizes: decimal, no leading zeroes, at most MAX_SAFE_INTEGER', () => {
  const root = toBase64(ROOT);
  const body = (size: string) => `o\n${size}\n${root}\n`;
  assert.equal(parseCheckpoint(body('0')).size, 0);
  assert.equal(parseCheckpoint(body('9007199254740991')).size, Number.MAX_SAFE_INTEGER);
  for (const bad of ['', '00', '01', '-1', '+1', ' 1', '1 ', '1.0', '1e3', '0x10', '\u0661', 'ten']) {
    throwsCode(() => parseCheckpoint(body(bad)), VerificationCode.MALFORMED_CHECKPOINT, JSON.stringify(bad));
  }
  for (const big of ['9007199254740992', '18446744073709551615', '1'.repeat(400)]) {
    throwsCode(() => parseCheckpoint(body(big)), VerificationCode.OUT_OF_RANGE, big.slice(0, 20));
  }
});

test('malformed checkpoint bodies are rejected', () => {
  const root = toBase64(ROOT);
  const cases: Record<string, string> = {
    'no trailing newline': `o\n1\n${root}`,
    'two lines': 'o\n1\n',
    'empty origin': `\n1\n${root}\n`,
    'empty root': 'o\n1\n\n',
    'root 31 bytes': `o\n1\n${toBase64(ROOT.subarray(1))}\n`,
    'root 33 bytes': `o\n1\n${toBase64(concat(ROOT, Uint8Array.of(1)))}\n`,
    'root unpadded': `o\n1\n${root.replace(/=$/, '')}\n`,
    'root non-canonical': `o\n1\n${root.replace(/.=$/, 'B=')}\n`,
    'root hex': `o\n1\n${'00'.repeat(32)}\n`,
    'empty extension line': `o\n1\n${root}\n\next\n`,
    'trailing blank line': `o\n1\n${root}\n\n`,
    'carriage return': `o\r\n1\n${root}\n`,
  };
  for (const [label, text] of Object.entries(cases)) throwsCode(() => parseCheckpoint(text), VerificationCode.MALFORMED_CHECKPOINT, label);
  assert.deepEqual(parseCheckpoint(`o\n1\n${root}\nx\n y \n`).extensions, ['x', ' y ']);
});

test('formatCheckpoint checks its input', () => {
  assert.equal(formatCheckpoint({ origin: 'o', size: 0, root: ROOT }), `o\n0\n${toBase64(ROOT)}\n`);
  throwsCode(() => formatCheckpoint({ origin: 'o', size: 1, root: ROOT.subarray(1) }), VerificationCode.HASH_LENGTH);
  for (const size of [-1, 1.5, 2 ** 53, NaN]) throwsCode(() => formatCheckpoint({ origin: 'o', size, root: ROOT }), VerificationCode.OUT_OF_RANGE, String(size));
  throwsCode(() => formatCheckpoint({ origin: '', size: 1, root: ROOT }), VerificationCode.MALFORMED_CHECKPOINT);
  throwsCode(() => formatCheckpoint({ origin: 'a\nb', size: 1, root: ROOT }), VerificationCode.MALFORMED_CHECKPOINT);
  throwsCode(() => formatCheckpoint({ origin: 'o', size: 1, root: ROOT, extensions: [''] }), VerificationCode.MALFORMED_CHECKPOINT);
  assert.equal(formatKeyId(0x0000abcd), '0000abcd');
});
