/**
 * Which errors mean "the database connection is gone" rather than "this
 * statement was wrong", and which statements may run again on a new
 * connection after one. Pure: used by the reconnecting pool
 * (src/store/reconnecting-pool.ts) and by the API, which answers 503, not
 * 500, when the database went away under a request.
 */

// SQLSTATE class 08 (connection exception) and the 57P0x operator interventions
// (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
// 57P04 database_dropped, 57P05 idle_session_timeout): PostgreSQL Appendix A.
const LOST_SQLSTATE = /^(08...|57P0[1-5])$/;

// What node-postgres and the socket say when the connection closed under it.
const LOST_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isConnectionLost(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; severity?: unknown };
  if (typeof e.code === 'string' && (LOST_SQLSTATE.test(e.code) || LOST_SOCKET_CODES.has(e.code))) return true;
  // A FATAL error ends the session, whatever its code.
  if (e.severity === 'FATAL') return true;
  return LOST_MESSAGES.includes(e.message);
}

/**
 * A statement that may be sent again on a fresh connection when the first
 * one died under it: it must be the first on its checkout (no transaction or
 * session state to lose) and must not have changed anything even if the
 * server ran it before dying — a read, or the start of a transaction (which
 * the dead connection rolled back). An autocommit INSERT is never retried:
 * it may have committed before the connection went.
 */
export function isRetryableFirstStatement(sql: string): boolean {
  const head = sql.trimStart().slice(0, 24).toLowerCase();
  return /^(select\b|begin\b|start transaction\b|show\b)/.test(head) && !/\b(insert|update|delete|merge)\b/i.test(sql);
}
