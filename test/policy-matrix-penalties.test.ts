/**
 * The policy matrix of the penalty ladder and penalties, through the HTTP
 * API: every user (role × organisation) × every action × every audience the
 * action's state allows. The expectations are written out by hand below —
 * not derived from src/policy/penalty.ts — so a change to a rule has to
 * change this table too. Allowed attempts must succeed; the rest get
 * 401/403/404 and leak nothing (no trigger incident, no rule title).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { takeIncidentStep, type StepAction } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { adoptLadder } from '../src/services/penalty-ladder.js';
import { takePenaltyStep } from '../src/services/penalties.js';
import * as penaltiesRepo from '../src/store/repositories/penalties.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type UserName, type Users } from './support/workspace.js';

type Who = UserName | 'anonymous';
const EVERYONE: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon', 'obs', 'anonymous'];

/** Who may read a penalty against PAK, by the penalty's visibility. */
const READERS: Record<string, Who[]> = {
  mediators: ['sec', 'tur', 'qat', 'turAnalyst'],
  parties: ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'],
  public: EVERYONE,
};

type Action = 'confirm' | 'dismiss' | 'comply' | 'record_lapse';
/** Who may take each action (when the penalty is in a state that allows it). */
const ALLOWED: Record<Action, Who[]> = {
  confirm: ['tur', 'qat'],
  dismiss: ['tur', 'qat'],
  comply: ['pak'],
  record_lapse: ['sec', 'tur', 'qat'],
};
const PATHS: Record<Action, string> = { confirm: 'confirmation', dismiss: 'dismissal', comply: 'compliance', record_lapse: 'lapse' };
const BODIES: Record<Action, Record<string, unknown>> = {
  confirm: { note: 'Confirmed.' }, dismiss: { reason: 'Out of proportion.' }, comply: { report: 'Report attached.' }, record_lapse: { note: 'Nothing received.' },
};
/** The state each action needs, and the audiences a penalty in that state can have. */
const CASES: Array<[Action, State, Array<'mediators' | 'parties'>]> = [
  ['confirm', 'proposed', ['mediators', 'parties']],
  ['dismiss', 'proposed', ['mediators', 'parties']],
  ['comply', 'confirmed', ['parties']],
  ['record_lapse', 'overdue', ['parties']],
];
type State = 'proposed' | 'confirmed' | 'overdue';

/** Who may read the ladder, and who may adopt a version. */
const LADDER_READERS: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'];
const LADDER_ADOPTERS: Who[] = ['sec', 'tur', 'qat'];

const RULE_TITLE = 'secret-rule-title';
const LADDER = {
  title: 'Matrix ladder',
  rules: [
    { id: 'REPORT', title: RULE_TITLE, min_grade: 'fair', clauses: ['C1'], count: 1, window_days: 365, consequence: { type: 'remedial_report', days: 7 } },
    { id: 'NAME', title: 'Public naming', min_grade: 'fair', clauses: ['C2'], count: 1, window_days: 365, consequence: { type: 'public_naming' } },
  ],
};

let env: TestEnv;
let u: Users;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-11-01T08:00:00.000Z') });
  u = await seedWorkspace(env);
  await adoptLadder(env.services, u.sec.viewer, LADDER as never);
});
after(() => env.close());

const user = (w: Who) => (w === 'anonymous' ? undefined : u[w]);

/** A fresh penalty against PAK: a finding issued on a new incident, whose proposal is then taken to `state`. */
async function penaltyAt(state: State, visibility: 'mediators' | 'parties', clause = 'C1'): Promise<{ id: string; incident: string }> {
  const filed = await fileIncident(env.services, u.afg.viewer, filing({ clause_refs: [clause] }) as never);
  const incident = filed.incident.id;
  const finding = {
    determination: 'violation', clause_violated: clause, responsible_party: 'PAK', attribution_confidence: 'high', grade: 'fair',
    summary: 'Found.', methods: [], recommendations: [], required_remedies: [], publication: visibility,
  };
  const steps: Array<[StepAction, UserName, Record<string, unknown>]> = [
    ['triage', 'sec', { decision: 'accepted', accused_party: 'PAK', clause_refs: [clause], category: 'offensive_fire', severity: 'high' }],
    ['send_notice', 'sec', {}], ['acknowledge', 'pak', {}], ['respond', 'pak', { position: 'deny', statement: 'No.', counter_evidence: [] }],
    ['open_investigation', 'sec', { team: [] }], ['draft_finding', 'tur', finding], ['sign_finding', 'tur', {}], ['sign_finding', 'qat', {}],
  ];
  for (const [action, who, body] of steps) await takeIncidentStep(env.services, u[who].viewer, incident, action, body);
  const { rows } = await penaltiesRepo.listPenalties(env.store.db, 'all', { incident }, [], env.clock.now.toISOString(), 10);
  assert.equal(rows.length, 1);
  const id = rows[0]!.id;
  if (state !== 'proposed') await takePenaltyStep(env.services, u.tur.viewer, id, 'confirm', {});
  if (state === 'overdue') env.clock.now = new Date(env.clock.now.getTime() + 8 * 24 * 3600_000);
  return { id, incident };
}

function expectedStatus(who: Who, allowed: Who[], readers: Who[]): number {
  if (allowed.includes(who) && readers.includes(who)) return 200;
  if (who === 'anonymous') return 401;
  return readers.includes(who) ? 403 : 404;
}

describe('every user × penalty action × audience', () => {
  for (const [action, state, audiences] of CASES) {
    for (const visibility of audiences) {
      test(`${action} on ${state === 'overdue' ? 'an' : 'a'} ${state} penalty seen by ${visibility}`, async () => {
        const readers = READERS[visibility]!;
        const shared = await penaltyAt(state, visibility);
        for (const who of EVERYONE) {
          const want = expectedStatus(who, ALLOWED[action], readers);
          // Denied attempts change nothing, so they share one penalty; each allowed one gets a fresh penalty.
          const target = want === 200 ? await penaltyAt(state, visibility) : shared;
          const r = await call(env, user(who), 'POST', `/api/penalties/${target.id}/${PATHS[action]}`, BODIES[action]);
          assert.equal(r.status, want, `${who} ${action} on ${visibility}: ${JSON.stringify(r.body)}`);
          if (want !== 200) {
            assert.ok(!JSON.stringify(r.body).includes(target.incident), `${who}: the error leaks the trigger finding`);
            assert.ok(!JSON.stringify(r.body).includes(RULE_TITLE), `${who}: the error leaks the rule`);
          }
          if (readers.includes(who) && want !== 200) {
            const seen = await call(env, user(who), 'GET', `/api/penalties/${shared.id}`);
            assert.equal(seen.status, 200);
            assert.equal(seen.body.actions.includes(action), false, `${who} is offered ${action}`);
          }
        }
        for (const who of ALLOWED[action].filter((w) => readers.includes(w))) {
          const fresh = await penaltyAt(state, visibility);
          const seen = await call(env, user(who), 'GET', `/api/penalties/${fresh.id}`);
          assert.ok(seen.body.actions.includes(action), `${who} is not offered ${action}`);
        }
      });
    }
  }
});

describe('reading penalties and the ladder leaks nothing', () => {
  test('each user reads exactly the penalties of the audiences they may see, by id and in lists', async () => {
    const made: Record<string, { id: string; incident: string }> = {
      mediators: await penaltyAt('proposed', 'mediators'),
      parties: await penaltyAt('proposed', 'parties'),
    };
    // A confirmed public naming is the only kind of penalty the public sees.
    made.public = await penaltyAt('confirmed', 'parties', 'C2');
    for (const who of EVERYONE) {
      const list = await call(env, user(who), 'GET', '/api/penalties?limit=200');
      assert.equal(list.status, 200);
      const listed = new Set(list.body.items.map((p: { id: string }) => p.id));
      for (const [v, p] of Object.entries(made)) {
        const may = READERS[v]!.includes(who);
        assert.equal(listed.has(p.id), may, `${who} ${may ? 'misses' : 'sees'} a ${v} penalty in the list`);
        const one = await call(env, user(who), 'GET', `/api/penalties/${p.id}`);
        assert.equal(one.status, may ? 200 : 404, `${who} reading a ${v} penalty`);
        if (!may) assert.ok(!JSON.stringify(one.body).includes(p.incident));
      }
      assert.equal(list.body.total, list.body.items.length, 'totals count only what the viewer may read');
      for (const item of list.body.items) assert.ok(READERS[item.visibility]!.includes(who), `${who} listed a ${item.visibility} penalty`);
    }
  });

  test('the ladder: who reads it, who adopts a version', async () => {
    for (const who of EVERYONE) {
      const want = LADDER_READERS.includes(who) ? 200 : who === 'anonymous' ? 401 : 403;
      const all = await call(env, user(who), 'GET', '/api/penalty-ladder');
      assert.equal(all.status, want, `${who} reading the ladder`);
      assert.equal((await call(env, user(who), 'GET', '/api/penalty-ladder/1')).status, want, `${who} reading version 1`);
      if (want !== 200) assert.ok(!JSON.stringify(all.body).includes(RULE_TITLE));
    }
    for (const who of EVERYONE) {
      const current = (await call(env, u.sec, 'GET', '/api/penalty-ladder')).body.current as number;
      const r = await call(env, user(who), 'POST', '/api/penalty-ladder', { ...LADDER, supersedes: current });
      const want = LADDER_ADOPTERS.includes(who) ? 201 : who === 'anonymous' ? 401 : 403;
      assert.equal(r.status, want, `${who} adopting: ${JSON.stringify(r.body)}`);
      if (want === 201) assert.equal(r.body.ladder.version, current + 1);
    }
  });
});
