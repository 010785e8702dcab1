/**
 * Receipts carry the *published* checkpoint: a real server (startServer)
 * with a witness policy of "any two of three" and three real C2SP
 * tlog-witness servers on loopback. The receipt fetched with ?wait= carries
 * the cosignatures, and `annex receipt check` verifies it against the
 * witnesses' keys and the quorum after the server and witnesses are gone.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer, type Running } from '../src/api/start.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { VerificationError } from '../src/ledger/errors.js';
import { generateSignerKey, parseNote } from '../src/ledger/note.js';
import { verifyReceipt, type ReceiptKeys } from '../src/ledger/receipt.js';
import { parseWitnessPolicy } from '../src/log/policy.js';
import { inTransaction } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { createWorkspace } from '../src/services/workspace.js';
import { startWitness, type RunningWitness } from '../src/witness/index.js';
import { freshPgDatabase, TEST_DATABASE_URL } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

const ORIGIN = 'receipts.annex.example/log';
const LOG = generateSignerKey(nodeCrypto, ORIGIN);
const NAMES = ['PAK', 'AFG', 'TUR'] as const;
const dir = mkdtempSync(join(tmpdir(), 'annex-receipt-witnessed-'));
const witnesses: RunningWitness[] = [];
let pgdb: { url: string; drop: () => Promise<void> } | undefined;
let server: Running | undefined;

function annex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

before(async () => {
  pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  for (const n of NAMES) {
    witnesses.push(await startWitness({ stateDir: join(dir, `witness-${n}`), logs: [LOG.vkey], name: `${n.toLowerCase()}.example/witness`, port: 0, gossipIntervalMs: 0 }));
  }
  const policy = [`log ${LOG.vkey}`, ...NAMES.map((n, i) => `witness ${n} ${witnesses[i]!.vkey} ${witnesses[i]!.url}`), `group two 2 ${NAMES.join(' ')}`, 'quorum two'].join('\n');
  server = await startServer({
    dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
    env: { ANNEX_LOG_KEY: LOG.skey }, witnessPolicy: parseWitnessPolicy(nodeCrypto, policy),
    publication: { timeoutMs: 2000, retryMinMs: 50, retryMaxMs: 200, pollMs: 100 },
  });
  await createWorkspace(server.services, { name: 'Receipts', origin: ORIGIN, secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
});

after(async () => {
  await server?.close();
  for (const w of witnesses) await w.close();
  await pgdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('a receipt waits for the quorum, carries the cosignatures, and verifies offline against the witness keys', async () => {
  const s = server!.services;
  const index = await inTransaction(s, async (tx) => (await record(tx, s, { org: 'SEC', userId: 'system' }, {
    type: 'workspace.configured', subject: 'workspace', visibility: 'public',
    body: { clauses: [{ id: 'C9', title: 'Receipts', text: 'Every party keeps its receipts.' }] },
  })).idx);
  // Every witness is up: wait until all three have cosigned, so the receipt carries three cosignatures.
  for (const end = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 50))) {
    const res = await fetch(`${server!.url}/log/checkpoint`);
    const note = await res.text();
    if (res.ok && parseNote(note).signatures.length === 4 && Number(note.split('\n')[1]) > index) break;
    assert.ok(Date.now() < end, 'three cosignatures within 15 s');
  }
  const got = await annex(['receipt', 'get', server!.url, String(index), '--wait', '10']);
  assert.equal(got.code, 0, got.stderr);
  const orgVkey = s.keys.orgVerifierKey('SEC');
  await server!.close();
  server = undefined;
  for (const w of witnesses) await w.close();

  const file = join(dir, `${index}.tlog-proof`);
  writeFileSync(file, got.stdout);
  const witnessFile = join(dir, 'witnesses.vkeys');
  writeFileSync(witnessFile, witnesses.map((w) => `${w.vkey}\n`).join(''));
  const ok = await annex(['receipt', 'check', file, '--vkey', LOG.vkey, '--witness-vkey', `@${witnessFile}`, '--quorum', '2', '--org-vkey', orgVkey]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^OK entry ${index} is in receipts\\.annex\\.example/log\\n`));
  const cosigners = /cosigners\s+(.*)\n/.exec(ok.stdout)?.[1]?.split(', ').map((c) => c.replace(/ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, '')).sort();
  assert.deepEqual(cosigners, ['afg.example/witness', 'pak.example/witness', 'tur.example/witness']);
  assert.match(ok.stdout, /org\s+SEC \(signature verified\)/);

  // A witness key left out: its cosignature would go unchecked, so the receipt is refused unless that is allowed.
  const two = ['--vkey', LOG.vkey, '--witness-vkey', witnesses[0]!.vkey, '--witness-vkey', witnesses[1]!.vkey, '--quorum', '2'];
  const strict = await annex(['receipt', 'check', file, ...two]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /FAILED \[UNVERIFIED_NOTE\] .*unknown key tur\.example\/witness/);
  const lenient = await annex(['receipt', 'check', file, ...two, '--allow-unknown-signers']);
  assert.equal(lenient.code, 0, lenient.stderr);
  assert.match(lenient.stdout, /not checked\s+signatures from unknown keys: tur\.example\/witness/);

  // Every changed byte fails.
  const keys: ReceiptKeys = { logVkey: LOG.vkey, witnessVkeys: witnesses.map((w) => w.vkey), quorum: 2, orgKeys: [orgVkey] };
  const bytes = new Uint8Array(readFileSync(file));
  assert.equal(verifyReceipt(nodeCrypto, bytes, keys).cosigners.length, 3);
  for (let i = 0; i < bytes.length; i++) {
    const copy = bytes.slice();
    copy[i]! ^= 1 << (i % 8);
    assert.throws(() => verifyReceipt(nodeCrypto, copy, keys), VerificationError, `byte ${i}`);
  }
});
