/** Filtering, full-text search and keyset paging of the incident list, through the HTTP API. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { takeIncidentStep } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;

interface Made { id: string; complainant: string; accused: string; category: string; date: string; place: string; status: string }
const made: Made[] = [];

before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
  const places = [
    { country: 'Afghanistan', admin1: 'Kandahar', location: 'Spin Boldak', geo_precision: 1 },
    { country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', location: 'Landi Kotal', geo_precision: 2, crossing_id: 'torkham' },
    { country: 'Pakistan', admin1: 'Balochistan', location: 'Chaman', geo_precision: 1 },
  ];
  const categories = ['offensive_fire', 'airspace_violation', 'blocking_access'];
  for (let i = 0; i < 30; i++) {
    const fromAfg = i % 2 === 0;
    const place = places[i % 3]!;
    const category = categories[i % 3]!;
    const date = `2025-10-${String(1 + (i % 28)).padStart(2, '0')}`;
    const title = i === 7 ? 'Quadcopter sighting over the bazaar' : `Incident number ${i}`;
    const r = await fileIncident(env.services, fromAfg ? u.afg.viewer : u.pak.viewer, filing({
      title, accused_party: fromAfg ? 'PAK' : 'AFG', category, event_date: date, place, visibility: 'parties',
      notes: i === 11 ? 'Witnesses describe artillery rounds falling near the madrasa.' : 'Reported by the liaison cell.',
      ...(i === 7 ? { language: 'en', translations: { tr: { title: 'Pazar üzerinde dört pervaneli drone görüldü' }, ps: { notes: 'یوازې یادښتونه' } } } : {}),
    }) as never);
    let status = 'received';
    if (i % 5 === 0) {
      await takeIncidentStep(env.services, u.sec.viewer, r.incident.id, 'triage', { decision: 'rejected', reason: 'Outside mandate' });
      status = 'rejected';
    }
    made.push({ id: r.incident.id, complainant: fromAfg ? 'AFG' : 'PAK', accused: fromAfg ? 'PAK' : 'AFG', category, date, place: place.location, status });
  }
});
after(() => env.close());

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).sort();
const expectIds = (pred: (m: Made) => boolean) => made.filter(pred).map((m) => m.id).sort();

async function list(query: string) {
  const r = await call(env, u.tur, 'GET', `/api/incidents?limit=200&${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

test('filters by party (either side), status, category, date range, place and crossing', async () => {
  assert.deepEqual(ids(await list('party=AFG')), expectIds(() => true), 'AFG is complainant or accused in every one');
  assert.deepEqual(ids(await list('status=rejected')), expectIds((m) => m.status === 'rejected'));
  assert.deepEqual(ids(await list('status=received,rejected')), expectIds(() => true));
  assert.deepEqual(ids(await list('category=airspace_violation')), expectIds((m) => m.category === 'airspace_violation'));
  assert.deepEqual(ids(await list('from=2025-10-05&to=2025-10-10')), expectIds((m) => m.date >= '2025-10-05' && m.date <= '2025-10-10'));
  assert.deepEqual(ids(await list('place=chaman')), expectIds((m) => m.place === 'Chaman'));
  assert.deepEqual(ids(await list('place=khyber')), expectIds((m) => m.place === 'Landi Kotal'), 'admin1 matches too');
  assert.deepEqual(ids(await list('crossing=torkham')), expectIds((m) => m.place === 'Landi Kotal'));
  const combined = await list('category=offensive_fire&status=received&party=PAK');
  assert.deepEqual(ids(combined), expectIds((m) => m.category === 'offensive_fire' && m.status === 'received'));
  assert.equal(combined.total, combined.items.length);
});

test('each listed incident carries its title\'s language and the title\'s translations filed with it', async () => {
  const items = (await list('')).items as Array<{ id: string; language: string | null; title_translations: Record<string, string> }>;
  const quad = items.find((i) => i.id === made[7]!.id)!;
  assert.equal(quad.language, 'en');
  assert.deepEqual(quad.title_translations, { tr: 'Pazar üzerinde dört pervaneli drone görüldü' }, 'a translation of the notes only is not a title');
  const other = items.find((i) => i.id === made[8]!.id)!;
  assert.deepEqual([other.language, other.title_translations], [null, {}]);
});

test('full-text search finds words in titles and notes', async () => {
  assert.deepEqual(ids(await list('q=quadcopter')), [made[7]!.id]);
  assert.deepEqual(ids(await list('q=artillery%20madrasa')), [made[11]!.id]);
  assert.deepEqual(ids(await list(`q=${made[3]!.id}`)), [made[3]!.id], 'the reference number is searchable');
  assert.equal((await list('q=nonexistentword')).total, 0);
});

test('keyset paging walks every incident once, newest event first', async () => {
  const seen: string[] = [];
  const dates: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await call(env, u.tur, 'GET', `/api/incidents?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 30);
    for (const i of r.body.items) {
      seen.push(i.id);
      dates.push(i.event_date);
    }
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(pages, 5);
  assert.equal(new Set(seen).size, 30);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('bad list queries are 400s', async () => {
  for (const q of ['limit=0', 'limit=500', 'status=bogus', 'from=2025-13-01', 'overdue=maybe', 'cursor=xyz', 'unknown=1']) {
    const r = await call(env, u.tur, 'GET', `/api/incidents?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.body.error.code, 'bad_request');
  }
});
