/**
 * Which logs the witness serves. C2SP tlog-witness §Introduction: "Each
 * witness is configured with a list of supported log public keys", and each
 * log is "uniquely identified by its origin line". A log is given as
 *
 *   <vkey>[@<tiles-url>]
 *
 * (on the command line as `--log`, or one per line in a logs file, `#`
 * comments allowed). The origin is the key name (tlog-checkpoint
 * §Signatures: the key name SHOULD be the origin) unless given explicitly.
 * The optional URL is the log's C2SP tlog-tiles prefix (`<url>checkpoint`,
 * `<url>tile/…`), used to check consistency between checkpoints of
 * different sizes and to watch the log's published checkpoint for rollback.
 */
import type { LedgerCrypto } from '../ledger/crypto.js';
import { VerificationError } from '../ledger/errors.js';
import { parseVerifierKey, type Ed25519NoteVerifier } from '../ledger/note.js';
import { WitnessCode, WitnessError } from './errors.js';

export interface LogConfig {
  /** The log's Ed25519 signed-note verifier key (type 0x01). */
  readonly vkey: string;
  /** Checkpoint origin line; default: the key name. */
  readonly origin?: string;
  /** C2SP tlog-tiles URL prefix of the log (http or https). */
  readonly url?: string;
}

export interface KnownLog {
  readonly origin: string;
  /** Every key trusted for this origin (several while a key rotates). */
  readonly verifiers: readonly Ed25519NoteVerifier[];
  /** The tiles prefix, ending in '/', if configured. */
  readonly url?: string;
}

function bad(message: string): never {
  throw new WitnessError(WitnessCode.BAD_CONFIG, message);
}

/** An http(s) URL, normalised to end with '/' so that relative paths append to it. */
export function normaliseUrl(text: string, what: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    bad(`${what} ${JSON.stringify(text.slice(0, 200))} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') bad(`${what} must be an http or https URL`);
  if (u.search || u.hash) bad(`${what} must not have a query or fragment`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/**
 * Parses `<vkey>[@<url>]`. A key name may contain '@' but the base64 key
 * material after the second '+' cannot, so the URL starts at the first '@'
 * after that.
 */
export function parseLogSpec(spec: string): LogConfig {
  const s = spec.trim();
  const i = s.indexOf('+');
  const j = i < 0 ? -1 : s.indexOf('+', i + 1);
  if (j < 0) bad(`log ${JSON.stringify(s.slice(0, 200))} must be <name>+<keyid>+<key>[@<tiles-url>]`);
  const at = s.indexOf('@', j);
  if (at < 0) return { vkey: s };
  return { vkey: s.slice(0, at), url: normaliseUrl(s.slice(at + 1), 'log URL') };
}

/** A logs file: one `<vkey>[@<url>]` per line; blank lines and `#` comments ignored. */
export function parseLogsFile(text: string): LogConfig[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l.length > 0)
    .map(parseLogSpec);
}

/** Groups configured logs by origin, parsing and checking every key. */
export function knownLogs(crypto: LedgerCrypto, configs: ReadonlyArray<string | LogConfig>): Map<string, KnownLog> {
  const out = new Map<string, { origin: string; verifiers: Ed25519NoteVerifier[]; url?: string }>();
  for (const c of configs) {
    const cfg = typeof c === 'string' ? parseLogSpec(c) : c;
    let verifier: Ed25519NoteVerifier;
    try {
      verifier = parseVerifierKey(crypto, cfg.vkey);
    } catch (e) {
      if (e instanceof VerificationError) bad(`log key ${JSON.stringify(cfg.vkey.slice(0, 200))}: ${e.message}`);
      throw e;
    }
    const origin = cfg.origin ?? verifier.name;
    if (origin.length === 0 || /[\u0000-\u001f]/.test(origin)) bad('a log origin must be one non-empty line');
    const url = cfg.url === undefined ? undefined : normaliseUrl(cfg.url, 'log URL');
    const log = out.get(origin) ?? { origin, verifiers: [] };
    if (log.verifiers.some((v) => v.name === verifier.name && v.keyId === verifier.keyId)) {
      bad(`log key ${verifier.name} with key ID ${verifier.keyId.toString(16)} is configured twice for ${origin}`);
    }
    log.verifiers.push(verifier);
    if (url && log.url && url !== log.url) bad(`log ${origin} has two different URLs`);
    if (url) log.url = url;
    out.set(origin, log);
  }
  if (out.size === 0) bad('no logs configured: give at least one --log <vkey>');
  return out;
}
