/** `annex audit <dir-or-url>`: audit any C2SP tlog-tiles log without trusting its server. */
import { readFile } from 'node:fs/promises';
import { auditLog, type AuditReport } from '../ledger/audit.js';
import { parseCosignerVerifierKey } from '../ledger/cosignature.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { VerificationCode, VerificationError } from '../ledger/errors.js';
import { parseVerifierKey } from '../ledger/note.js';
import { parseWitnessPolicy, PolicyError, quorumProblem, type WitnessPolicy } from '../log/policy.js';
import { progressBar } from './progress.js';
import { sourceFor } from './sources.js';

export interface AuditCommandOptions {
  vkey: string[];
  witnessVkey: string[];
  quorum?: number;
  /** A C2SP tlog-policy file: its witnesses and quorum rule (and log keys, when --vkey is not given). */
  witnessPolicy?: string;
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

/** Reads a --witness-policy file; a bad one is a usage error naming the line. */
export async function readPolicyArg(file: string): Promise<WitnessPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--witness-policy ${file}: ${(e as Error).message}`);
  }
  try {
    return parseWitnessPolicy(nodeCrypto, text, file);
  } catch (e) {
    if (e instanceof PolicyError) throw new UsageError(`--witness-policy: ${e.message}`);
    throw e;
  }
}

export async function runAudit(target: string, opts: AuditCommandOptions): Promise<AuditReport> {
  const crypto = nodeCrypto;
  const policy = opts.witnessPolicy ? await readPolicyArg(opts.witnessPolicy) : undefined;
  if (policy && (opts.witnessVkey.length > 0 || opts.quorum !== undefined)) {
    throw new UsageError('--witness-policy names the witnesses and the quorum: do not combine it with --witness-vkey or --quorum');
  }
  const logKeys = opts.vkey.length > 0 || !policy
    ? await parseKeys('--vkey', opts.vkey, (k) => parseVerifierKey(crypto, k))
    : policy.logs.map((l) => l.verifier);
  if (logKeys.length === 0) throw new UsageError(policy ? 'the policy has no log line: give the log key with --vkey' : 'at least one --vkey is required');
  const witnessKeys = policy
    ? policy.witnesses.map((w) => w.verifier)
    : await parseKeys('--witness-vkey', opts.witnessVkey, (k) => parseCosignerVerifierKey(crypto, k));
  if (opts.quorum !== undefined && opts.quorum > witnessKeys.length) {
    throw new UsageError(`--quorum ${opts.quorum} needs at least that many --witness-vkey keys`);
  }
  const previous = await Promise.all(
    opts.checkpoint.map(async (file) => ({ text: new Uint8Array(await readFile(file)), where: file })),
  );
  const bar = progressBar(process.stderr, 'auditing');
  let report: AuditReport;
  try {
    report = await auditLog(sourceFor(target), {
      crypto,
      logKeys,
      witnessKeys,
      // With a policy, every valid cosignature is collected and the policy's rule is applied below.
      quorum: policy ? 0 : opts.quorum,
      origin: opts.origin,
      previous,
      onProgress: (done, total) => bar.update(done, total),
    });
  } finally {
    bar.end();
  }
  for (const c of policy ? report.checkpoints : []) {
    const problem = quorumProblem(policy!, c.cosigners);
    if (problem) throw new VerificationError(VerificationCode.QUORUM_NOT_MET, `${c.where}: checkpoint ${c.checkpoint.size} ${problem}`);
  }
  return report;
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
