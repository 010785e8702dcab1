/**
 * Body schemas of the incident lifecycle steps (DOMAIN.md "Lifecycle"). The
 * incident is the entry's subject; which statuses each step may follow is in
 * src/domain/incident.ts. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { CLAUSE_REF, evidenceId, incidentId, orgId, text } from './common.js';
import { findingSchema } from './finding.js';
import { casualtiesSchema, codingSchema, LANGUAGE_TAG, placeSchema, SEVERITIES, VIOLATION_CATEGORIES } from './incident.js';

export const RESPONSE_POSITIONS = ['admit', 'deny', 'dispute_evidence', 'outside_control'] as const;
export const NOTE_KINDS = ['note', 'site_visit', 'interview', 'imagery_review', 'access_denied'] as const;

const clauseRefs = z.array(z.string().regex(CLAUSE_REF)).max(20);

export const triagedSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('accepted'),
    accused_party: orgId,
    clause_refs: clauseRefs.min(1),
    category: z.enum(VIOLATION_CATEGORIES),
    severity: z.enum(SEVERITIES),
    note: text(4000).optional(),
  }),
  z.strictObject({ decision: z.literal('rejected'), reason: text(4000) }),
  z.strictObject({ decision: z.literal('merged'), duplicate_of: incidentId, note: text(4000).optional() }),
]);

export const incidentStepBodies = {
  'incident.triaged': triagedSchema,
  /** Formal notice to the accused party; shares the complaint with the parties. */
  'incident.notice_sent': z.strictObject({ to: orgId, note: text(4000).optional() }),
  /** The accused party's signed acknowledgement of receipt. */
  'incident.acknowledged': z.strictObject({ note: text(4000).optional() }),
  'incident.responded': z.strictObject({
    position: z.enum(RESPONSE_POSITIONS),
    statement: text(20_000),
    counter_evidence: z.array(evidenceId).max(50),
  }),
  'incident.investigation_opened': z.strictObject({ team: z.array(orgId).max(10), note: text(4000).optional() }),
  /** Investigation record; "access_denied" names who denied access, and can itself be a violation. */
  'incident.investigation_noted': z.strictObject({
    kind: z.enum(NOTE_KINDS),
    text: text(20_000),
    denied_by: orgId.optional(),
  }).refine((n) => (n.kind === 'access_denied') === (n.denied_by !== undefined), 'access_denied names denied_by, and only it'),
  /** Corrections to coding, place, casualties or severity by the mediators' side. */
  'incident.coded': z.strictObject({
    coding: codingSchema.optional(),
    place: placeSchema.optional(),
    casualties: casualtiesSchema.optional(),
    severity: z.enum(SEVERITIES).optional(),
  }).refine((c) => Object.keys(c).length > 0, 'nothing to change'),
  'incident.finding_drafted': findingSchema,
  /** A party's comment on one draft (by its ledger index); dissent is kept with the finding. */
  'incident.finding_commented': z.strictObject({ draft_idx: z.number().int().min(0), dissent: z.boolean(), text: text(20_000) }),
  /** One mediator's signature on one draft: the signed entry binds the org to that exact draft. */
  'incident.finding_signed': z.strictObject({ draft_idx: z.number().int().min(0) }),
  'incident.remedy_recorded': z.strictObject({ note: text(4000) }),
  'incident.closed': z.strictObject({ reason: text(4000) }),
  /** Widens or narrows who may read the incident from now on (earlier sealed entries stay sealed). */
  'incident.visibility_changed': z.strictObject({ visibility: z.enum(VISIBILITIES), reason: text(4000) }),
  /**
   * A translation of the title and/or the account, given after filing by the
   * complainant's side or the mediators' staff. It sits beside the text as
   * filed and never replaces it (only the text as filed is the complaint); a
   * later translation into the same language supersedes the earlier one for
   * the fields it gives, and both stay on the timeline. The record names who
   * gave each language's translation (`by`, in order).
   */
  'incident.translated': z.strictObject({
    language: z.string().regex(LANGUAGE_TAG),
    title: text(300).optional(),
    notes: z.string().min(1).max(20_000).optional(),
  }).refine((b) => b.title !== undefined || b.notes !== undefined, 'a translation gives the title, the account (notes) or both'),
} as const;
export type IncidentStepType = keyof typeof incidentStepBodies;
