/**
 * The penalty ladder and the penalties it leads to (DOMAIN.md "Penalty";
 * MISSION.md capability 5). The ladder is data — versioned rules agreed in
 * advance — and each penalty names the ladder version and rule it came
 * from. Which findings a rule matches, and when it fires, is pure code in
 * src/domain/penalty-ladder.ts. Part of the ledger format: see
 * src/domain/entries.ts.
 */
import { z } from 'zod';
import { INTENTS } from './finding.js';
import { CLAUSE_REF, incidentId, isoDate, orgId, text } from './common.js';
import { VIOLATION_CATEGORIES } from './incident.js';

export const PENALTY_ID = /^PEN-\d{1,7}$/;
export const RULE_ID = /^[A-Za-z0-9._-]{1,32}$/;
export const penaltyId = z.string().regex(PENALTY_ID);

/** Grades a rule may ask for at least; contested and discounted findings never count (src/domain/penalty-ladder.ts). */
export const RULE_GRADES = ['confirmed', 'fair', 'weak'] as const;

export const CONSEQUENCE_TYPES = ['public_naming', 'remedial_report', 'disciplinary_action', 'benefit_suspension', 'escalation'] as const;
export type ConsequenceType = (typeof CONSEQUENCE_TYPES)[number];

const days = z.number().int().min(1).max(365);

/** What a rule imposes. `days` counts from the mediators' confirmation. */
export const consequenceSchema = z.discriminatedUnion('type', [
  /** The mechanism names the party publicly as having violated the agreement. */
  z.strictObject({ type: z.literal('public_naming') }),
  /** The party owes a remedial report within `days`. */
  z.strictObject({ type: z.literal('remedial_report'), days }),
  /** The party reports, within `days`, the disciplinary action it took itself. */
  z.strictObject({ type: z.literal('disciplinary_action'), days }),
  /** A named reciprocal benefit the party enjoys is suspended for `days`. */
  z.strictObject({ type: z.literal('benefit_suspension'), days, benefit: text(300) }),
  /** The matter goes to the guarantors (mediator organisations) named. */
  z.strictObject({ type: z.literal('escalation'), escalate_to: z.array(orgId).min(1).max(10) }),
]);
export type Consequence = z.infer<typeof consequenceSchema>;

/**
 * One rule: issued findings of a violation by the same responsible party,
 * at least `min_grade`, optionally only for some clauses, incident
 * categories or intents; `count` of them within a rolling `window_days`
 * lead to `consequence`. A rule id names the same rule across ladder
 * versions: a finding that triggered rule X never triggers X again.
 */
export const ruleSchema = z.strictObject({
  id: z.string().regex(RULE_ID),
  title: text(300),
  min_grade: z.enum(RULE_GRADES),
  clauses: z.array(z.string().regex(CLAUSE_REF)).min(1).max(50).optional(),
  categories: z.array(z.enum(VIOLATION_CATEGORIES)).min(1).max(VIOLATION_CATEGORIES.length).optional(),
  intents: z.array(z.enum(INTENTS)).min(1).max(INTENTS.length).optional(),
  count: z.number().int().min(1).max(50),
  window_days: z.number().int().min(1).max(3650),
  consequence: consequenceSchema,
});
export type LadderRule = z.infer<typeof ruleSchema>;

export const ladderSchema = z.strictObject({
  /** 1 for the first ladder; each adoption supersedes the version before it. */
  version: z.number().int().min(1),
  title: text(300),
  /**
   * The first day (UTC) whose issued findings this version judges; by
   * default the adoption time. Agreed with the ladder, so an earlier date
   * is the parties' own choice, never the engine's.
   */
  applies_from: isoDate.optional(),
  rules: z.array(ruleSchema).min(1).max(100)
    .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids must be unique'),
  note: text(4000).optional(),
});
export type LadderBody = z.infer<typeof ladderSchema>;

export const penaltyBodies = {
  /** A new version of the ladder; the subject is 'penalty-ladder'. */
  'penalty.ladder_adopted': ladderSchema,
  /**
   * The engine's proposal (recorded by the secretariat as "system" when a
   * finding is issued or a ladder adopted): `rule_id` of ladder `ladder_version`
   * fired for `party` on these issued findings (incident ids).
   */
  'penalty.proposed': z.strictObject({
    id: penaltyId,
    party: orgId,
    ladder_version: z.number().int().min(1),
    rule_id: z.string().regex(RULE_ID),
    trigger_findings: z.array(incidentId).min(1).max(50),
  }),
  /** A mediator confirms the proposal; any due date runs from now. */
  'penalty.confirmed': z.strictObject({ note: text(4000).optional() }),
  /** A mediator dismisses the proposal, saying why. */
  'penalty.dismissed': z.strictObject({ reason: text(4000) }),
  /** The penalised party submits its remedial report or reports its disciplinary action. */
  'penalty.complied': z.strictObject({ report: text(20_000) }),
  /** The mediators' side records that the due date passed without the party complying. */
  'penalty.lapsed': z.strictObject({ note: text(4000) }),
} as const;
export type PenaltyEntryType = keyof typeof penaltyBodies;

export const LADDER_SUBJECT = 'penalty-ladder';
