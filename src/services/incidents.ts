/**
 * Filing, listing and reading incidents. Each write is one transaction: the
 * signed ledger entry and the projected rows together (src/services/recorder.ts).
 */
import { asJson } from '../domain/entries.js';
import type { IncidentFiled } from '../domain/entries/incident.js';
import { nextIncidentId, stepVisibility } from '../domain/incident.js';
import { readScope, type Viewer } from '../domain/visibility.js';
import { canFileIncident, incidentPolicy } from '../policy/incident.js';
import { factsOf, presentIncident, presentIncidentSummary, type IncidentEventRow } from '../policy/incident-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import { prefetchRows } from '../store/unit-of-work.js';
import * as incidents from '../store/repositories/incidents.js';
import type { Cursor, IncidentFilters } from '../store/repositories/incidents.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';
import { getWorkspace, type WorkspaceInfo } from './workspace.js';

export type IncidentFiling = Omit<IncidentFiled, 'id'> & { complainant_identity?: string };

async function requireWorkspace(db: Db): Promise<WorkspaceInfo> {
  const ws = await getWorkspace(db);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  return ws;
}

/** Names in a filing or triage must exist: unknown clauses, crossings or parties are client mistakes (400). */
export async function checkReferences(
  db: Db, ws: WorkspaceInfo, refs: { accused_party?: string; clause_refs?: string[]; crossing_id?: string },
): Promise<void> {
  if (refs.accused_party !== undefined) {
    const org = await accounts.findOrganisation(db, refs.accused_party);
    if (!org || org.kind !== 'party') throw new ServiceError('bad_request', `accused_party: ${refs.accused_party} is not a party to the agreement`);
  }
  const clauses = new Set(ws.clauses.map((c) => c.id));
  const unknown = (refs.clause_refs ?? []).filter((c) => !clauses.has(c));
  if (unknown.length > 0) throw new ServiceError('bad_request', `clause_refs: unknown clause ${unknown.join(', ')}`);
  if (refs.crossing_id !== undefined && !ws.crossings.some((c) => c.id === refs.crossing_id)) {
    throw new ServiceError('bad_request', `place.crossing_id: unknown crossing ${refs.crossing_id}`);
  }
}

export async function fileIncident(s: Services, viewer: Viewer | undefined, filing: IncidentFiling) {
  if (!canFileIncident(viewer)) throw forbidden('your role may not file incidents');
  const { complainant_identity, ...body } = filing;
  if (body.accused_party === viewer.org) throw new ServiceError('bad_request', 'accused_party: an organisation cannot complain about itself');
  const actor = { org: viewer.org, userId: viewer.userId };
  // Everything in one write job: keyed reads come from the writer's batch,
  // and the answer is presented from the rows just written (no re-read).
  return inTransaction(s, async (tx) => {
    const ws = await requireWorkspace(tx);
    await checkReferences(tx, ws, { accused_party: body.accused_party, clause_refs: body.clause_refs, crossing_id: body.place.crossing_id });
    // Under the ledger lock, so two filings never take the same number.
    const year = s.clock().getUTCFullYear();
    const last = await lastReferenceNumber(tx, `INC-${year}`);
    const id = nextIncidentId(year, last);
    // Numbers are handed out in order, so the next filings in this batch will
    // look up the next ids: read a window of them in one query, not one each.
    await prefetchRows(tx, Array.from({ length: 32 }, (_, i) => ({ table: 'incidents' as const, key: nextIncidentId(year, last + i) })));
    const recorded = [await record(tx, s, actor, { type: 'incident.filed', subject: id, visibility: body.visibility, body: asJson({ ...body, id }) })];
    if (complainant_identity !== undefined) {
      recorded.push(await record(tx, s, actor, {
        type: 'incident.complainant_recorded', subject: id,
        visibility: stepVisibility('incident.complainant_recorded', body.visibility), body: { identity: complainant_identity },
      }));
    }
    const row = (await incidents.unsafeFindIncident(tx, id))!;
    const events = recorded.flatMap((r) => r.changes.filter((c) => c.table === 'incident_events').map((c) => c.row as unknown as IncidentEventRow));
    return { incident: presentIncident(row, viewer, s.clock(), ws.deadlines_hours, events), entry: { index: recorded[0]!.idx, type: 'incident.filed' } };
  });
}

export async function getIncident(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await incidents.unsafeFindIncident(s.db, id);
  if (!row) throw notFound(`incident ${id}`);
  incidentPolicy.authorize(viewer, 'read', factsOf(row), `incident ${id}`);
  const [ws, events] = await Promise.all([requireWorkspace(s.db), incidents.unsafeIncidentEvents(s.db, id)]);
  return presentIncident(row, viewer, s.clock(), ws.deadlines_hours, events);
}

export const MAX_PAGE = 200;

export interface ListQuery extends IncidentFilters {
  limit?: number;
  cursor?: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.event_date}|${c.id}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const [event_date, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (!event_date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(event_date) || !/^INC-\d{4}-\d+$/.test(id)) {
    throw new ServiceError('bad_request', 'cursor: not a cursor this server issued');
  }
  return { event_date, id };
}

/** A page of the incidents the viewer may read, newest first, with the cursor of the next page. */
export async function listIncidentsFor(s: Services, viewer: Viewer | undefined, query: ListQuery) {
  const { limit = 50, cursor, ...filters } = query;
  const now = s.clock();
  const page = { limit: Math.min(Math.max(limit, 1), MAX_PAGE), after: cursor ? decodeCursor(cursor) : undefined };
  const { rows, total } = await incidents.listIncidents(s.db, readScope(viewer), filters, page, now.toISOString());
  const last = rows.at(-1);
  return {
    items: rows.map((r) => presentIncidentSummary(r, viewer, now)),
    total,
    next_cursor: last && rows.length === page.limit ? encodeCursor(last) : null,
  };
}
