/**
 * Appliers for crossing status entries (pure). One `crossing_reports` row per
 * report; its `record` jsonb holds the report as filed plus its
 * verifications, and the other columns are derived from it (`reportRow`) for
 * filtering, so they can never disagree.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import type { Crossing } from '../entries/workspace.js';
import { ProjectionError, type Applier, type AppliedEntry, type Row, type RowLookup, type RowRef } from '../projection.js';
import { counterRef, countReference } from './counters.js';
import { requireRow } from './workspace.js';

export interface Verification extends JsonObject {
  index: number;
  org: string;
  user: string;
  at: string;
  outcome: string;
}

/** The report as its record holds it: the filed body (without id) plus what happened to it. */
export interface CrossingReportRecord extends JsonObject {
  crossing_id: string;
  side: string;
  traffic_types: string[];
  status: string;
  effective_from: string;
  visibility: string;
  method: string;
  reporter_org: string;
  reported_by: string;
  reported_at: string;
  reported_index: number;
  verifications: Verification[];
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function reportRow(id: string, r: CrossingReportRecord, idx: number): Row {
  return {
    id,
    crossing_id: r.crossing_id,
    side: r.side,
    status: r.status,
    traffic_types: r.traffic_types,
    effective_from: r.effective_from,
    effective_to: str((r as Rec).effective_to),
    method: r.method,
    announced_by: str((r as Rec).announced_by),
    reporter_org: r.reporter_org,
    visibility: r.visibility,
    verified: r.verifications.some((v) => v.outcome === 'confirmed'),
    disputed: r.verifications.some((v) => v.outcome === 'disputed'),
    commitment_id: str((r as Rec).commitment_id),
    incident_id: str((r as Rec).incident_id),
    reported_at: r.reported_at,
    record: r,
    entry_index: idx,
  };
}

function requireReport(get: RowLookup, id: string): CrossingReportRecord {
  return requireRow(get, 'crossing_reports', id, `crossing report ${id} does not exist`).record as CrossingReportRecord;
}

/** Entries about a report are recorded with the report's own visibility (a sealed report stays sealed). */
function sameAudience(e: AppliedEntry, r: CrossingReportRecord): void {
  if (e.visibility !== r.visibility) throw new ProjectionError('conflict', `entries about report ${e.entry.subject} are recorded with its visibility (${r.visibility})`);
}

const reportRefs = (e: AppliedEntry): RowRef[] => [{ table: 'crossing_reports', key: e.entry.subject }];
const commitmentRefs = (e: AppliedEntry): RowRef[] => (typeof e.body.commitment_id === 'string' ? [{ table: 'commitments', key: e.body.commitment_id }] : []);

export const crossingAppliers: Record<string, Applier> = {
  'crossing.status_reported': {
    reads: (e) => [
      ...reportRefs(e), { table: 'workspace', key: 1 }, counterRef(e.entry.subject),
      { table: 'organisations', key: String(e.body.side) },
      ...(typeof e.body.announced_by === 'string' ? [{ table: 'organisations' as const, key: e.body.announced_by }] : []),
      ...commitmentRefs(e),
    ],
    apply(e, get) {
      const b = parseBody('crossing.status_reported', e.body);
      if (b.id !== e.entry.subject) throw new ProjectionError('conflict', 'report id and entry subject differ');
      if (get('crossing_reports', b.id)) throw new ProjectionError('conflict', `crossing report ${b.id} already exists`);
      if (e.visibility !== b.visibility) throw new ProjectionError('conflict', 'a report is recorded with its own visibility');
      const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
      const crossings = ((ws.config as Rec).crossings ?? []) as Crossing[];
      if (!crossings.some((c) => c.id === b.crossing_id)) throw new ProjectionError('not_found', `crossing ${b.crossing_id} is not configured`);
      if (get('organisations', b.side)?.kind !== 'party') throw new ProjectionError('conflict', `side ${b.side} is not a party to the agreement`);
      if (b.announced_by !== undefined) requireRow(get, 'organisations', b.announced_by, `announced_by: unknown organisation ${b.announced_by}`);
      if (b.commitment_id !== undefined) requireRow(get, 'commitments', b.commitment_id, `commitment ${b.commitment_id} does not exist`);
      const { id, ...filed } = b;
      const record = {
        ...filed,
        reporter_org: e.entry.org,
        reported_by: e.entry.user,
        reported_at: e.entry.at,
        reported_index: e.idx,
        verifications: [],
      } as unknown as CrossingReportRecord;
      return [{ table: 'crossing_reports', key: id, row: reportRow(id, record, e.idx) }, countReference(get, id)];
    },
  },
  'crossing.status_verified': {
    reads: reportRefs,
    apply(e, get) {
      const b = parseBody('crossing.status_verified', e.body);
      const id = e.entry.subject;
      const r = requireReport(get, id);
      sameAudience(e, r);
      if (e.entry.org === r.reporter_org) throw new ProjectionError('conflict', 'a report is verified by someone other than its reporter');
      if (r.verifications.some((v) => v.org === e.entry.org)) throw new ProjectionError('conflict', `${e.entry.org} has already verified report ${id}`);
      const v = { ...(b as unknown as JsonObject), index: e.idx, org: e.entry.org, user: e.entry.user, at: e.entry.at } as Verification;
      const next: CrossingReportRecord = { ...r, verifications: [...r.verifications, v] };
      return [{ table: 'crossing_reports', key: id, row: reportRow(id, next, e.idx) }];
    },
  },
  'crossing.linked': {
    reads: (e) => [...reportRefs(e), ...commitmentRefs(e), ...(typeof e.body.incident_id === 'string' ? [{ table: 'incidents' as const, key: e.body.incident_id }] : [])],
    apply(e, get) {
      const b = parseBody('crossing.linked', e.body);
      const id = e.entry.subject;
      const r = requireReport(get, id) as CrossingReportRecord & Rec;
      sameAudience(e, r);
      if (r.status === 'open') throw new ProjectionError('conflict', `report ${id} is not a closure or restriction`);
      if (b.commitment_id !== undefined) {
        if (r.commitment_id !== undefined) throw new ProjectionError('conflict', `report ${id} is already linked to ${String(r.commitment_id)}`);
        requireRow(get, 'commitments', b.commitment_id, `commitment ${b.commitment_id} does not exist`);
      }
      if (b.incident_id !== undefined) {
        if (r.incident_id !== undefined) throw new ProjectionError('conflict', `a complaint (${String(r.incident_id)}) is already filed about report ${id}`);
        requireRow(get, 'incidents', b.incident_id, `incident ${b.incident_id} does not exist`);
      }
      const next = { ...r, ...(b as unknown as JsonObject) } as CrossingReportRecord;
      return [{ table: 'crossing_reports', key: id, row: reportRow(id, next, e.idx) }];
    },
  },
};
