/**
 * Appliers for incident entries (pure). The `incidents` row keeps the
 * searchable columns plus the whole record as jsonb; every entry about an
 * incident also adds an `incident_events` row (the timeline).
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import type { Deadlines } from '../entries/workspace.js';
import { parseBody } from '../entries.js';
import { deadlineFor } from '../incident.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup } from '../projection.js';
import { requireRow } from './workspace.js';

export function deadlinesOf(get: RowLookup): Deadlines {
  const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
  return (ws.config as { deadlines_hours: Deadlines }).deadlines_hours;
}

/** The timeline row every incident entry adds. */
export function eventRow(e: AppliedEntry, incidentId: string): Change {
  return {
    table: 'incident_events',
    key: e.idx,
    row: { idx: e.idx, incident_id: incidentId, type: e.entry.type, org: e.entry.org, user_id: e.entry.user, at: e.entry.at, visibility: e.visibility, body: e.body },
  };
}

export const incidentAppliers: Record<string, Applier> = {
  'incident.filed': {
    reads: (e) => [{ table: 'incidents', key: String(e.body.id) }, { table: 'workspace', key: 1 }],
    apply(e, get) {
      const b = parseBody('incident.filed', e.body);
      if (b.id !== e.entry.subject) throw new ProjectionError('conflict', 'incident id and entry subject differ');
      if (get('incidents', b.id)) throw new ProjectionError('conflict', `incident ${b.id} already exists`);
      const { id, ...rest } = b;
      const record: Row = { ...(rest as unknown as JsonObject), filed_by: e.entry.user };
      const row: Row = {
        id,
        status: 'received',
        visibility: b.visibility,
        complainant_org: e.entry.org,
        accused_party: b.accused_party ?? null,
        category: b.category ?? null,
        title: b.title,
        event_date: b.event_date,
        country: b.place.country,
        location: b.place.location ?? null,
        latitude: b.place.latitude ?? null,
        longitude: b.place.longitude ?? null,
        geo_precision: b.place.geo_precision,
        deadline_at: deadlineFor('received', e.entry.at, deadlinesOf(get)),
        filed_at: e.entry.at,
        updated_at: e.entry.at,
        record,
        entry_index: e.idx,
      };
      return [{ table: 'incidents', key: id, row }, eventRow(e, id)];
    },
  },
};
