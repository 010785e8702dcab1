// The tlog-witness client against a real witness (src/witness) over loopback
// HTTP: each answer C2SP tlog-witness §add-checkpoint defines, as the client
// reports it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utf8 } from '../ledger/bytes.js';
import { signCheckpoint } from '../ledger/checkpoint.js';
import { generateCosignerKey, parseCosignerVerifierKey } from '../ledger/cosignature.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { rootOfLeaves } from '../ledger/merkle.js';
import { generateSignerKey } from '../ledger/note.js';
import { consistencyProof } from '../ledger/proof-build.js';
import { startWitness, type RunningWitness } from '../witness/index.js';
import { addCheckpoint, addCheckpointBody, type WitnessEndpoint, type WitnessReply } from './witness-client.js';

const ORIGIN = 'client.annex.example/log';
const LOG = generateSignerKey(nodeCrypto, ORIGIN);
const hasher = new MerkleHasher(nodeCrypto);
const leaves = Array.from({ length: 20 }, (_, i) => hasher.hashLeaf(utf8(`entry ${i}`)));
const root = (n: number): Uint8Array => rootOfLeaves(hasher, leaves.slice(0, n));
const proof = (a: number, b: number): Uint8Array[] =>
  consistencyProof(hasher, a, b, (level, index) => rootOfLeaves(hasher, leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)));
const note = (size: number, key = LOG.skey, r = root(size)): string => signCheckpoint(nodeCrypto, { origin: ORIGIN, size, root: r }, key);

const dir = mkdtempSync(join(tmpdir(), 'annex-witness-client-'));
let witness: RunningWitness;
let endpoint: WitnessEndpoint;
const send = (oldSize: number, p: Uint8Array[], n: string, w = endpoint): Promise<WitnessReply> =>
  addCheckpoint(w, { oldSize, proof: p, note: n }, { signal: AbortSignal.timeout(5000), timeoutMs: 5000 });

before(async () => {
  witness = await startWitness({ stateDir: join(dir, 'w'), logs: [LOG.vkey], name: 'client.example/witness', gossipIntervalMs: 0 });
  endpoint = { name: 'W', url: witness.url, verifier: parseCosignerVerifierKey(nodeCrypto, witness.vkey) };
});
after(async () => {
  await witness.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the request body: old size line, proof lines, empty line, checkpoint', () => {
  const n = note(5);
  assert.equal(addCheckpointBody({ oldSize: 0, proof: [], note: n }), `old 0\n\n${n}`);
  const body = addCheckpointBody({ oldSize: 3, proof: proof(3, 5), note: n });
  assert.match(body, /^old 3\n([A-Za-z0-9+/]{43}=\n)+\nclient\.annex\.example\/log\n5\n/);
  assert.throws(() => addCheckpointBody({ oldSize: 1, proof: Array.from({ length: 64 }, () => new Uint8Array(32)), note: n }), /too long/);
});

test('200: a cosignature from the configured key, verified over the checkpoint', async () => {
  const r = await send(0, [], note(5));
  assert.equal(r.kind, 'cosigned');
  assert.ok(r.kind === 'cosigned' && r.line.startsWith('\u2014 client.example/witness ') && r.line.endsWith('\n'));
  assert.ok(r.kind === 'cosigned' && Math.abs(r.time - Date.now() / 1000) < 60);
});

test('409: the witness tells its size; from it the request succeeds', async () => {
  assert.deepEqual(await send(0, [], note(8)), { kind: 'conflict', size: 5 });
  assert.equal((await send(5, proof(5, 8), note(8))).kind, 'cosigned');
});

test('422, 403, 404 and 400 are reported with their meaning', async () => {
  const bad = await send(8, proof(7, 12), note(12));
  assert.equal(bad.kind === 'failed' && bad.status, 422);
  assert.match(bad.kind === 'failed' ? bad.error : '', /^the witness rejected the consistency proof \(422\)/);
  const impostor = generateSignerKey(nodeCrypto, ORIGIN).skey;
  const forbidden = await send(8, proof(8, 12), note(12, impostor));
  assert.match(forbidden.kind === 'failed' ? forbidden.error : '', /refused to cosign \(403: an untrusted log key/);
  const other = generateSignerKey(nodeCrypto, 'other.example/log');
  const unknown = await send(0, [], signCheckpoint(nodeCrypto, { origin: 'other.example/log', size: 1, root: root(1) }, other.skey));
  assert.match(unknown.kind === 'failed' ? unknown.error : '', /does not know this log, or the URL is wrong \(404\)/);
  const backwards = await send(12, [], note(8));
  assert.match(backwards.kind === 'failed' ? backwards.error : '', /malformed \(400\)/);
});

test('a cosignature from another key is ignored: the reply does not count', async () => {
  const stranger = parseCosignerVerifierKey(nodeCrypto, generateCosignerKey(nodeCrypto, 'client.example/witness').vkey);
  const r = await send(8, proof(8, 12), note(12), { ...endpoint, verifier: stranger });
  assert.equal(r.kind, 'failed');
  assert.match(r.kind === 'failed' ? r.error : '', /^the reply has no cosignature from client\.example\/witness \(key [0-9a-f]{8}\)$/);
});

test('a closed port is unreachable', async () => {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  const r = await send(0, [], note(1), { ...endpoint, url: `http://127.0.0.1:${port}` });
  assert.deepEqual(r, { kind: 'failed', error: 'unreachable (ECONNREFUSED)' });
});

test('last: the same size with another root is a 409 at that size (a fork), and the witness then refuses', async () => {
  assert.deepEqual(await send(12, [], note(12, LOG.skey, root(13))), { kind: 'conflict', size: 12 });
  const r = await send(12, proof(12, 14), note(14));
  assert.match(r.kind === 'failed' ? r.error : '', /^the witness refused to cosign \(403: an untrusted log key, or its own policy\): alarm/);
});
