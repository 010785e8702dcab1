/**
 * Versions of a negotiation text and the parties' signed actions on them.
 * The server computes each version's hash (src/domain/text.ts); a party's
 * accept / reject / retract must name the version number AND that hash — a
 * party that read a different text than the one recorded is refused, so an
 * acceptance can only ever bind the words the party saw.
 */
import { asJson } from '../domain/entries.js';
import type { TextEntryType } from '../domain/entries/text.js';
import type { PartyAction } from '../domain/text-agreement.js';
import { versionHash, type ClauseNode } from '../domain/text.js';
import type { Viewer } from '../domain/visibility.js';
import { textPolicy, versionPolicy, versionStateProblem } from '../policy/text.js';
import { presentTextSummary, presentVersion, textFacts, versionFacts } from '../policy/text-presenter.js';
import * as texts from '../store/repositories/texts.js';
import { inTransaction, type Services } from './context.js';
import { notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';
import { readableText } from './texts.js';

export interface NewVersion {
  clauses: ClauseNode[];
  based_on?: number | undefined;
  final?: boolean | undefined;
  note?: string | undefined;
}

export interface PartyActionInput {
  action: PartyAction;
  version: number;
  hash: string;
  note?: string | undefined;
}

const ACTION_ENTRY: Record<PartyAction, TextEntryType> = { accept: 'text.accepted', reject: 'text.rejected', retract: 'text.retracted' };

const actorOf = (v: Viewer | undefined) => ({ org: v!.org, userId: v!.userId });

/** The version, after the viewer was allowed to read its text. */
export async function getVersion(s: Services, viewer: Viewer | undefined, id: string, number: number) {
  const doc = await readableText(s.db, viewer, id);
  const v = await texts.unsafeFindVersion(s.db, id, number);
  if (!v) throw notFound(`version ${number} of text ${id}`);
  return presentVersion(doc, v, viewer);
}

async function recorded(s: Services, viewer: Viewer | undefined, id: string, number: number, idx: number, type: string) {
  const doc = await readableText(s.db, viewer, id);
  const v = (await texts.unsafeFindVersion(s.db, id, number))!;
  return { text: presentTextSummary(doc, viewer), version: presentVersion(doc, v, viewer), entry: { index: idx, type } };
}

export async function proposeVersion(s: Services, viewer: Viewer | undefined, id: string, input: NewVersion) {
  const { number, idx } = await inTransaction(s, async (tx) => {
    const doc = await texts.unsafeFindText(tx, id);
    if (!doc) throw notFound(`text ${id}`);
    textPolicy.authorize(viewer, 'propose', textFacts(doc), `text ${id}`);
    const number = doc.latest_version + 1;
    if (input.based_on !== undefined && input.based_on >= number) {
      throw new ServiceError('bad_request', `based_on: text ${id} has no version ${input.based_on} yet`);
    }
    const body = {
      number, hash: versionHash(id, number, input.clauses), clauses: input.clauses, final: input.final ?? false,
      ...(input.based_on !== undefined ? { based_on: input.based_on } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    const r = await record(tx, s, actorOf(viewer), {
      type: 'text.version_proposed', subject: id, visibility: doc.visibility as 'parties' | 'public', body: asJson(body),
    });
    return { number, idx: r.idx };
  });
  return recorded(s, viewer, id, number, idx, 'text.version_proposed');
}

/** A party's accept / reject / retract on one version, for the viewer's own organisation. */
export async function actOnVersion(s: Services, viewer: Viewer | undefined, id: string, input: PartyActionInput) {
  const type = ACTION_ENTRY[input.action];
  const idx = await inTransaction(s, async (tx) => {
    const doc = await texts.unsafeFindText(tx, id);
    if (!doc) throw notFound(`text ${id}`);
    textPolicy.authorize(viewer, 'read', textFacts(doc), `text ${id}`);
    const v = await texts.unsafeFindVersion(tx, id, input.version);
    if (!v) throw notFound(`version ${input.version} of text ${id}`);
    const facts = versionFacts(doc, v);
    versionPolicy.authorize(viewer, input.action, facts, `version ${input.version} of text ${id}`);
    if (input.hash !== v.hash) {
      throw new ServiceError('conflict', `hash ${input.hash} is not the hash of version ${input.version} (${v.hash}); read the version again before you ${input.action}`);
    }
    const problem = versionStateProblem(input.action, facts, viewer);
    if (problem) throw new ServiceError('conflict', problem);
    const body = { version: input.version, hash: input.hash, ...(input.note !== undefined ? { note: input.note } : {}) };
    const r = await record(tx, s, actorOf(viewer), { type, subject: id, visibility: doc.visibility as 'parties' | 'public', body });
    return r.idx;
  });
  return recorded(s, viewer, id, input.version, idx, type);
}
