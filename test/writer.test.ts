/**
 * The batching writer and its unit of work, on a real database: concurrent
 * jobs share a transaction yet each sees the ones before it; a failing job
 * leaves no trace (buffered or already flushed) while the rest commit; raw
 * statements see buffered writes; a database error aborts only the batch,
 * whose jobs are then retried one by one; rows carried between batches are
 * dropped when another writer appended in between.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { inTransaction, makeServices } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { ServiceError } from '../src/services/errors.js';
import { configureWorkspace, getWorkspace } from '../src/services/workspace.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { seedWorkspace } from './support/workspace.js';

let env: TestEnv;
before(async () => {
  env = await openTestEnv();
  await seedWorkspace(env);
});
after(() => env.close());

const actor = { org: 'SEC', userId: 'system' };
const clause = (id: string) => ({ id, title: `Clause ${id}`, text: `Text of ${id}.` });

async function size(): Promise<number> {
  return Number((await env.services.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size);
}

/** A job that records a workspace.configured entry with one clause and returns the index. */
const configure = (id: string) => async (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) =>
  (await record(tx, env.services, actor, { type: 'workspace.configured', subject: 'workspace', visibility: 'public', body: { clauses: [clause(id)] } })).idx;

test('concurrent jobs commit together, in order, with contiguous indexes; each sees the previous one', async () => {
  const s = env.services;
  const start = await size();
  const seen: string[] = [];
  const jobs = ['a', 'b', 'c', 'd', 'e'].map((id) => inTransaction(s, async (tx) => {
    const before = await getWorkspace(tx);
    seen.push(before!.clauses.map((c) => c.id).join(''));
    return configure(id)(tx);
  }));
  const indexes = await Promise.all(jobs);
  assert.deepEqual(indexes, [start, start + 1, start + 2, start + 3, start + 4]);
  // The first job sees the seeded clauses; each later one the clause the previous job set.
  assert.deepEqual(seen.slice(1), ['a', 'b', 'c', 'd']);
  assert.equal(await size(), start + 5);
  assert.deepEqual((await getWorkspace(s.db))!.clauses.map((c) => c.id), ['e']);
});

test('a failing job is undone — buffered and flushed parts alike — and the others commit', async () => {
  const s = env.services;
  const start = await size();
  const ok1 = inTransaction(s, configure('ok1'));
  const failing = inTransaction(s, async (tx) => {
    await configure('doomed')(tx);
    // A raw statement flushes the buffered entry under a savepoint, then a raw write of its own.
    const n = await tx.selectFrom('ledger_entries').select(sql<string>`count(*)`.as('n')).where('idx', '>=', start).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 2, 'the raw read sees the buffered entries of this batch');
    await tx.insertInto('credentials').values({ user_id: 'ghost', password_hash: 'x' }).execute();
    throw new ServiceError('conflict', 'changed my mind');
  });
  const ok2 = inTransaction(s, configure('ok2'));
  const [r1, r2, r3] = await Promise.allSettled([ok1, failing, ok2]);
  assert.equal(r1.status, 'fulfilled');
  assert.equal(r2.status, 'rejected');
  assert.match(String((r2 as PromiseRejectedResult).reason.message), /changed my mind/);
  assert.equal(r3.status, 'fulfilled');
  assert.deepEqual([(r1 as PromiseFulfilledResult<number>).value, (r3 as PromiseFulfilledResult<number>).value], [start, start + 1], 'no gap where the failed job was');
  assert.equal(await size(), start + 2);
  const ghost = await s.db.selectFrom('credentials').selectAll().where('user_id', '=', 'ghost').execute();
  assert.equal(ghost.length, 0, 'the raw write was rolled back to the savepoint');
  assert.deepEqual((await getWorkspace(s.db))!.clauses.map((c) => c.id), ['ok2']);
});

test('a database error aborts the batch; its other jobs are retried and commit', async () => {
  const s = env.services;
  const start = await size();
  const good = inTransaction(s, configure('g1'));
  const broken = inTransaction(s, async (tx) => {
    await sql`SELECT 1/0`.execute(tx);
    return 0;
  });
  const good2 = inTransaction(s, configure('g2'));
  const [a, b, c] = await Promise.allSettled([good, broken, good2]);
  assert.equal(a.status, 'fulfilled');
  assert.equal(b.status, 'rejected');
  assert.match(String((b as PromiseRejectedResult).reason.message), /division by zero/);
  assert.equal(c.status, 'fulfilled');
  assert.equal(await size(), start + 2);
});

test('rows carried between batches are dropped when another writer appended meanwhile', async () => {
  const s = env.services;
  await configureWorkspace(s, 'system', { clauses: [clause('mine')] });
  // A second writer on the same database (as a second server process would have).
  const other = makeServices({ db: s.db, keys: s.keys, crypto: s.crypto, blobs: s.blobs, clock: s.clock });
  await configureWorkspace(other, 'system', { clauses: [clause('theirs')] });
  const seen = await inTransaction(s, async (tx) => (await getWorkspace(tx))!.clauses.map((c) => c.id));
  assert.deepEqual(seen, ['theirs'], 'the first writer must not answer from its stale carried row');
});

test('record() outside inTransaction is refused', async () => {
  await assert.rejects(
    record(env.services.db, env.services, actor, { type: 'workspace.configured', subject: 'workspace', visibility: 'public', body: { clauses: [] } }),
    /needs the tx of inTransaction/,
  );
});
