/**
 * `annex receipt check FILE`: verify a receipt (C2SP tlog-proof,
 * src/ledger/receipt.ts) or an evidence bundle (src/ledger/receipt-bundle.ts)
 * offline, with only public keys: no server, no network. Exit 0 verified,
 * 1 a check failed (named), 2 usage or I/O error.
 * `annex receipt get <base-url> <index>`: fetch a receipt to keep.
 */
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { toBase64 } from '../ledger/bytes.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { fail, VerificationCode, VerificationError } from '../ledger/errors.js';
import { memberKind, verifyEvidenceBundle, type VerifiedBundle } from '../ledger/receipt-bundle.js';
import { readTar } from '../ledger/receipt-tar.js';
import { MAX_RECEIPT_BYTES, RECEIPT_HEADER, verifyReceipt, type ReceiptKeys, type VerifiedReceipt } from '../ledger/receipt.js';
import { parseCosignerVerifierKey } from '../ledger/cosignature.js';
import { parseVerifierKey } from '../ledger/note.js';
import { quorumProblem, type WitnessPolicy } from '../log/policy.js';
import { readPolicyArg, UsageError } from './audit-command.js';

interface CheckOptions {
  vkey?: string;
  witnessVkey: string[];
  quorum?: number;
  witnessPolicy?: string;
  orgVkey: string[];
  origin?: string;
  allowUnknownSigners?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const count = (value: string): number => {
  if (!/^(0|[1-9][0-9]{0,5})$/.test(value)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(value);
};

/** A key string, or @file holding one key per line (e.g. a saved /log/witnesses). */
async function keyArgs(option: string, values: string[], parse: (k: string) => unknown): Promise<string[]> {
  const keys: string[] = [];
  for (const v of values) {
    const lines = v.startsWith('@') ? (await readFile(v.slice(1), 'utf8')).split('\n') : [v];
    for (const k of lines.map((l) => l.trim()).filter(Boolean)) {
      try {
        parse(k);
      } catch (e) {
        throw new UsageError(`${option} ${k.slice(0, 40)}: ${(e as Error).message}`);
      }
      keys.push(k);
    }
  }
  return keys;
}

async function receiptKeys(o: CheckOptions, policy: WitnessPolicy | undefined): Promise<ReceiptKeys> {
  if (policy && (o.witnessVkey.length > 0 || o.quorum !== undefined)) {
    throw new UsageError('--witness-policy names the witnesses and the quorum: do not combine it with --witness-vkey or --quorum');
  }
  if (!o.vkey && policy?.logs.length !== 1) throw new UsageError('--vkey (the log verifier key) is required');
  const [logVkey, ...more] = o.vkey ? await keyArgs('--vkey', [o.vkey], (k) => parseVerifierKey(nodeCrypto, k)) : [policy!.logs[0]!.vkey];
  if (!logVkey || more.length > 0) throw new UsageError('--vkey takes exactly one key');
  const witnessVkeys = policy ? policy.witnesses.map((w) => w.vkey) : await keyArgs('--witness-vkey', o.witnessVkey, (k) => parseCosignerVerifierKey(nodeCrypto, k));
  // With a policy every valid cosignature is collected and its quorum rule applied afterwards (checkPolicy).
  const quorum = policy ? 0 : o.quorum ?? witnessVkeys.length;
  if (quorum > witnessVkeys.length) throw new UsageError(`--quorum ${quorum} needs at least that many --witness-vkey keys`);
  const orgKeys = await keyArgs('--org-vkey', o.orgVkey, (k) => parseVerifierKey(nodeCrypto, k));
  return {
    logVkey, witnessVkeys, quorum,
    ...(orgKeys.length > 0 ? { orgKeys } : {}),
    ...(o.origin !== undefined ? { origin: o.origin } : {}),
    allowUnknownSigners: Boolean(o.allowUnknownSigners),
  };
}

/** Names what failed: the file (and member) before the verifier's own message. */
async function within<T>(where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof VerificationError) throw new VerificationError(e.code, `${where}: ${e.message}`);
    throw e;
  }
}

async function readBundle(path: string, keys: ReceiptKeys): Promise<{ bundle: VerifiedBundle; file: { name: string; sha256: string } }> {
  const fh = await open(path, 'r');
  try {
    const total = (await fh.stat()).size;
    const read = async (offset: number, length: number): Promise<Uint8Array> => {
      const buf = new Uint8Array(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      if (bytesRead !== length) fail(VerificationCode.MISSING, `short read at byte ${offset}`);
      return buf;
    };
    const names: string[] = [];
    const receipts: Array<{ name: string; bytes: Uint8Array }> = [];
    let file: { name: string; size: number; sha256: string } | undefined;
    for await (const m of readTar(read, total)) {
      names.push(m.name);
      const kind = memberKind(m.name).kind;
      if (kind === 'receipt') {
        if (m.size > MAX_RECEIPT_BYTES) fail(VerificationCode.MALFORMED_NOTE, `${m.name} is too large for a receipt`);
        receipts.push({ name: m.name, bytes: await read(m.offset, m.size) });
      } else if (kind === 'file') {
        const hash = createHash('sha256');
        for (let at = 0; at < m.size; at += 1 << 20) hash.update(await read(m.offset + at, Math.min(1 << 20, m.size - at)));
        file = { name: m.name, size: m.size, sha256: hash.digest('hex') };
      }
    }
    if (!file) fail(VerificationCode.MISSING, 'bundle holds no evidence file');
    return { bundle: verifyEvidenceBundle(nodeCrypto, { names, receipts, file }, keys), file };
  } finally {
    await fh.close();
  }
}

const when = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function checkpointLines(r: VerifiedReceipt): string[] {
  const cos = r.cosigners.map((c) => `${c.name} at ${when(c.time)}`).join(', ') || 'none';
  const unknown = r.unknownSigners.length > 0 ? [`  not checked  signatures from unknown keys: ${r.unknownSigners.join(', ')}`] : [];
  return [`  checkpoint   tree size ${r.checkpoint.size}, root ${toBase64(r.checkpoint.root)}`, `  cosigners    ${cos}`, ...unknown];
}

const signature = (r: VerifiedReceipt): string => (r.entrySignatureChecked ? 'signature verified' : 'signature not checked: no --org-vkey');

export function formatReceiptReport(r: VerifiedReceipt): string {
  const e = r.entry;
  return [
    `OK entry ${r.index} is in ${r.checkpoint.origin}`,
    `  type         ${e.type}`,
    `  org          ${e.org} (${signature(r)})`,
    `  user         ${e.user}`,
    `  subject      ${e.subject}`,
    `  at           ${e.at}`,
    `  body         ${e.sealed !== undefined ? `sealed (commitment ${e.sealed})` : 'public'}`,
    ...checkpointLines(r),
  ].join('\n');
}

export function formatBundleReport(b: VerifiedBundle, fileName: string, sha256: string): string {
  const lodged = b.receipts[0]!;
  const file = b.fileChecked
    ? `  file         ${fileName}: SHA-256 ${sha256}, the file lodged in entry ${lodged.index}${b.disclosedAt !== undefined ? ` (disclosed in entry ${b.disclosedAt})` : ''}`
    : `  file         ${fileName}: NOT checked, lodged sealed and not disclosed (the log holds only a commitment to its hash)`;
  const width = Math.max(...b.receipts.map((r) => r.entry.type.length));
  return [
    `OK evidence bundle ${b.evidenceId} in ${lodged.checkpoint.origin}`,
    file,
    `  entries      ${b.receipts.length} receipts verified`,
    ...b.receipts.map((r) => `    ${String(r.index).padStart(8)}  ${r.entry.type.padEnd(width)}  ${r.entry.org.padEnd(6)} ${r.entry.at}  ${signature(r)}`),
    ...checkpointLines(b.receipts[b.receipts.length - 1]!),
  ].join('\n');
}

/** --witness-policy: the checkpoint's verified cosigners must meet the policy's quorum rule. */
function checkPolicy(path: string, policy: WitnessPolicy | undefined, r: VerifiedReceipt): void {
  const problem = policy && quorumProblem(policy, r.cosigners);
  if (problem) throw new VerificationError(VerificationCode.QUORUM_NOT_MET, `${path}: checkpoint ${r.checkpoint.size} ${problem}`);
}

async function check(path: string, opts: CheckOptions): Promise<string> {
  const policy = opts.witnessPolicy ? await readPolicyArg(opts.witnessPolicy) : undefined;
  const keys = await receiptKeys(opts, policy);
  const fh = await open(path, 'r');
  const head = new Uint8Array(512);
  const { bytesRead } = await fh.read(head, 0, 512, 0).finally(() => fh.close());
  const text = new TextDecoder().decode(head.subarray(0, bytesRead));
  if (text.startsWith(`${RECEIPT_HEADER}\n`)) {
    const bytes = await readFile(path);
    if (bytes.length > MAX_RECEIPT_BYTES) fail(VerificationCode.MALFORMED_NOTE, `${path}: too large for a receipt`);
    const r = await within(path, async () => verifyReceipt(nodeCrypto, new Uint8Array(bytes), keys));
    checkPolicy(path, policy, r);
    return formatReceiptReport(r);
  }
  if (bytesRead < 512 || text.slice(257, 263) !== 'ustar\0') {
    fail(VerificationCode.MALFORMED_NOTE, `${path}: neither a receipt (${RECEIPT_HEADER}) nor an evidence bundle (ustar)`);
  }
  const { bundle, file } = await within(path, () => readBundle(path, keys));
  for (const r of bundle.receipts) checkPolicy(path, policy, r);
  return formatBundleReport(bundle, file.name, file.sha256);
}

async function getReceipt(base: string, index: string, opts: { wait?: number }): Promise<void> {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(index)) throw new UsageError('<index> must be a decimal entry index');
  let url: URL;
  try {
    url = new URL(`api/entries/${index}/receipt`, base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new UsageError(`${base} is not a URL`);
  }
  if (opts.wait !== undefined) url.searchParams.set('wait', String(opts.wait));
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) {
    let message = body.slice(0, 300);
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message;
    } catch { /* not the API's error shape */ }
    throw new Error(`${url.origin}: ${res.status} ${message}`);
  }
  process.stdout.write(body);
}

export function registerReceiptCommands(program: Command): void {
  const receipt = program.command('receipt').description('receipts (C2SP tlog-proof) and evidence bundles, checked offline');
  receipt
    .command('check')
    .description('verify a receipt or an evidence bundle offline: exit 0 verified, 1 a check failed, 2 usage')
    .argument('<file>', 'a receipt (.tlog-proof) or an evidence bundle (.tar)')
    .option('--vkey <key>', 'log verifier key (or @file)')
    .option('--witness-vkey <key>', 'witness cosigner verifier key (or @file, one per line); repeat', collect, [])
    .option('--quorum <n>', 'valid cosignatures required (default: every witness key given)', count)
    .option('--witness-policy <file>', "a C2SP tlog-policy file: its witnesses' cosignatures must meet its quorum (its log line gives the key when --vkey is omitted)")
    .option('--org-vkey <key>', "an org's verifier key, to check the entries' own signatures (or @file); repeat", collect, [])
    .option('--origin <origin>', 'expected checkpoint origin (default: the log key name)')
    .option('--allow-unknown-signers', 'accept checkpoint signatures from keys not given (they are then not checked)')
    .action(async (file: string, opts: CheckOptions) => {
      console.log(await check(file, opts));
    });
  receipt
    .command('get')
    .description('fetch the receipt of a log entry from a server and print it (save it with > file.tlog-proof)')
    .argument('<base-url>', 'the Annex server, e.g. https://annex.example')
    .argument('<index>', 'entry index')
    .option('--wait <seconds>', 'wait up to this long for a published checkpoint covering the entry', count)
    .action(getReceipt);
}
