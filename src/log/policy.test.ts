import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCosignerKey } from '../ledger/cosignature.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { generateSignerKey } from '../ledger/note.js';
import { minimumCosigners, parseWitnessPolicy, PolicyError, quorumMet, type WitnessPolicy } from './policy.js';

const key = (name: string): string => generateCosignerKey(nodeCrypto, name).vkey;
const K = { PAK: key('pak.example/witness'), IND: key('ind.example/witness'), UN: key('un.example/witness'), OSCE: key('osce.example/witness') };
const LOG = generateSignerKey(nodeCrypto, 'log.annex.example/log').vkey;

/** Annex's demo policy: both parties and at least one mediator. */
const DEMO = `# Annex demo: both parties and at least one mediator
log ${LOG} https://log.annex.example/log

witness PAK ${K.PAK} http://127.0.0.1:7001
witness IND ${K.IND} http://127.0.0.1:7002/
\twitness  UN\t${K.UN}   https://un.example/witness  
witness OSCE ${K.OSCE}
group parties all PAK IND
group mediators any UN OSCE
group published all parties mediators
quorum published
`;

const parse = (text: string): WitnessPolicy => parseWitnessPolicy(nodeCrypto, text);
const errorAt = (text: string, line: number, pattern: RegExp): void => {
  assert.throws(() => parse(text), (e: unknown) => {
    assert.ok(e instanceof PolicyError, String(e));
    assert.equal(e.line, line, e.message);
    assert.match(e.message, pattern);
    if (line > 0) assert.match(e.message, new RegExp(`^witness policy line ${line}: `));
    return true;
  });
};

test('the demo policy parses: logs, witnesses with URLs, nested groups', () => {
  const p = parse(DEMO);
  assert.equal(p.logs.length, 1);
  assert.equal(p.logs[0]!.url, 'https://log.annex.example/log');
  assert.deepEqual(p.witnesses.map((w) => [w.name, w.url]), [
    ['PAK', 'http://127.0.0.1:7001'], ['IND', 'http://127.0.0.1:7002'], ['UN', 'https://un.example/witness'], ['OSCE', undefined],
  ]);
  assert.equal(p.witnesses[0]!.vkey, K.PAK);
  assert.equal(p.witnesses[0]!.verifier.name, 'pak.example/witness');
  assert.equal(p.quorum.kind, 'group');
  assert.equal(minimumCosigners(p.quorum), 3);
});

test('the quorum: both parties and at least one mediator', () => {
  const { quorum } = parse(DEMO);
  const met = (...names: string[]): boolean => quorumMet(quorum, new Set(names));
  assert.equal(met('PAK', 'IND', 'UN'), true);
  assert.equal(met('PAK', 'IND', 'OSCE'), true);
  assert.equal(met('PAK', 'IND', 'UN', 'OSCE'), true);
  assert.equal(met('PAK', 'IND'), false, 'no mediator');
  assert.equal(met('PAK', 'UN', 'OSCE'), false, 'one party missing');
  assert.equal(met(), false);
  assert.equal(met('parties', 'mediators'), false, 'group names are not cosigners');
});

test('thresholds: any, all, k; quorum none; a single witness', () => {
  const base = `witness A ${K.PAK}\nwitness B ${K.IND}\nwitness C ${K.UN}\n`;
  const two = parse(`${base}group g 2 A B C\nquorum g\n`).quorum;
  assert.equal(quorumMet(two, new Set(['A'])), false);
  assert.equal(quorumMet(two, new Set(['C', 'A'])), true);
  assert.equal(minimumCosigners(two), 2);
  assert.equal(quorumMet(parse(`${base}quorum none\n`).quorum, new Set()), true);
  assert.equal(minimumCosigners(parse(`${base}quorum none\n`).quorum), 0);
  const single = parse(`${base}quorum B\n`).quorum;
  assert.equal(quorumMet(single, new Set(['A', 'C'])), false);
  assert.equal(quorumMet(single, new Set(['B'])), true);
  // No final newline, CR-free, comment lines with leading whitespace, blank lines of tabs.
  assert.equal(parse(`  # c\n\t\n${base}quorum A`).witnesses.length, 3);
});

test('errors name the line', () => {
  const w = `witness A ${K.PAK}\n`;
  errorAt(`${w}quorum B\n`, 2, /unknown name "B"/);
  errorAt(`quorum A\n${w}`, 1, /unknown name "A" \(define it on an earlier line/);
  errorAt(`${w}group g any A\ngroup g all A\nquorum g\n`, 3, /"g" is already defined/);
  errorAt(`${w}witness A ${K.IND}\nquorum A\n`, 2, /"A" is already defined/);
  errorAt(`${w}witness B ${K.PAK}\nquorum A\n`, 2, /witness B has the key of an earlier witness/);
  errorAt(`log ${LOG}\nlog ${LOG}\n${w}quorum A\n`, 2, /duplicate log key/);
  errorAt(`${w}group g 2 A\nquorum g\n`, 2, /threshold "2" must be all, any, or a decimal from 1 to 1/);
  errorAt(`${w}group g 0 A\nquorum g\n`, 2, /threshold "0"/);
  errorAt(`${w}group g 01 A\nquorum g\n`, 2, /threshold "01"/);
  errorAt(`${w}group g any\nquorum g\n`, 2, /at least one member/);
  errorAt(`${w}group g any A A\nquorum g\n`, 2, /member "A" is listed twice/);
  errorAt(`${w}group g any A none\nquorum g\n`, 2, /"none" cannot be a group member/);
  errorAt(`witness none ${K.PAK}\nquorum none\n`, 1, /"none" is predefined/);
  errorAt(`${w}quorum A\nquorum A\n`, 3, /a second quorum line/);
  errorAt(`${w}quorum\n`, 2, /expected "quorum <name>"/);
  errorAt(`${w}\nwitnesses B ${K.IND}\nquorum A\n`, 3, /unknown keyword "witnesses"/);
  errorAt(`witness A ${K.PAK} http://a.example extra\nquorum A\n`, 1, /expected "witness <name> <vkey> \[<url>\]"/);
  errorAt(`witness A ${K.PAK} ftp://a.example\nquorum A\n`, 1, /must be http or https/);
  errorAt(`witness A ${K.PAK} not-a-url\nquorum A\n`, 1, /is not a URL/);
  errorAt(`witness A ${LOG}\nquorum A\n`, 1, /witness A key: /);
  errorAt(`log ${K.PAK}\n${w}quorum A\n`, 1, /log key: /);
  errorAt(`${w}quorum A\r\n`, 2, /control character U\+000D/);
  errorAt(w, 0, /^witness policy: no quorum line/);
});

test('the source name appears in messages', () => {
  assert.throws(() => parseWitnessPolicy(nodeCrypto, 'quorum X\n', '/etc/annex/witnesses.policy'),
    /^PolicyError: \/etc\/annex\/witnesses\.policy line 1: unknown name "X"/);
});

test('more than the implementation limit of witnesses is refused', () => {
  const lines = Array.from({ length: 65 }, (_, i) => `witness w${i} ${key(`w${i}.example`)}`);
  assert.throws(() => parse(`${lines.join('\n')}\nquorum w0\n`), /line 65: more than 64 witnesses/);
});
