/** `annex audit <dir-or-url>`: audit any C2SP tlog-tiles log without trusting its server. */
import { readFile } from 'node:fs/promises';
import { auditLog, type AuditReport } from '../ledger/audit.js';
import { parseCosignerVerifierKey } from '../ledger/cosignature.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { parseVerifierKey } from '../ledger/note.js';
import { progressBar } from './progress.js';
import { sourceFor } from './sources.js';

export interface AuditCommandOptions {
  vkey: string[];
  witnessVkey: string[];
  quorum?: number;
  checkpoint: string[];
  origin?: string;
  json?: boolean;
}

/** A bad command-line argument: exit code 2, not a verification failure. */
export class UsageError extends Error {}

/** Accepts a key string, or @file holding one. */
async function keyArg(value: string): Promise<string> {
  return value.startsWith('@') ? (await readFile(value.slice(1), 'utf8')).trim() : value.trim();
}

async function parseKeys<T>(option: string, values: string[], parse: (k: string) => T): Promise<T[]> {
  return Promise.all(
    values.map(async (v) => {
      try {
        return parse(await keyArg(v));
      } catch (e) {
        throw new UsageError(`${option} ${v.slice(0, 40)}: ${(e as Error).message}`);
      }
    }),
  );
}

export async function runAudit(target: string, opts: AuditCommandOptions): Promise<AuditReport> {
  const crypto = nodeCrypto;
  const logKeys = await parseKeys('--vkey', opts.vkey, (k) => parseVerifierKey(crypto, k));
  const witnessKeys = await parseKeys('--witness-vkey', opts.witnessVkey, (k) => parseCosignerVerifierKey(crypto, k));
  if (opts.quorum !== undefined && opts.quorum > witnessKeys.length) {
    throw new UsageError(`--quorum ${opts.quorum} needs at least that many --witness-vkey keys`);
  }
  const previous = await Promise.all(
    opts.checkpoint.map(async (file) => ({ text: new Uint8Array(await readFile(file)), where: file })),
  );
  const bar = progressBar(process.stderr, 'auditing');
  try {
    return await auditLog(sourceFor(target), {
      crypto,
      logKeys,
      witnessKeys,
      quorum: opts.quorum,
      origin: opts.origin,
      previous,
      onProgress: (done, total) => bar.update(done, total),
    });
  } finally {
    bar.end();
  }
}

export function formatReport(r: AuditReport): string {
  const lines = [
    `OK ${r.origin}`,
    `  tree size          ${r.size}`,
    `  root hash          ${r.root}`,
    `  checkpoints        ${r.checkpoints.length} verified (${r.consistencyProofs} consistency proofs)`,
    `  entries            ${r.entries} hashed into ${r.tiles} tiles`,
    `  time               ${r.seconds.toFixed(3)} s`,
    `  throughput         ${Math.round(r.entriesPerSecond)} entries/s`,
  ];
  for (const c of r.checkpoints) {
    const cos = c.cosigners.map((w) => `${w.name}@${new Date(w.time * 1000).toISOString()}`).join(', ');
    lines.push(`  checkpoint ${c.checkpoint.size} (${c.where})${cos ? ` cosigned by ${cos}` : ''}`);
  }
  return lines.join('\n');
}
