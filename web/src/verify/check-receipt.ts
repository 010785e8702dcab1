/**
 * Verifies one ledger entry in the browser with the ledger's own code
 * (src/ledger/receipt.ts verifyReceipt, @noble crypto): the receipt's
 * inclusion proof (RFC 9162 §2.1.3.2) against a checkpoint signed by the log
 * key and cosigned by the witness keys (C2SP tlog-checkpoint,
 * tlog-cosignature), then that the entry it proves is the one the page shows
 * (same type, organisation, time, subject and, for an open body, the same
 * body). Pure: the caller fetches; nothing here trusts the server.
 */
import { canonicalBytes, type JsonObject } from '../../../src/ledger/canonical-json.js';
import { equal, toHex, utf8 } from '../../../src/ledger/bytes.js';
import { nobleCrypto } from '../../../src/ledger/crypto-noble.js';
import { VerificationError } from '../../../src/ledger/errors.js';
import { verifyReceipt } from '../../../src/ledger/receipt.js';

export interface TrustedKeys {
  /** The log's verifier key (C2SP signed-note key string). */
  readonly logVkey: string;
  /** Witness cosigner verifier keys. */
  readonly witnessVkeys: readonly string[];
  /** Valid cosignatures required (0..witnessVkeys.length). */
  readonly quorum: number;
}

/** What the page claims about the entry, to be compared with the verified entry. */
export interface ShownEntry {
  readonly index: number;
  readonly type: string;
  readonly org: string;
  readonly at: string;
  readonly subject?: string;
  readonly body?: Record<string, unknown>;
}

export type EntryCheck =
  | { readonly ok: true; readonly index: number; readonly size: number; readonly cosigners: readonly string[] }
  | { readonly ok: false; readonly index: number; readonly code: string; readonly reason: string };

function failed(index: number, code: string, reason: string): EntryCheck {
  return { ok: false, index, code, reason };
}

export function checkReceipt(receipt: string, shown: ShownEntry, keys: TrustedKeys): EntryCheck {
  let v;
  try {
    v = verifyReceipt(nobleCrypto, receipt, { logVkey: keys.logVkey, witnessVkeys: keys.witnessVkeys, quorum: keys.quorum });
  } catch (e) {
    if (e instanceof VerificationError) return failed(shown.index, e.code, e.message);
    return failed(shown.index, 'ERROR', e instanceof Error ? e.message : String(e));
  }
  if (v.index !== shown.index) return failed(shown.index, 'WRONG_ENTRY', `the receipt proves entry ${v.index}, not ${shown.index}`);
  const e = v.entry;
  for (const field of ['type', 'org', 'at'] as const) {
    if (e[field] !== shown[field]) {
      return failed(shown.index, 'WRONG_ENTRY', `the page shows ${field} ${JSON.stringify(shown[field])}, the ledger entry says ${JSON.stringify(e[field])}`);
    }
  }
  if (shown.subject !== undefined && e.subject !== shown.subject) {
    return failed(shown.index, 'WRONG_ENTRY', `the ledger entry is about ${e.subject}, not ${shown.subject}`);
  }
  if (e.body !== undefined && shown.body !== undefined && !equal(canonicalBytes(e.body), canonicalBytes(shown.body as JsonObject))) {
    return failed(shown.index, 'WRONG_ENTRY', 'the page shows a body that differs from the signed ledger entry');
  }
  return { ok: true, index: v.index, size: v.checkpoint.size, cosigners: v.cosigners.map((c) => c.name) };
}

/** A key's fingerprint to compare by eye: SHA-256 of the key string, first 16 bytes, in groups of four hex digits. */
export function fingerprint(vkey: string): string {
  return toHex(nobleCrypto.sha256(utf8(vkey)).subarray(0, 16)).replace(/(.{4})(?!$)/g, '$1 ');
}
