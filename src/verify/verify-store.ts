/**
 * `annex verify`: replay the whole log and check the database against it
 * (ARCHITECTURE.md "The ledger is the record; tables are projections").
 * Everything is read in one REPEATABLE READ READ ONLY snapshot. Problems are
 * collected, never thrown: the caller gets a report with every finding named.
 * Thrown only: VerifySetupError (bad keys given, log key not found while the
 * store has checkpoints) and database errors.
 */
import { performance } from 'node:perf_hooks';
import { toBase64 } from '../ledger/bytes.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { PROJECTED_TABLES, type ProjectedTable } from '../domain/projection.js';
import type { Db } from '../store/db.js';
import { countEvidence, headSize, inSnapshot, latestCheckpointSize } from '../store/repositories/verify.js';
import { verifyEvidenceBlobs } from './blobs.js';
import { compareTable } from './compare.js';
import { VerifySetupError } from './errors.js';
import { genesisPin, logVerifier } from './keys.js';
import { verifyLog } from './log-pass.js';
import { OrgKeys } from './orgs.js';
import { verifyPublished, workspaceOrigin } from './published.js';
import { ReplayState } from './replay.js';
import { ProblemList, type VerifyCounts, type VerifyReport } from './report.js';
import { defaultPoolSize, SignaturePool } from './signature-pool.js';

/** Below this many entries a signature pool costs more to start than it saves. */
const POOL_MIN_ENTRIES = 4096;

export interface VerifyProgress {
  phase: 'entries' | 'tables' | 'blobs';
  done: number;
  total: number;
}

export interface VerifyOptions {
  /** Evidence files, `<blobsDir>/<sha256>`. */
  blobsDir: string;
  /** Where `log.skey` is (the log verifier key is derived from it). Ignored when `logVkey` is given. */
  keysDir?: string;
  /** The log's C2SP verifier key; required when the store has checkpoints and `keysDir` has no log.skey. */
  logVkey?: string;
  /** Pin the genesis organisation's verifier key: a different key in entry 0 is a problem. */
  genesisVkey?: string;
  onProgress?: (p: VerifyProgress) => void;
  /** Entries per read (default 2000). */
  batchSize?: number;
  /** Problems kept in the report (default 1000; all are counted). */
  maxProblems?: number;
  crypto?: LedgerCrypto;
  /**
   * Worker threads checking entry signatures ahead of the replay
   * (signature-pool.ts); 0 checks them on this thread. Results are the same
   * either way. Default: one per core but this thread's (signature-pool.ts)
   * for logs of 4096 entries or more when `crypto` is node:crypto (what the
   * workers use), else 0.
   */
  workers?: number;
}

export async function verifyStore(db: Db, opts: VerifyOptions): Promise<VerifyReport> {
  const crypto = opts.crypto ?? nodeCrypto;
  const logKey = logVerifier(crypto, { logVkey: opts.logVkey, keysDir: opts.keysDir });
  const pin = genesisPin(crypto, opts.genesisVkey);
  const started = performance.now();
  const problems = new ProblemList(opts.maxProblems ?? 1000);
  const report = (p: Parameters<ProblemList['add']>[0]): void => problems.add(p);
  const counts: VerifyCounts = {
    entries: 0, signatures: 0, sealed: 0, sealsOpened: 0, replayed: 0, checkpoints: 0, published: 0, tiles: 0, rows: {}, blobs: 0,
  };
  const orgs = new OrgKeys(crypto);
  const state = new ReplayState();
  const progress = opts.onProgress;

  return inSnapshot(db, async (tx) => {
    if (!logKey && (await latestCheckpointSize(tx)) !== undefined) {
      throw new VerifySetupError(
        `the store has signed checkpoints but no log verifier key: ${opts.keysDir ? `${opts.keysDir}/log.skey does not exist; ` : ''}pass --log-vkey`,
      );
    }
    const workers = opts.workers ?? (crypto === nodeCrypto && ((await headSize(tx)) ?? 0) >= POOL_MIN_ENTRIES ? defaultPoolSize() : 0);
    const signaturePool = workers > 0 ? new SignaturePool(workers) : undefined;
    let log: Awaited<ReturnType<typeof verifyLog>>;
    try {
      log = await verifyLog(tx, {
        crypto, hasher: new MerkleHasher(crypto), orgs, state, counts, report, logVerifier: logKey, genesisPin: pin,
        batchSize: opts.batchSize ?? 2000,
        onEntries: progress && ((done, total) => progress({ phase: 'entries', done, total })),
        signaturePool,
      });
    } finally {
      await signaturePool?.close();
    }
    if (log.size > 0 && !orgs.genesis && pin) {
      report({ kind: 'genesis', idx: 0, message: 'entry 0: no valid genesis registration to compare with --genesis-vkey' });
    }

    if (logKey) counts.published = await verifyPublished(tx, { crypto, logVerifier: logKey, origin: workspaceOrigin(state) }, report);

    const tables = Object.keys(PROJECTED_TABLES) as ProjectedTable[];
    for (const [i, table] of tables.entries()) {
      counts.rows[table] = await compareTable(tx, table, state, report);
      progress?.({ phase: 'tables', done: i + 1, total: tables.length });
    }

    const evidence = await countEvidence(tx);
    let blobsDone = 0;
    counts.blobs = await verifyEvidenceBlobs(tx, opts.blobsDir, report, (n) => {
      blobsDone += n;
      progress?.({ phase: 'blobs', done: blobsDone, total: evidence });
    });

    const notes: string[] = [];
    if (log.unreplayed.count > 0) {
      notes.push(
        `${log.unreplayed.count} entr${log.unreplayed.count === 1 ? 'y was' : 'ies were'} left out of the replay ` +
          `(${log.unreplayed.first.join(', ')}${log.unreplayed.count > log.unreplayed.first.length ? ', …' : ''}); ` +
          'rows they wrote show up as inserted or changed, and later entries may not apply',
      );
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      ok: problems.count === 0,
      size: log.size,
      root: toBase64(log.root),
      genesis: orgs.genesis,
      counts,
      seconds,
      entriesPerSecond: counts.entries / Math.max(seconds, 1e-6),
      problems: problems.kept,
      problemCount: problems.count,
      notes,
    };
  });
}
