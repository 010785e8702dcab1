/**
 * Checking a stored checkpoint (C2SP tlog-checkpoint): the note must carry a
 * valid signature by the log key (C2SP signed-note), name the log's origin,
 * agree with its row (size, root) and carry the RFC 9162 §2.1.1 root the
 * entries give at its size. Witness cosignatures are not required here: the
 * quorum is a publication rule, checked by `annex audit --witness-vkey`.
 */
import { equal, toBase64 } from '../ledger/bytes.js';
import { openCheckpoint } from '../ledger/checkpoint.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { VerificationError } from '../ledger/errors.js';
import type { NoteVerifier } from '../ledger/note.js';
import type { CheckpointRow } from '../store/repositories/verify.js';
import type { Problem } from './report.js';

export interface CheckpointContext {
  crypto: LedgerCrypto;
  logVerifier: NoteVerifier;
  /** The workspace's origin line, once the entries have created it; else the key name is expected. */
  origin?: string | undefined;
}

/** Problems with one stored checkpoint; `root` is the entries' root at its size. */
export function checkCheckpoint(ctx: CheckpointContext, row: CheckpointRow, root: Uint8Array): Problem[] {
  const where = `checkpoint ${row.size}`;
  let opened;
  try {
    opened = openCheckpoint(ctx.crypto, row.note, ctx.logVerifier, ctx.origin !== undefined ? { origin: ctx.origin } : {});
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    return [{ kind: 'checkpoint', message: `${where}: ${e.message}` }];
  }
  const c = opened.checkpoint;
  const problems: Problem[] = [];
  if (c.size !== row.size) problems.push({ kind: 'checkpoint', message: `${where}: the signed note says size ${c.size}` });
  if (!equal(c.root, row.root)) problems.push({ kind: 'checkpoint', message: `${where}: root column ${toBase64(row.root)} differs from the signed note's ${toBase64(c.root)}` });
  if (c.size === row.size && !equal(c.root, root)) {
    problems.push({ kind: 'checkpoint', message: `${where}: signed root ${toBase64(c.root)} is not the root of entries 0..${row.size - 1} (${toBase64(root)})` });
  }
  return problems;
}

/** A stored checkpoint over more entries than the log holds. */
export function checkpointBeyondLog(row: CheckpointRow, logSize: number): Problem {
  return { kind: 'checkpoint', message: `checkpoint ${row.size}: covers ${row.size} entries but the log holds ${logSize}` };
}
