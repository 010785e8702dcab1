/**
 * The policy matrix for negotiation texts, through the HTTP API: every user
 * (role × organisation) × every text action × both visibilities. The
 * expectations are written out by hand below — not derived from
 * src/policy/text.ts — so a change to a rule has to change this table too.
 * Allowed attempts must succeed; the rest get 401/403/404 and leak nothing
 * (no title, no clause text in the error, nothing in lists); readers are
 * offered exactly the actions they may take.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { raiseAgendaItem } from '../src/services/text-agenda.js';
import { actOnVersion, proposeVersion } from '../src/services/text-versions.js';
import { createText } from '../src/services/texts.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, seedWorkspace, type UserName, type Users } from './support/workspace.js';

type Who = UserName | 'anonymous';
const EVERYONE: Who[] = ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst', 'mon', 'obs', 'anonymous'];

/** Who reads a text between AFG and PAK: a draft ('parties') or a published one. */
const READERS: Record<'parties' | 'public', Who[]> = {
  parties: ['sec', 'tur', 'qat', 'turAnalyst', 'afg', 'pak', 'pakAnalyst'],
  public: EVERYONE,
};

const STAFF: Who[] = ['sec', 'tur', 'qat'];
const LIAISONS: Who[] = ['afg', 'pak'];
type Action = 'propose' | 'accept' | 'reject' | 'retract' | 'raise_agenda_item' | 'rule' | 'publish';
/** Who may take each action (when the text's state allows it). */
const ALLOWED: Record<Action, Who[]> = {
  propose: [...STAFF, ...LIAISONS],
  accept: LIAISONS,
  reject: LIAISONS,
  retract: LIAISONS,
  raise_agenda_item: LIAISONS,
  rule: STAFF,
  publish: STAFF,
};
/** Opening a text is not about an existing record. */
const MAY_CREATE: Who[] = STAFF;

const CLAUSES = [{ id: 'S', title: 'Scope', text: 'secret-clause-text' }];

let env: TestEnv;
let u: Users;
let counter = 0;
before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
});
after(() => env.close());

const user = (w: Who) => (w === 'anonymous' ? undefined : u[w]);

interface Made {
  id: string;
  title: string;
  hash: string;
  item: string;
}

/** A fresh text with one version and one agenda item; with `accepted`, that party has accepted the version. */
async function textAt(visibility: 'parties' | 'public', accepted?: 'afg' | 'pak'): Promise<Made> {
  const s = env.services;
  const title = `Matrix text ${++counter} secret-title-${counter}`;
  const { text } = await createText(s, u.tur.viewer, { title, visibility });
  const { version } = await proposeVersion(s, u.tur.viewer, text.id, { clauses: CLAUSES });
  const { item } = await raiseAgendaItem(s, u.afg.viewer, { document_id: text.id, title: 'secret-item-title', text: 'secret-item-text' });
  if (accepted) await actOnVersion(s, u[accepted].viewer, text.id, { action: 'accept', version: 1, hash: version.hash });
  return { id: text.id, title, hash: version.hash, item: item.id };
}

function request(action: Action, m: Made): { url: string; body: Record<string, unknown> } {
  switch (action) {
    case 'propose': return { url: `/api/texts/${m.id}/versions`, body: { clauses: CLAUSES } };
    case 'accept': case 'reject': case 'retract': return { url: `/api/texts/${m.id}/actions`, body: { action, version: 1, hash: m.hash } };
    case 'raise_agenda_item': return { url: '/api/agenda', body: { document_id: m.id, title: 'An item', text: 'Its text.' } };
    case 'rule': return { url: `/api/agenda/${m.item}/ruling`, body: { mandate: 'in_mandate', reason: 'Within the mechanism.' } };
    case 'publish': return { url: `/api/texts/${m.id}/publication`, body: { reason: 'Agreed to publish.' } };
  }
}

/** Where the viewer is told whether it may take the action. */
async function offered(who: Who, action: Action, m: Made): Promise<boolean> {
  if (action === 'accept' || action === 'reject' || action === 'retract') {
    return (await call(env, user(who), 'GET', `/api/texts/${m.id}/versions/1`)).body.actions.includes(action);
  }
  if (action === 'rule') return (await call(env, user(who), 'GET', `/api/agenda/${m.item}`)).body.actions.includes(action);
  return (await call(env, user(who), 'GET', `/api/texts/${m.id}`)).body.actions.includes(action);
}

function expectedStatus(who: Who, action: Action, readers: Who[]): number {
  if (ALLOWED[action].includes(who) && readers.includes(who)) return action === 'rule' || action === 'publish' ? 200 : 201;
  if (who === 'anonymous') return 401;
  return readers.includes(who) ? 403 : 404;
}

const CASES: Array<[Action, 'parties' | 'public']> = [];
for (const action of Object.keys(ALLOWED) as Action[]) {
  // A public text cannot be published again: publishing is tested on drafts only.
  for (const v of action === 'publish' ? (['parties'] as const) : (['parties', 'public'] as const)) CASES.push([action, v]);
}

describe('every user × action × visibility', () => {
  for (const [action, visibility] of CASES) {
    test(`${action} on a ${visibility} text`, async () => {
      const readers = READERS[visibility];
      const shared = await textAt(visibility);
      for (const who of EVERYONE) {
        const want = expectedStatus(who, action, readers);
        // A retraction needs the party's own acceptance first; each allowed attempt gets a fresh text.
        const target = want < 300 ? await textAt(visibility, action === 'retract' ? (who as 'afg' | 'pak') : undefined) : shared;
        const { url, body } = request(action, target);
        const r = await call(env, user(who), 'POST', url, body);
        assert.equal(r.status, want, `${who} ${action} on ${visibility}: ${JSON.stringify(r.body)}`);
        if (want >= 300) {
          const text = JSON.stringify(r.body);
          for (const secret of [target.title, 'secret-clause-text', 'secret-item']) assert.ok(!text.includes(secret), `${who}: the error leaks ${secret}`);
          if (readers.includes(who)) assert.equal(await offered(who, action, shared), false, `${who} is offered ${action}`);
        }
      }
      for (const who of ALLOWED[action].filter((w) => readers.includes(w))) {
        const fresh = await textAt(visibility, action === 'retract' ? (who as 'afg' | 'pak') : undefined);
        assert.equal(await offered(who, action, fresh), true, `${who} is not offered ${action}`);
      }
    });
  }

  test('opening a text', async () => {
    for (const who of EVERYONE) {
      const r = await call(env, user(who), 'POST', '/api/texts', { title: `Opened by ${who}` });
      const want = MAY_CREATE.includes(who) ? 201 : who === 'anonymous' ? 401 : 403;
      assert.equal(r.status, want, `${who}: ${JSON.stringify(r.body)}`);
    }
  });
});

describe('reading and listing leak nothing', () => {
  test('each user reads exactly the texts, versions, diffs, histories and agenda items they may see', async () => {
    const made = { parties: await textAt('parties'), public: await textAt('public') };
    for (const who of EVERYONE) {
      const listed = new Set((await call(env, user(who), 'GET', '/api/texts')).body.items.map((t: { id: string }) => t.id));
      const agenda = new Set((await call(env, user(who), 'GET', '/api/agenda')).body.items.map((i: { id: string }) => i.id));
      for (const [v, m] of Object.entries(made) as Array<['parties' | 'public', Made]>) {
        const may = READERS[v].includes(who);
        assert.equal(listed.has(m.id), may, `${who} ${may ? 'misses' : 'sees'} a ${v} text in the list`);
        assert.equal(agenda.has(m.item), may, `${who} ${may ? 'misses' : 'sees'} a ${v} agenda item in the list`);
        for (const url of [
          `/api/texts/${m.id}`, `/api/texts/${m.id}/versions/1`, `/api/texts/${m.id}/diff?from=1&to=1`,
          `/api/texts/${m.id}/actions`, `/api/agenda/${m.item}`, `/api/agenda?document=${m.id}`,
        ]) {
          const r = await call(env, user(who), 'GET', url);
          assert.equal(r.status, may ? 200 : 404, `${who} GET ${url} (${v})`);
          if (!may) for (const secret of [m.title, 'secret-clause-text', 'secret-item']) assert.ok(!JSON.stringify(r.body).includes(secret));
        }
      }
    }
  });
});
