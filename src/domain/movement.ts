/**
 * Returnee / deportee movement tallies (pure). A tally is one crossing,
 * period, direction and category; each party reports its own count into
 * it, a mediator reconciles them into an agreed figure. Discrepancies are
 * computed from the counts a viewer may see, so a count sealed to the
 * mediators never shows through a difference.
 */
/** The tally an entry counts into: `torkham.2025-11-01.2025-11-07.into_AFG.undocumented_deportee`. */
export function tallyId(b: Record<'crossing_id' | 'period_from' | 'period_to' | 'direction' | 'category', string>): string {
  return [b.crossing_id, b.period_from, b.period_to, b.direction, b.category].join('.');
}
export const TALLY_ID = /^[a-z0-9-]{2,40}\.\d{4}-\d{2}-\d{2}\.\d{4}-\d{2}-\d{2}\.into_[A-Z0-9_-]{2,32}\.[a-z_]{2,60}$/;

/** The party a direction leads into ('into_AFG' → 'AFG'). */
export function destinationOf(direction: string): string {
  return direction.slice('into_'.length);
}

export interface Discrepancy {
  /** Largest count minus smallest. */
  absolute: number;
  /** The difference as a percentage of the largest count (0 when all are 0), one decimal. */
  percent: number;
}

/** Between two or more counts; null with fewer than two. */
export function discrepancyOf(counts: readonly number[]): Discrepancy | null {
  if (counts.length < 2) return null;
  const hi = Math.max(...counts);
  const lo = Math.min(...counts);
  return { absolute: hi - lo, percent: hi === 0 ? 0 : Math.round(((hi - lo) / hi) * 1000) / 10 };
}

export interface TallyTotals {
  tallies: number;
  reconciled: number;
  /** Sum of agreed figures over reconciled tallies. */
  agreed: number;
  /** Sum of each organisation's reported counts (the ones the viewer may see). */
  reported: Record<string, number>;
}

export function tallyTotals(items: ReadonlyArray<{ counts: ReadonlyArray<{ org: string; count: number }>; agreed_count: number | null }>): TallyTotals {
  const reported: Record<string, number> = {};
  let agreed = 0;
  let reconciled = 0;
  for (const t of items) {
    for (const c of t.counts) reported[c.org] = (reported[c.org] ?? 0) + c.count;
    if (t.agreed_count !== null) {
      reconciled += 1;
      agreed += t.agreed_count;
    }
  }
  return { tallies: items.length, reconciled, agreed, reported };
}
