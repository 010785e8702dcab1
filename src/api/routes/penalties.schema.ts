/** Request and response schemas of the penalty ladder and penalty routes. */
import { z } from 'zod';
import { INCIDENT_ID } from '../../domain/entries/common.js';
import { consequenceSchema, ladderSchema, PENALTY_ID, penaltyBodies, ruleSchema } from '../../domain/entries/penalties.js';
import { PENALTY_STATUSES } from '../../domain/penalty-ladder.js';
import { VISIBILITIES } from '../../domain/visibility.js';
import type { PenaltyStepAction } from '../../policy/penalty.js';

export const adoptLadderBody = ladderSchema.omit({ version: true }).extend({
  supersedes: z.number().int().min(0).optional()
    .describe('the version the client read as in force (0 when none); refused with 409 if another was adopted since'),
});

export const ladderParams = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const ladderVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  applies_from: z.string(),
  rules: z.array(ruleSchema),
  note: z.string().nullable(),
  adopted_at: z.string(),
  adopted_by: z.string(),
  superseded_at: z.string().nullable(),
  in_force: z.boolean(),
});

export const ladderVersions = z.object({ current: z.number().int().nullable(), versions: z.array(ladderVersion) });

export const adoptedLadder = z.object({
  ladder: ladderVersion,
  /** Penalties the new version proposed at once, over the findings it judges. */
  proposed: z.array(z.string()),
  entry: z.object({ index: z.number().int(), type: z.string() }),
});

export const penaltyParams = z.object({ id: z.string().regex(PENALTY_ID, 'not a penalty id (PEN-N)') });

const csv = z.string().max(200).transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean));

export const listPenaltiesQuery = z.strictObject({
  party: z.string().max(32).optional(),
  status: csv.pipe(z.array(z.enum(PENALTY_STATUSES))).optional(),
  incident: z.string().regex(INCIDENT_ID).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const loose = z.record(z.string(), z.unknown());

export const penaltySummary = z.object({
  id: z.string(),
  party: z.string(),
  status: z.enum(PENALTY_STATUSES),
  visibility: z.enum(VISIBILITIES),
  ladder_version: z.number().int(),
  rule_id: z.string(),
  rule_title: z.string(),
  consequence: consequenceSchema,
  trigger_findings: z.array(z.object({ incident_id: z.string(), issued_at: z.string(), grade: z.string(), clause_violated: z.string().nullable() })),
  proposed_at: z.string(),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  due_at: z.string().nullable(),
  /** Confirmed, a report is owed, and the due date has passed (server clock). */
  overdue: z.boolean(),
  updated_at: z.string(),
  entry_index: z.number().int(),
  /** What the viewer may do now; the UI shows exactly these. */
  actions: z.array(z.string()),
});

export const penaltyDetail = penaltySummary.extend({
  confirmation: loose.nullable(),
  dismissal: loose.nullable(),
  compliance: loose.nullable(),
  lapse: loose.nullable(),
  timeline: z.array(z.object({
    index: z.number().int(), type: z.string(), org: z.string(), user: z.string(), at: z.string(), visibility: z.string(), body: loose,
  })),
});

export const penaltyList = z.object({ items: z.array(penaltySummary), total: z.number().int() });

export const recordedPenalty = z.object({ penalty: penaltyDetail, entry: z.object({ index: z.number().int(), type: z.string() }) });

/** Each step: its URL below /api/penalties/:id/ and its body. */
export const PENALTY_STEP_ROUTES: Record<PenaltyStepAction, { path: string; summary: string; body: z.ZodType }> = {
  confirm: { path: 'confirmation', summary: 'Confirm a proposed penalty (a mediator); due dates run from now', body: penaltyBodies['penalty.confirmed'] },
  dismiss: { path: 'dismissal', summary: 'Dismiss a proposed penalty, with the reason (a mediator)', body: penaltyBodies['penalty.dismissed'] },
  comply: { path: 'compliance', summary: 'Submit the remedial report or report the disciplinary action taken (the penalised party)', body: penaltyBodies['penalty.complied'] },
  record_lapse: { path: 'lapse', summary: 'Record that the due date passed without compliance (mediators\' staff)', body: penaltyBodies['penalty.lapsed'] },
};
