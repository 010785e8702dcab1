/**
 * What a viewer sees of a negotiation text (STYLE.md §5): output fields are
 * listed explicitly, and every object carries the actions the viewer may take
 * on it now. Services only call these after the text policy let the viewer
 * read the text; nothing here widens that.
 */
import type { PartyPosition, Positions } from '../domain/text-agreement.js';
import type { TextRecord } from '../domain/projections/text.js';
import type { Viewer } from '../domain/visibility.js';
import type { ActionRow, AgendaRow, TextRow, VersionRow } from '../store/repositories/texts.js';
import { agendaPolicy, textPolicy, versionPolicy, type TextFacts, type VersionFacts } from './text.js';

export function textFacts(row: TextRow): TextFacts {
  return { visibility: row.visibility, parties: row.parties as string[] };
}

export function versionFacts(doc: TextRow, v: VersionRow): VersionFacts {
  return { ...textFacts(doc), positions: v.positions as Positions };
}

export function presentTextSummary(row: TextRow, viewer: Viewer | undefined) {
  return {
    id: row.id,
    title: row.title,
    visibility: row.visibility,
    parties: row.parties as string[],
    created_by: row.created_by,
    created_at: row.created_at,
    latest_version: row.latest_version,
    /** The latest version put forward as final, if any. */
    last_final_version: row.last_final_version,
    /** The highest version every party has accepted (by hash) with none withdrawn; null when none. */
    agreed_version: row.agreed_version,
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: textPolicy.actionsFor(viewer, textFacts(row)) as string[],
  };
}

/** Each party's standing on the version, in the text's party order (pending when it has not acted). */
function presentPositions(doc: TextRow, v: VersionRow) {
  const positions = v.positions as Positions;
  return (doc.parties as string[]).map((org) => {
    const p: PartyPosition = positions[org] ?? { position: 'pending', idx: null, at: null, user: null };
    return { org, position: p.position, at: p.at, user: p.user, entry_index: p.idx };
  });
}

export function presentVersionSummary(doc: TextRow, v: VersionRow, viewer: Viewer | undefined) {
  return {
    document_id: v.document_id,
    number: v.number,
    hash: v.hash,
    based_on: v.based_on,
    final: v.final,
    note: v.note,
    proposed_by: v.proposed_by,
    proposed_user: v.proposed_user,
    proposed_at: v.proposed_at,
    agreed: v.agreed,
    positions: presentPositions(doc, v),
    entry_index: v.entry_index,
    actions: versionPolicy.actionsFor(viewer, versionFacts(doc, v)) as string[],
  };
}

export function presentVersion(doc: TextRow, v: VersionRow, viewer: Viewer | undefined) {
  return { ...presentVersionSummary(doc, v, viewer), clauses: v.clauses as Array<Record<string, unknown>> };
}

/** One signed action; `entry_index` is what a receipt (GET /api/receipts/…) proves. */
export function presentAction(a: ActionRow) {
  return {
    entry_index: a.idx, version: a.version, hash: a.hash, action: a.action, org: a.org, user: a.user_id, at: a.at,
    note: a.note, visibility: a.visibility,
  };
}

export function presentAgendaItem(doc: TextRow, item: AgendaRow, viewer: Viewer | undefined) {
  return {
    id: item.id,
    document_id: item.document_id,
    title: item.title,
    text: item.text,
    raised_by: item.raised_by,
    raised_user: item.raised_user,
    raised_at: item.raised_at,
    /** The version that had been put forward as final when the item was raised: a late item. */
    raised_after_version: item.raised_after_version,
    late: item.raised_after_version !== null,
    mandate: item.mandate as 'pending' | 'in_mandate' | 'out_of_mandate',
    ruling: item.ruling as Record<string, unknown> | null,
    entry_index: item.entry_index,
    actions: agendaPolicy.actionsFor(viewer, textFacts(doc)) as string[],
  };
}

export function presentText(
  doc: TextRow, versions: readonly VersionRow[], history: readonly ActionRow[], agenda: readonly AgendaRow[], viewer: Viewer | undefined,
) {
  const record = doc.record as TextRecord;
  return {
    ...presentTextSummary(doc, viewer),
    description: record.description,
    agreed_versions: record.agreed_versions,
    published: record.published,
    versions: versions.map((v) => presentVersionSummary(doc, v, viewer)),
    history: history.map(presentAction),
    agenda: agenda.map((i) => presentAgendaItem(doc, i, viewer)),
  };
}
