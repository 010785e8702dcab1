/**
 * Annex receipts: a C2SP tlog-proof v1 (https://c2sp.org/tlog-proof) that a
 * party can carry away and check offline, years later, with nothing but the
 * log's and witnesses' public keys.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64 of the entry's canonical bytes>
 *   index <zero-based index>
 *   <base64 inclusion proof hash>        (zero or more, leaf sibling first)
 *
 *   <the checkpoint note, verbatim: body, blank line, log signature, cosignatures>
 *
 * §Format leaves the record to the application and offers the optional
 * `extra` line for "additional data necessary to reconstruct the record
 * hash"; the entry bytes are exactly that, so no wrapper is needed. §Format
 * says extra data is not authenticated: here it is, because the leaf hash
 * SHA-256(0x00 || extra) (RFC 9162 §2.1.1) must lead to the signed root
 * through the proof (RFC 9162 §2.1.3.2). Annex requires the extra line.
 *
 * Verification is strict so that any changed byte fails: strict base64, one
 * spelling of the index, exactly 32-byte proof hashes, the checkpoint opened
 * with the log key and a quorum of witnesses (tlog-cosignature), and, unless
 * allowed, no signature line from a key the verifier was not given (such a
 * line is ignored by signed-note §Signatures, so a change to it would not be
 * noticed). Browser-safe: Uint8Array only, crypto passed in.
 */
import { fromBase64, fromUtf8, toBase64 } from './bytes.js';
import type { Checkpoint } from './checkpoint.js';
import { parseCosignerVerifierKey, verifyQuorum, type Cosigner } from './cosignature.js';
import { parseCanonical } from './canonical-json.js';
import type { LedgerCrypto } from './crypto.js';
import { entryLeafData, MAX_ENTRY_BYTES, verifyEntry, type LedgerEntry } from './entry.js';
import { fail, VerificationCode, VerificationError } from './errors.js';
import { HASH_SIZE, MerkleHasher } from './hasher.js';
import { MAX_NOTE_BYTES, parseNote, parseVerifierKey, type NoteVerifier } from './note.js';
import { verifyInclusion } from './proof-verify.js';

/** §Format: the first line. */
export const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1';
/** Tree sizes are below 2^53, so an RFC 9162 inclusion proof has at most 53 hashes. */
export const MAX_PROOF_HASHES = 64;
/** Header, extra (an entry of at most 65535 bytes in base64), index, proof lines, and a note. */
export const MAX_RECEIPT_BYTES = 128 * 1024 + MAX_NOTE_BYTES;

export interface ReceiptParts {
  /** The entry's canonical bytes (the Merkle leaf data). */
  readonly entry: Uint8Array;
  readonly index: number;
  /** RFC 9162 §2.1.3.1 PATH(index, D[size]), leaf sibling first. */
  readonly proof: readonly Uint8Array[];
  /** The checkpoint note, signed by the log and (usually) cosigned. */
  readonly note: string;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

function malformed(message: string): never {
  // errors.ts has no code of its own for a tlog-proof's framing; the proof
  // is a signed-note-like text container, so its framing errors share that code.
  fail(VerificationCode.MALFORMED_NOTE, `receipt: ${message}`);
}

/** Formats a receipt (§Format). The note must already end with its signature lines. */
export function formatReceipt(r: ReceiptParts): string {
  if (!(r.entry instanceof Uint8Array) || r.entry.length === 0 || r.entry.length > MAX_ENTRY_BYTES) {
    fail(VerificationCode.OUT_OF_RANGE, `entry must be 1..${MAX_ENTRY_BYTES} bytes`);
  }
  if (!Number.isSafeInteger(r.index) || r.index < 0) fail(VerificationCode.OUT_OF_RANGE, 'index must be a safe non-negative integer');
  if (r.proof.length > MAX_PROOF_HASHES) fail(VerificationCode.PROOF_LENGTH, `proof has more than ${MAX_PROOF_HASHES} hashes`);
  for (const h of r.proof) if (h.length !== HASH_SIZE) fail(VerificationCode.HASH_LENGTH, `proof hashes must be ${HASH_SIZE} bytes`);
  parseNote(r.note); // only a well-formed signed note is embedded
  const proof = r.proof.map((h) => `${toBase64(h)}\n`).join('');
  return `${RECEIPT_HEADER}\nextra ${toBase64(r.entry)}\nindex ${r.index}\n${proof}\n${r.note}`;
}

/** Parses a receipt's framing (§Format) without verifying anything. */
export function parseReceipt(input: string | Uint8Array): ReceiptParts {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > MAX_RECEIPT_BYTES) malformed('too large');
    text = input;
  } else {
    if (!(input instanceof Uint8Array)) malformed('must be text or bytes');
    if (input.length > MAX_RECEIPT_BYTES) malformed('too large');
    try {
      text = fromUtf8(input);
    } catch {
      malformed('not valid UTF-8');
    }
  }
  // The proof part is non-empty lines up to the first empty line; the note follows verbatim.
  const split = text.indexOf('\n\n');
  if (split < 0) malformed('no empty line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  const note = text.slice(split + 2);
  if (lines[0] !== RECEIPT_HEADER) malformed(`first line must be ${RECEIPT_HEADER}`);
  const extra = lines[1] ?? '';
  if (!extra.startsWith('extra ')) malformed('an Annex receipt carries its entry on the "extra" line');
  const entry = decode(extra.slice('extra '.length), MAX_ENTRY_BYTES, 'extra');
  if (entry.length === 0) malformed('extra: empty entry');
  const indexLine = lines[2] ?? '';
  if (!indexLine.startsWith('index ')) malformed('third line must be "index <N>"');
  const digits = indexLine.slice('index '.length);
  // §Format: ASCII decimal, no leading zeroes unless the index is 0.
  if (!DECIMAL.test(digits)) malformed('index must be a decimal number without leading zeroes');
  const index = digits.length > 16 ? Infinity : Number(digits);
  if (!Number.isSafeInteger(index)) fail(VerificationCode.OUT_OF_RANGE, 'index exceeds Number.MAX_SAFE_INTEGER');
  const proofLines = lines.slice(3);
  if (proofLines.length > MAX_PROOF_HASHES) fail(VerificationCode.PROOF_LENGTH, `proof has more than ${MAX_PROOF_HASHES} hashes`);
  const proof = proofLines.map((l, i) => {
    const h = decode(l, HASH_SIZE, `proof line ${i + 1}`);
    if (h.length !== HASH_SIZE) fail(VerificationCode.HASH_LENGTH, `proof line ${i + 1} is not ${HASH_SIZE} bytes`);
    return h;
  });
  return { entry, index, proof, note };
}

function decode(text: string, maxBytes: number, what: string): Uint8Array {
  try {
    return fromBase64(text, maxBytes);
  } catch (e) {
    if (e instanceof VerificationError) fail(e.code, `receipt ${what}: ${e.message}`);
    throw e;
  }
}

export interface ReceiptKeys {
  /** The log's verifier key (C2SP signed-note key string, type 0x01). */
  readonly logVkey: string;
  /** Witness cosigner verifier keys (type 0x04). */
  readonly witnessVkeys: readonly string[];
  /** Distinct valid cosignatures required (0..witnessVkeys.length). */
  readonly quorum: number;
  /** Org verifier keys (key name = org id); given, the entry's own signature is checked too. */
  readonly orgKeys?: readonly string[];
  /** Expected checkpoint origin; default the log key's name (tlog-checkpoint §Signatures). */
  readonly origin?: string;
  /** Accept signature lines from keys not given above (they are then not checked at all). */
  readonly allowUnknownSigners?: boolean;
}

export interface VerifiedReceipt {
  readonly index: number;
  readonly entry: LedgerEntry;
  readonly entryBytes: Uint8Array;
  readonly checkpoint: Checkpoint;
  readonly cosigners: readonly Cosigner[];
  /** Whether the entry's org signature was checked (orgKeys given). */
  readonly entrySignatureChecked: boolean;
  /** Names of signature lines from keys the verifier does not know (only with allowUnknownSigners). */
  readonly unknownSigners: readonly string[];
}

function orgLookup(crypto: LedgerCrypto, vkeys: readonly string[]): (org: string) => Uint8Array | undefined {
  const keys = new Map<string, Uint8Array>();
  for (const vkey of vkeys) {
    const v = parseVerifierKey(crypto, vkey);
    if (keys.has(v.name)) fail(VerificationCode.BAD_KEY, `two org keys for ${v.name}`);
    keys.set(v.name, v.publicKey);
  }
  return (org) => keys.get(org);
}

/** Parses and checks the entry bytes: canonical JSON and envelope shape (RFC 8785; entry.ts). */
function parseEntry(bytes: Uint8Array): LedgerEntry {
  let value: unknown;
  try {
    value = parseCanonical(bytes, MAX_ENTRY_BYTES);
  } catch (e) {
    if (e instanceof VerificationError) fail(VerificationCode.BAD_ENTRY, `entry is not canonical JSON: ${e.message}`);
    throw e;
  }
  entryLeafData(value as LedgerEntry); // checks the envelope's shape
  return value as LedgerEntry;
}

/**
 * Verifies a receipt offline and returns the entry it proves. Checks, in
 * order: framing (above); the checkpoint's log signature, origin and quorum
 * of cosignatures (tlog-checkpoint, tlog-cosignature; verifyQuorum); that
 * every signature line is from a given key; index < tree size and inclusion
 * of SHA-256(0x00 || entry) at index (RFC 9162 §2.1.1, §2.1.3.2); the entry's
 * canonical form and shape, and its org signature when orgKeys are given.
 * Every failure is a VerificationError with a fixed code.
 */
export function verifyReceipt(crypto: LedgerCrypto, input: string | Uint8Array, keys: ReceiptKeys): VerifiedReceipt {
  const r = parseReceipt(input);
  const log = parseVerifierKey(crypto, keys.logVkey);
  const witnesses = keys.witnessVkeys.map((k) => parseCosignerVerifierKey(crypto, k));
  const opts = keys.origin !== undefined ? { origin: keys.origin } : {};
  const q = verifyQuorum(crypto, r.note, log, witnesses, keys.quorum, opts);
  const known: NoteVerifier[] = [log, ...witnesses];
  const unknownSigners: string[] = [];
  for (const sig of parseNote(r.note).signatures) {
    if (known.some((k) => k.name === sig.name && k.keyId === sig.keyId)) continue;
    if (!keys.allowUnknownSigners) fail(VerificationCode.UNVERIFIED_NOTE, `checkpoint carries a signature from unknown key ${sig.name}`);
    unknownSigners.push(sig.name);
  }
  const { size, root } = q.checkpoint;
  if (r.index >= size) fail(VerificationCode.OUT_OF_RANGE, `index ${r.index} is not below the checkpoint's tree size ${size}`);
  const hasher = new MerkleHasher(crypto);
  verifyInclusion(hasher, r.index, size, hasher.hashLeaf(r.entry), r.proof, root);
  const entry = keys.orgKeys ? verifyEntry(crypto, r.entry, orgLookup(crypto, keys.orgKeys)) : parseEntry(r.entry);
  return {
    index: r.index,
    entry,
    entryBytes: r.entry,
    checkpoint: q.checkpoint,
    cosigners: q.cosigners,
    entrySignatureChecked: keys.orgKeys !== undefined,
    unknownSigners,
  };
}
