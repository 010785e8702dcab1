/**
 * SQL for negotiation texts. Lists take a TextScope (who may read what);
 * helpers without one say `unsafe`: callers authorise with the text policy
 * (src/policy/text.ts) before showing what they return.
 */
import { sql } from 'kysely';
import { versionKey } from '../../domain/text.js';
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

export interface TextRow {
  id: string;
  title: string;
  visibility: string;
  parties: unknown;
  created_by: string;
  created_at: string;
  latest_version: number;
  last_final_version: number | null;
  agreed_version: number | null;
  updated_at: string;
  record: unknown;
  entry_index: number;
}

export interface VersionRow {
  id: string;
  document_id: string;
  number: number;
  hash: string;
  clauses: unknown;
  based_on: number | null;
  final: boolean;
  note: string | null;
  proposed_by: string;
  proposed_user: string;
  proposed_at: string;
  positions: unknown;
  agreed: boolean;
  entry_index: number;
}

export interface ActionRow {
  idx: number;
  document_id: string;
  version: number;
  hash: string;
  action: string;
  org: string;
  user_id: string;
  at: string;
  note: string | null;
  visibility: string;
}

export interface AgendaRow {
  id: string;
  document_id: string;
  title: string;
  text: string;
  raised_by: string;
  raised_user: string;
  raised_at: string;
  raised_after_version: number | null;
  mandate: string;
  ruling: unknown;
  entry_index: number;
}

/** 'all' (the mediators' side), or public texts plus those naming `party` among their parties. */
export type TextScope = 'all' | { party?: string };

/** A keyed read, answered from the writer's batch inside one. */
export async function unsafeFindText(db: Db, id: string): Promise<TextRow | undefined> {
  return (await findRow(db, { table: 'text_documents', key: id })) as TextRow | undefined;
}

export async function unsafeFindVersion(db: Db, documentId: string, number: number): Promise<VersionRow | undefined> {
  return (await findRow(db, { table: 'text_versions', key: versionKey(documentId, number) })) as VersionRow | undefined;
}

export async function unsafeFindAgendaItem(db: Db, id: string): Promise<AgendaRow | undefined> {
  return (await findRow(db, { table: 'text_agenda_items', key: id })) as AgendaRow | undefined;
}

/** Texts the scope may read, most recently changed first. */
export async function listTexts(db: Db, scope: TextScope): Promise<TextRow[]> {
  let q = db.selectFrom('text_documents').selectAll();
  if (scope !== 'all') {
    const party = scope.party;
    q = q.where((eb) => eb.or([
      eb('visibility', '=', 'public'),
      ...(party ? [sql<boolean>`parties @> ${JSON.stringify([party])}::jsonb`] : []),
    ]));
  }
  return (await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute()) as TextRow[];
}

/** Every version of a text, oldest first (with their clause trees). */
export async function unsafeVersionsOf(db: Db, documentId: string): Promise<VersionRow[]> {
  return (await db.selectFrom('text_versions').selectAll().where('document_id', '=', documentId).orderBy('number').execute()) as VersionRow[];
}

/** Versions `from`..`to` of a text (inclusive), oldest first. */
export async function unsafeVersionRange(db: Db, documentId: string, from: number, to: number): Promise<VersionRow[]> {
  return (await db.selectFrom('text_versions').selectAll().where('document_id', '=', documentId)
    .where('number', '>=', from).where('number', '<=', to).orderBy('number').execute()) as VersionRow[];
}

/** The signed history of a text in ledger order, optionally of one version. */
export async function unsafeActionsOf(db: Db, documentId: string, version?: number): Promise<ActionRow[]> {
  let q = db.selectFrom('text_actions').selectAll().where('document_id', '=', documentId);
  if (version !== undefined) q = q.where('version', '=', version);
  return (await q.orderBy('idx').execute()) as ActionRow[];
}

/** Agenda items of these texts, in order raised. */
export async function unsafeAgendaOf(db: Db, documentIds: readonly string[]): Promise<AgendaRow[]> {
  if (documentIds.length === 0) return [];
  return (await db.selectFrom('text_agenda_items').selectAll().where('document_id', 'in', [...documentIds])
    .orderBy('raised_at').orderBy('id').execute()) as AgendaRow[];
}
