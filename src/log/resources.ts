/**
 * The log's read side (C2SP tlog-tiles §APIs): the latest checkpoint, hash
 * tiles, entry bundles, the verifier key, and a status summary. Everything
 * here is public by design: an entry whose body is not public is in the log
 * only as a salted commitment (`"sealed"`), so every caller may be served the
 * same bytes, and those bytes are the ones witnesses and auditors check.
 */
import { encodeBundle, parseTilePath, TILE_WIDTH, type TileId } from '../ledger/tiles.js';
import { HASH_SIZE } from '../ledger/hasher.js';
import type { Services } from '../services/context.js';
import { ServiceError } from '../services/errors.js';
import { ledgerSize } from '../store/repositories/ledger.js';
import * as logRepo from '../store/repositories/log.js';
import { logOrigin } from './origin.js';
import { publicationFor, type WitnessStatus } from './publication.js';

export interface TileResource {
  tile: TileId;
  bytes: Uint8Array;
}

const notInLog = (what: string): ServiceError => new ServiceError('not_found', `${what} is not in the log yet`);

/**
 * The checkpoint note served at /log/checkpoint (C2SP tlog-checkpoint): with
 * a witness policy the latest published one, carrying its cosignatures (C2SP
 * tlog-cosignature); without one the latest signed checkpoint.
 */
export async function readCheckpointNote(s: Services): Promise<string> {
  const p = publicationFor(s);
  const latest = await p.latest();
  if (!latest) throw notInLog(p.policy ? 'a checkpoint cosigned by the witness quorum' : 'a checkpoint');
  return latest.note;
}

/** The witnesses' cosigner verifier keys, one per line (empty without a policy). */
export function readWitnessKeys(s: Services): string {
  return (publicationFor(s).policy?.witnesses ?? []).map((w) => `${w.vkey}\n`).join('');
}

/**
 * A hash tile or entry bundle by its path (`tile/…`, parsed strictly by
 * parseTilePath). §Partial Tiles: width W of tile N is the first W hashes of
 * that tile, so one stored row (the widest built) serves every width up to
 * its own, including those of older checkpoints.
 */
export async function readTileResource(s: Services, path: string): Promise<TileResource> {
  const tile = parseTilePath(path);
  if (!tile) throw new ServiceError('not_found', `${path.slice(0, 200)} is not a C2SP tlog-tiles resource path`);
  if (tile.level < 0) return { tile, bytes: await readBundle(s, tile, path) };
  const row = await logRepo.readTile(s.db, tile.level, tile.index);
  if (!row || row.width < tile.width) throw notInLog(path);
  return { tile, bytes: row.bytes.subarray(0, tile.width * HASH_SIZE) };
}

/**
 * §Log entries: bundles are encoded on demand from ledger_entries, and only
 * up to the latest checkpoint's size (entries not yet integrated are not
 * part of any signed tree).
 */
async function readBundle(s: Services, tile: TileId, path: string): Promise<Uint8Array> {
  const start = tile.index * TILE_WIDTH;
  const end = start + tile.width;
  const latest = await logRepo.latestCheckpoint(s.db);
  if (!latest || end > latest.size) throw notInLog(path);
  const entries = await logRepo.readEntryBytes(s.db, start, end);
  if (entries.length !== tile.width) throw new Error(`ledger entries ${start}..${end - 1} are missing below checkpoint ${latest.size}`);
  return encodeBundle(entries);
}

/** The log's verifier key line (C2SP signed-note key format), once the workspace names the log. */
export async function readVerifierKey(s: Services): Promise<string> {
  const origin = await logOrigin(s.db);
  if (!origin) throw notInLog('the log key (no workspace yet)');
  return s.keys.logVerifierKey(origin);
}

export interface LogStatus {
  /** Entries committed. */
  size: number;
  /** Size of the latest signed checkpoint. */
  checkpoint_size: number;
  /** Seconds since that checkpoint was signed (null before the first). */
  checkpoint_age_seconds: number | null;
  /** Size of the latest published checkpoint (cosigned by the quorum; without a policy, the signed one). */
  published_size: number;
  /** Seconds since it was published (null before the first). */
  published_age_seconds: number | null;
  /** Committed entries not yet covered by a published checkpoint. */
  pending: number;
  /** Each witness of the policy: the size it last cosigned, its last success and last error. */
  witnesses: WitnessStatus[];
}

export async function readLogStatus(s: Services): Promise<LogStatus> {
  const p = publicationFor(s);
  const [latest, published, size] = await Promise.all([logRepo.latestCheckpoint(s.db), p.latest(), ledgerSize(s.db)]);
  const age = (at: string | undefined): number | null => (at ? Math.max(0, (s.clock().getTime() - Date.parse(at)) / 1000) : null);
  const publishedSize = published?.size ?? 0;
  return {
    size,
    checkpoint_size: latest?.size ?? 0,
    checkpoint_age_seconds: age(latest?.created_at),
    published_size: publishedSize,
    published_age_seconds: age(published?.published_at),
    pending: Math.max(0, size - publishedSize),
    witnesses: p.witnesses(),
  };
}
