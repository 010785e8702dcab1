/**
 * The demo workspace's penalty ladder, read through the HTTP API as of the
 * demo's reading date: one version in force, penalties proposed by the
 * engine from the demo's issued findings, confirmed, dismissed, complied
 * with and pending, and an observer seeing only the public naming.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_AS_OF, loadDemo } from '../src/demo/index.js';
import { DEMO_LADDER } from '../src/demo/penalties.js';
import { createApiToken, toViewer } from '../src/services/auth.js';
import { findUserById } from '../src/store/repositories/accounts.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, type TestUser } from './support/workspace.js';

let env: TestEnv;
const users: Record<string, TestUser> = {};
before(async () => {
  env = await openTestEnv({ start: DEMO_AS_OF });
  await loadDemo(env.services, { password: (u) => `demo ${u} password` });
  for (const id of ['sec.admin', 'pak.liaison', 'obs.observer']) {
    const viewer = toViewer((await findUserById(env.services.db, id))!);
    users[id] = { viewer, token: (await createApiToken(env.services, viewer, 'tests')).token };
  }
});
after(() => env.close());

test('the demo has a ladder in force and penalties in every decision state', async () => {
  const ladder = await call(env, users['pak.liaison'], 'GET', '/api/penalty-ladder');
  assert.equal(ladder.status, 200);
  assert.equal(ladder.body.current, 1);
  assert.deepEqual(ladder.body.versions[0].rules.map((r: { id: string }) => r.id), DEMO_LADDER.rules.map((r) => r.id));
  assert.equal(ladder.body.versions[0].applies_from, '2025-11-01T00:00:00.000Z');

  const list = await call(env, users['sec.admin'], 'GET', '/api/penalties');
  const got = (list.body.items as Array<{ id: string; rule_id: string; status: string; party: string; trigger_findings: unknown[]; overdue: boolean }>)
    .map((p) => `${p.id} ${p.rule_id} ${p.party} ${p.status} ${p.trigger_findings.length}`).sort();
  assert.deepEqual(got, [
    'PEN-1 NAME PAK confirmed 1',
    'PEN-2 REPORT PAK complied 1',
    'PEN-3 REPORT PAK dismissed 1',
    'PEN-4 REPEAT PAK proposed 2',
  ]);
  assert.ok(list.body.items.every((p: { overdue: boolean }) => !p.overdue), 'nothing overdue on the reading date');
  const pending = await call(env, users['sec.admin'], 'GET', '/api/penalties/PEN-4');
  assert.deepEqual(pending.body.consequence, { type: 'escalation', escalate_to: ['TUR', 'QAT'] });
  const complied = await call(env, users['pak.liaison'], 'GET', '/api/penalties/PEN-2');
  assert.equal(complied.body.compliance.late, false);
  assert.equal(complied.body.due_at, '2025-12-05T09:30:00.000Z', '14 days after the confirmation');

  // An observer sees the public naming only, and the public finding behind it.
  const seen = await call(env, users['obs.observer'], 'GET', '/api/penalties');
  assert.deepEqual(seen.body.items.map((p: { id: string }) => p.id), ['PEN-1']);
  assert.equal(seen.body.items[0].trigger_findings.length, 1, 'the Torkham finding is public');
  assert.equal((await call(env, users['obs.observer'], 'GET', '/api/penalty-ladder')).status, 403);
});
