/**
 * Appliers for evidence entries (pure). The evidence state lives in the
 * `record` jsonb of its `evidence` row (the lodged body verbatim, plus what
 * custody changed: redactions, disclosure, current visibility); the other
 * columns are derived from it. Every evidence entry also adds a
 * `custody_events` row: the chain of custody (DOMAIN.md "Evidence").
 *
 * The rules live here, not only in the services, so `annex verify` holds a
 * replayed log to them too: no evidence on an unknown or finished incident,
 * no disclosure that does not open the lodged commitment, no redaction of
 * unknown evidence.
 */
import { fromBase64 } from '../../ledger/bytes.js';
import { canonicalize, type JsonObject } from '../../ledger/canonical-json.js';
import { nobleCrypto } from '../../ledger/crypto-noble.js';
import { checkDisclosure } from '../../ledger/entry.js';
import { parseBody } from '../entries.js';
import { CUSTODY_ACTION, type EvidenceEntryType, type EvidenceLodged } from '../entries/evidence.js';
import { TERMINAL_STATUSES, type IncidentStatus } from '../incident.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup, type RowRef } from '../projection.js';
import { widerVisibility, type OrgKind, type Visibility } from '../visibility.js';
import { counterRef, countReference } from './counters.js';
import { eventRow } from './incident.js';
import { requireRow } from './workspace.js';

/** One step of custody as the evidence record keeps it. */
interface CustodyMark extends JsonObject {
  idx: number;
  at: string;
  org: string;
  user: string;
}

/** The evidence as its record holds it. */
export interface EvidenceRecord extends JsonObject {
  lodged: EvidenceLodged & JsonObject;
  lodged_idx: number;
  lodged_org: string;
  lodged_by: string;
  lodged_at: string;
  /** The salted commitment in the lodged entry; null when lodged in clear. */
  commitment: string | null;
  /** Who may read it now: the lodged visibility until disclosure, then public. */
  visibility: Visibility;
  redactions: Array<CustodyMark & { copy_id: string }>;
  disclosure: CustodyMark | null;
}

const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

const mark = (e: AppliedEntry): CustodyMark => ({ idx: e.idx, at: e.entry.at, org: e.entry.org, user: e.entry.user });

/** The `evidence` row for a record: columns derived from it, so they can never disagree. */
export function evidenceRow(record: EvidenceRecord, idx: number): Row {
  const b = record.lodged;
  return {
    id: b.id,
    incident_id: b.incident_id,
    sha256: b.sha256,
    size: b.size,
    media_type: b.media_type,
    kind: b.kind,
    original_name: b.original_name,
    visibility: record.visibility,
    sealed: record.commitment !== null,
    disclosed: record.disclosure !== null,
    redacted_of: b.redacted_of ?? null,
    lodged_org: record.lodged_org,
    lodged_at: record.lodged_at,
    record,
    entry_index: idx,
  };
}

function custodyRow(e: AppliedEntry, evidenceId: string): Change {
  const action = CUSTODY_ACTION[e.entry.type as EvidenceEntryType];
  return { table: 'custody_events', key: e.idx, row: { idx: e.idx, evidence_id: evidenceId, action, org: e.entry.org, user_id: e.entry.user, at: e.entry.at } };
}

export function requireEvidence(get: RowLookup, id: string): EvidenceRecord {
  return requireRow(get, 'evidence', id, `evidence ${id} does not exist`).record as EvidenceRecord;
}

/** Custody entries about existing evidence are recorded with its current visibility (sealed while it is). */
function sameVisibility(e: AppliedEntry, r: EvidenceRecord): void {
  if (e.visibility !== r.visibility) fail(`${e.entry.type} on ${r.lodged.id} must be recorded with the evidence's visibility (${r.visibility})`);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const lodged: Applier = {
  reads(e) {
    const refs: RowRef[] = [{ table: 'evidence', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }, counterRef(e.entry.subject)];
    const incident = str(e.body.incident_id);
    const original = str(e.body.redacted_of);
    if (incident) refs.push({ table: 'incidents', key: incident });
    if (original) refs.push({ table: 'evidence', key: original });
    return refs;
  },
  apply(e, get) {
    const b = parseBody('evidence.lodged', e.body);
    if (b.id !== e.entry.subject) fail('evidence id and entry subject differ');
    if (get('evidence', b.id)) fail(`evidence ${b.id} already exists`);
    if (e.visibility !== b.visibility) fail('evidence is lodged with its own visibility');
    const incident = requireRow(get, 'incidents', b.incident_id, `incident ${b.incident_id} does not exist`);
    const status = incident.status as IncidentStatus;
    if (TERMINAL_STATUSES.includes(status)) fail(`incident ${b.incident_id} is ${status}; no more evidence can be lodged`);
    // Evidence never reaches a wider audience than the incident it is about had when it was lodged.
    if (widerVisibility(b.visibility, incident.visibility as Visibility) !== incident.visibility) {
      fail(`evidence on ${b.incident_id} may not be more open than the incident (${String(incident.visibility)})`);
    }
    const org = requireRow(get, 'organisations', e.entry.org, `unknown organisation ${e.entry.org}`);
    const kind = org.kind as OrgKind;
    const involved = e.entry.org === incident.complainant_org || e.entry.org === incident.accused_party;
    if (!involved && ![...MEDIATOR_SIDE, 'monitor'].includes(kind)) fail(`${e.entry.org} is not a party to ${b.incident_id} and may not lodge evidence on it`);
    if (b.redacted_of !== undefined) {
      if (!MEDIATOR_SIDE.includes(kind)) fail('redacted copies are made by the mediators\' side');
      const original = requireEvidence(get, b.redacted_of);
      if (original.lodged.incident_id !== b.incident_id) fail(`a redacted copy belongs to the incident of ${b.redacted_of}`);
    }
    const record: EvidenceRecord = {
      lodged: b as EvidenceLodged & JsonObject,
      lodged_idx: e.idx,
      lodged_org: e.entry.org,
      lodged_by: e.entry.user,
      lodged_at: e.entry.at,
      commitment: e.entry.sealed ?? null,
      visibility: b.visibility,
      redactions: [],
      disclosure: null,
    };
    // The incident's timeline shows the lodging too, to whoever may see the evidence.
    return [{ table: 'evidence', key: b.id, row: evidenceRow(record, e.idx) }, countReference(get, b.id), custodyRow(e, b.id), eventRow(e, b.incident_id)];
  },
};

/** viewed / downloaded: a custody row; the evidence row is unchanged. */
function accessApplier(type: 'evidence.viewed' | 'evidence.downloaded'): Applier {
  return {
    reads: (e) => [{ table: 'evidence', key: e.entry.subject }],
    apply(e, get) {
      const b = parseBody(type, e.body) as { sha256?: string };
      const r = requireEvidence(get, e.entry.subject);
      sameVisibility(e, r);
      if (b.sha256 !== undefined && b.sha256 !== r.lodged.sha256) fail(`the file downloaded is not ${r.lodged.id}'s (sha256 differs)`);
      return [custodyRow(e, e.entry.subject)];
    },
  };
}

const redactionMade: Applier = {
  reads: (e) => [
    { table: 'evidence', key: e.entry.subject },
    ...(str(e.body.copy_id) ? [{ table: 'evidence' as const, key: String(e.body.copy_id) }] : []),
  ],
  apply(e, get) {
    const b = parseBody('evidence.redaction_made', e.body);
    const id = e.entry.subject;
    const r = requireEvidence(get, id);
    sameVisibility(e, r);
    const copy = requireEvidence(get, b.copy_id);
    if (copy.lodged.redacted_of !== id) fail(`${b.copy_id} is not a redacted copy of ${id}`);
    if (copy.lodged_org !== e.entry.org) fail('the redaction is recorded by the organisation that lodged the copy');
    if (r.redactions.some((x) => x.copy_id === b.copy_id)) fail(`${b.copy_id} is already recorded as a redaction of ${id}`);
    const next: EvidenceRecord = { ...r, redactions: [...r.redactions, { ...mark(e), copy_id: b.copy_id }] };
    return [{ table: 'evidence', key: id, row: evidenceRow(next, e.idx) }, custodyRow(e, id), eventRow(e, next.lodged.incident_id)];
  },
};

const disclosed: Applier = {
  reads: (e) => [{ table: 'evidence', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }],
  apply(e, get) {
    const b = parseBody('evidence.disclosed', e.body);
    const id = e.entry.subject;
    if (b.evidence_id !== id) fail('evidence_id and entry subject differ');
    if (e.visibility !== 'public') fail('a disclosure is recorded in clear');
    const r = requireEvidence(get, id);
    if (r.disclosure) fail(`${id} was already disclosed (entry ${r.disclosure.idx})`);
    if (r.commitment === null) fail(`${id} was lodged in clear; there is nothing to disclose`);
    const org = requireRow(get, 'organisations', e.entry.org, `unknown organisation ${e.entry.org}`);
    if (e.entry.org !== r.lodged_org && !MEDIATOR_SIDE.includes(org.kind as OrgKind)) {
      fail(`only ${r.lodged_org} or the mediators' side may disclose ${id}`);
    }
    if (b.of_index !== r.lodged_idx) fail(`${id} was lodged in entry ${r.lodged_idx}, not ${b.of_index}`);
    // The disclosed body must be the one the log committed to, and the one the record was built from.
    if (canonicalize(b.body) !== canonicalize(r.lodged)) fail(`the disclosed body is not the body ${id} was lodged with`);
    let salt: Uint8Array;
    try {
      salt = fromBase64(b.salt, 64);
    } catch {
      fail('salt is not strict base64');
    }
    if (!checkDisclosure(nobleCrypto, r.commitment, salt, b.body)) fail(`salt and body do not open the commitment of entry ${r.lodged_idx}`);
    const next: EvidenceRecord = { ...r, visibility: 'public', disclosure: mark(e) };
    return [{ table: 'evidence', key: id, row: evidenceRow(next, e.idx) }, custodyRow(e, id), eventRow(e, next.lodged.incident_id)];
  },
};

export const evidenceAppliers: Record<string, Applier> = {
  'evidence.lodged': lodged,
  'evidence.viewed': accessApplier('evidence.viewed'),
  'evidence.downloaded': accessApplier('evidence.downloaded'),
  'evidence.redaction_made': redactionMade,
  'evidence.disclosed': disclosed,
};
