/**
 * Agenda items of a negotiation: raised by a party, ruled in or out of the
 * mechanism's mandate by the mediators' side. An item raised after a version
 * was put forward as final is marked late (`raised_after_version`), from the
 * ledger, so "new items appeared late" is a fact anyone can check.
 */
import { nextAgendaId } from '../domain/text.js';
import type { Viewer } from '../domain/visibility.js';
import { agendaPolicy, textPolicy } from '../policy/text.js';
import { presentAgendaItem, textFacts } from '../policy/text-presenter.js';
import * as texts from '../store/repositories/texts.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import { inTransaction, type Services } from './context.js';
import { notFound } from './errors.js';
import { record } from './recorder.js';
import { readableText, textScope } from './texts.js';

export interface NewAgendaItem {
  document_id: string;
  title: string;
  text: string;
}

export interface Ruling {
  mandate: 'in_mandate' | 'out_of_mandate';
  reason: string;
}

const actorOf = (v: Viewer | undefined) => ({ org: v!.org, userId: v!.userId });

/** The item and its text, after the viewer was allowed to read the text (404 otherwise). */
async function readableItem(s: Services, viewer: Viewer | undefined, id: string) {
  const item = await texts.unsafeFindAgendaItem(s.db, id);
  if (!item) throw notFound(`agenda item ${id}`);
  const doc = (await texts.unsafeFindText(s.db, item.document_id))!;
  agendaPolicy.authorize(viewer, 'read', textFacts(doc), `agenda item ${id}`);
  return { item, doc };
}

export async function getAgendaItem(s: Services, viewer: Viewer | undefined, id: string) {
  const { item, doc } = await readableItem(s, viewer, id);
  return presentAgendaItem(doc, item, viewer);
}

export async function raiseAgendaItem(s: Services, viewer: Viewer | undefined, input: NewAgendaItem) {
  const { id, idx } = await inTransaction(s, async (tx) => {
    const doc = await texts.unsafeFindText(tx, input.document_id);
    if (!doc) throw notFound(`text ${input.document_id}`);
    textPolicy.authorize(viewer, 'raise_agenda_item', textFacts(doc), `text ${input.document_id}`);
    const year = s.clock().getUTCFullYear();
    const id = nextAgendaId(year, await lastReferenceNumber(tx, `AGD-${year}`));
    const r = await record(tx, s, actorOf(viewer), {
      type: 'text.agenda_item_raised', subject: doc.id, visibility: doc.visibility as 'parties' | 'public',
      body: { id, title: input.title, text: input.text },
    });
    return { id, idx: r.idx };
  });
  return { item: await getAgendaItem(s, viewer, id), entry: { index: idx, type: 'text.agenda_item_raised' } };
}

export async function ruleAgendaItem(s: Services, viewer: Viewer | undefined, id: string, input: Ruling) {
  const idx = await inTransaction(s, async (tx) => {
    const item = await texts.unsafeFindAgendaItem(tx, id);
    if (!item) throw notFound(`agenda item ${id}`);
    const doc = (await texts.unsafeFindText(tx, item.document_id))!;
    agendaPolicy.authorize(viewer, 'rule', textFacts(doc), `agenda item ${id}`);
    const r = await record(tx, s, actorOf(viewer), {
      type: 'text.agenda_item_ruled', subject: doc.id, visibility: doc.visibility as 'parties' | 'public',
      body: { item_id: id, mandate: input.mandate, reason: input.reason },
    });
    return r.idx;
  });
  return { item: await getAgendaItem(s, viewer, id), entry: { index: idx, type: 'text.agenda_item_ruled' } };
}

/** Agenda items of the texts the viewer may read (of one text when `document` is given). */
export async function listAgenda(s: Services, viewer: Viewer | undefined, query: { document?: string | undefined }) {
  let docs: texts.TextRow[];
  if (query.document !== undefined) docs = [await readableText(s.db, viewer, query.document)];
  else docs = (await texts.listTexts(s.db, textScope(viewer))).filter((d) => textPolicy.can(viewer, 'read', textFacts(d)));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const items = await texts.unsafeAgendaOf(s.db, [...byId.keys()]);
  return { items: items.map((i) => presentAgendaItem(byId.get(i.document_id)!, i, viewer)) };
}
