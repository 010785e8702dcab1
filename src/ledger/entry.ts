/**
 * The Annex ledger entry: a signed JSON envelope, stored and hashed as its
 * RFC 8785 (JCS) canonical bytes.
 *
 *   { "at":"2025-10-30T12:00:00.000Z", "body":{…}, "org":"PAK", "sig":"<base64>",
 *     "subject":"INC-2025-0042", "type":"incident.filed", "user":"u-123", "v":1 }
 *
 * `sig` is the org's Ed25519 signature (RFC 8032 §5.1.6) over the canonical
 * bytes of the same envelope without the "sig" member. A sealed entry carries
 * `"sealed": hex(SHA-256(salt || JCS(body)))` instead of "body": a commitment
 * made now that a later disclosure of (salt, body) can be checked against.
 * A sealed entry may name its audience in `"vis"` (Annex: "mediators" or
 * "parties"), so who may read the body is signed too, not a database column
 * an operator could widen. Open entries have no "vis": their body is public.
 *
 * The entry bytes are the public contract. Accepting only canonical bytes,
 * strict base64 and strictly verified (non-malleable, RFC 8032 §5.1.7)
 * signatures means every logical entry has exactly one byte encoding, so one
 * leaf hash. Browser-safe: Uint8Array only, crypto passed in.
 */
import { fromBase64, toBase64, toHex } from './bytes.js';
import { canonicalBytes, parseCanonical, type JsonObject } from './canonical-json.js';
import type { LedgerCrypto } from './crypto.js';
import { fail, VerificationCode, VerificationError } from './errors.js';

/**
 * Largest entry in bytes. C2SP tlog-tiles entry bundles prefix each entry
 * with a big-endian uint16 length, so nothing larger can be published.
 */
export const MAX_ENTRY_BYTES = 65535;
/** Salt length for sealed bodies. Fixed, so salt || body splits one way only. */
export const SEAL_SALT_BYTES = 32;
/** Longest `user` / `subject` / `type`, in UTF-16 code units. */
export const MAX_FIELD_LENGTH = 256;

/** The members every envelope has. */
export interface EnvelopeFields {
  v: 1;
  /** Dotted lowercase event type, e.g. "incident.filed": /^[a-z]+(\.[a-z_]+)+$/. */
  type: string;
  /** RFC 3339 §5.6 date-time, UTC, exactly milliseconds: "2025-10-30T12:00:00.000Z". */
  at: string;
  /** Signing organisation: /^[A-Z0-9_-]{2,32}$/. */
  org: string;
  /** Who in the org made the entry (opaque id, 1..256 chars, no controls). */
  user: string;
  /** What the entry is about, e.g. an incident number (opaque id, 1..256 chars, no controls). */
  subject: string;
}

/** An envelope whose body is public. */
export interface OpenEnvelope extends EnvelopeFields {
  body: JsonObject;
  sealed?: never;
  vis?: never;
}

/** An envelope that only commits to its body (see sealBody). */
export interface SealedEnvelope extends EnvelopeFields {
  /** 64 lowercase hex digits of SHA-256(salt || JCS(body)). */
  sealed: string;
  /** Who may read the sealed body: a lowercase name, e.g. "mediators". Optional in the format; Annex always writes it. */
  vis?: string;
  body?: never;
}

/** An envelope before signing: exactly one of `body` and `sealed`. */
export type UnsignedEntry = OpenEnvelope | SealedEnvelope;

/** A signed entry: `sig` is standard base64 (RFC 4648 §4) of a 64-byte Ed25519 signature. */
export type LedgerEntry = UnsignedEntry & { sig: string };

const TYPE_RE = /^[a-z]+(\.[a-z_]+)+$/;
const AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ORG_RE = /^[A-Z0-9_-]{2,32}$/;
const SEALED_RE = /^[0-9a-f]{64}$/;
// C0 controls, DEL and C1 controls: never meaningful in an id, and a way to
// smuggle terminal escapes into whoever displays the ledger.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const KNOWN_KEYS = new Set(['v', 'type', 'at', 'org', 'user', 'subject', 'body', 'sealed', 'vis', 'sig']);
const VIS_RE = /^[a-z][a-z_]{0,31}$/;

function bad(message: string): never {
  fail(VerificationCode.BAD_ENTRY, message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkId(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
    bad(`"${name}" must be a string of 1..${MAX_FIELD_LENGTH} characters`);
  }
  if (CONTROL_RE.test(value)) bad(`"${name}" contains a control character`);
}

/**
 * Check the envelope's shape (everything but the signature's validity).
 * `signed` says whether "sig" must be present (true) or absent (false).
 * Body contents are not inspected here beyond being a JSON object; they are
 * canonicalised (so checked for I-JSON) whenever the envelope is serialised.
 */
function checkShape(value: unknown, signed: boolean): void {
  if (!isPlainObject(value)) bad('entry is not a JSON object');
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) bad(`unknown member "${key.length <= 40 ? key : key.slice(0, 40) + '…'}"`);
  }
  if (value.v !== 1) bad('"v" must be 1');
  const { type, at, org } = value;
  if (typeof type !== 'string' || type.length > MAX_FIELD_LENGTH || !TYPE_RE.test(type)) {
    bad('"type" must match /^[a-z]+(\\.[a-z_]+)+$/');
  }
  if (typeof at !== 'string' || !AT_RE.test(at)) bad('"at" must be an RFC 3339 UTC time with milliseconds, e.g. 2025-10-30T12:00:00.000Z');
  // Round-trip through Date to reject impossible times (02-30, 24:00, :60);
  // JS clocks never produce leap seconds, so neither do Annex writers.
  const ms = Date.parse(at);
  if (!Number.isFinite(ms) || new Date(ms).toISOString() !== at) bad(`"at" is not a valid date-time: ${at}`);
  if (typeof org !== 'string' || !ORG_RE.test(org)) bad('"org" must match /^[A-Z0-9_-]{2,32}$/');
  checkId(value.user, 'user');
  checkId(value.subject, 'subject');
  const hasBody = Object.hasOwn(value, 'body');
  const hasSealed = Object.hasOwn(value, 'sealed');
  if (hasBody === hasSealed) bad('entry must have exactly one of "body" and "sealed"');
  if (hasBody && !isPlainObject(value.body)) bad('"body" must be a JSON object');
  if (hasSealed && (typeof value.sealed !== 'string' || !SEALED_RE.test(value.sealed))) {
    bad('"sealed" must be 64 lowercase hex digits');
  }
  if (Object.hasOwn(value, 'vis')) {
    if (!hasSealed) bad('"vis" names the audience of a sealed body; an open entry has none');
    if (typeof value.vis !== 'string' || !VIS_RE.test(value.vis)) bad('"vis" must match /^[a-z][a-z_]{0,31}$/');
  }
  if (!signed) {
    if (Object.hasOwn(value, 'sig')) bad('unsigned entry already has "sig"');
    return;
  }
  if (typeof value.sig !== 'string') bad('"sig" must be a base64 string');
  decodeSig(value.sig);
}

function decodeSig(sig: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(sig, 64);
  } catch (e) {
    bad(`"sig" is not strict base64: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bytes.length !== 64) bad(`"sig" must decode to 64 bytes, got ${bytes.length}`);
  return bytes;
}

/** The envelope without "sig", as a fresh object (callers' objects are never mutated). */
function withoutSig(entry: LedgerEntry): UnsignedEntry {
  const { sig: _sig, ...rest } = entry;
  return rest as UnsignedEntry;
}

/** The exact bytes the org signs: JCS of the envelope without "sig". */
export function signingBytes(entry: UnsignedEntry | LedgerEntry): Uint8Array {
  return canonicalBytes(Object.hasOwn(entry, 'sig') ? withoutSig(entry as LedgerEntry) : entry);
}

/**
 * Sign `unsigned` with the org's 32-byte Ed25519 seed. Returns the signed
 * entry (re-parsed from the bytes, so it is a private copy that matches them
 * exactly) and its canonical bytes. Throws BAD_ENTRY for a malformed envelope,
 * BAD_JSON for a body that is not I-JSON, BAD_KEY for a bad seed.
 */
export function signEntry(
  crypto: LedgerCrypto,
  unsigned: UnsignedEntry,
  orgSeed: Uint8Array,
): { entry: LedgerEntry; bytes: Uint8Array } {
  checkShape(unsigned, false);
  if (!(orgSeed instanceof Uint8Array) || orgSeed.length !== 32) {
    fail(VerificationCode.BAD_KEY, 'Ed25519 seed must be 32 bytes (RFC 8032 §5.1.5)');
  }
  const sig = crypto.ed25519Sign(orgSeed, canonicalBytes(unsigned));
  const bytes = canonicalBytes({ ...unsigned, sig: toBase64(sig) });
  if (bytes.length > MAX_ENTRY_BYTES) bad(`entry is ${bytes.length} bytes, limit is ${MAX_ENTRY_BYTES}`);
  const entry = parseCanonical(bytes, MAX_ENTRY_BYTES);
  checkShape(entry, true);
  return { entry: entry as unknown as LedgerEntry, bytes };
}

/**
 * Verify entry bytes from an untrusted source and return the parsed entry.
 * Checks, in order: canonical form (RFC 8785; BAD_ENTRY wrapping the JSON
 * problem), envelope shape (BAD_ENTRY), that the org has a known key
 * (BAD_SIGNATURE), and the Ed25519 signature over the envelope without "sig"
 * (BAD_SIGNATURE). `lookup` maps an org id to its 32-byte public key.
 */
export function verifyEntry(
  crypto: LedgerCrypto,
  bytes: Uint8Array,
  lookup: (org: string) => Uint8Array | undefined,
): LedgerEntry {
  if (bytes instanceof Uint8Array && bytes.length > MAX_ENTRY_BYTES) {
    bad(`entry is ${bytes.length} bytes, limit is ${MAX_ENTRY_BYTES}`);
  }
  let value: unknown;
  try {
    value = parseCanonical(bytes, MAX_ENTRY_BYTES);
  } catch (e) {
    if (e instanceof VerificationError) bad(`entry is not canonical JSON: ${e.message}`);
    throw e;
  }
  checkShape(value, true);
  const entry = value as LedgerEntry;
  const publicKey = lookup(entry.org);
  if (publicKey === undefined) fail(VerificationCode.BAD_SIGNATURE, `unknown org "${entry.org}": no public key`);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    fail(VerificationCode.BAD_KEY, `public key for org "${entry.org}" is not 32 bytes`);
  }
  const ok = crypto.ed25519Verify(publicKey, signingBytes(entry), decodeSig(entry.sig));
  if (!ok) fail(VerificationCode.BAD_SIGNATURE, `signature by org "${entry.org}" does not verify`);
  return entry;
}

/**
 * Commit to `body` without revealing it: sealed = hex(SHA-256(salt || JCS(body)))
 * with a fresh 32-byte random salt, so the commitment hides low-entropy bodies.
 * Keep the salt secret until disclosure. Throws BAD_ENTRY / BAD_JSON.
 */
export function sealBody(crypto: LedgerCrypto, body: JsonObject): { sealed: string; salt: Uint8Array } {
  if (!isPlainObject(body)) bad('sealed body must be a JSON object');
  const salt = crypto.randomBytes(SEAL_SALT_BYTES);
  if (salt.length !== SEAL_SALT_BYTES) fail(VerificationCode.OUT_OF_RANGE, 'randomBytes returned the wrong length');
  return { sealed: sealWith(crypto, salt, body), salt };
}

function sealWith(crypto: LedgerCrypto, salt: Uint8Array, body: JsonObject): string {
  const data = canonicalBytes(body);
  const buf = new Uint8Array(salt.length + data.length);
  buf.set(salt, 0);
  buf.set(data, salt.length);
  return toHex(crypto.sha256(buf));
}

/**
 * Does the disclosed (salt, body) open the commitment `sealed`? Never throws
 * for malformed untrusted input: a wrong-length salt, a malformed `sealed`,
 * or a body that is not an I-JSON object simply give false.
 */
export function checkDisclosure(crypto: LedgerCrypto, sealed: string, salt: Uint8Array, body: unknown): boolean {
  if (typeof sealed !== 'string' || !SEALED_RE.test(sealed)) return false;
  if (!(salt instanceof Uint8Array) || salt.length !== SEAL_SALT_BYTES) return false;
  if (!isPlainObject(body)) return false;
  try {
    return sealWith(crypto, salt, body as JsonObject) === sealed;
  } catch (e) {
    if (e instanceof VerificationError) return false;
    throw e;
  }
}

/**
 * The Merkle leaf data for an entry: just its canonical bytes, the same bytes
 * verifyEntry accepts. The leaf hash is SHA-256(0x00 || these bytes)
 * (RFC 9162 §2.1.1), computed by the tree code, not here. Checks the shape
 * (BAD_ENTRY) but not the signature.
 */
export function entryLeafData(entry: LedgerEntry): Uint8Array {
  checkShape(entry, true);
  return canonicalBytes(entry);
}
