/**
 * Body schemas of crossing status entries (DOMAIN.md "Crossing and
 * movement"): a status report per crossing, side and traffic types; its
 * verification by a monitor or mediator; links from a closure to the
 * commitment it breaches and the complaint filed about it. The report is the
 * subject of all three. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { commitmentId } from './commitment.js';
import { incidentId, isoTime, orgId, text } from './common.js';

export const CROSSING_ID = /^[a-z0-9-]{2,40}$/;
export const CROSSING_REPORT_ID = /^CSR-\d{4}-\d{4,6}$/;
export { COMMITMENT_ID } from './commitment.js';

export const TRAFFIC_TYPES = ['cargo', 'pedestrians', 'returnees', 'humanitarian'] as const;
export type TrafficType = (typeof TRAFFIC_TYPES)[number];
export const CROSSING_STATUSES = ['open', 'closed', 'restricted'] as const;
export type CrossingStatus = (typeof CROSSING_STATUSES)[number];
/** How the reporter knows: the announcing authority, a monitor on site, the party's own report, the press. */
export const STATUS_METHODS = ['official_announcement', 'monitor_observation', 'party_report', 'media', 'other'] as const;
export const VERIFICATION_OUTCOMES = ['confirmed', 'disputed'] as const;

export const crossingId = z.string().regex(CROSSING_ID);

/** Waiting at the gate when observed: loaded trucks and people (counts only). */
export const queuesSchema = z.strictObject({
  trucks: z.number().int().min(0).max(1_000_000).optional(),
  people: z.number().int().min(0).max(10_000_000).optional(),
});

/** The report's fields; `statusReportedSchema` adds the checks across fields. */
export const statusReportFields = z.strictObject({
  id: z.string().regex(CROSSING_REPORT_ID),
  crossing_id: crossingId,
  /** The party whose side of the crossing this is (its organisation id). */
  side: orgId,
  traffic_types: z.array(z.enum(TRAFFIC_TYPES)).min(1).max(TRAFFIC_TYPES.length)
    .refine((t) => new Set(t).size === t.length, 'traffic_types repeat'),
  status: z.enum(CROSSING_STATUSES),
  effective_from: isoTime,
  /** Absent: in force until a later report for the same side and traffic type takes effect. */
  effective_to: isoTime.optional(),
  /** The organisation that announced the status (e.g. the side's government), when it was announced. */
  announced_by: orgId.optional(),
  method: z.enum(STATUS_METHODS),
  reason: text(2000).optional(),
  queues: queuesSchema.optional(),
  /** The commitment a closure or restriction bears on (e.g. uninterrupted trade). */
  commitment_id: commitmentId.optional(),
  source: text(500).optional(),
  visibility: z.enum(VISIBILITIES),
});
export const statusReportedSchema = statusReportFields.refine((b) => b.effective_to === undefined || b.effective_to > b.effective_from, 'effective_to must be after effective_from');
export type StatusReported = z.infer<typeof statusReportedSchema>;

export const crossingBodies = {
  'crossing.status_reported': statusReportedSchema,
  /** A monitor's or mediator's check of a report; the verifying organisation is the entry's. */
  'crossing.status_verified': z.strictObject({
    outcome: z.enum(VERIFICATION_OUTCOMES),
    method: z.enum(STATUS_METHODS),
    observed_at: isoTime.optional(),
    queues: queuesSchema.optional(),
    note: text(2000).optional(),
  }),
  /** Links a closure to the commitment it bears on and/or the complaint filed about it. */
  'crossing.linked': z.strictObject({
    commitment_id: commitmentId.optional(),
    incident_id: incidentId.optional(),
  }).refine((b) => b.commitment_id !== undefined || b.incident_id !== undefined, 'name a commitment_id or an incident_id'),
} as const;
