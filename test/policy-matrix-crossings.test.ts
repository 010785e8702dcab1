/**
 * The policy matrix for crossing reports and movement tallies, through the
 * HTTP API: every user (role × organisation) × every action × every
 * visibility. Expectations are written out by hand below — not derived from
 * src/policy/crossing.ts or movement.ts — so a change to a rule has to
 * change this table too. Allowed attempts succeed; the rest get 401/403/404
 * and leak nothing (no reason, no source text in the error, nothing in lists).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registerCommitment } from '../src/services/commitments.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type UserName, type Users } from './support/workspace.js';

type Who = UserName | 'anonymous';
const EVERYONE: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon', 'obs', 'anonymous'];
const MEMBERS: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'];

/** Who reads a crossing report made by AFG, by visibility and whether a monitor has confirmed it. */
const REPORT_READERS: Record<string, Who[]> = {
  'mediators': ['sec', 'tur', 'qat', 'turAnalyst', 'afg'],
  'mediators+verified': ['sec', 'tur', 'qat', 'turAnalyst', 'afg'],
  'parties': MEMBERS,
  'parties+verified': MEMBERS,
  'public': MEMBERS,
  'public+verified': EVERYONE,
};

/** Who may report the status of each side. */
const REPORTERS: Record<'AFG' | 'PAK', Who[]> = {
  AFG: ['sec', 'tur', 'qat', 'afg', 'mon'],
  PAK: ['sec', 'tur', 'qat', 'pak', 'mon'],
};

/** Who may act on a closure of the AFG side reported by AFG. */
const REPORT_ACTIONS = {
  verify: ['sec', 'tur', 'qat', 'mon'],
  link: ['sec', 'tur', 'qat'],
  file_complaint: ['sec', 'tur', 'qat', 'pak', 'mon'],
} as const satisfies Record<string, Who[]>;
type ReportAction = keyof typeof REPORT_ACTIONS;

/** Who reads a tally holding one AFG count of this visibility (and, after '+', its reconciliation's publication). */
const TALLY_READERS: Record<string, Who[]> = {
  'mediators': ['sec', 'tur', 'qat', 'turAnalyst', 'afg'],
  'parties': MEMBERS,
  'public': MEMBERS,
  'mediators+parties': MEMBERS,
  'parties+public': EVERYONE,
};
const COUNT_REPORTERS: Who[] = ['afg', 'pak'];
const RECONCILERS: Who[] = ['sec', 'tur', 'qat'];

let env: TestEnv;
let u: Users;
let n = 0;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-10T12:00:00.000Z') });
  u = await seedWorkspace(env);
  await registerCommitment(env.services, u.sec.viewer, {
    title: 'Keep Torkham open', clause_id: 'C2', obligated_party: 'AFG', indicator: 'Open daily', evidence_required: 'Observations',
    deadline: { date: '2025-12-31' }, visibility: 'public',
  });
});
after(() => env.close());

const user = (w: Who) => (w === 'anonymous' ? undefined : u[w]);

function statusFor(who: Who, allowed: readonly Who[], readers: readonly Who[]): number {
  if (allowed.includes(who) && readers.includes(who)) return 200;
  if (who === 'anonymous') return 401;
  return readers.includes(who) ? 403 : 404;
}

/** A fresh closure of the AFG side, reported by AFG with a secret reason; optionally confirmed by a mediator (who may read any). */
async function afgClosure(visibility: string, verified: boolean): Promise<{ id: string; secret: string }> {
  const secret = `secret-reason-${++n}`;
  const r = await call(env, u.afg, 'POST', '/api/crossings/torkham/reports', {
    side: 'AFG', traffic_types: ['cargo'], status: 'closed', effective_from: `2025-10-${String(1 + (n % 28)).padStart(2, '0')}T00:00:00Z`,
    method: 'party_report', reason: secret, visibility,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  if (verified) assert.equal((await call(env, u.tur, 'POST', `/api/crossings/torkham/reports/${r.body.report.id}/verifications`, { outcome: 'confirmed', method: 'monitor_observation' })).status, 200);
  return { id: r.body.report.id, secret };
}

function actionRequest(action: ReportAction, id: string): [string, unknown] {
  const base = `/api/crossings/torkham/reports/${id}`;
  if (action === 'verify') return [`${base}/verifications`, { outcome: 'confirmed', method: 'monitor_observation' }];
  if (action === 'link') return [`${base}/links`, { commitment_id: 'COM-1' }];
  return [`${base}/complaint`, { clause_refs: ['C2'] }];
}

describe('crossing reports: every user × action × visibility', () => {
  test('who may report which side', async () => {
    for (const side of ['AFG', 'PAK'] as const) {
      for (const who of EVERYONE) {
        const r = await call(env, user(who), 'POST', '/api/crossings/torkham/reports', {
          side, traffic_types: ['pedestrians'], status: 'open', effective_from: '2025-09-01T00:00:00Z', method: 'party_report', visibility: 'parties',
        });
        const want = REPORTERS[side].includes(who) ? 201 : who === 'anonymous' ? 401 : 403;
        assert.equal(r.status, want, `${who} reporting the ${side} side: ${JSON.stringify(r.body)}`);
      }
    }
  });

  for (const action of Object.keys(REPORT_ACTIONS) as ReportAction[]) {
    for (const visibility of ['mediators', 'parties', 'public']) {
      test(`${action} on a ${visibility} closure`, async () => {
        const readers = REPORT_READERS[visibility]!;
        const shared = await afgClosure(visibility, false);
        for (const who of EVERYONE) {
          const want = statusFor(who, REPORT_ACTIONS[action], readers);
          // Denied attempts change nothing, so they share one report; each allowed one gets a fresh report.
          const target = want === 200 ? await afgClosure(visibility, false) : shared;
          const [path, body] = actionRequest(action, target.id);
          const r = await call(env, user(who), 'POST', path, body);
          assert.equal(r.status === 201 ? 200 : r.status, want, `${who} ${action} on ${visibility}: ${JSON.stringify(r.body)}`);
          if (want !== 200) assert.ok(!JSON.stringify(r.body).includes('secret-reason'), `${who}: the error leaks the reason`);
          // Readers are told exactly which actions they may take.
          const seen = await call(env, user(who), 'GET', `/api/crossings/torkham/reports/${shared.id}`);
          assert.equal(seen.status, readers.includes(who) ? 200 : 404, `${who} reading a ${visibility} report`);
          if (seen.status === 200) assert.equal(seen.body.actions.includes(action), want === 200, `${who} offered ${action}: ${seen.body.actions}`);
          else assert.ok(!JSON.stringify(seen.body).includes(shared.secret));
        }
      });
    }
  }

  test('each user reads exactly the reports it may, by id and in the crossing\'s list and timelines', async () => {
    const made: Record<string, { id: string; secret: string }> = {};
    for (const key of Object.keys(REPORT_READERS)) {
      const [visibility, verified] = key.split('+');
      made[key] = await afgClosure(visibility!, verified === 'verified');
    }
    for (const who of EVERYONE) {
      const detail = await call(env, user(who), 'GET', '/api/crossings/torkham');
      assert.equal(detail.status, 200);
      const listed = new Set(detail.body.reports.map((r: { id: string }) => r.id));
      const inTimelines = new Set(detail.body.timelines.flatMap((l: { segments: Array<{ report_id: string }> }) => l.segments.map((s) => s.report_id)));
      for (const [key, rep] of Object.entries(made)) {
        const may = REPORT_READERS[key]!.includes(who);
        assert.equal(listed.has(rep.id), may, `${who} ${may ? 'misses' : 'sees'} a ${key} report in the list`);
        if (!may) assert.equal(inTimelines.has(rep.id), false, `${who} sees a ${key} report in a timeline`);
        const one = await call(env, user(who), 'GET', `/api/crossings/torkham/reports/${rep.id}`);
        assert.equal(one.status, may ? 200 : 404, `${who} reading a ${key} report`);
      }
      if (!MEMBERS.includes(who)) {
        assert.ok(detail.body.reports.every((r: { verified: boolean; visibility: string }) => r.verified && r.visibility === 'public'), `${who} sees an unverified or non-public report`);
      }
    }
  });
});

describe('movement tallies: every user × action × visibility', () => {
  let day = 0;
  /** A fresh tally holding one AFG count of this visibility (a secret source), optionally reconciled by SEC. */
  async function tally(visibility: string, publication?: string): Promise<{ id: string; secret: string }> {
    day += 1;
    const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
    const secret = `secret-source-${day}`;
    const r = await call(env, u.afg, 'POST', '/api/movements', {
      crossing_id: 'torkham', period_from: date, period_to: date, direction: 'into_AFG', category: 'undocumented_deportee',
      count: 100 + day, source: secret, visibility,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    if (publication) assert.equal((await call(env, u.sec, 'POST', `/api/movements/${r.body.tally.id}/reconciliation`, { agreed_count: 100, note: 'Agreed.', publication })).status, 200);
    return { id: r.body.tally.id, secret };
  }

  for (const key of Object.keys(TALLY_READERS)) {
    test(`reading and reconciling a ${key} tally`, async () => {
      const [visibility, publication] = key.split('+');
      const readers = TALLY_READERS[key]!;
      const shared = await tally(visibility!, publication);
      for (const who of EVERYONE) {
        const one = await call(env, user(who), 'GET', `/api/movements/${shared.id}`);
        assert.equal(one.status, readers.includes(who) ? 200 : 404, `${who} reading a ${key} tally`);
        if (one.status === 200) {
          // The AFG count itself shows only to those its own visibility allows.
          const countVisible = ['sec', 'tur', 'qat', 'turAnalyst', 'afg'].includes(who) || (visibility !== 'mediators' && MEMBERS.includes(who));
          assert.equal(JSON.stringify(one.body).includes(shared.secret), countVisible, `${who}: the AFG count of a ${key} tally`);
        } else {
          assert.ok(!JSON.stringify(one.body).includes(shared.secret));
        }
        const list = await call(env, user(who), 'GET', '/api/movements');
        assert.equal(list.body.items.some((t: { id: string }) => t.id === shared.id), readers.includes(who), `${who} listing a ${key} tally`);

        const want = statusFor(who, RECONCILERS, readers);
        const target = want === 200 ? await tally(visibility!, publication) : shared;
        const r = await call(env, user(who), 'POST', `/api/movements/${target.id}/reconciliation`, { agreed_count: 99, note: 'Matrix.', publication: 'parties' });
        assert.equal(r.status, want, `${who} reconciling a ${key} tally: ${JSON.stringify(r.body)}`);
        if (want !== 200) assert.ok(!JSON.stringify(r.body).includes('secret-source'));
        if (one.status === 200) assert.equal(one.body.actions.includes('reconcile'), want === 200, `${who} offered reconcile`);
      }
    });
  }

  test('who may report counts, and the offer of report_count', async () => {
    for (const who of EVERYONE) {
      const r = await call(env, user(who), 'POST', '/api/movements', {
        crossing_id: 'torkham', period_from: '2025-03-01', period_to: '2025-03-31', direction: 'into_PAK', category: 'other', count: 5, source: 'Matrix', visibility: 'public',
      });
      const want = COUNT_REPORTERS.includes(who) ? 201 : who === 'anonymous' ? 401 : 403;
      assert.equal(r.status, want, `${who} reporting a count: ${JSON.stringify(r.body)}`);
    }
    const open = await call(env, u.sec, 'GET', '/api/movements/torkham.2025-03-01.2025-03-31.into_PAK.other');
    assert.deepEqual(open.body.counts.map((c: { org: string }) => c.org), ['AFG', 'PAK']);
    for (const who of MEMBERS) {
      const seen = await call(env, user(who), 'GET', '/api/movements/torkham.2025-03-01.2025-03-31.into_PAK.other');
      assert.equal(seen.body.actions.includes('report_count'), COUNT_REPORTERS.includes(who), who);
    }
  });
});
