import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concat, utf8 } from './bytes.js';
import { VerificationError } from './errors.js';
import { BLOCK, readTar, tarEnd, tarHeader, tarPadding } from './receipt-tar.js';

const MTIME = 1_760_947_200;

function archive(members: Array<[string, Uint8Array]>): Uint8Array {
  return concat(...members.flatMap(([name, bytes]) => [tarHeader(name, bytes.length, MTIME), bytes, tarPadding(bytes.length)]), tarEnd());
}

async function list(bytes: Uint8Array) {
  const out: Array<[string, string]> = [];
  for await (const m of readTar(async (o, l) => bytes.slice(o, o + l), bytes.length)) out.push([m.name, new TextDecoder().decode(bytes.subarray(m.offset, m.offset + m.size))]);
  return out;
}

const sample = archive([['EV-2025-00001/README.txt', utf8('hello\n')], ['EV-2025-00001/empty', new Uint8Array(0)], ['EV-2025-00001/x.bin', utf8('a'.repeat(BLOCK))]]);

test('ustar round trip: names, sizes, padding and the two end blocks', async () => {
  assert.equal(sample.length, 4 * BLOCK + BLOCK + 2 * BLOCK);
  assert.deepEqual(await list(sample), [['EV-2025-00001/README.txt', 'hello\n'], ['EV-2025-00001/empty', ''], ['EV-2025-00001/x.bin', 'a'.repeat(BLOCK)]]);
  // The header is what POSIX says: name, mode 0644, size and mtime in octal, "ustar\0" "00", checksum.
  const h = new TextDecoder().decode(sample.subarray(0, BLOCK));
  assert.equal(h.slice(0, 24), 'EV-2025-00001/README.txt');
  assert.equal(h.slice(100, 108), '0000644\0');
  assert.equal(h.slice(124, 136), '00000000006\0');
  assert.equal(h.slice(136, 148), `${MTIME.toString(8)}\0`);
  assert.equal(h.slice(257, 265), 'ustar\u000000');
  assert.match(h.slice(148, 156), /^[0-7]{6}\0 $/);
});

test('every changed bit of an archive is noticed, outside member data', async () => {
  const data = new Set<number>();
  for await (const m of readTar(async (o, l) => sample.slice(o, o + l), sample.length)) for (let i = 0; i < m.size; i++) data.add(m.offset + i);
  for (let i = 0; i < sample.length; i++) {
    if (data.has(i)) continue; // member bytes are the verifier's to check (receipts, the file's hash)
    for (let b = 0; b < 8; b++) {
      const copy = sample.slice();
      copy[i]! ^= 1 << b;
      await assert.rejects(list(copy), VerificationError, `byte ${i} bit ${b}`);
    }
  }
});

test('truncated, extended or foreign archives are refused', async () => {
  await assert.rejects(list(sample.subarray(0, sample.length - BLOCK)), VerificationError);
  await assert.rejects(list(concat(sample, new Uint8Array(BLOCK))), VerificationError);
  await assert.rejects(list(sample.subarray(0, 100)), VerificationError);
  assert.throws(() => tarHeader('../etc/passwd', 1, MTIME), VerificationError);
  assert.throws(() => tarHeader('/abs', 1, MTIME), VerificationError);
  assert.throws(() => tarHeader('x'.repeat(101), 1, MTIME), VerificationError);
  assert.throws(() => tarHeader('ok', -1, MTIME), VerificationError);
  assert.throws(() => tarHeader('ok', 2 ** 33, MTIME), VerificationError);
});
