/**
 * Custody steps that change evidence: a redacted copy (lodged as evidence
 * of its own, `redacted_of` the original, with `evidence.redaction_made`
 * recorded on the original) and disclosure of sealed evidence, which
 * publishes the seal's salt and body so anyone can check them against the
 * lodged entry's commitment (ARCHITECTURE.md: commit now, reveal later).
 */
import { fromUtf8, toBase64 } from '../ledger/bytes.js';
import { parseCanonical, type JsonObject } from '../ledger/canonical-json.js';
import { checkDisclosure, MAX_ENTRY_BYTES, type LedgerEntry } from '../ledger/entry.js';
import { asJson } from '../domain/entries.js';
import type { EvidenceKind } from '../domain/entries/evidence.js';
import { lodgedBody } from '../domain/evidence.js';
import type { EvidenceRecord } from '../domain/projections/evidence.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import { evidencePolicy, evidenceStateProblem, type EvidenceAction } from '../policy/evidence.js';
import { evidenceFacts, type EvidenceRow } from '../policy/evidence-presenter.js';
import type { Db } from '../store/db.js';
import * as evidence from '../store/repositories/evidence.js';
import * as incidents from '../store/repositories/incidents.js';
import { markDisclosed } from '../store/repositories/ledger.js';
import { inTransaction, type Services } from './context.js';
import { allocateEvidenceId, checkVisibility, evidenceDetail, type ReceivedFile } from './evidence.js';
import { hashStoredBlob } from './evidence-intake.js';
import { notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

/** Find, authorise (404 / 403) and check the state (409) for an action on evidence. */
async function authorized(db: Db, viewer: Viewer | undefined, id: string, action: EvidenceAction): Promise<EvidenceRow & { viewer: Viewer }> {
  const row = await evidence.unsafeFindEvidence(db, id);
  if (!row) throw notFound(`evidence ${id}`);
  const facts = evidenceFacts(row);
  evidencePolicy.authorize(viewer, action, facts, `evidence ${id}`);
  const problem = evidenceStateProblem(action, facts);
  if (problem) throw new ServiceError('conflict', problem);
  return { ...row, viewer: viewer! };
}

export async function checkCanRedact(s: Services, viewer: Viewer | undefined, id: string): Promise<void> {
  await authorized(s.db, viewer, id, 'redact');
}

export interface RedactionInput {
  visibility: Visibility;
  description?: string | undefined;
  /** What was removed and why (recorded on the original, with its visibility). */
  note?: string | undefined;
}

/** Lodge `file` as a redacted copy of `id` (mediators' staff). */
export async function redactReceived(s: Services, viewer: Viewer | undefined, id: string, file: ReceivedFile, input: RedactionInput) {
  try {
    const original = await authorized(s.db, viewer, id, 'redact');
    if (file.blob.sha256 === original.sha256) throw new ServiceError('bad_request', 'file: the redacted copy is identical to the original');
    await file.blob.commit();
    const result = await inTransaction(s, async (tx) => {
      const row = await authorized(tx, viewer, id, 'redact');
      const incident = await incidents.unsafeFindIncident(tx, row.incident_id);
      if (!incident) throw notFound(`incident ${row.incident_id}`);
      checkVisibility(input.visibility, incident);
      const copyId = await allocateEvidenceId(tx, s);
      const actor = { org: row.viewer.org, userId: row.viewer.userId };
      const body = lodgedBody(copyId, row.incident_id, { ...file, sha256: file.blob.sha256, size: file.blob.size }, {
        kind: row.kind as EvidenceKind, visibility: input.visibility, description: input.description,
      }, id);
      const copy = await record(tx, s, actor, { type: 'evidence.lodged', subject: copyId, visibility: input.visibility, body: asJson(body) });
      const made = await record(tx, s, actor, {
        type: 'evidence.redaction_made', subject: id, visibility: row.visibility as Visibility,
        body: { copy_id: copyId, ...(input.note !== undefined ? { note: input.note } : {}) },
      });
      return { copyId, copyIdx: copy.idx, madeIdx: made.idx };
    });
    return {
      evidence: await evidenceDetail(s, viewer, result.copyId),
      entries: [{ index: result.copyIdx, type: 'evidence.lodged' }, { index: result.madeIdx, type: 'evidence.redaction_made' }],
    };
  } finally {
    await file.blob.discard();
  }
}

/** The lodged entry and its seal, checked to open each other. */
async function openSeal(tx: Db, s: Services, row: EvidenceRow) {
  const idx = (row.record as EvidenceRecord).lodged_idx;
  const stored = await evidence.unsafeEntryWithSeal(tx, idx);
  if (!stored?.salt || stored.body === null) throw new ServiceError('unavailable', `the seal of entry ${idx} is missing; run annex verify`);
  const entry = parseCanonical(stored.bytes, MAX_ENTRY_BYTES) as unknown as LedgerEntry;
  const body = JSON.parse(stored.body) as JsonObject;
  if (typeof entry.sealed !== 'string' || !checkDisclosure(s.crypto, entry.sealed, stored.salt, body)) {
    throw new ServiceError('unavailable', `the stored seal does not open entry ${idx}; run annex verify`);
  }
  return { idx, salt: stored.salt, body };
}

/** Publish a sealed lodging's salt and body in a public `evidence.disclosed` entry. */
export async function discloseEvidence(s: Services, viewer: Viewer | undefined, id: string) {
  const pre = await authorized(s.db, viewer, id, 'disclose');
  // Publish only what still matches: the file on disk must hash to the sha256 being disclosed.
  if ((await hashStoredBlob(s, pre.sha256)) !== pre.sha256) {
    throw new ServiceError('unavailable', `the file of evidence ${id} is missing or damaged in the store; run annex verify`);
  }
  const idx = await inTransaction(s, async (tx) => {
    const row = await authorized(tx, viewer, id, 'disclose');
    const seal = await openSeal(tx, s, row);
    const recorded = await record(tx, s, { org: row.viewer.org, userId: row.viewer.userId }, {
      type: 'evidence.disclosed', subject: id, visibility: 'public',
      body: { evidence_id: id, of_index: seal.idx, salt: toBase64(seal.salt), body: seal.body },
    });
    await markDisclosed(tx, seal.idx, recorded.idx);
    return recorded.idx;
  });
  return { evidence: await evidenceDetail(s, viewer, id), entry: { index: idx, type: 'evidence.disclosed' } };
}

/**
 * Everything an outsider needs to check a disclosure: the lodged entry (its
 * canonical text holds `sealed`), the disclosure entry, and its salt and
 * body. Check: checkDisclosure(sealed, salt, body), SHA-256 of the content
 * equals body.sha256, and both entries' inclusion in the log (/log/…).
 */
export async function getDisclosure(s: Services, viewer: Viewer | undefined, id: string) {
  const row = await evidence.unsafeFindEvidence(s.db, id);
  if (!row) throw notFound(`evidence ${id}`);
  evidencePolicy.authorize(viewer, 'read', evidenceFacts(row), `evidence ${id}`);
  const r = row.record as EvidenceRecord;
  if (!r.disclosure) throw notFound(`disclosure of evidence ${id}`);
  const [lodged, disclosed] = await Promise.all([
    evidence.unsafeEntryWithSeal(s.db, r.lodged_idx), evidence.unsafeEntryWithSeal(s.db, r.disclosure.idx),
  ]);
  if (!lodged || !disclosed) throw new ServiceError('unavailable', `the entries of evidence ${id} are missing; run annex verify`);
  const entry = parseCanonical(disclosed.bytes, MAX_ENTRY_BYTES) as unknown as LedgerEntry;
  const body = entry.body as { salt: string; body: JsonObject };
  return {
    evidence_id: id,
    sha256: row.sha256,
    content_url: `/api/evidence/${id}/content`,
    lodged: { index: r.lodged_idx, entry: fromUtf8(lodged.bytes) },
    disclosure: { index: r.disclosure.idx, entry: fromUtf8(disclosed.bytes) },
    salt: body.salt,
    body: body.body,
  };
}
