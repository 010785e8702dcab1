/**
 * Commitments (DOMAIN.md "Commitment"; MISSION.md capability 4): who owes
 * what under which clause, by when, how it is measured, and how far it has
 * got on the Kroc Institute's implementation scale. The rules that tie the
 * entries together (due dates, reciprocity, overdue) are pure code in
 * src/domain/commitment.ts. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { CLAUSE_REF, evidenceId, incidentId, isoDate, orgId, text } from './common.js';

/** COM-1, COM-2, … numbered in the order registered (src/domain/projections/counters.ts, key 'COM'). */
export const COMMITMENT_ID = /^COM-[1-9]\d{0,6}$/;
export const commitmentId = z.string().regex(COMMITMENT_ID);

/** The Kroc Institute (Peace Accords Matrix) implementation scale. */
export const KROC_STATUSES = ['not_started', 'minimal', 'intermediate', 'complete'] as const;
export type KrocStatus = (typeof KROC_STATUSES)[number];

/**
 * A deadline: a calendar day (due by its end, UTC), or a number of days
 * after the ceasefire's D-day ("D+30"), resolved when D-day is known.
 */
export const deadlineSchema = z.union([
  z.strictObject({ date: isoDate }),
  z.strictObject({ relative_to: z.literal('d_day'), days: z.number().int().min(-365).max(3650) }),
]);
export type Deadline = z.infer<typeof deadlineSchema>;

const conditions = z.array(commitmentId).max(10)
  .refine((ids) => new Set(ids).size === ids.length, 'a commitment is named once in conditional_on');

export const commitmentRegisteredSchema = z.strictObject({
  id: commitmentId,
  title: text(300),
  /** The clause the commitment implements; remedies of a finding that names no clause have none. */
  clause_id: z.string().regex(CLAUSE_REF).optional(),
  /** The clause's version in force when the commitment was registered. */
  clause_version: z.number().int().min(1).optional(),
  obligated_party: orgId,
  /** What is measured to decide the commitment is met. */
  indicator: text(2000),
  /** What evidence a verification needs. */
  evidence_required: text(2000),
  deadline: deadlineSchema,
  /** Other parties' commitments this one is conditional on (reciprocity). */
  conditional_on: conditions,
  visibility: z.enum(VISIBILITIES),
  /** Set when the commitment is a required remedy of an issued finding: the incident and the remedy's index. */
  remedy_of: z.strictObject({ incident_id: incidentId, remedy: z.number().int().min(0).max(29) }).optional(),
  notes: text(4000).optional(),
});
export type CommitmentRegistered = z.infer<typeof commitmentRegisteredSchema>;

export const commitmentBodies = {
  'commitment.registered': commitmentRegisteredSchema,
  /** Changes to the terms (never the deadline: that is an extension). Visibility only widens. */
  'commitment.amended': z.strictObject({
    title: text(300).optional(),
    clause_id: z.string().regex(CLAUSE_REF).optional(),
    clause_version: z.number().int().min(1).optional(),
    indicator: text(2000).optional(),
    evidence_required: text(2000).optional(),
    conditional_on: conditions.optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    reason: text(4000),
  }).refine((b) => Object.keys(b).some((k) => k !== 'reason' && k !== 'clause_version'), 'nothing to change'),
  /** A new deadline granted by the mediators' side, with the reason; earlier deadlines stay in the history. */
  'commitment.extended': z.strictObject({ deadline: deadlineSchema, reason: text(4000) }),
  /** A mediator's or monitor's assessment on the Kroc scale, with the evidence it rests on: the current status. */
  'commitment.verified': z.strictObject({
    status: z.enum(KROC_STATUSES),
    evidence: z.array(evidenceId).max(50),
    note: text(4000),
  }),
  /** The obligated party's own report of its progress: kept in the history, never the current status. */
  'commitment.self_reported': z.strictObject({
    status: z.enum(KROC_STATUSES),
    evidence: z.array(evidenceId).max(50),
    note: text(4000),
  }),
} as const;
export type CommitmentEntryType = keyof typeof commitmentBodies;
