/**
 * Returnee / deportee movements through the HTTP API: each party reports
 * its own count into a tally, discrepancies are shown, a mediator
 * reconciles; aggregates only (extra fields refused); each viewer sees only
 * the counts it may; and `annex verify` covers the tallies.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-08T10:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

const count = (over: Record<string, unknown> = {}) => ({
  crossing_id: 'torkham', period_from: '2025-11-01', period_to: '2025-11-07', direction: 'into_AFG', category: 'undocumented_deportee',
  count: 1200, source: 'Reception centre at the crossing', visibility: 'parties', ...over,
});
const TALLY = 'torkham.2025-11-01.2025-11-07.into_AFG.undocumented_deportee';
const SEALED = 'torkham.2025-11-01.2025-11-07.into_AFG.registered_refugee_voluntary_return';

describe('reporting counts', () => {
  test('each side reports its own count into the same tally; the discrepancy is shown', async () => {
    const a = await call(env, u.afg, 'POST', '/api/movements', count());
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.tally.id, TALLY);
    assert.deepEqual(a.body.tally.counts.map((c: { org: string; count: number }) => [c.org, c.count]), [['AFG', 1200]]);
    assert.equal(a.body.tally.discrepancy, null);
    assert.deepEqual(a.body.tally.actions, ['report_count']);
    const p = await call(env, u.pak, 'POST', '/api/movements', count({ count: 1500, source: 'Border authority exit records', method: 'gate register' }));
    assert.equal(p.status, 201);
    assert.deepEqual(p.body.tally.counts.map((c: { org: string; count: number }) => [c.org, c.count]), [['AFG', 1200], ['PAK', 1500]]);
    assert.deepEqual(p.body.tally.discrepancy, { absolute: 300, percent: 20 });
  });

  test('aggregates only: personal data fields and other mistakes are refused', async () => {
    const post = (body: unknown, who: keyof Users = 'afg') => call(env, u[who], 'POST', '/api/movements', body);
    for (const extra of [{ names: ['A. Person'] }, { passport_numbers: ['X123'] }, { people: [{ age: 30 }] }]) {
      const r = await post(count(extra));
      assert.equal(r.status, 400, JSON.stringify(extra));
    }
    assert.equal((await post(count({ crossing_id: 'nowhere' }))).status, 400);
    assert.equal((await post(count({ direction: 'into_TUR' }))).status, 400);
    assert.equal((await post(count({ count: -1 }))).status, 400);
    assert.equal((await post(count({ period_to: '2025-10-01' }))).status, 400);
    assert.equal((await post(count({ category: 'vip' }))).status, 400);
    for (const who of ['sec', 'tur', 'mon', 'obs', 'pakAnalyst'] as const) assert.equal((await post(count(), who)).status, 403, who);
    assert.equal((await call(env, undefined, 'POST', '/api/movements', count())).status, 401);
  });
});

describe('reading', () => {
  test('members read the tally; observers and anonymous readers not before it is reconciled and published', async () => {
    for (const who of ['sec', 'tur', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'] as const) {
      const r = await call(env, u[who], 'GET', `/api/movements/${TALLY}`);
      assert.equal(r.status, 200, who);
      assert.equal(r.body.counts.length, 2, who);
    }
    assert.equal((await call(env, u.obs, 'GET', `/api/movements/${TALLY}`)).status, 404);
    assert.equal((await call(env, undefined, 'GET', `/api/movements/${TALLY}`)).status, 404);
    assert.deepEqual((await call(env, u.obs, 'GET', '/api/movements')).body.items, []);
    assert.equal((await call(env, u.afg, 'GET', '/api/movements/not-a-tally')).status, 400);
  });

  test('a count sealed to the mediators shows to no other party, and never through a discrepancy', async () => {
    assert.equal((await call(env, u.afg, 'POST', '/api/movements', count({ category: 'registered_refugee_voluntary_return', count: 800, visibility: 'mediators' }))).status, 201);
    assert.equal((await call(env, u.pak, 'GET', `/api/movements/${SEALED}`)).status, 404);
    const pakList = await call(env, u.pak, 'GET', '/api/movements?crossing=torkham');
    assert.deepEqual(pakList.body.items.map((t: { id: string }) => t.id), [TALLY]);
    const p = await call(env, u.pak, 'POST', '/api/movements', count({ category: 'registered_refugee_voluntary_return', count: 650 }));
    assert.equal(p.status, 201);
    assert.deepEqual(p.body.tally.counts.map((c: { org: string }) => c.org), ['PAK']);
    assert.equal(p.body.tally.discrepancy, null);
    const sec = await call(env, u.sec, 'GET', `/api/movements/${SEALED}`);
    assert.deepEqual(sec.body.discrepancy, { absolute: 150, percent: 18.8 });
    const afg = await call(env, u.afg, 'GET', `/api/movements/${SEALED}`);
    assert.equal(afg.body.counts.length, 2, 'AFG sees its own sealed count and PAK\'s shared one');
    // A party may correct its count before reconciliation: the latest replaces it.
    const corrected = await call(env, u.afg, 'POST', '/api/movements', count({ category: 'registered_refugee_voluntary_return', count: 700, visibility: 'mediators' }));
    assert.equal(corrected.body.tally.counts.find((c: { org: string }) => c.org === 'AFG').count, 700);
  });
});

describe('reconciliation', () => {
  test('mediators reconcile against the counts they read; published figures reach observers', async () => {
    const path = `/api/movements/${TALLY}/reconciliation`;
    const body = { agreed_count: 1350, note: 'Agreed at the joint cell: AFG count excludes late-evening arrivals.', publication: 'public' };
    assert.equal((await call(env, u.afg, 'POST', path, body)).status, 403);
    assert.equal((await call(env, u.mon, 'POST', path, body)).status, 403);
    assert.equal((await call(env, u.turAnalyst, 'POST', path, body)).status, 403);
    const stale = await call(env, u.tur, 'POST', path, { ...body, based_on: { AFG: 1, PAK: 2 } });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error.message, /counts changed/);
    const read = await call(env, u.tur, 'GET', `/api/movements/${TALLY}`);
    assert.ok(read.body.actions.includes('reconcile'));
    const basedOn = Object.fromEntries(read.body.counts.map((c: { org: string; entry_index: number }) => [c.org, c.entry_index]));
    const r = await call(env, u.tur, 'POST', path, { ...body, based_on: basedOn });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.tally.reconciliation.differences, { AFG: 150, PAK: -150 });
    assert.equal(r.body.tally.reconciliation.org, 'TUR');

    const late = await call(env, u.pak, 'POST', '/api/movements', count({ count: 1400 }));
    assert.equal(late.status, 409, 'counts are final once reconciled');
    assert.deepEqual((await call(env, u.pak, 'GET', `/api/movements/${TALLY}`)).body.actions, []);

    for (const who of [u.obs, undefined]) {
      const o = await call(env, who, 'GET', `/api/movements/${TALLY}`);
      assert.equal(o.status, 200);
      assert.deepEqual(o.body.counts, [], 'the parties\' own counts were shared with the parties only');
      assert.equal(o.body.discrepancy, null);
      assert.equal(o.body.reconciliation.agreed_count, 1350);
      assert.equal(o.body.reconciliation.reconciled_by, null);
      const list = await call(env, who, 'GET', '/api/movements?from=2025-11-01&to=2025-11-30');
      assert.deepEqual(list.body.totals, { tallies: 1, reconciled: 1, agreed: 1350, reported: {} });
    }
    const afgList = await call(env, u.afg, 'GET', '/api/movements?category=undocumented_deportee');
    assert.deepEqual(afgList.body.totals, { tallies: 1, reconciled: 1, agreed: 1350, reported: { AFG: 1200, PAK: 1500 } });
    assert.deepEqual((await call(env, u.afg, 'GET', '/api/movements?from=2025-12-01')).body.items, []);
  });

  test('the published reconciliation does not put the counts it reconciled into the log in clear', async () => {
    const rows = await sql<{ type: string; bytes: Uint8Array }>`SELECT type, bytes FROM ledger_entries WHERE subject = ${TALLY} ORDER BY idx`.execute(env.store.db);
    assert.deepEqual(rows.rows.map((r) => r.type), ['movement.count_reported', 'movement.count_reported', 'movement.reconciled']);
    const text = new TextDecoder().decode(rows.rows[2]!.bytes);
    assert.match(text, /"agreed_count":1350/);
    assert.ok(!text.includes('1200') && !text.includes('1500'), text);
  });

  test('reconciling a sealed count needs the mediators\' staff; an empty tally cannot be reconciled', async () => {
    const r = await call(env, u.sec, 'POST', `/api/movements/${SEALED}/reconciliation`, { agreed_count: 690, note: 'Reception records checked.', publication: 'parties' });
    assert.equal(r.status, 200);
    const pak = await call(env, u.pak, 'GET', `/api/movements/${SEALED}`);
    assert.equal(pak.status, 200, 'reconciled to the parties: now readable');
    assert.deepEqual(pak.body.counts.map((c: { org: string }) => c.org), ['PAK']);
    assert.deepEqual(pak.body.reconciliation.differences, { PAK: 40 });
    assert.equal((await call(env, u.obs, 'GET', `/api/movements/${SEALED}`)).status, 404);
    assert.equal((await call(env, u.sec, 'POST', '/api/movements/torkham.2025-11-01.2025-11-07.into_PAK.other/reconciliation', { agreed_count: 1, note: 'x', publication: 'public' })).status, 404);
  });
});

describe('annex verify covers movement tallies', () => {
  const verify = () => verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });

  test('clean, then a tampered agreed figure and publication flag are caught', async () => {
    const clean = await verify();
    assert.equal(clean.problemCount, 0, formatVerifyReport(clean, 'test'));
    assert.equal(clean.counts.rows.movement_tallies, 2);
    await sql`UPDATE movement_tallies SET record = jsonb_set(record, '{reconciliation,agreed_count}', '1500'::jsonb), published = false WHERE id = ${TALLY}`.execute(env.store.db);
    const r = await verify();
    const lines = r.problems.map((p) => p.message).sort();
    assert.deepEqual(lines, [
      `movement_tallies ${TALLY}: published is false but entry ${r.problems[0]!.idx} (movement.reconciled) says true`,
      `movement_tallies ${TALLY}: record.reconciliation.agreed_count is 1500 but entry ${r.problems[0]!.idx} (movement.reconciled) says 1350`,
    ].sort());
    await sql`UPDATE movement_tallies SET record = jsonb_set(record, '{reconciliation,agreed_count}', '1350'::jsonb), published = true WHERE id = ${TALLY}`.execute(env.store.db);
    assert.equal((await verify()).problemCount, 0);
  });
});
