// Negotiation texts through the HTTP API: a draft in three versions, the
// agreement-by-hash rule ("accepted v3 at 02:14, retracted at 02:21" is
// provable from the signed entries), the clause diff with who proposed each
// change, agenda items (late ones flagged, mandate rulings), publication,
// and the 4xx answers for client mistakes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { versionHash, type ClauseNode } from '../src/domain/text.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { checkDisclosure, verifyEntry } from '../src/ledger/entry.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let id: string;
const hashes: Record<number, string> = {};

const V1: ClauseNode[] = [
  { id: 'S', title: 'Scope', text: 'The mechanism verifies the ceasefire.' },
  { id: 'G', title: 'Armed groups', text: 'Each party acts against armed groups on its soil.' },
  { id: 'P', title: 'Penalties', text: 'A signed finding triggers the agreed consequence.' },
];
const V2: ClauseNode[] = [
  V1[0]!,
  { id: 'G', title: 'Armed groups', text: 'Each party acts against armed groups on its soil within 30 days, with indicators.' },
  { id: 'E', title: 'Evidence', text: 'Evidence is lodged through the mechanism and hashed on receipt.' },
  V1[2]!,
];
const V3: ClauseNode[] = [
  V2[0]!,
  V2[1]!,
  { id: 'A', title: 'Airspace', text: 'Each party respects the airspace of the other.', children: [{ id: 'A.1', text: 'Drone flights count as violations.' }] },
  V2[3]!,
];

const at = (hhmm: string) => {
  env.clock.now = new Date(`2025-11-23T${hhmm}:00.000Z`);
};

async function ledgerSize(): Promise<number> {
  return Number((await sql<{ size: number }>`SELECT size FROM ledger_head`.execute(env.store.db)).rows[0]!.size);
}

before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-21T09:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

describe('a draft in three versions', () => {
  test('the mediators open a text; its parties default to every party organisation', async () => {
    const r = await call(env, u.tur, 'POST', '/api/texts', { title: 'Verification annex (draft)', description: 'Modalities of the mechanism.' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    id = r.body.text.id;
    assert.match(id, /^TXT-2025-0001$/);
    assert.deepEqual(r.body.text.parties, ['AFG', 'PAK']);
    assert.equal(r.body.text.visibility, 'parties');
    assert.equal(r.body.text.latest_version, 0);
    assert.equal(r.body.entry.type, 'text.document_created');
  });

  test('a party named twice is a client mistake, said in the request\'s own terms; nothing is recorded', async () => {
    const before = await ledgerSize();
    const r = await call(env, u.tur, 'POST', '/api/texts', { title: 'Twice', parties: ['AFG', 'AFG'] });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.message, 'body.parties: name each party once');
    assert.equal(await ledgerSize(), before);
  });

  test('versions are numbered in order and hashed over document, number and clauses', async () => {
    const v1 = await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: V1 });
    assert.equal(v1.status, 201, JSON.stringify(v1.body));
    assert.equal(v1.body.version.number, 1);
    assert.equal(v1.body.version.hash, versionHash(id, 1, V1));
    assert.deepEqual(v1.body.version.positions.map((p: { org: string; position: string }) => [p.org, p.position]), [['AFG', 'pending'], ['PAK', 'pending']]);
    hashes[1] = v1.body.version.hash;
    env.clock.now = new Date('2025-11-22T15:00:00.000Z');
    const v2 = await call(env, u.pak, 'POST', `/api/texts/${id}/versions`, { clauses: V2, note: 'Time-bound action' });
    assert.equal(v2.status, 201);
    assert.equal(v2.body.version.proposed_by, 'PAK');
    assert.equal(v2.body.version.based_on, 1);
    hashes[2] = v2.body.version.hash;
    const rejected = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'reject', version: 2, hash: hashes[2], note: 'No airspace clause' });
    assert.equal(rejected.status, 201, JSON.stringify(rejected.body));
    assert.equal(rejected.body.version.positions[0].position, 'rejected');
    at('01:40');
    const v3 = await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: V3, final: true });
    assert.equal(v3.status, 201);
    assert.equal(v3.body.version.final, true);
    assert.equal(v3.body.text.last_final_version, 3);
    hashes[3] = v3.body.version.hash;
    assert.equal(new Set(Object.values(hashes)).size, 3);
    // The version as read returns the same clauses, so anyone can recompute its hash.
    const read = await call(env, u.afg, 'GET', `/api/texts/${id}/versions/3`);
    assert.equal(versionHash(id, 3, read.body.clauses), hashes[3]);
    assert.deepEqual(read.body.actions, ['accept', 'reject']);
  });

  test('an acceptance must name the exact hash of the version', async () => {
    const before = await ledgerSize();
    const stale = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[2] });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error.message, /is not the hash of version 3/);
    const garbage = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: 'not-a-hash' });
    assert.equal(garbage.status, 400);
    const missing = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3 });
    assert.equal(missing.status, 400);
    assert.equal(await ledgerSize(), before, 'refused actions record nothing');
  });

  test('agreed only when every party has accepted that hash; a retraction minutes later undoes it', async () => {
    at('01:55');
    const pak = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] });
    assert.equal(pak.status, 201);
    assert.equal(pak.body.version.agreed, false, 'one party is not agreement');
    assert.equal(pak.body.text.agreed_version, null);
    at('02:14');
    const afg = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] });
    assert.equal(afg.status, 201);
    assert.equal(afg.body.version.agreed, true);
    assert.equal(afg.body.text.agreed_version, 3);
    assert.deepEqual(afg.body.version.actions, ['reject', 'retract']);
    at('02:21');
    const retracted = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'retract', version: 3, hash: hashes[3], note: 'After consulting the capital' });
    assert.equal(retracted.status, 201);
    assert.equal(retracted.body.version.agreed, false);
    assert.equal(retracted.body.text.agreed_version, null);
    assert.deepEqual(retracted.body.version.positions.map((p: { org: string; position: string; at: string }) => [p.org, p.position, p.at]), [
      ['AFG', 'retracted', '2025-11-23T02:21:00.000Z'], ['PAK', 'accepted', '2025-11-23T01:55:00.000Z'],
    ]);
    const doc = await call(env, u.sec, 'GET', `/api/texts/${id}`);
    assert.equal(doc.body.agreed_version, null);
    assert.deepEqual(doc.body.versions.map((v: { agreed: boolean }) => v.agreed), [false, false, false]);
  });

  test('the signed history proves who accepted which hash when, and the entries verify under each party\'s key', async () => {
    const h = await call(env, u.pak, 'GET', `/api/texts/${id}/actions?version=3`);
    assert.equal(h.status, 200);
    assert.deepEqual(h.body.items.map((a: { action: string; org: string; at: string }) => [a.action, a.org, a.at.slice(11, 16)]), [
      ['propose', 'TUR', '01:40'], ['accept', 'PAK', '01:55'], ['accept', 'AFG', '02:14'], ['retract', 'AFG', '02:21'],
    ]);
    const afgAccept = h.body.items[2];
    const row = (await sql<{ bytes: Uint8Array }>`SELECT bytes FROM ledger_entries WHERE idx = ${afgAccept.entry_index}`.execute(env.store.db)).rows[0]!;
    const afgKey = nodeCrypto.ed25519PublicKey(env.services.keys.orgSeed('AFG'));
    const entry = verifyEntry(nodeCrypto, row.bytes, (org) => (org === 'AFG' ? afgKey : undefined));
    assert.deepEqual([entry.type, entry.org, entry.subject, entry.at], ['text.accepted', 'AFG', id, '2025-11-23T02:14:00.000Z']);
    // The body is sealed to the text's audience; its salt and body open the signed commitment to exactly this hash.
    const seal = (await sql<{ salt: Uint8Array; body: string }>`SELECT salt, body FROM ledger_seals WHERE idx = ${afgAccept.entry_index}`.execute(env.store.db)).rows[0]!;
    const body = JSON.parse(seal.body);
    assert.deepEqual(body, { version: 3, hash: hashes[3] });
    assert.ok(checkDisclosure(nodeCrypto, (entry as { sealed: string }).sealed, new Uint8Array(seal.salt), body));
    // Another party's key does not verify AFG's entry.
    const pakKey = nodeCrypto.ed25519PublicKey(env.services.keys.orgSeed('PAK'));
    assert.throws(() => verifyEntry(nodeCrypto, row.bytes, () => pakKey), /does not verify/);
  });

  test('actions must fit the party\'s position; nobody acts for another party', async () => {
    const again = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'retract', version: 3, hash: hashes[3] });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /no acceptance of this version to retract/);
    const twice = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] });
    assert.equal(twice.status, 409);
    const forOther = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3], org: 'AFG' });
    assert.equal(forOther.status, 400, 'no field names another organisation');
    assert.equal((await call(env, u.tur, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] })).status, 403);
    assert.equal((await call(env, u.pakAnalyst, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] })).status, 403);
    assert.equal((await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 9, hash: hashes[3] })).status, 404);
    // Accepting again after a retraction is a new signed statement, and restores agreement.
    at('03:05');
    const back = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'accept', version: 3, hash: hashes[3] });
    assert.equal(back.body.version.agreed, true);
    at('03:06');
    const undo = await call(env, u.afg, 'POST', `/api/texts/${id}/actions`, { action: 'retract', version: 3, hash: hashes[3] });
    assert.equal(undo.body.text.agreed_version, null);
  });

  test('proposals are validated: clause ids unique, numbering from the server, unknown fields refused', async () => {
    const dup = await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: [{ id: 'X', text: 'a' }, { id: 'X', text: 'b' }] });
    assert.equal(dup.status, 400);
    assert.match(dup.body.error.message, /clause id X is used twice/);
    assert.equal((await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: V1, based_on: 7 })).status, 400);
    assert.equal((await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: V1, number: 9 })).status, 400);
    assert.equal((await call(env, u.tur, 'POST', `/api/texts/${id}/versions`, { clauses: [] })).status, 400);
    assert.equal((await call(env, u.tur, 'POST', '/api/texts/TXT-2025-0999/versions', { clauses: V1 })).status, 404);
    assert.equal((await call(env, u.tur, 'POST', '/api/texts', { title: 'X', parties: ['TUR'] })).status, 400);
  });
});

describe('the diff', () => {
  test('adjacent versions: what changed and which party proposed it', async () => {
    const d = await call(env, u.afg, 'GET', `/api/texts/${id}/diff?from=1&to=2`);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.deepEqual(d.body.summary, { added: 1, removed: 0, changed: 1 });
    assert.deepEqual(d.body.changes.map((c: { clause_id: string; change: string; fields: string[]; introduced_in: { org: string } }) =>
      [c.clause_id, c.change, c.fields, c.introduced_in.org]), [['G', 'changed', ['text'], 'PAK'], ['E', 'added', [], 'PAK']]);
    assert.equal(d.body.from.hash, hashes[1]);
    assert.equal(d.body.to.hash, hashes[2]);
  });

  test('across versions each change names the version that introduced it', async () => {
    const d = await call(env, u.pak, 'GET', `/api/texts/${id}/diff?from=1&to=3`);
    const by = Object.fromEntries(d.body.changes.map((c: { clause_id: string }) => [c.clause_id, c]));
    // E came in v2 and went in v3: no difference between v1 and v3.
    assert.deepEqual(Object.keys(by).sort(), ['A', 'A.1', 'G']);
    assert.deepEqual([by.G.introduced_in.version, by.G.introduced_in.org], [2, 'PAK']);
    assert.deepEqual([by.A.change, by.A.introduced_in.version, by.A.introduced_in.org], ['added', 3, 'TUR']);
    assert.equal(by['A.1'].after.parent, 'A');
  });

  test('bad ranges are client mistakes', async () => {
    assert.equal((await call(env, u.pak, 'GET', `/api/texts/${id}/diff?from=1&to=9`)).status, 404);
    assert.equal((await call(env, u.pak, 'GET', `/api/texts/${id}/diff?from=1`)).status, 400);
    assert.equal((await call(env, u.pak, 'GET', `/api/texts/${id}/diff?from=0&to=2`)).status, 400);
    assert.equal((await call(env, u.pak, 'GET', '/api/texts/not-a-text/diff?from=1&to=2')).status, 400);
  });
});

describe('agenda items', () => {
  let early: string;
  let late: string;
  test('an item raised after a version was put forward as final is flagged late', async () => {
    // Raised on a second text before any final version: not late.
    const other = await call(env, u.sec, 'POST', '/api/texts', { title: 'Crossings protocol' });
    const e = await call(env, u.pak, 'POST', '/api/agenda', { document_id: other.body.text.id, title: 'Verifiable action', text: 'Time-bound steps with indicators.' });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    early = e.body.item.id;
    assert.deepEqual([e.body.item.late, e.body.item.raised_after_version, e.body.item.mandate], [false, null, 'pending']);
    at('02:40');
    const l = await call(env, u.afg, 'POST', '/api/agenda', { document_id: id, title: 'Third-country drones', text: 'Guarantees on flights by third states.' });
    assert.equal(l.status, 201);
    late = l.body.item.id;
    assert.deepEqual([l.body.item.late, l.body.item.raised_after_version, l.body.item.raised_by], [true, 3, 'AFG']);
    assert.equal((await call(env, u.tur, 'POST', '/api/agenda', { document_id: id, title: 'x', text: 'y' })).status, 403, 'parties raise items');
  });

  test('the mediators rule items in or out of the mandate, with a reason', async () => {
    const r = await call(env, u.qat, 'POST', `/api/agenda/${late}/ruling`, { mandate: 'out_of_mandate', reason: 'Third states are outside the mechanism.' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.item.mandate, 'out_of_mandate');
    assert.equal(r.body.item.ruling.org, 'QAT');
    assert.equal((await call(env, u.afg, 'POST', `/api/agenda/${early}/ruling`, { mandate: 'in_mandate', reason: 'x' })).status, 403);
    assert.equal((await call(env, u.sec, 'POST', `/api/agenda/${early}/ruling`, { mandate: 'maybe', reason: 'x' })).status, 400);
    assert.equal((await call(env, u.sec, 'POST', '/api/agenda/AGD-2025-0999/ruling', { mandate: 'in_mandate', reason: 'x' })).status, 404);
    const list = await call(env, u.pak, 'GET', `/api/agenda?document=${id}`);
    assert.deepEqual(list.body.items.map((i: { id: string }) => i.id), [late]);
    const all = await call(env, u.pak, 'GET', '/api/agenda');
    assert.deepEqual(all.body.items.map((i: { id: string }) => i.id).sort(), [early, late].sort());
    const doc = await call(env, u.afg, 'GET', `/api/texts/${id}`);
    assert.equal(doc.body.agenda[0].mandate, 'out_of_mandate');
  });
});

describe('publication', () => {
  test('monitors, observers and the public read a text only once the mediators publish it', async () => {
    for (const who of [u.mon, u.obs, undefined]) assert.equal((await call(env, who, 'GET', `/api/texts/${id}`)).status, 404);
    assert.equal((await call(env, u.afg, 'POST', `/api/texts/${id}/publication`, { reason: 'x' })).status, 403);
    const p = await call(env, u.sec, 'POST', `/api/texts/${id}/publication`, { reason: 'Published as negotiated so far.' });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.equal(p.body.text.visibility, 'public');
    assert.equal((await call(env, u.sec, 'POST', `/api/texts/${id}/publication`, { reason: 'again' })).status, 409);
    for (const who of [u.mon, u.obs, undefined]) {
      const r = await call(env, who, 'GET', `/api/texts/${id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.actions, []);
      assert.equal(r.body.history.length, 9, 'three proposals, a rejection, three acceptances, two retractions');
      assert.equal((await call(env, who, 'GET', `/api/texts/${id}/diff?from=2&to=3`)).status, 200);
    }
    // From now on the text's entries are in the log in clear.
    at('04:00');
    const a = await call(env, u.pak, 'POST', `/api/texts/${id}/actions`, { action: 'reject', version: 1, hash: hashes[1] });
    assert.equal(a.status, 201);
    const bytes = (await sql<{ bytes: Uint8Array }>`SELECT bytes FROM ledger_entries WHERE idx = ${a.body.entry.index}`.execute(env.store.db)).rows[0]!.bytes;
    assert.ok(Buffer.from(bytes).toString('utf8').includes(`"hash":"${hashes[1]}"`));
  });
});
