// The crossing and movement forms build bodies the server's own schemas accept, refuse what they would refuse
// with a message of their own, and read typed times as UTC. Their enumerations and limits are the server's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complaintBody as complaintSchema, linkBody as linkSchema, reportStatusBody as reportSchema, verifyBody as verifySchema } from '../../../../src/api/routes/crossings.schema.js';
import { reconcileBody as reconcileSchema, reportCountBody as countSchema } from '../../../../src/api/routes/movements.schema.js';
import { CROSSING_STATUSES, queuesSchema, STATUS_METHODS, statusReportFields, VERIFICATION_OUTCOMES } from '../../../../src/domain/entries/crossing.js';
import { countReportedSchema, MAX_COUNT } from '../../../../src/domain/entries/movement.js';
import * as ui from '../../agreements/crossing-actions-api.js';
import { complaintBody, countBody, Invalid, isDate, linkBody, reconcileBody, statusReportBody, utcFromInput, utcInputValue, verifyBody } from './bodies.js';

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

/** The message key (and field) a build refuses with. */
function refusal(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    assert.ok(e instanceof Invalid, String(e));
    return `${e.key}${e.field ? ` ${e.field}` : ''}`;
  }
  assert.fail('expected a refusal');
}

const report = {
  side: 'PAK', traffic_types: ['cargo', 'pedestrians'], status: 'closed', effective_from: '2025-11-21T06:10', effective_to: '',
  announced_by: 'PAK', method: 'official_announcement', reason: 'Closed on security grounds.', source: '', trucks: '300', people: '',
  commitment_id: '', visibility: 'public',
};

test('the enumerations and limits are the server\'s', () => {
  assert.deepEqual([...ui.CROSSING_STATUSES], [...CROSSING_STATUSES]);
  assert.deepEqual([...ui.STATUS_METHODS], [...STATUS_METHODS]);
  assert.deepEqual([...ui.VERIFICATION_OUTCOMES], [...VERIFICATION_OUTCOMES]);
  assert.equal(ui.LIMITS.count, MAX_COUNT);
  const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;
  assert.ok(ok(queuesSchema, { trucks: ui.LIMITS.trucks, people: ui.LIMITS.people }) && !ok(queuesSchema, { trucks: ui.LIMITS.trucks + 1 }) && !ok(queuesSchema, { people: ui.LIMITS.people + 1 }));
  const text = (schema: { safeParse(v: unknown): { success: boolean } }, max: number) => ok(schema, 'x'.repeat(max)) && !ok(schema, 'x'.repeat(max + 1));
  assert.ok(text(statusReportFields.shape.reason.unwrap(), ui.LIMITS.reason));
  assert.ok(text(statusReportFields.shape.source.unwrap(), ui.LIMITS.source));
  assert.ok(text(verifySchema.shape.note.unwrap(), ui.LIMITS.verifyNote));
  assert.ok(text(complaintSchema.shape.title.unwrap(), ui.LIMITS.complaintTitle));
  assert.ok(text(complaintSchema.shape.notes.unwrap(), ui.LIMITS.complaintNotes));
  assert.ok(ok(complaintSchema.shape.clause_refs, Array(ui.LIMITS.clauseRefs).fill('C1')) && !ok(complaintSchema.shape.clause_refs, Array(ui.LIMITS.clauseRefs + 1).fill('C1')));
  assert.ok(text(countReportedSchema.shape.source, ui.LIMITS.countSource));
  assert.ok(text(countReportedSchema.shape.method.unwrap(), ui.LIMITS.countMethod));
  assert.ok(text(countReportedSchema.shape.note.unwrap(), ui.LIMITS.countNote));
  assert.ok(text(reconcileSchema.shape.note, ui.LIMITS.reconcileNote));
});

test('times typed in a datetime-local field are read as UTC', () => {
  assert.equal(utcFromInput('2025-11-21T06:10'), '2025-11-21T06:10:00.000Z');
  assert.equal(utcFromInput('2025-11-21T06:10:30'), '2025-11-21T06:10:30.000Z');
  assert.equal(utcFromInput('2025-02-30T06:10'), null, 'not a real date');
  assert.equal(utcFromInput('21/11/2025 06:10'), null);
  assert.equal(utcInputValue(new Date('2025-11-21T06:10:59.123Z')), '2025-11-21T06:10');
  assert.ok(isDate('2024-02-29') && !isDate('2025-02-29') && !isDate('2025-1-1'));
});

test('a status report: the body the server accepts, the side fixed for a party and chosen by a mediator from the sides the server offers', () => {
  const mediator = statusReportBody(form(report), { sides: ['AFG', 'PAK'] });
  assert.deepEqual(mediator, {
    side: 'PAK', traffic_types: ['cargo', 'pedestrians'], status: 'closed', effective_from: '2025-11-21T06:10:00.000Z', announced_by: 'PAK',
    method: 'official_announcement', reason: 'Closed on security grounds.', queues: { trucks: 300 }, visibility: 'public',
  });
  assert.ok(reportSchema.safeParse(mediator).success, JSON.stringify(reportSchema.safeParse(mediator).error));
  const party = statusReportBody(form({ ...report, side: 'PAK', effective_to: '2025-11-22T06:00', commitment_id: 'COM-3' }), { sides: ['AFG'] });
  assert.equal(party.side, 'AFG', 'a party reports its own side whatever the field says');
  assert.equal(party.effective_to, '2025-11-22T06:00:00.000Z');
  assert.equal(party.commitment_id, 'COM-3');
  assert.ok(reportSchema.safeParse(party).success);

  assert.equal(refusal(() => statusReportBody(form({ ...report, traffic_types: [] }), { sides: ['AFG', 'PAK'] })), 'v.traffic f.traffic');
  assert.equal(refusal(() => statusReportBody(form({ ...report, side: '' }), { sides: ['AFG', 'PAK'] })), 'v.required f.side');
  assert.equal(refusal(() => statusReportBody(form({ ...report, side: 'TUR' }), { sides: ['AFG', 'PAK'] })), 'v.required f.side', 'only an offered side');
  assert.equal(refusal(() => statusReportBody(form({ ...report, effective_to: '2025-11-21T06:10' }), { sides: ['AFG', 'PAK'] })), 'v.order f.to');
  assert.equal(refusal(() => statusReportBody(form({ ...report, trucks: '1.5' }), { sides: ['AFG', 'PAK'] })), 'v.whole f.trucks');
  assert.equal(refusal(() => statusReportBody(form({ ...report, people: '10000001' }), { sides: ['AFG', 'PAK'] })), 'v.whole f.people');
  assert.equal(refusal(() => statusReportBody(form({ ...report, reason: 'x'.repeat(2001) }), { sides: ['AFG', 'PAK'] })), 'v.tooLong f.reason');
  assert.equal(refusal(() => statusReportBody(form({ ...report, effective_from: '' }), { sides: ['AFG', 'PAK'] })), 'v.required f.from');
});

test('a verification, a link and a complaint: bodies the server accepts; a link names something', () => {
  const v = verifyBody(form({ outcome: 'disputed', method: 'monitor_observation', observed_at: '2025-11-21T09:00', trucks: '', people: '1800', note: '' }));
  assert.deepEqual(v, { outcome: 'disputed', method: 'monitor_observation', observed_at: '2025-11-21T09:00:00.000Z', queues: { people: 1800 } });
  assert.ok(verifySchema.safeParse(v).success);
  assert.equal(refusal(() => verifyBody(form({ method: 'media' }))), 'v.required f.outcome');

  const l = linkBody(form({ commitment_id: 'COM-2', incident_id: '' }));
  assert.deepEqual(l, { commitment_id: 'COM-2' });
  assert.ok(linkSchema.safeParse(l).success);
  assert.ok(linkSchema.safeParse(linkBody(form({ incident_id: 'INC-2025-0007' }))).success);
  assert.equal(refusal(() => linkBody(form({ commitment_id: '', incident_id: '' }))), 'v.linkOne');

  const c = complaintBody(form({ clause_refs: ['C2'], clause_other: 'C5, C2 ', title: '', notes: 'Lorries stranded.', severity: '', visibility: 'parties' }));
  assert.deepEqual(c, { clause_refs: ['C2', 'C5'], notes: 'Lorries stranded.', visibility: 'parties' });
  assert.ok(complaintSchema.safeParse(c).success);
  assert.equal(refusal(() => complaintBody(form({ clause_other: '' }))), 'v.clauses f.clauses');
  assert.equal(refusal(() => complaintBody(form({ clause_other: 'C2 §4' }))), 'v.clause f.clauseOther');
});

test('a movement count and a reconciliation: bodies the server accepts, aggregates only', () => {
  const fields = {
    crossing_id: 'torkham', period_from: '2025-11-10', period_to: '2025-11-16', into: 'afg', category: 'undocumented_deportee', count: '9480',
    source: 'Reception centre registers', method: '', note: '', visibility: 'parties',
  };
  const c = countBody(form(fields));
  assert.deepEqual(c, {
    crossing_id: 'torkham', period_from: '2025-11-10', period_to: '2025-11-16', direction: 'into_AFG', category: 'undocumented_deportee', count: 9480,
    source: 'Reception centre registers', visibility: 'parties',
  });
  assert.ok(countSchema.safeParse(c).success);
  assert.deepEqual(Object.keys(c).filter((k) => !['crossing_id', 'period_from', 'period_to', 'direction', 'category', 'count', 'source', 'method', 'note', 'visibility'].includes(k)), []);
  assert.equal(refusal(() => countBody(form({ ...fields, period_to: '2025-11-09' }))), 'v.period f.periodTo');
  assert.equal(refusal(() => countBody(form({ ...fields, count: '' }))), 'v.required f.count');
  assert.equal(refusal(() => countBody(form({ ...fields, count: '-3' }))), 'v.whole f.count');
  assert.equal(refusal(() => countBody(form({ ...fields, source: ' ' }))), 'v.required f.countSource');

  const tally = { counts: [{ org: 'AFG', entry_index: 41 }, { org: 'PAK', entry_index: 44 }] } as Parameters<typeof reconcileBody>[1];
  const r = reconcileBody(form({ agreed_count: '9150', note: 'Compared the registers day by day.', publication: 'public' }), tally);
  assert.deepEqual(r, { agreed_count: 9150, note: 'Compared the registers day by day.', publication: 'public', based_on: { AFG: 41, PAK: 44 } });
  assert.ok(reconcileSchema.safeParse(r).success);
  assert.equal(refusal(() => reconcileBody(form({ agreed_count: '9150', note: '', publication: 'public' }), tally)), 'v.required f.reconcileNote');
  assert.equal(refusal(() => reconcileBody(form({ agreed_count: '9150', note: 'x', publication: 'mediators' }), tally)), 'v.required f.publication');
});
