/**
 * Typed verification failures with fixed codes. Codes are part of Annex's
 * public interface: tools and tests match on them, so never rename one.
 */
export const VerificationCode = {
  /** A numeric input (index, size, count) is negative, too large or not an integer. */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** A proof has the wrong number of hashes for the given index and sizes. */
  PROOF_LENGTH: 'PROOF_LENGTH',
  /** A hash is not exactly 32 bytes. */
  HASH_LENGTH: 'HASH_LENGTH',
  /** A recomputed root does not match the expected one. */
  ROOT_MISMATCH: 'ROOT_MISMATCH',
  /** A subtree [start, end) is not a valid subtree (MTC draft §4.1). */
  INVALID_SUBTREE: 'INVALID_SUBTREE',
  /** Base64 text is malformed or not canonical. */
  BAD_BASE64: 'BAD_BASE64',
  /** A key string (vkey/skey) is malformed. */
  BAD_KEY: 'BAD_KEY',
  /** A signed note is malformed (C2SP signed-note §Format). */
  MALFORMED_NOTE: 'MALFORMED_NOTE',
  /** No signature from a required/known key verified. */
  UNVERIFIED_NOTE: 'UNVERIFIED_NOTE',
  /** A signature line from a known key failed to verify. */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** A checkpoint body is malformed (C2SP tlog-checkpoint). */
  MALFORMED_CHECKPOINT: 'MALFORMED_CHECKPOINT',
  /** A cosignature is malformed or does not verify (C2SP tlog-cosignature). */
  BAD_COSIGNATURE: 'BAD_COSIGNATURE',
  /** Fewer cosignatures than the quorum requires. */
  QUORUM_NOT_MET: 'QUORUM_NOT_MET',
  /** A tile or entry bundle is malformed or inconsistent (C2SP tlog-tiles). */
  MALFORMED_TILE: 'MALFORMED_TILE',
  /** An entry bundle does not hash into the tiles. */
  ENTRY_MISMATCH: 'ENTRY_MISMATCH',
  /** Two checkpoints are not consistent (fork or rollback). */
  INCONSISTENT: 'INCONSISTENT',
  /** A ledger entry is malformed or its signature does not verify. */
  BAD_ENTRY: 'BAD_ENTRY',
  /** JSON input cannot be canonicalised (RFC 8785). */
  BAD_JSON: 'BAD_JSON',
  /** A resource the verifier needs could not be read. */
  MISSING: 'MISSING',
} as const;

export type VerificationCode = (typeof VerificationCode)[keyof typeof VerificationCode];

export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  constructor(
    readonly code: VerificationCode,
    message: string,
  ) {
    super(message);
  }
}

export function fail(code: VerificationCode, message: string): never {
  throw new VerificationError(code, message);
}
