/**
 * The demo's commitments (src/demo/commitments.ts) read through the API at
 * the demo's "as of" time: the D-day and the amended clause, the findings'
 * remedies turned into commitments, overdue items on both sides, the
 * Afghan commitment on armed groups suspended by Pakistan's airspace
 * commitment, and visibility holding for the parties and observers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_COMMITMENTS, DEMO_D_DAY } from '../src/demo/commitments.js';
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
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

type Item = { id: string; title: string; obligated_party: string; status: string; visibility: string; overdue: boolean; suspended: boolean; suspended_by: string[]; source_incident: string | null };
const byTitle = (items: Item[], words: RegExp) => items.find((i) => words.test(i.title))!;

test('the register has the D-day, the amended clause and every demo commitment plus the findings\' remedies', async () => {
  const clauses = await get('/api/clauses');
  assert.equal(clauses.d_day, DEMO_D_DAY);
  const c2 = clauses.items.find((c: { id: string }) => c.id === 'C2');
  assert.deepEqual(c2.versions.map((v: { version: number; source: string }) => [v.version, v.source]), [[1, 'workspace'], [2, 'recorded']]);

  const list = await get('/api/commitments', 'sec.admin');
  assert.equal(list.d_day, DEMO_D_DAY);
  const items = list.items as Item[];
  const remedies = items.filter((i) => i.source_incident !== null);
  assert.ok(remedies.length >= 3, 'remedies of the issued findings became commitments');
  for (const r of remedies) {
    const detail = await get(`/api/commitments/${r.id}`, 'sec.admin');
    const incident = await get(`/api/incidents/${r.source_incident}`, 'sec.admin');
    assert.equal(detail.indicator, incident.finding.required_remedies[detail.remedy_of.remedy].description);
  }
  assert.equal(items.length, remedies.length + DEMO_COMMITMENTS.length);
  assert.deepEqual(new Set(items.map((i) => i.status)), new Set(['not_started', 'minimal', 'intermediate', 'complete']));
});

test('overdue items on both sides; the commitment on armed groups is suspended by the airspace one', async () => {
  const items = (await get('/api/commitments', 'tur.mediator')).items as Item[];
  const airspace = byTitle(items, /unconsented flights/);
  const groups = byTitle(items, /TTP and BLA/);
  assert.deepEqual([airspace.overdue, airspace.status], [true, 'minimal']);
  assert.deepEqual([groups.suspended, groups.suspended_by, groups.overdue], [true, [airspace.id], false]);
  const overdue = (await get('/api/commitments?overdue=true', 'tur.mediator')).items as Item[];
  assert.deepEqual(new Set(overdue.map((i) => i.obligated_party)), new Set(['AFG', 'PAK']));
  const chaman = await get(`/api/commitments/${byTitle(items, /Chaman/).id}`, 'tur.mediator');
  assert.deepEqual([chaman.overdue, chaman.extensions.length, chaman.due_date], [false, 1, '2025-11-30']);
  const evidence = await get(`/api/commitments/${byTitle(items, /lodges the evidence/).id}`, 'pak.liaison');
  assert.deepEqual([evidence.status, evidence.self_reports[0].status], ['minimal', 'complete'], 'the self-report stands beside the verified status');
});

test('visibility: the draft stays with the mediators; observers read public commitments only', async () => {
  const all = (await get('/api/commitments', 'sec.admin')).items as Item[];
  const draft = byTitle(all, /count returnees jointly/);
  assert.equal(draft.visibility, 'mediators');
  const pak = (await get('/api/commitments', 'pak.liaison')).items as Item[];
  assert.ok(!pak.some((i) => i.id === draft.id));
  const obs = (await get('/api/commitments', 'obs.observer')).items as Item[];
  assert.ok(obs.length > 0 && obs.every((i) => i.visibility === 'public'));
  assert.deepEqual(obs.map((i) => i.id), all.filter((i) => i.visibility === 'public').map((i) => i.id));
});
