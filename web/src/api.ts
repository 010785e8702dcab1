/**
 * The API as the browser calls it: same origin, the session cookie sent by
 * the browser, and the session's CSRF token in `x-csrf-token` on every
 * state-changing request (src/api/auth.ts). Errors carry the API's
 * `{ error: { code, message } }`.
 */
import type { IncidentStatus } from './lists.js';

export interface ViewerInfo {
  user_id: string;
  username: string;
  org: string;
  org_kind: 'party' | 'mediator' | 'secretariat' | 'monitor' | 'observer';
  roles: string[];
}

export interface Place {
  country: string;
  admin1?: string;
  admin2?: string;
  location?: string;
  latitude?: number;
  longitude?: number;
  geo_precision: number;
}

export interface IncidentSummary {
  id: string;
  title: string;
  /** The language the title was filed in, if the filer said; the title's translations (filed with it or added since), by language tag. */
  language: string | null;
  title_translations: Record<string, string>;
  status: IncidentStatus;
  visibility: string;
  complainant_org: string;
  accused_party: string | null;
  category: string | null;
  severity: string | null;
  event_date: string;
  place: Place;
  pending_step: string | null;
  pending_on: string | null;
  deadline_at: string | null;
  overdue: boolean;
  filed_at: string;
  updated_at: string;
  entry_index: number;
  actions: string[];
}

export interface TimelineEvent {
  index: number;
  type: string;
  org: string;
  user: string;
  at: string;
  visibility: string;
  body: Record<string, unknown>;
}

export interface IncidentDetail extends IncidentSummary {
  notes: string;
  /** The translations of title and notes, filed with them or added since, with who gave them (`by`; none: the complainant, at filing). */
  translations: Record<string, { title?: string; notes?: string; by?: string[] }>;
  clause_refs: string[];
  filed_by: string;
  schedule: Array<{ step: string; due_at: string | null; done_at: string | null }>;
  timeline: TimelineEvent[];
}

export interface IncidentList {
  items: IncidentSummary[];
  total: number;
  next_cursor: string | null;
}

export interface Recorded {
  incident: IncidentDetail;
  entry: { index: number; type: string };
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const CSRF_KEY = 'annex.csrf';

/** The session's CSRF token, kept per tab (sessionStorage): a new tab signs in again to write. */
export const csrf = {
  get: (): string | null => sessionStorage.getItem(CSRF_KEY),
  set: (token: string | null) => (token ? sessionStorage.setItem(CSRF_KEY, token) : sessionStorage.removeItem(CSRF_KEY)),
};

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrf.get();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) {
    let code = 'http_error';
    let message = `${res.status} ${res.statusText}`;
    try {
      const j = (await res.json()) as { error?: { code?: string; message?: string } };
      if (j.error?.code) code = j.error.code;
      if (j.error?.message) message = j.error.message;
    } catch {
      /* not the API's error shape */
    }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request('GET', path)).json() as Promise<T>;
}

export async function getText(path: string): Promise<string> {
  return (await request('GET', path)).text();
}

export async function send<T>(method: 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown): Promise<T | undefined> {
  const res = await request(method, path, body);
  return res.status === 204 ? undefined : ((await res.json()) as T);
}

export const api = {
  me: () => getJson<{ user: ViewerInfo | null }>('/api/me'),
  signIn: (username: string, password: string) =>
    send<{ user: ViewerInfo; csrf_token: string; expires_at: string }>('POST', '/api/session', { username, password }),
  signOut: () => send<undefined>('DELETE', '/api/session'),
  incidents: (query: URLSearchParams) => getJson<IncidentList>(`/api/incidents${query.size ? `?${query}` : ''}`),
  incident: (id: string) => getJson<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
  fileIncident: (body: unknown) => send<Recorded>('POST', '/api/incidents', body),
  step: (id: string, path: string, body: unknown) => send<Recorded>('POST', `/api/incidents/${encodeURIComponent(id)}/${path}`, body),
};
