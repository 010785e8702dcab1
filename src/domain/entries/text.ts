/**
 * Body schemas of negotiation text entries (DOMAIN.md "Negotiation text").
 * Every entry about a text has the text's id (TXT-YYYY-NNNN) as its subject,
 * agenda items included, so one subject holds a negotiation's whole record.
 * A party's accept / reject / retract names the version number AND its hash
 * (src/domain/text.ts): the org-signed entry binds that party to those exact
 * words. Part of the ledger format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { AGENDA_ID, clauseTreeProblem, TEXT_ID, type ClauseNode } from '../text.js';
import { CLAUSE_REF, orgId, text } from './common.js';

export { AGENDA_ID, TEXT_ID };
/** Who may read a text: its parties and the mediators' side, or (once published) anyone. */
export const TEXT_VISIBILITIES = ['parties', 'public'] as const;
export const MANDATE_RULINGS = ['in_mandate', 'out_of_mandate'] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
const versionNumber = z.number().int().min(1).max(100_000);

export const clauseNodeSchema: z.ZodType<ClauseNode> = z.strictObject({
  id: z.string().regex(CLAUSE_REF),
  title: z.string().max(300).optional(),
  text: z.string().max(8000),
  get children() {
    return z.array(clauseNodeSchema).max(200).optional();
  },
});

export const clauseTreeSchema = z.array(clauseNodeSchema).max(200).superRefine((clauses, ctx) => {
  const problem = clauseTreeProblem(clauses);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const partyActionBody = z.strictObject({
  version: versionNumber,
  hash: sha256Hex,
  note: text(4000).optional(),
});

export const textBodies = {
  /** A negotiation text is opened by the mediators' side, naming the parties whose acceptance agreement needs. */
  'text.document_created': z.strictObject({
    id: z.string().regex(TEXT_ID),
    title: text(300),
    description: text(4000).optional(),
    parties: z.array(orgId).min(1).max(10).refine((p) => new Set(p).size === p.length, 'parties are listed once each'),
    visibility: z.enum(TEXT_VISIBILITIES),
  }),
  /** A new version: the whole clause tree, numbered after the last one, with its hash. */
  'text.version_proposed': z.strictObject({
    number: versionNumber,
    hash: sha256Hex,
    clauses: clauseTreeSchema,
    /** The version this one was drafted from (default: the previous one). */
    based_on: versionNumber.optional(),
    /** Put forward as the final text (the "is this final?" moment). */
    final: z.boolean(),
    note: text(4000).optional(),
  }),
  'text.accepted': partyActionBody,
  'text.rejected': partyActionBody,
  /** Withdraws this party's earlier acceptance of the version. */
  'text.retracted': partyActionBody,
  /** From now on anyone may read the text and its record (earlier sealed entries stay sealed in the log). */
  'text.published': z.strictObject({ reason: text(4000) }),
  'text.agenda_item_raised': z.strictObject({
    id: z.string().regex(AGENDA_ID),
    title: text(300),
    text: text(8000),
  }),
  /** The mediators' ruling on whether an item is within the mechanism's mandate (may be revised). */
  'text.agenda_item_ruled': z.strictObject({
    item_id: z.string().regex(AGENDA_ID),
    mandate: z.enum(MANDATE_RULINGS),
    reason: text(4000),
  }),
} as const;
export type TextEntryType = keyof typeof textBodies;
