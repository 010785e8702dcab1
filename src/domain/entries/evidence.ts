/**
 * Body schemas of evidence entries (DOMAIN.md "Evidence"): lodging, and the
 * chain of custody — every view, download, redaction and disclosure is its
 * own signed entry, so "who had it, when" is in the log. The file itself is
 * never in the log, only its SHA-256 (ARCHITECTURE.md "Storage").
 *
 * Part of the public ledger format (see src/domain/entries.ts): entries are
 * signed and hashed into the log, so never change or remove a field here;
 * add optional ones. Evidence lodged sealed (visibility mediators or
 * parties) puts only a salted commitment in the log; `evidence.disclosed`
 * later publishes the salt and body so anyone can check them against it.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { evidenceId, incidentId, isoTime, text } from './common.js';

export const EVIDENCE_KINDS = ['photo', 'video', 'imagery', 'document', 'statement', 'sensor', 'open-source'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A media type as sniffed from the content, e.g. image/jpeg (RFC 6838 §4.2 names). */
export const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * When the content was captured: an RFC 3339 UTC time with milliseconds when
 * the instant is known, or the clock time at the place ('YYYY-MM-DDTHH:MM:SS',
 * no zone) when only that is known — as EXIF records it without
 * OffsetTimeOriginal. The zone is never guessed.
 */
export const capturedAt = z.union([
  isoTime,
  z.string().regex(LOCAL_TIME).refine((t) => {
    const ms = Date.parse(`${t}Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(t);
  }, 'not a valid local date-time'),
]);

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const altitude = z.number().min(-12_000).max(100_000);

/** Where it was captured; `precision` is ACLED geo_precision (1 exact, 2 near a named place, 3 region only). */
export const capturePlaceSchema = z.strictObject({
  latitude,
  longitude,
  altitude: altitude.optional(),
  precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  location: text(200).optional(),
});
export type CapturePlace = z.infer<typeof capturePlaceSchema>;

/** Capture metadata read from the file itself (EXIF, CIPA DC-008), as found; empty when there is none. */
export const extractedMetadataSchema = z.strictObject({
  make: text(200).optional(),
  model: text(200).optional(),
  software: text(200).optional(),
  /** DateTimeOriginal as local clock time, 'YYYY-MM-DDTHH:MM:SS'. */
  date_time_original: z.string().regex(LOCAL_TIME).optional(),
  /** OffsetTimeOriginal, e.g. '+04:30'. */
  offset_time_original: z.string().regex(/^[+-]\d{2}:\d{2}$/).optional(),
  gps: z.strictObject({ latitude, longitude, altitude: altitude.optional() }).optional(),
  width: z.number().int().min(0).optional(),
  height: z.number().int().min(0).optional(),
});
export type ExtractedMetadata = z.infer<typeof extractedMetadataSchema>;

export const evidenceLodgedSchema = z.strictObject({
  id: evidenceId,
  incident_id: incidentId,
  kind: z.enum(EVIDENCE_KINDS),
  sha256: z.string().regex(SHA256_HEX),
  size: z.number().int().min(0),
  media_type: z.string().regex(MEDIA_TYPE),
  /** The uploader's file name, as a label only. */
  original_name: text(200),
  /** The uploader's value when given, otherwise the file's metadata. */
  captured_at: capturedAt.optional(),
  capture_place: capturePlaceSchema.optional(),
  device: text(200).optional(),
  metadata: extractedMetadataSchema,
  description: text(4000).optional(),
  visibility: z.enum(VISIBILITIES),
  /** Set on a redacted copy: the evidence it was made from. */
  redacted_of: evidenceId.optional(),
});
export type EvidenceLodged = z.infer<typeof evidenceLodgedSchema>;

export const evidenceDisclosedSchema = z.strictObject({
  evidence_id: evidenceId,
  /** Ledger index of the sealed `evidence.lodged` entry this opens. */
  of_index: z.number().int().min(0),
  /** The seal's 32-byte salt, standard base64 (RFC 4648 §4). */
  salt: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** The lodged body, exactly: sealed = hex(SHA-256(salt || JCS(body))) (src/ledger/entry.ts). */
  body: evidenceLodgedSchema,
});
export type EvidenceDisclosed = z.infer<typeof evidenceDisclosedSchema>;

/** Entry types of the chain of custody; the subject is always the evidence id. */
export const evidenceBodies = {
  'evidence.lodged': evidenceLodgedSchema,
  /** Someone read the evidence record (non-public evidence only). */
  'evidence.viewed': z.strictObject({}),
  /** Someone downloaded the file; names the bytes served. */
  'evidence.downloaded': z.strictObject({ sha256: z.string().regex(SHA256_HEX) }),
  /** Recorded on the original: a redacted copy was lodged (the copy's own entry names the original). */
  'evidence.redaction_made': z.strictObject({ copy_id: evidenceId, note: text(4000).optional() }),
  /** Recorded public: the salt and body of the sealed lodging, for anyone to check. */
  'evidence.disclosed': evidenceDisclosedSchema,
} as const;
export type EvidenceEntryType = keyof typeof evidenceBodies;

/** The custody action each entry type is, as the chain of custody lists it. */
export const CUSTODY_ACTION: Record<EvidenceEntryType, string> = {
  'evidence.lodged': 'lodged',
  'evidence.viewed': 'viewed',
  'evidence.downloaded': 'downloaded',
  'evidence.redaction_made': 'redaction_made',
  'evidence.disclosed': 'disclosed',
};
