/**
 * `annex verify [--data DIR] [--log-vkey KEY|@file] [--genesis-vkey KEY|@file] [--json]`:
 * replay the whole log and check the database against it (src/verify/).
 * Exit 0 when everything checks, 1 when a problem is found (the report names
 * each), 2 for usage and I/O errors. PGlite data directories are opened only
 * when no server holds them; with DATABASE_URL the PostgreSQL database is
 * read in one snapshot while the server keeps running.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { verifierKeyFromSigner } from '../ledger/note.js';
import { openStore, SchemaVersionError, type Store } from '../store/db.js';
import { DataDirLockedError } from '../store/lock.js';
import { formatVerifyReport, verifyStore, VerifySetupError, type VerifyProgress, type VerifyReport } from '../verify/index.js';
import { UsageError } from './audit-command.js';
import { progressBar } from './progress.js';

/** Problems were found and reported: exit code 1 (main.ts prints nothing more). */
export class VerifyFailedError extends Error {
  constructor(readonly problemCount: number) {
    super(`annex verify found ${problemCount} problem${problemCount === 1 ? '' : 's'}`);
    this.name = 'VerifyFailedError';
  }
}

export interface VerifyCommandOptions {
  data: string;
  logVkey?: string;
  genesisVkey?: string;
  json?: boolean;
}

/** A key string, or @file holding one. */
async function keyArg(option: string, value: string | undefined): Promise<string | undefined> {
  if (value === undefined || !value.startsWith('@')) return value?.trim();
  try {
    return (await readFile(value.slice(1), 'utf8')).trim();
  } catch (e) {
    throw new UsageError(`${option} ${value}: ${(e as Error).message}`);
  }
}

/** ANNEX_LOG_KEY holds the log's signer key when it is not in a file (src/store/keys.ts): derive its verifier key. */
function logVkeyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.ANNEX_LOG_KEY) return undefined;
  try {
    return verifierKeyFromSigner(nodeCrypto, env.ANNEX_LOG_KEY.trim());
  } catch (e) {
    throw new UsageError(`ANNEX_LOG_KEY is not an Ed25519 signer key: ${(e as Error).message}`);
  }
}

async function open(dataDir: string, databaseUrl: string | undefined): Promise<Store> {
  if (!databaseUrl && !existsSync(join(dataDir, 'pgdata'))) {
    throw new UsageError(`no Annex database in ${dataDir} (no pgdata/ there): pass --data DIR, or set DATABASE_URL for PostgreSQL`);
  }
  try {
    // PostgreSQL needs no data-dir lock: the snapshot transaction isolates verify from a running server.
    // Read-only: an auditor's check changes nothing, not even the schema.
    return await openStore({ dataDir, databaseUrl, locked: Boolean(databaseUrl), readOnly: true });
  } catch (e) {
    if (e instanceof SchemaVersionError) throw new UsageError(e.message);
    if (e instanceof DataDirLockedError) {
      throw new UsageError(
        `data directory ${e.dir} is in use by process ${e.pid} (since ${e.since}). ` +
          'Stop the server first, then run annex verify again (or verify the PostgreSQL database it uses, with DATABASE_URL).',
      );
    }
    throw e;
  }
}

export async function runVerify(opts: VerifyCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<{ report: VerifyReport; where: string }> {
  const dataDir = resolve(opts.data);
  const logVkey = (await keyArg('--log-vkey', opts.logVkey)) ?? logVkeyFromEnv(env);
  const genesisVkey = await keyArg('--genesis-vkey', opts.genesisVkey);
  const store = await open(dataDir, env.DATABASE_URL || undefined);
  const bars = new Map<VerifyProgress['phase'], ReturnType<typeof progressBar>>();
  try {
    const report = await verifyStore(store.db, {
      keysDir: env.ANNEX_KEYS_DIR || join(dataDir, 'keys'),
      blobsDir: join(dataDir, 'blobs'),
      logVkey,
      genesisVkey,
      onProgress: (p) => {
        let bar = bars.get(p.phase);
        if (!bar) {
          for (const b of bars.values()) b.end();
          bars.set(p.phase, (bar = progressBar(process.stderr, `verifying ${p.phase}`)));
        }
        bar.update(p.done, p.total);
      },
    });
    return { report, where: store.where };
  } catch (e) {
    if (e instanceof VerifySetupError) throw new UsageError(e.message);
    throw e;
  } finally {
    for (const b of bars.values()) b.end();
    await store.close();
  }
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('replay the whole log and check the database against it: signatures, seals, tree, checkpoints, tiles, every projected row, evidence files')
    .option('--data <dir>', 'data directory (PGlite database, keys/, blobs/); DATABASE_URL selects PostgreSQL instead', './annex-data')
    .option('--log-vkey <key>', "the log's verifier key (or @file); default: derived from ANNEX_LOG_KEY or <data>/keys/log.skey")
    .option('--genesis-vkey <key>', 'require entry 0 to register this organisation verifier key (or @file)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: VerifyCommandOptions) => {
      const { report, where } = await runVerify(opts);
      console.log(opts.json ? JSON.stringify({ store: where, ...report }, null, 2) : formatVerifyReport(report, where));
      if (!report.ok) throw new VerifyFailedError(report.problemCount);
    });
}
