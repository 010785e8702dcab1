/**
 * One integration step (after Tessera's integrator): in one transaction that
 * holds the integrator lock, fold the entries committed after the latest
 * checkpoint into the Merkle tree, store the hash tiles that are new or grew
 * (C2SP tlog-tiles §Merkle Tree), and sign and store a checkpoint (C2SP
 * tlog-checkpoint) over the new size. Tiles and checkpoint commit together,
 * so the stored tiles always describe the latest checkpoint's tree. Entry
 * bundles are not stored: they are encoded from ledger_entries when served.
 */
import { equal } from '../ledger/bytes.js';
import { signCheckpoint } from '../ledger/checkpoint.js';
import { HASH_SIZE } from '../ledger/hasher.js';
import { TileBuilder, type HashTileReader } from '../ledger/tile-builder.js';
import type { Services } from '../services/context.js';
import type { Db } from '../store/db.js';
import * as logRepo from '../store/repositories/log.js';
import type { StoredCheckpoint } from '../store/repositories/log.js';
import { logOrigin } from './origin.js';

/** The stored log contradicts itself: integration stops (and is retried) rather than sign over it. */
export class LogIntegrityError extends Error {
  override readonly name = 'LogIntegrityError';
}

/** In-process tree state, reused between steps while no one else has advanced the log. */
export interface TreeCache {
  builder?: TileBuilder | undefined;
}

export interface StepResult {
  origin: string | undefined;
  /** The latest checkpoint after this step (undefined: nothing integrated yet). */
  checkpoint: StoredCheckpoint | undefined;
  /** Entries folded in by this step. */
  integrated: number;
}

export async function integrateStep(s: Services, cache: TreeCache, maxEntries: number): Promise<StepResult> {
  let builder: TileBuilder | undefined;
  const result = await s.db.transaction().execute(async (tx): Promise<StepResult> => {
    await logRepo.lockIntegrator(tx);
    const origin = await logOrigin(tx);
    if (origin === undefined) return { origin, checkpoint: undefined, integrated: 0 };
    const latest = await logRepo.latestCheckpoint(tx);
    // Forget the cached tree until this step commits: a failed step leaves it ahead of the stored log.
    const cached = cache.builder;
    cache.builder = undefined;
    builder = await treeAt(s, tx, cached, latest);
    const entries = await logRepo.readEntriesFrom(tx, builder.size, maxEntries);
    if (entries.length === 0) return { origin, checkpoint: latest, integrated: 0 };
    for (const e of entries) {
      // Appends commit with no gaps (ledger_head is updated in the same transaction as the rows).
      if (e.idx !== builder.size) throw new LogIntegrityError(`ledger entry ${builder.size} is missing (next is ${e.idx})`);
      // RFC 9162 §2.1.1: the leaf is the hash of the bytes served in the bundles; the stored leaf_hash must agree.
      if (!equal(s.hasher.hashLeaf(e.bytes), e.leaf_hash)) throw new LogIntegrityError(`ledger entry ${e.idx}: leaf_hash does not match its bytes`);
      builder.append(e.bytes);
    }
    const tiles = builder.flush().filter((f) => f.id.level >= 0);
    await logRepo.upsertTiles(tx, tiles.map((f) => ({ level: f.id.level, idx: f.id.index, width: f.id.width, bytes: f.bytes })));
    const root = builder.root();
    const note = signCheckpoint(s.crypto, { origin, size: builder.size, root }, s.keys.logKey(origin));
    const checkpoint = { size: builder.size, root, note, created_at: s.clock().toISOString() };
    await logRepo.insertCheckpoint(tx, checkpoint);
    return { origin, checkpoint, integrated: entries.length };
  });
  cache.builder = builder;
  return result;
}

/** The tree at the latest checkpoint: the cached one if it is still current, else resumed from the stored tiles. */
async function treeAt(s: Services, tx: Db, cached: TileBuilder | undefined, latest: StoredCheckpoint | undefined): Promise<TileBuilder> {
  const size = latest?.size ?? 0;
  if (cached && cached.size === size && (!latest || equal(cached.root(), latest.root))) return cached;
  if (!latest || size === 0) return new TileBuilder(s.hasher, { bundles: false });
  const builder = await TileBuilder.resume(s.hasher, size, storedTiles(tx));
  if (!equal(builder.root(), latest.root)) {
    throw new LogIntegrityError(`the stored tiles do not produce the root of checkpoint ${size}`);
  }
  return builder;
}

/** Reads the first `width` hashes of stored tiles, in one query. */
function storedTiles(tx: Db): HashTileReader {
  return async (ids) => {
    const rows = await logRepo.readTiles(tx, ids.map((t) => ({ level: t.level, idx: t.index })));
    return ids.map((t) => {
      const row = rows.get(`${t.level}/${t.index}`);
      if (!row || row.width < t.width) throw new LogIntegrityError(`tile ${t.level}/${t.index} of width ${t.width} is not stored`);
      return row.bytes.subarray(0, t.width * HASH_SIZE);
    });
  };
}
