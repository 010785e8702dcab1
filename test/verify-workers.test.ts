// `annex verify` with entry signatures checked on worker threads gives the
// same report as with them checked on the main thread, on a store built
// through the services: clean, and with one entry's signature forged, which
// is still reported as a signature problem with its index. Batches of 7
// entries, so registrations and the entries signed with the keys they
// register fall into batches the pool receives before the replay has seen
// the registrations (the key is then a guess; see src/verify/signature-pool.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sql } from 'kysely';
import { utf8 } from '../src/ledger/bytes.js';
import { MerkleHasher } from '../src/ledger/hasher.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { toViewer } from '../src/services/auth.js';
import { fileIncident } from '../src/services/incidents.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import { findUserById } from '../src/store/repositories/accounts.js';
import { verifyStore, type VerifyReport } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';

let env: TestEnv;

before(async () => {
  env = await openTestEnv();
  const s = env.services;
  await createWorkspace(s, { name: 'Workers', origin: 'workers.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await addUser(s, 'system', { id: 'pak-liaison', org: 'PAK', display_name: 'PAK liaison', roles: ['liaison'] });
  await registerOrganisation(s, 'system', { id: 'IND', kind: 'party', name: 'India' });
  await configureWorkspace(s, 'system', { clauses: [{ id: 'A.1', title: 'Cessation of fire', text: 'All firing stops.' }] });
  const pak = toViewer((await findUserById(s.db, 'pak-liaison'))!);
  await Promise.all(Array.from({ length: 40 }, (_, i) => fileIncident(s, pak, {
    title: `Small-arms fire near Wagah, report ${i}`, channel: 'party', visibility: i % 3 === 0 ? 'public' : 'parties', accused_party: 'IND',
    clause_refs: ['A.1'], category: 'offensive_fire', event_date: '2025-10-19', time_precision: 1, notes: 'Shots fired across the line at dusk.',
    place: { country: 'Pakistan', location: 'Wagah', latitude: 31.6047, longitude: 74.5729, geo_precision: 1 },
    ...(i % 4 === 0 ? { complainant_identity: `A farmer in Attari (${i})` } : {}),
  })));
  await env.integrator.integrate();
});
after(() => env.close());

function verify(workers: number): Promise<VerifyReport> {
  return verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs'), batchSize: 7, workers });
}

/** The report without its timings. */
function findings(r: VerifyReport): Omit<VerifyReport, 'seconds' | 'entriesPerSecond'> {
  const { seconds: _s, entriesPerSecond: _e, ...rest } = r;
  return rest;
}

test('a clean store: the same report with signatures checked on two workers as on the main thread', async () => {
  const single = await verify(0);
  assert.equal(single.ok, true, single.problems.map((p) => p.message).join('\n'));
  assert.ok(single.size > 50, `store of ${single.size} entries`);
  assert.equal(single.counts.signatures, single.size);
  assert.deepEqual(findings(await verify(2)), findings(single));
});

test('a forged signature is reported with its index by both paths, identically', async () => {
  // An incident filing half way through: signed by PAK, with a key registered in an earlier batch.
  const target = (await sql<{ idx: number; bytes: Uint8Array }>`
    SELECT idx, bytes FROM ledger_entries WHERE type = 'incident.filed' ORDER BY idx OFFSET 20 LIMIT 1`.execute(env.store.db)).rows[0]!;
  const idx = Number(target.idx);
  const text = Buffer.from(target.bytes).toString('utf8');
  const at = text.lastIndexOf(',"sig":"') + ',"sig":"'.length;
  // Another valid-looking signature: strict base64 of 64 bytes, and the leaf hash to match, so only the signature is wrong.
  const forged = utf8(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
  const leaf = new MerkleHasher(nodeCrypto).hashLeaf(forged);
  await sql`UPDATE ledger_entries SET bytes = ${forged}, leaf_hash = ${leaf} WHERE idx = ${idx}`.execute(env.store.db);
  try {
    const single = await verify(0);
    const pooled = await verify(2);
    for (const r of [single, pooled]) {
      assert.equal(r.ok, false);
      const sig = r.problems.filter((p) => p.kind === 'signature');
      assert.deepEqual(sig.map((p) => [p.idx, p.message]), [[idx, `entry ${idx} (incident.filed): signature by org "PAK" does not verify`]]);
      assert.equal(r.counts.signatures, r.size - 1);
    }
    assert.deepEqual(findings(pooled), findings(single));
  } finally {
    await sql`UPDATE ledger_entries SET bytes = ${target.bytes}, leaf_hash = ${new MerkleHasher(nodeCrypto).hashLeaf(target.bytes)} WHERE idx = ${idx}`.execute(env.store.db);
  }
  assert.equal((await verify(2)).ok, true, 'restored');
});
