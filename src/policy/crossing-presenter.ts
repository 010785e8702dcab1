/**
 * What each viewer sees of crossing reports and crossings (STYLE.md §5).
 * Callers pass only rows the viewer may read (crossingReadScope /
 * crossingReportPolicy); here the fields are listed explicitly, user ids
 * are kept to the mechanism's members, and `actions` says what the viewer
 * may do now.
 */
import { closuresOf, statusAt, statusTimeline, type Segment, type TimedReport } from '../domain/crossing.js';
import { TRAFFIC_TYPES, type CrossingStatus, type TrafficType } from '../domain/entries/crossing.js';
import type { Crossing } from '../domain/entries/workspace.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import { crossingReportPolicy, isMember, type CrossingReportFacts } from './crossing.js';

export interface CrossingReportRow {
  id: string;
  crossing_id: string;
  side: string;
  status: string;
  traffic_types: unknown;
  effective_from: string;
  effective_to: string | null;
  method: string;
  announced_by: string | null;
  reporter_org: string;
  visibility: string;
  verified: boolean;
  disputed: boolean;
  commitment_id: string | null;
  incident_id: string | null;
  reported_at: string;
  record: unknown;
  entry_index: number;
}

type Rec = Record<string, unknown>;

export function reportFactsOf(row: CrossingReportRow): CrossingReportFacts {
  const verifications = ((row.record as Rec).verifications ?? []) as Array<{ org: string }>;
  return {
    visibility: row.visibility as Visibility,
    reporter_org: row.reporter_org,
    side: row.side,
    status: row.status,
    verified: row.verified,
    verifier_orgs: verifications.map((v) => v.org),
    commitment_id: row.commitment_id,
    incident_id: row.incident_id,
  };
}

const opt = <T>(r: Rec, key: string): T | null => (r[key] === undefined ? null : (r[key] as T));

export function presentCrossingReport(row: CrossingReportRow, viewer: Viewer | undefined) {
  const r = row.record as Rec;
  const member = isMember(viewer);
  return {
    id: row.id,
    crossing_id: row.crossing_id,
    side: row.side,
    traffic_types: row.traffic_types as TrafficType[],
    status: row.status as CrossingStatus,
    effective_from: row.effective_from,
    effective_to: row.effective_to,
    announced_by: row.announced_by,
    method: row.method,
    reason: opt<string>(r, 'reason'),
    queues: opt<Rec>(r, 'queues'),
    source: opt<string>(r, 'source'),
    commitment_id: row.commitment_id,
    incident_id: row.incident_id,
    visibility: row.visibility as Visibility,
    reporter_org: row.reporter_org,
    reported_by: member ? (r.reported_by as string) : null,
    reported_at: row.reported_at,
    verified: row.verified,
    disputed: row.disputed,
    verifications: ((r.verifications ?? []) as Rec[]).map((v) => ({
      org: v.org as string,
      user: member ? (v.user as string) : null,
      at: v.at as string,
      outcome: v.outcome as string,
      method: v.method as string,
      observed_at: opt<string>(v, 'observed_at'),
      queues: opt<Rec>(v, 'queues'),
      note: opt<string>(v, 'note'),
    })),
    entry_index: row.entry_index,
    actions: crossingReportPolicy.actionsFor(viewer, reportFactsOf(row)) as string[],
  };
}

export function timedReport(row: CrossingReportRow): TimedReport {
  return {
    id: row.id,
    idx: Number((row.record as Rec).reported_index),
    status: row.status as CrossingStatus,
    effective_from: row.effective_from,
    effective_to: row.effective_to,
  };
}

export interface Line {
  side: string;
  traffic_type: TrafficType;
  segments: Segment[];
}

/** One timeline per side and traffic type that the given (readable) reports speak about. */
export function timelinesOf(rows: readonly CrossingReportRow[]): Line[] {
  const sides = [...new Set(rows.map((r) => r.side))].sort();
  const out: Line[] = [];
  for (const side of sides) {
    for (const traffic_type of TRAFFIC_TYPES) {
      const about = rows.filter((r) => r.side === side && (r.traffic_types as string[]).includes(traffic_type));
      if (about.length > 0) out.push({ side, traffic_type, segments: statusTimeline(about.map(timedReport)) });
    }
  }
  return out;
}

export function presentCrossing(c: Crossing, rows: readonly CrossingReportRow[], now: Date, withTimeline: boolean) {
  const lines = timelinesOf(rows);
  return {
    id: c.id,
    name: c.name,
    latitude: c.latitude,
    longitude: c.longitude,
    sides: c.sides,
    /** What is in force now, per side and traffic type (null: no report covers now). */
    current: lines.map((l) => {
      const s = statusAt(l.segments, now);
      return { side: l.side, traffic_type: l.traffic_type, status: s?.status ?? null, since: s?.from ?? null, report_id: s?.report_id ?? null };
    }),
    ...(withTimeline
      ? { timelines: lines.map((l) => ({ ...l, closures: closuresOf(l.segments) })) }
      : {}),
  };
}
