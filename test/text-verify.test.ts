// `annex verify` covers negotiation texts: a store with a text, three
// versions, acceptances, a retraction and agenda items verifies clean, and a
// forged acceptance is caught however it is forged — a row inserted into
// text_actions, a version's positions edited, an entry whose org was altered,
// or an entry properly signed by the operator's own key claiming an
// acceptance it may not make. One env; each test tampers, verifies, restores.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { sql } from 'kysely';
import { canonicalize } from '../src/ledger/canonical-json.js';
import { sealBody, signEntry, type UnsignedEntry } from '../src/ledger/entry.js';
import { formatVerifyReport, verifyStore, type ProblemKind } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let id: string;
let v3: string;
/** Entry indexes: PAK's acceptance of v3, AFG's acceptance and retraction. */
const idx = { pakAccept: 0, afgAccept: 0, afgRetract: 0 };

async function exec(query: ReturnType<typeof sql>): Promise<void> {
  await query.execute(env.store.db);
}

async function size(): Promise<number> {
  return Number((await sql<{ size: number }>`SELECT size FROM ledger_head`.execute(env.store.db)).rows[0]!.size);
}

function verify() {
  return verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
}

async function problems(kinds: ProblemKind[]): Promise<string[]> {
  const r = await verify();
  assert.equal(r.ok, false, 'tampering must be found');
  for (const k of kinds) assert.ok(r.problems.some((p) => p.kind === k), `expected a ${k} problem in:\n${formatVerifyReport(r, 'test')}`);
  return r.problems.map((p) => p.message);
}

function has(lines: string[], pattern: RegExp): void {
  assert.ok(lines.some((l) => pattern.test(l)), `no line matches ${pattern}:\n${lines.join('\n')}`);
}

async function expectClean() {
  const r = await verify();
  assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
  return r;
}

const clauses = (n: number) => [{ id: 'S', title: 'Scope', text: `Version ${n} of the scope.` }, { id: 'G', text: 'Armed groups.' }];

before(async () => {
  env = await openTestEnv();
  // No checkpoints: entries this file appends by hand are then checked by signature and replay alone.
  await env.integrator.stop();
  u = await seedWorkspace(env);
  id = (await call(env, u.tur, 'POST', '/api/texts', { title: 'Verification annex' })).body.text.id;
  for (const n of [1, 2, 3]) {
    const r = await call(env, n === 2 ? u.pak : u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: clauses(n), final: n === 3 });
    assert.equal(r.status, 201);
    v3 = r.body.version.hash;
  }
  const act = async (who: 'afg' | 'pak', action: string) => {
    const r = await call(env, u[who], 'POST', `/api/texts/${id}/actions`, { action, version: 3, hash: v3 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.entry.index as number;
  };
  idx.pakAccept = await act('pak', 'accept');
  idx.afgAccept = await act('afg', 'accept');
  idx.afgRetract = await act('afg', 'retract');
  const item = await call(env, u.afg, 'POST', '/api/agenda', { document_id: id, title: 'Late item', text: 'Raised after the final version.' });
  await call(env, u.sec, 'POST', `/api/agenda/${item.body.item.id}/ruling`, { mandate: 'out_of_mandate', reason: 'Outside the mechanism.' });
});
after(() => env.close());

test('a store with texts verifies clean, and every text table is compared', async () => {
  const r = await expectClean();
  assert.equal(r.counts.rows.text_documents, 1);
  assert.equal(r.counts.rows.text_versions, 3);
  assert.equal(r.counts.rows.text_actions, 6, 'three proposals, two acceptances, one retraction');
  assert.equal(r.counts.rows.text_agenda_items, 1);
});

test('a forged acceptance inserted into text_actions is reported', async () => {
  await exec(sql`INSERT INTO text_actions (idx, document_id, version, hash, action, org, user_id, at, note, visibility)
    VALUES (100000, ${id}, 3, ${v3}, 'accept', 'AFG', 'afg', '2025-10-20T09:00:00Z', null, 'parties')`);
  assert.deepEqual(await problems(['inserted']), ['text_actions 100000: row is in the table but no entry produced it']);
  await exec(sql`DELETE FROM text_actions WHERE idx = 100000`);

  // Or the retraction deleted, to make the acceptance stand.
  const saved = (await sql<Record<string, unknown>>`SELECT * FROM text_actions WHERE idx = ${idx.afgRetract}`.execute(env.store.db)).rows[0]!;
  await exec(sql`DELETE FROM text_actions WHERE idx = ${idx.afgRetract}`);
  assert.deepEqual(await problems(['deleted']), [`text_actions ${idx.afgRetract}: row is missing but entry ${idx.afgRetract} (text.retracted) wrote it`]);
  await exec(sql`INSERT INTO text_actions (idx, document_id, version, hash, action, org, user_id, at, note, visibility)
    VALUES (${saved.idx}, ${saved.document_id}, ${saved.version}, ${saved.hash}, ${saved.action}, ${saved.org}, ${saved.user_id}, ${saved.at}, ${saved.note}, ${saved.visibility})`);
  await expectClean();
});

test('a version marked agreed behind the system\'s back is reported with the entry it contradicts', async () => {
  await exec(sql`UPDATE text_versions SET agreed = true, positions = jsonb_set(positions, '{AFG,position}', '"accepted"') WHERE id = ${`${id}/v3`}`);
  await exec(sql`UPDATE text_documents SET agreed_version = 3 WHERE id = ${id}`);
  const lines = await problems(['changed']);
  const by = `entry ${idx.afgRetract} (text.retracted)`;
  has(lines, new RegExp(`^text_versions ${id}/v3: agreed is true but ${by.replace(/[()]/g, '\\$&')} says false$`));
  has(lines, new RegExp(`^text_versions ${id}/v3: positions\\.AFG\\.position is "accepted" but .* says "retracted"$`));
  has(lines, new RegExp(`^text_documents ${id}: agreed_version is 3 but .* says null$`));
  await exec(sql`UPDATE text_versions SET agreed = false, positions = jsonb_set(positions, '{AFG,position}', '"retracted"') WHERE id = ${`${id}/v3`}`);
  await exec(sql`UPDATE text_documents SET agreed_version = null WHERE id = ${id}`);
  await expectClean();
});

test('an acceptance whose org was altered in the entry fails its signature', async () => {
  const swap = (from: string, to: string) =>
    exec(sql`UPDATE ledger_entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), ${from}, ${to}), 'UTF8') WHERE idx = ${idx.pakAccept}`);
  // PAK's acceptance relabelled as AFG's: AFG's key does not verify PAK's signature.
  await swap('"org":"PAK"', '"org":"AFG"');
  await exec(sql`UPDATE ledger_entries SET org = 'AFG' WHERE idx = ${idx.pakAccept}`);
  const lines = await problems(['signature']);
  has(lines, new RegExp(`^entry ${idx.pakAccept} \\(text\\.accepted\\): signature by org "AFG" does not verify$`));
  await swap('"org":"AFG"', '"org":"PAK"');
  await exec(sql`UPDATE ledger_entries SET org = 'PAK' WHERE idx = ${idx.pakAccept}`);
  await expectClean();
});

test('an acceptance signed with the operator\'s own key is valid as a signature but not as an acceptance', async () => {
  // The secretariat runs the server and holds its own key: it can append an entry it really signed.
  // The entry claims an acceptance of v3 by SEC, which is not a party; the replay refuses it.
  const n = await size();
  const body = { version: 3, hash: v3 };
  const sealed = sealBody(env.services.crypto, body);
  const unsigned: UnsignedEntry = {
    v: 1, type: 'text.accepted', at: '2025-10-20T09:30:00.000Z', org: 'SEC', user: 'sec', subject: id, sealed: sealed.sealed, vis: 'parties',
  };
  const { entry, bytes } = signEntry(env.services.crypto, unsigned, env.services.keys.orgSeed('SEC'));
  const leaf = env.services.hasher.hashLeaf(bytes);
  await exec(sql`INSERT INTO ledger_entries (idx, bytes, leaf_hash, type, subject, org, at)
    VALUES (${n}, ${bytes}, ${leaf}, ${entry.type}, ${entry.subject}, ${entry.org}, ${entry.at})`);
  await exec(sql`INSERT INTO ledger_seals (idx, salt, body) VALUES (${n}, ${sealed.salt}, ${canonicalize(body)})`);
  await exec(sql`UPDATE ledger_head SET size = ${n + 1}`);
  try {
    const lines = await problems(['replay']);
    has(lines, new RegExp(`^entry ${n} \\(text\\.accepted\\): .*SEC is not a party to this text`));
  } finally {
    await exec(sql`DELETE FROM ledger_seals WHERE idx = ${n}`);
    await exec(sql`DELETE FROM ledger_entries WHERE idx = ${n}`);
    await exec(sql`UPDATE ledger_head SET size = ${n}`);
  }
  await expectClean();
});

test('a version whose clauses were edited in the table is reported against the entry that proposed them', async () => {
  await exec(sql`UPDATE text_versions SET clauses = jsonb_set(clauses, '{0,text}', '"A quieter scope."') WHERE id = ${`${id}/v3`}`);
  has(await problems(['changed']), new RegExp(`^text_versions ${id}/v3: clauses\\[0\\]\\.text is "A quieter scope\\." but .* says "Version 3 of the scope\\."$`));
  await exec(sql`UPDATE text_versions SET clauses = jsonb_set(clauses, '{0,text}', '"Version 3 of the scope."') WHERE id = ${`${id}/v3`}`);
  await expectClean();
});
