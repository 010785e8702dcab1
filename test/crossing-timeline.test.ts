/**
 * The pure crossing timeline rules (src/domain/crossing.ts): overlapping
 * reports, reports recorded out of order, bounded overlays, open-ended
 * closures, period clipping and period boundaries; and movement
 * discrepancies (src/domain/movement.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closuresOf, periodsBetween, periodTotals, statusAt, statusTimeline, type TimedReport } from '../src/domain/crossing.js';
import { discrepancyOf, tallyId, tallyTotals } from '../src/domain/movement.js';
import { countReportedSchema } from '../src/domain/entries/movement.js';

const T = (d: string) => `2025-10-${d}:00.000Z`;
let n = 0;
function rep(status: TimedReport['status'], from: string, to: string | null = null, idx = ++n): TimedReport {
  return { id: `R${idx}`, idx, status, effective_from: T(from), effective_to: to === null ? null : T(to) };
}
const brief = (r: TimedReport[]) => statusTimeline(r).map((s) => `${s.status} ${s.from.slice(8, 16)}→${s.to?.slice(8, 16) ?? '…'} ${s.report_id}`);

describe('statusTimeline', () => {
  test('open-ended reports hold until the next one takes effect', () => {
    assert.deepEqual(brief([rep('closed', '12T06:00', null, 1), rep('open', '20T08:00', null, 2)]), [
      'closed 12T06:00→20T08:00 R1',
      'open 20T08:00→… R2',
    ]);
  });

  test('a report recorded late about an earlier day does not override what came after it', () => {
    // R3 (recorded last) says "closed from the 15th"; R2 reopened on the 20th and still does.
    assert.deepEqual(brief([rep('closed', '12T00:00', null, 1), rep('open', '20T00:00', null, 2), rep('restricted', '15T00:00', null, 3)]), [
      'closed 12T00:00→15T00:00 R1',
      'restricted 15T00:00→20T00:00 R3',
      'open 20T00:00→… R2',
    ]);
  });

  test('a bounded report overlays an open-ended one, which resumes when it ends', () => {
    assert.deepEqual(brief([rep('closed', '12T00:00', null, 1), rep('open', '14T08:00', '14T16:00', 2)]), [
      'closed 12T00:00→14T08:00 R1',
      'open 14T08:00→14T16:00 R2',
      'closed 14T16:00→… R1',
    ]);
  });

  test('overlapping bounded reports: the one that took effect last wins; at the same moment, the one recorded last', () => {
    assert.deepEqual(brief([rep('closed', '10T00:00', '13T00:00', 1), rep('restricted', '12T00:00', '14T00:00', 2)]), [
      'closed 10T00:00→12T00:00 R1',
      'restricted 12T00:00→14T00:00 R2',
    ]);
    // A correction: same effective time, recorded later.
    assert.deepEqual(brief([rep('closed', '10T00:00', null, 5), rep('restricted', '10T00:00', null, 6)]), ['restricted 10T00:00→… R6']);
    // …in whichever order the rows arrive.
    assert.deepEqual(brief([rep('restricted', '10T00:00', null, 6), rep('closed', '10T00:00', null, 5)]), ['restricted 10T00:00→… R6']);
  });

  test('times no report covers are left out (unknown), never assumed open', () => {
    assert.deepEqual(brief([rep('closed', '10T00:00', '11T00:00', 1), rep('closed', '13T00:00', '14T00:00', 2)]), [
      'closed 10T00:00→11T00:00 R1',
      'closed 13T00:00→14T00:00 R2',
    ]);
    assert.deepEqual(statusTimeline([]), []);
  });

  test('statusAt finds the segment in force', () => {
    const s = statusTimeline([rep('closed', '12T00:00', null, 1), rep('open', '20T00:00', null, 2)]);
    assert.equal(statusAt(s, new Date(T('15T00:00')))?.status, 'closed');
    assert.equal(statusAt(s, new Date(T('25T00:00')))?.status, 'open');
    assert.equal(statusAt(s, new Date(T('11T00:00'))), undefined);
  });
});

describe('closures and period totals', () => {
  const segments = statusTimeline([
    rep('closed', '12T00:00', null, 1),
    rep('closed', '14T00:00', null, 2), // a second report of the same closure: one closure, two reports
    rep('open', '16T00:00', null, 3),
    rep('restricted', '18T00:00', '19T00:00', 4),
    rep('closed', '20T00:00', null, 5), // open-ended: still closed "now"
  ]);

  test('back-to-back closed segments are one closure', () => {
    assert.deepEqual(closuresOf(segments).map((c) => [c.from.slice(8, 10), c.to?.slice(8, 10) ?? null, c.report_ids]), [
      ['12', '16', ['R1', 'R2']],
      ['20', null, ['R5']],
    ]);
  });

  test('totals are clipped to the period and to now; an open-ended closure counts up to now', () => {
    const now = new Date(T('22T00:00'));
    const t = periodTotals(segments, new Date(T('10T00:00')), new Date('2025-11-01T00:00:00.000Z'), now);
    // 10→12 unknown (48 h); closed 12→16 (96) + 20→22 (48); open 16→18 (48) and 19→20 (24); restricted 18→19 (24). Nothing after now.
    assert.deepEqual(t.hours, { open: 72, closed: 144, restricted: 24, unknown: 48 });
    assert.equal(t.closures, 2);
    assert.equal(t.longest_closure_hours, 96);
  });

  test('a period cutting through a closure counts only its part, and the closure once', () => {
    const t = periodTotals(segments, new Date(T('13T00:00')), new Date(T('15T12:00')), new Date(T('30T00:00')));
    assert.deepEqual(t.hours, { open: 0, closed: 60, restricted: 0, unknown: 0 });
    assert.equal(t.closures, 1);
    assert.equal(t.longest_closure_hours, 60);
  });

  test('a period entirely in the future of now is empty', () => {
    const t = periodTotals(segments, new Date('2025-12-01T00:00:00.000Z'), new Date('2025-12-08T00:00:00.000Z'), new Date(T('22T00:00')));
    assert.deepEqual(t.hours, { open: 0, closed: 0, restricted: 0, unknown: 0 });
    assert.equal(t.closures, 0);
  });

  test('periods: days, ISO weeks (Monday start) and months, cut to the range', () => {
    assert.equal(periodsBetween('2025-10-01', '2025-10-31', 'day').length, 31);
    const weeks = periodsBetween('2025-10-15', '2025-11-02', 'week');
    // 15 Oct 2025 is a Wednesday: Wed–Sun, then two full weeks ending Sunday 2 November.
    assert.deepEqual(weeks.map((w) => [w.from.toISOString().slice(0, 10), w.to.toISOString().slice(0, 10)]), [
      ['2025-10-15', '2025-10-20'], ['2025-10-20', '2025-10-27'], ['2025-10-27', '2025-11-03'],
    ]);
    const months = periodsBetween('2025-10-19', '2025-11-24', 'month');
    assert.deepEqual(months.map((m) => m.from.toISOString().slice(0, 10)), ['2025-10-19', '2025-11-01']);
    assert.equal(months[1]!.to.toISOString().slice(0, 10), '2025-11-25');
  });
});

describe('movements', () => {
  test('discrepancy between counts: absolute and as a share of the larger', () => {
    assert.deepEqual(discrepancyOf([1200, 1500]), { absolute: 300, percent: 20 });
    assert.deepEqual(discrepancyOf([0, 0]), { absolute: 0, percent: 0 });
    assert.equal(discrepancyOf([10]), null);
    assert.deepEqual(tallyTotals([
      { counts: [{ org: 'AFG', count: 10 }, { org: 'PAK', count: 12 }], agreed_count: 11 },
      { counts: [{ org: 'AFG', count: 5 }], agreed_count: null },
    ]), { tallies: 2, reconciled: 1, agreed: 11, reported: { AFG: 15, PAK: 12 } });
  });

  test('a count is an aggregate: any other field (a name, a document number) is refused', () => {
    const count = {
      crossing_id: 'torkham', period_from: '2025-11-01', period_to: '2025-11-07', direction: 'into_AFG', category: 'undocumented_deportee',
      count: 1200, source: 'Border authority', visibility: 'parties',
    };
    assert.equal(countReportedSchema.safeParse(count).success, true);
    assert.equal(countReportedSchema.safeParse({ ...count, names: ['A. Person'] }).success, false);
    assert.equal(countReportedSchema.safeParse({ ...count, period_to: '2025-10-01' }).success, false);
    assert.equal(tallyId(count), 'torkham.2025-11-01.2025-11-07.into_AFG.undocumented_deportee');
  });
});
