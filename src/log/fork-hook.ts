/**
 * A test hook that makes this server fork its own history, as a dishonest
 * operator would (issue 4: "a server made to fork its history … is caught by
 * the witnesses"). Served only when ANNEX_TEST_HOOKS=1 (src/api/routes/test-hooks.ts).
 *
 * It rebuilds the Merkle tree with one entry's leaf replaced, overwrites the
 * stored hash tiles with the new tree and re-signs the latest checkpoint over
 * the new root: same size, different root, valid log signature. From then on
 * the integrator extends the forked tree. A witness that cosigned the honest
 * checkpoint can no longer be given a consistency proof to the next one
 * (RFC 9162 §2.1.4), refuses it (422) and, with the log's tiles URL, raises
 * an `inconsistent` alarm carrying both signed notes.
 */
import { signCheckpoint } from '../ledger/checkpoint.js';
import { utf8 } from '../ledger/bytes.js';
import { TileBuilder } from '../ledger/tile-builder.js';
import type { Services } from '../services/context.js';
import * as logRepo from '../store/repositories/log.js';
import { logOrigin } from './origin.js';

export interface ForkResult {
  size: number;
  /** The entry whose leaf was replaced. */
  index: number;
  /** The checkpoint as it was, and the re-signed one over the forked tree. */
  honest: string;
  forked: string;
}

export async function forkHistory(s: Services, index?: number): Promise<ForkResult> {
  return s.db.transaction().execute(async (tx) => {
    await logRepo.lockIntegrator(tx);
    const origin = await logOrigin(tx);
    const latest = await logRepo.latestCheckpoint(tx);
    if (origin === undefined || !latest || latest.size === 0) throw new RangeError('nothing has been integrated yet: no history to fork');
    const at = index ?? latest.size - 1;
    if (!Number.isSafeInteger(at) || at < 0 || at >= latest.size) throw new RangeError(`index must be below the checkpoint size ${latest.size}`);
    const builder = new TileBuilder(s.hasher, { bundles: false });
    const entries = await logRepo.readEntryBytes(tx, 0, latest.size);
    entries.forEach((bytes, i) => builder.append(i === at ? utf8(`forked by ANNEX_TEST_HOOKS at entry ${at}`) : bytes));
    const tiles = builder.flush().filter((f) => f.id.level >= 0);
    await logRepo.overwriteTiles(tx, tiles.map((f) => ({ level: f.id.level, idx: f.id.index, width: f.id.width, bytes: f.bytes })));
    const note = signCheckpoint(s.crypto, { origin, size: latest.size, root: builder.root() }, s.keys.logKey(origin));
    await logRepo.overwriteCheckpoint(tx, { size: latest.size, root: builder.root(), note, created_at: s.clock().toISOString() });
    return { size: latest.size, index: at, honest: latest.note, forked: note };
  });
}
