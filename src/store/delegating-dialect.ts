/**
 * A Kysely instance whose every statement runs on another Kysely (one
 * connection inside an open transaction), after an async hook. The batching
 * writer (src/store/unit-of-work.ts) hands this to service code as `tx`, so
 * a statement the service runs itself first sees the writes the batch has
 * buffered so far: reads are always consistent, whoever issues them.
 */
import {
  Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult,
} from 'kysely';
import type { Database } from './schema.js';

export type BeforeStatement = (query: CompiledQuery) => Promise<void>;

class DelegatingConnection implements DatabaseConnection {
  constructor(private readonly target: Kysely<Database>, private readonly before: BeforeStatement) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.before(query);
    return this.target.executeQuery<R>(query);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not available inside a write transaction');
  }
}

class DelegatingDriver implements Driver {
  constructor(private readonly connection: DatabaseConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('a write transaction cannot be nested: use the tx you were given');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('the batching writer commits, not the caller');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('the batching writer rolls back, not the caller');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export function delegatingKysely(target: Kysely<Database>, before: BeforeStatement): Kysely<Database> {
  const connection = new DelegatingConnection(target, before);
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DelegatingDriver(connection),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  return new Kysely<Database>({ dialect });
}
