/**
 * presentEvidence: the one place where evidence fields are chosen per viewer
 * (STYLE.md §5). Output fields are listed explicitly; the chain of custody is
 * shown only to those who may read it, and redacted copies only to those who
 * may read each copy. Callers have already authorised reading the evidence.
 */
import type { CapturePlace, EvidenceLodged, ExtractedMetadata } from '../domain/entries/evidence.js';
import type { IncidentStatus } from '../domain/incident.js';
import type { EvidenceRecord } from '../domain/projections/evidence.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import { canReadEvidence, evidencePolicy, type EvidenceFacts } from './evidence.js';

export interface EvidenceRow {
  id: string;
  incident_id: string;
  sha256: string;
  size: number;
  media_type: string;
  kind: string;
  original_name: string;
  visibility: string;
  sealed: boolean;
  disclosed: boolean;
  redacted_of: string | null;
  lodged_org: string;
  lodged_at: string;
  record: unknown;
  entry_index: number;
  /** The status of the incident it is lodged on (joined in). */
  incident_status: string;
}

export interface CustodyRow {
  idx: number;
  action: string;
  org: string;
  user_id: string;
  at: string;
}

export function evidenceFacts(row: EvidenceRow): EvidenceFacts {
  return {
    visibility: row.visibility as Visibility,
    lodged_org: row.lodged_org,
    sealed: row.sealed,
    disclosed: row.disclosed,
    incident_status: row.incident_status as IncidentStatus,
  };
}

const recordOf = (row: EvidenceRow) => row.record as EvidenceRecord;

export function presentEvidenceSummary(row: EvidenceRow, viewer: Viewer | undefined) {
  const r = recordOf(row);
  const b: EvidenceLodged = r.lodged;
  return {
    id: row.id,
    incident_id: row.incident_id,
    kind: row.kind,
    media_type: row.media_type,
    size: row.size,
    sha256: row.sha256,
    original_name: row.original_name,
    description: b.description ?? null,
    captured_at: b.captured_at ?? null,
    capture_place: (b.capture_place ?? null) as CapturePlace | null,
    device: b.device ?? null,
    visibility: row.visibility as Visibility,
    sealed: row.sealed,
    disclosed: row.disclosed,
    redacted_of: row.redacted_of,
    lodged_org: row.lodged_org,
    lodged_by: r.lodged_by,
    lodged_at: row.lodged_at,
    /** Ledger index of the `evidence.lodged` entry. */
    entry_index: r.lodged_idx,
    content_url: `/api/evidence/${row.id}/content`,
    actions: evidencePolicy.actionsFor(viewer, evidenceFacts(row)) as string[],
  };
}

/** The chain of custody: every entry about the evidence, in log order, with its actor. */
function presentCustody(row: EvidenceRow, custody: readonly CustodyRow[], visibleCopies: ReadonlySet<string>) {
  const copies = new Map(recordOf(row).redactions.map((x) => [x.idx, x.copy_id]));
  return custody.map((c) => {
    const copy = copies.get(c.idx);
    return {
      index: c.idx,
      action: c.action,
      org: c.org,
      user: c.user_id,
      at: c.at,
      copy_id: copy !== undefined && visibleCopies.has(copy) ? copy : null,
    };
  });
}

/** Full detail: `custody` is the evidence's custody rows, `copies` its redacted copies (filtered here). */
export function presentEvidence(row: EvidenceRow, viewer: Viewer | undefined, custody: readonly CustodyRow[], copies: readonly EvidenceRow[]) {
  const r = recordOf(row);
  const visible = copies.filter((c) => canReadEvidence(viewer, evidenceFacts(c)));
  const visibleIds = new Set(visible.map((c) => c.id));
  return {
    ...presentEvidenceSummary(row, viewer),
    metadata: r.lodged.metadata as ExtractedMetadata,
    redactions: visible.map((c) => ({ id: c.id, visibility: c.visibility as Visibility, lodged_at: c.lodged_at, entry_index: (c.record as EvidenceRecord).lodged_idx })),
    disclosure: r.disclosure ? { index: r.disclosure.idx, at: r.disclosure.at, org: r.disclosure.org, url: `/api/evidence/${row.id}/disclosure` } : null,
    custody: evidencePolicy.can(viewer, 'read_custody', evidenceFacts(row)) ? presentCustody(row, custody, visibleIds) : null,
  };
}
