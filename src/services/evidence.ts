/**
 * Lodging, listing and reading evidence (DOMAIN.md "Evidence"). A file is
 * received and checked outside any transaction (it may be large); its blob
 * is committed right before the transaction that records `evidence.lodged`,
 * so an entry never names a file that is not stored. Reading non-public
 * evidence and downloading any file are custody steps, each its own entry.
 */
import type { Readable } from 'node:stream';
import { asJson } from '../domain/entries.js';
import { contentDisposition, lodgedBody, nextEvidenceId, normaliseCapturedAt, ACCEPTED_MEDIA, type LodgeChoices } from '../domain/evidence.js';
import type { EvidenceEntryType } from '../domain/entries/evidence.js';
import { readScope, widerVisibility, type Viewer, type Visibility } from '../domain/visibility.js';
import { evidencePolicy } from '../policy/evidence.js';
import { evidenceFacts, presentEvidence, presentEvidenceSummary, type EvidenceRow } from '../policy/evidence-presenter.js';
import { incidentPolicy, incidentStateProblem } from '../policy/incident.js';
import { factsOf, type IncidentRow } from '../policy/incident-presenter.js';
import type { Db } from '../store/db.js';
import * as evidence from '../store/repositories/evidence.js';
import * as incidents from '../store/repositories/incidents.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import { inTransaction, type Services } from './context.js';
import { receiveFile, type IncomingFile, type ReceivedFile } from './evidence-intake.js';
import { notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

export type { IncomingFile, ReceivedFile } from './evidence-intake.js';
/** What the person lodging says about the file; `captured_at` may carry any RFC 3339 zone or none. */
export type LodgeInput = LodgeChoices;

/** 404 unless the viewer may read the incident, 403 unless they may lodge on it, 409 if it is finished. */
function authorizeLodging(viewer: Viewer | undefined, row: IncidentRow | undefined, id: string): asserts viewer is Viewer {
  if (!row) throw notFound(`incident ${id}`);
  const facts = factsOf(row);
  incidentPolicy.authorize(viewer, 'lodge_evidence', facts, `incident ${id}`);
  const problem = incidentStateProblem('lodge_evidence', facts, viewer);
  if (problem) throw new ServiceError('conflict', problem);
}

/** Check before receiving a (possibly large) upload that the viewer may lodge on the incident. */
export async function checkCanLodge(s: Services, viewer: Viewer | undefined, incidentId: string): Promise<void> {
  authorizeLodging(viewer, await incidents.unsafeFindIncident(s.db, incidentId), incidentId);
}

export function normaliseChoices(c: LodgeChoices): LodgeChoices {
  if (c.captured_at === undefined) return c;
  const capturedAt = normaliseCapturedAt(c.captured_at);
  if (!capturedAt) throw new ServiceError('bad_request', 'captured_at: not an RFC 3339 date-time (e.g. 2025-10-15T06:30:00+04:30, or without a zone)');
  return { ...c, captured_at: capturedAt };
}

/** Evidence may not be more open than its incident (the appliers hold replays to the same rule). */
export function checkVisibility(v: Visibility, incident: IncidentRow): void {
  const limit = incident.visibility as Visibility;
  if (widerVisibility(v, limit) !== limit) throw new ServiceError('bad_request', `visibility: evidence may not be more open than its incident (${limit})`);
}

/** Allocate the next id under the ledger lock (the caller's transaction holds it), as incident ids are. */
export async function allocateEvidenceId(tx: Db, s: Services): Promise<string> {
  const year = s.clock().getUTCFullYear();
  return nextEvidenceId(year, await lastReferenceNumber(tx, `EV-${year}`));
}

/** Lodge a received file: commit its blob, then record `evidence.lodged` (the blob is discarded on any refusal). */
export async function lodgeReceived(s: Services, viewer: Viewer | undefined, incidentId: string, file: ReceivedFile, input: LodgeInput) {
  try {
    const choices = normaliseChoices(input);
    await checkCanLodge(s, viewer, incidentId);
    await file.blob.commit();
    const { id, idx } = await inTransaction(s, async (tx) => {
      const row = await incidents.unsafeFindIncident(tx, incidentId);
      authorizeLodging(viewer, row, incidentId);
      checkVisibility(choices.visibility, row!);
      const id = await allocateEvidenceId(tx, s);
      const body = lodgedBody(id, incidentId, { ...file, sha256: file.blob.sha256, size: file.blob.size }, choices);
      const recorded = await record(tx, s, { org: viewer.org, userId: viewer.userId }, { type: 'evidence.lodged', subject: id, visibility: choices.visibility, body: asJson(body) });
      return { id, idx: recorded.idx };
    });
    return { evidence: await evidenceDetail(s, viewer, id), entry: { index: idx, type: 'evidence.lodged' } };
  } finally {
    await file.blob.discard(); // a no-op once committed
  }
}

/**
 * Lodge evidence from code (the demo loader, imports): check, receive, lodge.
 * `file.source` may be a stream or chunks in memory, e.g. `[buffer]`.
 */
export async function lodgeEvidence(s: Services, viewer: Viewer | undefined, incidentId: string, file: IncomingFile, input: LodgeInput) {
  await checkCanLodge(s, viewer, incidentId);
  return lodgeReceived(s, viewer, incidentId, await receiveFile(s, file), input);
}

/** The evidence on an incident that the viewer may read (404 when they may not read the incident). */
export async function listEvidence(s: Services, viewer: Viewer | undefined, incidentId: string) {
  const row = await incidents.unsafeFindIncident(s.db, incidentId);
  if (!row) throw notFound(`incident ${incidentId}`);
  incidentPolicy.authorize(viewer, 'read', factsOf(row), `incident ${incidentId}`);
  const rows = await evidence.listEvidenceOn(s.db, incidentId, readScope(viewer));
  return { items: rows.map((r) => presentEvidenceSummary(r, viewer)) };
}

/**
 * Evidence the viewer may read on any incident, newest first, found by id,
 * file name or incident id: for forms that cite evidence (a commitment's
 * verification). Like a list, not a custody step.
 */
export async function searchEvidenceFor(s: Services, viewer: Viewer | undefined, q: { q?: string | undefined; limit?: number | undefined }) {
  const rows = await evidence.searchEvidence(s.db, readScope(viewer), { text: q.q, limit: q.limit ?? 20 });
  return { items: rows.map((r) => presentEvidenceSummary(r, viewer)) };
}

/** The row, if the viewer may read it; 404 otherwise (the message names only the id). */
export async function findReadable(db: Db, viewer: Viewer | undefined, id: string): Promise<EvidenceRow> {
  const row = await evidence.unsafeFindEvidence(db, id);
  if (!row) throw notFound(`evidence ${id}`);
  evidencePolicy.authorize(viewer, 'read', evidenceFacts(row), `evidence ${id}`);
  return row;
}

/** The evidence as the viewer may see it, without recording a view (for answers to the viewer's own writes). */
export async function evidenceDetail(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await findReadable(s.db, viewer, id);
  const [custody, copies] = await Promise.all([evidence.unsafeCustodyOf(s.db, id), evidence.unsafeRedactionsOf(s.db, id)]);
  return presentEvidence(row, viewer, custody, copies);
}

/** Record a view or download, sealed like the evidence while it is sealed. */
async function recordAccess(s: Services, viewer: Viewer, id: string, type: Extract<EvidenceEntryType, 'evidence.viewed' | 'evidence.downloaded'>, sha256?: string) {
  await inTransaction(s, async (tx) => {
    const row = await findReadable(tx, viewer, id);
    if (type === 'evidence.viewed' && row.visibility === 'public') return;
    await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
      type, subject: id, visibility: row.visibility as Visibility, body: sha256 ? { sha256 } : {},
    });
  });
}

/**
 * The evidence as one row of a list shows it (name, kind, incident), for
 * pages that cite it (a commitment's verifications). Like the incident's
 * evidence list, not a custody step: opening the evidence itself is.
 */
export async function getEvidenceSummary(s: Services, viewer: Viewer | undefined, id: string) {
  return presentEvidenceSummary(await findReadable(s.db, viewer, id), viewer);
}

/** Metadata and (when allowed) the chain of custody; a signed-in read of non-public evidence is recorded. */
export async function getEvidence(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await findReadable(s.db, viewer, id);
  if (viewer && row.visibility !== 'public') await recordAccess(s, viewer, id, 'evidence.viewed');
  return evidenceDetail(s, viewer, id);
}

export interface EvidenceContent {
  /** undefined when the client's copy is current (304). */
  stream?: Readable;
  headers: Record<string, string>;
}

/**
 * The file, with headers that keep a browser from treating it as anything
 * but a download of the sniffed type. A signed-in download is recorded
 * (`evidence.downloaded`) before the bytes are sent; a 304 sends none.
 */
export async function openEvidenceContent(s: Services, viewer: Viewer | undefined, id: string, opts: { ifNoneMatch?: string | undefined; head?: boolean }): Promise<EvidenceContent> {
  const row = await evidence.unsafeFindEvidence(s.db, id);
  if (!row) throw notFound(`evidence ${id}`);
  evidencePolicy.authorize(viewer, 'download', evidenceFacts(row), `evidence ${id}`);
  const etag = `"${row.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': row.media_type === 'text/plain' ? 'text/plain; charset=utf-8' : row.media_type,
    'x-content-type-options': 'nosniff',
    'content-disposition': contentDisposition(row.id, row.original_name, ACCEPTED_MEDIA[row.media_type] ?? 'bin'),
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-cache',
    etag,
  };
  if (opts.ifNoneMatch?.split(',').some((t) => t.trim() === etag)) return { headers };
  const size = await s.blobs.size(row.sha256);
  if (size !== row.size) throw new ServiceError('unavailable', `the file of evidence ${id} is missing or damaged in the store; run annex verify`);
  if (viewer && !opts.head) await recordAccess(s, viewer, id, 'evidence.downloaded', row.sha256);
  // HEAD gets the stream too (Node sends no body for HEAD) so the headers are the GET's; no bytes, no custody step.
  return { stream: s.blobs.read(row.sha256), headers: { ...headers, 'content-length': String(size) } };
}
