/**
 * Filing, listing and reading incidents. Each write is one transaction: the
 * signed ledger entry and the projected rows together (src/services/recorder.ts).
 */
import { asJson } from '../domain/entries.js';
import type { IncidentFiled } from '../domain/entries/incident.js';
import { nextIncidentId, stepVisibility } from '../domain/incident.js';
import { readScope, type Viewer } from '../domain/visibility.js';
import { canFileIncident, incidentPolicy } from '../policy/incident.js';
import { factsOf, presentIncident, presentIncidentSummary } from '../policy/incident-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
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
  const ws = await requireWorkspace(s.db);
  const { complainant_identity, ...body } = filing;
  await checkReferences(s.db, ws, { accused_party: body.accused_party, clause_refs: body.clause_refs, crossing_id: body.place.crossing_id });
  if (body.accused_party === viewer.org) throw new ServiceError('bad_request', 'accused_party: an organisation cannot complain about itself');
  const actor = { org: viewer.org, userId: viewer.userId };
  const { id, idx } = await inTransaction(s, async (tx) => {
    // Under the ledger lock (inTransaction), so two filings never take the same number.
    const year = s.clock().getUTCFullYear();
    const id = nextIncidentId(year, await incidents.lastIncidentNumber(tx, year));
    const filed = await record(tx, s, actor, { type: 'incident.filed', subject: id, visibility: body.visibility, body: asJson({ ...body, id }) });
    if (complainant_identity !== undefined) {
      await record(tx, s, actor, {
        type: 'incident.complainant_recorded', subject: id,
        visibility: stepVisibility('incident.complainant_recorded', body.visibility), body: { identity: complainant_identity },
      });
    }
    return { id, idx: filed.idx };
  });
  return { incident: await getIncident(s, viewer, id), entry: { index: idx, type: 'incident.filed' } };
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
