// Without a witness policy the signed checkpoint is the published one:
// publicationFor(services) serves it, waitFor resolves as checkpoints are
// signed, and /log/checkpoint and /api/log agree. Real store (PGlite, or
// PostgreSQL with ANNEX_TEST_DATABASE_URL), the shared test env.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicationFor } from '../src/log/publication.js';
import { latestPublished } from '../src/store/repositories/log.js';
import { inTransaction, makeServices } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { createWorkspace } from '../src/services/workspace.js';
import { openTestEnv, type TestEnv } from './support/server.js';

let env: TestEnv;
before(async () => {
  env = await openTestEnv();
  await createWorkspace(env.services, { name: 'Unwitnessed', origin: 'unwitnessed.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
});
after(() => env.close());

async function append(n: number): Promise<number> {
  const s = env.services;
  return inTransaction(s, async (tx) => (await record(tx, s, { org: 'SEC', userId: 'system' }, {
    type: 'workspace.configured', subject: 'workspace', visibility: 'public',
    body: { clauses: [{ id: `w-${n}`, title: `Clause ${n}`, text: `Text ${n}.` }] },
  })).idx);
}

test('waitFor resolves with the signed checkpoint that covers the entry, as served at /log/checkpoint', async () => {
  const p = publicationFor(env.services);
  assert.equal(p.policy, undefined);
  assert.deepEqual(p.witnesses(), []);
  const index = await append(1);
  const t0 = performance.now();
  const covered = await p.waitFor(index, 5000);
  assert.ok(covered && covered.size === index + 1);
  assert.ok(performance.now() - t0 < 2000);
  const served = await env.app.inject({ method: 'GET', url: '/log/checkpoint' });
  assert.equal(served.body, covered.note);
  const st = (await env.app.inject({ method: 'GET', url: '/api/log' })).json();
  assert.equal(st.published_size, st.checkpoint_size);
  assert.deepEqual(st.witnesses, []);
  // log_published holds only quorum-cosigned checkpoints: none here.
  assert.equal(await latestPublished(env.store.db), undefined);
});

test('concurrent waiters each get the checkpoint covering their entry; a timeout resolves undefined', async () => {
  const indexes = await Promise.all([2, 3, 4].map(append));
  const got = await Promise.all(indexes.map((i) => publicationFor(env.services).waitFor(i, 5000)));
  got.forEach((c, k) => assert.ok(c && c.size > indexes[k]!));
  assert.equal(await publicationFor(env.services).waitFor(10_000, 100), undefined);
});

test('services whose integrator is not wired to publication still see checkpoints: waitFor polls', async () => {
  const other = makeServices({ ...env.services });
  const p = publicationFor(other);
  const waits = [5, 6, 7].map(async (n) => {
    await new Promise((r) => setTimeout(r, n * 30));
    const index = await append(n);
    return { index, covered: await p.waitFor(index, 5000) };
  });
  for (const { index, covered } of await Promise.all(waits)) assert.ok(covered && covered.size > index);
  await p.stop();
});
