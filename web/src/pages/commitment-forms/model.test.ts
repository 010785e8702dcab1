// The commitment forms' logic: fields to request bodies with the API's limits, and the messages that refuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ViewerInfo } from '../../api.js';
import {
  withEvidenceId,
  amendBody, dDayBody, deadlineFrom, evidenceIds, extendBody, Invalid, registerBody, reportBody, resolveDeadline, widerVisibilities,
  type Fields,
} from './model.js';

/** Form values as a form would give them: one value per name, or several for a checkbox group. */
function fields(values: Record<string, string | string[]>): Fields {
  return {
    get: (k) => { const v = values[k]; return (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim(); },
    all: (k) => { const v = values[k]; return (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean); },
  };
}

function refuses(fn: () => unknown, key: string, field?: string): void {
  assert.throws(fn, (e: unknown) => e instanceof Invalid && e.key === key && e.field === field, `expected ${key}${field ? ` on ${field}` : ''}`);
}

const viewer = (org_kind: ViewerInfo['org_kind'], roles: string[]): ViewerInfo => ({ user_id: 'u', username: 'u', org: 'X', org_kind, roles });

test('deadlineFrom: a calendar date, or whole days after D-day within the API\'s range', () => {
  assert.deepEqual(deadlineFrom(fields({ deadline_kind: 'date', deadline_date: '2025-12-01' })), { date: '2025-12-01' });
  assert.deepEqual(deadlineFrom(fields({ deadline_kind: 'relative', deadline_days: '30' })), { relative_to: 'd_day', days: 30 });
  assert.deepEqual(deadlineFrom(fields({ deadline_kind: 'relative', deadline_days: '-7' })), { relative_to: 'd_day', days: -7 });
  refuses(() => deadlineFrom(fields({ deadline_kind: 'date' })), 'v.required', 'deadline.dateLabel');
  refuses(() => deadlineFrom(fields({ deadline_kind: 'date', deadline_date: '2025-02-30' })), 'v.date', 'deadline.dateLabel');
  refuses(() => deadlineFrom(fields({ deadline_kind: 'relative' })), 'v.required', 'deadline.days');
  refuses(() => deadlineFrom(fields({ deadline_kind: 'relative', deadline_days: '2.5' })), 'v.days', 'deadline.days');
  refuses(() => deadlineFrom(fields({ deadline_kind: 'relative', deadline_days: '3651' })), 'v.days', 'deadline.days');
  refuses(() => deadlineFrom(fields({ deadline_kind: 'relative', deadline_days: '-366' })), 'v.days', 'deadline.days');
});

test('dDayBody: a calendar date (not a time) and a reason of at most 2000 characters, as the API takes them', () => {
  assert.deepEqual(dDayBody(fields({ d_day: '2025-10-19', reason: ' Signed in Doha ' })), { d_day: '2025-10-19', reason: 'Signed in Doha' });
  refuses(() => dDayBody(fields({ reason: 'Signed in Doha' })), 'v.required', 'dday.date');
  refuses(() => dDayBody(fields({ d_day: '2025-02-30', reason: 'x' })), 'v.date', 'dday.date');
  refuses(() => dDayBody(fields({ d_day: '2025-10-19T00:00:00.000Z', reason: 'x' })), 'v.date', 'dday.date');
  refuses(() => dDayBody(fields({ d_day: '2025-10-19' })), 'v.required', 'dday.reason');
  assert.equal(dDayBody(fields({ d_day: '2025-10-19', reason: 'r'.repeat(2000) })).reason.length, 2000);
  refuses(() => dDayBody(fields({ d_day: '2025-10-19', reason: 'r'.repeat(2001) })), 'v.tooLong', 'dday.reason');
});

test('resolveDeadline: a date as it is; D+N counted from D-day as the server does, none without D-day', () => {
  assert.equal(resolveDeadline({ date: '2025-12-01' }, null), '2025-12-01');
  assert.equal(resolveDeadline({ relative_to: 'd_day', days: 30 }, '2025-10-19'), '2025-11-18');
  assert.equal(resolveDeadline({ relative_to: 'd_day', days: -1 }, '2025-03-01'), '2025-02-28');
  assert.equal(resolveDeadline({ relative_to: 'd_day', days: 30 }, null), null);
});

test('withEvidenceId: appended after what is typed, once', () => {
  assert.equal(withEvidenceId('', 'EV-2025-00002'), 'EV-2025-00002');
  assert.equal(withEvidenceId('EV-2025-00001 ', 'EV-2025-00002'), 'EV-2025-00001, EV-2025-00002');
  assert.equal(withEvidenceId('EV-2025-00001; EV-2025-00002', 'EV-2025-00002'), 'EV-2025-00001; EV-2025-00002', 'already cited: unchanged');
});

test('evidenceIds: separated by commas, spaces or lines, each once; anything else is refused by name', () => {
  assert.deepEqual(evidenceIds(''), []);
  assert.deepEqual(evidenceIds('EV-2025-00001, EV-2025-0002\nEV-2025-00001  EV-2025-0003;'), ['EV-2025-00001', 'EV-2025-0002', 'EV-2025-0003']);
  assert.throws(() => evidenceIds('EV-2025-0001, photo.jpg'), (e: unknown) => e instanceof Invalid && e.key === 'v.evidenceId' && e.vars.id === 'photo.jpg');
  const many = Array.from({ length: 51 }, (_, i) => `EV-2025-${String(i + 1).padStart(4, '0')}`).join(' ');
  refuses(() => evidenceIds(many), 'v.tooMany', 'f.evidence');
});

test('reportBody: a Kroc status, the evidence and a note (required)', () => {
  assert.deepEqual(reportBody(fields({ status: 'intermediate', evidence: 'EV-2025-0004', note: ' Seen open on weekdays. ' }), 'verify.note'),
    { status: 'intermediate', evidence: ['EV-2025-0004'], note: 'Seen open on weekdays.' });
  assert.deepEqual(reportBody(fields({ status: 'complete', note: 'Done.' }), 'self.note'), { status: 'complete', evidence: [], note: 'Done.' });
  refuses(() => reportBody(fields({ note: 'x' }), 'verify.note'), 'v.status');
  refuses(() => reportBody(fields({ status: 'finished', note: 'x' }), 'verify.note'), 'v.status');
  refuses(() => reportBody(fields({ status: 'minimal', note: '  ' }), 'self.note'), 'v.required', 'self.note');
  refuses(() => reportBody(fields({ status: 'minimal', note: 'x'.repeat(4001) }), 'verify.note'), 'v.tooLong', 'verify.note');
});

test('extendBody: the new deadline and the reason (required)', () => {
  assert.deepEqual(extendBody(fields({ deadline_kind: 'relative', deadline_days: '45', reason: 'Talks resumed' })),
    { deadline: { relative_to: 'd_day', days: 45 }, reason: 'Talks resumed' });
  refuses(() => extendBody(fields({ deadline_kind: 'date', deadline_date: '2025-12-01' })), 'v.required', 'f.reason');
});

const REGISTER = {
  title: 'Reopen Torkham to cargo', obligated_party: 'pak', clause_id: 'C2', indicator: 'Lorries cross daily', evidence_required: 'Monitor visits',
  deadline_kind: 'date', deadline_date: '2025-12-01', visibility: 'parties',
};

test('registerBody: every required term, the party id in capitals, optional links and notes only when given', () => {
  assert.deepEqual(registerBody(fields(REGISTER)), {
    title: 'Reopen Torkham to cargo', obligated_party: 'PAK', clause_id: 'C2', indicator: 'Lorries cross daily', evidence_required: 'Monitor visits',
    deadline: { date: '2025-12-01' }, visibility: 'parties',
  });
  const full = registerBody(fields({ ...REGISTER, deadline_kind: 'relative', deadline_days: '30', conditional_on: ['COM-1', 'COM-2', 'COM-1'], notes: 'Istanbul round' }));
  assert.deepEqual([full.deadline, full.conditional_on, full.notes], [{ relative_to: 'd_day', days: 30 }, ['COM-1', 'COM-2'], 'Istanbul round']);
  refuses(() => registerBody(fields({ ...REGISTER, title: '' })), 'v.required', 'f.title');
  refuses(() => registerBody(fields({ ...REGISTER, obligated_party: 'Pakistan!' })), 'v.org', 'f.party');
  refuses(() => registerBody(fields({ ...REGISTER, clause_id: '' })), 'v.required', 'f.clause');
  refuses(() => registerBody(fields({ ...REGISTER, indicator: '' })), 'v.required', 'f.indicator');
  refuses(() => registerBody(fields({ ...REGISTER, evidence_required: '' })), 'v.required', 'f.evidenceRequired');
  refuses(() => registerBody(fields({ ...REGISTER, deadline_date: '' })), 'v.required', 'deadline.dateLabel');
  refuses(() => registerBody(fields({ ...REGISTER, visibility: 'everyone' })), 'v.required', 'f.visibility');
  refuses(() => registerBody(fields({ ...REGISTER, conditional_on: Array.from({ length: 11 }, (_, i) => `COM-${i + 1}`) })), 'v.tooMany', 'f.conditionalOn');
});

test('widerVisibilities: the current audience and wider ones only', () => {
  assert.deepEqual(widerVisibilities('mediators'), ['mediators', 'parties', 'public']);
  assert.deepEqual(widerVisibilities('parties'), ['parties', 'public']);
  assert.deepEqual(widerVisibilities('public'), ['public']);
});

const CURRENT = {
  id: 'COM-3', title: 'Reopen Torkham to cargo', clause_id: 'C2', indicator: 'Lorries cross daily', evidence_required: 'Monitor visits',
  conditional_on: ['COM-1'], visibility: 'parties',
};
const unchanged = { title: CURRENT.title, clause_id: 'C2', indicator: CURRENT.indicator, evidence_required: CURRENT.evidence_required, conditional_on: ['COM-1'], visibility: 'parties' };

test('amendBody: only the terms that changed, with the reason; nothing changed is refused before sending', () => {
  assert.deepEqual(amendBody(CURRENT, fields({ ...unchanged, indicator: 'Lorries and pedestrians cross daily', reason: 'Agreed in Doha' })),
    { indicator: 'Lorries and pedestrians cross daily', reason: 'Agreed in Doha' });
  assert.deepEqual(amendBody(CURRENT, fields({ ...unchanged, conditional_on: [], visibility: 'public', reason: 'Published' })),
    { conditional_on: [], visibility: 'public', reason: 'Published' });
  assert.deepEqual(amendBody(CURRENT, fields({ ...unchanged, conditional_on: ['COM-2', 'COM-1', 'COM-3'], reason: 'r' })),
    { conditional_on: ['COM-2', 'COM-1'], reason: 'r' }, 'never conditional on itself');
  refuses(() => amendBody({ ...CURRENT, conditional_on: ['COM-1', 'COM-2'] }, fields({ ...unchanged, conditional_on: ['COM-2', 'COM-1'], reason: 'r' })),
    'v.nothingChanged', undefined);
  refuses(() => amendBody(CURRENT, fields({ ...unchanged, conditional_on: ['COM-1'], reason: 'Nothing really' })), 'v.nothingChanged');
  refuses(() => amendBody(CURRENT, fields({ ...unchanged, title: `  ${CURRENT.title} `, reason: 'x' })), 'v.nothingChanged', undefined);
  refuses(() => amendBody(CURRENT, fields({ ...unchanged, title: 'New title' })), 'v.required', 'amend.reason');
  refuses(() => amendBody(CURRENT, fields({ ...unchanged, title: '', reason: 'x' })), 'v.required', 'f.title');
  // A finding's remedy without a clause may be given one; leaving it without one is no change.
  const remedy = { ...CURRENT, clause_id: null };
  refuses(() => amendBody(remedy, fields({ ...unchanged, clause_id: '', reason: 'x' })), 'v.nothingChanged');
  assert.deepEqual(amendBody(remedy, fields({ ...unchanged, clause_id: 'C1', reason: 'x' })), { clause_id: 'C1', reason: 'x' });
});
