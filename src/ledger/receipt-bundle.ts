/**
 * Evidence bundles: the evidence file with the receipts (receipt.ts) of its
 * lodging entry and its chain of custody, in one ustar archive
 * (receipt-tar.ts), so a party can check offline, years later, that this
 * exact file was lodged at that time by that org and who handled it since.
 *
 *   <id>/README.txt                      how to check the bundle (instructions only: not authenticated, not read)
 *   <id>/<index>-<type>.tlog-proof       one receipt per entry, in log order: evidence.lodged first, then
 *                                        evidence.viewed / downloaded / redaction_made / disclosed
 *   <id>/<id>.<ext>                      the evidence file, last
 *
 * The file is tied to the log by the lodged body's `sha256` and `size`: read
 * from the entry when it was lodged in clear, or from the `evidence.disclosed`
 * entry, whose salt and body must open the lodged commitment (`sealed`,
 * checkDisclosure). Sealed evidence not yet disclosed cannot be tied to its
 * file offline; the result says so (fileChecked: false). Pure, browser-safe.
 */
import { fromBase64 } from './bytes.js';
import type { JsonObject } from './canonical-json.js';
import type { LedgerCrypto } from './crypto.js';
import { checkDisclosure, SEAL_SALT_BYTES } from './entry.js';
import { fail, VerificationCode, VerificationError } from './errors.js';
import { verifyReceipt, type ReceiptKeys, type VerifiedReceipt } from './receipt.js';

/** Entry types of an evidence's chain of custody after its lodging (subject: the evidence id). */
export const CUSTODY_TYPES: ReadonlySet<string> = new Set(['evidence.viewed', 'evidence.downloaded', 'evidence.redaction_made', 'evidence.disclosed']);
const EVIDENCE_ID = /^EV-\d{4}-\d{4,7}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const readmeName = (id: string): string => `${id}/README.txt`;
export const receiptName = (id: string, index: number, type: string): string => `${id}/${index}-${type}.tlog-proof`;
export const fileName = (id: string, ext: string): string => `${id}/${id}.${ext}`;

export function bundleReadme(id: string, origin: string): string {
  return [
    `Annex evidence bundle for ${id}, logged in ${origin}.`,
    '',
    `${id}.* is the evidence file. Each *.tlog-proof file is a receipt in the C2SP`,
    'tlog-proof format (https://c2sp.org/tlog-proof): its "extra" line is the ledger',
    'entry (base64 of canonical JSON), then its index, its RFC 9162 inclusion proof and',
    "the log's checkpoint with the witnesses' cosignatures.",
    '',
    'Check the whole bundle offline (exit 0: verified, 1: a check failed):',
    '',
    '  annex receipt check <this file> --vkey <log verifier key> \\',
    '    --witness-vkey <witness key> ... --quorum <n> [--org-vkey <org key> ...]',
    '',
    'It checks every receipt, that the file\'s SHA-256 is the one lodged (for sealed',
    'evidence: once disclosed, from the disclosure, whose salt and body must open',
    'the lodged commitment), and that every entry is about this evidence.',
    '',
  ].join('\n');
}

/** What a bundle member is, by its name; throws for anything else. */
export function memberKind(name: string): { kind: 'readme' | 'receipt' | 'file'; id: string } {
  const id = name.slice(0, Math.max(0, name.indexOf('/')));
  if (!EVIDENCE_ID.test(id)) bad(`bundle member ${name} is not under an evidence id`);
  const rest = name.slice(id.length + 1);
  if (rest === 'README.txt') return { kind: 'readme', id };
  if (/^(0|[1-9]\d{0,15})-[a-z]+(\.[a-z_]+)+\.tlog-proof$/.test(rest)) return { kind: 'receipt', id };
  if (rest.startsWith(`${id}.`) && /^[a-z0-9]{1,5}$/.test(rest.slice(id.length + 1))) return { kind: 'file', id };
  bad(`unexpected bundle member ${name}`);
}

export interface BundleContents {
  /** Every member name, in archive order. */
  readonly names: readonly string[];
  /** The receipt members' bytes, in archive order. */
  readonly receipts: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>;
  /** The evidence file member: its SHA-256 (lowercase hex) and size, computed by the caller. */
  readonly file: { readonly name: string; readonly size: number; readonly sha256: string };
}

export interface VerifiedBundle {
  readonly evidenceId: string;
  /** Every receipt, in log order; the first is evidence.lodged. */
  readonly receipts: readonly VerifiedReceipt[];
  /** The lodged body (from the entry, or from the disclosure), when the log makes it public. */
  readonly body: JsonObject | undefined;
  readonly disclosedAt: number | undefined;
  /** Whether the file was checked against the lodged sha256 and size. */
  readonly fileChecked: boolean;
}

function bad(message: string): never {
  fail(VerificationCode.BAD_ENTRY, message);
}

function checkLayout(c: BundleContents, id: string): void {
  const expected = [readmeName(id), ...c.receipts.map((r) => r.name), c.file.name];
  if (c.names.length !== expected.length || c.names.some((n, i) => n !== expected[i])) {
    bad(`bundle members must be README.txt, the receipts, then the file, all under ${id}/`);
  }
}

/** The lodged body the disclosure reveals, after checking it opens the lodged commitment. */
function disclosedBody(crypto: LedgerCrypto, id: string, lodged: VerifiedReceipt, d: VerifiedReceipt): JsonObject {
  const b = d.entry.body as { evidence_id?: unknown; of_index?: unknown; salt?: unknown; body?: unknown } | undefined;
  if (!b || b.evidence_id !== id || b.of_index !== lodged.index) bad(`entry ${d.index} does not disclose entry ${lodged.index} of ${id}`);
  if (lodged.entry.sealed === undefined) bad(`entry ${d.index} discloses entry ${lodged.index}, which was not sealed`);
  let salt: Uint8Array;
  try {
    salt = fromBase64(typeof b.salt === 'string' ? b.salt : '', SEAL_SALT_BYTES);
  } catch (e) {
    if (e instanceof VerificationError) bad(`entry ${d.index}: salt: ${e.message}`);
    throw e;
  }
  if (!checkDisclosure(crypto, lodged.entry.sealed, salt, b.body)) {
    bad(`the salt and body disclosed in entry ${d.index} do not open the commitment of entry ${lodged.index}`);
  }
  return b.body as JsonObject;
}

/**
 * Verifies a bundle's contents: layout, every receipt (verifyReceipt with
 * `keys`), that the first is the evidence's lodging and the rest its
 * custody entries in log order, the disclosure, and the file's hash and size.
 */
export function verifyEvidenceBundle(crypto: LedgerCrypto, c: BundleContents, keys: ReceiptKeys): VerifiedBundle {
  const { kind, id } = memberKind(c.file.name);
  if (kind !== 'file') bad('the last bundle member must be the evidence file');
  checkLayout(c, id);
  if (c.receipts.length === 0) bad('bundle holds no receipts');
  const receipts = c.receipts.map(({ name, bytes }) => {
    let r: VerifiedReceipt;
    try {
      r = verifyReceipt(crypto, bytes, keys);
    } catch (e) {
      if (e instanceof VerificationError) fail(e.code, `${name}: ${e.message}`);
      throw e;
    }
    if (name !== receiptName(id, r.index, r.entry.type)) bad(`${name} holds entry ${r.index} (${r.entry.type})`);
    if (r.entry.subject !== id) bad(`${name}: entry ${r.index} is about ${r.entry.subject}, not ${id}`);
    return r;
  });
  const lodged = receipts[0]!;
  if (lodged.entry.type !== 'evidence.lodged') bad(`the first receipt must be the lodging of ${id}, not ${lodged.entry.type}`);
  receipts.slice(1).forEach((r, i) => {
    if (!CUSTODY_TYPES.has(r.entry.type)) bad(`entry ${r.index} (${r.entry.type}) is not a custody entry`);
    if (r.index <= receipts[i]!.index) bad(`receipts must be in log order, once each (entry ${r.index} after ${receipts[i]!.index})`);
  });
  const disclosures = receipts.filter((r) => r.entry.type === 'evidence.disclosed');
  if (disclosures.length > 1) bad(`${id} is disclosed twice`);
  const body = disclosures[0] ? disclosedBody(crypto, id, lodged, disclosures[0]) : lodged.entry.body;
  if (body !== undefined) {
    if (body.id !== id) bad(`entry ${lodged.index} lodges ${String(body.id)}, not ${id}`);
    const { sha256, size } = body;
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256) || typeof size !== 'number') bad(`entry ${lodged.index}: lodged body has no sha256 and size`);
    if (c.file.sha256 !== sha256 || c.file.size !== size) {
      fail(VerificationCode.ENTRY_MISMATCH, `${c.file.name} (SHA-256 ${c.file.sha256}, ${c.file.size} bytes) is not the file lodged in entry ${lodged.index} (SHA-256 ${sha256}, ${size} bytes)`);
    }
  }
  return { evidenceId: id, receipts, body, disclosedAt: disclosures[0]?.index, fileChecked: body !== undefined };
}
