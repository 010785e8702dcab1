/**
 * The batching writer (group commit, after Tessera's sequencer): every
 * write job queues here; while one batch runs, new jobs queue up and run
 * together in the next one — one transaction, one ledger lock, one commit
 * and a few multi-row statements for all of them (unit-of-work.ts). A job
 * alone on an idle server starts at once, so batching adds no latency.
 *
 * Jobs run one after another inside the batch, each seeing the ones before
 * it, so the tables always equal a replay of the log in index order. A job
 * that throws is undone and gets its error; the others commit. If the
 * transaction itself fails, each job of the batch is retried on its own.
 */
import type { Row } from '../domain/projection.js';
import type { Db } from './db.js';
import { lockLedger } from './repositories/ledger.js';
import { UnitOfWork } from './unit-of-work.js';

export type WriteJob<T> = (tx: Db) => Promise<T>;

export interface Writer {
  /** Run `job` in a write transaction; resolves after commit with the job's result and the entries it appended. */
  run<T>(job: WriteJob<T>): Promise<{ result: T; appended: number }>;
}

interface Queued {
  job: WriteJob<unknown>;
  resolve(v: { result: unknown; appended: number }): void;
  reject(e: unknown): void;
}

/** Most jobs in one batch: bounds lock time and memory. */
export const MAX_BATCH = 64;

/**
 * Small, hot tables whose rows a batch hands to the next one: nearly every
 * write reads the workspace, an organisation or a counter. Valid while the
 * ledger size found under the lock is the size the last batch committed —
 * every change to a projected row comes with an entry, so an unchanged size
 * means no other writer (another process on the same PostgreSQL) changed them.
 */
const CARRIED_TABLES = ['workspace', 'organisations', 'counters'];

export function createWriter(db: Db, opts: { maxBatch?: number } = {}): Writer {
  const maxBatch = opts.maxBatch ?? MAX_BATCH;
  const queue: Queued[] = [];
  let running = false;
  let carried: { size: number; rows: Map<string, Row | null> } | undefined;

  async function runBatch(batch: Queued[]): Promise<void> {
    const outcomes: Array<{ ok: true; result: unknown; appended: number } | { ok: false; error: unknown }> = [];
    let trx: Awaited<ReturnType<ReturnType<Db['startTransaction']>['execute']>>;
    try {
      trx = await db.startTransaction().execute();
    } catch (e) {
      batch.forEach((q) => q.reject(e));
      return;
    }
    try {
      const size = await lockLedger(trx);
      const known = carried?.size === size ? carried.rows : undefined;
      carried = undefined;
      const uow = new UnitOfWork(trx, size, known);
      for (const q of batch) {
        const before = uow.appended;
        uow.beginJob();
        try {
          const result = await q.job(uow.tx);
          await uow.endJob();
          outcomes.push({ ok: true, result, appended: uow.appended - before });
        } catch (error) {
          if (!(await uow.failJob(error))) throw new BatchAborted(error);
          outcomes.push({ ok: false, error });
        }
      }
      await uow.finish();
      await trx.commit().execute();
      carried = { size: uow.nextIndex, rows: uow.rowsOf(CARRIED_TABLES) };
    } catch (e) {
      carried = undefined;
      await trx.rollback().execute().catch(() => undefined);
      if (batch.length === 1) {
        batch[0]!.reject(e instanceof BatchAborted ? e.cause : e);
        return;
      }
      // Something failed for the batch as a whole: give each job its own transaction.
      for (const q of batch) await runBatch([q]);
      return;
    }
    batch.forEach((q, i) => {
      const o = outcomes[i]!;
      if (o.ok) q.resolve({ result: o.result, appended: o.appended });
      else q.reject(o.error);
    });
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        // Let requests that have arrived meanwhile reach the queue first: PGlite runs
        // queries synchronously on this thread, so without this turn of the event
        // loop no new request would be read while a batch runs, and every batch
        // would hold one job.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const b = queue.splice(0, maxBatch);
        if (process.env.ANNEX_DEBUG_BATCH) console.error('batch', b.length);
        await runBatch(b);
      }
    } finally {
      running = false;
    }
  }

  return {
    run<T>(job: WriteJob<T>) {
      return new Promise<{ result: T; appended: number }>((resolve, reject) => {
        queue.push({ job, resolve: resolve as Queued['resolve'], reject });
        if (!running) void drain();
      });
    },
  };
}

class BatchAborted extends Error {
  constructor(override readonly cause: unknown) {
    super('the batch transaction was aborted');
  }
}
