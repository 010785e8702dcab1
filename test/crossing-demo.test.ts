/**
 * The demo's crossing register and returnee count, read through the API as
 * the demo users and anonymously: Torkham and Chaman–Spin Boldak closed to
 * cargo since the October clashes, Torkham open to returnees, patients let
 * through under the finding's remedy, the Torkham closure linked to its
 * complaint, the first weekly deportee count reconciled and published; and
 * the whole store verifies.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEMO_AS_OF, loadDemo } from '../src/demo/index.js';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';

let env: TestEnv;
const password = (username: string) => `demo ${username} password`;
const tokens = new Map<string, string>();

before(async () => {
  env = await openTestEnv({ start: DEMO_AS_OF });
  await loadDemo(env.services, { password });
});
after(() => env.close());

async function get(url: string, username?: string) {
  let cookie = username ? tokens.get(username) : undefined;
  if (username && !cookie) {
    const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: password(username) } });
    cookie = String(r.headers['set-cookie']).split(';')[0]!;
    tokens.set(username, cookie);
  }
  const r = await env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
  return r.json();
}

type Current = { side: string; traffic_type: string; status: string | null };
const now = (items: Array<{ id: string; current: Current[] }>, crossing: string, side: string, traffic: string) =>
  items.find((c) => c.id === crossing)!.current.find((x) => x.side === side && x.traffic_type === traffic)?.status ?? null;

test('the crossings as the public sees them: verified closures only', async () => {
  const { items } = await get('/api/crossings');
  assert.equal(now(items, 'torkham', 'PAK', 'cargo'), 'closed');
  assert.equal(now(items, 'torkham', 'PAK', 'returnees'), 'open');
  assert.equal(now(items, 'torkham', 'PAK', 'humanitarian'), 'restricted');
  assert.equal(now(items, 'chaman-spin-boldak', 'PAK', 'cargo'), 'closed');
  // The Afghan side's own report is not verified: the public does not see it.
  assert.equal(now(items, 'torkham', 'AFG', 'cargo'), null);
  const members = (await get('/api/crossings', 'afg.liaison')).items;
  assert.equal(now(members, 'torkham', 'AFG', 'cargo'), 'open');
  assert.equal(now(members, 'ghulam-khan', 'PAK', 'cargo'), 'closed');
});

test('closure totals for October–November, and the Torkham closure linked to its complaint', async () => {
  const r = await get('/api/crossings/torkham/closures?from=2025-10-01&to=2025-11-30&period=month&side=PAK&traffic_type=cargo');
  const line = r.lines[0];
  // Closed from 12 Oct 03:00 until "now" (the demo's as-of time, 24 Nov 12:00).
  assert.equal(line.total.hours.closed, (DEMO_AS_OF.getTime() - Date.parse('2025-10-12T03:00:00.000Z')) / 3_600_000);
  assert.equal(line.total.closures, 1);
  assert.deepEqual(line.periods.map((p: { closures: number }) => p.closures), [1, 1]);
  const humanitarian = await get('/api/crossings/torkham?side=PAK&traffic_type=humanitarian');
  assert.deepEqual(humanitarian.timelines[0].segments.map((s: { status: string }) => s.status), ['closed', 'restricted']);
  const closure = humanitarian.reports.find((x: { status: string }) => x.status === 'closed');
  assert.match(closure.incident_id, /^INC-2025-\d{4}$/);
  const incident = await get(`/api/incidents/${closure.incident_id}`);
  assert.equal(incident.place.crossing_id, 'torkham');
});

test('the weekly deportee count: both parties\' figures, the discrepancy, and the published agreed figure', async () => {
  const id = 'torkham.2025-11-10.2025-11-16.into_AFG.undocumented_deportee';
  const afg = await get(`/api/movements/${id}`, 'afg.liaison');
  assert.deepEqual(afg.counts.map((c: { org: string; count: number }) => [c.org, c.count]), [['AFG', 9480], ['PAK', 8710]]);
  assert.deepEqual(afg.discrepancy, { absolute: 770, percent: 8.1 });
  assert.equal(afg.reconciliation.agreed_count, 9150);
  const pub = await get(`/api/movements/${id}`);
  assert.deepEqual(pub.counts, []);
  assert.equal(pub.reconciliation.agreed_count, 9150);
  const pending = await get('/api/movements?category=registered_refugee_voluntary_return', 'tur.mediator');
  assert.equal(pending.items.length, 1);
  assert.equal(pending.items[0].reconciliation, null);
  assert.ok(pending.items[0].actions.includes('reconcile'));
});

test('the demo store verifies, crossing reports and tallies included', async () => {
  const r = await verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
  assert.equal(r.problemCount, 0, formatVerifyReport(r, 'demo'));
  assert.equal(r.counts.rows.crossing_reports, 7);
  assert.equal(r.counts.rows.movement_tallies, 2);
});
