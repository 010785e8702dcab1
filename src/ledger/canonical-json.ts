/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Ledger entries are hashed and signed as their JCS bytes, so this serialiser
 * is part of Annex's public contract: its output for a given value must never
 * change. It accepts only the I-JSON data model (RFC 7493, as RFC 8785 §3.1
 * requires) built from plain JavaScript values, and throws BAD_JSON otherwise.
 *
 * Browser-safe: no Buffer, no node: imports.
 */
import { equal, fromUtf8, utf8 } from './bytes.js';
import { fail, VerificationCode } from './errors.js';

/** A value in the JSON data model that canonicalize() accepts. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Maximum nesting of arrays/objects (the top-level container counts as 1).
 * Bounds recursion on hostile input; ledger envelopes need only a few levels.
 */
export const MAX_DEPTH = 64;

/** Default size limit for parseCanonical (1 MiB). */
export const DEFAULT_MAX_JSON_BYTES = 1 << 20;

/** RFC 8785 canonical JSON text of `value`. Throws BAD_JSON if it is not I-JSON. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, out, []);
  return out.join('');
}

/** UTF-8 encoding of canonicalize(value): the bytes that get hashed and signed (RFC 8785 §3.2.4). */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalize(value));
}

/** Where in the value we are, as array indices and member names; formatted only on failure. */
type Path = (string | number)[];

function where(path: Path): string {
  let s = '$';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += '.' + (p.length <= 40 ? p : p.slice(0, 40) + '…');
  }
  return s;
}

function write(value: unknown, out: string[], path: Path): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'string':
      out.push(serializeString(value, path));
      return;
    case 'object':
      break;
    default:
      // undefined, function, symbol, bigint: not in the JSON data model.
      fail(VerificationCode.BAD_JSON, `${where(path)}: ${typeof value} is not a JSON value`);
  }
  // path.length is the number of containers around this one.
  if (path.length >= MAX_DEPTH) fail(VerificationCode.BAD_JSON, `${where(path)}: nesting deeper than ${MAX_DEPTH}`);
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) fail(VerificationCode.BAD_JSON, `${where(path)}: not a plain array`);
    // Arrays keep their element order (RFC 8785 §3.2.1). Holes read as
    // undefined and are rejected like any other undefined element.
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      path.push(i);
      write(value[i], out, path);
      path.pop();
    }
    out.push(']');
    return;
  }
  // Only plain objects: Date, Map, Uint8Array, class instances... have no
  // single obvious JSON form, so guessing one would make signatures fragile.
  // (No toJSON() either: a member holding a function is rejected.)
  if (proto !== Object.prototype && proto !== null) {
    fail(VerificationCode.BAD_JSON, `${where(path)}: not a plain object`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    fail(VerificationCode.BAD_JSON, `${where(path)}: object has symbol keys`);
  }
  const record = value as Record<string, unknown>;
  // RFC 8785 §3.2.3: sort property names by their UTF-16 code units. JS string
  // comparison is exactly that (not code points, not locale collation).
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0) out.push(',');
    path.push(key);
    out.push(serializeString(key, path), ':');
    write(record[key], out, path);
    path.pop();
  }
  out.push('}');
}

/**
 * RFC 8785 §3.2.2.3: numbers are IEEE 754 doubles serialised exactly as
 * ECMAScript Number.prototype.toString does (ECMA-262 Number::toString, the
 * shortest round-tripping digits), which String(n) is. NaN and ±Infinity are
 * not JSON and are rejected; -0 serialises as "0".
 */
function serializeNumber(n: number, path: Path): string {
  if (!Number.isFinite(n)) fail(VerificationCode.BAD_JSON, `${where(path)}: ${String(n)} is not a JSON number`);
  if (n === 0) return '0'; // covers -0
  return String(n);
}

/**
 * RFC 8785 §3.2.2.2: a string is written between '"' with only the escapes
 * JSON requires: \" and \\, the two-character forms \b \t \n \f \r, and
 * \u00xx (lowercase hex) for the remaining controls U+0000..U+001F. Nothing
 * else is escaped: not '/', not DEL, not non-ASCII (emitted as UTF-8).
 * Lone surrogates cannot be encoded as UTF-8 and are outside I-JSON
 * (RFC 7493 §2.1), so they are rejected.
 */
function serializeString(s: string, path: Path): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escape: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      escape = SHORT_ESCAPES[c] ?? '\\u00' + (c < 0x10 ? '0' : '') + c.toString(16);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid surrogate pair: copied through unchanged
        continue;
      }
      fail(VerificationCode.BAD_JSON, `${where(path)}: lone surrogate U+${c.toString(16).toUpperCase()} at index ${i}`);
    }
    if (escape !== undefined) {
      out += s.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/**
 * Parse bytes that must already be canonical JSON: strict UTF-8 (no BOM, no
 * invalid sequences), valid JSON, nesting within MAX_DEPTH, and byte-for-byte
 * equal to the canonical form of the parsed value. This is what makes the
 * ledger's bytes unique: whitespace, key order, duplicate keys, number
 * spellings (1.0, 1e2) and optional escapes (\/, \u0041) are all rejected.
 * `maxBytes` bounds the input before any decoding. Throws BAD_JSON.
 */
export function parseCanonical(bytes: Uint8Array, maxBytes = DEFAULT_MAX_JSON_BYTES): JsonValue {
  if (!(bytes instanceof Uint8Array)) fail(VerificationCode.BAD_JSON, 'canonical JSON input must be a Uint8Array');
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) fail(VerificationCode.OUT_OF_RANGE, 'maxBytes must be a non-negative integer');
  if (bytes.length > maxBytes) fail(VerificationCode.BAD_JSON, `JSON is ${bytes.length} bytes, limit is ${maxBytes}`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // TextDecoder would silently drop it; RFC 8259 §8.1 forbids sending one.
    fail(VerificationCode.BAD_JSON, 'JSON starts with a byte order mark');
  }
  checkNesting(bytes);
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    fail(VerificationCode.BAD_JSON, 'JSON is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    fail(VerificationCode.BAD_JSON, `JSON does not parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  const canonical = canonicalize(value);
  // Strict UTF-8 decoding is one-to-one once a BOM is excluded; the byte
  // comparison is a second, independent guard on the same property.
  if (canonical !== text || !equal(utf8(canonical), bytes)) {
    fail(VerificationCode.BAD_JSON, `JSON is not in RFC 8785 canonical form (first difference at offset ${firstDifference(canonical, text)})`);
  }
  return value as JsonValue;
}

/**
 * Reject nesting deeper than MAX_DEPTH before JSON.parse sees the text, so a
 * hostile "[[[[…" cannot exhaust the stack of a recursive parser in some
 * engine. Brackets inside strings are skipped; anything else malformed is
 * left for JSON.parse to report.
 */
function checkNesting(bytes: Uint8Array): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c) i++; // skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x5b || b === 0x7b) {
      if (++depth > MAX_DEPTH) fail(VerificationCode.BAD_JSON, `JSON nesting deeper than ${MAX_DEPTH}`);
    } else if (b === 0x5d || b === 0x7d) {
      depth--;
    }
  }
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}
