/**
 * "A closure can produce a complaint": file an incident about a closure or
 * restriction, pre-filled from the report (crossing, side as the accused
 * party, dates, blocking-access category, the clause), through the ordinary
 * filing service, then link the incident back onto the report with a
 * `crossing.linked` entry. Filing and linking are two transactions
 * (fileIncident runs its own, and write jobs do not nest): if the link is
 * refused because another complaint won a race, the incident stays filed and
 * the caller is told which one is linked.
 */
import type { SEVERITIES } from '../domain/entries/incident.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import { crossingReportPolicy, crossingReportStateProblem } from '../policy/crossing.js';
import { presentCrossingReport, reportFactsOf, type CrossingReportRow } from '../policy/crossing-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as crossings from '../store/repositories/crossings.js';
import { inTransaction, type Services } from './context.js';
import { notFound, ServiceError } from './errors.js';
import { fileIncident, type IncidentFiling } from './incidents.js';
import { record } from './recorder.js';
import { getWorkspace } from './workspace.js';

export interface ComplaintInput {
  /** The clauses the closure breaches (e.g. the one on keeping crossings open). */
  clause_refs: string[];
  title?: string;
  notes?: string;
  severity?: (typeof SEVERITIES)[number];
  /** Defaults to the report's own visibility. */
  visibility?: Visibility;
}

const STATUS_WORD: Record<string, string> = { closed: 'Closure', restricted: 'Restriction' };

function channelOf(v: Viewer): IncidentFiling['channel'] {
  if (v.orgKind === 'party') return 'party';
  if (v.orgKind === 'monitor') return 'monitor';
  return 'mediator';
}

async function complaintReport(s: Services, viewer: Viewer | undefined, crossingId: string, id: string): Promise<CrossingReportRow> {
  const row = await crossings.unsafeFindReport(s.db, id);
  if (!row || row.crossing_id !== crossingId) throw notFound(`crossing report ${id}`);
  const facts = reportFactsOf(row);
  crossingReportPolicy.authorize(viewer, 'file_complaint', facts, `crossing report ${id}`);
  const problem = crossingReportStateProblem('file_complaint', facts, viewer);
  if (problem) throw new ServiceError('conflict', problem);
  return row;
}

export async function fileClosureComplaint(s: Services, viewer: Viewer | undefined, crossingId: string, id: string, input: ComplaintInput) {
  const row = await complaintReport(s, viewer, crossingId, id);
  const ws = await getWorkspace(s.db);
  const crossing = ws?.crossings.find((c) => c.id === crossingId);
  const side = await accounts.findOrganisation(s.db, row.side);
  if (!crossing || !side) throw notFound(`crossing ${crossingId}`);
  const traffic = (row.traffic_types as string[]).join(', ');
  const from = row.effective_from.slice(0, 10);
  const to = row.effective_to?.slice(0, 10);
  const what = `${STATUS_WORD[row.status] ?? 'Closure'} of ${crossing.name} (${side.name} side) to ${traffic}`;
  const summary = `${what} from ${row.effective_from}${row.effective_to ? ` to ${row.effective_to}` : ', still in force when filed'}, `
    + `as recorded in crossing report ${id}${row.verified ? ' (verified)' : ' (not yet verified)'}.`;
  const filing: IncidentFiling = {
    title: input.title ?? `${what} since ${from}`,
    channel: channelOf(viewer!),
    visibility: input.visibility ?? (row.visibility as Visibility),
    accused_party: row.side,
    clause_refs: input.clause_refs,
    category: 'blocking_access',
    severity: input.severity ?? 'medium',
    event_date: from,
    ...(to !== undefined && to > from ? { end_date: to } : {}),
    time_precision: 1,
    place: { country: side.name, location: crossing.name, latitude: crossing.latitude, longitude: crossing.longitude, geo_precision: 1, crossing_id: crossing.id },
    coding: { event_type: 'Strategic developments', sub_event_type: 'Other', tags: ['crossing closure', ...(row.traffic_types as string[])] },
    notes: input.notes ? `${summary}\n\n${input.notes}` : summary,
    source: `Crossing report ${id}`,
  };
  const filed = await fileIncident(s, viewer, filing);
  const incidentId = filed.incident.id;
  const linked = await inTransaction(s, async (tx) => {
    const current = (await crossings.unsafeFindReport(tx, id))!;
    if (current.incident_id !== null) {
      throw new ServiceError('conflict', `incident ${incidentId} was filed, but a complaint (${current.incident_id}) was linked to report ${id} first`);
    }
    const r = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, {
      type: 'crossing.linked', subject: id, visibility: current.visibility as Visibility, body: { incident_id: incidentId },
    });
    return { row: (await crossings.unsafeFindReport(tx, id))!, index: r.idx };
  });
  return {
    report: presentCrossingReport(linked.row, viewer),
    incident: { id: incidentId, title: filed.incident.title, status: filed.incident.status, visibility: filed.incident.visibility },
    entry: { index: linked.index, type: 'crossing.linked' },
  };
}
