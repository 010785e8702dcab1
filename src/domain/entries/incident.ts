/**
 * Body schemas of incident (complaint) entries. Field names in `place`,
 * `coding` and `casualties` are ACLED's / UCDP's (DOMAIN.md) so exports line
 * up with analysts' data. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { CLAUSE_REF, INCIDENT_ID, isoDate, orgId, text } from './common.js';

export { INCIDENT_ID };
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

/** A BCP 47 language tag, simple form: en, ps, fa-AF, ur, tr, ar. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

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
  accused_party: orgId.optional(),
  clause_refs: z.array(z.string().regex(CLAUSE_REF)).max(20),
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
  /** Language of title and notes as filed. */
  language: z.string().regex(LANGUAGE_TAG).optional(),
  /** The title and notes in other languages, keyed by language tag. */
  translations: z.record(z.string().regex(LANGUAGE_TAG), z.strictObject({
    title: text(300).optional(),
    notes: z.string().max(20_000).optional(),
  })).optional(),
});
export type IncidentFiled = z.infer<typeof incidentFiledSchema>;

export const incidentBodies = {
  'incident.filed': incidentFiledSchema,
  /**
   * Who reported it (a person, a unit, a hotline caller). Always its own
   * entry, sealed to the mediators, so a public complaint never puts the
   * complainant's identity in the log in clear (DOMAIN.md: sealed by default).
   */
  'incident.complainant_recorded': z.strictObject({ identity: text(300) }),
} as const;
