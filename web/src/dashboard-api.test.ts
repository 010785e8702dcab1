/** The dashboard's pure helpers: weekly series and cross tables from the API's grouped rows. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossTable, seriesByKey } from './dashboard-api.js';

const weeks = ['2025-10-06', '2025-10-13', '2025-10-20'];

test('seriesByKey: one series per key, a value per week (0 where none), largest total first', () => {
  const rows = [
    { week: '2025-10-06', party: 'AFG', count: 1 },
    { week: '2025-10-20', party: 'PAK', count: 4 },
    { week: '2025-10-13', party: 'AFG', count: 2 },
    { week: '2025-09-29', party: 'AFG', count: 9 }, // outside the window: ignored
  ];
  assert.deepEqual(seriesByKey(weeks, rows, (r) => r.party), [
    { key: 'PAK', values: [0, 0, 4], total: 4 },
    { key: 'AFG', values: [1, 2, 0], total: 3 },
  ]);
  assert.deepEqual(seriesByKey(weeks, [], (r: { week: string; count: number }) => r.week), []);
});

test('crossTable: rows by one key, columns by another, summed', () => {
  const rows = [
    { party: 'PAK', determination: 'violation', count: 2 },
    { party: 'PAK', determination: 'no_violation', count: 1 },
    { party: 'AFG', determination: 'violation', count: 1 },
    { party: 'PAK', determination: 'violation', count: 1 },
  ];
  assert.deepEqual(crossTable(rows, (r) => r.party, (r) => r.determination), {
    cols: ['no_violation', 'violation'],
    rows: [{ key: 'PAK', cells: [1, 3], total: 4 }, { key: 'AFG', cells: [0, 1], total: 1 }],
  });
});
