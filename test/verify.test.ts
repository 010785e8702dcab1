// `annex verify` against a real store built through the services: a clean
// store verifies with zero problems, and every kind of tampering behind the
// system's back (projected rows, sealed bodies, entry bytes, leaf hashes,
// the sequence, checkpoints, tiles, evidence files) is caught and named.
// One env for the file: each test tampers, verifies, then restores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { PROJECTED_TABLES } from '../src/domain/projection.js';
import { signCheckpoint } from '../src/ledger/checkpoint.js';
import { cosign, generateCosignerKey, parseCosignerSignerKey } from '../src/ledger/cosignature.js';
import { integrateStep } from '../src/log/integrate.js';
import { toViewer } from '../src/services/auth.js';
import { fileIncident } from '../src/services/incidents.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import { findUserById } from '../src/store/repositories/accounts.js';
import { formatVerifyReport, verifyStore, VerifySetupError, type ProblemKind, type VerifyOptions, type VerifyReport } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';

const ORIGIN = 'verify.annex.example/log';
let env: TestEnv;
/** Index of each entry by what it did, for the assertions. */
const at = { pakRegistered: 0, pakLiaison: 0, configured: 0, filed: 0, last: 0 };

async function size(): Promise<number> {
  const r = await sql<{ size: number }>`SELECT size FROM ledger_head`.execute(env.store.db);
  return Number(r.rows[0]!.size);
}

async function integrate(): Promise<void> {
  await integrateStep(env.services, {}, 4096);
}

before(async () => {
  env = await openTestEnv();
  // Checkpoints at sizes this file chooses: stop the background integrator and run its steps by hand.
  await env.integrator.stop();
  const s = env.services;
  await createWorkspace(s, { name: 'Verify', origin: ORIGIN, secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  at.pakRegistered = await size();
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await registerOrganisation(s, 'system', { id: 'IND', kind: 'party', name: 'India' });
  at.pakLiaison = await size();
  await addUser(s, 'system', { id: 'pak-liaison', org: 'PAK', display_name: 'PAK liaison', roles: ['liaison'] });
  await addUser(s, 'system', { id: 'ind-liaison', org: 'IND', display_name: 'IND liaison', roles: ['liaison'] });
  at.configured = await size();
  await configureWorkspace(s, 'system', { clauses: [{ id: 'A.1', title: 'Cessation of fire', text: 'All firing stops.' }] });
  await integrate(); // checkpoint 7
  await addUser(s, 'system', { id: 'sec-admin', org: 'SEC', display_name: 'SEC admin', roles: ['secretariat', 'admin'] });
  await integrate(); // checkpoint 8
  // An incident: dates, timestamps, doubles and jsonb in its row; its complainant's identity sealed to the mediators.
  at.filed = await size();
  const pak = toViewer((await findUserById(s.db, 'pak-liaison'))!);
  await fileIncident(s, pak, {
    title: 'Small-arms fire near Wagah', channel: 'party', visibility: 'public', accused_party: 'IND', clause_refs: ['A.1'],
    category: 'offensive_fire', event_date: '2025-10-19', time_precision: 1, notes: 'Shots fired across the line at dusk.',
    place: { country: 'Pakistan', location: 'Wagah', latitude: 31.6047, longitude: 74.5729, geo_precision: 1 },
    complainant_identity: 'A farmer in Attari',
  });
  at.last = await size();
  // Not yet integrated: the stored partial tile must be a prefix of what the entries give.
  await configureWorkspace(s, 'system', { crossings: [{ id: 'wagah', name: 'Wagah', latitude: 31.6, longitude: 74.57, sides: ['Attari', 'Wagah'] }] });
});
after(() => env.close());

function verify(extra: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs'), batchSize: 3, ...extra });
}

async function exec(query: ReturnType<typeof sql>): Promise<void> {
  await query.execute(env.store.db);
}

/** Verify, expect problems, and return them as lines; each expected kind must be among them. */
async function problems(kinds: ProblemKind[]): Promise<string[]> {
  const r = await verify();
  assert.equal(r.ok, false, 'tampering must be found');
  for (const k of kinds) assert.ok(r.problems.some((p) => p.kind === k), `expected a ${k} problem in:\n${formatVerifyReport(r, 'test')}`);
  return r.problems.map((p) => p.message);
}

function has(lines: string[], pattern: RegExp): void {
  assert.ok(lines.some((l) => pattern.test(l)), `no line matches ${pattern}:\n${lines.join('\n')}`);
}

async function expectClean(): Promise<VerifyReport> {
  const r = await verify();
  assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
  assert.equal(r.ok, true);
  return r;
}

test('a clean store verifies with zero problems, and the report counts what it checked', async () => {
  const r = await expectClean();
  const n = await size();
  assert.equal(r.size, n);
  assert.equal(r.counts.entries, n);
  assert.equal(r.counts.signatures, n);
  assert.equal(r.counts.replayed, n);
  assert.equal(r.counts.sealed, 4, 'three user.added (visibility parties) and the complainant identity (mediators)');
  assert.equal(r.counts.sealsOpened, 4);
  assert.equal(r.counts.checkpoints, 2);
  assert.equal(r.counts.tiles, 1, 'one level-0 tile, stored at width 8, a prefix of the 9 leaves');
  // Every projected table is compared, including ones added after this test was written.
  assert.deepEqual(Object.keys(r.counts.rows).sort(), Object.keys(PROJECTED_TABLES).sort());
  assert.deepEqual([r.counts.rows.workspace, r.counts.rows.organisations, r.counts.rows.users, r.counts.rows.incidents, r.counts.rows.incident_events], [1, 3, 3, 1, 2]);
  const sec = env.services.keys.orgVerifierKey('SEC');
  assert.deepEqual(r.genesis, { org: 'SEC', vkey: sec, keyId: sec.split('+')[1] });
  assert.match(formatVerifyReport(r, 'here'), /genesis\s+SEC, key [0-9a-f]{8} \(SEC\+/);
  assert.ok(r.entriesPerSecond > 0);
});

test('--genesis-vkey pins the genesis key; a bad --log-vkey is a setup error', async () => {
  assert.equal((await verify({ genesisVkey: env.services.keys.orgVerifierKey('SEC') })).ok, true);
  const r = await verify({ genesisVkey: env.services.keys.orgVerifierKey('PAK') });
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.kind, 'genesis');
  assert.match(r.problems[0]!.message, /^entry 0 \(org\.registered\): genesis key SEC\+[0-9a-f]{8} is not the pinned --genesis-vkey PAK\+/);
  await assert.rejects(verify({ logVkey: 'not-a-key' }), VerifySetupError);
  await assert.rejects(verify({ keysDir: join(env.dir, 'no-such-keys') }), /signed checkpoints but no log verifier key/);
  // The right key given explicitly works without the keys directory.
  assert.equal((await verify({ keysDir: undefined, logVkey: env.services.keys.logVerifierKey(ORIGIN) })).ok, true);
});

test('an edited projected row is reported with the column and the entry it contradicts', async () => {
  await exec(sql`UPDATE users SET display_name = 'Mallory' WHERE id = 'pak-liaison'`);
  const lines = await problems(['changed']);
  assert.deepEqual(lines, [`users pak-liaison: display_name is "Mallory" but entry ${at.pakLiaison} (user.added) says "PAK liaison"`]);
  await exec(sql`UPDATE users SET display_name = 'PAK liaison' WHERE id = 'pak-liaison'`);

  // jsonb: a changed deadline inside the workspace config; key order in jsonb never matters.
  await exec(sql`UPDATE workspace SET config = jsonb_set(config, '{deadlines_hours,triage}', '1')`);
  assert.deepEqual(await problems(['changed']), [`workspace 1: config.deadlines_hours.triage is 1 but entry ${at.last} (workspace.configured) says 48`]);
  await exec(sql`UPDATE workspace SET config = jsonb_set(config, '{deadlines_hours,triage}', '48')`);
  await expectClean();
});

test('an incident edited behind the system\'s back is named with the entry that last wrote it', async () => {
  const id = 'INC-2025-0001';
  await exec(sql`UPDATE incidents SET status = 'closed', latitude = 31.7, event_date = '2025-10-18' WHERE id = ${id}`);
  const lines = await problems(['changed']);
  const by = `entry ${at.filed + 1} (incident.complainant_recorded)`;
  assert.deepEqual(lines.sort(), [
    `incidents ${id}: event_date is "2025-10-18" but ${by} says "2025-10-19"`,
    `incidents ${id}: latitude is 31.7 but ${by} says 31.6047`,
    `incidents ${id}: status is "closed" but ${by} says "received"`,
  ]);
  await exec(sql`UPDATE incidents SET status = 'received', latitude = 31.6047, event_date = '2025-10-19' WHERE id = ${id}`);

  // The sealed record's audience is signed in the entry ("vis"): widening it breaks the signature.
  const widen = (from: string, to: string) =>
    exec(sql`UPDATE ledger_entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), ${from}, ${to}), 'UTF8') WHERE idx = ${at.filed + 1}`);
  await widen('"vis":"mediators"', '"vis":"parties"');
  has(await problems(['signature']), new RegExp(`^entry ${at.filed + 1} \\(incident\\.complainant_recorded\\): signature by org "[A-Z]+" does not verify$`));
  await widen('"vis":"parties"', '"vis":"mediators"');
  await expectClean();
});

test('an inserted row and a deleted row are reported', async () => {
  await exec(sql`INSERT INTO users (id, org, username, display_name, roles, active, entry_index)
    VALUES ('mallory', 'PAK', 'mallory', 'Mallory', '["admin"]', true, 3)`);
  assert.deepEqual(await problems(['inserted']), ['users mallory: row is in the table but no entry produced it']);
  await exec(sql`DELETE FROM users WHERE id = 'mallory'`);

  const saved = await sql<Record<string, unknown>>`SELECT * FROM organisations WHERE id = 'IND'`.execute(env.store.db);
  await exec(sql`DELETE FROM organisations WHERE id = 'IND'`);
  assert.deepEqual(await problems(['deleted']), [`organisations IND: row is missing but entry ${at.pakRegistered + 1} (org.registered) wrote it`]);
  const row = saved.rows[0]!;
  await exec(sql`INSERT INTO organisations (id, kind, name, vkey, entry_index) VALUES (${row.id}, ${row.kind}, ${row.name}, ${row.vkey}, ${row.entry_index})`);
  await expectClean();
});

test('a sealed body edited in ledger_seals does not open its commitment', async () => {
  const idx = at.pakLiaison;
  await exec(sql`UPDATE ledger_seals SET body = replace(body, 'PAK liaison', 'PAK general') WHERE idx = ${idx}`);
  const lines = await problems(['seal', 'inserted']);
  has(lines, new RegExp(`^entry ${idx} \\(user\\.added\\): the stored salt and body do not open its commitment sealed=[0-9a-f]{16}…$`));
  has(lines, /^users pak-liaison: row is in the table but no entry produced it$/); // the entry could not be replayed
  await exec(sql`UPDATE ledger_seals SET body = replace(body, 'PAK general', 'PAK liaison') WHERE idx = ${idx}`);

  const saved = await sql<{ salt: Uint8Array; body: string }>`SELECT salt, body FROM ledger_seals WHERE idx = ${idx}`.execute(env.store.db);
  await exec(sql`DELETE FROM ledger_seals WHERE idx = ${idx}`);
  has(await problems(['seal']), new RegExp(`^entry ${idx} \\(user\\.added\\): sealed body is missing from ledger_seals`));
  const s = saved.rows[0]!;
  await exec(sql`INSERT INTO ledger_seals (idx, salt, body) VALUES (${idx}, ${s.salt}, ${s.body})`);
  await expectClean();
});

test('changed entry bytes fail the signature, the leaf hash, the checkpoints and the tiles', async () => {
  const idx = at.pakRegistered;
  await exec(sql`UPDATE ledger_entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), 'Pakistan', 'Pakistam'), 'UTF8') WHERE idx = ${idx}`);
  const lines = await problems(['signature', 'leaf', 'checkpoint', 'tile', 'inserted']);
  has(lines, new RegExp(`^entry ${idx} \\(org\\.registered\\): signature by org "SEC" does not verify$`));
  has(lines, new RegExp(`^entry ${idx} \\(org\\.registered\\): leaf_hash is not SHA-256\\(0x00 \\|\\| entry bytes\\)`));
  has(lines, /^checkpoint 7: signed root \S+ is not the root of entries 0\.\.6 \(\S+\)$/);
  has(lines, /^tile\/0\/000: stored hashes \(width 8\) differ from the tile the entries produce$/);
  has(lines, /^organisations PAK: row is in the table but no entry produced it$/);
  await exec(sql`UPDATE ledger_entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), 'Pakistam', 'Pakistan'), 'UTF8') WHERE idx = ${idx}`);

  await exec(sql`UPDATE ledger_entries SET subject = 'workspace' WHERE idx = ${idx}`);
  assert.deepEqual(await problems(['entry']), [`entry ${idx} (org.registered): column subject is "workspace" but the entry bytes say "PAK"`]);
  await exec(sql`UPDATE ledger_entries SET subject = 'PAK' WHERE idx = ${idx}`);
  await expectClean();
});

test('a changed leaf hash is named (the tree is computed from the bytes, so only the column is wrong)', async () => {
  const saved = await sql<{ leaf_hash: Uint8Array }>`SELECT leaf_hash FROM ledger_entries WHERE idx = 3`.execute(env.store.db);
  await exec(sql`UPDATE ledger_entries SET leaf_hash = sha256('forged') WHERE idx = 3`);
  assert.deepEqual(await problems(['leaf']), ['entry 3 (org.registered): leaf_hash is not SHA-256(0x00 || entry bytes) (RFC 9162 §2.1.1)']);
  await exec(sql`UPDATE ledger_entries SET leaf_hash = ${saved.rows[0]!.leaf_hash} WHERE idx = 3`);
  await expectClean();
});

test('a deleted last entry breaks the sequence and leaves its rows unexplained', async () => {
  const last = (await size()) - 1;
  const saved = (await sql<Record<string, unknown>>`SELECT * FROM ledger_entries WHERE idx = ${last}`.execute(env.store.db)).rows[0]!;
  await exec(sql`DELETE FROM ledger_entries WHERE idx = ${last}`);
  const lines = await problems(['sequence', 'changed']);
  has(lines, new RegExp(`^ledger_entries: entry ${last} is missing \\(ledger_head.size is ${last + 1}\\)$`));
  has(lines, new RegExp(`^workspace 1: entry_index is ${last} but entry ${at.configured} \\(workspace\\.configured\\) says ${at.configured}$`));
  await exec(sql`INSERT INTO ledger_entries (idx, bytes, leaf_hash, type, subject, org, at)
    VALUES (${saved.idx}, ${saved.bytes}, ${saved.leaf_hash}, ${saved.type}, ${saved.subject}, ${saved.org}, ${saved.at})`);
  await expectClean();
});

test('a checkpoint with a wrong root or a wrong signature is reported', async () => {
  const cp = (await sql<{ note: string; root: Uint8Array }>`SELECT note, root FROM log_checkpoints WHERE size = 8`.execute(env.store.db)).rows[0]!;
  const wrongRoot = new Uint8Array(32).fill(7);
  const forged = signCheckpoint(env.services.crypto, { origin: ORIGIN, size: 8, root: wrongRoot }, env.services.keys.logKey(ORIGIN));
  await exec(sql`UPDATE log_checkpoints SET note = ${forged}, root = ${wrongRoot} WHERE size = 8`);
  assert.deepEqual(await problems(['checkpoint']), [
    `checkpoint 8: signed root ${Buffer.from(wrongRoot).toString('base64')} is not the root of entries 0..7 (${Buffer.from(cp.root).toString('base64')})`,
  ]);
  // Flip one signature byte: the log key's line no longer verifies.
  const lines = cp.note.split('\n');
  const sigLine = lines.findIndex((l) => l.startsWith('\u2014 '));
  const b64 = lines[sigLine]!.split(' ')[2]!;
  const bytes = Buffer.from(b64, 'base64');
  bytes[10]! ^= 1;
  lines[sigLine] = lines[sigLine]!.replace(b64, bytes.toString('base64'));
  await exec(sql`UPDATE log_checkpoints SET note = ${lines.join('\n')}, root = ${cp.root} WHERE size = 8`);
  has(await problems(['checkpoint']), /^checkpoint 8: invalid signature for key verify\.annex\.example\/log\+[0-9a-f]{8}$/);
  await exec(sql`UPDATE log_checkpoints SET note = ${cp.note} WHERE size = 8`);
  await expectClean();
});

test('a published checkpoint must be the stored checkpoint of its size, signed by the log; its cosignature lines ride along', async () => {
  const cp = (await sql<{ note: string }>`SELECT note FROM log_checkpoints WHERE size = 8`.execute(env.store.db)).rows[0]!;
  const witness = generateCosignerKey(env.services.crypto, 'witness.example/w1');
  const body = cp.note.split('\n\u2014')[0]!; // the checkpoint text, ending in a newline
  const cosig = cosign(body, parseCosignerSignerKey(env.services.crypto, witness.skey), 1_760_950_000); // verify does not need the witness's key
  await exec(sql`INSERT INTO log_published (size, note, published_at) VALUES (8, ${cp.note + cosig}, '2025-10-20T09:00:00.000Z')`);
  assert.equal((await expectClean()).counts.published, 1);
  // A "published" tree the log never had, validly signed by the log key.
  const forged = signCheckpoint(env.services.crypto, { origin: ORIGIN, size: 8, root: new Uint8Array(32).fill(9) }, env.services.keys.logKey(ORIGIN));
  await exec(sql`UPDATE log_published SET note = ${forged + cosig} WHERE size = 8`);
  has(await problems(['checkpoint']), /^published checkpoint 8: root \S+ is not the stored checkpoint's \S+$/);
  // A note not signed by the log at all.
  await exec(sql`UPDATE log_published SET note = ${`${body}\n${cosig}`} WHERE size = 8`);
  has(await problems(['checkpoint']), /^published checkpoint 8: note has no verifiable signatures$/);
  await exec(sql`DELETE FROM log_published`);
  await expectClean();
});

test('a changed or missing hash tile is reported', async () => {
  const tile = (await sql<{ bytes: Uint8Array }>`SELECT bytes FROM log_tiles WHERE level = 0 AND idx = 0`.execute(env.store.db)).rows[0]!;
  await exec(sql`UPDATE log_tiles SET bytes = set_byte(bytes, 40, get_byte(bytes, 40) # 1) WHERE level = 0 AND idx = 0`);
  assert.deepEqual(await problems(['tile']), ['tile/0/000: stored hashes (width 8) differ from the tile the entries produce']);
  await exec(sql`DELETE FROM log_tiles WHERE level = 0 AND idx = 0`);
  assert.deepEqual(await problems(['tile']), ['tile/0/000: the latest checkpoint (size 8) needs 8 hashes but the tile is not stored']);
  await exec(sql`INSERT INTO log_tiles (level, idx, width, bytes) VALUES (0, 0, 8, ${tile.bytes})`);
  await expectClean();
});

test('every evidence row needs its blob, and the blob must hash to its sha256', async () => {
  const blobs = join(env.dir, 'blobs');
  mkdirSync(blobs, { recursive: true });
  const content = Buffer.from('photo of a shell crater');
  const sha = createHash('sha256').update(content).digest('hex');
  await exec(sql`INSERT INTO evidence (id, incident_id, sha256, size, media_type, kind, original_name, visibility, sealed,
      disclosed, redacted_of, lodged_org, lodged_at, record, entry_index)
    VALUES ('EV-1', 'INC-2025-0001', ${sha}, ${content.length}, 'image/jpeg', 'photo', 'crater.jpg', 'parties', true,
      false, null, 'PAK', now(), '{}', 4)`);
  try {
    let r = await verify();
    // The row itself is unexplained (no evidence entries yet), but its blob is checked.
    assert.equal(r.counts.blobs, 0);
    assert.ok(r.problems.some((p) => p.kind === 'blob' && p.message === `evidence EV-1 (entry 4): blob ${sha} is missing from ${blobs}`));
    writeFileSync(join(blobs, sha), content);
    r = await verify();
    assert.equal(r.counts.blobs, 1);
    assert.ok(!r.problems.some((p) => p.kind === 'blob'));
    writeFileSync(join(blobs, sha), 'a different photo');
    r = await verify();
    assert.ok(r.problems.some((p) => p.kind === 'blob' && /^evidence EV-1 \(entry 4\): blob [0-9a-f]{64} hashes to [0-9a-f]{64} \(swapped or corrupted\)$/.test(p.message)));
  } finally {
    await exec(sql`DELETE FROM evidence WHERE id = 'EV-1'`);
    rmSync(join(blobs, sha), { force: true });
  }
  await expectClean();
});

test('problems are capped in the report but all counted', async () => {
  await exec(sql`UPDATE users SET display_name = display_name || '!', active = false`);
  const r = await verify({ maxProblems: 4 });
  assert.equal(r.problemCount, 6);
  assert.equal(r.problems.length, 4);
  assert.match(formatVerifyReport(r, 'test', 3), /\n {2}… and 3 more/);
  await exec(sql`UPDATE users SET display_name = left(display_name, -1), active = true`);
  await expectClean();
});
