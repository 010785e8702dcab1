/**
 * Crossing status through the HTTP API: parties report their own side,
 * monitors and mediators verify, timelines and closure totals per period,
 * what observers see (verified public reports only), linking a closure to a
 * commitment, filing a complaint about it; and `annex verify` covering the
 * new rows (a tampered report is caught and named).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { registerCommitment } from '../src/services/commitments.js';
import { configureWorkspace } from '../src/services/workspace.js';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
const CROSSINGS = [
  { id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09, sides: ['Nangarhar', 'Khyber'] },
  { id: 'chaman', name: 'Chaman–Spin Boldak', latitude: 30.92, longitude: 66.44, sides: ['Kandahar', 'Balochistan'] },
];

before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-21T12:00:00.000Z') });
  u = await seedWorkspace(env);
  await configureWorkspace(env.services, 'system', { crossings: CROSSINGS });
  await registerCommitment(env.services, u.sec.viewer, {
    title: 'Keep Torkham open to trade', clause_id: 'C2', obligated_party: 'PAK', indicator: 'Cargo crosses every day',
    evidence_required: 'Monitor observations at the gate', deadline: { date: '2025-11-30' }, visibility: 'public',
  });
});
after(() => env.close());

const report = (over: Record<string, unknown> = {}) => ({
  side: 'PAK', traffic_types: ['cargo'], status: 'closed', effective_from: '2025-10-12T00:00:00Z',
  method: 'official_announcement', announced_by: 'PAK', queues: { trucks: 350 }, reason: 'Security situation after the border clashes',
  ...over,
});

const ids: Record<string, string> = {};

describe('reporting status', () => {
  test('a party reports its own side; times are stored in UTC; the report is numbered', async () => {
    const r = await call(env, u.pak, 'POST', '/api/crossings/torkham/reports', report({ effective_from: '2025-10-12T05:00:00+05:00' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const rep = r.body.report;
    ids.pakCargo = rep.id;
    assert.match(rep.id, /^CSR-2025-\d{4}$/);
    assert.equal(rep.effective_from, '2025-10-12T00:00:00.000Z');
    assert.equal(rep.effective_to, null);
    assert.deepEqual([rep.side, rep.status, rep.reporter_org, rep.verified, rep.visibility], ['PAK', 'closed', 'PAK', false, 'public']);
    assert.deepEqual(rep.queues, { trucks: 350 });
    // Its own reporter may not verify it, nor complain about its own side.
    assert.deepEqual(rep.actions, []);
    assert.equal(r.body.entry.type, 'crossing.status_reported');
  });

  test('who may report which side', async () => {
    const post = (who: keyof Users | undefined, body: unknown) => call(env, who ? u[who] : undefined, 'POST', '/api/crossings/torkham/reports', body);
    assert.equal((await post('afg', report())).status, 403, 'a party reports its own side only');
    assert.equal((await post('pakAnalyst', report())).status, 403, 'analysts do not report');
    assert.equal((await post('obs', report())).status, 403);
    assert.equal((await post(undefined, report())).status, 401);
    const mon = await post('mon', report({ side: 'AFG', method: 'monitor_observation', announced_by: undefined, traffic_types: ['pedestrians', 'returnees'], status: 'restricted', queues: { people: 2000 } }));
    assert.equal(mon.status, 201, 'monitors report either side');
    ids.afgPeople = mon.body.report.id;
    const sec = await post('sec', report({ side: 'AFG', traffic_types: ['cargo'], announced_by: 'AFG', visibility: 'parties' }));
    assert.equal(sec.status, 201, 'mediators\' staff report either side');
    ids.afgCargoSealed = sec.body.report.id;
  });

  test('client mistakes are 4xx with a reason', async () => {
    const post = (url: string, body: unknown) => call(env, u.sec, 'POST', url, body);
    assert.equal((await post('/api/crossings/nowhere/reports', report())).status, 404);
    const notParty = await post('/api/crossings/torkham/reports', report({ side: 'TUR' }));
    assert.equal(notParty.status, 400);
    assert.match(notParty.body.error.message, /side: TUR is not a party/);
    assert.equal((await post('/api/crossings/torkham/reports', report({ announced_by: 'NOBODY' }))).status, 400);
    const backwards = await post('/api/crossings/torkham/reports', report({ effective_to: '2025-10-01T00:00:00Z' }));
    assert.equal(backwards.status, 400);
    assert.match(backwards.body.error.message, /effective_to must be after effective_from/);
    assert.equal((await post('/api/crossings/torkham/reports', report({ status: 'half-open' }))).status, 400);
    assert.equal((await post('/api/crossings/torkham/reports', report({ traffic_types: ['cargo', 'cargo'] }))).status, 400);
    assert.equal((await post('/api/crossings/torkham/reports', report({ driver_name: 'A. Person' }))).status, 400, 'no extra fields');
    assert.equal((await post('/api/crossings/torkham/reports', report({ commitment_id: 'trade' }))).status, 400);
    const unknown = await post('/api/crossings/torkham/reports', report({ commitment_id: 'COM-99' }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /unknown commitment COM-99/);
  });
});

describe('verification and who sees what', () => {
  test('observers and anonymous readers see a public report only once it is confirmed', async () => {
    const path = `/api/crossings/torkham/reports/${ids.pakCargo}`;
    for (const who of [u.obs, undefined]) assert.equal((await call(env, who, 'GET', path)).status, 404);
    assert.equal((await call(env, u.afg, 'GET', path)).status, 200, 'the other party sees unverified reports');

    assert.equal((await call(env, u.pak, 'POST', `${path}/verifications`, { outcome: 'confirmed', method: 'party_report' })).status, 403, 'not its own report');
    assert.equal((await call(env, u.afg, 'POST', `${path}/verifications`, { outcome: 'confirmed', method: 'party_report' })).status, 403, 'parties do not verify');
    assert.equal((await call(env, u.obs, 'POST', `${path}/verifications`, { outcome: 'confirmed', method: 'media' })).status, 404, 'observers cannot even see it yet');
    const seen = await call(env, u.mon, 'GET', path);
    assert.ok(seen.body.actions.includes('verify'));
    const v = await call(env, u.mon, 'POST', `${path}/verifications`, {
      outcome: 'confirmed', method: 'monitor_observation', observed_at: '2025-10-14T09:30:00+05:00', queues: { trucks: 420 }, note: 'Gate shut; trucks parked along the road.',
    });
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.report.verified, true);
    assert.deepEqual(v.body.report.verifications.map((x: { org: string; outcome: string; observed_at: string }) => [x.org, x.outcome, x.observed_at]), [['MON', 'confirmed', '2025-10-14T04:30:00.000Z']]);
    assert.deepEqual(v.body.report.actions, ['file_complaint'], 'MON has verified; it may still complain about the closure');
    assert.equal((await call(env, u.mon, 'POST', `${path}/verifications`, { outcome: 'confirmed', method: 'monitor_observation' })).status, 409, 'once per organisation');

    const obs = await call(env, u.obs, 'GET', path);
    assert.equal(obs.status, 200);
    assert.equal(obs.body.reported_by, null, 'user ids stay with the mechanism\'s members');
    assert.equal(obs.body.verifications[0].user, null);
    assert.equal((await call(env, undefined, 'GET', path)).status, 200);

    // A mediator disputes another report: not verified, flagged.
    const d = await call(env, u.tur, 'POST', `/api/crossings/torkham/reports/${ids.afgPeople}/verifications`, { outcome: 'disputed', method: 'media', note: 'Reported open to pedestrians.' });
    assert.equal(d.status, 200);
    assert.deepEqual([d.body.report.verified, d.body.report.disputed], [false, true]);
  });

  test('a report sealed to the parties never reaches observers; its verification stays sealed too', async () => {
    const path = `/api/crossings/torkham/reports/${ids.afgCargoSealed}`;
    const v = await call(env, u.mon, 'POST', `${path}/verifications`, { outcome: 'confirmed', method: 'monitor_observation' });
    assert.equal(v.status, 200);
    assert.equal((await call(env, u.obs, 'GET', path)).status, 404);
    assert.equal((await call(env, u.pak, 'GET', path)).status, 200);
    const detail = await call(env, u.obs, 'GET', '/api/crossings/torkham');
    assert.deepEqual(detail.body.reports.map((r: { id: string }) => r.id), [ids.pakCargo]);
    const entries = await sql<{ type: string; sealed: boolean }>`SELECT e.type, s.idx IS NOT NULL AS sealed FROM ledger_entries e LEFT JOIN ledger_seals s ON s.idx = e.idx WHERE e.subject = ${ids.afgCargoSealed} ORDER BY e.idx`.execute(env.store.db);
    assert.deepEqual(entries.rows.map((r) => [r.type, r.sealed]), [['crossing.status_reported', true], ['crossing.status_verified', true]]);
  });
});

describe('timelines and closure totals', () => {
  test('a reopening ends the closure; the crossing shows what is in force now', async () => {
    const r = await call(env, u.pak, 'POST', '/api/crossings/torkham/reports', report({ status: 'open', effective_from: '2025-10-20T06:00:00Z', queues: undefined, reason: undefined }));
    assert.equal(r.status, 201);
    ids.pakOpen = r.body.report.id;
    const d = await call(env, u.afg, 'GET', '/api/crossings/torkham');
    assert.equal(d.status, 200);
    const line = d.body.timelines.find((l: { side: string; traffic_type: string }) => l.side === 'PAK' && l.traffic_type === 'cargo');
    assert.deepEqual(line.segments.map((s: { status: string; from: string; to: string | null; report_id: string }) => [s.status, s.from, s.to, s.report_id]), [
      ['closed', '2025-10-12T00:00:00.000Z', '2025-10-20T06:00:00.000Z', ids.pakCargo],
      ['open', '2025-10-20T06:00:00.000Z', null, ids.pakOpen],
    ]);
    assert.deepEqual(line.closures, [{ from: '2025-10-12T00:00:00.000Z', to: '2025-10-20T06:00:00.000Z', report_ids: [ids.pakCargo] }]);
    const now = d.body.current.find((c: { side: string; traffic_type: string }) => c.side === 'PAK' && c.traffic_type === 'cargo');
    assert.deepEqual([now.status, now.report_id], ['open', ids.pakOpen]);
    const list = await call(env, u.afg, 'GET', '/api/crossings');
    assert.deepEqual(list.body.items.map((c: { id: string }) => c.id), ['torkham', 'chaman']);
    assert.deepEqual(list.body.items[1].current, []);
    // Filters.
    const pedestrians = await call(env, u.afg, 'GET', '/api/crossings/torkham?traffic_type=pedestrians');
    assert.deepEqual(pedestrians.body.timelines.map((l: { side: string; traffic_type: string }) => `${l.side}/${l.traffic_type}`), ['AFG/pedestrians']);
  });

  test('closure hours per week, clipped to the range and to now', async () => {
    const r = await call(env, u.afg, 'GET', '/api/crossings/torkham/closures?from=2025-10-06&to=2025-10-26&period=week&side=PAK&traffic_type=cargo');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.lines.length, 1);
    const line = r.body.lines[0];
    // Now is 21 Oct 12:00. Closed 12 Oct 00:00 → 20 Oct 06:00 = 198 h; open since, 30 h up to now; 6–12 Oct unknown.
    assert.deepEqual(line.total.hours, { open: 30, closed: 198, restricted: 0, unknown: 144 });
    assert.equal(line.total.closures, 1);
    assert.deepEqual(line.periods.map((p: { from: string; hours: { closed: number } }) => [p.from.slice(0, 10), p.hours.closed]), [
      ['2025-10-06', 24], ['2025-10-13', 168], ['2025-10-20', 6],
    ]);
    assert.deepEqual(line.periods.map((p: { closures: number }) => p.closures), [1, 1, 1], 'the closure overlaps each week');
    assert.equal((await call(env, u.afg, 'GET', '/api/crossings/torkham/closures?from=2025-10-26&to=2025-10-06')).status, 400);
    assert.equal((await call(env, u.afg, 'GET', '/api/crossings/torkham/closures?from=2020-01-01&to=2025-10-06&period=day')).status, 400, 'too many periods');
    assert.equal((await call(env, u.afg, 'GET', '/api/crossings/nowhere/closures?from=2025-10-06&to=2025-10-26')).status, 404);
  });

  test('observers\' totals come from verified public reports only', async () => {
    const r = await call(env, u.obs, 'GET', '/api/crossings/torkham/closures?from=2025-10-06&to=2025-10-26&period=month');
    assert.equal(r.status, 200);
    // The reopening is not verified yet, so for observers the closure is still in force.
    assert.deepEqual(r.body.lines.map((l: { side: string; traffic_type: string; total: { hours: { closed: number } } }) => [l.side, l.traffic_type, l.total.hours.closed]), [['PAK', 'cargo', 228]]);
  });
});

describe('closures, commitments and complaints', () => {
  test('mediators link a closure to a registered commitment, once', async () => {
    const path = `/api/crossings/torkham/reports/${ids.pakCargo}/links`;
    assert.equal((await call(env, u.afg, 'POST', path, { commitment_id: 'COM-1' })).status, 403);
    assert.equal((await call(env, u.sec, 'POST', path, { commitment_id: 'uninterrupted-trade' })).status, 400);
    assert.equal((await call(env, u.sec, 'POST', path, {})).status, 400);
    const unknown = await call(env, u.sec, 'POST', path, { commitment_id: 'COM-42' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /unknown commitment COM-42/);
    const r = await call(env, u.sec, 'POST', path, { commitment_id: 'COM-1' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.report.commitment_id, 'COM-1');
    assert.equal((await call(env, u.tur, 'POST', path, { commitment_id: 'COM-1' })).status, 409);
    const open = await call(env, u.sec, 'POST', `/api/crossings/torkham/reports/${ids.pakOpen}/links`, { commitment_id: 'COM-1' });
    assert.equal(open.status, 409);
    assert.match(open.body.error.message, /not a closure/);
  });

  test('a closure produces a complaint, pre-filled and linked back; once', async () => {
    const path = `/api/crossings/torkham/reports/${ids.pakCargo}/complaint`;
    assert.equal((await call(env, u.pak, 'POST', path, { clause_refs: ['C2'] })).status, 403, 'not about its own side');
    assert.equal((await call(env, u.turAnalyst, 'POST', path, { clause_refs: ['C2'] })).status, 403);
    const unknownClause = await call(env, u.afg, 'POST', path, { clause_refs: ['C9'] });
    assert.equal(unknownClause.status, 400);
    assert.equal((await call(env, u.afg, 'GET', `/api/crossings/torkham/reports/${ids.pakCargo}`)).body.incident_id, null, 'a refused filing links nothing');
    const seen = await call(env, u.afg, 'GET', `/api/crossings/torkham/reports/${ids.pakCargo}`);
    assert.ok(seen.body.actions.includes('file_complaint'));

    const r = await call(env, u.afg, 'POST', path, { clause_refs: ['C2'], notes: 'Perishable goods lost at the gate.' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const incidentId = r.body.incident.id;
    assert.match(incidentId, /^INC-2025-\d{4}$/);
    assert.equal(r.body.report.incident_id, incidentId);
    assert.equal(r.body.report.actions.includes('file_complaint'), false);
    const inc = await call(env, u.afg, 'GET', `/api/incidents/${incidentId}`);
    assert.equal(inc.status, 200);
    const i = inc.body;
    assert.deepEqual([i.accused_party, i.category, i.channel, i.event_date, i.visibility, i.place.crossing_id, i.place.country], ['PAK', 'blocking_access', 'party', '2025-10-12', 'public', 'torkham', 'Pakistan']);
    assert.deepEqual(i.clause_refs, ['C2']);
    assert.match(i.title, /Closure of Torkham \(Pakistan side\) to cargo/);
    assert.match(i.notes, new RegExp(`crossing report ${ids.pakCargo}`));
    assert.match(i.notes, /Perishable goods/);
    const again = await call(env, u.mon, 'POST', path, { clause_refs: ['C2'] });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, new RegExp(incidentId));
    const open = await call(env, u.afg, 'POST', `/api/crossings/torkham/reports/${ids.pakOpen}/complaint`, { clause_refs: ['C2'] });
    assert.equal(open.status, 409);
  });

  test('mediators link a closure to a complaint already filed about the same crossing', async () => {
    const path = `/api/crossings/torkham/reports/${ids.afgPeople}/links`;
    const elsewhere = await call(env, u.pak, 'POST', '/api/incidents', {
      title: 'Pedestrians turned back at Chaman', channel: 'party', visibility: 'parties', accused_party: 'AFG', clause_refs: ['C2'],
      event_date: '2025-10-14', time_precision: 1, notes: 'Turned back.', place: { country: 'Afghanistan', geo_precision: 1, crossing_id: 'chaman' },
    });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
    const wrong = await call(env, u.sec, 'POST', path, { incident_id: elsewhere.body.incident.id });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.error.message, /not about crossing torkham/);
    assert.equal((await call(env, u.sec, 'POST', path, { incident_id: 'INC-2025-0999' })).status, 400);
    const here = await call(env, u.pak, 'POST', '/api/incidents', {
      title: 'Pedestrians held at Torkham', channel: 'party', visibility: 'parties', accused_party: 'AFG', clause_refs: ['C2'],
      event_date: '2025-10-14', time_precision: 1, notes: 'Held for hours.', place: { country: 'Afghanistan', geo_precision: 1, crossing_id: 'torkham' },
    });
    const r = await call(env, u.qat, 'POST', path, { incident_id: here.body.incident.id });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.report.incident_id, here.body.incident.id);
    assert.equal(r.body.report.actions.includes('file_complaint'), false);
    assert.equal((await call(env, u.qat, 'POST', path, { incident_id: here.body.incident.id })).status, 409);
  });
});

describe('annex verify covers crossing reports', () => {
  const verify = () => verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });

  test('a clean store verifies, counting the report rows', async () => {
    const r = await verify();
    assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
    assert.equal(r.counts.rows.crossing_reports, 4);
  });

  test('a report edited behind the system\'s back is named with the entry that contradicts it', async () => {
    const id = ids.pakCargo;
    await sql`UPDATE crossing_reports SET status = 'open', effective_from = '2025-10-15T00:00:00Z' WHERE id = ${id}`.execute(env.store.db);
    const r = await verify();
    assert.equal(r.ok, false);
    const lines = r.problems.map((p) => p.message).sort();
    assert.ok(lines.some((l) => new RegExp(`^crossing_reports ${id}: status is "open" but entry \\d+ \\(crossing\\.linked\\) says "closed"$`).test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`crossing_reports ${id}: effective_from is`)), lines.join('\n'));
    await sql`UPDATE crossing_reports SET status = 'closed', effective_from = '2025-10-12T00:00:00Z' WHERE id = ${id}`.execute(env.store.db);

    // A verification erased from the record (jsonb) is caught too.
    await sql`UPDATE crossing_reports SET record = jsonb_set(record, '{verifications}', '[]'::jsonb), verified = false WHERE id = ${id}`.execute(env.store.db);
    const r2 = await verify();
    const lines2 = r2.problems.map((p) => p.message);
    assert.ok(lines2.some((l) => l.startsWith(`crossing_reports ${id}: verified is false but entry`)), lines2.join('\n'));
    assert.ok(lines2.some((l) => l.startsWith(`crossing_reports ${id}: record.verifications`)), lines2.join('\n'));
    await sql`DELETE FROM crossing_reports WHERE id = ${id}`.execute(env.store.db);
    const r3 = await verify();
    assert.ok(r3.problems.some((p) => p.kind === 'deleted' && p.table === 'crossing_reports' && p.key === id));
  });
});
