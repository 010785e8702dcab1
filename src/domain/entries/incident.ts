/**
 * Body schemas of incident (complaint) entries. Field names in `place`,
 * `coding` and `casualties` are ACLED's / UCDP's (DOMAIN.md) so exports line
 * up with analysts' data. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { ORG_ID } from './workspace.js';

export const INCIDENT_ID = /^INC-\d{4}-\d{4,6}$/;
export const CHANNELS = ['party', 'mediator', 'monitor', 'public', 'open-source', 'hotline'] as const;
export const VIOLATION_CATEGORIES = [
  'offensive_fire', 'airspace_violation', 'force_movement', 'attack_on_civilians', 'occupation_of_facilities',
  'blocking_access', 'harming_monitors', 'hostile_propaganda', 'armed_groups', 'missed_deadline', 'detention', 'other',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** ACLED event types. */
export const EVENT_TYPES = [
  'Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments',
] as const;
/** ACLED sub-event types relevant here. */
export const SUB_EVENT_TYPES = [
  'Armed clash', 'Air/drone strike', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade',
  'Suicide bomb', 'Attack', 'Abduction/forced disappearance', 'Agreement', 'Arrests', 'Looting/property destruction', 'Other',
] as const;

const text = (max: number) => z.string().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

export const placeSchema = z.strictObject({
  country: text(100),
  admin1: text(200).optional(),
  admin2: text(200).optional(),
  admin3: text(200).optional(),
  location: text(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** ACLED geo_precision: 1 exact/town, 2 near a named place, 3 region only. */
  geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  crossing_id: z.string().regex(/^[a-z0-9-]{2,40}$/).optional(),
}).refine((p) => (p.latitude === undefined) === (p.longitude === undefined), 'latitude and longitude go together');

const actorType = z.number().int().min(0).max(8);
export const codingSchema = z.strictObject({
  event_type: z.enum(EVENT_TYPES).optional(),
  sub_event_type: z.enum(SUB_EVENT_TYPES).optional(),
  actor1: text(200).optional(),
  assoc_actor_1: text(200).optional(),
  inter1: actorType.optional(),
  actor2: text(200).optional(),
  assoc_actor_2: text(200).optional(),
  inter2: actorType.optional(),
  interaction: z.number().int().min(0).max(88).optional(),
  civilian_targeting: z.boolean().optional(),
  tags: z.array(text(60)).max(20).optional(),
});

export const estimateSchema = z.strictObject({
  /** UCDP-style: deaths_a, deaths_b, deaths_civilians, deaths_unknown, injured. */
  kind: z.enum(['deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'injured']),
  low: z.number().int().min(0),
  best: z.number().int().min(0),
  high: z.number().int().min(0),
  source: text(300),
}).refine((e) => e.low <= e.best && e.best <= e.high, 'estimates need low <= best <= high');

export const casualtiesSchema = z.strictObject({
  /** ACLED: the most conservative reported figure; 0 when none reported. */
  fatalities: z.number().int().min(0),
  injured: z.number().int().min(0).optional(),
  estimates: z.array(estimateSchema).max(20).optional(),
});

export const incidentFiledSchema = z.strictObject({
  id: z.string().regex(INCIDENT_ID),
  title: text(300),
  channel: z.enum(CHANNELS),
  visibility: z.enum(VISIBILITIES),
  /** Who reported it; only mediators and the complainant's own organisation see it. */
  complainant_identity: text(300).optional(),
  accused_party: z.string().regex(ORG_ID).optional(),
  clause_refs: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,32}$/)).max(20),
  category: z.enum(VIOLATION_CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  event_date: isoDate,
  end_date: isoDate.optional(),
  /** ACLED time_precision: 1 day, 2 week, 3 month. */
  time_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  place: placeSchema,
  coding: codingSchema.optional(),
  casualties: casualtiesSchema.optional(),
  notes: z.string().max(20_000),
  source: text(500).optional(),
  source_scale: text(100).optional(),
});
export type IncidentFiled = z.infer<typeof incidentFiledSchema>;

export const incidentBodies = {
  'incident.filed': incidentFiledSchema,
} as const;
