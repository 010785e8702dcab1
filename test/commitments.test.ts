/**
 * Commitments and the clause register through the HTTP API: versioned
 * clauses, D-day and relative deadlines, overdue at the end of the due day,
 * extensions, verifications and self-reports, the reciprocity rule
 * (suspension, chains, refused cycles), a finding's remedies becoming
 * commitments, and `annex verify` catching a tampered commitment.
 * One env for the file; tests run in order and build on each other.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { inTransaction } from '../src/services/context.js';
import { record, type Draft } from '../src/services/recorder.js';
import { formatVerifyReport, verifyStore, type ProblemKind } from '../src/verify/index.js';
import { utf8Text } from './support/files.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type TestUser, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;

before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-20T08:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

const at = (iso: string) => {
  env.clock.now = new Date(iso);
};

const TERMS = {
  indicator: 'Both gates open to cargo on every day of the week',
  evidence_required: 'Daily crossing logs and a monitor site visit',
  visibility: 'parties',
};

let titles = 0;
async function register(fields: Record<string, unknown>, by: TestUser = u.sec) {
  const r = await call(env, by, 'POST', '/api/commitments', {
    title: `Commitment ${++titles}`, clause_id: 'C2', obligated_party: 'PAK', deadline: { date: '2025-11-30' }, ...TERMS, ...fields,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.commitment as { id: string } & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const get = async (id: string, by: TestUser | undefined = u.sec) => (await call(env, by, 'GET', `/api/commitments/${id}`)).body;
const step = (by: TestUser | undefined, id: string, path: string, body: unknown) => call(env, by, 'POST', `/api/commitments/${id}/${path}`, body);

/** Lodge a small text file as evidence on an incident, through the API. */
async function lodge(by: TestUser, incidentId: string, visibility: string): Promise<string> {
  const boundary = `----annex${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...Object.entries({ kind: 'statement', visibility }).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  ];
  const payload = Buffer.concat([Buffer.from(parts.join('')), utf8Text(`Crossing log ${boundary}\n`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const r = await env.app.inject({
    method: 'POST', url: `/api/incidents/${incidentId}/evidence`, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${by.token}` },
  });
  assert.equal(r.statusCode, 201, r.body);
  return JSON.parse(r.body).evidence.id;
}

describe('the clause register', () => {
  test('configured clauses are version 1; amendments add versions and keep the history', async () => {
    const reg = await call(env, undefined, 'GET', '/api/clauses');
    assert.equal(reg.status, 200);
    assert.equal(reg.body.d_day, null);
    assert.deepEqual(reg.body.items.map((c: { id: string; version: number }) => [c.id, c.version]), [['C1', 1], ['C2', 1]]);
    assert.equal(reg.body.items[0].versions[0].source, 'workspace');

    const v2 = { title: 'Cessation of hostilities (Istanbul text)', text: 'The parties cease all offensive operations, drone strikes included.', reason: 'Agreed at the first Istanbul round', agreed_on: '2025-10-30' };
    assert.equal((await call(env, u.pak, 'POST', '/api/clauses/C1/versions', v2)).status, 403);
    assert.equal((await call(env, u.mon, 'POST', '/api/clauses/C1/versions', v2)).status, 403);
    assert.equal((await call(env, undefined, 'POST', '/api/clauses/C1/versions', v2)).status, 401);
    assert.equal((await call(env, u.sec, 'POST', '/api/clauses/C1/versions', { ...v2, reason: undefined })).status, 400);
    const r = await call(env, u.sec, 'POST', '/api/clauses/C1/versions', v2);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.clause.version, 2);
    assert.equal(r.body.clause.text, v2.text);
    const [first, second] = r.body.clause.versions;
    assert.deepEqual([first.version, first.source, first.text, first.recorded_at], [1, 'workspace', 'The parties cease all offensive operations.', null]);
    assert.deepEqual([second.version, second.source, second.agreed_on, second.recorded_by, second.reason], [2, 'recorded', '2025-10-30', 'SEC', v2.reason]);

    const v3 = await call(env, u.tur, 'POST', '/api/clauses/C1/versions', { title: v2.title, text: 'All offensive operations stop.', reason: 'Drafting fix' });
    assert.deepEqual(v3.body.clause.versions.map((v: { version: number }) => v.version), [1, 2, 3]);
    assert.equal((await call(env, undefined, 'GET', '/api/clauses/C1')).body.version, 3);
    assert.equal((await call(env, undefined, 'GET', '/api/clauses/C7')).status, 404);
  });

  test('a new clause is registered as version 1 and can be cited at once', async () => {
    const r = await call(env, u.qat, 'POST', '/api/clauses/C9/versions', { title: 'Information sharing', text: 'Threat information goes through the mechanism.', reason: 'Second Istanbul round' });
    assert.equal(r.status, 201);
    assert.deepEqual([r.body.clause.version, r.body.clause.versions.length, r.body.clause.versions[0].source], [1, 1, 'recorded']);
    const filed = await call(env, u.afg, 'POST', '/api/incidents', filing({ clause_refs: ['C9'] }));
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.deepEqual((await call(env, undefined, 'GET', '/api/clauses')).body.items.map((c: { id: string }) => c.id), ['C1', 'C2', 'C9']);
  });
});

describe('registering', () => {
  test('mediators\' staff register; names are checked; the clause version in force is recorded', async () => {
    const c = await register({ clause_id: 'C1' });
    assert.match(c.id, /^COM-\d+$/);
    assert.deepEqual([c.status, c.clause_version, c.obligated_party, c.overdue, c.suspended], ['not_started', 3, 'PAK', false, false]);
    assert.deepEqual(c.actions.sort(), ['amend', 'extend', 'verify']);
    assert.equal(c.timeline[0].type, 'commitment.registered');
    assert.equal(c.timeline[0].org, 'SEC');

    const body = { title: 'X', clause_id: 'C2', obligated_party: 'PAK', deadline: { date: '2025-11-30' }, ...TERMS };
    const bad = async (patch: Record<string, unknown>, by: TestUser | 'anonymous' = u.sec) =>
      call(env, by === 'anonymous' ? undefined : by, 'POST', '/api/commitments', { ...body, ...patch });
    assert.match((await bad({ clause_id: 'C8' })).body.error.message, /unknown clause C8/);
    assert.match((await bad({ obligated_party: 'TUR' })).body.error.message, /TUR is not a party/);
    assert.match((await bad({ conditional_on: ['COM-999'] })).body.error.message, /unknown commitment COM-999/);
    assert.equal((await bad({ deadline: { relative_to: 'signature', days: 3 } })).status, 400);
    assert.equal((await bad({ deadline: { date: '2025-02-30' } })).status, 400);
    assert.equal((await bad({ indicator: undefined })).status, 400);
    assert.equal((await bad({}, u.afg)).status, 403);
    assert.equal((await bad({}, u.mon)).status, 403);
    assert.equal((await bad({}, u.turAnalyst)).status, 403);
    assert.equal((await bad({}, 'anonymous')).status, 401);
  });

  test('a deadline relative to an unset D-day has no due date until the D-day is set', async () => {
    const c = await register({ deadline: { relative_to: 'd_day', days: 30 } });
    assert.deepEqual([c.deadline_label, c.due_date, c.overdue], ['D+30', null, false]);
    assert.match(c.due_note, /D-day, which is not set yet/);
    assert.equal((await call(env, u.afg, 'POST', '/api/clauses/d-day', { d_day: '2025-10-19', reason: 'Doha' })).status, 403);
    const set = await call(env, u.tur, 'POST', '/api/clauses/d-day', { d_day: '2025-10-19', reason: 'The Doha ceasefire took effect' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const now = await get(c.id);
    assert.deepEqual([now.due_date, now.due_at, now.due_note], ['2025-11-18', '2025-11-19T00:00:00.000Z', null]);
    assert.equal((await call(env, undefined, 'GET', '/api/clauses')).body.d_day, '2025-10-19');
    assert.equal((await call(env, u.obs, 'GET', '/api/commitments')).body.d_day, '2025-10-19');
  });
});

let evidence: { mon: string; afgSealed: string };

describe('overdue, extensions, verifications', () => {
  before(async () => {
    const incident = (await call(env, u.afg, 'POST', '/api/incidents', filing({ title: 'Torkham closed to cargo' }))).body.incident.id;
    evidence = { mon: await lodge(u.mon, incident, 'parties'), afgSealed: await lodge(u.afg, incident, 'mediators') };
  });

  test('a commitment is overdue once its due day has ended and it is not complete', async () => {
    at('2025-10-24T08:00:00.000Z');
    const c = await register({ deadline: { date: '2025-10-25' } });
    at('2025-10-25T23:59:59.000Z');
    assert.equal((await get(c.id)).overdue, false, 'due by the end of the day');
    at('2025-10-26T00:00:00.000Z');
    assert.equal((await get(c.id)).overdue, true);
    const overdue = (await call(env, u.pak, 'GET', '/api/commitments?overdue=true')).body.items.map((i: { id: string }) => i.id);
    assert.ok(overdue.includes(c.id));
    assert.ok(!(await call(env, u.pak, 'GET', '/api/commitments?overdue=false')).body.items.some((i: { id: string }) => i.id === c.id));

    // Extensions: mediators' staff only, later only, with the history kept.
    assert.equal((await step(u.pak, c.id, 'extensions', { deadline: { date: '2025-11-05' }, reason: 'We ask for time' })).status, 403);
    assert.equal((await step(u.mon, c.id, 'extensions', { deadline: { date: '2025-11-05' }, reason: 'x' })).status, 403);
    assert.equal((await step(u.sec, c.id, 'extensions', { deadline: { date: '2025-11-05' } })).status, 400, 'a reason is required');
    const earlier = await step(u.sec, c.id, 'extensions', { deadline: { date: '2025-10-24' }, reason: 'Typo' });
    assert.equal(earlier.status, 409);
    assert.match(earlier.body.error.message, /later than 2025-10-25/);
    const ext = await step(u.sec, c.id, 'extensions', { deadline: { date: '2025-11-05' }, reason: 'Security situation at the gate' });
    assert.equal(ext.status, 200, JSON.stringify(ext.body));
    const e = ext.body.commitment;
    assert.deepEqual([e.due_date, e.overdue, e.extension_count, e.original_deadline.date], ['2025-11-05', false, 1, '2025-10-25']);
    assert.deepEqual([e.extensions[0].from, e.extensions[0].to, e.extensions[0].org, e.extensions[0].reason], [{ date: '2025-10-25' }, { date: '2025-11-05' }, 'SEC', 'Security situation at the gate']);
    // Relative to D-day (2025-10-19): D+15 is 2025-11-03, earlier; D+20 is 2025-11-08, later.
    assert.equal((await step(u.tur, c.id, 'extensions', { deadline: { relative_to: 'd_day', days: 15 }, reason: 'Aligned' })).status, 409);
    const relative = await step(u.tur, c.id, 'extensions', { deadline: { relative_to: 'd_day', days: 20 }, reason: 'Aligned with the D+20 schedule' });
    assert.equal(relative.status, 200);
    assert.deepEqual([relative.body.commitment.deadline_label, relative.body.commitment.due_date, relative.body.commitment.extensions.length], ['D+20', '2025-11-08', 2]);

    // Past the extended day it is overdue again, until it is verified complete.
    at('2025-11-09T00:00:00.000Z');
    assert.equal((await get(c.id)).overdue, true);
    const done = await step(u.mon, c.id, 'verifications', { status: 'complete', evidence: [evidence.mon], note: 'Both gates open all week' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.commitment.status, done.body.commitment.overdue], ['complete', false]);
    assert.ok(!done.body.commitment.actions.includes('extend'), 'nothing to extend once complete');
    const late = await step(u.sec, c.id, 'extensions', { deadline: { date: '2025-12-01' }, reason: 'x' });
    assert.equal(late.status, 409);
    assert.match(late.body.error.message, /complete/);
  });

  test('the status is the latest verification; a self-report is kept beside it, never as it', async () => {
    const c = await register({ title: 'Hand over the list of armed group camps', clause_id: 'C1', obligated_party: 'PAK' });
    const minimal = await step(u.mon, c.id, 'verifications', { status: 'minimal', evidence: [evidence.mon], note: 'A partial list was shared' });
    assert.equal(minimal.status, 200, JSON.stringify(minimal.body));
    assert.equal(minimal.body.commitment.status, 'minimal');
    assert.deepEqual(minimal.body.commitment.verifications[0].evidence, [evidence.mon]);
    assert.equal(minimal.body.commitment.verifications[0].org, 'MON');

    const unknown = await step(u.tur, c.id, 'verifications', { status: 'complete', evidence: ['EV-2025-999999'], note: 'x' });
    assert.equal(unknown.status, 400);
    assert.equal((await step(u.tur, c.id, 'verifications', { status: 'done', evidence: [], note: 'x' })).status, 400);
    assert.equal((await step(u.pak, c.id, 'verifications', { status: 'complete', evidence: [], note: 'x' })).status, 403, 'a party does not verify');
    assert.equal((await step(u.turAnalyst, c.id, 'verifications', { status: 'complete', evidence: [], note: 'x' })).status, 403);

    const self = await step(u.pak, c.id, 'self-reports', { status: 'complete', evidence: [evidence.mon], note: 'We have shared the full list' });
    assert.equal(self.status, 200, JSON.stringify(self.body));
    assert.equal(self.body.commitment.status, 'minimal', 'a self-report does not change the status');
    assert.deepEqual([self.body.commitment.self_reports[0].status, self.body.commitment.self_reports[0].org], ['complete', 'PAK']);
    // Evidence sealed to the mediators by Afghanistan is not Pakistan's to cite (and the answer is the same as for unknown evidence).
    const sealed = await step(u.pak, c.id, 'self-reports', { status: 'complete', evidence: [evidence.afgSealed], note: 'x' });
    assert.equal(sealed.status, 400);
    assert.match(sealed.body.error.message, /not evidence you may cite/);
    assert.equal((await step(u.afg, c.id, 'self-reports', { status: 'minimal', evidence: [], note: 'x' })).status, 403, 'only the obligated party');
    assert.equal((await step(u.pakAnalyst, c.id, 'self-reports', { status: 'minimal', evidence: [], note: 'x' })).status, 403, 'its liaison officers');
    assert.equal((await step(u.tur, c.id, 'self-reports', { status: 'minimal', evidence: [], note: 'x' })).status, 403);

    const later = await step(u.tur, c.id, 'verifications', { status: 'intermediate', evidence: [], note: 'Most camps listed' });
    assert.equal(later.body.commitment.status, 'intermediate');
    assert.equal(later.body.commitment.verifications.length, 2);
    assert.deepEqual(later.body.commitment.timeline.map((e: { type: string }) => e.type), [
      'commitment.registered', 'commitment.verified', 'commitment.self_reported', 'commitment.verified',
    ]);
    const pakView = await get(c.id, u.pak);
    assert.deepEqual(pakView.actions, ['self_report']);
    assert.deepEqual((await get(c.id, u.mon)).actions, ['verify']);
  });
});

describe('reciprocity', () => {
  const ids = { a: '', b: '', c: '' };

  test('a commitment is suspended, not overdue, while one it is conditional on is in default; suspension follows the chain', async () => {
    at('2025-11-10T08:00:00.000Z');
    // B: Pakistan reopens the crossings. A: Afghanistan acts against the groups, conditional on B. C: Pakistan, conditional on A.
    ids.b = (await register({ title: 'Reopen Torkham and Chaman to cargo', obligated_party: 'PAK', deadline: { date: '2025-11-12' } })).id;
    ids.a = (await register({ title: 'Act against armed groups', clause_id: 'C1', obligated_party: 'AFG', deadline: { date: '2025-11-11' }, conditional_on: [ids.b] })).id;
    ids.c = (await register({ title: 'Phase returns through named crossings', obligated_party: 'PAK', deadline: { date: '2025-11-12' }, conditional_on: [ids.a] })).id;
    let a = await get(ids.a);
    assert.deepEqual([a.overdue, a.suspended, a.conditional_on], [false, false, [ids.b]]);

    at('2025-11-12T08:00:00.000Z'); // A's day is over, B's is not: A is overdue on its own.
    a = await get(ids.a);
    assert.deepEqual([a.overdue, a.suspended], [true, false]);

    at('2025-11-13T08:00:00.000Z'); // B is now in default too: A is suspended by it, and C by A.
    a = await get(ids.a);
    assert.deepEqual([a.overdue, a.suspended, a.suspended_by], [false, true, [ids.b]]);
    assert.deepEqual(a.reciprocity.chain.map((l: { id: string; in_default: boolean; overdue: boolean }) => [l.id, l.in_default, l.overdue]), [[ids.b, true, true]]);
    assert.deepEqual(a.reciprocity.required_by.map((l: { id: string; suspended: boolean }) => [l.id, l.suspended]), [[ids.c, true]]);
    const c = await get(ids.c);
    assert.deepEqual([c.overdue, c.suspended, c.suspended_by], [false, true, [ids.a]]);
    assert.deepEqual(c.reciprocity.chain.map((l: { id: string; via: string; depth: number }) => [l.id, l.via, l.depth]), [[ids.a, ids.c, 1], [ids.b, ids.a, 2]]);
    const b = await get(ids.b);
    assert.deepEqual([b.overdue, b.suspended], [true, false]);
    assert.deepEqual(b.reciprocity.required_by.map((l: { id: string }) => l.id), [ids.a]);
    const suspended = (await call(env, u.afg, 'GET', '/api/commitments?suspended=true')).body.items.map((i: { id: string }) => i.id);
    assert.deepEqual(suspended.filter((id: string) => Object.values(ids).includes(id)).sort(), [ids.a, ids.c].sort());

    // B delivered: A answers for its own (passed) due day again; C stays suspended while A is in default.
    await step(u.tur, ids.b, 'verifications', { status: 'complete', evidence: [], note: 'Both crossings open to cargo' });
    a = await get(ids.a);
    assert.deepEqual([a.overdue, a.suspended], [true, false]);
    assert.deepEqual([(await get(ids.c)).suspended, (await get(ids.c)).suspended_by], [true, [ids.a]]);
  });

  test('links join different parties, never a commitment to itself, never in a cycle', async () => {
    const own = await call(env, u.sec, 'POST', '/api/commitments', {
      title: 'Own', clause_id: 'C2', obligated_party: 'PAK', deadline: { date: '2025-12-01' }, ...TERMS, conditional_on: [ids.b],
    });
    assert.equal(own.status, 409);
    assert.match(own.body.error.message, /PAK's own commitment/);
    const self = await step(u.sec, ids.a, 'amendments', { conditional_on: [ids.a], reason: 'x' });
    assert.equal(self.status, 409);
    assert.match(self.body.error.message, /cannot be conditional on itself/);
    const cycle = await step(u.sec, ids.b, 'amendments', { conditional_on: [ids.a], reason: 'Reciprocal' });
    assert.equal(cycle.status, 409);
    assert.equal(cycle.body.error.message, `${ids.b} cannot be conditional on ${ids.a}: that would close the cycle ${ids.b} → ${ids.a} → ${ids.b}`);
    // Longer: C is on A, A on B; B on C would close B → C → A → B (B is PAK's, C is PAK's: make a fresh AFG link instead).
    const d = await register({ title: 'Share threat information', obligated_party: 'AFG', deadline: { date: '2025-12-01' }, conditional_on: [ids.c] });
    const long = await step(u.sec, ids.b, 'amendments', { conditional_on: [d.id], reason: 'Reciprocal' });
    assert.equal(long.status, 409);
    assert.equal(long.body.error.message, `${ids.b} cannot be conditional on ${d.id}: that would close the cycle ${ids.b} → ${d.id} → ${ids.c} → ${ids.a} → ${ids.b}`);
    // Dropping a link is fine, and the chain follows.
    const dropped = await step(u.sec, ids.c, 'amendments', { conditional_on: [], reason: 'Returns are no longer tied to action on groups' });
    assert.equal(dropped.status, 200);
    assert.deepEqual([dropped.body.commitment.conditional_on, dropped.body.commitment.reciprocity.chain], [[], []]);
    assert.deepEqual(dropped.body.commitment.amendments[0].changed, ['conditional_on']);
    assert.equal((await step(u.sec, ids.b, 'amendments', { conditional_on: [d.id], reason: 'Now acyclic' })).status, 200);
  });

  test('what a commitment is conditional on is at least as visible as the commitment; visibility only widens', async () => {
    const narrow = await call(env, u.sec, 'POST', '/api/commitments', {
      title: 'Public pledge', clause_id: 'C2', obligated_party: 'AFG', deadline: { date: '2025-12-01' }, ...TERMS, visibility: 'public', conditional_on: [ids.c],
    });
    assert.equal(narrow.status, 409);
    assert.match(narrow.body.error.message, /visible to parties only/);
    assert.equal((await call(env, u.obs, 'GET', `/api/commitments/${ids.c}`)).status, 404);
    const widened = await step(u.tur, ids.c, 'amendments', { visibility: 'public', reason: 'Published by the mediators' });
    assert.equal(widened.status, 200, JSON.stringify(widened.body));
    assert.equal((await call(env, u.obs, 'GET', `/api/commitments/${ids.c}`)).status, 200);
    const pledge = await register({ title: 'Public pledge', obligated_party: 'AFG', visibility: 'public', conditional_on: [ids.c] });
    assert.deepEqual((await get(pledge.id, undefined)).reciprocity.chain.map((l: { id: string }) => l.id), [ids.c]);
    const back = await step(u.tur, ids.c, 'amendments', { visibility: 'parties', reason: 'x' });
    assert.equal(back.status, 409);
    assert.match(back.body.error.message, /only widens/);
    assert.equal((await step(u.tur, ids.c, 'amendments', { reason: 'nothing' })).status, 400);
  });
});

const FINDING = {
  determination: 'violation', clause_violated: 'C2', responsible_party: 'PAK', attribution_confidence: 'high', grade: 'confirmed',
  summary: 'The crossing was closed without notice.', methods: ['site visit'], recommendations: [], publication: 'parties',
  required_remedies: [
    { description: 'Reopen Torkham to cargo', obligated_party: 'PAK', due_date: '2025-12-01' },
    { description: 'Report daily arrival totals', obligated_party: 'AFG' },
    { description: 'Convene the guarantors', obligated_party: 'TUR' },
  ],
};

describe('a finding\'s required remedies', () => {
  test('become commitments of the obligated parties when the last mediator signs', async () => {
    at('2025-11-14T08:00:00.000Z');
    const id = (await call(env, u.afg, 'POST', '/api/incidents', filing({ title: 'Torkham closed to cargo', clause_refs: ['C2'], category: 'blocking_access' }))).body.incident.id;
    for (const [who, path, body] of [
      [u.sec, 'triage', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C2'], category: 'blocking_access', severity: 'high' }],
      [u.sec, 'notice', {}], [u.pak, 'acknowledgement', {}], [u.pak, 'response', { position: 'admit', statement: 'Closed for security.', counter_evidence: [] }],
      [u.sec, 'investigation', { team: ['MON'] }], [u.tur, 'finding', FINDING], [u.tur, 'finding/signatures', {}],
    ] as const) {
      const r = await call(env, who, 'POST', `/api/incidents/${id}/${path}`, body);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    }
    const byIncident = () => call(env, u.sec, 'GET', `/api/commitments?incident=${id}`);
    assert.equal((await byIncident()).body.total, 0, 'one signature does not issue the finding');
    const issued = await call(env, u.qat, 'POST', `/api/incidents/${id}/finding/signatures`, {});
    assert.equal(issued.body.incident.status, 'finding_issued');

    const items = (await byIncident()).body.items;
    assert.deepEqual(items.map((c: { obligated_party: string; clause_id: string; visibility: string; due_date: string }) => [c.obligated_party, c.clause_id, c.visibility, c.due_date]), [
      ['PAK', 'C2', 'parties', '2025-12-01'],
      // No due date in the remedy: the workspace's remedy period (30 days) from the day it was issued.
      ['AFG', 'C2', 'parties', '2025-12-14'],
    ]);
    const pak = await get(items[0].id, u.pak);
    assert.deepEqual(pak.remedy_of, { incident_id: id, remedy: 0 });
    assert.equal(pak.indicator, 'Reopen Torkham to cargo');
    assert.equal(pak.source_incident, id);
    assert.equal(pak.timeline[0].org, 'QAT', 'signed by the mediator whose signature issued the finding');
    assert.deepEqual(pak.actions, ['self_report']);
    assert.equal((await call(env, u.obs, 'GET', `/api/commitments/${items[0].id}`)).status, 404, 'as visible as the finding');
  });
});

describe('the ledger rules (what annex verify replays) hold without the service\'s checks', () => {
  const raw = (by: TestUser, draft: Draft) => inTransaction(env.services, (tx) => record(tx, env.services, { org: by.viewer.org, userId: by.viewer.userId }, draft));

  test('an entry signed by the wrong organisation is refused by the applier', async () => {
    const c = await register({ title: 'Applier rules', obligated_party: 'PAK' });
    const onIt = (type: Draft['type'], body: Record<string, unknown>): Draft => ({ type, subject: c.id, visibility: 'parties', body: body as Draft['body'] });
    await assert.rejects(raw(u.afg, onIt('commitment.self_reported', { status: 'complete', evidence: [], note: 'Not ours' })), /only the obligated party \(PAK\)/);
    await assert.rejects(raw(u.pak, onIt('commitment.verified', { status: 'complete', evidence: [], note: 'Self-graded' })), /not a party/);
    await assert.rejects(raw(u.mon, onIt('commitment.extended', { deadline: { date: '2026-01-01' }, reason: 'x' })), /mediators or their secretariat/);
    await assert.rejects(raw(u.tur, { ...onIt('commitment.verified', { status: 'complete', evidence: [], note: 'x' }), visibility: 'public' }), /recorded with its visibility/);
    await assert.rejects(raw(u.afg, {
      type: 'commitment.registered', subject: 'COM-900', visibility: 'parties',
      body: { id: 'COM-900', title: 'x', obligated_party: 'PAK', indicator: 'x', evidence_required: 'x', deadline: { date: '2026-01-01' }, conditional_on: [], visibility: 'parties' },
    }), /registered by the mediators/);
    // A remedy commitment must state a remedy the issued finding requires.
    const incident = (await call(env, u.sec, 'GET', '/api/commitments?status=not_started')).body.items.find((i: { source_incident: string | null }) => i.source_incident)?.source_incident;
    assert.ok(incident);
    await assert.rejects(raw(u.tur, {
      type: 'commitment.registered', subject: 'COM-901', visibility: 'parties',
      body: { id: 'COM-901', title: 'x', clause_id: 'C2', clause_version: 1, obligated_party: 'PAK', indicator: 'Reopen Torkham to cargo', evidence_required: 'x', deadline: { date: '2025-12-01' }, conditional_on: [], visibility: 'parties', remedy_of: { incident_id: incident, remedy: 0 } },
    }), /already commitment COM-\d+/);
    assert.equal((await get(c.id)).timeline.length, 1, 'nothing was recorded');
  });
});

describe('annex verify', () => {
  const verify = () => verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
  const exec = (q: ReturnType<typeof sql>) => q.execute(env.store.db);
  async function problems(kind: ProblemKind): Promise<string[]> {
    const r = await verify();
    assert.equal(r.ok, false, 'tampering must be found');
    assert.ok(r.problems.some((p) => p.kind === kind), formatVerifyReport(r, 'test'));
    return r.problems.map((p) => p.message);
  }
  async function clean(): Promise<void> {
    const r = await verify();
    assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
  }

  test('replays every commitment, clause version and link, and names a tampered one', async () => {
    const r = await verify();
    assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
    // Twelve commitments (two from the finding's remedies), four clause versions, one links row.
    assert.deepEqual([r.counts.rows.commitments, r.counts.rows.clause_versions, r.counts.rows.commitment_links], [12, 4, 1]);

    const row = (await sql<{ id: string; status: string }>`SELECT id, status FROM commitments WHERE status = 'intermediate'`.execute(env.store.db)).rows[0]!;
    await exec(sql`UPDATE commitments SET status = 'complete' WHERE id = ${row.id}`);
    const lines = await problems('changed');
    assert.ok(lines.some((l) => new RegExp(`^commitments ${row.id}: status is "complete" but entry \\d+ \\(commitment\\.verified\\) says "intermediate"$`).test(l)), lines.join('\n'));
    await exec(sql`UPDATE commitments SET status = 'intermediate' WHERE id = ${row.id}`);

    // A moved deadline inside the record is named by its path.
    await exec(sql`UPDATE commitments SET record = jsonb_set(record, '{deadline}', '{"date":"2026-01-01"}') WHERE id = ${row.id}`);
    assert.ok((await problems('changed')).some((l) => l.startsWith(`commitments ${row.id}: record.deadline`)));
    await exec(sql`UPDATE commitments SET record = jsonb_set(record, '{deadline}', '{"date":"2025-11-30"}') WHERE id = ${row.id}`);

    await exec(sql`UPDATE clause_versions SET text = 'Nothing is agreed.' WHERE id = 'C1@2'`);
    assert.ok((await problems('changed')).some((l) => /^clause_versions C1@2: text is "Nothing is agreed\." but entry \d+ \(clause\.versioned\)/.test(l)));
    await exec(sql`UPDATE clause_versions SET text = 'The parties cease all offensive operations, drone strikes included.' WHERE id = 'C1@2'`);

    // Cutting a reciprocity link (to lift a suspension) is caught too.
    const links = (await sql<{ conditions: Record<string, string[]> }>`SELECT conditions FROM commitment_links`.execute(env.store.db)).rows[0]!;
    await exec(sql`UPDATE commitment_links SET conditions = '{}'`);
    assert.ok((await problems('changed')).some((l) => l.startsWith('commitment_links 1: conditions')));
    await exec(sql`UPDATE commitment_links SET conditions = ${JSON.stringify(links.conditions)}::jsonb`);

    const event = (await sql<Record<string, unknown>>`SELECT * FROM commitment_events ORDER BY idx DESC LIMIT 1`.execute(env.store.db)).rows[0]!;
    await exec(sql`DELETE FROM commitment_events WHERE idx = ${event.idx}`);
    assert.ok((await problems('deleted')).some((l) => l.startsWith(`commitment_events ${String(event.idx)}: row is missing`)));
    await exec(sql`INSERT INTO commitment_events (idx, commitment_id, type, org, user_id, at, visibility, body)
      VALUES (${event.idx}, ${event.commitment_id}, ${event.type}, ${event.org}, ${event.user_id}, ${event.at}, ${event.visibility}, ${JSON.stringify(event.body)}::jsonb)`);
    await clean();
  });
});
