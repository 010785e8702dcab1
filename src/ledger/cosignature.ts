/**
 * C2SP tlog-cosignature v1.0.1 (https://c2sp.org/tlog-cosignature), Ed25519
 * cosignatures (signature type 0x04): a witness signs
 *   "cosignature/v1\n" || "time <POSIX seconds>\n" || checkpoint note text
 * and the note signature blob is key ID(4) || timestamp(u64 BE) || Ed25519 sig(64).
 */
import { concat, toHex, uint64be, utf8 } from './bytes.js';
import { openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode } from './errors.js';
import {
  computeKeyId,
  decodeSignerKeyString,
  decodeVerifierKeyString,
  encodeSignerKey,
  encodeVerifierKey,
  formatKeyId,
  formatSignatureLine,
  isValidKeyName,
  parseEd25519Key,
  parseVerifierKey,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

/** §Format: signature type byte of timestamped Ed25519 cosignatures. */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
const TIMESTAMP_SIZE = 8;
const ED25519_SIG_SIZE = 64;

export interface CosignatureVerifier extends NoteVerifier {
  readonly type: typeof SIG_TYPE_COSIGNATURE_V1;
  readonly publicKey: Uint8Array;
  /**
   * Verifies a cosignature (timestamp || signature) over a checkpoint body and
   * returns its timestamp; throws BAD_COSIGNATURE when malformed or invalid.
   * `verify` does the same and returns true, so openNote reports BAD_COSIGNATURE.
   */
  verifyTimestamped(body: Uint8Array, signature: Uint8Array): number;
}

export interface CosignerSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
  /** timestamp(8) || Ed25519 signature(64) over the cosigned message at `timeSeconds`. */
  signAt(body: Uint8Array, timeSeconds: number): Uint8Array;
}

function checkTime(t: number): void {
  // §Format: timestamp MUST NOT exceed 2^63 - 1; Annex further bounds it to a safe integer.
  if (!Number.isSafeInteger(t) || t < 0) fail(VerificationCode.OUT_OF_RANGE, 'cosignature time must be a safe non-negative integer');
}

/** §Ed25519 signed message: header line, timestamp line (decimal, no leading zeroes), then the note text. */
export function cosignatureMessage(body: string | Uint8Array, timeSeconds: number): Uint8Array {
  checkTime(timeSeconds);
  const bytes = typeof body === 'string' ? utf8(body) : body;
  return concat(utf8(`cosignature/v1\ntime ${timeSeconds}\n`), bytes);
}

/** Reads the big-endian u64 timestamp at the start of a cosignature; rejects values above MAX_SAFE_INTEGER. */
export function readCosignatureTime(signature: Uint8Array): number {
  if (signature.length < TIMESTAMP_SIZE) fail(VerificationCode.BAD_COSIGNATURE, 'cosignature too short');
  const view = new DataView(signature.buffer, signature.byteOffset, TIMESTAMP_SIZE);
  const hi = view.getUint32(0);
  if (hi > 0x1fffff) fail(VerificationCode.BAD_COSIGNATURE, 'cosignature timestamp exceeds Number.MAX_SAFE_INTEGER');
  return hi * 0x1_0000_0000 + view.getUint32(4);
}

function makeVerifier(crypto: LedgerCrypto, name: string, keyId: number, publicKey: Uint8Array): CosignatureVerifier {
  const verifyTimestamped = (body: Uint8Array, signature: Uint8Array): number => {
    const id = `${name}+${formatKeyId(keyId)}`;
    if (signature.length !== TIMESTAMP_SIZE + ED25519_SIG_SIZE) fail(VerificationCode.BAD_COSIGNATURE, `cosignature from ${id} has the wrong length`);
    const time = readCosignatureTime(signature);
    const ok = crypto.ed25519Verify(publicKey, cosignatureMessage(body, time), signature.subarray(TIMESTAMP_SIZE));
    if (!ok) fail(VerificationCode.BAD_COSIGNATURE, `invalid cosignature from ${id}`);
    return time;
  };
  return {
    name,
    keyId,
    type: SIG_TYPE_COSIGNATURE_V1,
    publicKey,
    verifyTimestamped,
    verify: (body, signature) => verifyTimestamped(body, signature) >= 0,
  };
}

/** Parses a cosigner verifier key `<name>+<keyid>+base64(0x04 || pubkey)`. */
export function parseCosignerVerifierKey(crypto: LedgerCrypto, vkey: string): CosignatureVerifier {
  const k = parseEd25519Key(crypto, decodeVerifierKeyString(vkey), SIG_TYPE_COSIGNATURE_V1, false);
  return makeVerifier(crypto, k.name, k.keyId, k.publicKey);
}

/** Parses a cosigner signer key `PRIVATE+KEY+<name>+<keyid>+base64(0x04 || seed)`. */
export function parseCosignerSignerKey(
  crypto: LedgerCrypto,
  skey: string,
  clock: () => number = () => Math.floor(Date.now() / 1000),
): CosignerSigner {
  const k = parseEd25519Key(crypto, decodeSignerKeyString(skey), SIG_TYPE_COSIGNATURE_V1, true);
  const seed = k.seed!;
  const signAt = (body: Uint8Array, timeSeconds: number): Uint8Array =>
    concat(uint64be(timeSeconds), crypto.ed25519Sign(seed, cosignatureMessage(body, timeSeconds)));
  return { name: k.name, keyId: k.keyId, publicKey: k.publicKey, signAt, sign: (body) => signAt(body, clock()) };
}

export function cosignerVerifierKeyFromSigner(crypto: LedgerCrypto, skey: string): string {
  const s = parseCosignerSignerKey(crypto, skey);
  return encodeVerifierKey(s.name, s.keyId, SIG_TYPE_COSIGNATURE_V1, s.publicKey);
}

/** Generates a fresh cosigner key pair (key ID computed with type 0x04). */
export function generateCosignerKey(crypto: LedgerCrypto, name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) fail(VerificationCode.BAD_KEY, 'invalid key name');
  const seed = crypto.randomBytes(32);
  const pub = crypto.ed25519PublicKey(seed);
  const id = computeKeyId(crypto, name, SIG_TYPE_COSIGNATURE_V1, pub);
  return {
    skey: encodeSignerKey(name, id, SIG_TYPE_COSIGNATURE_V1, seed),
    vkey: encodeVerifierKey(name, id, SIG_TYPE_COSIGNATURE_V1, pub),
  };
}

/**
 * Cosigns a checkpoint body (note text, final newline included) at
 * `timeSeconds`; returns the signature line to append to the checkpoint note.
 */
export function cosign(checkpointBody: string, signer: CosignerSigner, timeSeconds: number): string {
  parseCheckpoint(checkpointBody); // only well-formed checkpoints are cosigned
  checkTime(timeSeconds);
  return formatSignatureLine(signer.name, signer.keyId, signer.signAt(utf8(checkpointBody), timeSeconds));
}

/** The timestamp carried by a cosignature line (not verified). */
export function cosignatureTime(sig: NoteSignature): number {
  return readCosignatureTime(sig.signature);
}

export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  readonly time: number;
}

export interface QuorumResult {
  readonly checkpoint: Checkpoint;
  readonly text: string;
  readonly cosigners: Cosigner[];
}

/**
 * Opens a checkpoint note signed by the log and requires valid cosignatures
 * from at least `quorum` distinct witnesses (distinct public keys; repeated
 * lines from one witness count once). Any invalid signature from a known key
 * rejects the note (signed-note §Signatures).
 */
export function verifyQuorum(
  crypto: LedgerCrypto,
  note: string | Uint8Array,
  logVerifier: NoteVerifier | string,
  witnessVerifiers: readonly CosignatureVerifier[],
  quorum: number,
  options: { readonly origin?: string } = {},
): QuorumResult {
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnessVerifiers.length) {
    fail(VerificationCode.OUT_OF_RANGE, `quorum must be an integer from 0 to ${witnessVerifiers.length}`);
  }
  for (const w of witnessVerifiers) {
    if (w.type !== SIG_TYPE_COSIGNATURE_V1 || typeof w.verifyTimestamped !== 'function') {
      fail(VerificationCode.BAD_KEY, `witness ${String(w.name)} is not a cosignature verifier`);
    }
  }
  const log = typeof logVerifier === 'string' ? parseVerifierKey(crypto, logVerifier) : logVerifier;
  const opened = openCheckpoint(crypto, note, log, { ...options, verifiers: witnessVerifiers });
  const witnesses = new Set<NoteVerifier>(witnessVerifiers);
  witnesses.delete(log); // the log's own signature is never a cosignature
  const counted = new Set<string>();
  const cosigners: Cosigner[] = [];
  for (const sig of opened.note.sigs) {
    if (!witnesses.has(sig.verifier)) continue;
    const w = sig.verifier as CosignatureVerifier;
    const key = toHex(w.publicKey);
    if (counted.has(key)) continue;
    counted.add(key);
    cosigners.push({ name: sig.name, keyId: sig.keyId, time: readCosignatureTime(sig.signature) });
  }
  if (cosigners.length < quorum) {
    fail(VerificationCode.QUORUM_NOT_MET, `${cosigners.length} valid cosignatures of ${quorum} needed`);
  }
  return { checkpoint: opened.checkpoint, text: opened.note.text, cosigners };
}
