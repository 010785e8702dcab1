/**
 * Appliers for commitment entries (pure). A commitment is one `commitments`
 * row (its whole state in `record`, filter columns derived from it) plus a
 * timeline of `commitment_events`. The single `commitment_links` row holds
 * every reciprocity link (and which finding remedy became which
 * commitment), so one keyed read lets an applier refuse a cycle or a second
 * commitment for the same remedy — and `annex verify` refuses them too.
 * Who may record what is checked against the signing organisation's kind.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { conditionProblem, cycleThrough, extensionProblem, type Conditions, type LinkEnd } from '../commitment.js';
import { parseBody } from '../entries.js';
import type { CommitmentEntryType, Deadline, KrocStatus } from '../entries/commitment.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup, type RowRef } from '../projection.js';
import { narrowerVisibility, widerVisibility, type OrgKind, type Visibility } from '../visibility.js';
import { currentClauseVersion, dDayOf } from './clause.js';
import { counterRef, countReference } from './counters.js';
import { requireRow } from './workspace.js';

type Rec = Record<string, unknown>;

/** Who did something, when, in which entry. */
export interface Stamp extends JsonObject {
  at: string;
  org: string;
  user: string;
  idx: number;
}

/** The commitment as its record holds it. */
export interface CommitmentRecord extends JsonObject {
  title: string;
  obligated_party: string;
  indicator: string;
  evidence_required: string;
  deadline: Deadline & JsonObject;
  original_deadline: Deadline & JsonObject;
  conditional_on: string[];
  visibility: Visibility;
  status: KrocStatus;
  registered: Stamp;
  extensions: JsonObject[];
  verifications: JsonObject[];
  self_reports: JsonObject[];
  amendments: JsonObject[];
}

/** The `commitment_links` row's content. */
export interface Links {
  conditions: Record<string, string[]>;
  /** Visibility of every commitment that takes part in a link, for checks that cannot read each row. */
  visibility: Record<string, Visibility>;
  /** 'INC-2025-0001/0' → the commitment that remedy became. */
  remedies: Record<string, string>;
}

const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];
const LINKS: RowRef = { table: 'commitment_links', key: 1 };

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

const stamp = (e: AppliedEntry): Stamp => ({ at: e.entry.at, org: e.entry.org, user: e.entry.user, idx: e.idx });

export function remedyKey(incidentId: string, remedy: number): string {
  return `${incidentId}/${remedy}`;
}

export function linksOf(row: Row | undefined): Links {
  return {
    conditions: (row?.conditions as Record<string, string[]> | undefined) ?? {},
    visibility: (row?.visibility as Record<string, Visibility> | undefined) ?? {},
    remedies: (row?.remedies as Record<string, string> | undefined) ?? {},
  };
}

/** The links row after a change; only commitments still in a link keep a visibility entry. */
function linksRow(links: Links, idx: number): Change {
  const inLinks = new Set(Object.entries(links.conditions).flatMap(([a, bs]) => (bs.length > 0 ? [a, ...bs] : [])));
  const conditions = Object.fromEntries(Object.entries(links.conditions).filter(([, bs]) => bs.length > 0));
  const visibility = Object.fromEntries(Object.entries(links.visibility).filter(([id]) => inLinks.has(id)));
  return { ...LINKS, row: { id: 1, conditions, visibility, remedies: links.remedies, entry_index: idx } };
}

/** The `commitments` row for a record: columns derived from it, so they can never disagree. */
export function commitmentRow(id: string, record: CommitmentRecord, at: string, idx: number): Row {
  const remedy = record.remedy_of as { incident_id: string } | undefined;
  return {
    id,
    title: record.title,
    obligated_party: record.obligated_party,
    clause_id: (record.clause_id as string | undefined) ?? null,
    status: record.status,
    visibility: record.visibility,
    source_incident: remedy?.incident_id ?? null,
    registered_at: record.registered.at,
    updated_at: at,
    record,
    entry_index: idx,
  };
}

function eventRow(e: AppliedEntry, id: string): Change {
  return {
    table: 'commitment_events',
    key: e.idx,
    row: { idx: e.idx, commitment_id: id, type: e.entry.type, org: e.entry.org, user_id: e.entry.user, at: e.entry.at, visibility: e.visibility, body: e.body },
  };
}

export function requireCommitment(get: RowLookup, id: string): CommitmentRecord {
  return requireRow(get, 'commitments', id, `commitment ${id} does not exist`).record as CommitmentRecord;
}

function orgKind(get: RowLookup, org: string): OrgKind {
  return requireRow(get, 'organisations', org, `unknown organisation ${org}`).kind as OrgKind;
}

function requireClause(get: RowLookup, clauseId: string, version: number | undefined): void {
  const config = requireRow(get, 'workspace', 1, 'the workspace does not exist').config as Rec;
  const current = currentClauseVersion(config, clauseId);
  if (current === 0) fail(`unknown clause ${clauseId}`);
  if (version !== undefined && version !== current) fail(`clause ${clauseId} is at version ${current}, not ${version}`);
}

/** Check and record `own`'s conditions; returns the new links. */
function linkConditions(get: RowLookup, links: Links, own: LinkEnd, targets: readonly string[]): Links {
  for (const t of targets) {
    const row = get('commitments', t);
    const end = row ? { id: t, obligated_party: String(row.obligated_party), visibility: row.visibility as Visibility } : undefined;
    const problem = conditionProblem(own, t, end);
    if (problem) fail(problem);
  }
  const cycle = cycleThrough(links.conditions, own.id, targets);
  if (cycle) fail(`${own.id} cannot be conditional on ${cycle[1]}: that would close the cycle ${cycle.join(' → ')}`);
  const visibility = { ...links.visibility, [own.id]: own.visibility };
  for (const t of targets) visibility[t] = get('commitments', t)!.visibility as Visibility;
  return { ...links, conditions: { ...links.conditions, [own.id]: [...targets] }, visibility };
}

/** A remedy commitment must say what the issued finding's remedy says. */
function checkRemedy(get: RowLookup, links: Links, b: ReturnType<typeof parseBody<'commitment.registered'>>): void {
  const { incident_id, remedy } = b.remedy_of!;
  const incident = requireRow(get, 'incidents', incident_id, `incident ${incident_id} does not exist`);
  const finding = (incident.record as Rec).finding as Rec | undefined;
  if (!finding || typeof finding.issued_at !== 'string') fail(`${incident_id} has no issued finding`);
  const body = finding.body as { required_remedies: Array<{ description: string; obligated_party: string; due_date?: string }>; publication: Visibility; clause_violated?: string };
  const r = body.required_remedies[remedy];
  if (!r) fail(`the finding on ${incident_id} has no remedy ${remedy}`);
  if (links.remedies[remedyKey(incident_id, remedy)]) fail(`remedy ${remedy} of ${incident_id} is already commitment ${links.remedies[remedyKey(incident_id, remedy)]}`);
  if (b.obligated_party !== r.obligated_party || b.indicator !== r.description) fail(`the commitment does not state remedy ${remedy} of ${incident_id}`);
  if (r.due_date !== undefined && !('date' in b.deadline && b.deadline.date === r.due_date)) fail(`remedy ${remedy} of ${incident_id} is due on ${r.due_date}`);
  if (b.clause_id !== body.clause_violated) fail(`a remedy commitment implements the clause the finding names (${body.clause_violated ?? 'none'})`);
  if (b.visibility !== narrowerVisibility(body.publication, incident.visibility as Visibility)) fail('a remedy commitment is visible to whoever may read the finding');
}

const registered: Applier = {
  reads(e) {
    const b = e.body as Rec;
    const refs: RowRef[] = [
      { table: 'commitments', key: e.entry.subject }, counterRef(e.entry.subject), { table: 'workspace', key: 1 },
      { table: 'organisations', key: e.entry.org }, { table: 'organisations', key: String(b.obligated_party) }, LINKS,
    ];
    for (const t of (b.conditional_on as string[] | undefined) ?? []) refs.push({ table: 'commitments', key: t });
    const remedy = b.remedy_of as { incident_id?: string } | undefined;
    if (remedy?.incident_id) refs.push({ table: 'incidents', key: remedy.incident_id });
    return refs;
  },
  apply(e, get) {
    const b = parseBody('commitment.registered', e.body);
    const id = b.id;
    if (id !== e.entry.subject) fail('commitment id and entry subject differ');
    if (get('commitments', id)) fail(`commitment ${id} already exists`);
    if (e.visibility !== b.visibility) fail('a commitment is registered with its own visibility');
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('commitments are registered by the mediators or their secretariat');
    if (orgKind(get, b.obligated_party) !== 'party') fail(`${b.obligated_party} is not a party to the agreement`);
    if (b.clause_id !== undefined) requireClause(get, b.clause_id, b.clause_version);
    else if (b.clause_version !== undefined) fail('a clause version needs a clause');
    let links = linksOf(get(LINKS.table, LINKS.key));
    const changes: Change[] = [];
    if (b.remedy_of) {
      checkRemedy(get, links, b);
      links = { ...links, remedies: { ...links.remedies, [remedyKey(b.remedy_of.incident_id, b.remedy_of.remedy)]: id } };
    }
    if (b.conditional_on.length > 0) links = linkConditions(get, links, { id, obligated_party: b.obligated_party, visibility: b.visibility }, b.conditional_on);
    if (b.remedy_of || b.conditional_on.length > 0) changes.push(linksRow(links, e.idx));
    const { id: _id, ...terms } = b;
    const record: CommitmentRecord = {
      ...(terms as unknown as JsonObject),
      title: b.title,
      obligated_party: b.obligated_party,
      indicator: b.indicator,
      evidence_required: b.evidence_required,
      visibility: b.visibility,
      deadline: b.deadline as Deadline & JsonObject,
      original_deadline: b.deadline as Deadline & JsonObject,
      conditional_on: [...b.conditional_on],
      status: 'not_started',
      registered: stamp(e),
      extensions: [],
      verifications: [],
      self_reports: [],
      amendments: [],
    };
    return [{ table: 'commitments', key: id, row: commitmentRow(id, record, e.entry.at, e.idx) }, countReference(get, id), ...changes, eventRow(e, id)];
  },
};

type StepFn = (e: AppliedEntry, r: CommitmentRecord, get: RowLookup) => { record: CommitmentRecord; extra?: Change[] };

const STEPS: Record<Exclude<CommitmentEntryType, 'commitment.registered'>, StepFn> = {
  'commitment.amended'(e, r, get) {
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('commitments are amended by the mediators or their secretariat');
    const b = parseBody('commitment.amended', e.body);
    const id = e.entry.subject;
    const visibility = b.visibility ?? r.visibility;
    if (widerVisibility(visibility, r.visibility) !== visibility) fail(`a commitment's visibility only widens (it is ${r.visibility})`);
    if (e.visibility !== visibility) fail('an amendment is recorded with the commitment\'s (new) visibility');
    if (b.clause_id !== undefined) requireClause(get, b.clause_id, b.clause_version);
    else if (b.clause_version !== undefined) fail('a clause version needs a clause');
    let links = linksOf(get(LINKS.table, LINKS.key));
    const before = JSON.stringify(links);
    const own = { id, obligated_party: r.obligated_party, visibility };
    if (b.conditional_on !== undefined) {
      links = linkConditions(get, { ...links, conditions: { ...links.conditions, [id]: [] } }, own, b.conditional_on);
    } else if (b.visibility !== undefined && r.conditional_on.length > 0) {
      for (const t of r.conditional_on) {
        const problem = conditionProblem(own, t, { id: t, obligated_party: '', visibility: links.visibility[t]! });
        if (problem) fail(problem);
      }
    }
    if (b.visibility !== undefined && links.visibility[id] !== undefined) links = { ...links, visibility: { ...links.visibility, [id]: visibility } };
    const { reason, ...changed } = b;
    const record: CommitmentRecord = {
      ...r,
      ...(changed as unknown as JsonObject),
      visibility,
      amendments: [...r.amendments, { ...stamp(e), reason, changed: Object.keys(changed).sort() }],
    };
    return { record, extra: JSON.stringify(links) === before ? [] : [linksRow(links, e.idx)] };
  },
  'commitment.extended'(e, r, get) {
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('extensions are granted by the mediators or their secretariat');
    const b = parseBody('commitment.extended', e.body);
    if (r.status === 'complete') fail('the commitment is complete: there is nothing to extend');
    const problem = extensionProblem(r.deadline, b.deadline, dDayOf(get));
    if (problem) fail(problem);
    const extension = { ...stamp(e), from: r.deadline, to: b.deadline as Deadline & JsonObject, reason: b.reason };
    return { record: { ...r, deadline: b.deadline as Deadline & JsonObject, extensions: [...r.extensions, extension] } };
  },
  'commitment.verified'(e, r, get) {
    const kind = orgKind(get, e.entry.org);
    if (![...MEDIATOR_SIDE, 'monitor'].includes(kind)) fail(`verifications are recorded by the mediators' side or monitors, not a ${kind}`);
    const b = parseBody('commitment.verified', e.body);
    requireEvidence(get, b.evidence);
    const verification = { ...stamp(e), status: b.status, evidence: b.evidence, note: b.note };
    return { record: { ...r, status: b.status, verifications: [...r.verifications, verification] } };
  },
  'commitment.self_reported'(e, r, get) {
    if (e.entry.org !== r.obligated_party) fail(`only the obligated party (${r.obligated_party}) reports on its own commitment`);
    const b = parseBody('commitment.self_reported', e.body);
    requireEvidence(get, b.evidence);
    const report = { ...stamp(e), status: b.status, evidence: b.evidence, note: b.note };
    // Kept in the history; the status stays the verifiers' (a party does not grade itself).
    return { record: { ...r, self_reports: [...r.self_reports, report] } };
  },
};

function requireEvidence(get: RowLookup, ids: readonly string[]): void {
  for (const id of ids) requireRow(get, 'evidence', id, `evidence ${id} does not exist`);
}

function stepApplier(type: keyof typeof STEPS): Applier {
  return {
    reads(e) {
      const b = e.body as Rec;
      const refs: RowRef[] = [{ table: 'commitments', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }, { table: 'workspace', key: 1 }, LINKS];
      for (const t of (b.conditional_on as string[] | undefined) ?? []) refs.push({ table: 'commitments', key: t });
      for (const ev of (b.evidence as string[] | undefined) ?? []) refs.push({ table: 'evidence', key: ev });
      return refs;
    },
    apply(e, get) {
      const id = e.entry.subject;
      const record = requireCommitment(get, id);
      if (type !== 'commitment.amended' && e.visibility !== record.visibility) fail('entries about a commitment are recorded with its visibility');
      const { record: next, extra = [] } = STEPS[type](e, record, get);
      return [{ table: 'commitments', key: id, row: commitmentRow(id, next, e.entry.at, e.idx) }, ...extra, eventRow(e, id)];
    },
  };
}

export const commitmentAppliers: Record<string, Applier> = {
  'commitment.registered': registered,
  ...Object.fromEntries((Object.keys(STEPS) as Array<keyof typeof STEPS>).map((t) => [t, stepApplier(t)])),
};
