/**
 * Published checkpoints (log_published: what /log/checkpoint serves once the
 * witness quorum has cosigned). Each must carry the log's valid signature over
 * the very checkpoint stored at its size — which the log pass has already
 * checked against the entries — so no row can publish a tree the log never
 * had. The cosignature lines are the witnesses' to vouch for: whether they
 * meet a quorum is for `annex audit --witness-policy` and `annex receipt check`.
 */
import { equal, toBase64 } from '../ledger/bytes.js';
import { openCheckpoint } from '../ledger/checkpoint.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { VerificationError } from '../ledger/errors.js';
import type { NoteVerifier } from '../ledger/note.js';
import type { Db } from '../store/db.js';
import { checkpointOfSize, publishedCheckpoints } from '../store/repositories/verify.js';
import type { ReplayState } from './replay.js';
import type { Problem } from './report.js';

export interface PublishedContext {
  crypto: LedgerCrypto;
  logVerifier: NoteVerifier;
  origin?: string | undefined;
}

/** The workspace's origin line, as replayed (undefined before the workspace exists). */
export function workspaceOrigin(state: ReplayState): string | undefined {
  return (state.get('workspace', 1)?.config as { origin?: string } | undefined)?.origin;
}

/** Checks every published checkpoint; returns how many verified. */
export async function verifyPublished(tx: Db, ctx: PublishedContext, report: (p: Problem) => void): Promise<number> {
  let ok = 0;
  for (const row of await publishedCheckpoints(tx)) {
    const where = `published checkpoint ${row.size}`;
    let opened;
    try {
      opened = openCheckpoint(ctx.crypto, row.note, ctx.logVerifier, ctx.origin !== undefined ? { origin: ctx.origin } : {});
    } catch (e) {
      if (!(e instanceof VerificationError)) throw e;
      report({ kind: 'checkpoint', message: `${where}: ${e.message}` });
      continue;
    }
    const c = opened.checkpoint;
    const stored = await checkpointOfSize(tx, row.size);
    if (c.size !== row.size) report({ kind: 'checkpoint', message: `${where}: the signed note says size ${c.size}` });
    else if (!stored) report({ kind: 'checkpoint', message: `${where}: no stored checkpoint of that size to compare with` });
    else if (!equal(stored.root, c.root)) {
      report({ kind: 'checkpoint', message: `${where}: root ${toBase64(c.root)} is not the stored checkpoint's ${toBase64(stored.root)}` });
    } else ok++;
  }
  return ok;
}
