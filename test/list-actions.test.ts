/**
 * What a viewer may do that no record carries — register a commitment, set
 * the D-day, open a text, report a movement count, report a crossing's status
 * (and for which sides) — is said by the server in list-level `actions`, so the UI never
 * copies a policy; and the organisation directory the forms pick parties
 * from. Through the HTTP API, for every user of the test workspace and an
 * anonymous reader, with the expectations written out by hand.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, USERS, type UserName, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-08T10:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

const WHO = [...(Object.keys(USERS) as UserName[]), 'anonymous'] as const;
type Who = (typeof WHO)[number];
const as = (who: Who) => (who === 'anonymous' ? undefined : u[who]);

async function listActions(url: string): Promise<Record<Who, string[]>> {
  const out = {} as Record<Who, string[]>;
  for (const who of WHO) {
    const r = await call(env, as(who), 'GET', url);
    assert.equal(r.status, 200, `${who} GET ${url}: ${JSON.stringify(r.body)}`);
    out[who] = r.body.actions;
  }
  return out;
}

const none = { tur: [], qat: [], sec: [], turAnalyst: [], afg: [], pak: [], pakAnalyst: [], mon: [], obs: [], anonymous: [] };

test('registering a commitment and setting the D-day are offered to the mediators\' staff only', async () => {
  const staff = ['register', 'set_d_day'];
  assert.deepEqual(await listActions('/api/commitments'), { ...none, sec: staff, tur: staff, qat: staff });
});

test('the D-day offer matches what the server then allows: staff may set it, a mediators\' analyst and a party may not', async () => {
  const body = { d_day: '2025-10-30', reason: 'The ceasefire took effect at midnight' };
  const staff = await call(env, u.tur, 'POST', '/api/clauses/d-day', body);
  assert.equal(staff.status, 200, JSON.stringify(staff.body));
  assert.equal((await call(env, u.tur, 'GET', '/api/commitments')).body.d_day, '2025-10-30');
  for (const who of ['turAnalyst', 'afg'] as const) {
    const r = await call(env, u[who], 'POST', '/api/clauses/d-day', { ...body, d_day: '2025-11-01' });
    assert.equal(r.status, 403, `${who}: ${JSON.stringify(r.body)}`);
  }
  assert.equal((await call(env, undefined, 'GET', '/api/commitments')).body.d_day, '2025-10-30', 'unchanged by the refused attempts');
});

test('opening a negotiation text is offered to the mediators\' staff only', async () => {
  assert.deepEqual(await listActions('/api/texts'), { ...none, sec: ['open'], tur: ['open'], qat: ['open'] });
});

test('reporting a movement count is offered to the parties\' liaison officers, also before any tally exists', async () => {
  assert.deepEqual(await listActions('/api/movements'), { ...none, afg: ['report_count'], pak: ['report_count'] });
});

test('reporting a crossing\'s status: a party\'s liaison for its own side, mediators\' staff and monitors for either', async () => {
  const sides = {} as Record<Who, string[]>;
  const actions = await listActions('/api/crossings/torkham');
  for (const who of WHO) sides[who] = (await call(env, as(who), 'GET', '/api/crossings/torkham')).body.report_sides;
  const both = ['AFG', 'PAK'];
  assert.deepEqual(sides, { ...none, sec: both, tur: both, qat: both, mon: both, afg: ['AFG'], pak: ['PAK'] });
  const report = ['report'];
  assert.deepEqual(actions, { ...none, sec: report, tur: report, qat: report, mon: report, afg: report, pak: report });
});

test('the offer matches what the server then allows: a party reporting the other side is refused', async () => {
  const body = (side: string) => ({
    side, traffic_types: ['cargo'], status: 'closed', effective_from: '2025-11-08T06:00:00.000Z', method: 'official_announcement', visibility: 'parties',
  });
  const mine = await call(env, u.afg, 'POST', '/api/crossings/torkham/reports', body('AFG'));
  assert.equal(mine.status, 201, JSON.stringify(mine.body));
  const theirs = await call(env, u.afg, 'POST', '/api/crossings/torkham/reports', body('PAK'));
  assert.equal(theirs.status, 403, JSON.stringify(theirs.body));
});

test('the organisation directory: every organisation with its kind, name and the key its entries are signed with', async () => {
  const r = await call(env, undefined, 'GET', '/api/organisations');
  assert.equal(r.status, 200);
  const items = r.body.items as Array<{ id: string; kind: string; name: string; vkey: string; entry_index: number }>;
  assert.deepEqual(items.map((o) => [o.id, o.kind]), [
    ['AFG', 'party'], ['MON', 'monitor'], ['OBS', 'observer'], ['PAK', 'party'], ['QAT', 'mediator'], ['SEC', 'secretariat'], ['TUR', 'mediator'],
  ]);
  for (const o of items) {
    assert.equal(o.vkey, env.services.keys.orgVerifierKey(o.id), `${o.id}: the key the server signs its entries with`);
    const receipt = await env.app.inject({ method: 'GET', url: `/api/entries/${o.entry_index}/receipt?wait=5` });
    assert.equal(receipt.statusCode, 200, `${o.id}: a receipt for its registration entry ${o.entry_index}, to anyone`);
    assert.match(receipt.body, new RegExp(`^index ${o.entry_index}$`, 'm'));
  }
});
