/** Request and response schemas of the incident routes (validated input, documented output). */
import { z } from 'zod';
import { incidentFiledSchema, VIOLATION_CATEGORIES } from '../../domain/entries/incident.js';
import { INCIDENT_ID } from '../../domain/entries/common.js';
import { INCIDENT_STATUSES } from '../../domain/incident.js';
import { VISIBILITIES } from '../../domain/visibility.js';

export const incidentParams = z.object({ id: z.string().regex(INCIDENT_ID, 'not an incident id (INC-YYYY-NNNN)') });

export const fileIncidentBody = incidentFiledSchema.omit({ id: true }).extend({
  /** Who reported it; recorded in a separate entry sealed to the mediators. */
  complainant_identity: z.string().min(1).max(300).optional(),
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const csv = z.string().max(400).transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

export const listIncidentsQuery = z.strictObject({
  party: z.string().max(32).optional(),
  status: csv.pipe(z.array(z.enum(INCIDENT_STATUSES))).optional(),
  category: z.enum(VIOLATION_CATEGORIES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  place: z.string().min(1).max(200).optional(),
  crossing: z.string().max(40).optional(),
  overdue: flag.optional(),
  pending_on: z.string().max(32).optional(),
  q: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});

const place = z.looseObject({ country: z.string(), geo_precision: z.number() });

export const incidentSummary = z.object({
  id: z.string(),
  title: z.string(),
  /** The language the title was filed in, if the filer said; the title's translations (filed with it or added since), by language tag. */
  language: z.string().nullable(),
  title_translations: z.record(z.string(), z.string()),
  status: z.enum(INCIDENT_STATUSES),
  visibility: z.enum(VISIBILITIES),
  complainant_org: z.string(),
  accused_party: z.string().nullable(),
  category: z.string().nullable(),
  severity: z.string().nullable(),
  event_date: z.string(),
  place,
  pending_step: z.string().nullable(),
  pending_on: z.string().nullable(),
  deadline_at: z.string().nullable(),
  overdue: z.boolean(),
  filed_at: z.string(),
  updated_at: z.string(),
  entry_index: z.number().int(),
  /** What the viewer may do now; the UI shows exactly these. */
  actions: z.array(z.string()),
});

const loose = z.record(z.string(), z.unknown());

export const incidentDetail = incidentSummary.extend({
  channel: z.string(),
  complainant_identity: z.string().nullable(),
  filed_by: z.string(),
  clause_refs: z.array(z.string()),
  end_date: z.string().nullable(),
  time_precision: z.number(),
  coding: loose.nullable(),
  casualties: loose.nullable(),
  notes: z.string(),
  source: z.string().nullable(),
  source_scale: z.string().nullable(),
  translations: loose,
  acknowledged: z.boolean(),
  triage: loose.nullable(),
  response: loose.nullable(),
  investigation: loose.nullable(),
  finding: loose.nullable(),
  remedy: loose.nullable(),
  closure: loose.nullable(),
  merged_into: z.string().nullable(),
  merged_from: z.array(z.string()),
  schedule: z.array(z.object({ step: z.string(), due_at: z.string().nullable(), done_at: z.string().nullable() })),
  timeline: z.array(z.object({
    index: z.number().int(), type: z.string(), org: z.string(), user: z.string(), at: z.string(), visibility: z.string(), body: loose,
  })),
});

export const incidentList = z.object({
  items: z.array(incidentSummary),
  total: z.number().int(),
  next_cursor: z.string().nullable(),
});

export const recordedIncident = z.object({
  incident: incidentDetail,
  entry: z.object({ index: z.number().int(), type: z.string() }),
});
