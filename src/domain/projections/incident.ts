/**
 * Appliers for incident entries (pure). The whole incident state lives in the
 * `record` jsonb of its `incidents` row; the other columns are derived from it
 * (`incidentRow`) for filtering and paging. Every entry about an incident also
 * adds an `incident_events` row: the timeline, each event with the
 * visibility its entry was recorded with.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import type { Deadlines } from '../entries/workspace.js';
import { parseBody } from '../entries.js';
import { deadlineFor, pendingOn, pendingStep, type IncidentStatus, type StepTimes } from '../incident.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup } from '../projection.js';
import type { Visibility } from '../visibility.js';
import { counterRef, countReference } from './counters.js';
import { requireRow } from './workspace.js';

/** The incident as its record holds it. Fields after `times` appear as the lifecycle advances. */
export interface IncidentRecord extends JsonObject {
  status: IncidentStatus;
  visibility: Visibility;
  complainant_org: string;
  filed_by: string;
  times: StepTimes & JsonObject;
  acknowledged: boolean;
}

export function deadlinesOf(get: RowLookup): Deadlines {
  const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
  return (ws.config as { deadlines_hours: Deadlines }).deadlines_hours;
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The `incidents` row for a record: columns derived from it, so they can never disagree. */
export function incidentRow(id: string, record: IncidentRecord, deadlines: Deadlines, at: string, idx: number): Row {
  const place = (record.place ?? {}) as Rec;
  const finding = (record.finding ?? {}) as Rec;
  const responsible = str((finding.body as Rec | undefined)?.responsible_party);
  const pending = pendingStep(record.status, record.times);
  const accused = str(record.accused_party);
  return {
    id,
    status: record.status,
    visibility: record.visibility,
    complainant_org: record.complainant_org,
    accused_party: accused,
    category: str(record.category),
    severity: str(record.severity),
    title: String(record.title),
    event_date: String(record.event_date),
    country: str(place.country),
    admin1: str(place.admin1),
    location: str(place.location),
    latitude: num(place.latitude),
    longitude: num(place.longitude),
    geo_precision: num(place.geo_precision),
    crossing_id: str(place.crossing_id),
    pending_step: pending?.step ?? null,
    pending_on: pending ? pendingOn(pending.step, accused, responsible) : null,
    deadline_at: deadlineFor(record.status, record.times, deadlines),
    filed_at: record.times.filed,
    updated_at: at,
    record,
    entry_index: idx,
  };
}

/** The timeline row every incident entry adds. */
export function eventRow(e: AppliedEntry, incidentId: string): Change {
  return {
    table: 'incident_events',
    key: e.idx,
    row: { idx: e.idx, incident_id: incidentId, type: e.entry.type, org: e.entry.org, user_id: e.entry.user, at: e.entry.at, visibility: e.visibility, body: e.body },
  };
}

export function requireIncident(get: RowLookup, id: string): IncidentRecord {
  return requireRow(get, 'incidents', id, `incident ${id} does not exist`).record as IncidentRecord;
}

export const incidentAppliers: Record<string, Applier> = {
  'incident.filed': {
    reads: (e) => [{ table: 'incidents', key: e.entry.subject }, { table: 'workspace', key: 1 }, counterRef(e.entry.subject)],
    apply(e, get) {
      const b = parseBody('incident.filed', e.body);
      if (b.id !== e.entry.subject) throw new ProjectionError('conflict', 'incident id and entry subject differ');
      if (get('incidents', b.id)) throw new ProjectionError('conflict', `incident ${b.id} already exists`);
      if (e.visibility !== b.visibility) throw new ProjectionError('conflict', 'the filing entry must be recorded with the incident\'s visibility');
      const { id, ...filed } = b;
      const record: IncidentRecord = {
        ...(filed as unknown as JsonObject),
        status: 'received',
        visibility: b.visibility,
        complainant_org: e.entry.org,
        filed_by: e.entry.user,
        times: { filed: e.entry.at },
        acknowledged: false,
      };
      const row = incidentRow(id, record, deadlinesOf(get), e.entry.at, e.idx);
      return [{ table: 'incidents', key: id, row }, countReference(get, id), eventRow(e, id)];
    },
  },
  'incident.complainant_recorded': {
    reads: (e) => [{ table: 'incidents', key: e.entry.subject }, { table: 'workspace', key: 1 }],
    apply(e, get) {
      const b = parseBody('incident.complainant_recorded', e.body);
      const id = e.entry.subject;
      const record = requireIncident(get, id);
      if (e.visibility !== 'mediators') throw new ProjectionError('conflict', 'a complainant identity is recorded sealed to the mediators');
      if (e.entry.org !== record.complainant_org) throw new ProjectionError('conflict', 'only the complainant records its identity');
      const next: IncidentRecord = { ...record, complainant_identity: b.identity };
      return [{ table: 'incidents', key: id, row: incidentRow(id, next, deadlinesOf(get), e.entry.at, e.idx) }, eventRow(e, id)];
    },
  },
};
