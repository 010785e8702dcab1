/**
 * Crossing status over time (pure). Reports say "from T (until U) this side
 * of the crossing is open / closed / restricted to these traffic types"; the
 * timeline of one side and traffic type is built from them by two rules:
 *
 * 1. A report without `effective_to` holds until the next open-ended report
 *    for the same side and traffic type takes effect (by effective_from,
 *    whatever order they were recorded in, so a report filed late about an
 *    earlier day does not override what came after it).
 * 2. Where reports overlap, the one that took effect last wins; between two
 *    that took effect at the same moment, the one recorded last (a
 *    correction). So a bounded report ("restricted 15–17 Oct") overlays an
 *    open-ended one, which resumes when it ends.
 *
 * Times no report covers are unknown, never assumed open. Closure totals are
 * clipped to the period asked for and to `now` (an ongoing closure counts up
 * to now, not to the period's end).
 */
import type { CrossingStatus } from './entries/crossing.js';

export interface TimedReport {
  id: string;
  /** Ledger index of the report (record order). */
  idx: number;
  status: CrossingStatus;
  effective_from: string;
  effective_to: string | null;
}

export interface Segment {
  from: string;
  /** null: still in force. */
  to: string | null;
  status: CrossingStatus;
  report_id: string;
}

interface Span { r: TimedReport; from: number; end: number }

const ms = (t: string): number => Date.parse(t);
const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);
const later = (a: Span, b: Span): boolean => a.from > b.from || (a.from === b.from && a.r.idx > b.r.idx);

/** The status timeline of one side and traffic type, oldest first, from the reports about it. */
export function statusTimeline(reports: readonly TimedReport[]): Segment[] {
  const openEnded = reports.filter((r) => r.effective_to === null)
    .sort((a, b) => ms(a.effective_from) - ms(b.effective_from) || a.idx - b.idx);
  const spans: Span[] = [];
  openEnded.forEach((r, i) => {
    const next = openEnded[i + 1];
    spans.push({ r, from: ms(r.effective_from), end: next ? ms(next.effective_from) : Infinity });
  });
  for (const r of reports) if (r.effective_to !== null) spans.push({ r, from: ms(r.effective_from), end: ms(r.effective_to) });
  const live = spans.filter((s) => s.end > s.from);
  const bounds = [...new Set(live.flatMap((s) => [s.from, s.end]).filter(Number.isFinite))].sort((a, b) => a - b);
  const out: Segment[] = [];
  let current: { span: Span; from: number; to: number } | undefined;
  const flush = () => {
    if (current) out.push({ from: iso(current.from)!, to: iso(current.to), status: current.span.r.status, report_id: current.span.r.id });
    current = undefined;
  };
  for (let k = 0; k < bounds.length; k++) {
    const at = bounds[k]!;
    const until = bounds[k + 1] ?? Infinity;
    let winner: Span | undefined;
    for (const s of live) if (s.from <= at && s.end > at && (!winner || later(s, winner))) winner = s;
    if (current && (!winner || winner !== current.span || current.to !== at)) flush();
    if (!winner) continue;
    if (current) current.to = until;
    else current = { span: winner, from: at, to: until };
  }
  flush();
  return out;
}

/** The segment in force at `now`, if any. */
export function statusAt(segments: readonly Segment[], now: Date): Segment | undefined {
  const t = now.getTime();
  return segments.find((s) => ms(s.from) <= t && (s.to === null || ms(s.to) > t));
}

export interface Closure {
  from: string;
  to: string | null;
  /** The reports that make up this closure (consecutive closed segments are one closure). */
  report_ids: string[];
}

/** Closures: maximal runs of back-to-back 'closed' segments. */
export function closuresOf(segments: readonly Segment[]): Closure[] {
  const out: Closure[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (s.status !== 'closed') continue;
    if (last && last.to === s.from) {
      last.to = s.to;
      if (!last.report_ids.includes(s.report_id)) last.report_ids.push(s.report_id);
    } else {
      out.push({ from: s.from, to: s.to, report_ids: [s.report_id] });
    }
  }
  return out;
}

export interface PeriodTotals {
  from: string;
  to: string;
  /** Hours in the period (up to now) spent in each status, and not covered by any report. */
  hours: Record<CrossingStatus | 'unknown', number>;
  /** Closures that overlap the period (counted once even if they began before it). */
  closures: number;
  /** The longest closure's hours inside the period. */
  longest_closure_hours: number;
}

const HOUR = 3_600_000;
const hours = (n: number): number => Math.round((n / HOUR) * 100) / 100;

/** Time in each status within [from, to) ∩ (-∞, now]. */
export function periodTotals(segments: readonly Segment[], from: Date, to: Date, now: Date): PeriodTotals {
  const start = from.getTime();
  const end = Math.max(start, Math.min(to.getTime(), now.getTime()));
  const sum: Record<CrossingStatus | 'unknown', number> = { open: 0, closed: 0, restricted: 0, unknown: 0 };
  const clip = (a: string, b: string | null): number => Math.max(0, Math.min(b === null ? Infinity : ms(b), end) - Math.max(ms(a), start));
  let covered = 0;
  for (const s of segments) {
    const d = clip(s.from, s.to);
    sum[s.status] += d;
    covered += d;
  }
  sum.unknown = end - start - covered;
  const inPeriod = closuresOf(segments).map((c) => clip(c.from, c.to)).filter((d) => d > 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    hours: { open: hours(sum.open), closed: hours(sum.closed), restricted: hours(sum.restricted), unknown: hours(sum.unknown) },
    closures: inPeriod.length,
    longest_closure_hours: hours(Math.max(0, ...inPeriod)),
  };
}

export const PERIOD_UNITS = ['day', 'week', 'month'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const MAX_PERIODS = 400;

/**
 * Consecutive periods covering the dates from..to (inclusive, UTC): days,
 * ISO weeks (Monday to Sunday) or calendar months; the first and last are
 * cut to the range.
 */
export function periodsBetween(fromDate: string, toDate: string, unit: PeriodUnit): Array<{ from: Date; to: Date }> {
  const start = new Date(`${fromDate}T00:00:00.000Z`);
  const stop = new Date(`${toDate}T00:00:00.000Z`);
  stop.setUTCDate(stop.getUTCDate() + 1);
  const out: Array<{ from: Date; to: Date }> = [];
  let cur = start;
  while (cur < stop && out.length < MAX_PERIODS) {
    const next = new Date(cur);
    if (unit === 'day') next.setUTCDate(next.getUTCDate() + 1);
    else if (unit === 'week') next.setUTCDate(next.getUTCDate() + (((7 - next.getUTCDay()) % 7) + 1));
    else next.setUTCMonth(next.getUTCMonth() + 1, 1);
    const to = next < stop ? next : stop;
    out.push({ from: cur, to });
    cur = to;
  }
  return out;
}

/** Report ids: CSR-2025-0001, numbered per year in ledger order. */
export function nextCrossingReportId(year: number, lastNumber: number): string {
  return `CSR-${year}-${String(lastNumber + 1).padStart(4, '0')}`;
}
