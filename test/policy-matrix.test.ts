/**
 * The policy matrix, through the HTTP API: every user (role × organisation)
 * × every incident action × every visibility the action's state allows.
 * The expectations are written out by hand below — not derived from the
 * policy code — so a change to a rule has to change this table too. Allowed
 * attempts must succeed; the rest get 401/403/404 and leak nothing (no
 * title, no notes in the error body, nothing in lists).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { takeIncidentStep, type StepAction } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { STEP_ROUTES } from '../src/api/routes/incident-steps.schema.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type UserName, type Users } from './support/workspace.js';

type Who = UserName | 'anonymous';
const EVERYONE: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon', 'obs', 'anonymous'];

/** Who may read an incident filed by AFG against PAK, by visibility. */
const READERS: Record<string, Who[]> = {
  mediators: ['sec', 'tur', 'qat', 'turAnalyst', 'afg'],
  parties: ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon'],
  public: EVERYONE,
};

const STAFF: Who[] = ['sec', 'tur', 'qat'];
/** Who may take each action (when the incident is in a state that allows it). */
const ALLOWED: Record<StepAction | 'lodge_evidence', Who[]> = {
  triage: STAFF,
  send_notice: STAFF,
  acknowledge: ['pak'],
  respond: ['pak'],
  open_investigation: STAFF,
  add_note: [...STAFF, 'mon'],
  code: STAFF,
  draft_finding: STAFF,
  comment: ['afg', 'pak'],
  sign_finding: ['tur', 'qat'],
  record_remedy: STAFF,
  close: STAFF,
  change_visibility: STAFF,
  translate: [...STAFF, 'afg'],
  lodge_evidence: [...STAFF, 'mon', 'afg', 'pak'],
};

const FINDING = {
  determination: 'violation', clause_violated: 'C1', responsible_party: 'PAK', attribution_confidence: 'high', grade: 'confirmed',
  summary: 'Confirmed by both monitors.', methods: ['site visit'], recommendations: [], required_remedies: [], publication: 'public',
};

/** The steps that bring a new incident to the state each action needs. */
const PATH: Array<[StepAction, UserName, Record<string, unknown>]> = [
  ['triage', 'sec', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high' }],
  ['send_notice', 'sec', {}],
  ['acknowledge', 'pak', {}],
  ['respond', 'pak', { position: 'deny', statement: 'Not our forces.', counter_evidence: [] }],
  ['open_investigation', 'sec', { team: ['MON'] }],
  ['draft_finding', 'tur', FINDING],
  ['sign_finding', 'tur', {}],
  ['sign_finding', 'qat', {}],
  ['record_remedy', 'sec', { note: 'Remedial report due' }],
];
/** How many PATH steps come before each action. */
const DEPTH: Record<StepAction, number> = {
  triage: 0, code: 0, change_visibility: 0, send_notice: 1, acknowledge: 2, respond: 3, open_investigation: 4,
  add_note: 5, draft_finding: 5, comment: 6, sign_finding: 6, record_remedy: 8, close: 9, translate: 0,
};

function bodyFor(action: StepAction, visibility: string): Record<string, unknown> {
  switch (action) {
    case 'triage': return PATH[0]![2];
    case 'respond': return PATH[3]![2];
    case 'open_investigation': return PATH[4]![2];
    case 'draft_finding': return FINDING;
    case 'add_note': return { kind: 'note', text: 'Observed two craters.' };
    case 'code': return { severity: 'low' };
    case 'comment': return { dissent: false, text: 'No objection.' };
    case 'record_remedy': return { note: 'Remedy' };
    case 'close': return { reason: 'Done' };
    case 'translate': return { language: 'tr', title: 'Çeviri başlığı' };
    case 'change_visibility': return { visibility: visibility === 'public' ? 'parties' : 'public', reason: 'Publication decision' };
    default: return {};
  }
}

let env: TestEnv;
let u: Users;
let counter = 0;
before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
});
after(() => env.close());

/** A fresh incident with a unique title, taken `depth` steps along PATH; a 'mediators' one stays sealed only before notice. */
async function incidentAt(depth: number, visibility: string): Promise<{ id: string; title: string }> {
  const title = `Matrix case ${++counter} secret-title-${counter}`;
  const filed = await fileIncident(env.services, u.afg.viewer, filing({ title, visibility, notes: `secret-notes-${counter}` }) as never);
  const id = filed.incident.id;
  for (const [action, who, body] of PATH.slice(0, depth)) await takeIncidentStep(env.services, u[who].viewer, id, action, body);
  return { id, title };
}

const user = (w: Who) => (w === 'anonymous' ? undefined : u[w]);

function expectedStatus(who: Who, action: StepAction, readers: Who[]): number {
  if (ALLOWED[action].includes(who) && readers.includes(who)) return 200;
  if (who === 'anonymous') return 401;
  return readers.includes(who) ? 403 : 404;
}

const CASES: Array<[StepAction, string]> = [];
for (const action of Object.keys(DEPTH) as StepAction[]) {
  // Before the notice an incident may be sealed to the mediators; the notice shares it with the parties.
  for (const visibility of DEPTH[action] <= 1 ? ['mediators', 'parties', 'public'] : ['parties', 'public']) CASES.push([action, visibility]);
}

describe('every user × action × visibility', () => {
  for (const [action, visibility] of CASES) {
    test(`${action} on a ${visibility} incident`, async () => {
      // After the notice the incident is at least shared with the parties.
      const readers = READERS[DEPTH[action] >= 2 && visibility === 'mediators' ? 'parties' : visibility]!;
      const shared = await incidentAt(DEPTH[action], visibility);
      const path = `/api/incidents/${shared.id}/${STEP_ROUTES[action].path}`;
      for (const who of EVERYONE) {
        const want = expectedStatus(who, action, readers);
        // Denied attempts change nothing, so they share one incident; each allowed one gets a fresh incident.
        const target = want === 200 ? await incidentAt(DEPTH[action], visibility) : shared;
        const r = await call(env, user(who), 'POST', path.replace(shared.id, target.id), bodyFor(action, visibility));
        assert.equal(r.status, want, `${who} ${action} on ${visibility}: ${JSON.stringify(r.body)}`);
        if (want !== 200) {
          assert.ok(!JSON.stringify(r.body).includes(target.title), `${who}: the error leaks the title`);
          assert.ok(!JSON.stringify(r.body).includes('secret-notes'), `${who}: the error leaks the notes`);
        }
        // Readers are told exactly which actions they may take.
        if (readers.includes(who) && want !== 200) {
          const seen = await call(env, user(who), 'GET', `/api/incidents/${shared.id}`);
          assert.equal(seen.status, 200);
          assert.equal(seen.body.actions.includes(action), false, `${who} is offered ${action}`);
        }
      }
      for (const who of ALLOWED[action].filter((w) => readers.includes(w))) {
        const fresh = await incidentAt(DEPTH[action], visibility);
        const seen = await call(env, user(who), 'GET', `/api/incidents/${fresh.id}`);
        assert.ok(seen.body.actions.includes(action), `${who} is not offered ${action}`);
      }
    });
  }
});

/** Every page of a list query (the earlier tests leave more matches than one page holds), and the total the first page gave. */
async function listAll(who: Who, query: string): Promise<{ total: number; items: Array<{ id: string; visibility: string; complainant_org: string }> }> {
  const items = [];
  let total = -1;
  let cursor: string | null = null;
  do {
    const page = await call(env, user(who), 'GET', `/api/incidents?limit=200&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    if (total < 0) total = page.body.total;
    items.push(...page.body.items);
    cursor = page.body.next_cursor;
  } while (cursor);
  return { total, items };
}

describe('reading and listing leak nothing', () => {
  test('each user reads exactly the incidents of the visibilities they may see, by id and in lists', async () => {
    const made: Record<string, { id: string; title: string }> = {};
    for (const v of ['mediators', 'parties', 'public']) made[v] = await incidentAt(0, v);
    for (const who of EVERYONE) {
      const list = await listAll(who, 'q=Matrix');
      const listed = new Set(list.items.map((i) => i.id));
      for (const [v, inc] of Object.entries(made)) {
        const may = READERS[v]!.includes(who);
        assert.equal(listed.has(inc.id), may, `${who} ${may ? 'misses' : 'sees'} a ${v} incident in the list`);
        const one = await call(env, user(who), 'GET', `/api/incidents/${inc.id}`);
        assert.equal(one.status, may ? 200 : 404, `${who} reading a ${v} incident`);
        if (!may) assert.ok(!JSON.stringify(one.body).includes(inc.title));
      }
      // Totals count only what the viewer may read.
      assert.equal(list.total, list.items.length);
      for (const item of list.items) assert.ok(READERS[item.visibility]!.includes(who) || item.complainant_org === user(who)?.viewer.org);
    }
  });

  test('lodging evidence is offered exactly to the users who may lodge', async () => {
    for (const visibility of ['parties', 'public']) {
      const inc = await incidentAt(2, visibility);
      for (const who of READERS[visibility]!) {
        const seen = await call(env, user(who), 'GET', `/api/incidents/${inc.id}`);
        assert.equal(seen.body.actions.includes('lodge_evidence'), ALLOWED.lodge_evidence.includes(who), `${who} on ${visibility}`);
      }
    }
  });
});
