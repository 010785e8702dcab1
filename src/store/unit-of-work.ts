/**
 * One batch of write jobs in one database transaction (see writer.ts).
 *
 * Ledger entries and projected-row changes are buffered and written with a
 * few multi-row statements when the batch ends, so many small writes share
 * one lock, one commit and a handful of statements (on PGlite every
 * statement costs ~0.3 ms, whatever its size). Reads stay exact:
 *  - keyed reads of projected rows (`load`/`get`) answer from the batch's
 *    overlay (rows it wrote or already read), else from the database — a key
 *    the batch has not touched cannot differ from the database;
 *  - any other statement a job runs through its `tx` first flushes what is
 *    buffered (delegating-dialect.ts), so it sees the batch's writes.
 * Projected tables are only ever written through here, by writers holding
 * the ledger lock, so the overlay cannot go stale within a batch.
 *
 * A job that fails leaves no trace: its buffered items and overlay changes
 * are dropped, and if it had reached the database (a flush or its own
 * write), it had taken a savepoint first, which is rolled back.
 */
import { sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { refKey, type Change, type Row, type RowRef } from '../domain/projection.js';
import type { Db } from './db.js';
import { delegatingKysely } from './delegating-dialect.js';
import { insertEntries, setLedgerSize, type NewEntry } from './repositories/ledger.js';
import { loadRows, writeChanges } from './repositories/projection.js';

interface JobState {
  entries: number;
  changes: number;
  /** Overlay values before this job first touched each key (undefined: not in the overlay). */
  undo: Map<string, Row | null | undefined>;
  savepoint: boolean;
}

const byTx = new WeakMap<Db, UnitOfWork>();

/** The unit of work behind a writer's `tx`, if it is one. */
export function unitOfWorkOf(tx: Db): UnitOfWork | undefined {
  return byTx.get(tx);
}

export class UnitOfWork {
  /** What jobs get as `tx`: every statement through it sees the batch's writes first. */
  readonly tx: Db;
  private readonly overlay = new Map<string, Row | null>();
  private readonly entries: NewEntry[] = [];
  private readonly changes: Change[] = [];
  private flushedEntries = 0;
  private flushedChanges = 0;
  private job: JobState | undefined;

  /**
   * `conn`: the batch's open transaction, holding the ledger lock; `first`:
   * the ledger size it found; `known`: rows carried over from the previous
   * batch, valid only if no one has appended since (the caller checks).
   */
  constructor(private readonly conn: Db, readonly first: number, known?: ReadonlyMap<string, Row | null>) {
    this.tx = delegatingKysely(conn, (q) => this.beforeStatement(q));
    byTx.set(this.tx, this);
    if (known) for (const [k, v] of known) this.overlay.set(k, v);
  }

  /** The rows of these tables this batch knows, to carry into the next batch. */
  rowsOf(tables: readonly string[]): Map<string, Row | null> {
    const out = new Map<string, Row | null>();
    for (const [k, v] of this.overlay) if (tables.includes(k.slice(0, k.indexOf('\u0000')))) out.set(k, v);
    return out;
  }

  get nextIndex(): number {
    return this.first + this.entries.length;
  }

  get appended(): number {
    return this.entries.length;
  }

  /** Buffer an entry; returns its ledger index. */
  appendEntry(entry: NewEntry): number {
    this.entries.push(entry);
    return this.nextIndex - 1;
  }

  /** Make `get` answer for these rows (overlay first, then one query per table for the rest). */
  async load(refs: readonly RowRef[]): Promise<void> {
    const missing = refs.filter((r) => !this.overlay.has(refKey(r)));
    if (missing.length === 0) return;
    const rows = await loadRows(this.conn, missing);
    for (const r of missing) this.remember(refKey(r), rows.get(refKey(r)) ?? null);
  }

  /** Whether `get` can answer for this row without a query. */
  has(ref: RowRef): boolean {
    return this.overlay.has(refKey(ref));
  }

  /** A row loaded or written in this batch; undefined when it does not exist. */
  get(ref: RowRef): Row | undefined {
    return this.overlay.get(refKey(ref)) ?? undefined;
  }

  /** Buffer changes and apply them to the overlay. */
  write(changes: readonly Change[]): void {
    for (const c of changes) {
      this.remember(refKey(c), c.row);
      this.changes.push(c);
    }
  }

  private remember(key: string, row: Row | null): void {
    if (this.job && !this.job.undo.has(key)) this.job.undo.set(key, this.overlay.get(key));
    this.overlay.set(key, row);
  }

  beginJob(): void {
    this.job = { entries: this.entries.length, changes: this.changes.length, undo: new Map(), savepoint: false };
  }

  async endJob(): Promise<void> {
    const job = this.job;
    this.job = undefined;
    if (job?.savepoint) await sql`RELEASE SAVEPOINT annex_job`.execute(this.conn);
  }

  /**
   * Undo the current job. Returns false when the transaction cannot go on:
   * a database error with no savepoint to return to aborts a PostgreSQL
   * transaction, so the writer retries the batch's jobs one by one.
   */
  async failJob(error: unknown): Promise<boolean> {
    const job = this.job;
    this.job = undefined;
    if (!job) return false;
    if (job.savepoint) {
      await sql`ROLLBACK TO SAVEPOINT annex_job`.execute(this.conn);
      await sql`RELEASE SAVEPOINT annex_job`.execute(this.conn);
    } else if (error instanceof pg.DatabaseError) {
      return false;
    }
    this.entries.length = job.entries;
    this.changes.length = job.changes;
    this.flushedEntries = Math.min(this.flushedEntries, job.entries);
    this.flushedChanges = Math.min(this.flushedChanges, job.changes);
    for (const [key, before] of job.undo) {
      if (before === undefined) this.overlay.delete(key);
      else this.overlay.set(key, before);
    }
    return true;
  }

  /** Write everything still buffered; the writer then commits. */
  async finish(): Promise<void> {
    await this.flushTo(this.entries.length, this.changes.length);
  }

  /** Before a statement a job runs itself: flush, under a savepoint for the job's own part. */
  private async beforeStatement(query: CompiledQuery): Promise<void> {
    const job = this.job;
    await this.flushTo(job?.entries ?? this.entries.length, job?.changes ?? this.changes.length);
    if (!job) return;
    const own = this.entries.length > this.flushedEntries || this.changes.length > this.flushedChanges;
    if ((own || query.query.kind !== 'SelectQueryNode') && !job.savepoint) {
      await sql`SAVEPOINT annex_job`.execute(this.conn);
      job.savepoint = true;
    }
    if (own) await this.flushTo(this.entries.length, this.changes.length);
  }

  private async flushTo(entries: number, changes: number): Promise<void> {
    if (entries > this.flushedEntries) {
      await insertEntries(this.conn, this.first + this.flushedEntries, this.entries.slice(this.flushedEntries, entries));
      await setLedgerSize(this.conn, this.first + entries);
      this.flushedEntries = entries;
    }
    if (changes > this.flushedChanges) {
      await writeChanges(this.conn, this.changes.slice(this.flushedChanges, changes));
      this.flushedChanges = changes;
    }
  }
}

/**
 * Inside a writer's batch, when the first of `refs` is not loaded yet, load
 * them all in one query: rows this job and the next ones will read (e.g. the
 * next incident numbers). Elsewhere, nothing.
 */
export async function prefetchRows(db: Db, refs: readonly RowRef[]): Promise<void> {
  const uow = unitOfWorkOf(db);
  if (uow && refs.length > 0 && !uow.has(refs[0]!)) await uow.load(refs);
}

/**
 * A projected row by key, as the current transaction sees it: through the
 * unit of work when `db` is a writer's tx (no flush needed), else a query.
 */
export async function findRow(db: Db, ref: RowRef): Promise<Row | undefined> {
  const uow = unitOfWorkOf(db);
  if (uow) {
    await uow.load([ref]);
    return uow.get(ref);
  }
  return (await loadRows(db, [ref])).get(refKey(ref));
}
