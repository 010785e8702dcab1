/**
 * C2SP tlog-checkpoint v1.0.0 (https://c2sp.org/tlog-checkpoint): the note
 * text of a transparency log checkpoint, and signing/opening it as a note.
 */
import { fromBase64, toBase64 } from './bytes.js';
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode, VerificationError } from './errors.js';
import { checkHash, HASH_SIZE } from './hasher.js';
import { openNote, parseSignerKey, parseVerifierKey, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from './note.js';

export interface Checkpoint {
  /** §Note text 1: unique identifier of the log identity. */
  readonly origin: string;
  /** §Note text 2: number of leaves. */
  readonly size: number;
  /** §Note text 3: RFC 6962 root hash at `size` (32 bytes). */
  readonly root: Uint8Array;
  /** §Note text 4: opaque, non-empty extension lines. */
  readonly extensions: readonly string[];
}

export interface CheckpointInput {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions?: readonly string[];
}

const CONTROL = /[\u0000-\u001f]/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function malformed(message: string): never {
  fail(VerificationCode.MALFORMED_CHECKPOINT, message);
}

function checkLine(line: string, what: string): void {
  if (typeof line !== 'string' || line.length === 0) malformed(`${what} must be non-empty`);
  if (CONTROL.test(line)) malformed(`${what} contains a newline or control character`);
}

/** Formats the checkpoint note text (body), with its final newline. */
export function formatCheckpoint(c: CheckpointInput): string {
  checkLine(c.origin, 'origin');
  if (!Number.isSafeInteger(c.size) || c.size < 0) fail(VerificationCode.OUT_OF_RANGE, 'tree size must be a safe non-negative integer');
  checkHash(c.root, 'root hash');
  const ext = c.extensions ?? [];
  for (const e of ext) checkLine(e, 'extension line');
  return [c.origin, String(c.size), toBase64(c.root), ...ext].map((l) => l + '\n').join('');
}

/** Parses the checkpoint note text (body, including the final newline). */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) malformed('checkpoint must end with a newline');
  // §Note text: at least three non-empty lines separated by newlines.
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) malformed('checkpoint needs origin, size and root hash lines');
  lines.forEach((l, i) => checkLine(l, i === 0 ? 'origin' : i === 1 ? 'tree size' : i === 2 ? 'root hash' : 'extension line'));
  const [origin, sizeText, rootText] = lines as [string, string, string];
  // §Note text 2: ASCII decimal, no leading zeroes unless the tree is empty.
  if (!DECIMAL.test(sizeText)) malformed('tree size must be a decimal number without leading zeroes');
  const size = sizeText.length > 16 ? Infinity : Number(sizeText);
  if (!Number.isSafeInteger(size)) fail(VerificationCode.OUT_OF_RANGE, 'tree size exceeds Number.MAX_SAFE_INTEGER');
  let root: Uint8Array;
  try {
    root = fromBase64(rootText, HASH_SIZE);
  } catch (e) {
    if (e instanceof VerificationError) malformed(`root hash: ${e.message}`);
    throw e;
  }
  if (root.length !== HASH_SIZE) malformed(`root hash must be ${HASH_SIZE} bytes`);
  return { origin, size, root, extensions: lines.slice(3) };
}

/** Signs a checkpoint with the log key (a NoteSigner or an Ed25519 signer key string). */
export function signCheckpoint(crypto: LedgerCrypto, checkpoint: CheckpointInput, signer: NoteSigner | string): string {
  const s = typeof signer === 'string' ? parseSignerKey(crypto, signer) : signer;
  return signNote(formatCheckpoint(checkpoint), [s]);
}

export interface OpenCheckpointOptions {
  /**
   * Expected origin line. Defaults to the log key name: the spec only says the
   * key name SHOULD match the origin (§Signatures), so a log whose key name
   * differs must be configured with its origin explicitly.
   */
  readonly origin?: string;
  /** Further verifiers (e.g. witness cosigners) whose signatures are checked too. */
  readonly verifiers?: readonly NoteVerifier[];
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/**
 * Opens a checkpoint note: requires a valid signature from the log key, parses
 * the body and checks its origin. Failures throw VerificationError.
 */
export function openCheckpoint(
  crypto: LedgerCrypto,
  noteText: string | Uint8Array,
  logVerifier: NoteVerifier | string,
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const log = typeof logVerifier === 'string' ? parseVerifierKey(crypto, logVerifier) : logVerifier;
  const note = openNote(noteText, [log, ...(options.verifiers ?? [])]);
  if (!note.sigs.some((s) => s.verifier === log)) {
    fail(VerificationCode.UNVERIFIED_NOTE, `checkpoint is not signed by log key ${log.name}`);
  }
  const checkpoint = parseCheckpoint(note.text);
  const expected = options.origin ?? log.name;
  if (checkpoint.origin !== expected) {
    malformed(`checkpoint origin ${JSON.stringify(checkpoint.origin)} does not match ${JSON.stringify(expected)}`);
  }
  return { checkpoint, note };
}
