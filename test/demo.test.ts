/**
 * The demo workspace (MISSION.md "The demo workspace") loaded into a fresh
 * store through the real services: organisations, crossings and clauses;
 * one incident at every lifecycle stage, with overdue items; every demo
 * login signs in; visibility holds for anonymous readers; evidence is
 * lodged (one item sealed, then disclosed); the store verifies; the
 * generated files are what they claim to be; and no
 * sentence of the press corpus made it into the demo data.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import { INCIDENT_STATUSES } from '../src/domain/incident.js';
import { DEMO_EVIDENCE } from '../src/demo/evidence.js';
import { DEMO_AS_OF, loadDemo, type DemoLogin } from '../src/demo/index.js';
import { RESPONSE_POSITIONS } from '../src/domain/entries/incident-steps.js';
import { getWorkspace } from '../src/services/workspace.js';
import { listOrganisations } from '../src/store/repositories/accounts.js';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { PROJECT_ROOT } from './support/vectors.js';

let env: TestEnv;
let logins: DemoLogin[];
const messages: string[] = [];
const password = (username: string) => `demo ${username} password`;

before(async () => {
  env = await openTestEnv({ start: DEMO_AS_OF });
  logins = await loadDemo(env.services, { password, log: (m) => messages.push(m) });
});
after(() => env.close());

const cookies = new Map<string, string>();
async function signIn(username: string): Promise<string> {
  const r = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: password(username) } });
  assert.equal(r.statusCode, 200, `${username}: ${r.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  cookies.set(username, cookie);
  return cookie;
}

async function get(url: string, username?: string) {
  const headers = username ? { cookie: cookies.get(username) ?? (await signIn(username)) } : {};
  const r = await env.app.inject({ method: 'GET', url, headers });
  return { status: r.statusCode, body: r.json() };
}

type Item = { id: string; status: string; visibility: string; overdue: boolean; pending_step: string | null; pending_on: string | null; filed_at: string; title: string };
const all = async (username?: string): Promise<Item[]> => (await get('/api/incidents?limit=200', username)).body.items;

describe('the workspace', () => {
  test('has the organisations of the process, the crossings and the clauses', async () => {
    const orgs = await listOrganisations(env.store.db);
    assert.deepEqual(orgs.map((o) => [o.id, o.kind]).sort(), [
      ['AFG', 'party'], ['JMT', 'monitor'], ['OBS', 'observer'], ['PAK', 'party'], ['QAT', 'mediator'], ['SEC', 'secretariat'], ['TUR', 'mediator'],
    ]);
    const ws = (await getWorkspace(env.store.db))!;
    assert.equal(ws.origin, 'annex.demo/afpak-ceasefire');
    assert.deepEqual(ws.crossings.map((c) => c.id), ['torkham', 'chaman-spin-boldak', 'ghulam-khan', 'angoor-adda', 'kharlachi']);
    const torkham = ws.crossings[0]!;
    assert.ok(Math.abs(torkham.latitude - 34.1) < 0.05 && Math.abs(torkham.longitude - 71.09) < 0.05);
    assert.ok(ws.clauses.length >= 8);
    for (const words of [/hostilities/i, /armed groups/i, /airspace/i, /crossings/i, /return/i, /verification mechanism/i, /penalt/i]) {
      assert.ok(ws.clauses.some((c) => words.test(c.title)), `a clause on ${words}`);
    }
  });

  test('refuses to load a second time', async () => {
    await assert.rejects(loadDemo(env.services, { password }), /already exists/);
  });
});

describe('the incidents', () => {
  test('one at every lifecycle stage, numbered INC-2025-…, filed in October–November 2025', async () => {
    const items = await all('sec.admin');
    assert.equal(items.length, 12);
    for (const i of items) {
      assert.match(i.id, /^INC-2025-\d{4}$/);
      assert.ok(i.filed_at >= '2025-10-31' && i.filed_at < '2025-12-01', `${i.id} filed at ${i.filed_at}`);
    }
    const statuses = new Set(items.map((i) => i.status));
    for (const s of INCIDENT_STATUSES) assert.ok(statuses.has(s), `an incident in status ${s}`);
    assert.deepEqual(new Set(items.map((i) => i.visibility)), new Set(['public', 'parties', 'mediators']));
  });

  test('overdue items exist, owed by either side and by the mediators', async () => {
    const overdue = (await get('/api/incidents?overdue=true&limit=200', 'sec.admin')).body.items as Item[];
    const owed = overdue.map((i) => `${i.status}:${i.pending_step}:${i.pending_on}`).sort();
    assert.deepEqual(owed, ['notified:acknowledge:PAK', 'notified:respond:AFG', 'received:triage:MEDIATORS', 'triaged:notify:MEDIATORS']);
  });

  test('the steps carry what each stage is about', async () => {
    const details = await Promise.all((await all('sec.admin')).map(async (i) => (await get(`/api/incidents/${i.id}`, 'sec.admin')).body));
    const by = (status: string) => details.find((d) => d.status === status)!;
    const positions = new Set(details.map((d) => d.response?.position).filter(Boolean));
    for (const p of RESPONSE_POSITIONS) assert.ok(positions.has(p), `a response with position ${p}`);
    assert.ok(by('investigating').investigation.access_denied >= 1);
    assert.ok(by('draft_finding').finding.comments.some((c: { dissent: boolean }) => c.dissent));
    assert.deepEqual(by('finding_issued').finding.signatures.map((s: { org: string }) => s.org).sort(), ['QAT', 'TUR']);
    assert.equal(by('merged').merged_into, details.find((d) => d.merged_from.length > 0)!.id);
    assert.ok(by('closed').finding.issued_at);
    const late = details.find((d) => d.schedule.some((s: { step: string; due_at: string; done_at: string | null }) => s.step === 'acknowledge' && s.done_at && s.done_at > s.due_at));
    assert.ok(late, 'one acknowledgement came late');
    const weesh = details.find((d) => /Weesh/.test(d.title));
    assert.equal(weesh.casualties.fatalities, 5);
    assert.equal(weesh.coding.interaction, 78);
    assert.equal(weesh.timeline[0].at.slice(0, 10), '2025-11-07');
  });

  test('a public incident is readable anonymously; a sealed one is not, even to the other party', async () => {
    const anon = await all();
    assert.ok(anon.length > 0 && anon.every((i) => i.visibility === 'public'));
    const weesh = anon.find((i) => /Weesh/.test(i.title))!;
    assert.equal((await get(`/api/incidents/${weesh.id}`)).status, 200);
    const sealed = (await all('sec.admin')).filter((i) => i.visibility === 'mediators');
    assert.ok(sealed.length >= 2);
    for (const i of sealed) {
      assert.equal((await get(`/api/incidents/${i.id}`)).status, 404);
      assert.equal((await get(`/api/incidents/${i.id}`, 'obs.observer')).status, 404);
      const mediator = (await get(`/api/incidents/${i.id}`, 'tur.mediator')).body;
      assert.ok(mediator.complainant_identity, 'the mediators see who complained');
    }
    const pakSees = new Set((await all('pak.liaison')).map((i) => i.id));
    assert.ok(sealed.some((i) => !pakSees.has(i.id)), 'a sealed Afghan complaint stays hidden from Pakistan');
  });
});

describe('logins and the ledger', () => {
  test('every demo login signs in with its password', async () => {
    assert.ok(logins.length >= 8);
    for (const l of logins) {
      assert.ok(l.password.length >= 10);
      const cookie = cookies.get(l.username) ?? (await signIn(l.username));
      const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      assert.equal(me.json().user.org, l.org);
      assert.deepEqual(me.json().user.roles, l.roles);
    }
    const wrong = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'afg.liaison', password: 'not the password' } });
    assert.equal(wrong.statusCode, 401);
  });

  test('evidence is lodged with its capture metadata; the sealed item was disclosed', async () => {
    const items = await all('sec.admin');
    const lists = await Promise.all(items.map(async (i) => (await get(`/api/incidents/${i.id}/evidence`, 'sec.admin')).body.items as Array<Record<string, unknown>>));
    const evidence = lists.flat();
    assert.equal(evidence.length, DEMO_EVIDENCE.length);
    assert.ok(new Set(lists.filter((l) => l.length > 0).map((l) => l[0]!.incident_id)).size >= 5, 'evidence on several incidents');
    const photo = evidence.find((e) => e.media_type === 'image/jpeg')!;
    const anon = await get(`/api/evidence/${String(photo.id)}`);
    assert.equal(anon.status, 200, 'public evidence is readable anonymously');
    assert.equal(anon.body.captured_at, '2025-11-07T03:10:00.000Z', 'capture time from EXIF, with its offset');
    assert.ok(Math.abs(anon.body.capture_place.latitude - 30.93) < 0.01);
    const disclosed = evidence.filter((e) => e.disclosed === true);
    assert.equal(disclosed.length, 1);
    assert.equal(disclosed[0]!.visibility, 'public', 'disclosure publishes it');
    const proof = await get(`/api/evidence/${String(disclosed[0]!.id)}/disclosure`);
    assert.equal(proof.status, 200);
    assert.equal(proof.body.sha256, disclosed[0]!.sha256);
    assert.ok(proof.body.lodged.entry.includes('"at":"2025-11-01T10:05:00.000Z"'), 'lodged at its demo time');
  });

  test('the loaded store verifies clean', async () => {
    const report = await verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
    assert.ok(report.ok, formatVerifyReport(report, 'demo store'));
    assert.equal(report.counts.replayed, report.counts.entries);
    assert.ok(report.counts.sealed > 0 && report.counts.sealsOpened === report.counts.sealed);
    assert.equal(report.counts.blobs, DEMO_EVIDENCE.length);
  });
});

describe('the demo data', () => {
  test('generated evidence files are real, deterministic files', async () => {
    for (const e of DEMO_EVIDENCE) {
      const f = e.file();
      assert.deepEqual(e.file().bytes, f.bytes, `${f.name} is deterministic`);
      if (f.media_type === 'text/plain') continue;
      assert.equal((await fileTypeFromBuffer(f.bytes))?.mime, f.media_type, f.name);
    }
    const photo = DEMO_EVIDENCE.find((e) => e.kind === 'photo' && e.file().media_type === 'image/jpeg')!.file();
    const exif = await exifr.parse(Buffer.from(photo.bytes), { gps: true });
    assert.ok(Math.abs(exif.latitude - 30.93) < 0.01 && Math.abs(exif.longitude - 66.43) < 0.01, 'GPS near Weesh');
    assert.equal(exif.OffsetTimeOriginal, '+04:30');
    assert.ok(exif.DateTimeOriginal instanceof Date);
  });

  test('contains no sentence of the press corpus (no run of six words in common)', () => {
    const words = (text: string) => text.toLowerCase().replace(/[’']/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const grams = (w: string[]) => new Set(w.slice(0, Math.max(0, w.length - 5)).map((_, i) => w.slice(i, i + 6).join(' ')));
    const corpusDir = join(PROJECT_ROOT, '..', 'shared', 'corpus');
    const corpus = new Set<string>();
    for (const f of readdirSync(corpusDir).filter((n) => n.endsWith('.txt'))) for (const g of grams(words(readFileSync(join(corpusDir, f), 'utf8')))) corpus.add(g);
    assert.ok(corpus.size > 1000, 'the corpus was read');
    const demoDir = join(PROJECT_ROOT, 'src', 'demo');
    for (const f of readdirSync(demoDir)) {
      const shared = [...grams(words(readFileSync(join(demoDir, f), 'utf8')))].filter((g) => corpus.has(g));
      assert.deepEqual(shared, [], `${f} repeats the corpus`);
    }
  });
});
