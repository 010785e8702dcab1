/**
 * The policy matrix for commitments and the clause register, through the
 * HTTP API: every user (role × organisation) × every commitment action ×
 * every visibility. The expectations are written out by hand below — not
 * derived from the policy code — so a change to a rule has to change this
 * table too. Allowed attempts must succeed; the rest get 401/403/404 and
 * leak nothing (no title in the error body, nothing in lists), and each
 * reader is offered exactly the actions the table gives them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registerCommitment, type CommitmentInput } from '../src/services/commitments.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type UserName, type Users } from './support/workspace.js';

type Who = UserName | 'anonymous';
type Action = 'amend' | 'extend' | 'verify' | 'self_report';
const EVERYONE: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon', 'obs', 'anonymous'];
const VISIBILITIES = ['mediators', 'parties', 'public'] as const;

/** Who may read a commitment obligating PAK, by visibility (a 'mediators' one is a draft not even PAK reads). */
const READERS: Record<string, Who[]> = {
  mediators: ['sec', 'tur', 'qat', 'turAnalyst'],
  parties: ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'],
  public: EVERYONE,
};

const STAFF: Who[] = ['sec', 'tur', 'qat'];
/** Who may take each action on a commitment obligating PAK (when its state allows it). */
const ALLOWED: Record<Action, Who[]> = {
  amend: STAFF,
  extend: STAFF,
  verify: [...STAFF, 'mon'],
  self_report: ['pak'],
};

const PATHS: Record<Action, string> = { amend: 'amendments', extend: 'extensions', verify: 'verifications', self_report: 'self-reports' };
const BODIES: Record<Action, Record<string, unknown>> = {
  amend: { indicator: 'Gates open six days a week', reason: 'Matrix amendment' },
  extend: { deadline: { date: '2026-01-31' }, reason: 'Matrix extension' },
  verify: { status: 'minimal', evidence: [], note: 'Matrix verification' },
  self_report: { status: 'intermediate', evidence: [], note: 'Matrix self-report' },
};

let env: TestEnv;
let u: Users;
let counter = 0;
before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
});
after(() => env.close());

const user = (w: Who) => (w === 'anonymous' ? undefined : u[w]);

/** A fresh commitment with a unique title, registered by the secretariat. */
async function commitment(visibility: string): Promise<{ id: string; title: string }> {
  const title = `Matrix commitment ${++counter} secret-title-${counter}`;
  const input = {
    title, clause_id: 'C2', obligated_party: 'PAK', indicator: 'Gates open', evidence_required: 'Crossing logs',
    deadline: { date: '2025-12-31' }, visibility,
  } as CommitmentInput;
  const r = await registerCommitment(env.services, u.sec.viewer, input);
  return { id: r.commitment.id, title };
}

function expectedStatus(who: Who, action: Action, readers: Who[]): number {
  if (ALLOWED[action].includes(who) && readers.includes(who)) return 200;
  if (who === 'anonymous') return 401;
  return readers.includes(who) ? 403 : 404;
}

describe('every user × commitment action × visibility', () => {
  for (const action of Object.keys(ALLOWED) as Action[]) {
    for (const visibility of VISIBILITIES) {
      test(`${action} on a ${visibility} commitment`, async () => {
        const readers = READERS[visibility]!;
        const shared = await commitment(visibility);
        for (const who of EVERYONE) {
          const want = expectedStatus(who, action, readers);
          // Denied attempts change nothing, so they share one commitment; each allowed one gets a fresh one.
          const target = want === 200 ? await commitment(visibility) : shared;
          const r = await call(env, user(who), 'POST', `/api/commitments/${target.id}/${PATHS[action]}`, BODIES[action]);
          assert.equal(r.status, want, `${who} ${action} on ${visibility}: ${JSON.stringify(r.body)}`);
          if (want !== 200) assert.ok(!JSON.stringify(r.body).includes('secret-title'), `${who}: the error leaks the title`);
        }
        const after = await call(env, u.sec, 'GET', `/api/commitments/${shared.id}`);
        assert.equal(after.body.timeline.length, 1, 'denied attempts recorded nothing');
      });
    }
  }
});

describe('reading, listing and offered actions', () => {
  test('each user reads exactly the commitments of the visibilities they may see, by id and in lists, and is offered exactly their actions', async () => {
    const made: Record<string, { id: string; title: string }> = {};
    for (const v of VISIBILITIES) made[v] = await commitment(v);
    for (const who of EVERYONE) {
      const list = await call(env, user(who), 'GET', '/api/commitments');
      assert.equal(list.status, 200);
      const listed = new Set(list.body.items.map((i: { id: string }) => i.id));
      for (const [v, c] of Object.entries(made)) {
        const may = READERS[v]!.includes(who);
        assert.equal(listed.has(c.id), may, `${who} ${may ? 'misses' : 'sees'} a ${v} commitment in the list`);
        const one = await call(env, user(who), 'GET', `/api/commitments/${c.id}`);
        assert.equal(one.status, may ? 200 : 404, `${who} reading a ${v} commitment`);
        if (!may) assert.ok(!JSON.stringify(one.body).includes(c.title));
        if (may) {
          const offered = (Object.keys(ALLOWED) as Action[]).filter((a) => ALLOWED[a].includes(who)).sort();
          assert.deepEqual([...one.body.actions].sort(), offered, `${who} on a ${v} commitment is offered ${one.body.actions}`);
        }
      }
      assert.equal(list.body.total, list.body.items.length);
      for (const item of list.body.items) assert.ok(READERS[item.visibility]!.includes(who), `${who} listed a ${item.visibility} commitment`);
    }
  });

  test('an unknown commitment is 404 for everyone, 401 to act on anonymously', async () => {
    for (const who of EVERYONE) {
      assert.equal((await call(env, user(who), 'GET', '/api/commitments/COM-99999')).status, 404);
      const r = await call(env, user(who), 'POST', '/api/commitments/COM-99999/verifications', BODIES.verify);
      assert.equal(r.status, who === 'anonymous' ? 401 : 404, who);
    }
  });
});

describe('registering and the clause register', () => {
  const body = {
    title: 'Registered in the matrix', clause_id: 'C2', obligated_party: 'AFG', indicator: 'x', evidence_required: 'y',
    deadline: { relative_to: 'd_day', days: 10 }, visibility: 'parties',
  };
  const expected = (who: Who, ok: number) => (STAFF.includes(who) ? ok : who === 'anonymous' ? 401 : 403);

  test('only mediators\' staff register commitments', async () => {
    for (const who of EVERYONE) {
      const r = await call(env, user(who), 'POST', '/api/commitments', body);
      assert.equal(r.status, expected(who, 201), `${who}: ${JSON.stringify(r.body)}`);
    }
  });

  test('everyone reads the clause register; only mediators\' staff amend clauses and set the D-day', async () => {
    for (const who of EVERYONE) {
      assert.equal((await call(env, user(who), 'GET', '/api/clauses')).status, 200);
      assert.equal((await call(env, user(who), 'GET', '/api/clauses/C1')).status, 200);
      const v = await call(env, user(who), 'POST', '/api/clauses/C1/versions', { title: 'Cessation', text: `Version by ${who}`, reason: 'Matrix' });
      assert.equal(v.status, expected(who, 201), `${who} amending: ${JSON.stringify(v.body)}`);
      const d = await call(env, user(who), 'POST', '/api/clauses/d-day', { d_day: '2025-10-19', reason: 'Matrix' });
      assert.equal(d.status, expected(who, 200), `${who} setting the D-day`);
    }
    const c1 = (await call(env, undefined, 'GET', '/api/clauses/C1')).body;
    assert.deepEqual(c1.versions.map((v: { recorded_by: string | null }) => v.recorded_by), [null, 'SEC', 'TUR', 'QAT'], 'one version per allowed amendment');
  });
});
