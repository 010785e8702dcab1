/**
 * The crossing and movement writes as the browser sends them
 * (src/api/routes/crossings.schema.ts, movements.schema.ts, and the entry
 * bodies in src/domain/entries/crossing.ts, movement.ts): report a status,
 * verify a report, link a closure, file a complaint from it; report a count
 * into a movement tally, reconcile a tally. The enumerations and limits are
 * copied from the server (the bundle does not pull in zod and src/domain);
 * pages/crossing-forms/bodies.test.ts fails when they drift.
 */
import { getJson, send } from '../api.js';
import type { CrossingQueues, CrossingReport, Tally } from './api.js';

export const CROSSING_STATUSES = ['open', 'closed', 'restricted'] as const;
/** How the reporter knows (STATUS_METHODS). */
export const STATUS_METHODS = ['official_announcement', 'monitor_observation', 'party_report', 'media', 'other'] as const;
export const VERIFICATION_OUTCOMES = ['confirmed', 'disputed'] as const;
/** Who may read a reconciled figure (the reconciliation's `publication`). */
export const PUBLICATIONS = ['parties', 'public'] as const;

export const LIMITS = {
  reason: 2000,
  source: 500,
  verifyNote: 2000,
  trucks: 1_000_000,
  people: 10_000_000,
  complaintTitle: 300,
  complaintNotes: 10_000,
  clauseRefs: 20,
  count: 10_000_000,
  countSource: 300,
  countMethod: 300,
  countNote: 2000,
  reconcileNote: 2000,
} as const;

export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;
export const CLAUSE_REF = /^[A-Za-z0-9._-]{1,32}$/;

export type StatusMethod = (typeof STATUS_METHODS)[number];
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export type Queues = CrossingQueues;

export interface StatusReportBody {
  side: string;
  traffic_types: string[];
  status: (typeof CROSSING_STATUSES)[number];
  effective_from: string;
  effective_to?: string;
  announced_by?: string;
  method: string;
  reason?: string;
  queues?: Queues;
  commitment_id?: string;
  source?: string;
  visibility: string;
}

export interface VerifyBody { outcome: string; method: string; observed_at?: string; queues?: Queues; note?: string }
export interface LinkBody { commitment_id?: string; incident_id?: string }
export interface ComplaintBody { clause_refs: string[]; title?: string; notes?: string; severity?: string; visibility?: string }

export interface CountBody {
  crossing_id: string;
  period_from: string;
  period_to: string;
  direction: string;
  category: string;
  count: number;
  source: string;
  method?: string;
  note?: string;
  visibility: string;
}

export interface ReconcileBody { agreed_count: number; note: string; publication: (typeof PUBLICATIONS)[number]; based_on?: Record<string, number> }

interface Entry { index: number; type: string }
export interface RecordedReport { report: CrossingReport; entry: Entry }
export interface FiledComplaint extends RecordedReport { incident: { id: string; title: string; status: string; visibility: string } }
export interface RecordedTally { tally: Tally; entry: Entry }

export interface ClauseItem { id: string; title: string }
export interface IncidentItem { id: string; title: string; status: string }

const enc = encodeURIComponent;
const report = (crossing: string, id: string) => `/api/crossings/${enc(crossing)}/reports/${enc(id)}`;

export const crossingActionsApi = {
  reportStatus: async (crossing: string, body: StatusReportBody) =>
    (await send<RecordedReport>('POST', `/api/crossings/${enc(crossing)}/reports`, body))!,
  verify: async (crossing: string, id: string, body: VerifyBody) => (await send<RecordedReport>('POST', `${report(crossing, id)}/verifications`, body))!,
  link: async (crossing: string, id: string, body: LinkBody) => (await send<RecordedReport>('POST', `${report(crossing, id)}/links`, body))!,
  fileComplaint: async (crossing: string, id: string, body: ComplaintBody) => (await send<FiledComplaint>('POST', `${report(crossing, id)}/complaint`, body))!,
  reportCount: async (body: CountBody) => (await send<RecordedTally>('POST', '/api/movements', body))!,
  reconcile: async (tally: string, body: ReconcileBody) => (await send<RecordedTally>('POST', `/api/movements/${enc(tally)}/reconciliation`, body))!,
  /** The clause register, for the clauses a complaint cites. */
  clauses: () => getJson<{ items: ClauseItem[] }>('/api/clauses'),
  /** Complaints already filed about a crossing (the viewer's readable ones), to link a closure to. */
  incidentsAbout: (crossing: string) => getJson<{ items: IncidentItem[] }>(`/api/incidents?${new URLSearchParams({ crossing, limit: '200' })}`),
};
