/**
 * C2SP signed-note v1.0.0 (https://c2sp.org/signed-note), matching the
 * behaviour of golang.org/x/mod/sumdb/note, plus the verifier/signer key
 * strings of that package (`<name>+<hex key ID>+<base64(type || key)>` and
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>`).
 *
 * Pure and browser-safe: Uint8Array only, crypto passed in as LedgerCrypto.
 */
import { concat, fromBase64, fromUtf8, toBase64, utf8 } from './bytes.js';
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode, VerificationError } from './errors.js';

/** Signature type byte for plain Ed25519 note signatures (§Ed25519 signatures). */
export const SIG_TYPE_ED25519 = 0x01;
/** Notes with more signature lines are rejected (§Format: MUST accept at least 16). */
export const MAX_NOTE_SIGNATURES = 16;
/** Upper bound on a whole note, checked before any parsing. */
export const MAX_NOTE_BYTES = 1 << 20;
/** Upper bound on one decoded signature blob (key ID + signature). */
const MAX_SIGNATURE_BYTES = 8192;
/** Upper bound on a key string and on its decoded key material. */
const MAX_KEY_STRING = 16384;
const MAX_KEY_BYTES = 8192;

const SIG_PREFIX = '\u2014 '; // em dash U+2014, space (§Format)
const NAME_SPACE = /\p{White_Space}/u; // Go unicode.IsSpace == Unicode White_Space
const LONE_SURROGATE = /\p{Cs}/u; // unpaired UTF-16 surrogate: not valid UTF-8
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/; // §Format: no ASCII control other than \n

/** Verifies signatures by one key. `verify` may throw a VerificationError of its own. */
export interface NoteVerifier {
  readonly name: string;
  /** uint32 key ID (big-endian first 4 bytes of the signature blob). */
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs note text with one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

/** One signature line: `— <name> base64(keyId || signature)`. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** The base64 text exactly as it appeared in the line. */
  readonly base64: string;
}

export interface VerifiedSignature extends NoteSignature {
  readonly verifier: NoteVerifier;
}

export interface ParsedNote {
  /** Note text including its final newline, excluding the separating blank line. */
  readonly text: string;
  readonly textBytes: Uint8Array;
  readonly signatures: NoteSignature[];
}

export interface OpenedNote {
  readonly text: string;
  /** Verified signatures, one per known key. */
  readonly sigs: VerifiedSignature[];
  /** Signatures from unknown keys (duplicates dropped). */
  readonly unverified: NoteSignature[];
}

/** §Format: non-empty, valid UTF-8, no Unicode spaces, no '+' (and no controls, which a note cannot hold). */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !name.includes('+') &&
    !NAME_SPACE.test(name) &&
    !LONE_SURROGATE.test(name) &&
    !CONTROL.test(name)
  );
}

function isKeyId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= 0xffffffff;
}

function readUint32(b: Uint8Array): number {
  return b[0]! * 0x1000000 + ((b[1]! << 16) | (b[2]! << 8) | b[3]!);
}

function uint32be(id: number): Uint8Array {
  return Uint8Array.of(id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff);
}

/** §Signatures: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function computeKeyId(crypto: LedgerCrypto, name: string, type: number, publicKey: Uint8Array): number {
  return readUint32(crypto.sha256(concat(utf8(name), Uint8Array.of(0x0a, type), publicKey)));
}

export function formatKeyId(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/** The decoded parts of a key string, not yet checked against the key ID. */
export interface KeyString {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly key: Uint8Array;
}

/** Strict base64 (bytes.ts) with failures reported under `code`. */
function decode64(text: string, maxBytes: number, code: VerificationCode, what: string): Uint8Array {
  try {
    return fromBase64(text, maxBytes);
  } catch (e) {
    if (e instanceof VerificationError) fail(code, `${what}: ${e.message}`);
    throw e;
  }
}

/** Splits `<name>+<hex>+<base64>` on its first two '+' only: the base64 may hold '+'. */
function splitKeyString(s: string, what: string): KeyString {
  const i = s.indexOf('+');
  const j = i < 0 ? -1 : s.indexOf('+', i + 1);
  if (j < 0) fail(VerificationCode.BAD_KEY, `${what} must be <name>+<keyid>+<key>`);
  const [name, hex, b64] = [s.slice(0, i), s.slice(i + 1, j), s.slice(j + 1)];
  if (!isValidKeyName(name)) fail(VerificationCode.BAD_KEY, 'invalid key name');
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) fail(VerificationCode.BAD_KEY, 'key ID must be 8 hex digits');
  const raw = decode64(b64, MAX_KEY_BYTES, VerificationCode.BAD_KEY, 'key material');
  if (raw.length < 2) fail(VerificationCode.BAD_KEY, 'key material too short');
  return { name, keyId: parseInt(hex, 16), type: raw[0]!, key: raw.subarray(1) };
}

export function decodeVerifierKeyString(vkey: string): KeyString {
  if (typeof vkey !== 'string' || vkey.length > MAX_KEY_STRING) fail(VerificationCode.BAD_KEY, 'verifier key too long');
  return splitKeyString(vkey, 'verifier key');
}

/** `PRIVATE+KEY+<name>+<hex>+<base64>`: split on the first four '+' only. */
export function decodeSignerKeyString(skey: string): KeyString {
  if (typeof skey !== 'string' || skey.length > MAX_KEY_STRING) fail(VerificationCode.BAD_KEY, 'signer key too long');
  if (!skey.startsWith('PRIVATE+KEY+')) fail(VerificationCode.BAD_KEY, 'signer key must start with PRIVATE+KEY+');
  return splitKeyString(skey.slice('PRIVATE+KEY+'.length), 'signer key');
}

export function encodeVerifierKey(name: string, keyId: number, type: number, publicKey: Uint8Array): string {
  return `${name}+${formatKeyId(keyId)}+${toBase64(concat(Uint8Array.of(type), publicKey))}`;
}

export function encodeSignerKey(name: string, keyId: number, type: number, seed: Uint8Array): string {
  return `PRIVATE+KEY+${name}+${formatKeyId(keyId)}+${toBase64(concat(Uint8Array.of(type), seed))}`;
}

/**
 * Ed25519 key pair of a given signature type (0x01 here; 0x04 for tlog-cosignature).
 * Checks type, key length and that the stated key ID is the computed one.
 */
export function parseEd25519Key(crypto: LedgerCrypto, parts: KeyString, type: number, isSeed: boolean) {
  if (parts.type !== type) fail(VerificationCode.BAD_KEY, `unsupported signature type 0x${parts.type.toString(16)}`);
  if (parts.key.length !== 32) fail(VerificationCode.BAD_KEY, 'Ed25519 key must be 32 bytes');
  const seed = isSeed ? parts.key.slice() : undefined;
  const publicKey = seed ? crypto.ed25519PublicKey(seed) : parts.key.slice();
  if (computeKeyId(crypto, parts.name, type, publicKey) !== parts.keyId) fail(VerificationCode.BAD_KEY, 'key ID does not match key');
  return { name: parts.name, keyId: parts.keyId, publicKey, seed };
}

export interface Ed25519NoteVerifier extends NoteVerifier {
  readonly publicKey: Uint8Array;
}

export interface Ed25519NoteSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
}

/** Parses a verifier key (type 0x01) into a NoteVerifier. */
export function parseVerifierKey(crypto: LedgerCrypto, vkey: string): Ed25519NoteVerifier {
  const k = parseEd25519Key(crypto, decodeVerifierKeyString(vkey), SIG_TYPE_ED25519, false);
  const publicKey = k.publicKey;
  return {
    name: k.name,
    keyId: k.keyId,
    publicKey,
    verify: (message, signature) => signature.length === 64 && crypto.ed25519Verify(publicKey, message, signature),
  };
}

/** Parses a signer key (type 0x01) into a NoteSigner. */
export function parseSignerKey(crypto: LedgerCrypto, skey: string): Ed25519NoteSigner {
  const k = parseEd25519Key(crypto, decodeSignerKeyString(skey), SIG_TYPE_ED25519, true);
  const seed = k.seed!;
  return { name: k.name, keyId: k.keyId, publicKey: k.publicKey, sign: (message) => crypto.ed25519Sign(seed, message) };
}

/** Returns the verifier key matching a signer key (type 0x01). */
export function verifierKeyFromSigner(crypto: LedgerCrypto, skey: string): string {
  const s = parseSignerKey(crypto, skey);
  return encodeVerifierKey(s.name, s.keyId, SIG_TYPE_ED25519, s.publicKey);
}

/** Verifier key for a raw 32-byte Ed25519 public key (like Go's NewEd25519VerifierKey). */
export function ed25519VerifierKey(crypto: LedgerCrypto, name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) fail(VerificationCode.BAD_KEY, 'invalid key name');
  if (publicKey.length !== 32) fail(VerificationCode.BAD_KEY, 'Ed25519 public key must be 32 bytes');
  return encodeVerifierKey(name, computeKeyId(crypto, name, SIG_TYPE_ED25519, publicKey), SIG_TYPE_ED25519, publicKey);
}

/** Generates a fresh Ed25519 key pair, as strings. */
export function generateSignerKey(crypto: LedgerCrypto, name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) fail(VerificationCode.BAD_KEY, 'invalid key name');
  const seed = crypto.randomBytes(32);
  const pub = crypto.ed25519PublicKey(seed);
  const id = computeKeyId(crypto, name, SIG_TYPE_ED25519, pub);
  return { skey: encodeSignerKey(name, id, SIG_TYPE_ED25519, seed), vkey: encodeVerifierKey(name, id, SIG_TYPE_ED25519, pub) };
}

function malformed(message: string): never {
  fail(VerificationCode.MALFORMED_NOTE, message);
}

/** §Format: valid UTF-8 (no lone surrogates) and no control characters other than newline. */
function noteBytes(note: string | Uint8Array): Uint8Array {
  if (typeof note === 'string') {
    if (note.length > MAX_NOTE_BYTES) malformed('note too large');
    if (LONE_SURROGATE.test(note)) malformed('note is not valid UTF-8');
    note = utf8(note);
  } else if (!(note instanceof Uint8Array)) malformed('note must be a string or bytes');
  if (note.length > MAX_NOTE_BYTES) malformed('note too large');
  for (const b of note) if (b < 0x20 && b !== 0x0a) malformed('note contains a control character');
  try {
    fromUtf8(note);
  } catch {
    malformed('note is not valid UTF-8');
  }
  return note;
}

/** Parses one signature line (without its newline): `— <name> <base64>`. */
function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIG_PREFIX)) malformed('signature line must start with an em dash and a space');
  const rest = line.slice(SIG_PREFIX.length);
  const sp = rest.indexOf(' ');
  const name = sp < 0 ? rest : rest.slice(0, sp);
  const b64 = sp < 0 ? '' : rest.slice(sp + 1);
  if (!isValidKeyName(name)) malformed('invalid key name in signature line');
  if (b64 === '') malformed('missing signature in signature line');
  const blob = decode64(b64, MAX_SIGNATURE_BYTES, VerificationCode.MALFORMED_NOTE, 'signature line');
  if (blob.length < 5) malformed('signature shorter than key ID plus one byte');
  return { name, keyId: readUint32(blob), signature: blob.subarray(4), base64: b64 };
}

/** §Format: splits a note at its LAST blank line and parses the signature lines, verifying nothing. */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const bytes = noteBytes(note);
  let split = -1;
  for (let i = bytes.length - 2; i >= 0; i--) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) {
      split = i;
      break;
    }
  }
  if (split < 0) malformed('note has no blank line before signatures');
  const textBytes = bytes.subarray(0, split + 1);
  const sigBlock = fromUtf8(bytes.subarray(split + 2));
  if (sigBlock.length === 0 || !sigBlock.endsWith('\n')) malformed('note must end with newline-terminated signature lines');
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) malformed(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text: fromUtf8(textBytes), textBytes, signatures: lines.map(parseSignatureLine) };
}

/**
 * §Signatures: verifies a note against known keys (matched on name AND key ID).
 * Unknown keys are kept in `unverified`; a known key whose signature fails is
 * BAD_SIGNATURE; no verified signature at all is UNVERIFIED_NOTE. Every line
 * from a known key is verified (spec MUST), repeats are reported once.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    if (!isValidKeyName(v.name) || !isKeyId(v.keyId)) fail(VerificationCode.BAD_KEY, 'verifier has an invalid name or key ID');
    const k = `${v.name} ${v.keyId}`;
    const prev = known.get(k);
    if (prev && prev !== v) fail(VerificationCode.BAD_KEY, `ambiguous key ${v.name}+${formatKeyId(v.keyId)}`);
    known.set(k, v);
  }
  const parsed = parseNote(note);
  const sigs: VerifiedSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKeys = new Set<string>();
  const seenLines = new Set<string>();
  for (const sig of parsed.signatures) {
    const k = `${sig.name} ${sig.keyId}`;
    const v = known.get(k);
    if (!v) {
      const line = `${sig.name} ${sig.base64}`;
      if (!seenLines.has(line)) unverified.push(sig);
      seenLines.add(line);
      continue;
    }
    if (!v.verify(parsed.textBytes, sig.signature)) {
      fail(VerificationCode.BAD_SIGNATURE, `invalid signature for key ${sig.name}+${formatKeyId(sig.keyId)}`);
    }
    if (!seenKeys.has(k)) sigs.push({ ...sig, verifier: v });
    seenKeys.add(k);
  }
  if (sigs.length === 0) fail(VerificationCode.UNVERIFIED_NOTE, 'note has no verifiable signatures');
  return { text: parsed.text, sigs, unverified };
}

/** Formats one signature line, with its trailing newline. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  if (!isValidKeyName(name)) fail(VerificationCode.BAD_KEY, 'invalid key name');
  if (!isKeyId(keyId)) fail(VerificationCode.BAD_KEY, 'key ID must be a uint32');
  if (signature.length < 1 || signature.length + 4 > MAX_SIGNATURE_BYTES) malformed('signature length out of range');
  return `${SIG_PREFIX}${name} ${toBase64(concat(uint32be(keyId), signature))}\n`;
}

/** Signs `text` (which must end in a newline) with each signer; returns the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (typeof text !== 'string' || !text.endsWith('\n')) malformed('note text must end with a newline');
  const bytes = noteBytes(text);
  if (signers.length < 1 || signers.length > MAX_NOTE_SIGNATURES) malformed(`need 1 to ${MAX_NOTE_SIGNATURES} signers`);
  let out = text + '\n';
  for (const s of signers) out += formatSignatureLine(s.name, s.keyId, s.sign(bytes));
  return out;
}

/** Appends already-made signature lines (e.g. cosignatures) to a note, skipping exact repeats. */
export function appendSignatureLines(note: string, lines: readonly string[]): string {
  const parsed = parseNote(note);
  const have = new Set(parsed.signatures.map((s) => `${s.name} ${s.base64}`));
  let out = note;
  let count = parsed.signatures.length;
  for (const line of lines) {
    if (typeof line !== 'string' || !line.endsWith('\n') || line.indexOf('\n') !== line.length - 1) {
      malformed('a signature line must be one newline-terminated line');
    }
    const sig = parseSignatureLine(line.slice(0, -1));
    const k = `${sig.name} ${sig.base64}`;
    if (have.has(k)) continue;
    have.add(k);
    if (++count > MAX_NOTE_SIGNATURES) malformed(`note would have more than ${MAX_NOTE_SIGNATURES} signatures`);
    out += line;
  }
  noteBytes(out);
  return out;
}
