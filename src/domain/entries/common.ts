/** Field schemas shared by entry bodies. Part of the ledger format: see src/domain/entries.ts. */
import { z } from 'zod';

export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;
export const USER_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const CLAUSE_REF = /^[A-Za-z0-9._-]{1,32}$/;
export const INCIDENT_ID = /^INC-\d{4}-\d{4,6}$/;
export const EVIDENCE_ID = /^EV-\d{4}-\d{4,7}$/;

/** Non-empty text of at most `max` UTF-16 code units. */
export const text = (max: number) => z.string().min(1).max(max);

/** A calendar date, 'YYYY-MM-DD', that exists (2025-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00.000Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  }, 'not a calendar date');

/** An RFC 3339 UTC time with milliseconds, as entries' "at" (e.g. 2025-10-30T12:00:00.000Z). */
export const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine((t) => {
    const ms = Date.parse(t);
    return Number.isFinite(ms) && new Date(ms).toISOString() === t;
  }, 'not a valid UTC time');

export const orgId = z.string().regex(ORG_ID);
export const incidentId = z.string().regex(INCIDENT_ID);
export const evidenceId = z.string().regex(EVIDENCE_ID);
