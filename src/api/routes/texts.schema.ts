/** Request and response schemas of the negotiation text routes (validated input, documented output). */
import { z } from 'zod';
import { ORG_ID } from '../../domain/entries/common.js';
import { clauseTreeSchema, TEXT_ID, TEXT_VISIBILITIES } from '../../domain/entries/text.js';
import { PARTY_ACTIONS } from '../../domain/text-agreement.js';

export const textParams = z.object({ id: z.string().regex(TEXT_ID, 'not a text id (TXT-YYYY-NNNN)') });
const versionNumber = z.coerce.number().int().min(1).max(100_000);
export const versionParams = textParams.extend({ number: versionNumber });

export const createTextBody = z.strictObject({
  title: z.string().min(1).max(300),
  description: z.string().min(1).max(4000).optional(),
  visibility: z.enum(TEXT_VISIBILITIES).optional().describe('parties (default): its parties and the mediators\' side; public: anyone'),
  parties: z.array(z.string().regex(ORG_ID)).min(1).max(10)
    .refine((ps) => new Set(ps).size === ps.length, 'name each party once')
    .optional().describe('default: every registered party organisation'),
});

export const proposeBody = z.strictObject({
  clauses: clauseTreeSchema.describe('the whole clause tree; clause ids stay the same across versions'),
  based_on: z.number().int().min(1).optional(),
  final: z.boolean().optional().describe('put forward as the final text'),
  note: z.string().min(1).max(4000).optional(),
});

/** No `org`: a party only ever acts for its own organisation, whose key signs the entry. */
export const actionBody = z.strictObject({
  action: z.enum(PARTY_ACTIONS),
  version: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'the version\'s hash as GET …/versions/N returns it').describe('the SHA-256 of the version you read; refused with 409 if it is not the recorded one'),
  note: z.string().min(1).max(4000).optional(),
});

export const publishBody = z.strictObject({ reason: z.string().min(1).max(4000) });

export const diffQuery = z.strictObject({ from: versionNumber, to: versionNumber });
export const historyQuery = z.strictObject({ version: versionNumber.optional() });

const loose = z.record(z.string(), z.unknown());
const entry = z.object({ index: z.number().int(), type: z.string() });

export const textSummary = z.object({
  id: z.string(),
  title: z.string(),
  visibility: z.string(),
  parties: z.array(z.string()),
  created_by: z.string(),
  created_at: z.string(),
  latest_version: z.number().int(),
  last_final_version: z.number().int().nullable(),
  agreed_version: z.number().int().nullable(),
  updated_at: z.string(),
  entry_index: z.number().int(),
  /** What the viewer may do now; the UI shows exactly these. */
  actions: z.array(z.string()),
});

export const versionSummary = z.object({
  document_id: z.string(),
  number: z.number().int(),
  hash: z.string(),
  based_on: z.number().int().nullable(),
  final: z.boolean(),
  note: z.string().nullable(),
  proposed_by: z.string(),
  proposed_user: z.string(),
  proposed_at: z.string(),
  agreed: z.boolean(),
  positions: z.array(z.object({
    org: z.string(), position: z.enum(['pending', 'accepted', 'rejected', 'retracted']),
    at: z.string().nullable(), user: z.string().nullable(), entry_index: z.number().int().nullable(),
  })),
  entry_index: z.number().int(),
  actions: z.array(z.string()),
});

export const versionDetail = versionSummary.extend({ clauses: z.array(loose) });

export const actionItem = z.object({
  entry_index: z.number().int(), version: z.number().int(), hash: z.string(), action: z.string(), org: z.string(),
  user: z.string(), at: z.string(), note: z.string().nullable(), visibility: z.string(),
});

export const agendaItem = z.object({
  id: z.string(),
  document_id: z.string(),
  title: z.string(),
  text: z.string(),
  raised_by: z.string(),
  raised_user: z.string(),
  raised_at: z.string(),
  raised_after_version: z.number().int().nullable(),
  late: z.boolean(),
  mandate: z.enum(['pending', 'in_mandate', 'out_of_mandate']),
  ruling: loose.nullable(),
  entry_index: z.number().int(),
  actions: z.array(z.string()),
});

export const textDetail = textSummary.extend({
  description: z.string().nullable(),
  agreed_versions: z.array(z.number().int()),
  published: loose.nullable(),
  versions: z.array(versionSummary),
  history: z.array(actionItem),
  agenda: z.array(agendaItem),
});

export const textList = z.object({
  items: z.array(textSummary),
  total: z.number().int(),
  /** What the viewer may do that no listed text carries: `open` a new one. */
  actions: z.array(z.enum(['open'])),
});
export const historyList = z.object({ items: z.array(actionItem) });
export const recordedText = z.object({ text: textDetail, entry });
export const recordedVersion = z.object({ text: textSummary, version: versionDetail, entry });

const versionRef = z.object({ number: z.number().int(), hash: z.string(), proposed_by: z.string(), proposed_at: z.string(), agreed: z.boolean() });
const clauseState = z.object({ parent: z.string().nullable(), title: z.string().nullable(), text: z.string() }).nullable();
const attribution = z.object({ version: z.number().int(), org: z.string(), at: z.string() });

export const textDiff = z.object({
  document_id: z.string(),
  from: versionRef,
  to: versionRef,
  summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  changes: z.array(z.object({
    clause_id: z.string(),
    change: z.enum(['added', 'removed', 'changed']),
    fields: z.array(z.enum(['title', 'text', 'parent', 'position'])),
    before: clauseState,
    after: clauseState,
    introduced_in: attribution,
    changed_in: z.array(attribution),
  })),
});
