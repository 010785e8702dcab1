import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays, conditionProblem, cycleThrough, describeDeadline, extensionProblem, isPastDue, reciprocalChain, remedyDeadline,
  resolveDueDate, standings, type CommitmentFacts,
} from './commitment.js';

const now = new Date('2025-11-13T08:00:00.000Z');
const facts = (id: string, date: string, on: string[] = [], status: CommitmentFacts['status'] = 'not_started'): CommitmentFacts =>
  ({ id, status, deadline: { date }, conditional_on: on });

test('due dates: absolute, D+N, and none while D-day is unset; due by the end of the day (UTC)', () => {
  assert.equal(addDays('2025-10-19', 30), '2025-11-18');
  assert.equal(addDays('2025-03-01', -1), '2025-02-28');
  assert.equal(resolveDueDate({ relative_to: 'd_day', days: 30 }, '2025-10-19'), '2025-11-18');
  assert.equal(resolveDueDate({ relative_to: 'd_day', days: 30 }, null), null);
  assert.equal(resolveDueDate({ date: '2025-11-01' }, null), '2025-11-01');
  assert.equal(isPastDue('2025-11-12', new Date('2025-11-12T23:59:59.999Z')), false);
  assert.equal(isPastDue('2025-11-12', new Date('2025-11-13T00:00:00.000Z')), true);
  assert.equal(isPastDue(null, now), false);
  assert.deepEqual([describeDeadline({ relative_to: 'd_day', days: 14 }), describeDeadline({ relative_to: 'd_day', days: -2 })], ['D+14', 'D-2']);
  assert.deepEqual(remedyDeadline(undefined, '2025-11-14T10:00:00.000Z', 720), { date: '2025-12-14' });
  assert.deepEqual(remedyDeadline('2025-12-01', '2025-11-14T10:00:00.000Z', 720), { date: '2025-12-01' });
});

test('reciprocity: suspended while what it depends on is in default, through the chain; complete is never overdue', () => {
  const all = new Map([
    ['B', facts('B', '2025-11-10')], // past due: in default
    ['A', facts('A', '2025-11-11', ['B'])], // past due but suspended by B
    ['C', facts('C', '2025-12-01', ['A'])], // not due; suspended because A is in default (suspended)
    ['D', facts('D', '2025-11-01', ['E'])], // past due, E is fine: overdue
    ['E', facts('E', '2025-11-01', [], 'complete')],
  ]);
  const s = standings(all, null, now);
  assert.deepEqual([s.get('B')!.overdue, s.get('B')!.in_default], [true, true]);
  assert.deepEqual([s.get('A')!.overdue, s.get('A')!.suspended, s.get('A')!.suspended_by, s.get('A')!.in_default], [false, true, ['B'], true]);
  assert.deepEqual([s.get('C')!.overdue, s.get('C')!.suspended, s.get('C')!.suspended_by], [false, true, ['A']]);
  assert.deepEqual([s.get('D')!.overdue, s.get('D')!.suspended], [true, false]);
  assert.deepEqual([s.get('E')!.overdue, s.get('E')!.in_default], [false, false]);
  // A cycle that slipped in anyway does not loop.
  const cyclic = standings(new Map([['X', facts('X', '2025-11-01', ['Y'])], ['Y', facts('Y', '2025-11-01', ['X'])]]), null, now);
  assert.equal(cyclic.size, 2);
});

test('cycles are found with their path; chains list what a commitment depends on, nearest first', () => {
  const links = { A: ['B'], C: ['A'], D: ['C'] };
  assert.deepEqual(cycleThrough(links, 'B', ['D']), ['B', 'D', 'C', 'A', 'B']);
  assert.deepEqual(cycleThrough(links, 'B', ['A']), ['B', 'A', 'B']);
  assert.equal(cycleThrough(links, 'E', ['D']), undefined);
  assert.deepEqual(reciprocalChain(links, 'D'), [{ id: 'C', via: 'D', depth: 1 }, { id: 'A', via: 'C', depth: 2 }, { id: 'B', via: 'A', depth: 3 }]);
});

test('links join different parties and never point to something less visible; extensions move the day later', () => {
  const own = { id: 'A', obligated_party: 'AFG', visibility: 'parties' as const };
  assert.match(conditionProblem(own, 'A', own)!, /itself/);
  assert.match(conditionProblem(own, 'B', undefined)!, /does not exist/);
  assert.match(conditionProblem(own, 'B', { id: 'B', obligated_party: 'AFG', visibility: 'public' })!, /own commitment/);
  assert.match(conditionProblem(own, 'B', { id: 'B', obligated_party: 'PAK', visibility: 'mediators' })!, /narrower/);
  assert.equal(conditionProblem(own, 'B', { id: 'B', obligated_party: 'PAK', visibility: 'parties' }), undefined);
  assert.match(extensionProblem({ date: '2025-11-10' }, { date: '2025-11-10' }, null)!, /later/);
  assert.equal(extensionProblem({ date: '2025-11-10' }, { date: '2025-11-11' }, null), undefined);
  assert.equal(extensionProblem({ date: '2025-11-10' }, { relative_to: 'd_day', days: 1 }, null), undefined, 'not comparable without D-day');
  assert.match(extensionProblem({ date: '2025-11-10' }, { relative_to: 'd_day', days: 1 }, '2025-10-19')!, /later/);
});
