/**
 * Receipts (src/ledger/receipt.ts, C2SP tlog-proof) built by the server:
 * the entry's bytes, its RFC 9162 §2.1.3.1 inclusion proof computed from the
 * stored hash tiles exactly as any client would compute it from
 * /log/tile/… (C2SP tlog-tiles §Merkle Tree), and the latest *published*
 * checkpoint (quorum-cosigned; src/log/publication.ts). A caller may wait
 * until its entry is covered by one.
 */
import { equal, fromUtf8 } from '../ledger/bytes.js';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { parseNote } from '../ledger/note.js';
import { hashRanges, inclusionRanges, nodesFor } from '../ledger/proof-build.js';
import { rootFromInclusionProof } from '../ledger/proof-verify.js';
import { formatReceipt } from '../ledger/receipt.js';
import { TileHashReader } from '../ledger/tile-reader.js';
import { publicationFor, type PublishedCheckpoint } from '../log/publication.js';
import { readTileResource } from '../log/resources.js';
import { ledgerSize } from '../store/repositories/ledger.js';
import * as logRepo from '../store/repositories/log.js';
import type { Services } from './context.js';
import { notFound, ServiceError } from './errors.js';

/** Longest `?wait=` a caller may ask for (Node's default request timeout is 300 s). */
export const MAX_WAIT_SECONDS = 120;

export interface BuiltReceipt {
  index: number;
  /** The entry's type, read from its bytes (for file names). */
  type: string;
  text: string;
}

/**
 * The latest published checkpoint covering entry `index` (size > index),
 * waiting up to `waitMs` for one. 404 when the log has no such entry; 503
 * when it is committed but not (yet) covered.
 */
export async function coveringCheckpoint(s: Services, index: number, waitMs: number): Promise<PublishedCheckpoint> {
  if (index >= (await ledgerSize(s.db))) throw notFound(`entry ${index}`);
  const publication = publicationFor(s);
  const latest = await publication.latest();
  if (latest && latest.size > index) return latest;
  const waited = waitMs > 0 ? await publication.waitFor(index, waitMs) : undefined;
  if (waited) return waited;
  const after = waitMs > 0 ? ` after waiting ${waitMs / 1000} s` : '; ask again later, or with ?wait=SECONDS';
  throw new ServiceError('unavailable', `entry ${index} is not yet covered by a published checkpoint (latest published tree size: ${latest?.size ?? 0})${after}`);
}

/** Receipts of `indexes` (each below checkpoint.size), all against that one checkpoint. */
export async function buildReceipts(s: Services, indexes: readonly number[], checkpoint: PublishedCheckpoint): Promise<BuiltReceipt[]> {
  const { size, root } = parseCheckpoint(parseNote(checkpoint.note).text);
  const reader = new TileHashReader(s.hasher, size, async (path) => (await readTileResource(s, path)).bytes);
  const ranges = indexes.map((i) => inclusionRanges(i, size));
  await reader.prefetch(nodesFor(ranges.flat()));
  const out: BuiltReceipt[] = [];
  for (const [n, index] of indexes.entries()) {
    const [entry] = await logRepo.readEntryBytes(s.db, index, index + 1);
    if (!entry) throw new ServiceError('unavailable', `entry ${index} is missing below checkpoint ${size}; run annex verify`);
    const proof = hashRanges(s.hasher, ranges[n]!, reader.read);
    // Never hand out a receipt that would not verify: stored tiles or entries that disagree with the signed root are damage.
    if (!equal(rootFromInclusionProof(s.hasher, index, size, s.hasher.hashLeaf(entry), proof), root)) {
      throw new ServiceError('unavailable', `the stored tiles do not prove entry ${index} in checkpoint ${size}; run annex verify`);
    }
    const type = (JSON.parse(fromUtf8(entry)) as { type: string }).type;
    out.push({ index, type, text: formatReceipt({ entry, index, proof, note: checkpoint.note }) });
  }
  return out;
}

/** The receipt of entry `index`, waiting up to `waitSeconds` for a published checkpoint to cover it. */
export async function getReceipt(s: Services, index: number, waitSeconds = 0): Promise<BuiltReceipt> {
  const checkpoint = await coveringCheckpoint(s, index, Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000);
  const [receipt] = await buildReceipts(s, [index], checkpoint);
  return receipt!;
}
