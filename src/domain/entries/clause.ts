/**
 * The agreement register: versioned clauses and the ceasefire's D-day
 * (DOMAIN.md "Commitment": deadlines may count from D-day). The clauses a
 * workspace starts with come from `workspace.configured` and count as
 * version 1; each amendment adds the next version and replaces the clause's
 * current text in the workspace configuration, so incidents and findings
 * keep citing the same clause id (CLAUSE_REF). Part of the ledger format:
 * see src/domain/entries.ts.
 */
import { z } from 'zod';
import { CLAUSE_REF, isoDate, text } from './common.js';

/** Subject of agreement-wide entries (the D-day). */
export const AGREEMENT_SUBJECT = 'agreement';

export const clauseBodies = {
  /**
   * Version `version` of clause `id` (the subject). Version 1 registers a
   * clause the workspace does not have yet; a clause from the workspace
   * configuration is version 1 already, so its first amendment is version 2.
   */
  'clause.versioned': z.strictObject({
    id: z.string().regex(CLAUSE_REF),
    version: z.number().int().min(1).max(10_000),
    title: text(200),
    text: text(4000),
    /** Why the text changed, e.g. the round that agreed it. */
    reason: text(2000),
    /** The day the parties agreed this version, when known. */
    agreed_on: isoDate.optional(),
  }),
  /** The day the ceasefire took effect: deadlines "D+N" count from it. Setting it again corrects it. */
  'agreement.d_day_set': z.strictObject({ d_day: isoDate, reason: text(2000) }),
} as const;
export type ClauseEntryType = keyof typeof clauseBodies;
