/** The dashboard's API calls and answer types (GET /api/dashboard, /api/log, /api/crossings, overdue commitments and penalties). */
import { getJson } from './api.js';

export interface Dashboard {
  as_of: string;
  from: string;
  weeks: string[];
  allegations: {
    total: number;
    by_party: Array<{ week: string; party: string | null; count: number }>;
    by_category: Array<{ week: string; category: string | null; count: number }>;
  };
  findings: {
    total: number;
    by_determination: Array<{ determination: string; count: number }>;
    by_party: Array<{ week: string; party: string | null; determination: string; count: number }>;
    by_category: Array<{ week: string; category: string | null; determination: string; count: number }>;
  };
  pending: {
    open: number;
    overdue: number;
    by_step: Array<{ step: string; open: number; overdue: number }>;
    by_party: Array<{ pending_on: string; open: number; overdue: number }>;
  };
}

export interface LogStatus {
  size: number;
  checkpoint_size: number;
  checkpoint_age_seconds: number | null;
  published_size: number;
  published_age_seconds: number | null;
  pending: number;
  witnesses: Array<{ name: string; size: number | null; last_ok_at: string | null; last_error: string | null }>;
}

export interface CrossingNow {
  id: string;
  name: string;
  sides: string[];
  current: Array<{ side: string; traffic_type: string; status: string | null; since: string | null; report_id: string | null }>;
}

export const dashboardApi = {
  dashboard: (weeks?: number) => getJson<Dashboard>(`/api/dashboard${weeks ? `?weeks=${weeks}` : ''}`),
  log: () => getJson<LogStatus>('/api/log'),
  crossings: () => getJson<{ items: CrossingNow[] }>('/api/crossings'),
  overdueCommitments: () => getJson<{ total: number }>('/api/commitments?overdue=true'),
  overduePenalties: () => getJson<{ total: number }>('/api/penalties?overdue=true&limit=200'),
};

/** Rows of (week, key, count) as one series per key, each a count per week of `weeks` (0 where none). */
export function seriesByKey<R extends { week: string; count: number }>(
  weeks: readonly string[], rows: readonly R[], keyOf: (r: R) => string,
): Array<{ key: string; values: number[]; total: number }> {
  const at = new Map(weeks.map((w, i) => [w, i]));
  const m = new Map<string, number[]>();
  for (const r of rows) {
    const i = at.get(r.week);
    if (i === undefined) continue;
    const k = keyOf(r);
    const v = m.get(k) ?? weeks.map(() => 0);
    v[i] = v[i]! + r.count;
    m.set(k, v);
  }
  return [...m].map(([key, values]) => ({ key, values, total: values.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

/** A cross table: rows by `rowOf`, columns by `colOf`, summed counts. */
export function crossTable<R extends { count: number }>(rows: readonly R[], rowOf: (r: R) => string, colOf: (r: R) => string) {
  const cols = [...new Set(rows.map(colOf))].sort();
  const m = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const row = m.get(rowOf(r)) ?? new Map<string, number>();
    row.set(colOf(r), (row.get(colOf(r)) ?? 0) + r.count);
    m.set(rowOf(r), row);
  }
  const out = [...m].map(([key, row]) => ({ key, cells: cols.map((c) => row.get(c) ?? 0), total: [...row.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  return { cols, rows: out };
}
