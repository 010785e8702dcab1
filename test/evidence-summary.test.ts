/**
 * GET /api/evidence/:id/summary: evidence as a list row shows it (name, kind,
 * incident), for pages that cite it, such as a commitment's verifications;
 * GET /api/evidence: the same rows across incidents, found by id, file name
 * or incident id, for forms that cite evidence.
 * Whoever may read the evidence gets it, nobody else learns it exists, and
 * unlike opening the evidence (GET /api/evidence/:id) it adds no custody
 * entry to the log: a glance at a citation is not a view of the evidence.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lodgeEvidence } from '../src/services/evidence.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let incident = '';
let sealed = '';
let shared = '';

before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-20T08:00:00.000Z') });
  u = await seedWorkspace(env);
  const r = await call(env, u.afg, 'POST', '/api/incidents', filing());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  incident = r.body.incident.id;
  const lodged = await lodgeEvidence(env.services, u.pak.viewer, incident,
    { source: [Buffer.from('Patrol log, 07:10: positions held.\n')], filename: 'patrol-log.txt' },
    { kind: 'statement', visibility: 'mediators', description: 'Patrol positions' });
  sealed = lodged.evidence.id;
  const open = await lodgeEvidence(env.services, u.afg.viewer, incident,
    { source: [Buffer.from('Crater at 30.99N 66.39E, 2 m across.\n')], filename: 'crater_100%.txt' },
    { kind: 'statement', visibility: 'parties', description: 'Site note' });
  shared = open.evidence.id;
});
after(() => env.close());

async function logLength(): Promise<number> {
  const row = await env.store.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

test('a reader gets the name, kind and incident, and the log does not grow', async () => {
  const before = await logLength();
  const r = await call(env, u.tur, 'GET', `/api/evidence/${sealed}/summary`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.id, sealed);
  assert.equal(r.body.incident_id, incident);
  assert.equal(r.body.original_name, 'patrol-log.txt');
  assert.equal(r.body.kind, 'statement');
  assert.equal(r.body.custody, undefined, 'no chain of custody in a summary');
  assert.equal(await logLength(), before, 'no custody entry for a summary');

  // Opening the evidence itself is a custody step (the difference this route exists for).
  assert.equal((await call(env, u.tur, 'GET', `/api/evidence/${sealed}`)).status, 200);
  assert.equal(await logLength(), before + 1);
});

test('those who may not read it get the same 404 as for evidence that does not exist', async () => {
  for (const who of [u.afg, u.mon, u.obs, undefined]) {
    const r = await call(env, who, 'GET', `/api/evidence/${sealed}/summary`);
    assert.equal(r.status, 404, `${who?.viewer.username ?? 'anonymous'}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(r.body, { error: { code: 'not_found', message: `evidence ${sealed} not found` } });
  }
  const missing = await call(env, u.tur, 'GET', '/api/evidence/EV-2025-09999/summary');
  assert.deepEqual([missing.status, missing.body.error.message], [404, 'evidence EV-2025-09999 not found']);
  assert.equal((await call(env, u.tur, 'GET', '/api/evidence/photo.jpg/summary')).status, 400, 'not an evidence id');
});

test('the search finds by file name, id or incident, newest first, only what the caller may read, and records nothing', async () => {
  const ids = async (who: Users[keyof Users] | undefined, query: string) => {
    const r = await call(env, who, 'GET', `/api/evidence${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items.map((i: { id: string }) => i.id);
  };
  const before = await logLength();
  assert.deepEqual(await ids(u.tur, ''), [shared, sealed], 'a mediator reads both, newest first');
  assert.deepEqual(await ids(u.tur, '?q=PATROL'), [sealed], 'by file name, any case');
  assert.deepEqual(await ids(u.tur, `?q=${incident}`), [shared, sealed], 'by incident');
  assert.deepEqual(await ids(u.tur, `?q=${sealed}`), [sealed], 'by id');
  assert.deepEqual(await ids(u.tur, '?q=100%25'), [shared], 'a % in the text is the character, not a wildcard');
  assert.deepEqual(await ids(u.tur, '?q=_'), [shared], 'so is an underscore');
  assert.deepEqual(await ids(u.tur, '?limit=1'), [shared]);
  assert.deepEqual(await ids(u.afg, '?q=patrol'), [], 'the other party does not find evidence sealed to the mediators');
  assert.deepEqual(await ids(u.pak, ''), [shared, sealed], 'the lodging party finds its own');
  assert.deepEqual(await ids(u.obs, ''), [], 'an observer finds nothing shared with the parties only');
  assert.deepEqual(await ids(undefined, ''), []);
  assert.equal(await logLength(), before, 'searching is not a custody step');
  for (const bad of ['?limit=0', '?limit=101', '?q=', '?color=red']) {
    assert.equal((await call(env, u.tur, 'GET', `/api/evidence${bad}`)).status, 400, bad);
  }
});
