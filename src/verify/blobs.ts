/**
 * Evidence files: content-addressed, `<blobsDir>/<sha256 hex>` (src/store/
 * blobs.ts). Every row of the `evidence` table names a blob by its SHA-256;
 * the file must exist and hash to that name, so a swapped or corrupted file
 * is caught even though the log only holds its hash. Files are streamed, so
 * a large video costs no memory. Node-only (reads the disk).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/db.js';
import { evidenceBlobsAfter, type EvidenceBlobRow } from '../store/repositories/verify.js';
import type { Problem } from './report.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const PAGE = 500;

export type BlobStatus =
  | { status: 'ok' }
  | { status: 'missing' }
  | { status: 'mismatch'; actual: string }
  | { status: 'unreadable'; reason: string }
  /** The name is not 64 lowercase hex digits: never joined to a path (it comes from the database). */
  | { status: 'bad_name' };

/** Hash `<blobsDir>/<sha256>` and compare with its name. */
export async function checkBlob(blobsDir: string, sha256: string): Promise<BlobStatus> {
  if (!SHA256_HEX.test(sha256)) return { status: 'bad_name' };
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(join(blobsDir, sha256))) hash.update(chunk as Buffer);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: err.message };
  }
  const actual = hash.digest('hex');
  return actual === sha256 ? { status: 'ok' } : { status: 'mismatch', actual };
}

/** The problem with one evidence row's blob, if any. */
export async function checkEvidenceBlob(blobsDir: string, row: EvidenceBlobRow): Promise<Problem | undefined> {
  const r = await checkBlob(blobsDir, row.sha256);
  const where = `evidence ${row.id} (entry ${row.entry_index})`;
  const base = { kind: 'blob' as const, table: 'evidence', key: row.id, idx: row.entry_index };
  switch (r.status) {
    case 'ok':
      return undefined;
    case 'missing':
      return { ...base, message: `${where}: blob ${row.sha256} is missing from ${blobsDir}` };
    case 'mismatch':
      return { ...base, message: `${where}: blob ${row.sha256} hashes to ${r.actual} (swapped or corrupted)` };
    case 'unreadable':
      return { ...base, message: `${where}: blob ${row.sha256} cannot be read: ${r.reason}` };
    case 'bad_name':
      return { ...base, message: `${where}: sha256 column ${JSON.stringify(row.sha256.slice(0, 80))} is not 64 lowercase hex digits` };
  }
}

/**
 * Check the blob of every evidence row, in id order. Returns how many blobs
 * verified; problems go to `report`. This is the entry point for the
 * evidence blob-swap end-to-end test.
 */
export async function verifyEvidenceBlobs(
  db: Db,
  blobsDir: string,
  report: (p: Problem) => void,
  onChecked?: (n: number) => void,
): Promise<number> {
  let after: string | null = null;
  let ok = 0;
  for (;;) {
    const rows = await evidenceBlobsAfter(db, after, PAGE);
    for (const row of rows) {
      const p = await checkEvidenceBlob(blobsDir, row);
      if (p) report(p);
      else ok++;
    }
    onChecked?.(rows.length);
    if (rows.length < PAGE) return ok;
    after = rows[rows.length - 1]!.id;
  }
}
