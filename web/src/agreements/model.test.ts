// The pure helpers of the agreement screens: diff layout, word diff, a party's signed history, date ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActionItem, TextDiff } from './api.js';
import { closureRange, compareClauseIds, defaultDiffPair, layoutDiff, partyHistory, wordDiff } from './model.js';

const ref = (n: number) => ({ number: n, hash: 'a'.repeat(64), proposed_by: 'TUR', proposed_at: '2025-11-20T00:00:00.000Z', agreed: false });

test('layoutDiff: rows in clause order, each with who proposed the change in which version', () => {
  const diff: TextDiff = {
    document_id: 'TXT-2025-0001', from: ref(1), to: ref(3), summary: { added: 1, removed: 1, changed: 1 },
    changes: [
      { clause_id: 'C10', change: 'added', fields: ['title', 'text'], before: null, after: { parent: null, title: 'Monitors', text: 'A joint team.' },
        introduced_in: { version: 3, org: 'AFG', at: 't3' }, changed_in: [] },
      { clause_id: 'C2', change: 'changed', fields: ['text'], before: { parent: null, title: 'Crossings', text: 'Open within 7 days.' },
        after: { parent: null, title: 'Crossings', text: 'Open within 14 days.' }, introduced_in: { version: 1, org: 'TUR', at: 't1' },
        changed_in: [{ version: 3, org: 'AFG', at: 't3' }, { version: 2, org: 'PAK', at: 't2' }, { version: 3, org: 'AFG', at: 't3' }] },
      { clause_id: 'C3', change: 'removed', fields: [], before: { parent: null, title: null, text: 'Gone.' }, after: null,
        introduced_in: { version: 1, org: 'TUR', at: 't1' }, changed_in: [{ version: 2, org: 'PAK', at: 't2' }] },
    ],
  };
  const rows = layoutDiff(diff);
  assert.deepEqual(rows.map((r) => [r.clauseId, r.change]), [['C2', 'changed'], ['C3', 'removed'], ['C10', 'added']]);
  assert.deepEqual(rows[0]!.proposedBy.map((a) => `${a.org}@v${a.version}`), ['PAK@v2', 'AFG@v3'], 'version order, each once');
  assert.deepEqual(rows[2]!.proposedBy.map((a) => `${a.org}@v${a.version}`), ['AFG@v3'], 'an added clause: who introduced it');
  assert.equal(rows[1]!.words, null);
  assert.deepEqual(rows[0]!.words!.before.filter((s) => s.op === 'del').map((s) => s.text.trim()), ['7']);
  assert.deepEqual(rows[0]!.words!.after.filter((s) => s.op === 'add').map((s) => s.text.trim()), ['14']);
});

test('wordDiff: joining the segments gives back each text; runs are merged', () => {
  const a = 'The parties cease all offensive operations.';
  const b = 'The parties cease all offensive and defensive operations at once.';
  const d = wordDiff(a, b);
  assert.equal(d.before.map((s) => s.text).join(''), a);
  assert.equal(d.after.map((s) => s.text).join(''), b);
  assert.deepEqual(d.before.filter((s) => s.op === 'del'), [{ op: 'del', text: 'operations.' }]);
  assert.deepEqual(d.after.filter((s) => s.op === 'add').map((s) => s.text), ['and defensive operations at once.']);
  assert.deepEqual(wordDiff('', 'new'), { before: [], after: [{ op: 'add', text: 'new' }] });
  // Right-to-left scripts are words like any other.
  const ar = wordDiff('يفتح المعبر خلال سبعة أيام', 'يفتح المعبر خلال أربعة عشر يوما');
  assert.deepEqual(ar.before.filter((s) => s.op === 'same').map((s) => s.text), ['يفتح المعبر خلال ']);
});

test('compareClauseIds: numbers compare as numbers', () => {
  assert.deepEqual(['C10', 'C2.1', 'C2', 'C1'].sort(compareClauseIds), ['C1', 'C2', 'C2.1', 'C10']);
});

test('partyHistory: one party\'s actions on one version, oldest first, without proposals', () => {
  const item = (entry_index: number, version: number, action: string, org: string, at: string): ActionItem =>
    ({ entry_index, version, hash: 'h', action, org, user: 'u', at, note: null, visibility: 'parties' });
  const history = [
    item(9, 3, 'retract', 'AFG', '2025-11-20T02:21:00.000Z'), item(5, 3, 'propose', 'TUR', 't'), item(7, 3, 'accept', 'AFG', '2025-11-20T02:14:00.000Z'),
    item(8, 3, 'accept', 'PAK', 't'), item(6, 2, 'reject', 'AFG', 't'),
  ];
  assert.deepEqual(partyHistory(history, 3, 'AFG').map((h) => [h.action, h.at]), [['accept', '2025-11-20T02:14:00.000Z'], ['retract', '2025-11-20T02:21:00.000Z']]);
  assert.deepEqual(partyHistory(history, 1, 'AFG'), []);
});

test('defaultDiffPair: the latest version against the one before', () => {
  assert.deepEqual(defaultDiffPair([3, 1, 2]), { from: 2, to: 3 });
  assert.equal(defaultDiffPair([1]), null);
});

test('closureRange: whole ISO weeks ending with the current one, both dates inclusive', () => {
  assert.deepEqual(closureRange(new Date('2026-11-25T10:00:00Z'), 2), { from: '2026-11-16', to: '2026-11-29' }); // a Wednesday
  assert.deepEqual(closureRange(new Date('2026-11-23T00:00:00Z'), 1), { from: '2026-11-23', to: '2026-11-29' }); // a Monday
  assert.deepEqual(closureRange(new Date('2026-11-29T23:59:00Z'), 1), { from: '2026-11-23', to: '2026-11-29' }); // a Sunday
});
