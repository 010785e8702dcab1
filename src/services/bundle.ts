/**
 * Evidence bundles (src/ledger/receipt-bundle.ts): the evidence file, the
 * receipts of its lodging and custody entries, streamed as one ustar
 * archive. Same access as downloading the file (evidencePolicy `download`),
 * and recorded as a download the same way (`evidence.downloaded`), because
 * the file leaves the server either way. The chain of custody goes in only
 * for viewers who may read it (`read_custody`); others get the lodging (and
 * the disclosure, which is public) only.
 */
import { Readable } from 'node:stream';
import { ACCEPTED_MEDIA } from '../domain/evidence.js';
import type { EvidenceRecord } from '../domain/projections/evidence.js';
import type { Viewer } from '../domain/visibility.js';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { utf8 } from '../ledger/bytes.js';
import { parseNote } from '../ledger/note.js';
import { bundleReadme, fileName, readmeName, receiptName } from '../ledger/receipt-bundle.js';
import { tarEnd, tarHeader, tarPadding } from '../ledger/receipt-tar.js';
import { publicationFor, type PublishedCheckpoint } from '../log/publication.js';
import { evidencePolicy } from '../policy/evidence.js';
import { evidenceFacts, type EvidenceRow } from '../policy/evidence-presenter.js';
import * as evidence from '../store/repositories/evidence.js';
import { ledgerSize } from '../store/repositories/ledger.js';
import type { Services } from './context.js';
import { notFound } from './errors.js';
import { openEvidenceContent } from './evidence.js';
import { buildReceipts, coveringCheckpoint, MAX_WAIT_SECONDS } from './receipts.js';

export interface EvidenceBundle {
  /** undefined for HEAD. */
  stream?: Readable;
  headers: Record<string, string>;
}

async function authorizedRow(s: Services, viewer: Viewer | undefined, id: string): Promise<EvidenceRow> {
  const row = await evidence.unsafeFindEvidence(s.db, id);
  if (!row) throw notFound(`evidence ${id}`);
  evidencePolicy.authorize(viewer, 'download', evidenceFacts(row), `evidence ${id}`);
  return row;
}

/** The entries a bundle proves: the lodging, the disclosure, and (when the viewer may read it) the custody chain. */
async function bundleIndexes(s: Services, viewer: Viewer | undefined, row: EvidenceRow, size: number): Promise<number[]> {
  const record = row.record as EvidenceRecord;
  const set = new Set([record.lodged_idx]);
  if (record.disclosure) set.add(record.disclosure.idx);
  if (evidencePolicy.can(viewer, 'read_custody', evidenceFacts(row))) {
    for (const c of await evidence.unsafeCustodyOf(s.db, row.id)) set.add(Number(c.idx));
  }
  return [...set].filter((i) => i < size).sort((a, b) => a - b);
}

/** Waits for the entries just recorded (the download) when asked to; otherwise, or on timeout, the latest published. */
async function bundleCheckpoint(s: Services, waitMs: number): Promise<PublishedCheckpoint> {
  const publication = publicationFor(s);
  if (waitMs > 0) {
    const covered = await publication.waitFor((await ledgerSize(s.db)) - 1, waitMs);
    if (covered) return covered;
  }
  return (await publication.latest())!;
}

async function* tarStream(members: Array<{ name: string; bytes: Uint8Array }>, file: { name: string; size: number; stream: Readable }, mtime: number): AsyncGenerator<Uint8Array> {
  for (const m of members) {
    yield tarHeader(m.name, m.bytes.length, mtime);
    yield m.bytes;
    yield tarPadding(m.bytes.length);
  }
  yield tarHeader(file.name, file.size, mtime);
  let sent = 0;
  for await (const chunk of file.stream) {
    sent += (chunk as Uint8Array).length;
    // The size was checked before recording the download; a file changing under us must not produce a valid-looking archive.
    if (sent > file.size) throw new Error(`${file.name} grew while being sent`);
    yield chunk as Uint8Array;
  }
  if (sent !== file.size) throw new Error(`${file.name} shrank while being sent`);
  yield tarPadding(file.size);
  yield tarEnd();
}

/**
 * Opens the bundle of evidence `id`. 404/401/403 as for the file; 503 when
 * the lodging is not yet covered by a published checkpoint (after up to
 * `waitSeconds`, which also waits for the download entry this records).
 */
export async function openEvidenceBundle(s: Services, viewer: Viewer | undefined, id: string, opts: { waitSeconds?: number; head?: boolean } = {}): Promise<EvidenceBundle> {
  const row = await authorizedRow(s, viewer, id);
  const headers: Record<string, string> = {
    'content-type': 'application/x-tar',
    'content-disposition': `attachment; filename="${id}.annex-bundle.tar"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
  if (opts.head) return { headers };
  const waitMs = Math.min(opts.waitSeconds ?? 0, MAX_WAIT_SECONDS) * 1000;
  // Refuse (503) before recording a download that would send nothing.
  await coveringCheckpoint(s, (row.record as EvidenceRecord).lodged_idx, waitMs);
  const content = await openEvidenceContent(s, viewer, id, {});
  const stream = content.stream!;
  try {
    const checkpoint = await bundleCheckpoint(s, waitMs);
    const { origin, size } = parseCheckpoint(parseNote(checkpoint.note).text);
    const receipts = await buildReceipts(s, await bundleIndexes(s, viewer, row, size), checkpoint);
    const members = [
      { name: readmeName(id), bytes: utf8(bundleReadme(id, origin)) },
      ...receipts.map((r) => ({ name: receiptName(id, r.index, r.type), bytes: utf8(r.text) })),
    ];
    const file = { name: fileName(id, ACCEPTED_MEDIA[row.media_type] ?? 'bin'), size: row.size, stream };
    const length = members.reduce((n, m) => n + 512 + m.bytes.length + tarPadding(m.bytes.length).length, 0)
      + 512 + row.size + tarPadding(row.size).length + tarEnd().length;
    const mtime = Math.floor(s.clock().getTime() / 1000);
    return { stream: Readable.from(tarStream(members, file, mtime), { objectMode: false }), headers: { ...headers, 'content-length': String(length) } };
  } catch (e) {
    stream.destroy();
    throw e;
  }
}
