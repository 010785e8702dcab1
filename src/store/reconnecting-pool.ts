/**
 * A pg pool for Kysely whose connections survive the server dropping them
 * while they sat idle (a restart, a failover, an administrator's
 * pg_terminate_backend). pg-pool discards an idle client once its socket
 * reports the loss, but a request can check a client out in the moment
 * between the server killing it and that report arriving: its first
 * statement then fails although nothing is wrong with it. When that first
 * statement is safe to send again (src/store/connection-errors.ts), the
 * client is discarded and the statement runs on another connection, up to
 * once per pooled connection. Any other statement fails as before: a
 * transaction whose connection died is lost and its caller sees the error.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { isConnectionLost, isRetryableFirstStatement } from './connection-errors.js';

export class ReconnectingPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool, private readonly maxAttempts: number) {}

  async connect(): Promise<PostgresPoolClient> {
    return new ReconnectingClient(this.pool, await this.pool.connect(), this.maxAttempts);
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

class ReconnectingClient implements PostgresPoolClient {
  private first = true;
  /** undefined once released: after a failed reconnect, or by the caller. */
  private client: pg.PoolClient | undefined;

  constructor(private readonly pool: pg.Pool, client: pg.PoolClient, private readonly maxAttempts: number) {
    this.client = client;
  }

  private get current(): pg.PoolClient {
    if (!this.client) throw new Error('Client has encountered a connection error and is not queryable');
    return this.client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    const first = this.first;
    this.first = false;
    if (typeof sqlOrCursor !== 'string') return this.current.query(sqlOrCursor as never) as unknown as PostgresCursor<R>;
    const params = [...(parameters ?? [])];
    const run = async () => (await this.current.query(sqlOrCursor, params)) as unknown as PostgresQueryResult<R>;
    if (!first || !isRetryableFirstStatement(sqlOrCursor)) return run();
    return this.retrying(run);
  }

  private async retrying<R>(run: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (attempt >= this.maxAttempts || !isConnectionLost(err)) throw err;
        this.current.release(err as Error); // destroys it: never back into the pool
        this.client = undefined;
        this.client = await this.pool.connect();
      }
    }
  }

  release(): void {
    this.client?.release();
    this.client = undefined;
  }
}
