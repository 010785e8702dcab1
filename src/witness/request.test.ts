import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utf8 } from '../ledger/bytes.js';
import { WitnessCode, WitnessError } from './errors.js';
import { formatAddCheckpoint, MAX_PROOF_LINES, parseAddCheckpoint } from './request.js';

const NOTE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';

const bad = (body: string | Uint8Array): void =>
  assert.throws(() => parseAddCheckpoint(typeof body === 'string' ? utf8(body) : body), (e: unknown) => e instanceof WitnessError && e.code === WitnessCode.MALFORMED_REQUEST && e.status === 400);

test('parses the example request of C2SP tlog-witness §add-checkpoint', () => {
  const body = [
    'old 20852014',
    'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=',
    'jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=',
    '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=',
    '/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=',
    '',
    NOTE,
  ].join('\n');
  const r = parseAddCheckpoint(utf8(body));
  assert.equal(r.oldSize, 20852014);
  assert.equal(r.proof.length, 4);
  assert.ok(r.proof.every((h) => h.length === 32));
  assert.equal(r.note, NOTE);
  assert.equal(formatAddCheckpoint(r.oldSize, r.proof, r.note), body, 'formats back to the same bytes');
});

test('old 0 with no proof; the note keeps its own blank line', () => {
  const r = parseAddCheckpoint(utf8(`old 0\n\n${NOTE}`));
  assert.deepEqual([r.oldSize, r.proof.length, r.note], [0, 0, NOTE]);
});

test('rejects malformed bodies with 400', () => {
  const hash = `${'A'.repeat(43)}=`;
  bad('');
  bad(NOTE);
  bad('old 5'); // no newline
  bad(`old 5\n${NOTE}`.replace('\n\n', '\n')); // no empty line at all
  bad(`old 05\n\n${NOTE}`);
  bad(`old 00\n\n${NOTE}`);
  bad(`old +5\n\n${NOTE}`);
  bad(`old  5\n\n${NOTE}`);
  bad(`Old 5\n\n${NOTE}`);
  bad(`old 9007199254740992\n\n${NOTE}`); // 2^53
  bad(`old 5\n${hash.slice(0, -1)}\n\n${NOTE}`);
  bad(`old 5\nAAAA\n\n${NOTE}`); // 3 bytes
  bad(`old 5\n${'A'.repeat(42)}B=\n\n${NOTE}`); // non-canonical padding bits
  bad(`old 5\n${hash} \n\n${NOTE}`);
  bad(`old 5\n${`${hash}\n`.repeat(MAX_PROOF_LINES + 1)}\n${NOTE}`);
  bad(`old 5\n\n`); // nothing after the empty line
  bad(Uint8Array.of(...utf8('old 5\n\n'), 0xc3, 0x28));
  assert.equal(parseAddCheckpoint(utf8(`old 5\n${`${hash}\n`.repeat(MAX_PROOF_LINES)}\n${NOTE}`)).proof.length, 63);
});

test('formatAddCheckpoint refuses what the spec forbids', () => {
  assert.throws(() => formatAddCheckpoint(-1, [], NOTE), WitnessError);
  assert.throws(() => formatAddCheckpoint(1, new Array(64).fill(new Uint8Array(32)), NOTE), WitnessError);
});
