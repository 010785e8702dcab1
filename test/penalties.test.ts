/**
 * The penalty ladder end to end through the HTTP API (DOMAIN.md "Penalty"):
 * adopting versions, the engine proposing penalties when the last mediator
 * signature issues a finding (each rule type, its filters and thresholds,
 * never twice for the same findings), mediators confirming or dismissing,
 * due dates and overdue flags, the party's compliance, lapses, and
 * `annex verify` catching a tampered penalty.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { inTransaction } from '../src/services/context.js';
import { takeIncidentStep, type StepAction } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { record } from '../src/services/recorder.js';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type UserName, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-01T08:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

const hours = (h: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + h * 3600_000);
};

const LADDER = {
  title: 'Penalty ladder agreed in Istanbul',
  note: 'Test ladder',
  rules: [
    { id: 'NAME', title: 'Each confirmed violation is named publicly', min_grade: 'confirmed', count: 1, window_days: 90, consequence: { type: 'public_naming' } },
    { id: 'REPORT', title: 'Fire across the line: remedial report in 7 days', min_grade: 'fair', clauses: ['C1'], count: 1, window_days: 30, consequence: { type: 'remedial_report', days: 7 } },
    { id: 'ESCALATE', title: 'Two violations in 30 days go to the guarantors', min_grade: 'fair', count: 2, window_days: 30, consequence: { type: 'escalation', escalate_to: ['TUR', 'QAT'] } },
    {
      id: 'SUSPEND', title: 'Crossing closures suspend transit facilitation', min_grade: 'fair', clauses: ['C2'], categories: ['blocking_access'], count: 1, window_days: 30,
      consequence: { type: 'benefit_suspension', days: 30, benefit: 'Expedited transit-trade clearance at Torkham' },
    },
    {
      id: 'DISCIPLINE', title: 'Unauthorised local action: the party reports its disciplinary action', min_grade: 'weak', intents: ['unauthorised_local_action'], count: 1, window_days: 30,
      consequence: { type: 'disciplinary_action', days: 14 },
    },
  ],
};

const FINDING = {
  determination: 'violation', clause_violated: 'C1', responsible_party: 'PAK', attribution_confidence: 'high', intent: 'deliberate', grade: 'confirmed',
  summary: 'Established by the joint team.', methods: ['site visit'], recommendations: [], required_remedies: [], publication: 'public',
};

/**
 * A complaint against `accused`, taken through the lifecycle to a signed
 * draft; the last signature (QAT's) goes through HTTP and issues the finding.
 * Returns the incident id and that signature's response.
 */
async function issue(finding: Record<string, unknown>, opts: { accused?: 'PAK' | 'AFG'; category?: string; clause?: string } = {}) {
  const accused = opts.accused ?? 'PAK';
  const complainant: UserName = accused === 'PAK' ? 'afg' : 'pak';
  const accusedUser: UserName = accused === 'PAK' ? 'pak' : 'afg';
  const clause = opts.clause ?? String(finding.clause_violated ?? 'C1');
  const category = opts.category ?? 'offensive_fire';
  const filed = await fileIncident(env.services, u[complainant].viewer, filing({ accused_party: accused, clause_refs: [clause], category }) as never);
  const id = filed.incident.id;
  const steps: Array<[StepAction, UserName, Record<string, unknown>]> = [
    ['triage', 'sec', { decision: 'accepted', accused_party: accused, clause_refs: [clause], category, severity: 'high' }],
    ['send_notice', 'sec', {}],
    ['acknowledge', accusedUser, {}],
    ['respond', accusedUser, { position: 'deny', statement: 'Not us.', counter_evidence: [] }],
    ['open_investigation', 'sec', { team: ['MON'] }],
    ['draft_finding', 'tur', { ...FINDING, responsible_party: accused, ...finding }],
    ['sign_finding', 'tur', {}],
  ];
  for (const [action, who, body] of steps) await takeIncidentStep(env.services, u[who].viewer, id, action, body);
  hours(1);
  const signed = await call(env, u.qat, 'POST', `/api/incidents/${id}/finding/signatures`, {});
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  assert.equal(signed.body.incident.status, 'finding_issued');
  return { id, signed };
}

async function penaltiesOf(incident: string, who: UserName = 'sec') {
  const r = await call(env, u[who], 'GET', `/api/penalties?incident=${incident}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as Array<Record<string, any>>).sort((a, b) => a.rule_id.localeCompare(b.rule_id)); // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Incidents by name, penalties by "rule:incident name". */
const inc: Record<string, string> = {};
const pen: Record<string, string> = {};

describe('adopting the ladder', () => {
  test('before any ladder: no versions, and a finding issued proposes nothing', async () => {
    const r = await call(env, u.pak, 'GET', '/api/penalty-ladder');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { current: null, versions: [] });
    inc.early = (await issue({})).id;
    assert.deepEqual(await penaltiesOf(inc.early), []);
  });

  test('who may read and adopt it', async () => {
    assert.equal((await call(env, undefined, 'GET', '/api/penalty-ladder')).status, 401);
    assert.equal((await call(env, u.obs, 'GET', '/api/penalty-ladder')).status, 403, 'observers do not read the ladder');
    for (const who of ['afg', 'pak', 'pakAnalyst', 'turAnalyst', 'mon', 'obs'] as const) {
      const r = await call(env, u[who], 'POST', '/api/penalty-ladder', LADDER);
      assert.equal(r.status, 403, `${who} may not adopt`);
    }
    assert.equal((await call(env, undefined, 'POST', '/api/penalty-ladder', LADDER)).status, 401);
  });

  test('rules that name an unknown clause, a guarantor that is not a mediator, or a rule twice are refused', async () => {
    const bad = (rule: Record<string, unknown>) => ({ ...LADDER, rules: [{ ...LADDER.rules[0], ...rule }] });
    let r = await call(env, u.sec, 'POST', '/api/penalty-ladder', bad({ clauses: ['C9'] }));
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /unknown clause C9/);
    r = await call(env, u.sec, 'POST', '/api/penalty-ladder', bad({ consequence: { type: 'escalation', escalate_to: ['PAK'] } }));
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /PAK is not a mediator/);
    r = await call(env, u.sec, 'POST', '/api/penalty-ladder', { ...LADDER, rules: [LADDER.rules[0], LADDER.rules[0]] });
    assert.equal(r.status, 400);
    r = await call(env, u.sec, 'POST', '/api/penalty-ladder', bad({ min_grade: 'contested' }));
    assert.equal(r.status, 400, 'contested findings never count');
    r = await call(env, u.sec, 'POST', '/api/penalty-ladder', bad({ consequence: { type: 'remedial_report' } }));
    assert.equal(r.status, 400, 'a report needs its number of days');
    assert.equal((await call(env, u.sec, 'GET', '/api/penalty-ladder')).body.versions.length, 0);
  });

  test('the secretariat adopts version 1; it does not reach back before its adoption', async () => {
    hours(1);
    const r = await call(env, u.sec, 'POST', '/api/penalty-ladder', { ...LADDER, supersedes: 0 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.ladder.version, 1);
    assert.equal(r.body.ladder.in_force, true);
    assert.equal(r.body.ladder.applies_from, env.clock.now.toISOString());
    assert.equal(r.body.ladder.adopted_by, 'SEC');
    assert.deepEqual(r.body.proposed, [], 'the finding issued before the ladder is not judged by it');
    assert.equal(r.body.entry.type, 'penalty.ladder_adopted');
    for (const who of ['pak', 'afg', 'mon', 'turAnalyst'] as const) {
      const seen = await call(env, u[who], 'GET', '/api/penalty-ladder/1');
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.rules.map((x: { id: string }) => x.id), ['NAME', 'REPORT', 'ESCALATE', 'SUSPEND', 'DISCIPLINE']);
    }
    assert.equal((await call(env, u.pak, 'GET', '/api/penalty-ladder/7')).status, 404);
    const stale = await call(env, u.tur, 'POST', '/api/penalty-ladder', { ...LADDER, supersedes: 0 });
    assert.equal(stale.status, 409, 'adopting over a version the client did not read');
  });
});

describe('the engine proposes when a finding is issued', () => {
  test('a confirmed violation of C1: public naming and a remedial report, once the last mediator signs', async () => {
    hours(2);
    const { id } = await issue({});
    inc.f1 = id;
    const ps = await penaltiesOf(id);
    assert.deepEqual(ps.map((p) => [p.rule_id, p.party, p.status, p.consequence.type, p.ladder_version]), [
      ['NAME', 'PAK', 'proposed', 'public_naming', 1],
      ['REPORT', 'PAK', 'proposed', 'remedial_report', 1],
    ]);
    for (const p of ps) {
      assert.match(p.id, /^PEN-\d+$/);
      assert.equal(p.visibility, 'parties');
      assert.deepEqual(p.trigger_findings.map((t: { incident_id: string }) => t.incident_id), [id]);
      assert.equal(p.proposed_at, env.clock.now.toISOString(), 'in the same transaction as the signature');
      pen[`${p.rule_id}:f1`] = p.id;
    }
    const detail = await call(env, u.tur, 'GET', `/api/penalties/${pen['NAME:f1']}`);
    assert.equal(detail.body.rule_title, 'Each confirmed violation is named publicly');
    assert.deepEqual(detail.body.actions, ['confirm', 'dismiss']);
    assert.equal(detail.body.timeline[0].type, 'penalty.proposed');
    assert.equal(detail.body.timeline[0].org, 'SEC');
    assert.equal(detail.body.timeline[0].user, 'system');
    const pak = await call(env, u.pak, 'GET', `/api/penalties/${pen['NAME:f1']}`);
    assert.equal(pak.status, 200, 'the penalised party sees the proposal');
    assert.deepEqual(pak.body.actions, []);
    assert.equal((await call(env, u.obs, 'GET', `/api/penalties/${pen['NAME:f1']}`)).status, 404, 'observers do not see proposals');
    assert.equal((await call(env, undefined, 'GET', '/api/penalties')).body.total, 0);
  });

  test('weak, contested and no-violation findings propose nothing', async () => {
    hours(1);
    inc.weak = (await issue({ grade: 'weak' })).id;
    inc.contested = (await issue({ grade: 'contested' })).id;
    const none = { ...FINDING, determination: 'no_violation' } as Record<string, unknown>;
    delete none.clause_violated;
    delete none.responsible_party;
    inc.none = (await issue(none)).id;
    for (const k of ['weak', 'contested', 'none']) assert.deepEqual(await penaltiesOf(inc[k]!), [], k);
  });

  test('filters and thresholds: a fair C2 crossing closure by unauthorised local action', async () => {
    hours(1);
    const { id } = await issue(
      { grade: 'fair', clause_violated: 'C2', intent: 'unauthorised_local_action', publication: 'parties' },
      { category: 'blocking_access' },
    );
    inc.f2 = id;
    const ps = await penaltiesOf(id);
    assert.deepEqual(ps.map((p) => [p.rule_id, p.consequence.type, p.trigger_findings.map((t: { incident_id: string }) => t.incident_id)]), [
      ['DISCIPLINE', 'disciplinary_action', [id]],
      ['ESCALATE', 'escalation', [inc.f1, id]],
      ['SUSPEND', 'benefit_suspension', [id]],
    ], 'the second fair-or-better violation in 30 days reaches the escalation threshold; REPORT is for C1 only');
    for (const p of ps) pen[`${p.rule_id}:f2`] = p.id;
    assert.equal(ps.find((p) => p.rule_id === 'SUSPEND')!.consequence.benefit, 'Expedited transit-trade clearance at Torkham');
    assert.deepEqual(ps.find((p) => p.rule_id === 'ESCALATE')!.consequence.escalate_to, ['TUR', 'QAT']);
  });

  test('a finding published only to the mediators gives a proposal sealed to them', async () => {
    hours(1);
    const { id } = await issue({ grade: 'fair', publication: 'mediators' }, { accused: 'AFG' });
    inc.sealed = id;
    const ps = await penaltiesOf(id);
    assert.deepEqual(ps.map((p) => [p.rule_id, p.party, p.visibility]), [['REPORT', 'AFG', 'mediators']], 'AFG has one violation: no escalation yet');
    pen['REPORT:sealed'] = ps[0]!.id;
    for (const who of ['afg', 'pak', 'mon', 'obs'] as const) {
      assert.equal((await call(env, u[who], 'GET', `/api/penalties/${ps[0]!.id}`)).status, 404, `${who} must not learn of it`);
      assert.deepEqual(await penaltiesOf(id, who), []);
    }
  });
});

describe('mediators decide; parties comply; due dates are tracked', () => {
  test('confirming public naming publishes the penalty; only a mediator confirms, once', async () => {
    const id = pen['NAME:f1']!;
    for (const who of ['sec', 'turAnalyst', 'pak', 'afg', 'mon'] as const) {
      const r = await call(env, u[who], 'POST', `/api/penalties/${id}/confirmation`, {});
      assert.equal(r.status, 403, `${who} may not confirm`);
    }
    assert.equal((await call(env, u.obs, 'POST', `/api/penalties/${id}/confirmation`, {})).status, 404);
    hours(1);
    const r = await call(env, u.tur, 'POST', `/api/penalties/${id}/confirmation`, { note: 'Named in the weekly report.' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.penalty.status, 'confirmed');
    assert.equal(r.body.penalty.visibility, 'public');
    assert.equal(r.body.penalty.decided_by, 'TUR');
    assert.equal(r.body.penalty.due_at, null);
    assert.equal(r.body.penalty.confirmation.note, 'Named in the weekly report.');
    assert.deepEqual(r.body.penalty.actions, []);
    assert.equal((await call(env, u.qat, 'POST', `/api/penalties/${id}/confirmation`, {})).status, 409);
    assert.equal((await call(env, u.qat, 'POST', `/api/penalties/${id}/dismissal`, { reason: 'Too late' })).status, 409);
    for (const who of [u.obs, undefined]) {
      const seen = await call(env, who, 'GET', `/api/penalties/${id}`);
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.timeline.map((e: { type: string }) => e.type), ['penalty.confirmed'], 'the sealed proposal entry stays out of the public timeline');
      const list = await call(env, who, 'GET', '/api/penalties');
      assert.deepEqual(list.body.items.map((p: { id: string }) => p.id), [id], 'only the confirmed public naming');
    }
    // The incident behind it is shared with the parties only: the public sees the naming, not the finding it rests on.
    assert.deepEqual((await call(env, undefined, 'GET', `/api/penalties/${id}`)).body.trigger_findings, []);
    assert.deepEqual((await call(env, u.pak, 'GET', `/api/penalties/${id}`)).body.trigger_findings.map((t: { incident_id: string }) => t.incident_id), [inc.f1]);
  });

  test('a remedial report: due 7 days after confirmation; the penalised party submits it', async () => {
    const id = pen['REPORT:f1']!;
    const r = await call(env, u.qat, 'POST', `/api/penalties/${id}/confirmation`, {});
    assert.equal(r.status, 200);
    assert.equal(r.body.penalty.visibility, 'parties');
    assert.equal(r.body.penalty.due_at, new Date(env.clock.now.getTime() + 7 * 24 * 3600_000).toISOString());
    assert.equal(r.body.penalty.overdue, false);
    assert.equal((await call(env, u.obs, 'GET', `/api/penalties/${id}`)).status, 404);
    const pakView = await call(env, u.pak, 'GET', `/api/penalties/${id}`);
    assert.deepEqual(pakView.body.actions, ['comply']);
    assert.equal((await call(env, u.pakAnalyst, 'POST', `/api/penalties/${id}/compliance`, { report: 'x' })).status, 403);
    assert.equal((await call(env, u.afg, 'POST', `/api/penalties/${id}/compliance`, { report: 'x' })).status, 403);
    assert.equal((await call(env, u.sec, 'POST', `/api/penalties/${id}/lapse`, { note: 'Not yet' })).status, 409, 'not overdue yet');
    hours(24);
    const done = await call(env, u.pak, 'POST', `/api/penalties/${id}/compliance`, { report: 'The battery commander was relieved; fire orders now need brigade approval.' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.penalty.status, 'complied');
    assert.equal(done.body.penalty.compliance.late, false);
    assert.equal(done.body.penalty.compliance.user, u.pak.viewer.userId);
    assert.equal((await call(env, u.pak, 'POST', `/api/penalties/${id}/compliance`, { report: 'again' })).status, 409);
  });

  test('a mediator dismisses with a reason; suspension and escalation take effect on confirmation', async () => {
    assert.equal((await call(env, u.tur, 'POST', `/api/penalties/${pen['ESCALATE:f2']}/dismissal`, {})).status, 400, 'a dismissal says why');
    const d = await call(env, u.tur, 'POST', `/api/penalties/${pen['ESCALATE:f2']}/dismissal`, { reason: 'The guarantors are already seized of both matters.' });
    assert.equal(d.status, 200);
    assert.equal(d.body.penalty.status, 'dismissed');
    assert.equal(d.body.penalty.dismissal.reason, 'The guarantors are already seized of both matters.');
    const s = await call(env, u.qat, 'POST', `/api/penalties/${pen['SUSPEND:f2']}/confirmation`, {});
    assert.equal(s.body.penalty.status, 'confirmed');
    assert.ok(s.body.penalty.due_at, 'the suspension ends 30 days on');
    assert.deepEqual((await call(env, u.pak, 'GET', `/api/penalties/${pen['SUSPEND:f2']}`)).body.actions, [], 'nothing to report for a suspension');
    const disc = await call(env, u.tur, 'POST', `/api/penalties/${pen['DISCIPLINE:f2']}/confirmation`, {});
    assert.equal(disc.status, 200);
  });

  test('an owed report past its due date is overdue; the secretariat records the lapse', async () => {
    const id = pen['DISCIPLINE:f2']!;
    hours(14 * 24 + 1);
    const seen = await call(env, u.afg, 'GET', `/api/penalties/${id}`);
    assert.equal(seen.body.overdue, true);
    const overdue = await call(env, u.sec, 'GET', '/api/penalties?overdue=true');
    assert.deepEqual(overdue.body.items.map((p: { id: string }) => p.id), [id]);
    const notOverdue = await call(env, u.sec, 'GET', '/api/penalties?overdue=false');
    assert.ok(!notOverdue.body.items.some((p: { id: string }) => p.id === id));
    assert.deepEqual((await call(env, u.sec, 'GET', `/api/penalties/${id}`)).body.actions, ['record_lapse']);
    assert.equal((await call(env, u.pak, 'POST', `/api/penalties/${id}/lapse`, { note: 'x' })).status, 403);
    const lapsed = await call(env, u.sec, 'POST', `/api/penalties/${id}/lapse`, { note: 'No report of disciplinary action by the due date.' });
    assert.equal(lapsed.status, 200, JSON.stringify(lapsed.body));
    assert.equal(lapsed.body.penalty.status, 'lapsed');
    assert.equal(lapsed.body.penalty.overdue, false);
    const byStatus = await call(env, u.mon, 'GET', '/api/penalties?status=lapsed,complied&party=PAK');
    assert.deepEqual(byStatus.body.items.map((p: { id: string }) => p.id).sort(), [pen['REPORT:f1'], id].sort());
  });
});

describe('new versions and idempotence', () => {
  test('findings that triggered a rule never trigger it again, even after a dismissal or under a new version', async () => {
    const before = (await call(env, u.sec, 'GET', '/api/penalties?limit=200')).body.total;
    hours(1);
    // Version 2 keeps the rule ids, reaches back to the first day, and adds one rule.
    const v2 = {
      ...LADDER, title: 'Penalty ladder, second version', applies_from: '2025-11-01', supersedes: 1,
      rules: [...LADDER.rules, { id: 'NAME-FAIR', title: 'Fair violations are named too', min_grade: 'fair', count: 1, window_days: 60, consequence: { type: 'public_naming' } }],
    };
    const r = await call(env, u.qat, 'POST', '/api/penalty-ladder', v2);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.ladder.version, 2);
    assert.equal(r.body.ladder.applies_from, '2025-11-01T00:00:00.000Z');
    const proposed = await Promise.all((r.body.proposed as string[]).map(async (id) => (await call(env, u.sec, 'GET', `/api/penalties/${id}`)).body));
    const got = proposed.map((p) => `${p.rule_id}:${p.party}:${p.trigger_findings.map((t: { incident_id: string }) => t.incident_id).join('+')}`).sort();
    assert.deepEqual(got, [
      // The finding issued before version 1 is now judged: its own rules fire for it.
      `NAME-FAIR:AFG:${inc.sealed}`,
      `NAME-FAIR:PAK:${inc.early}`,
      `NAME-FAIR:PAK:${inc.f1}`,
      `NAME-FAIR:PAK:${inc.f2}`,
      `NAME:PAK:${inc.early}`,
      `REPORT:PAK:${inc.early}`,
    ].sort(), 'no rule fires again on findings it already used; f1 and f2 were escalated (then dismissed), so "early" waits for a partner');
    assert.ok(proposed.every((p) => p.ladder_version === 2));
    const list = await call(env, u.sec, 'GET', '/api/penalty-ladder');
    assert.equal(list.body.current, 2);
    assert.deepEqual(list.body.versions.map((v: { version: number; in_force: boolean }) => [v.version, v.in_force]), [[2, true], [1, false]]);
    assert.equal(list.body.versions[1].superseded_at, env.clock.now.toISOString());
    // Running the engine again (another finding issued, not matching any rule) proposes nothing more.
    hours(1);
    const { id } = await issue({ grade: 'weak' });
    assert.deepEqual(await penaltiesOf(id), []);
    assert.equal((await call(env, u.sec, 'GET', '/api/penalties?limit=200')).body.total, before + 6);
    // Penalties proposed under version 1 keep it.
    assert.equal((await call(env, u.sec, 'GET', `/api/penalties/${pen['REPORT:f1']}`)).body.ladder_version, 1);
  });
});

describe('the ledger holds every proposal to its rule', () => {
  /** Record a proposal by hand, bypassing the engine, as `org`. */
  const forge = (org: string, rule_id: string, trigger_findings: string[]) => inTransaction(env.services, (tx) => record(tx, env.services, { org, userId: 'system' }, {
    type: 'penalty.proposed', subject: 'PEN-999', visibility: 'parties', body: { id: 'PEN-999', party: 'PAK', ladder_version: 2, rule_id, trigger_findings },
  }));

  test('a proposal the rule does not call for, a finding used twice, or one made by a party is refused', async () => {
    await assert.rejects(forge('SEC', 'NAME', [inc.weak!]), /does not match rule NAME/);
    await assert.rejects(forge('SEC', 'NAME', [inc.f1!]), /has already triggered rule NAME/);
    await assert.rejects(forge('SEC', 'ESCALATE', [inc.early!]), /fires on 2 finding\(s\), not 1/);
    await assert.rejects(forge('AFG', 'NAME', [inc.weak!]), /proposed by the mechanism/);
    await assert.rejects(
      inTransaction(env.services, (tx) => record(tx, env.services, { org: 'SEC', userId: 'system' }, {
        type: 'penalty.proposed', subject: 'PEN-999', visibility: 'parties', body: { id: 'PEN-999', party: 'PAK', ladder_version: 1, rule_id: 'NAME', trigger_findings: [inc.weak!] },
      })),
      /version 1 has been superseded/,
    );
    assert.equal((await call(env, u.sec, 'GET', '/api/penalties/PEN-999')).status, 404);
  });
});

describe('annex verify covers penalties', () => {
  const verify = () => verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
  const exec = (q: ReturnType<typeof sql>) => q.execute(env.store.db);

  test('the store verifies clean, every penalty table compared', async () => {
    const r = await verify();
    assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
    assert.ok(r.counts.rows.penalties! >= 10);
    assert.equal(r.counts.rows.penalty_ladders, 2);
    assert.ok(r.counts.rows.penalty_events! > r.counts.rows.penalties!);
    assert.ok(r.counts.rows.penalty_triggers! >= r.counts.rows.penalties!);
  });

  test('a penalty edited behind the system\'s back is caught and named', async () => {
    const id = pen['REPORT:f1']!;
    await exec(sql`UPDATE penalties SET status = 'dismissed', due_at = due_at + interval '30 days' WHERE id = ${id}`);
    let r = await verify();
    assert.equal(r.ok, false);
    const lines = r.problems.map((p) => p.message);
    assert.ok(lines.some((l) => new RegExp(`^penalties ${id}: status is "dismissed" but entry \\d+ \\(penalty.complied\\) says "complied"`).test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`penalties ${id}: due_at`)), lines.join('\n'));
    await exec(sql`UPDATE penalties SET status = 'complied', due_at = due_at - interval '30 days' WHERE id = ${id}`);

    // Deleting a trigger (to let a rule fire again) and forging a ladder rule are caught too.
    await exec(sql`DELETE FROM penalty_triggers WHERE penalty_id = ${id}`);
    await exec(sql`UPDATE penalty_ladders SET rules = jsonb_set(rules, '{0,count}', '5') WHERE version = 1`);
    r = await verify();
    const kinds = r.problems.map((p) => `${p.kind}:${p.table}`);
    assert.ok(kinds.includes('deleted:penalty_triggers'), kinds.join(', '));
    assert.ok(kinds.includes('changed:penalty_ladders'), kinds.join(', '));
    await exec(sql`UPDATE penalty_ladders SET rules = jsonb_set(rules, '{0,count}', '1') WHERE version = 1`);
    await exec(sql`INSERT INTO penalty_triggers VALUES (${`REPORT|${inc.f1}`}, 'REPORT', ${inc.f1}, ${id})`);
    r = await verify();
    assert.equal(r.problemCount, 0, formatVerifyReport(r, 'test'));
  });
});
