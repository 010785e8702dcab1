/**
 * What the ledger says about a file: the `evidence.lodged` entry, verified in
 * the browser (check-receipt.ts: inclusion proof, signed and cosigned
 * checkpoint, same type/org/time/subject), and the SHA-256 it records. An
 * open entry carries the hash in its body; a sealed one only a commitment,
 * which a disclosure (salt + body, checked against the commitment here)
 * opens. Pure: the caller fetches.
 */
import { fromBase64, fromUtf8 } from '../../../src/ledger/bytes.js';
import { nobleCrypto } from '../../../src/ledger/crypto-noble.js';
import { checkDisclosure } from '../../../src/ledger/entry.js';
import { parseReceipt } from '../../../src/ledger/receipt.js';
import { checkReceipt, type EntryCheck, type TrustedKeys } from '../verify/check-receipt.js';
import type { DisclosureProof, EvidenceSummary } from './api.js';

export type LedgerHash =
  /** The verified entry records this SHA-256 (open entry, or a sealed one opened by a valid disclosure). */
  | { readonly kind: 'recorded'; readonly sha256: string; readonly check: EntryCheck & { ok: true }; readonly via: 'open' | 'disclosure' }
  /** Verified, but sealed: the log holds a commitment only, no hash anyone can read. */
  | { readonly kind: 'sealed'; readonly check: EntryCheck & { ok: true } }
  /** The entry did not verify, or a disclosure does not open it. */
  | { readonly kind: 'failed'; readonly code: string; readonly reason: string };

export function ledgerHash(receipt: string, ev: EvidenceSummary, keys: TrustedKeys, disclosure?: DisclosureProof): LedgerHash {
  const check = checkReceipt(receipt, { index: ev.entry_index, type: 'evidence.lodged', org: ev.lodged_org, at: ev.lodged_at, subject: ev.id }, keys);
  if (!check.ok) return { kind: 'failed', code: check.code, reason: check.reason };
  // Verified above: these are the entry bytes the proof covers.
  const entry = JSON.parse(fromUtf8(parseReceipt(receipt).entry)) as { body?: { sha256?: unknown }; sealed?: string };
  if (entry.body) {
    const sha = entry.body.sha256;
    if (typeof sha !== 'string') return { kind: 'failed', code: 'NO_HASH', reason: 'the ledger entry names no sha256' };
    return { kind: 'recorded', sha256: sha, check, via: 'open' };
  }
  if (!disclosure) return { kind: 'sealed', check };
  let salt: Uint8Array;
  try {
    salt = fromBase64(disclosure.salt, 64);
  } catch {
    return { kind: 'failed', code: 'BAD_DISCLOSURE', reason: 'the disclosed salt is not base64' };
  }
  if (!checkDisclosure(nobleCrypto, entry.sealed ?? '', salt, disclosure.body)) {
    return { kind: 'failed', code: 'BAD_DISCLOSURE', reason: 'the disclosed body does not open the sealed ledger entry' };
  }
  const sha = disclosure.body.sha256;
  if (typeof sha !== 'string') return { kind: 'failed', code: 'NO_HASH', reason: 'the disclosed body names no sha256' };
  return { kind: 'recorded', sha256: sha, check, via: 'disclosure' };
}
