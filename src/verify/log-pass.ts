/**
 * One pass over ledger_entries in index order, in batches (memory stays
 * bounded by the batch, whatever the log's length): the index sequence, each
 * entry's leaf hash, bytes, signature and seal, the replay through the
 * appliers, the Merkle tree with its hash tiles (TileBuilder) and every
 * stored checkpoint at the size where the tree reaches it. With a signature
 * pool, each batch's signatures go to the workers as soon as it is read, so
 * they check batch k+1 while this thread replays batch k.
 */
import type { JsonObject } from '../ledger/canonical-json.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import type { MerkleHasher } from '../ledger/hasher.js';
import type { NoteVerifier } from '../ledger/note.js';
import type { Db } from '../store/db.js';
import * as repo from '../store/repositories/verify.js';
import { checkCheckpoint, checkpointBeyondLog } from './checkpoints.js';
import { workspaceOrigin } from './published.js';
import { checkEntry, type EntryCheckContext } from './entries.js';
import { registrationIn, type OrgKeys } from './orgs.js';
import { ReplayError, type ReplayState } from './replay.js';
import type { Problem, VerifyCounts } from './report.js';
import { withCheckedSignature, type CheckedSignature, type SignaturePool } from './signature-pool.js';
import { TileCheck } from './tiles.js';

export interface LogPassOptions {
  crypto: LedgerCrypto;
  hasher: MerkleHasher;
  orgs: OrgKeys;
  state: ReplayState;
  counts: VerifyCounts;
  report: (p: Problem) => void;
  logVerifier?: NoteVerifier | undefined;
  genesisPin?: EntryCheckContext['genesisPin'];
  batchSize: number;
  onEntries?: ((done: number, total: number) => void) | undefined;
  /** Checks signatures ahead on worker threads (signature-pool.ts); results are the same without it. */
  signaturePool?: SignaturePool | undefined;
}

export interface LogPassResult {
  /** ledger_head.size (0 when the row is missing, which is reported). */
  size: number;
  root: Uint8Array;
  unreplayed: Unreplayed;
}

/** Entries left out of the replay (failed verification, or did not apply): how many, and the first few. */
export interface Unreplayed {
  count: number;
  first: string[];
}

function range(from: number, to: number): string {
  return from === to ? `entry ${from} is` : `entries ${from}..${to} are`;
}

export async function verifyLog(tx: Db, o: LogPassOptions): Promise<LogPassResult> {
  const head = await repo.headSize(tx);
  if (head === undefined) o.report({ kind: 'sequence', message: 'ledger_head: the row holding the log size is missing' });
  const size = head ?? 0;
  const latestCheckpoint = await repo.latestCheckpointSize(tx);
  const tiles = new TileCheck(o.hasher, await repo.storedTileIndex(tx));
  const fetchTiles = (keys: readonly { level: number; idx: number }[]) => repo.tileBytes(tx, keys);
  const ctx: EntryCheckContext = { crypto: o.crypto, hasher: o.hasher, orgs: o.orgs, genesisPin: o.genesisPin };
  const unreplayed: Unreplayed = { count: 0, first: [] };

  // Checkpoints are read a batch ahead of the tree and checked when the tree reaches their size.
  const pending: repo.CheckpointRow[] = [];
  let checkpointsRead = -1;
  const checkpointsAt = (treeSize: number): void => {
    while (pending.length > 0 && pending[0]!.size <= treeSize) {
      const row = pending.shift()!;
      if (row.size < treeSize || !o.logVerifier) {
        o.report({ kind: 'checkpoint', message: `checkpoint ${row.size}: not checked (${o.logVerifier ? 'the tree skipped its size' : 'no log verifier key'})` });
        continue;
      }
      const origin = workspaceOrigin(o.state);
      const problems = checkCheckpoint({ crypto: o.crypto, logVerifier: o.logVerifier, origin }, row, tiles.root());
      problems.forEach(o.report);
      if (problems.length === 0) o.counts.checkpoints++;
    }
  };
  const readCheckpoints = async (upTo: number | undefined): Promise<void> => {
    const rows = await repo.checkpointsBetween(tx, checkpointsRead, upTo);
    pending.push(...rows);
    if (rows.length > 0) checkpointsRead = rows[rows.length - 1]!.size;
    if (upTo !== undefined) checkpointsRead = Math.max(checkpointsRead, upTo);
  };

  // A batch of entries and, with a pool, its signatures being checked. Batches go to the pool
  // before the ones ahead of them are replayed, so the key each entry is checked against is a
  // guess: the org's latest registration read so far, else its replayed one. A wrong guess only
  // means the entry check verifies that signature itself (signature-pool.ts).
  const pool = o.signaturePool;
  const guessed = new Map<string, Uint8Array>();
  const guessKey = (row: repo.EntryRow, org: string): Uint8Array | undefined => {
    const key = guessed.get(org) ?? o.orgs.lookup(org);
    if (row.type === 'org.registered') {
      try {
        const e = JSON.parse(Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength).toString('utf8')) as { type?: unknown; body?: unknown };
        const reg = registrationIn(String(e.type), typeof e.body === 'object' && e.body !== null ? (e.body as JsonObject) : undefined);
        if (reg) guessed.set(reg.id, o.orgs.parse(reg.vkey).publicKey);
      } catch {
        // not a registration the replay would accept either; no guess
      }
    }
    return key;
  };
  const readBatch = async (after: number | null) => {
    const rows = await repo.entriesAfter(tx, after, o.batchSize);
    const signatures = pool && rows.length > 0 ? pool.check(rows, guessKey) : undefined;
    signatures?.catch(() => undefined); // awaited when the batch is replayed; not unhandled meanwhile
    return { rows, signatures };
  };

  await readCheckpoints(0);
  checkpointsAt(0);
  let next = 0;
  let batch = await readBatch(null);
  while (batch.rows.length > 0) {
    const rows = batch.rows;
    const last = rows[rows.length - 1]!.idx;
    // Ask for the next batch now: the database reads it, and the pool checks its signatures, while this one is replayed.
    const following = readBatch(last);
    following.catch(() => undefined); // awaited below; do not let a failure there go unhandled meanwhile
    const seals = new Map((await repo.sealsBetween(tx, rows[0]!.idx, last)).map((s) => [s.idx, s]));
    await readCheckpoints(tiles.size + rows.length);
    const checked = await batch.signatures;
    for (const [i, row] of rows.entries()) {
      o.counts.entries++;
      if (row.idx < next) {
        o.report({ kind: 'sequence', idx: row.idx, message: `entry ${row.idx}: negative index (the log starts at 0)` });
        continue;
      }
      if (row.idx > next) o.report({ kind: 'sequence', message: `ledger_entries: ${range(next, row.idx - 1)} missing` });
      if (row.idx >= size) o.report({ kind: 'sequence', idx: row.idx, message: `entry ${row.idx}: beyond ledger_head.size ${size}` });
      next = row.idx + 1;
      replayEntry(o, ctx, row, seals.get(row.idx), unreplayed, checked?.[i]);
      if (!tiles.append(row.bytes)) {
        o.report({ kind: 'entry', idx: row.idx, message: `entry ${row.idx}: ${row.bytes.length} bytes, larger than a tlog-tiles entry may be` });
      }
      checkpointsAt(tiles.size);
    }
    (await tiles.checkCompleted(fetchTiles)).forEach(o.report);
    o.onEntries?.(o.counts.entries, Math.max(size, o.counts.entries));
    batch = await following;
  }
  if (next < size) o.report({ kind: 'sequence', message: `ledger_entries: ${range(next, size - 1)} missing (ledger_head.size is ${size})` });
  await readCheckpoints(undefined);
  for (const row of pending) o.report(checkpointBeyondLog(row, tiles.size));
  (await tiles.finish(fetchTiles, latestCheckpoint)).forEach(o.report);
  o.counts.tiles = tiles.matched;
  return { size, root: tiles.root(), unreplayed };
}

/** Verify one entry and, when it verified and its body is known, apply it to the replayed state. */
function replayEntry(
  o: LogPassOptions, ctx: EntryCheckContext, row: repo.EntryRow, seal: repo.SealRow | undefined, unreplayed: Unreplayed,
  checked: CheckedSignature | undefined,
): void {
  const check = checkEntry(checked ? { ...ctx, crypto: withCheckedSignature(ctx.crypto, checked) } : ctx, row, seal);
  check.problems.forEach(o.report);
  if (check.signed) o.counts.signatures++;
  if (check.sealed) o.counts.sealed++;
  if (check.opened) o.counts.sealsOpened++;
  const e = check.applied;
  const name = `entry ${row.idx} (${e?.entry.type ?? row.type})`;
  const skip = (): void => {
    if (unreplayed.count++ < 5) unreplayed.first.push(name);
  };
  if (!e) return skip();
  try {
    o.state.apply(e);
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    o.report({ kind: 'replay', idx: row.idx, message: `${name}: does not apply to the state the entries before it give: ${err.message}` });
    return skip();
  }
  o.counts.replayed++;
  // A registration that verified and applied makes the org's key valid for later entries.
  const reg = registrationIn(e.entry.type, e.body);
  if (!reg) return;
  try {
    o.orgs.register(reg.id, reg.vkey, o.orgs.parse(reg.vkey), row.idx);
  } catch (err) {
    o.report({ kind: 'entry', idx: row.idx, message: `${name}: verifier key of ${reg.id} is not an Ed25519 signed-note key: ${(err as Error).message}` });
  }
}
