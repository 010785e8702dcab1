import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectionLost, isRetryableFirstStatement } from './connection-errors.js';

function pgError(code: string, severity = 'ERROR', message = 'x'): Error {
  return Object.assign(new Error(message), { code, severity });
}

test('a dropped connection is recognised by SQLSTATE, severity, socket code or pg message', () => {
  for (const e of [
    pgError('57P01', 'FATAL', 'terminating connection due to administrator command'),
    pgError('57P02'), pgError('57P03'), pgError('08006'), pgError('08003'),
    pgError('XX000', 'FATAL'),
    Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
  ]) assert.equal(isConnectionLost(e), true, `${e.message} ${(e as { code?: string }).code}`);
});

test('statement errors are not connection losses', () => {
  for (const e of [
    pgError('23505', 'ERROR', 'duplicate key value violates unique constraint'),
    pgError('40001', 'ERROR', 'could not serialize access'),
    pgError('57014', 'ERROR', 'canceling statement due to statement timeout'),
    pgError('42P01', 'ERROR', 'relation does not exist'),
    new Error('Connection terminated unexpectedly, said a user'),
    new TypeError('x is undefined'),
  ]) assert.equal(isConnectionLost(e), false, e.message);
  assert.equal(isConnectionLost('Connection terminated'), false, 'only Error objects');
  assert.equal(isConnectionLost(undefined), false);
});

test('only reads and the start of a transaction are sent again', () => {
  for (const sql of ['select 1', '  SELECT "size" from "ledger_head" where "id" = $1', 'begin', 'start transaction isolation level serializable', 'show server_version'])
    assert.equal(isRetryableFirstStatement(sql), true, sql);
  for (const sql of [
    'insert into "incidents" ("id") values ($1)', 'update "users" set "x" = 1', 'delete from "sessions"',
    'with t as (delete from x returning *) select * from t', 'select * from "x" for update', 'commit', 'savepoint sp1', '',
  ]) assert.equal(isRetryableFirstStatement(sql), false, sql);
  assert.equal(isRetryableFirstStatement('select "updated_at" from "incidents"'), true, 'a column name is not a write');
});
