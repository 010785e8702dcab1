/**
 * presentIncident: the one place where incident fields are chosen per viewer
 * (STYLE.md §5). Output fields are listed explicitly; parts of the record with
 * a narrower audience than the incident (the complainant's identity, the
 * draft finding, sealed investigation notes) are dropped for viewers who may
 * not see them, and so are timeline events.
 */
import type { z } from 'zod';
import type { placeSchema } from '../domain/entries/incident.js';
import type { Deadlines } from '../domain/entries/workspace.js';
import { isOverdue, lifecycleSchedule, type IncidentStatus, type StepTimes } from '../domain/incident.js';
import { canSee, narrowerVisibility, type Viewer, type Visibility } from '../domain/visibility.js';
import { canSeeComplainantIdentity, incidentPolicy, type IncidentFacts } from './incident.js';

export interface IncidentRow {
  id: string;
  status: string;
  visibility: string;
  complainant_org: string;
  accused_party: string | null;
  category: string | null;
  severity: string | null;
  title: string;
  event_date: string;
  pending_step: string | null;
  pending_on: string | null;
  deadline_at: string | null;
  filed_at: string;
  updated_at: string;
  record: unknown;
  entry_index: number;
}

export interface IncidentEventRow {
  idx: number;
  type: string;
  org: string;
  user_id: string;
  at: string;
  visibility: string;
  body: unknown;
}

type Rec = Record<string, unknown>;
type Place = z.infer<typeof placeSchema> & Rec;

export function factsOf(row: IncidentRow): IncidentFacts {
  const r = row.record as Rec;
  const finding = r.finding as { body: { signers: string[] }; signatures: Array<{ org: string }> } | undefined;
  return {
    status: row.status as IncidentStatus,
    visibility: row.visibility as Visibility,
    complainant_org: row.complainant_org,
    accused_party: row.accused_party,
    acknowledged: r.acknowledged === true,
    signers: finding?.body.signers ?? [],
    signed: finding?.signatures.map((s) => s.org) ?? [],
  };
}

/** Who may read the finding: the parties while it is a draft, its publication level once issued. */
function findingVisibility(row: IncidentRow, finding: Rec): Visibility {
  const incident = row.visibility as Visibility;
  const body = finding.body as { publication: Visibility };
  return narrowerVisibility(finding.issued_at ? body.publication : 'parties', incident);
}

/** The title in each language it was translated into (a translation of the notes only is not one of the title). */
function titleTranslations(translations: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, t] of Object.entries((translations ?? {}) as Record<string, { title?: string }>)) if (t.title) out[tag] = t.title;
  return out;
}

export function presentIncidentSummary(row: IncidentRow, viewer: Viewer | undefined, now: Date) {
  const r = row.record as Rec;
  const facts = factsOf(row);
  return {
    id: row.id,
    title: row.title,
    language: (r.language as string | undefined) ?? null,
    title_translations: titleTranslations(r.translations),
    status: facts.status,
    visibility: facts.visibility,
    complainant_org: row.complainant_org,
    accused_party: row.accused_party,
    category: row.category,
    severity: row.severity,
    event_date: row.event_date,
    place: r.place as Place,
    pending_step: row.pending_step,
    pending_on: row.pending_on,
    deadline_at: row.deadline_at,
    overdue: isOverdue(row.deadline_at, now),
    filed_at: row.filed_at,
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: incidentPolicy.actionsFor(viewer, facts) as string[],
  };
}

function presentFinding(row: IncidentRow, viewer: Viewer | undefined) {
  const f = (row.record as Rec).finding as Rec | undefined;
  if (!f || !canSee(viewer, findingVisibility(row, f), row.complainant_org)) return null;
  return {
    draft_index: f.draft_idx as number,
    version: f.version as number,
    drafted_at: f.drafted_at as string,
    drafted_by: f.drafted_by as string,
    issued_at: (f.issued_at as string | undefined) ?? null,
    ...(f.body as Rec),
    comments: f.comments as Rec[],
    signatures: f.signatures as Rec[],
  };
}

export function presentEvent(e: IncidentEventRow) {
  return { index: e.idx, type: e.type, org: e.org, user: e.user_id, at: e.at, visibility: e.visibility, body: e.body as Rec };
}

export function presentIncident(row: IncidentRow, viewer: Viewer | undefined, now: Date, deadlines: Deadlines, events: readonly IncidentEventRow[]) {
  const r = row.record as Rec;
  const facts = factsOf(row);
  const pick = <T>(key: string, fallback: T): T => (r[key] === undefined ? fallback : (r[key] as T));
  return {
    ...presentIncidentSummary(row, viewer, now),
    channel: r.channel as string,
    complainant_identity: canSeeComplainantIdentity(viewer, facts) ? pick<string | null>('complainant_identity', null) : null,
    filed_by: r.filed_by as string,
    clause_refs: pick<string[]>('clause_refs', []),
    end_date: pick<string | null>('end_date', null),
    time_precision: r.time_precision as number,
    coding: pick<Rec | null>('coding', null),
    casualties: pick<Rec | null>('casualties', null),
    notes: pick('notes', ''),
    source: pick<string | null>('source', null),
    source_scale: pick<string | null>('source_scale', null),
    translations: pick<Rec>('translations', {}),
    acknowledged: facts.acknowledged,
    triage: pick<Rec | null>('triage', null),
    response: pick<Rec | null>('response', null),
    investigation: pick<Rec | null>('investigation', null),
    finding: presentFinding(row, viewer),
    remedy: pick<Rec | null>('remedy', null),
    closure: pick<Rec | null>('closure', null),
    merged_into: pick<string | null>('merged_into', null),
    merged_from: pick<string[]>('merged_from', []),
    schedule: lifecycleSchedule(r.times as StepTimes, deadlines),
    // The filing event says what the record says, so whoever reads the incident sees it.
    timeline: events
      .filter((e) => e.type === 'incident.filed' || canSee(viewer, e.visibility as Visibility, e.org))
      .map(presentEvent),
  };
}
