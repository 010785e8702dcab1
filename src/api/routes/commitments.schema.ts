/** Request and response schemas of the commitment routes (validated input, documented output). */
import { z } from 'zod';
import { CLAUSE_REF } from '../../domain/entries/common.js';
import { COMMITMENT_ID, commitmentBodies, commitmentRegisteredSchema, KROC_STATUSES } from '../../domain/entries/commitment.js';
import { VISIBILITIES } from '../../domain/visibility.js';
import type { CommitmentStepAction } from '../../services/commitment-steps.js';

export const commitmentParams = z.object({ id: z.string().regex(COMMITMENT_ID, 'not a commitment id (COM-N)') });

export const registerCommitmentBody = commitmentRegisteredSchema
  .omit({ id: true, clause_version: true, remedy_of: true })
  .extend({
    /** Every commitment registered by hand implements a clause of the register. */
    clause_id: z.string().regex(CLAUSE_REF),
    conditional_on: commitmentRegisteredSchema.shape.conditional_on.optional()
      .describe('commitments of other parties this one is conditional on (reciprocity)'),
  });

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const csv = z.string().max(400).transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

export const listCommitmentsQuery = z.strictObject({
  party: z.string().max(32).optional(),
  clause: z.string().max(32).optional(),
  incident: z.string().max(32).optional().describe('commitments created from the remedies of this incident\'s finding'),
  status: csv.pipe(z.array(z.enum(KROC_STATUSES))).optional(),
  overdue: flag.optional(),
  suspended: flag.optional(),
});

const amendBody = z.strictObject({
  title: z.string().min(1).max(300).optional(),
  clause_id: z.string().regex(CLAUSE_REF).optional(),
  indicator: z.string().min(1).max(2000).optional(),
  evidence_required: z.string().min(1).max(2000).optional(),
  conditional_on: commitmentRegisteredSchema.shape.conditional_on.optional(),
  visibility: z.enum(VISIBILITIES).optional().describe('only widens'),
  reason: z.string().min(1).max(4000),
}).refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'nothing to change');

/** Each action: its URL below /api/commitments/:id/ and its body. */
export const COMMITMENT_STEP_ROUTES: Record<CommitmentStepAction, { path: string; summary: string; body: z.ZodType }> = {
  amend: { path: 'amendments', summary: 'Amend the terms of a commitment (mediators\' staff); the deadline changes only by extension', body: amendBody },
  extend: { path: 'extensions', summary: 'Grant a new deadline, with the reason (mediators\' staff)', body: commitmentBodies['commitment.extended'] },
  verify: { path: 'verifications', summary: 'Record a verification on the Kroc scale with its evidence (mediators\' staff, monitors): the current status', body: commitmentBodies['commitment.verified'] },
  self_report: { path: 'self-reports', summary: 'Report on one\'s own commitment (the obligated party): kept in the history, not the status', body: commitmentBodies['commitment.self_reported'] },
};

const loose = z.record(z.string(), z.unknown());
const deadline = z.union([z.object({ date: z.string() }), z.object({ relative_to: z.literal('d_day'), days: z.number() })]);

export const commitmentSummary = z.object({
  id: z.string(),
  title: z.string(),
  obligated_party: z.string(),
  clause_id: z.string().nullable(),
  status: z.enum(KROC_STATUSES),
  visibility: z.enum(VISIBILITIES),
  deadline,
  deadline_label: z.string(),
  due_date: z.string().nullable(),
  due_at: z.string().nullable(),
  due_note: z.string().nullable(),
  overdue: z.boolean(),
  suspended: z.boolean(),
  suspended_by: z.array(z.string()),
  conditional_on: z.array(z.string()),
  source_incident: z.string().nullable(),
  extension_count: z.number().int(),
  last_verified_at: z.string().nullable(),
  registered_at: z.string(),
  updated_at: z.string(),
  entry_index: z.number().int(),
  /** What the viewer may do now; the UI shows exactly these. */
  actions: z.array(z.string()),
});

const linked = z.object({
  id: z.string(), title: z.string(), obligated_party: z.string(), status: z.string(),
  due_date: z.string().nullable(), overdue: z.boolean(), suspended: z.boolean(), in_default: z.boolean(),
});

export const commitmentDetail = commitmentSummary.extend({
  clause_version: z.number().int().nullable(),
  indicator: z.string(),
  evidence_required: z.string(),
  notes: z.string().nullable(),
  remedy_of: loose.nullable(),
  original_deadline: deadline,
  registered: loose,
  reciprocity: z.object({
    chain: z.array(linked.extend({ via: z.string(), depth: z.number().int() })),
    required_by: z.array(linked),
  }),
  extensions: z.array(loose),
  verifications: z.array(loose),
  self_reports: z.array(loose),
  amendments: z.array(loose),
  timeline: z.array(z.object({
    index: z.number().int(), type: z.string(), org: z.string(), user: z.string(), at: z.string(), visibility: z.string(), body: loose,
  })),
});

export const commitmentList = z.object({
  d_day: z.string().nullable(),
  as_of: z.string(),
  items: z.array(commitmentSummary),
  total: z.number().int(),
  /** What the viewer may do that no listed commitment carries: `register` a new one, `set_d_day` (POST /api/clauses/d-day). */
  actions: z.array(z.enum(['register', 'set_d_day'])),
});

export const recordedCommitment = z.object({
  commitment: commitmentDetail,
  entry: z.object({ index: z.number().int(), type: z.string() }),
});
