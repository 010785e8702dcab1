/**
 * GET /api/dashboard through HTTP: allegations and issued findings counted
 * apart, per week, party and category, and pending/overdue lifecycle steps,
 * each only over what the viewer may read (hand-computed below per viewer).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { takeIncidentStep } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type TestUser, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
const W1 = '2025-10-13';
const W2 = '2025-10-20';

const hours = (h: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + h * 3600_000);
};

/**
 * Week of 13 Oct (filed Tue 14 Oct 08:00):
 *   I1 AFG→PAK parties   offensive_fire       → finding issued 21 Oct: violation, PAK responsible, published public
 *   I2 AFG→PAK mediators offensive_fire       (sealed; triage overdue)
 *   I3 PAK→AFG public    airspace_violation   → finding issued 21 Oct: no_violation, published to the mediators only
 *   I4 PAK→AFG mediators blocking_access      (sealed; triage overdue)
 * Week of 20 Oct (filed Tue 21 Oct):
 *   I5 AFG→PAK parties   airspace_violation   (triage due, not overdue)
 * Now: Tue 21 Oct, after the findings.
 */
before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-14T08:00:00.000Z') });
  u = await seedWorkspace(env);
  const file = async (by: TestUser, accused: string, visibility: string, category: string) =>
    (await fileIncident(env.services, by.viewer, filing({ accused_party: accused, visibility, category }) as never)).incident.id;
  const i1 = await file(u.afg, 'PAK', 'parties', 'offensive_fire');
  await file(u.afg, 'PAK', 'mediators', 'offensive_fire');
  const i3 = await file(u.pak, 'AFG', 'public', 'airspace_violation');
  await file(u.pak, 'AFG', 'mediators', 'blocking_access');
  hours(7 * 24);
  await file(u.afg, 'PAK', 'parties', 'airspace_violation');
  const issue = async (id: string, accused: string, category: string, finding: Record<string, unknown>) => {
    await takeIncidentStep(env.services, u.sec.viewer, id, 'triage', { decision: 'accepted', accused_party: accused, clause_refs: ['C1'], category, severity: 'high' });
    await takeIncidentStep(env.services, u.sec.viewer, id, 'send_notice', {});
    await takeIncidentStep(env.services, u.sec.viewer, id, 'open_investigation', { team: ['TUR', 'QAT'] });
    await takeIncidentStep(env.services, u.tur.viewer, id, 'draft_finding', {
      attribution_confidence: 'medium', grade: 'fair', summary: 'Summary of the investigation.', methods: ['site visit'],
      recommendations: [], required_remedies: [], ...finding,
    });
    await takeIncidentStep(env.services, u.tur.viewer, id, 'sign_finding', {});
    const r = await takeIncidentStep(env.services, u.qat.viewer, id, 'sign_finding', {});
    assert.equal((r as { incident: { status: string } }).incident.status, 'finding_issued');
  };
  hours(1);
  await issue(i1, 'PAK', 'offensive_fire', { determination: 'violation', clause_violated: 'C1', responsible_party: 'PAK', publication: 'public' });
  await issue(i3, 'AFG', 'airspace_violation', { determination: 'no_violation', publication: 'mediators' });
  hours(1);
});
after(() => env.close());

async function dashboard(user: TestUser | undefined, query = '') {
  const r = await call(env, user, 'GET', `/api/dashboard${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

const canon = (x: unknown) => JSON.stringify(Object.entries(x as object).sort(([a], [b]) => a.localeCompare(b)));
const sorted = <T>(xs: T[]) => [...xs].map((x) => Object.fromEntries(Object.entries(x as object).sort(([a], [b]) => a.localeCompare(b)))).sort((a, b) => canon(a).localeCompare(canon(b)));

interface Expected {
  allegations: number;
  allegationsByParty: Array<[string, string, number]>;
  allegationsByCategory: Array<[string, string, number]>;
  findings: Array<[string, string, string, string, number]>; // week, party, category, determination, count
  byStep: Array<[string, number, number]>;
  byParty: Array<[string, number, number]>;
}

function check(body: any, e: Expected) { // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(body.allegations.total, e.allegations);
  assert.deepEqual(sorted(body.allegations.by_party), sorted(e.allegationsByParty.map(([week, party, count]) => ({ week, party, count }))));
  assert.deepEqual(sorted(body.allegations.by_category), sorted(e.allegationsByCategory.map(([week, category, count]) => ({ week, category, count }))));
  assert.equal(body.findings.total, e.findings.reduce((n, f) => n + f[4], 0));
  assert.deepEqual(sorted(body.findings.by_party), sorted(e.findings.map(([week, party, , determination, count]) => ({ week, party, determination, count }))));
  assert.deepEqual(sorted(body.findings.by_category), sorted(e.findings.map(([week, , category, determination, count]) => ({ week, category, determination, count }))));
  assert.deepEqual(sorted(body.pending.by_step), sorted(e.byStep.map(([step, open, overdue]) => ({ step, open, overdue }))));
  assert.deepEqual(sorted(body.pending.by_party), sorted(e.byParty.map(([pending_on, open, overdue]) => ({ pending_on, open, overdue }))));
  assert.equal(body.pending.open, e.byStep.reduce((n, s) => n + s[1], 0));
  assert.equal(body.pending.overdue, e.byStep.reduce((n, s) => n + s[2], 0));
}

test('the window: twelve Mondays up to this week', async () => {
  const b = await dashboard(u.tur);
  assert.equal(b.weeks.length, 12);
  assert.equal(b.weeks.at(-1), W2);
  assert.equal(b.weeks.at(-2), W1);
  assert.equal(b.from, b.weeks[0]);
  assert.equal(b.as_of, env.clock.now.toISOString());
});

test('a mediator counts everything; allegations and findings stay two series', async () => {
  const b = await dashboard(u.tur);
  check(b, {
    allegations: 5,
    allegationsByParty: [[W1, 'PAK', 2], [W1, 'AFG', 2], [W2, 'PAK', 1]],
    allegationsByCategory: [[W1, 'offensive_fire', 2], [W1, 'airspace_violation', 1], [W1, 'blocking_access', 1], [W2, 'airspace_violation', 1]],
    findings: [[W2, 'PAK', 'offensive_fire', 'violation', 1], [W2, 'AFG', 'airspace_violation', 'no_violation', 1]],
    byStep: [['triage', 3, 2], ['remedy', 2, 0]],
    byParty: [['MEDIATORS', 4, 2], ['PAK', 1, 0]],
  });
  assert.deepEqual(sorted(b.findings.by_determination), sorted([{ determination: 'violation', count: 1 }, { determination: 'no_violation', count: 1 }]));
});

test('a party never counts the other party\'s sealed complaints, nor findings it may not read', async () => {
  // AFG: its own sealed complaint I2 counts, PAK's sealed I4 does not; I3's finding is sealed to the mediators.
  check(await dashboard(u.afg), {
    allegations: 4,
    allegationsByParty: [[W1, 'PAK', 2], [W1, 'AFG', 1], [W2, 'PAK', 1]],
    allegationsByCategory: [[W1, 'offensive_fire', 2], [W1, 'airspace_violation', 1], [W2, 'airspace_violation', 1]],
    findings: [[W2, 'PAK', 'offensive_fire', 'violation', 1]],
    // I3 is public, so its pending remedy step counts, though its finding does not.
    byStep: [['triage', 2, 1], ['remedy', 2, 0]],
    byParty: [['MEDIATORS', 3, 1], ['PAK', 1, 0]],
  });
  // PAK: the mirror image; it filed I3, so it reads I3's finding.
  check(await dashboard(u.pak), {
    allegations: 4,
    allegationsByParty: [[W1, 'PAK', 1], [W1, 'AFG', 2], [W2, 'PAK', 1]],
    allegationsByCategory: [[W1, 'offensive_fire', 1], [W1, 'airspace_violation', 1], [W1, 'blocking_access', 1], [W2, 'airspace_violation', 1]],
    findings: [[W2, 'PAK', 'offensive_fire', 'violation', 1], [W2, 'AFG', 'airspace_violation', 'no_violation', 1]],
    byStep: [['triage', 2, 1], ['remedy', 2, 0]],
    byParty: [['MEDIATORS', 3, 1], ['PAK', 1, 0]],
  });
  const pakAnalyst = await dashboard(u.pakAnalyst);
  assert.equal(pakAnalyst.allegations.total, 4, 'the same organisation, the same counts');
});

test('a monitor counts shared and public records; an observer only public ones', async () => {
  check(await dashboard(u.mon), {
    allegations: 3,
    allegationsByParty: [[W1, 'PAK', 1], [W1, 'AFG', 1], [W2, 'PAK', 1]],
    allegationsByCategory: [[W1, 'offensive_fire', 1], [W1, 'airspace_violation', 1], [W2, 'airspace_violation', 1]],
    findings: [[W2, 'PAK', 'offensive_fire', 'violation', 1]],
    byStep: [['triage', 1, 0], ['remedy', 2, 0]],
    byParty: [['MEDIATORS', 2, 0], ['PAK', 1, 0]],
  });
  check(await dashboard(u.obs), {
    allegations: 1,
    allegationsByParty: [[W1, 'AFG', 1]],
    allegationsByCategory: [[W1, 'airspace_violation', 1]],
    findings: [],
    byStep: [['remedy', 1, 0]],
    byParty: [['MEDIATORS', 1, 0]],
  });
});

test('the number of weeks is a parameter; bad values are 400; anonymous callers must sign in', async () => {
  const one = await dashboard(u.tur, '?weeks=1');
  assert.deepEqual(one.weeks, [W2]);
  assert.equal(one.allegations.total, 1, 'only I5 was filed this week');
  assert.equal(one.findings.total, 2, 'both findings were issued this week');
  assert.equal(one.pending.open, 5, 'what is pending does not depend on the window');
  for (const q of ['?weeks=0', '?weeks=105', '?weeks=x', '?other=1']) {
    assert.equal((await call(env, u.tur, 'GET', `/api/dashboard${q}`)).status, 400, q);
  }
  assert.equal((await call(env, undefined, 'GET', '/api/dashboard')).status, 401);
});
