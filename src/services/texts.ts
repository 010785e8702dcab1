/**
 * Negotiation texts: opening, listing, reading, publishing, and the
 * clause-level diff. Versions and the parties' actions on them are in
 * src/services/text-versions.ts; agenda items in src/services/text-agenda.ts.
 * Each write is one transaction: the signed ledger entry and the projected
 * rows together (src/services/recorder.ts).
 */
import { diffVersions } from '../domain/text-diff.js';
import { nextTextId, type ClauseNode } from '../domain/text.js';
import { isMediatorSide } from '../policy/policy.js';
import { canCreateText, textPolicy, textStateProblem } from '../policy/text.js';
import { presentAction, presentText, presentTextSummary, textFacts } from '../policy/text-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as texts from '../store/repositories/texts.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import type { Db } from '../store/db.js';
import type { Viewer } from '../domain/visibility.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

export interface NewText {
  title: string;
  description?: string | undefined;
  visibility?: 'parties' | 'public' | undefined;
  /** Default: every registered party organisation. */
  parties?: string[] | undefined;
}

/** The text, after the viewer was allowed to read it (404 otherwise, so its existence does not leak). */
export async function readableText(db: Db, viewer: Viewer | undefined, id: string): Promise<texts.TextRow> {
  const row = await texts.unsafeFindText(db, id);
  if (!row) throw notFound(`text ${id}`);
  textPolicy.authorize(viewer, 'read', textFacts(row), `text ${id}`);
  return row;
}

async function partiesFor(tx: Db, given: string[] | undefined): Promise<string[]> {
  const orgs = await accounts.listOrganisations(tx);
  const parties = orgs.filter((o) => o.kind === 'party').map((o) => o.id);
  if (given === undefined) {
    if (parties.length === 0) throw new ServiceError('conflict', 'no party organisation is registered');
    return parties;
  }
  const unknown = given.filter((p) => !parties.includes(p));
  if (unknown.length > 0) throw new ServiceError('bad_request', `parties: ${unknown.join(', ')} is not a party organisation`);
  return given;
}

export async function createText(s: Services, viewer: Viewer | undefined, input: NewText) {
  if (!canCreateText(viewer)) throw forbidden('only the mediators\' staff open negotiation texts');
  const actor = { org: viewer.org, userId: viewer.userId };
  const { id, idx } = await inTransaction(s, async (tx) => {
    const parties = await partiesFor(tx, input.parties);
    // Under the ledger lock, so two texts never take the same number.
    const year = s.clock().getUTCFullYear();
    const id = nextTextId(year, await lastReferenceNumber(tx, `TXT-${year}`));
    const visibility = input.visibility ?? 'parties';
    const body = { id, title: input.title, parties, visibility, ...(input.description !== undefined ? { description: input.description } : {}) };
    const recorded = await record(tx, s, actor, { type: 'text.document_created', subject: id, visibility, body });
    return { id, idx: recorded.idx };
  });
  return { text: await getText(s, viewer, id), entry: { index: idx, type: 'text.document_created' } };
}

export async function getText(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await readableText(s.db, viewer, id);
  const [versions, history, agenda] = await Promise.all([
    texts.unsafeVersionsOf(s.db, id), texts.unsafeActionsOf(s.db, id), texts.unsafeAgendaOf(s.db, [id]),
  ]);
  return presentText(row, versions, history, agenda, viewer);
}

/** What the viewer may list: everything for the mediators' side, else public texts plus their own party's. */
export function textScope(viewer: Viewer | undefined): texts.TextScope {
  if (isMediatorSide(viewer)) return 'all';
  return viewer?.orgKind === 'party' ? { party: viewer.org } : {};
}

export async function listTextsFor(s: Services, viewer: Viewer | undefined) {
  const rows = await texts.listTexts(s.db, textScope(viewer));
  // The SQL scope and the policy must agree; the policy has the last word.
  const items = rows.filter((r) => textPolicy.can(viewer, 'read', textFacts(r))).map((r) => presentTextSummary(r, viewer));
  // List-level actions: opening a new text belongs to no listed one.
  const actions: Array<'open'> = canCreateText(viewer) ? ['open'] : [];
  return { items, total: items.length, actions };
}

export async function publishText(s: Services, viewer: Viewer | undefined, id: string, input: { reason: string }) {
  const idx = await inTransaction(s, async (tx) => {
    const row = await texts.unsafeFindText(tx, id);
    if (!row) throw notFound(`text ${id}`);
    const facts = textFacts(row);
    textPolicy.authorize(viewer, 'publish', facts, `text ${id}`);
    const problem = textStateProblem('publish', facts);
    if (problem) throw new ServiceError('conflict', problem);
    const recorded = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, {
      type: 'text.published', subject: id, visibility: 'public', body: { reason: input.reason },
    });
    return recorded.idx;
  });
  return { text: await getText(s, viewer, id), entry: { index: idx, type: 'text.published' } };
}

/** The signed history of a text (proposals and the parties' actions), optionally of one version. */
export async function textHistory(s: Services, viewer: Viewer | undefined, id: string, version?: number) {
  await readableText(s.db, viewer, id);
  return { items: (await texts.unsafeActionsOf(s.db, id, version)).map(presentAction) };
}

/** Clause-level diff from version `from` to version `to` of a text (either order). */
export async function diffText(s: Services, viewer: Viewer | undefined, id: string, from: number, to: number) {
  const row = await readableText(s.db, viewer, id);
  for (const n of [from, to]) if (n < 1 || n > row.latest_version) throw notFound(`version ${n} of text ${id}`);
  const rows = await texts.unsafeVersionRange(s.db, id, Math.min(from, to), Math.max(from, to));
  const versions = rows.map((v) => ({ number: v.number, proposed_by: v.proposed_by, proposed_at: v.proposed_at, clauses: v.clauses as ClauseNode[] }));
  const diff = diffVersions(versions, from, to);
  const ref = (n: number) => {
    const v = rows.find((r) => r.number === n)!;
    return { number: v.number, hash: v.hash, proposed_by: v.proposed_by, proposed_at: v.proposed_at, agreed: v.agreed };
  };
  return { document_id: id, from: ref(from), to: ref(to), summary: diff.summary, changes: diff.changes };
}
