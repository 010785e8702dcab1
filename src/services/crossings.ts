/**
 * Crossing status: report, verify, link a closure to a commitment, file a
 * complaint about it, and read crossings with their timelines and closure
 * totals. Each write is one transaction: the signed entry and the projected
 * row together (src/services/recorder.ts).
 */
import { closuresOf, MAX_PERIODS, nextCrossingReportId, periodsBetween, periodTotals, type PeriodUnit } from '../domain/crossing.js';
import { asJson } from '../domain/entries.js';
import type { StatusReported, TrafficType } from '../domain/entries/crossing.js';
import type { Crossing } from '../domain/entries/workspace.js';
import type { Viewer } from '../domain/visibility.js';
import { canReportCrossingStatus, crossingReadScope, reportableSides, crossingReportPolicy, crossingReportStateProblem, type CrossingReportAction } from '../policy/crossing.js';
import { presentCrossing, presentCrossingReport, reportFactsOf, timelinesOf, type CrossingReportRow } from '../policy/crossing-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as commitments from '../store/repositories/commitments.js';
import * as incidents from '../store/repositories/incidents.js';
import * as crossings from '../store/repositories/crossings.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';
import { getWorkspace } from './workspace.js';

export type StatusReportInput = Omit<StatusReported, 'id' | 'crossing_id'>;

/** Any RFC 3339 time the API accepted, as entries write times (UTC, milliseconds). */
export function utcTime(t: string): string {
  return new Date(t).toISOString();
}

async function requireCrossing(db: Db, id: string): Promise<Crossing> {
  const ws = await getWorkspace(db);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  const c = ws.crossings.find((x) => x.id === id);
  if (!c) throw notFound(`crossing ${id}`);
  return c;
}

/** A commitment named in a body must exist (400: a client mistake). The applier checks it again on replay. */
async function checkCommitment(db: Db, id: string | undefined): Promise<void> {
  if (id !== undefined && !(await commitments.getCommitment(db, id))) throw new ServiceError('bad_request', `commitment_id: unknown commitment ${id}`);
}

async function checkOrgs(db: Db, side: string, announcedBy: string | undefined): Promise<void> {
  if ((await accounts.findOrganisation(db, side))?.kind !== 'party') throw new ServiceError('bad_request', `side: ${side} is not a party to the agreement`);
  if (announcedBy !== undefined && !(await accounts.findOrganisation(db, announcedBy))) {
    throw new ServiceError('bad_request', `announced_by: unknown organisation ${announcedBy}`);
  }
}

export async function reportCrossingStatus(s: Services, viewer: Viewer | undefined, crossingId: string, input: StatusReportInput) {
  if (!viewer) throw new ServiceError('unauthorized', 'sign in to report crossing status');
  if (!canReportCrossingStatus(viewer, input.side)) {
    throw forbidden(viewer.orgKind === 'party' ? 'a party reports the status of its own side only' : 'your role may not report crossing status');
  }
  const body = {
    ...input,
    effective_from: utcTime(input.effective_from),
    ...(input.effective_to !== undefined ? { effective_to: utcTime(input.effective_to) } : {}),
  };
  return inTransaction(s, async (tx) => {
    await requireCrossing(tx, crossingId);
    await checkOrgs(tx, body.side, body.announced_by);
    await checkCommitment(tx, body.commitment_id);
    const year = s.clock().getUTCFullYear();
    const id = nextCrossingReportId(year, await lastReferenceNumber(tx, `CSR-${year}`));
    const r = await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
      type: 'crossing.status_reported', subject: id, visibility: body.visibility, body: asJson({ id, crossing_id: crossingId, ...body }),
    });
    const row = (await crossings.unsafeFindReport(tx, id))!;
    return { report: presentCrossingReport(row, viewer), entry: { index: r.idx, type: r.entry.type } };
  });
}

/** The report, if it exists, belongs to the crossing in the URL and the viewer may take `action` (404/401/403/409 otherwise). */
async function authorizedReport(db: Db, viewer: Viewer | undefined, crossingId: string, id: string, action: CrossingReportAction): Promise<CrossingReportRow> {
  const row = await crossings.unsafeFindReport(db, id);
  if (!row || row.crossing_id !== crossingId) throw notFound(`crossing report ${id}`);
  const facts = reportFactsOf(row);
  crossingReportPolicy.authorize(viewer, action, facts, `crossing report ${id}`);
  const problem = crossingReportStateProblem(action, facts, viewer);
  if (problem) throw new ServiceError('conflict', problem);
  return row;
}

export async function getCrossingReport(s: Services, viewer: Viewer | undefined, crossingId: string, id: string) {
  return presentCrossingReport(await authorizedReport(s.db, viewer, crossingId, id, 'read'), viewer);
}

async function recordOnReport(
  s: Services, viewer: Viewer | undefined, crossingId: string, id: string, action: 'verify' | 'link',
  type: 'crossing.status_verified' | 'crossing.linked', body: Record<string, unknown>,
  check: (tx: Db, row: CrossingReportRow) => Promise<void> = async () => undefined,
) {
  return inTransaction(s, async (tx) => {
    const row = await authorizedReport(tx, viewer, crossingId, id, action);
    await check(tx, row);
    const actor = { org: viewer!.org, userId: viewer!.userId };
    const r = await record(tx, s, actor, { type, subject: id, visibility: row.visibility as StatusReported['visibility'], body: asJson(body) });
    return { report: presentCrossingReport((await crossings.unsafeFindReport(tx, id))!, viewer), entry: { index: r.idx, type } };
  });
}

export interface VerificationInput {
  outcome: 'confirmed' | 'disputed';
  method: StatusReported['method'];
  observed_at?: string;
  queues?: StatusReported['queues'];
  note?: string;
}

export async function verifyCrossingReport(s: Services, viewer: Viewer | undefined, crossingId: string, id: string, input: VerificationInput) {
  const body = { ...input, ...(input.observed_at !== undefined ? { observed_at: utcTime(input.observed_at) } : {}) };
  return recordOnReport(s, viewer, crossingId, id, 'verify', 'crossing.status_verified', body);
}

export interface LinkInput {
  commitment_id?: string;
  incident_id?: string;
}

/** Link a closure to the commitment it bears on and/or a complaint already filed about it (same crossing). */
export async function linkClosure(s: Services, viewer: Viewer | undefined, crossingId: string, id: string, input: LinkInput) {
  return recordOnReport(s, viewer, crossingId, id, 'link', 'crossing.linked', { ...input }, async (tx, row) => {
    await checkCommitment(tx, input.commitment_id);
    if (input.incident_id !== undefined) {
      const incident = await incidents.unsafeFindIncident(tx, input.incident_id);
      if (!incident) throw new ServiceError('bad_request', `incident_id: unknown incident ${input.incident_id}`);
      const about = (incident.record as { place?: { crossing_id?: string } }).place?.crossing_id;
      if (about !== row.crossing_id) throw new ServiceError('bad_request', `incident_id: ${input.incident_id} is not about crossing ${row.crossing_id}`);
    }
  });
}

export interface ListFilters {
  side?: string;
  traffic_type?: TrafficType;
}

/** Every configured crossing with what is in force now, from the reports the viewer may read. */
export async function listCrossings(s: Services, viewer: Viewer | undefined) {
  const ws = await getWorkspace(s.db);
  const rows = await crossings.listReports(s.db, crossingReadScope(viewer), {});
  const now = s.clock();
  return { items: (ws?.crossings ?? []).map((c) => presentCrossing(c, rows.filter((r) => r.crossing_id === c.id), now, false)) };
}

/** A crossing with its status timelines and closures per side and traffic type, and the reports behind them. */
export async function getCrossing(s: Services, viewer: Viewer | undefined, id: string, f: ListFilters) {
  const c = await requireCrossing(s.db, id);
  const rows = await crossings.listReports(s.db, crossingReadScope(viewer), { crossingId: id, side: f.side });
  const about = f.traffic_type ? rows.filter((r) => (r.traffic_types as string[]).includes(f.traffic_type!)) : rows;
  const crossing = presentCrossing(c, about, s.clock(), true);
  // What the viewer may do that no listed report carries: report a status, for these sides (party organisations).
  const parties = (await accounts.listOrganisations(s.db)).filter((o) => o.kind === 'party').map((o) => o.id);
  const reportSides = reportableSides(viewer, parties);
  return {
    ...crossing,
    timelines: crossing.timelines!.filter((l) => !f.traffic_type || l.traffic_type === f.traffic_type),
    reports: about.map((r) => presentCrossingReport(r, viewer)),
    actions: reportSides.length > 0 ? ['report' as const] : [],
    report_sides: reportSides,
  };
}

export interface ClosureQuery extends ListFilters {
  from: string;
  to: string;
  period: PeriodUnit;
}

/** Hours open / closed / restricted / unknown and closures per period, per side and traffic type. */
export async function crossingClosures(s: Services, viewer: Viewer | undefined, id: string, q: ClosureQuery) {
  if (q.from > q.to) throw new ServiceError('bad_request', 'from must not be after to');
  const periods = periodsBetween(q.from, q.to, q.period);
  const end = periods.at(-1)!.to;
  if (end.getTime() < Date.parse(`${q.to}T00:00:00.000Z`)) throw new ServiceError('bad_request', `at most ${MAX_PERIODS} periods; choose a longer period or a shorter range`);
  await requireCrossing(s.db, id);
  const rows = await crossings.listReports(s.db, crossingReadScope(viewer), { crossingId: id, side: q.side });
  const now = s.clock();
  const start = periods[0]!.from;
  const lines = timelinesOf(rows).filter((l) => !q.traffic_type || l.traffic_type === q.traffic_type);
  return {
    crossing_id: id,
    from: q.from,
    to: q.to,
    period: q.period,
    as_of: now.toISOString(),
    lines: lines.map((l) => ({
      side: l.side,
      traffic_type: l.traffic_type,
      total: periodTotals(l.segments, start, end, now),
      periods: periods.map((p) => periodTotals(l.segments, p.from, p.to, now)),
      closures: closuresOf(l.segments).filter((c) => Date.parse(c.from) < end.getTime() && (c.to === null || Date.parse(c.to) > start.getTime())),
    })),
  };
}
