/**
 * Appliers for negotiation text entries (pure). Rows: `text_documents` (one
 * per text), `text_versions` (one per version: its clause tree, hash and each
 * party's position), `text_actions` (one per proposal or party action: the
 * signed history, "accepted v3 at 02:14, retracted at 02:21"), and
 * `text_agenda_items`.
 *
 * The rules that make an acceptance mean something live here, so `annex
 * verify` holds a replayed log to them: only the text's parties accept,
 * reject or retract (the entry's org is signed), an action names the hash the
 * version was proposed with, a version's hash is recomputed from its clauses,
 * and agreement follows src/domain/text-agreement.ts.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup, type RowRef } from '../projection.js';
import type { OrgKind } from '../visibility.js';
import { isAgreed, partyActionProblem, pendingPositions, positionsAfter, type PartyAction, type Positions } from '../text-agreement.js';
import { versionHash, versionKey } from '../text.js';
import { counterRef, countReference } from './counters.js';
import { requireRow } from './workspace.js';

/** What the `record` jsonb of a text's row holds beyond its columns. */
export interface TextRecord extends JsonObject {
  description: string | null;
  /** Versions currently agreed (every party accepted, none withdrew). */
  agreed_versions: number[];
  published: { at: string; org: string; user: string; idx: number; reason: string } | null;
}

const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function requireText(get: RowLookup, id: string): Row {
  return requireRow(get, 'text_documents', id, `text ${id} does not exist`);
}

function orgKind(get: RowLookup, org: string): OrgKind {
  return requireRow(get, 'organisations', org, `unknown organisation ${org}`).kind as OrgKind;
}

/** Every entry about a text is recorded with the text's current visibility (sealed while it is not public). */
function sameVisibility(e: AppliedEntry, doc: Row): void {
  if (e.visibility !== doc.visibility) fail(`${e.entry.type} on ${String(doc.id)} must be recorded with the text's visibility (${String(doc.visibility)})`);
}

/** The text row after an entry: `agreed_version` is derived from the record so the two cannot disagree. */
function textRow(doc: Row, record: TextRecord, e: AppliedEntry, extra: Partial<Row> = {}): Change {
  const agreed = record.agreed_versions.length > 0 ? Math.max(...record.agreed_versions) : null;
  return {
    table: 'text_documents',
    key: String(doc.id),
    row: { ...doc, ...extra, agreed_version: agreed, updated_at: e.entry.at, record, entry_index: e.idx },
  };
}

function actionRow(e: AppliedEntry, version: number, hash: string, action: string, note: string | undefined): Change {
  return {
    table: 'text_actions',
    key: e.idx,
    row: {
      idx: e.idx, document_id: e.entry.subject, version, hash, action, org: e.entry.org, user_id: e.entry.user,
      at: e.entry.at, note: note ?? null, visibility: e.visibility,
    },
  };
}

const created: Applier = {
  reads(e) {
    const refs: RowRef[] = [{ table: 'text_documents', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }, counterRef(e.entry.subject)];
    const parties = Array.isArray(e.body.parties) ? e.body.parties : [];
    for (const p of parties) if (typeof p === 'string') refs.push({ table: 'organisations', key: p });
    return refs;
  },
  apply(e, get) {
    const b = parseBody('text.document_created', e.body);
    if (b.id !== e.entry.subject) fail('text id and entry subject differ');
    if (get('text_documents', b.id)) fail(`text ${b.id} already exists`);
    if (e.visibility !== b.visibility) fail('a text is created with its own visibility');
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('a negotiation text is opened by the mediators\' side');
    for (const p of b.parties) if (orgKind(get, p) !== 'party') fail(`${p} is not a party organisation`);
    const record: TextRecord = { description: b.description ?? null, agreed_versions: [], published: null };
    const row: Row = {
      id: b.id, title: b.title, visibility: b.visibility, parties: b.parties, created_by: e.entry.org, created_at: e.entry.at,
      latest_version: 0, last_final_version: null, agreed_version: null, updated_at: e.entry.at, record, entry_index: e.idx,
    };
    return [{ table: 'text_documents', key: b.id, row }, countReference(get, b.id)];
  },
};

const proposed: Applier = {
  reads: (e) => [
    { table: 'text_documents', key: e.entry.subject },
    { table: 'organisations', key: e.entry.org },
    { table: 'text_versions', key: versionKey(e.entry.subject, num(e.body.number) ?? 0) },
  ],
  apply(e, get) {
    const b = parseBody('text.version_proposed', e.body);
    const id = e.entry.subject;
    const doc = requireText(get, id);
    sameVisibility(e, doc);
    const parties = doc.parties as string[];
    if (!parties.includes(e.entry.org) && !MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) {
      fail(`${e.entry.org} is neither a party to ${id} nor a mediator`);
    }
    const latest = Number(doc.latest_version);
    if (b.number !== latest + 1) fail(`the next version of ${id} is ${latest + 1}, not ${b.number}`);
    if (b.based_on !== undefined && b.based_on >= b.number) fail('a version is based on an earlier version');
    // The hash is what acceptances bind to: it must be the hash of these clauses, for this text and number.
    const hash = versionHash(id, b.number, b.clauses);
    if (b.hash !== hash) fail(`version ${b.number} of ${id} hashes to ${hash}, not ${b.hash}`);
    const key = versionKey(id, b.number);
    const version: Row = {
      id: key, document_id: id, number: b.number, hash, clauses: b.clauses as unknown as JsonObject[],
      based_on: b.based_on ?? (b.number > 1 ? b.number - 1 : null), final: b.final, note: b.note ?? null,
      proposed_by: e.entry.org, proposed_user: e.entry.user, proposed_at: e.entry.at,
      positions: pendingPositions(parties) as unknown as JsonObject, agreed: false, entry_index: e.idx,
    };
    const extra = { latest_version: b.number, ...(b.final ? { last_final_version: b.number } : {}) };
    return [
      { table: 'text_versions', key, row: version },
      actionRow(e, b.number, hash, 'propose', b.note),
      textRow(doc, doc.record as TextRecord, e, extra),
    ];
  },
};

function partyApplier(type: 'text.accepted' | 'text.rejected' | 'text.retracted', action: PartyAction): Applier {
  return {
    reads: (e) => [
      { table: 'text_documents', key: e.entry.subject },
      { table: 'text_versions', key: versionKey(e.entry.subject, num(e.body.version) ?? 0) },
    ],
    apply(e, get) {
      const b = parseBody(type, e.body);
      const id = e.entry.subject;
      const doc = requireText(get, id);
      sameVisibility(e, doc);
      const version = requireRow(get, 'text_versions', versionKey(id, b.version), `${id} has no version ${b.version}`);
      if (b.hash !== version.hash) fail(`version ${b.version} of ${id} has hash ${String(version.hash)}, not ${b.hash}`);
      const parties = doc.parties as string[];
      const positions = version.positions as Positions;
      const problem = partyActionProblem(parties, positions, e.entry.org, action);
      if (problem) fail(problem);
      const next = positionsAfter(positions, { idx: e.idx, org: e.entry.org, user: e.entry.user, at: e.entry.at, action, hash: b.hash });
      const agreed = isAgreed(parties, next);
      const record = doc.record as TextRecord;
      const others = record.agreed_versions.filter((n) => n !== b.version);
      const agreedVersions = agreed ? [...others, b.version].sort((x, y) => x - y) : others;
      return [
        { table: 'text_versions', key: String(version.id), row: { ...version, positions: next as unknown as JsonObject, agreed, entry_index: e.idx } },
        actionRow(e, b.version, b.hash, action, b.note),
        textRow(doc, { ...record, agreed_versions: agreedVersions }, e),
      ];
    },
  };
}

const published: Applier = {
  reads: (e) => [{ table: 'text_documents', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }],
  apply(e, get) {
    const b = parseBody('text.published', e.body);
    const id = e.entry.subject;
    const doc = requireText(get, id);
    if (e.visibility !== 'public') fail('a publication is recorded in clear');
    if (doc.visibility === 'public') fail(`${id} is already public`);
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('texts are published by the mediators\' side');
    const record: TextRecord = {
      ...(doc.record as TextRecord),
      published: { at: e.entry.at, org: e.entry.org, user: e.entry.user, idx: e.idx, reason: b.reason },
    };
    return [textRow(doc, record, e, { visibility: 'public' })];
  },
};

function agendaRow(item: Row, e: AppliedEntry, extra: Partial<Row>): Change {
  return { table: 'text_agenda_items', key: String(item.id), row: { ...item, ...extra, entry_index: e.idx } };
}

const itemRaised: Applier = {
  reads: (e) => [
    { table: 'text_documents', key: e.entry.subject },
    { table: 'text_agenda_items', key: str(e.body.id) ?? '' },
    counterRef(str(e.body.id) ?? 'AGD-0'),
  ],
  apply(e, get) {
    const b = parseBody('text.agenda_item_raised', e.body);
    const doc = requireText(get, e.entry.subject);
    sameVisibility(e, doc);
    if (get('text_agenda_items', b.id)) fail(`agenda item ${b.id} already exists`);
    if (!(doc.parties as string[]).includes(e.entry.org)) fail(`agenda items are raised by the parties to ${String(doc.id)}`);
    // "New items appeared late": an item raised after a version was put forward as final says so.
    const item: Row = {
      id: b.id, document_id: e.entry.subject, title: b.title, text: b.text, raised_by: e.entry.org, raised_user: e.entry.user,
      raised_at: e.entry.at, raised_after_version: doc.last_final_version ?? null, mandate: 'pending', ruling: null,
    };
    return [agendaRow(item, e, {}), countReference(get, b.id)];
  },
};

const itemRuled: Applier = {
  reads: (e) => [
    { table: 'text_documents', key: e.entry.subject },
    { table: 'text_agenda_items', key: str(e.body.item_id) ?? '' },
    { table: 'organisations', key: e.entry.org },
  ],
  apply(e, get) {
    const b = parseBody('text.agenda_item_ruled', e.body);
    const doc = requireText(get, e.entry.subject);
    sameVisibility(e, doc);
    const item = requireRow(get, 'text_agenda_items', b.item_id, `agenda item ${b.item_id} does not exist`);
    if (item.document_id !== doc.id) fail(`agenda item ${b.item_id} belongs to ${String(item.document_id)}`);
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('the mediators\' side rules on the mandate');
    const ruling = { mandate: b.mandate, reason: b.reason, org: e.entry.org, user: e.entry.user, at: e.entry.at, idx: e.idx };
    return [agendaRow(item, e, { mandate: b.mandate, ruling })];
  },
};

export const textAppliers: Record<string, Applier> = {
  'text.document_created': created,
  'text.version_proposed': proposed,
  'text.accepted': partyApplier('text.accepted', 'accept'),
  'text.rejected': partyApplier('text.rejected', 'reject'),
  'text.retracted': partyApplier('text.retracted', 'retract'),
  'text.published': published,
  'text.agenda_item_raised': itemRaised,
  'text.agenda_item_ruled': itemRuled,
};
