import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differingColumns, firstDifference, sameValue } from './values.js';

test('jsonb values compare by meaning: member order ignored, array order kept', () => {
  assert.ok(sameValue({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 }));
  assert.ok(!sameValue({ c: [1, 2] }, { c: [2, 1] }));
  assert.ok(!sameValue({ a: null }, {}), 'a null member is not an absent one');
  assert.ok(sameValue({ a: 1 }, { a: 1, b: undefined }), 'undefined members are dropped on the way into jsonb');
});

test('numbers, numeric strings, timestamps, bytes and nulls', () => {
  assert.ok(sameValue(1, 1.0));
  assert.ok(sameValue('12.50', 12.5), 'numeric columns come back as strings');
  assert.ok(!sameValue('12.5x', 12.5));
  assert.ok(sameValue('2025-10-20T08:00:00.000Z', '2025-10-20T10:00:00+02:00'), 'same instant');
  assert.ok(!sameValue('2025-10-20T08:00:00.000Z', '2025-10-20T08:00:01.000Z'));
  assert.ok(!sameValue('2025-10-20', '2025-10-20T00:00:00.000Z'), 'a date is not an instant');
  assert.ok(sameValue(new Uint8Array([1, 2]), Buffer.from([1, 2])));
  assert.ok(!sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
  assert.ok(sameValue(null, undefined), 'a column the applier leaves out is NULL');
  assert.ok(!sameValue(0, null));
  assert.ok(!sameValue('1', true));
});

test('differing columns and the first difference inside a document', () => {
  assert.deepEqual(differingColumns({ id: 'u', name: 'A', roles: ['x'] }, { id: 'u', name: 'B', roles: ['x'] }), ['name']);
  assert.deepEqual(differingColumns({ id: 'u' }, { id: 'u', extra: 1 }), ['extra']);
  assert.deepEqual(
    firstDifference({ origin: 'o', deadlines: { triage: 1, notify: 24 } }, { origin: 'o', deadlines: { notify: 24, triage: 48 } }),
    { path: '.deadlines.triage', stored: 1, expected: 48 },
  );
  assert.deepEqual(firstDifference({ list: [{ id: 'a' }, { id: 'b' }] }, { list: [{ id: 'a' }, { id: 'c' }] }), { path: '.list[1].id', stored: 'b', expected: 'c' });
  assert.deepEqual(firstDifference({ 'a-b': 1 }, {}), { path: '["a-b"]', stored: 1, expected: undefined });
  assert.equal(firstDifference({ a: [1] }, { a: [1] }), undefined);
});
