/**
 * What the map loads: the incidents of GET /api/incidents with the list
 * page's filters (the same URL query keys, so /incidents?… and /map?… show
 * the same incidents), paged up to MAX_INCIDENTS; and GET /api/crossings
 * (status in force now per side and traffic type).
 */
import { api, getJson, type IncidentSummary } from '../api.js';

/** The incident list's filter keys (pages/incident-list.tsx), plus the API's place and crossing filters. */
export const FILTER_KEYS = ['party', 'status', 'category', 'from', 'to', 'q', 'overdue', 'place', 'crossing'] as const;
export const PAGE = 200;
export const MAX_INCIDENTS = 1000;

/** Only the filters of a query (no cursor or page): for the API and for links between the list and the map. */
export function filtersOf(query: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = query.get(k);
    if (v) q.set(k, v);
  }
  return q;
}

export function withQuery(path: string, q: URLSearchParams): string {
  return q.size ? `${path}?${q}` : path;
}

export interface MapIncidents {
  items: IncidentSummary[];
  total: number;
  /** More matched than MAX_INCIDENTS: only the newest are shown. */
  truncated: boolean;
}

export async function loadIncidents(filters: URLSearchParams): Promise<MapIncidents> {
  const items: IncidentSummary[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const q = new URLSearchParams(filters);
    q.set('limit', String(PAGE));
    if (cursor) q.set('cursor', cursor);
    const page = await api.incidents(q);
    items.push(...page.items);
    total = page.total;
    cursor = page.next_cursor;
  } while (cursor && items.length < MAX_INCIDENTS);
  return { items: items.slice(0, MAX_INCIDENTS), total, truncated: cursor !== null || items.length > MAX_INCIDENTS };
}

export type CrossingStatus = 'open' | 'closed' | 'restricted';

export interface CrossingNow {
  side: string;
  traffic_type: string;
  status: CrossingStatus | null;
  since: string | null;
  report_id: string | null;
}

export interface CrossingSummary {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  sides: string[];
  current: CrossingNow[];
}

export async function loadCrossings(): Promise<CrossingSummary[]> {
  return (await getJson<{ items: CrossingSummary[] }>('/api/crossings')).items;
}
