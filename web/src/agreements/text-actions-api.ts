/**
 * The writes on negotiation texts as the browser sends them: open a text,
 * propose a version, publish, raise an agenda item, rule on one
 * (src/api/routes/texts.schema.ts, text-agenda.schema.ts). Bodies and limits
 * are copied from those schemas (the bundle does not pull in zod);
 * text-forms/limits.test.ts fails when they drift. Each answer carries the
 * ledger entry the write was recorded as.
 */
import { getJson, send } from '../api.js';
import type { AgendaItem, TextDetail, TextSummary, VersionSummary } from './api.js';

/** A clause of a version's tree (src/domain/text.ts ClauseNode). */
export interface ClauseNode {
  id: string;
  title?: string | undefined;
  text: string;
  children?: ClauseNode[] | undefined;
}

export interface VersionDetail extends VersionSummary {
  clauses: ClauseNode[];
}

export interface Entry {
  index: number;
  type: string;
}

export interface NewTextBody {
  title: string;
  description?: string;
  visibility?: 'parties' | 'public';
  parties?: string[];
}

export interface ProposeBody {
  clauses: ClauseNode[];
  based_on?: number;
  final?: boolean;
  note?: string;
}

export type Mandate = 'in_mandate' | 'out_of_mandate';

const enc = encodeURIComponent;

export const textActionsApi = {
  version: (id: string, n: number) => getJson<VersionDetail>(`/api/texts/${enc(id)}/versions/${n}`),
  open: (body: NewTextBody) => send<{ text: TextDetail; entry: Entry }>('POST', '/api/texts', body),
  propose: (id: string, body: ProposeBody) =>
    send<{ text: TextSummary; version: VersionDetail; entry: Entry }>('POST', `/api/texts/${enc(id)}/versions`, body),
  publish: (id: string, reason: string) => send<{ text: TextDetail; entry: Entry }>('POST', `/api/texts/${enc(id)}/publication`, { reason }),
  raise: (documentId: string, title: string, text: string) =>
    send<{ item: AgendaItem; entry: Entry }>('POST', '/api/agenda', { document_id: documentId, title, text }),
  rule: (itemId: string, mandate: Mandate, reason: string) =>
    send<{ item: AgendaItem; entry: Entry }>('POST', `/api/agenda/${enc(itemId)}/ruling`, { mandate, reason }),
};
