/**
 * presentIncident: the one place where incident fields are chosen per viewer
 * (STYLE.md §5). Output fields are listed explicitly; the complainant's
 * identity is dropped for viewers who may not see it.
 */
import { isOverdue, type IncidentStatus } from '../domain/incident.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import { canSeeComplainantIdentity, incidentPolicy, type IncidentFacts } from './incident.js';

export interface IncidentRow {
  id: string;
  status: string;
  visibility: string;
  complainant_org: string;
  accused_party: string | null;
  category: string | null;
  title: string;
  event_date: string;
  deadline_at: string | null;
  filed_at: string;
  updated_at: string;
  record: unknown;
  entry_index: number;
}

export function factsOf(row: IncidentRow): IncidentFacts {
  return {
    status: row.status as IncidentStatus,
    visibility: row.visibility as Visibility,
    complainant_org: row.complainant_org,
    accused_party: row.accused_party,
  };
}

type Rec = Record<string, unknown>;

export function presentIncidentSummary(row: IncidentRow, viewer: Viewer | undefined, now: Date) {
  const r = row.record as Rec;
  const facts = factsOf(row);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    visibility: row.visibility,
    complainant_org: row.complainant_org,
    accused_party: row.accused_party,
    category: row.category,
    severity: (r.severity as string | undefined) ?? null,
    event_date: row.event_date,
    place: r.place as Rec,
    deadline_at: row.deadline_at,
    overdue: isOverdue(row.deadline_at, now),
    filed_at: row.filed_at,
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: incidentPolicy.actionsFor(viewer, facts) as string[],
  };
}

export function presentIncident(row: IncidentRow, viewer: Viewer | undefined, now: Date) {
  const r = row.record as Rec;
  const facts = factsOf(row);
  return {
    ...presentIncidentSummary(row, viewer, now),
    channel: r.channel as string,
    complainant_identity: canSeeComplainantIdentity(viewer, facts) ? ((r.complainant_identity as string | undefined) ?? null) : null,
    clause_refs: (r.clause_refs as string[] | undefined) ?? [],
    end_date: (r.end_date as string | undefined) ?? null,
    time_precision: r.time_precision as number,
    coding: (r.coding as Rec | undefined) ?? null,
    casualties: (r.casualties as Rec | undefined) ?? null,
    notes: (r.notes as string | undefined) ?? '',
    source: (r.source as string | undefined) ?? null,
    source_scale: (r.source_scale as string | undefined) ?? null,
    filed_by: r.filed_by as string,
  };
}
