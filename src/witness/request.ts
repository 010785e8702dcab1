/**
 * C2SP tlog-witness §add-checkpoint request body (https://c2sp.org/tlog-witness):
 *
 *   old <size>\n                 ASCII decimal, no leading zeroes ("0" for zero)
 *   <base64 hash>\n  x 0..63     RFC 6962 §2.1.2 consistency proof, old -> new
 *   \n                           empty line
 *   <checkpoint note>            C2SP tlog-checkpoint, signed note (may carry several signatures)
 *
 * Pure and browser-safe (Uint8Array only), so a log's client can build the
 * same bytes with `formatAddCheckpoint`.
 */
import { fromBase64, fromUtf8, toBase64 } from '../ledger/bytes.js';
import { HASH_SIZE } from '../ledger/hasher.js';
import { WitnessCode, WitnessError } from './errors.js';

/** §add-checkpoint: "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: Uint8Array[];
  /** The checkpoint note, exactly as sent (not yet parsed or verified). */
  readonly note: string;
}

function malformed(message: string): never {
  throw new WitnessError(WitnessCode.MALFORMED_REQUEST, message);
}

/** Parses an ASCII decimal tree size without leading zeroes (used for `old` and for 409 bodies). */
export function parseSize(text: string, what: string): number {
  if (!DECIMAL.test(text) || text.length > 16) malformed(`${what} must be a decimal number without leading zeroes`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) malformed(`${what} exceeds 2^53 - 1`);
  return n;
}

export function parseAddCheckpoint(body: Uint8Array): AddCheckpointRequest {
  let text: string;
  try {
    text = fromUtf8(body);
  } catch {
    malformed('request body is not valid UTF-8');
  }
  // §add-checkpoint: each line MUST terminate in a newline.
  let at = text.indexOf('\n');
  if (at < 0) malformed('request body must start with an "old <size>" line');
  const first = text.slice(0, at);
  if (!first.startsWith('old ')) malformed('request body must start with an "old <size>" line');
  const oldSize = parseSize(first.slice(4), 'old size');
  const proof: Uint8Array[] = [];
  for (;;) {
    const start = at + 1;
    at = text.indexOf('\n', start);
    if (at < 0) malformed('missing the empty line before the checkpoint');
    if (at === start) break; // the empty line
    if (proof.length === MAX_PROOF_LINES) malformed(`more than ${MAX_PROOF_LINES} consistency proof lines`);
    let hash: Uint8Array;
    try {
      hash = fromBase64(text.slice(start, at), HASH_SIZE);
    } catch {
      malformed(`consistency proof line ${proof.length + 1} is not canonical base64`);
    }
    if (hash.length !== HASH_SIZE) malformed(`consistency proof line ${proof.length + 1} is not a ${HASH_SIZE}-byte hash`);
    proof.push(hash);
  }
  const note = text.slice(at + 1);
  if (note.length === 0) malformed('missing the checkpoint after the empty line');
  return { oldSize, proof, note };
}

/** Builds an add-checkpoint request body (for logs and tests). */
export function formatAddCheckpoint(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) malformed('old size must be a safe non-negative integer');
  if (proof.length > MAX_PROOF_LINES) malformed(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  return `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${note}`;
}
