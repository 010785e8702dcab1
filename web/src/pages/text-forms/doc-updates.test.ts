// A text's agenda after a write: the item from the server's answer replaces the one shown, or is added at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgendaItem, TextDetail } from '../../agreements/api.js';
import { withAgendaItem } from './doc-updates.js';

const item = (id: string, mandate: AgendaItem['mandate'] = 'pending'): AgendaItem => ({
  id, title: id, text: 'x', raised_by: 'AFG', raised_at: '2025-11-21T11:00:00.000Z', raised_after_version: null, late: false, mandate, ruling: null, actions: ['read'],
});

test('withAgendaItem: replaces in place, adds at the end, leaves the rest', () => {
  const doc = { id: 'TXT-2025-0001', agenda: [item('AGD-2025-0001'), item('AGD-2025-0002')] } as unknown as TextDetail;
  const ruled = withAgendaItem(doc, item('AGD-2025-0001', 'in_mandate'));
  assert.deepEqual(ruled.agenda.map((a) => `${a.id}:${a.mandate}`), ['AGD-2025-0001:in_mandate', 'AGD-2025-0002:pending']);
  const raised = withAgendaItem(doc, item('AGD-2025-0003'));
  assert.deepEqual(raised.agenda.map((a) => a.id), ['AGD-2025-0001', 'AGD-2025-0002', 'AGD-2025-0003']);
  assert.equal(doc.agenda.length, 2, 'the old value is not changed');
});
