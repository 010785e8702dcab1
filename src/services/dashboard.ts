/**
 * The dashboard: ceasefire health as aggregates over what the viewer may read.
 * Allegations (complaints filed) and issued findings are kept apart, never
 * added into one count: an allegation is a party's claim, a finding the
 * mediators' determination. Overdue items are counted per lifecycle step and
 * per organisation that owes the step. The counting is SQL (GROUP BY, in
 * src/store/repositories/dashboard.ts); this module picks the window and
 * shapes the answer.
 */
import { readScope, type Viewer } from '../domain/visibility.js';
import * as dashboard from '../store/repositories/dashboard.js';
import type { Services } from './context.js';

export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 104;

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: Date): Date {
  const d = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  const dow = (new Date(d).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(d - dow * DAY);
}

/** The Mondays (YYYY-MM-DD) of the last `weeks` weeks, oldest first, the current week last. */
export function weekWindow(now: Date, weeks: number): string[] {
  const last = weekStart(now).getTime();
  return Array.from({ length: weeks }, (_, i) => new Date(last - (weeks - 1 - i) * 7 * DAY).toISOString().slice(0, 10));
}

function sumBy<T>(rows: readonly T[], key: (r: T) => string, count: (r: T) => number): Array<{ key: string; count: number }> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + count(r));
  return [...m].map(([k, n]) => ({ key: k, count: n })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function getDashboard(s: Services, viewer: Viewer | undefined, opts: { weeks?: number } = {}) {
  const now = s.clock();
  const weeks = weekWindow(now, Math.min(Math.max(opts.weeks ?? DEFAULT_WEEKS, 1), MAX_WEEKS));
  const from = `${weeks[0]!}T00:00:00.000Z`;
  const scope = readScope(viewer);
  // One after the other: on PGlite (one connection) they would queue anyway.
  const allegations = await dashboard.allegationsByWeek(s.db, scope, from);
  const findings = await dashboard.findingsByWeek(s.db, scope, from);
  const pending = await dashboard.pendingSteps(s.db, scope, now.toISOString());
  const total = (rows: readonly { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
  const stepTotals = (key: (p: dashboard.PendingCount) => string) => {
    const m = new Map<string, { open: number; overdue: number }>();
    for (const p of pending) {
      const t = m.get(key(p)) ?? { open: 0, overdue: 0 };
      m.set(key(p), { open: t.open + p.open, overdue: t.overdue + p.overdue });
    }
    return [...m];
  };
  return {
    as_of: now.toISOString(),
    from: weeks[0]!,
    weeks,
    allegations: {
      total: total(allegations.byParty),
      by_party: allegations.byParty.map((r) => ({ week: r.week, party: r.key, count: r.count })),
      by_category: allegations.byCategory.map((r) => ({ week: r.week, category: r.key, count: r.count })),
    },
    findings: {
      total: total(findings.byParty),
      by_determination: sumBy(findings.byParty, (r) => r.determination, (r) => r.count).map((r) => ({ determination: r.key, count: r.count })),
      by_party: findings.byParty.map((r) => ({ week: r.week, party: r.key, determination: r.determination, count: r.count })),
      by_category: findings.byCategory.map((r) => ({ week: r.week, category: r.key, determination: r.determination, count: r.count })),
    },
    pending: {
      open: total(pending.map((p) => ({ count: p.open }))),
      overdue: total(pending.map((p) => ({ count: p.overdue }))),
      by_step: stepTotals((p) => p.step).map(([step, t]) => ({ step, ...t })),
      by_party: stepTotals((p) => p.pending_on).map(([pending_on, t]) => ({ pending_on, ...t })),
    },
  };
}
