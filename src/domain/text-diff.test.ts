import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffVersions, type DiffVersion } from './text-diff.js';
import type { ClauseNode } from './text.js';

const v = (number: number, proposed_by: string, clauses: ClauseNode[]): DiffVersion => ({
  number, proposed_by, proposed_at: `2025-11-2${number}T10:00:00.000Z`, clauses,
});

const V1 = v(1, 'TUR', [
  { id: 'A', title: 'Scope', text: 'Verification of the ceasefire.' },
  { id: 'B', title: 'Armed groups', text: 'Each party acts against armed groups.' },
  { id: 'C', title: 'Penalties', text: 'Findings lead to penalties.' },
]);
// PAK: tightens B, adds D at the top (every other clause shifts index, but none is "moved").
const V2 = v(2, 'PAK', [
  { id: 'D', title: 'Evidence', text: 'Evidence is lodged through the mechanism.' },
  { id: 'A', title: 'Scope', text: 'Verification of the ceasefire.' },
  { id: 'B', title: 'Armed groups', text: 'Each party acts against armed groups within 30 days.' },
  { id: 'C', title: 'Penalties', text: 'Findings lead to penalties.' },
]);
// TUR: removes D, moves C before A, puts E under A, renames A.
const V3 = v(3, 'TUR', [
  { id: 'C', title: 'Penalties', text: 'Findings lead to penalties.' },
  { id: 'A', title: 'Scope and purpose', text: 'Verification of the ceasefire.', children: [{ id: 'E', text: 'Airspace is respected.' }] },
  { id: 'B', title: 'Armed groups', text: 'Each party acts against armed groups within 30 days.' },
]);
const ALL = [V1, V2, V3];

test('adjacent versions: added, changed text, no spurious moves', () => {
  const d = diffVersions(ALL, 1, 2);
  assert.deepEqual(d.summary, { added: 1, removed: 0, changed: 1 });
  assert.deepEqual(d.changes.map((c) => [c.clause_id, c.change, c.fields, c.introduced_in.org]), [
    ['D', 'added', [], 'PAK'],
    ['B', 'changed', ['text'], 'PAK'],
  ]);
  assert.equal(d.changes[1]!.before!.text, 'Each party acts against armed groups.');
  assert.equal(d.changes[1]!.after!.text, 'Each party acts against armed groups within 30 days.');
});

test('removals, renames, reordering among siblings and a new parent', () => {
  const d = diffVersions(ALL, 2, 3);
  const by = Object.fromEntries(d.changes.map((c) => [c.clause_id, c]));
  assert.deepEqual(Object.keys(by).sort(), ['A', 'C', 'D', 'E']);
  assert.equal(by.D!.change, 'removed');
  assert.equal(by.E!.change, 'added');
  assert.equal(by.E!.after!.parent, 'A');
  assert.deepEqual(by.A!.fields, ['title']);
  // Of A, B, C only C changed its place (the fewest moves that explain the new order).
  assert.deepEqual(by.C!.fields, ['position']);
  assert.equal(by.B, undefined);
});

test('across several versions each difference names the version and party that made it', () => {
  const d = diffVersions(ALL, 1, 3);
  const by = Object.fromEntries(d.changes.map((c) => [c.clause_id, c]));
  // D came and went in between: no difference between v1 and v3.
  assert.equal(by.D, undefined);
  assert.deepEqual([by.B!.change, by.B!.introduced_in], ['changed', { version: 2, org: 'PAK', at: V2.proposed_at }]);
  assert.deepEqual(by.A!.changed_in.map((r) => r.version), [3]);
  assert.equal(by.E!.introduced_in.org, 'TUR');
  assert.deepEqual(d.summary, { added: 1, removed: 0, changed: 3 });
});

test('a clause changed twice is attributed to both versions, the latest as introducing the final words', () => {
  const V4 = v(4, 'AFG', V3.clauses.map((c) => (c.id === 'B' ? { ...c, text: 'Each party reports its action against armed groups.' } : c)));
  const d = diffVersions([...ALL, V4], 1, 4);
  const b = d.changes.find((c) => c.clause_id === 'B')!;
  assert.deepEqual(b.changed_in.map((r) => [r.version, r.org]), [[2, 'PAK'], [4, 'AFG']]);
  assert.deepEqual(b.introduced_in.version, 4);
});

test('the reverse direction and the same version', () => {
  const d = diffVersions(ALL, 2, 1);
  assert.deepEqual(d.changes.map((c) => [c.clause_id, c.change, c.introduced_in.org]), [['B', 'changed', 'PAK'], ['D', 'removed', 'PAK']]);
  assert.deepEqual(diffVersions(ALL, 2, 2).changes, []);
  assert.throws(() => diffVersions([V1, V3], 1, 3), /needs version 2/);
});
