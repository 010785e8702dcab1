import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { generateSignerKey } from '../ledger/note.js';
import { WitnessError } from './errors.js';
import { knownLogs, parseLogSpec, parseLogsFile } from './config.js';

const { vkey } = generateSignerKey(nodeCrypto, 'ops@annex.test/log');

test('<vkey>[@<url>]: the URL starts at the first @ after the key material (a key name may hold @)', () => {
  assert.deepEqual(parseLogSpec(vkey), { vkey });
  assert.deepEqual(parseLogSpec(`${vkey}@http://127.0.0.1:8080/log`), { vkey, url: 'http://127.0.0.1:8080/log/' });
  assert.deepEqual(parseLogSpec(`  ${vkey}@https://x.test/log/  `), { vkey, url: 'https://x.test/log/' });
  assert.throws(() => parseLogSpec(`${vkey}@ftp://x.test/`), WitnessError);
  assert.throws(() => parseLogSpec(`${vkey}@http://x.test/?q=1`), WitnessError);
  assert.throws(() => parseLogSpec('garbage'), WitnessError);
});

test('logs file: one per line, comments and blank lines ignored', () => {
  const text = `# the secretariat's log\n${vkey}@http://s.test/log/  # primary\n\n`;
  assert.deepEqual(parseLogsFile(text), [{ vkey, url: 'http://s.test/log/' }]);
});

test('knownLogs groups keys by origin (the key name unless given), and refuses bad or duplicate keys', () => {
  const rotated = generateSignerKey(nodeCrypto, 'ops@annex.test/log').vkey;
  const logs = knownLogs(nodeCrypto, [vkey, `${rotated}@http://s.test/log`, { vkey: generateSignerKey(nodeCrypto, 'k').vkey, origin: 'other.test/log' }]);
  assert.deepEqual([...logs.keys()], ['ops@annex.test/log', 'other.test/log']);
  assert.equal(logs.get('ops@annex.test/log')!.verifiers.length, 2);
  assert.equal(logs.get('ops@annex.test/log')!.url, 'http://s.test/log/');
  assert.throws(() => knownLogs(nodeCrypto, [vkey, vkey]), /configured twice/);
  assert.throws(() => knownLogs(nodeCrypto, []), /no logs/);
  assert.throws(() => knownLogs(nodeCrypto, [vkey.slice(0, -4) + 'AAAA']), WitnessError);
  // A cosigner key (type 0x04) is not a log key.
  assert.throws(() => knownLogs(nodeCrypto, ['w+00000000+BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']), WitnessError);
});
