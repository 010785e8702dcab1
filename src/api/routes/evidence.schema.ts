/**
 * Schemas of the evidence routes. Uploads are multipart/form-data (one
 * `file` part plus text fields), so the fields are validated here after the
 * file has streamed through, not by Fastify's body validation.
 */
import { z } from 'zod';
import { EVIDENCE_ID } from '../../domain/entries/common.js';
import { EVIDENCE_KINDS } from '../../domain/entries/evidence.js';
import type { LodgeChoices } from '../../domain/evidence.js';
import { VISIBILITIES } from '../../domain/visibility.js';
import type { RedactionInput } from '../../services/evidence-custody.js';

export const evidenceParams = z.object({ id: z.string().regex(EVIDENCE_ID, 'not an evidence id (EV-YYYY-NNNNN)') });

const optional = (max: number) => z.string().min(1).max(max).optional();
const decimal = z.string().regex(/^-?\d{1,3}(\.\d{1,9})?$/, 'a decimal number').transform(Number);

/** Text fields of `POST /api/incidents/:id/evidence`. */
export const lodgeFields = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  visibility: z.enum(VISIBILITIES),
  description: optional(4000),
  /** RFC 3339, with a zone (stored in UTC) or without (stored as local clock time). */
  captured_at: optional(40),
  device: optional(200),
  latitude: decimal.pipe(z.number().min(-90).max(90)).optional(),
  longitude: decimal.pipe(z.number().min(-180).max(180)).optional(),
  /** ACLED geo_precision of the capture place: 1 exact, 2 near a named place, 3 region only. */
  geo_precision: z.enum(['1', '2', '3']).transform((v) => Number(v) as 1 | 2 | 3).optional(),
  location: optional(200),
})
  .refine((f) => (f.latitude === undefined) === (f.longitude === undefined), 'latitude and longitude go together')
  .refine((f) => (f.latitude === undefined) === (f.geo_precision === undefined), 'geo_precision goes with latitude and longitude')
  .refine((f) => f.location === undefined || f.latitude !== undefined, 'location goes with latitude and longitude')
  .transform((f): LodgeChoices => ({
    kind: f.kind,
    visibility: f.visibility,
    description: f.description,
    captured_at: f.captured_at,
    device: f.device,
    capture_place: f.latitude !== undefined && f.longitude !== undefined && f.geo_precision !== undefined
      ? { latitude: f.latitude, longitude: f.longitude, precision: f.geo_precision, ...(f.location ? { location: f.location } : {}) }
      : undefined,
  }));

/** Text fields of `POST /api/evidence/:id/redactions`. */
export const redactionFields = z.strictObject({
  visibility: z.enum(VISIBILITIES),
  description: optional(4000),
  note: optional(4000),
}).transform((f): RedactionInput => f);

const loose = z.record(z.string(), z.unknown());

export const evidenceSummary = z.object({
  id: z.string(),
  incident_id: z.string(),
  kind: z.string(),
  media_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  original_name: z.string(),
  description: z.string().nullable(),
  captured_at: z.string().nullable(),
  capture_place: loose.nullable(),
  device: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  sealed: z.boolean(),
  disclosed: z.boolean(),
  redacted_of: z.string().nullable(),
  lodged_org: z.string(),
  lodged_by: z.string(),
  lodged_at: z.string(),
  entry_index: z.number().int(),
  content_url: z.string(),
  /** What the viewer may do now (download, disclose, redact, read_custody). */
  actions: z.array(z.string()),
});

export const evidenceDetail = evidenceSummary.extend({
  metadata: loose,
  redactions: z.array(z.object({ id: z.string(), visibility: z.string(), lodged_at: z.string(), entry_index: z.number().int() })),
  disclosure: z.object({ index: z.number().int(), at: z.string(), org: z.string(), url: z.string() }).nullable(),
  /** The chain of custody, when the viewer may read it. */
  custody: z.array(z.object({
    index: z.number().int(), action: z.string(), org: z.string(), user: z.string(), at: z.string(), copy_id: z.string().nullable(),
  })).nullable(),
});

export const evidenceList = z.object({ items: z.array(evidenceSummary) });

/** `GET /api/evidence`: what to look for (in the id, the file name or the incident id) and how many. */
export const evidenceSearch = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const entryRef = z.object({ index: z.number().int(), type: z.string() });
export const recordedEvidence = z.object({ evidence: evidenceDetail, entry: entryRef });
export const recordedRedaction = z.object({ evidence: evidenceDetail, entries: z.array(entryRef) });

export const disclosureProof = z.object({
  evidence_id: z.string(),
  sha256: z.string(),
  content_url: z.string(),
  /** The sealed `evidence.lodged` entry: its canonical text carries the commitment `sealed`. */
  lodged: z.object({ index: z.number().int(), entry: z.string() }),
  /** The public `evidence.disclosed` entry. */
  disclosure: z.object({ index: z.number().int(), entry: z.string() }),
  /** Base64 salt and the body: SHA-256(salt || JCS(body)) must equal the lodged entry's `sealed`. */
  salt: z.string(),
  body: loose,
});
