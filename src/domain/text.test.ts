import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { clauseTreeSchema } from './entries/text.js';
import { clauseTreeProblem, flattenClauses, MAX_CLAUSE_DEPTH, nextAgendaId, nextTextId, versionHash, versionKey, type ClauseNode } from './text.js';

const TREE: ClauseNode[] = [
  { id: 'A', title: 'Scope', text: 'The mechanism verifies the ceasefire.' },
  { id: 'B', title: 'Complaints', text: '', children: [{ id: 'B.1', text: 'Receipt within 2 hours.' }, { id: 'B.2', text: 'Response within 72 hours.' }] },
];

test('the version hash is SHA-256 of the RFC 8785 JSON of document, version and clauses', () => {
  // Written out by hand: keys sorted, no whitespace (RFC 8785 §3.2.3).
  const canonical = '{"clauses":[{"id":"A","text":"x","title":"T"}],"document":"TXT-2025-0001","version":2}';
  const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
  assert.equal(versionHash('TXT-2025-0001', 2, [{ title: 'T', text: 'x', id: 'A' }]), expected);
});

test('the hash binds the document and the version number, not only the words', () => {
  const h = versionHash('TXT-2025-0001', 3, TREE);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(versionHash('TXT-2025-0001', 3, structuredClone(TREE)), h);
  assert.notEqual(versionHash('TXT-2025-0002', 3, TREE), h);
  assert.notEqual(versionHash('TXT-2025-0001', 4, TREE), h);
  const edited = structuredClone(TREE);
  edited[1]!.children![0]!.text = 'Receipt within 3 hours.';
  assert.notEqual(versionHash('TXT-2025-0001', 3, edited), h);
});

test('flattening gives document order with parents, positions and depth', () => {
  assert.deepEqual(flattenClauses(TREE).map((c) => [c.id, c.parent, c.position, c.depth]), [
    ['A', null, 0, 1], ['B', null, 1, 1], ['B.1', 'B', 0, 2], ['B.2', 'B', 1, 2],
  ]);
});

test('clause trees: ids unique across the tree, bounded depth, no empty clause, at least one clause', () => {
  assert.equal(clauseTreeProblem(TREE), undefined);
  assert.equal(clauseTreeProblem([]), 'a version has at least one clause');
  assert.equal(clauseTreeProblem([{ id: 'A', text: 'x', children: [{ id: 'A', text: 'y' }] }]), 'clause id A is used twice');
  assert.equal(clauseTreeProblem([{ id: 'A', title: '', text: '  ' }]), 'clause A has neither a title nor text');
  let deep: ClauseNode = { id: `L${MAX_CLAUSE_DEPTH + 1}`, text: 'bottom' };
  for (let d = MAX_CLAUSE_DEPTH; d >= 1; d--) deep = { id: `L${d}`, text: 'level', children: [deep] };
  assert.equal(clauseTreeProblem([deep]), `clause L${MAX_CLAUSE_DEPTH + 1} is nested deeper than ${MAX_CLAUSE_DEPTH} levels`);
  // The entry schema applies the same rules and refuses unknown fields.
  assert.equal(clauseTreeSchema.safeParse(TREE).success, true);
  assert.equal(clauseTreeSchema.safeParse([{ id: 'A', text: 'x' }, { id: 'A', text: 'y' }]).success, false);
  assert.equal(clauseTreeSchema.safeParse([{ id: 'A', text: 'x', colour: 'red' }]).success, false);
  assert.equal(clauseTreeSchema.safeParse([{ id: 'bad id', text: 'x' }]).success, false);
});

test('references and version keys', () => {
  assert.equal(nextTextId(2025, 0), 'TXT-2025-0001');
  assert.equal(nextAgendaId(2025, 41), 'AGD-2025-0042');
  assert.equal(versionKey('TXT-2025-0001', 3), 'TXT-2025-0001/v3');
});
