/**
 * The finding mediators draft, parties comment on and each mediator signs
 * (DOMAIN.md "Finding"; grades after the Airwars method). Part of the ledger
 * format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { CLAUSE_REF, isoDate, orgId, text } from './common.js';

export const DETERMINATIONS = [
  'violation', 'no_violation', 'insufficient_evidence', 'unverifiable_access_denied', 'outside_mandate', 'withdrawn',
] as const;
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export const CONFIDENCE = ['high', 'medium', 'low'] as const;
export const INTENTS = ['deliberate', 'accidental', 'unauthorised_local_action', 'undetermined'] as const;

export const remedySchema = z.strictObject({
  description: text(2000),
  obligated_party: orgId,
  due_date: isoDate.optional(),
});

/** The finding's fields; `findingSchema` adds the rule that ties them together. */
export const findingFields = z.strictObject({
  determination: z.enum(DETERMINATIONS),
  clause_violated: z.string().regex(CLAUSE_REF).optional(),
  responsible_party: orgId.optional(),
  attribution_confidence: z.enum(CONFIDENCE),
  intent: z.enum(INTENTS).optional(),
  grade: z.enum(GRADES),
  summary: text(20_000),
  methods: z.array(text(500)).max(30),
  recommendations: z.array(text(2000)).max(30),
  /** Each becomes a commitment of the obligated party once the finding is issued. */
  required_remedies: z.array(remedySchema).max(30),
  /** Who may read the finding once issued. */
  publication: z.enum(VISIBILITIES),
  /**
   * The mediator organisations whose signatures issue the finding: every
   * mediator registered when it was drafted. Recorded in the draft so that a
   * replay of the log reaches the same decision without any other state.
   */
  signers: z.array(orgId).min(1).max(10),
});

/** A violation names who is responsible and which clause was violated. */
export const violationNamed = (f: { determination: string; responsible_party?: string; clause_violated?: string }) =>
  f.determination !== 'violation' || (f.responsible_party !== undefined && f.clause_violated !== undefined);
export const VIOLATION_NAMED_MESSAGE = 'a violation names the responsible party and the clause violated';

export const findingSchema = findingFields.refine(violationNamed, VIOLATION_NAMED_MESSAGE);
export type Finding = z.infer<typeof findingSchema>;
