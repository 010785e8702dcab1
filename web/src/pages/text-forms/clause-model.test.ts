// The clause editor's pure model: rows from a tree and back, the edits, the server's checks, the change summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clauseTreeProblem } from '../../../../src/domain/text.js';
import type { ClauseNode } from '../../agreements/text-actions-api.js';
import {
  addRow, changeSummary, descendants, isUnchanged, layout, moveRow, parentChoices, problems, proposeBody, removeRow, rowsFromClauses, saysNothingNew,
  setParent, toClauses, updateRow,
} from './clause-model.js';

const BASE: ClauseNode[] = [
  { id: 'S', title: 'Scope', text: 'What the annex covers.' },
  { id: 'N', title: 'Notice', text: '', children: [{ id: 'N.1', text: 'Lodged with the secretariat.' }, { id: 'N.2', text: 'Answered within 72 hours.' }] },
  { id: 'P', title: 'Penalties', text: 'On the agreed ladder.' },
];

const ids = (rows: ReturnType<typeof rowsFromClauses>) => layout(rows).map((p) => `${'  '.repeat(p.depth - 1)}${p.row.id}`);

test('rows from a tree and back give the same tree; depth and places follow the tree', () => {
  const rows = rowsFromClauses(BASE);
  assert.deepEqual(toClauses(rows), BASE);
  assert.deepEqual(ids(rows), ['S', 'N', '  N.1', '  N.2', 'P']);
  assert.deepEqual(layout(rows).map((p) => `${p.index}/${p.siblings}`), ['0/3', '1/3', '0/2', '1/2', '2/3']);
  assert.ok(rows.every((r) => r.fromBase));
  assert.deepEqual([...descendants(rows, 'c:N')], ['c:N.1', 'c:N.2']);
  assert.ok(isUnchanged(changeSummary(BASE, toClauses(rows))), 'an untouched tree is the base');
  // An empty title on the record stays as it was (so the clause does not count as changed).
  const withEmpty: ClauseNode[] = [{ id: 'X', title: '', text: 'words' }];
  assert.deepEqual(toClauses(rowsFromClauses(withEmpty)), withEmpty);
});

test('move among siblings carries the sub-clauses; remove lifts sub-clauses to the parent; a new clause goes under another', () => {
  let rows = rowsFromClauses(BASE);
  rows = moveRow(rows, 'c:N', -1);
  assert.deepEqual(ids(rows), ['N', '  N.1', '  N.2', 'S', 'P']);
  assert.deepEqual(ids(moveRow(rows, 'c:N', -1)), ids(rows), 'the first cannot move up');
  rows = moveRow(rows, 'c:N.2', -1);
  assert.deepEqual(ids(rows), ['N', '  N.2', '  N.1', 'S', 'P']);

  rows = addRow(rows, 1);
  rows = updateRow(rows, 'n:1', { id: 'N.3', text: 'Reminders after 48 hours.' });
  assert.deepEqual(parentChoices(rows, 'c:N').map((r) => r.id), ['S', 'P', 'N.3'], 'not itself nor its own sub-clauses');
  rows = setParent(rows, 'n:1', 'c:N');
  assert.deepEqual(ids(rows), ['N', '  N.2', '  N.1', '  N.3', 'S', 'P'], 'the last sub-clause of its new parent');
  assert.deepEqual(ids(setParent(rows, 'c:N', 'c:N.1')), ids(rows), 'never under its own sub-clause');

  rows = removeRow(rows, 'c:N');
  assert.deepEqual(ids(rows), ['N.2', 'N.1', 'N.3', 'S', 'P']);

  const summary = changeSummary(BASE, toClauses(rows));
  assert.deepEqual(summary.added, ['N.3']);
  assert.deepEqual(summary.removed, ['N']);
  assert.deepEqual(summary.changed.map((c) => `${c.id}:${c.fields.join('+')}`), ['N.2:parent', 'N.1:parent']);
});

test('a changed word or title shows as a changed field; a swap of two clauses marks one of them as moved (as the server\'s diff does)', () => {
  let rows = updateRow(rowsFromClauses(BASE), 'c:S', { text: 'What the annex covers, and penalties.' });
  rows = updateRow(rows, 'c:P', { title: 'Consequences' });
  rows = moveRow(rows, 'c:P', -1);
  const s = changeSummary(BASE, toClauses(rows));
  assert.deepEqual(s.changed, [{ id: 'S', fields: ['text'] }, { id: 'P', fields: ['title'] }, { id: 'N', fields: ['position'] }]);
  assert.deepEqual(changeSummary([], BASE).added, ['S', 'N', 'N.1', 'N.2', 'P'], 'no base: everything is added');
});

test('an unchanged tree says nothing new, unless it puts a draft forward as final', () => {
  const same = changeSummary(BASE, toClauses(rowsFromClauses(BASE)));
  assert.equal(saysNothingNew(same, { baseFinal: false, final: false }), true);
  assert.equal(saysNothingNew(same, { baseFinal: false, final: true }), false, 'the draft\'s words, now as the final text');
  assert.equal(saysNothingNew(same, { baseFinal: true, final: true }), true, 'final already: nothing new');
  const changed = changeSummary(BASE, toClauses(updateRow(rowsFromClauses(BASE), 'c:S', { text: 'Other words.' })));
  assert.equal(saysNothingNew(changed, { baseFinal: true, final: false }), false);
});

test('problems: the same rules as the server, per row', () => {
  let rows = addRow(rowsFromClauses(BASE), 1);
  assert.deepEqual(problems(rows).map((p) => `${p.key}:${p.code}`), ['n:1:idMissing', 'n:1:empty']);
  rows = updateRow(rows, 'n:1', { id: 'bad id!', text: 'x' });
  assert.deepEqual(problems(rows).map((p) => p.code), ['idPattern']);
  rows = updateRow(rows, 'n:1', { id: 'N.1' });
  assert.deepEqual(problems(rows).map((p) => `${p.key}:${p.code}`), ['c:N.1:idTwice', 'n:1:idTwice']);
  assert.equal(clauseTreeProblem(toClauses(rows)), 'clause id N.1 is used twice', 'the server says the same');
  rows = updateRow(rows, 'n:1', { id: 'N.9', title: 't'.repeat(301) });
  assert.deepEqual(problems(rows).map((p) => `${p.code}:${p.max}`), ['titleLong:300']);
  assert.deepEqual(problems([]).map((p) => p.code), ['noClauses']);

  // Seven levels is one too deep.
  let deep = rowsFromClauses([{ id: 'L1', text: 'x' }]);
  for (let i = 2; i <= 7; i++) {
    deep = updateRow(addRow(deep, i), `n:${i}`, { id: `L${i}`, text: 'x' });
    deep = setParent(deep, `n:${i}`, i === 2 ? 'c:L1' : `n:${i - 1}`);
  }
  assert.deepEqual(problems(deep).map((p) => `${p.key}:${p.code}`), ['n:7:tooDeep']);
  assert.match(clauseTreeProblem(toClauses(deep)) ?? '', /nested deeper/);
});

test('proposeBody: the tree, based_on, final only when ticked, the note trimmed and only when given', () => {
  const rows = rowsFromClauses(BASE);
  assert.deepEqual(proposeBody(rows, { basedOn: 3, final: false, note: '  ' }), { clauses: BASE, based_on: 3 });
  assert.deepEqual(proposeBody(rows, { basedOn: null, final: true, note: ' Final text. ' }), { clauses: BASE, final: true, note: 'Final text.' });
});
