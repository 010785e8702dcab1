// The demo workspace's negotiation text, read through the API as the demo
// users: three versions, v3 put forward as final, accepted by both parties,
// withdrawn by one seven minutes later (so not agreed), a late agenda item
// ruled out of the mandate; drafts hidden from observers and the public.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_AS_OF, loadDemo } from '../src/demo/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';

let env: TestEnv;
const password = (username: string) => `demo ${username} password`;
const cookies = new Map<string, string>();

before(async () => {
  env = await openTestEnv({ start: DEMO_AS_OF });
  await loadDemo(env.services, { password });
});
after(() => env.close());

async function get(url: string, username?: string) {
  let cookie = username ? cookies.get(username) : undefined;
  if (username && !cookie) {
    const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: password(username) } });
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
    cookies.set(username, cookie);
  }
  const r = await env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { status: r.statusCode, body: r.json() };
}

test('the draft annex: three versions, accepted by both, withdrawn minutes later, not agreed', async () => {
  const list = await get('/api/texts', 'pak.liaison');
  assert.equal(list.body.items.length, 1);
  const id = list.body.items[0].id;
  const doc = (await get(`/api/texts/${id}`, 'afg.liaison')).body;
  assert.equal(doc.latest_version, 3);
  assert.equal(doc.last_final_version, 3);
  assert.equal(doc.agreed_version, null);
  assert.deepEqual(doc.versions.map((v: { proposed_by: string }) => v.proposed_by), ['TUR', 'PAK', 'TUR']);
  const v3 = doc.history.filter((a: { version: number }) => a.version === 3)
    .map((a: { action: string; org: string; at: string }) => `${a.action} ${a.org} ${a.at.slice(11, 16)}`);
  assert.deepEqual(v3, ['propose TUR 01:40', 'accept PAK 01:55', 'accept AFG 02:14', 'retract AFG 02:21']);
  assert.deepEqual(doc.versions[2].positions.map((p: { org: string; position: string }) => `${p.org} ${p.position}`), ['AFG retracted', 'PAK accepted']);
  assert.equal(doc.versions[1].positions[0].position, 'rejected');

  const diff = (await get(`/api/texts/${id}/diff?from=2&to=3`, 'tur.mediator')).body;
  assert.ok(diff.changes.some((c: { clause_id: string; change: string }) => c.clause_id === 'A' && c.change === 'added'));
  assert.ok(diff.changes.every((c: { introduced_in: { org: string } }) => c.introduced_in.org === 'TUR'));

  const agenda = (await get(`/api/agenda?document=${id}`, 'sec.admin')).body.items;
  assert.equal(agenda.length, 4);
  const late = agenda.filter((i: { late: boolean }) => i.late);
  assert.deepEqual(late.map((i: { raised_by: string; raised_after_version: number; mandate: string }) => [i.raised_by, i.raised_after_version, i.mandate]), [['AFG', 3, 'out_of_mandate']]);
  assert.equal(agenda.filter((i: { mandate: string }) => i.mandate === 'in_mandate').length, 3);

  // A draft: observers and anonymous readers do not see it.
  assert.equal((await get(`/api/texts/${id}`, 'obs.observer')).status, 404);
  assert.equal((await get(`/api/texts/${id}`)).status, 404);
  assert.deepEqual((await get('/api/texts')).body.items, []);
});
