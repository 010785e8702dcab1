/** Request and response schemas of the crossing routes (validated input, documented output). */
import { z } from 'zod';
import { CLAUSE_REF, INCIDENT_ID } from '../../domain/entries/common.js';
import {
  COMMITMENT_ID, CROSSING_ID, CROSSING_REPORT_ID, CROSSING_STATUSES, queuesSchema, STATUS_METHODS, statusReportFields, TRAFFIC_TYPES,
  VERIFICATION_OUTCOMES,
} from '../../domain/entries/crossing.js';
import { SEVERITIES } from '../../domain/entries/incident.js';
import { PERIOD_UNITS } from '../../domain/crossing.js';
import { VISIBILITIES } from '../../domain/visibility.js';

export const crossingParams = z.object({ id: z.string().regex(CROSSING_ID, 'not a crossing id') });
export const reportParams = crossingParams.extend({ reportId: z.string().regex(CROSSING_REPORT_ID, 'not a crossing report id (CSR-YYYY-NNNN)') });

/** RFC 3339 with a zone; stored in UTC with milliseconds. */
const time = z.iso.datetime({ offset: true });

export const reportStatusBody = statusReportFields.omit({ id: true, crossing_id: true }).extend({
  effective_from: time,
  effective_to: time.optional(),
  visibility: z.enum(VISIBILITIES).default('public'),
});

export const verifyBody = z.strictObject({
  outcome: z.enum(VERIFICATION_OUTCOMES),
  method: z.enum(STATUS_METHODS),
  observed_at: time.optional(),
  queues: queuesSchema.optional(),
  note: z.string().min(1).max(2000).optional(),
});

export const linkBody = z.strictObject({
  commitment_id: z.string().regex(COMMITMENT_ID, 'not a commitment id (COM-n)').optional(),
  incident_id: z.string().regex(INCIDENT_ID, 'not an incident id (INC-YYYY-NNNN)').optional(),
}).refine((b) => b.commitment_id !== undefined || b.incident_id !== undefined, 'name a commitment_id or an incident_id');

export const complaintBody = z.strictObject({
  clause_refs: z.array(z.string().regex(CLAUSE_REF)).min(1).max(20),
  title: z.string().min(1).max(300).optional(),
  notes: z.string().min(1).max(10_000).optional(),
  severity: z.enum(SEVERITIES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});

export const crossingQuery = z.strictObject({
  side: z.string().max(32).optional(),
  traffic_type: z.enum(TRAFFIC_TYPES).optional(),
});

export const closuresQuery = crossingQuery.extend({
  from: z.iso.date(),
  to: z.iso.date(),
  period: z.enum(PERIOD_UNITS).default('week'),
});

const loose = z.record(z.string(), z.unknown());

export const crossingReport = z.object({
  id: z.string(),
  crossing_id: z.string(),
  side: z.string(),
  traffic_types: z.array(z.enum(TRAFFIC_TYPES)),
  status: z.enum(CROSSING_STATUSES),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
  announced_by: z.string().nullable(),
  method: z.string(),
  reason: z.string().nullable(),
  queues: loose.nullable(),
  source: z.string().nullable(),
  commitment_id: z.string().nullable(),
  incident_id: z.string().regex(INCIDENT_ID).nullable(),
  visibility: z.enum(VISIBILITIES),
  reporter_org: z.string(),
  reported_by: z.string().nullable(),
  reported_at: z.string(),
  verified: z.boolean(),
  disputed: z.boolean(),
  verifications: z.array(z.object({
    org: z.string(), user: z.string().nullable(), at: z.string(), outcome: z.string(), method: z.string(),
    observed_at: z.string().nullable(), queues: loose.nullable(), note: z.string().nullable(),
  })),
  entry_index: z.number().int(),
  /** What the viewer may do now; the UI shows exactly these. */
  actions: z.array(z.string()),
});

const entry = z.object({ index: z.number().int(), type: z.string() });
export const recordedReport = z.object({ report: crossingReport, entry });
export const filedComplaint = recordedReport.extend({
  incident: z.object({ id: z.string(), title: z.string(), status: z.string(), visibility: z.string() }),
});

const segment = z.object({ from: z.string(), to: z.string().nullable(), status: z.enum(CROSSING_STATUSES), report_id: z.string() });
const closure = z.object({ from: z.string(), to: z.string().nullable(), report_ids: z.array(z.string()) });

export const crossingSummary = z.object({
  id: z.string(),
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  sides: z.array(z.string()),
  current: z.array(z.object({
    side: z.string(), traffic_type: z.enum(TRAFFIC_TYPES), status: z.enum(CROSSING_STATUSES).nullable(), since: z.string().nullable(), report_id: z.string().nullable(),
  })),
});
export const crossingList = z.object({ items: z.array(crossingSummary) });
export const crossingDetail = crossingSummary.extend({
  timelines: z.array(z.object({ side: z.string(), traffic_type: z.enum(TRAFFIC_TYPES), segments: z.array(segment), closures: z.array(closure) })),
  reports: z.array(crossingReport),
  /** What the viewer may do that no listed report carries: `report` a status, for the party sides in `report_sides`. */
  actions: z.array(z.enum(['report'])),
  report_sides: z.array(z.string()),
});

const totals = z.object({
  from: z.string(),
  to: z.string(),
  hours: z.object({ open: z.number(), closed: z.number(), restricted: z.number(), unknown: z.number() }),
  closures: z.number().int(),
  longest_closure_hours: z.number(),
});
export const closuresReply = z.object({
  crossing_id: z.string(),
  from: z.string(),
  to: z.string(),
  period: z.enum(PERIOD_UNITS),
  as_of: z.string(),
  lines: z.array(z.object({ side: z.string(), traffic_type: z.enum(TRAFFIC_TYPES), total: totals, periods: z.array(totals), closures: z.array(closure) })),
});
