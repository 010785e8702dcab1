/**
 * Organisation keys, learned from the log itself: an `org.registered` entry
 * carries the organisation's C2SP signed-note verifier key
 * (https://c2sp.org/signed-note, `<name>+<key id>+<base64(0x01 || key)>`).
 * Entry 0 is the genesis: the first organisation registering itself, signed
 * by the key it registers (trust on first use, so the report prints that key
 * for an auditor to pin with --genesis-vkey). Every later entry must be
 * signed by an organisation an earlier entry registered.
 */
import type { JsonObject } from '../ledger/canonical-json.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { formatKeyId, parseVerifierKey, type Ed25519NoteVerifier } from '../ledger/note.js';
import type { GenesisInfo } from './report.js';

export interface OrgKey {
  verifier: Ed25519NoteVerifier;
  vkey: string;
  /** The entry that registered it. */
  idx: number;
}

/** The registration an `org.registered` body makes, if it looks like one (the applier checks it fully). */
export function registrationIn(type: string, body: JsonObject | undefined): { id: string; vkey: string } | undefined {
  if (type !== 'org.registered' || !body) return undefined;
  const { id, vkey } = body;
  return typeof id === 'string' && typeof vkey === 'string' ? { id, vkey } : undefined;
}

export class OrgKeys {
  private readonly keys = new Map<string, OrgKey>();
  genesis: GenesisInfo | null = null;

  constructor(private readonly crypto: LedgerCrypto) {}

  /** Parses a verifier key; throws VerificationError (BAD_KEY) when it is not an Ed25519 one. */
  parse(vkey: string): Ed25519NoteVerifier {
    return parseVerifierKey(this.crypto, vkey);
  }

  /** The 32-byte public key an entry by `org` must verify under, if an earlier entry registered one. */
  readonly lookup = (org: string): Uint8Array | undefined => this.keys.get(org)?.verifier.publicKey;

  get(org: string): OrgKey | undefined {
    return this.keys.get(org);
  }

  /** Record a registration that verified and applied. The first one is the genesis. */
  register(org: string, vkey: string, verifier: Ed25519NoteVerifier, idx: number): void {
    this.keys.set(org, { verifier, vkey, idx });
    if (this.genesis === null && idx === 0) this.genesis = { org, vkey, keyId: formatKeyId(verifier.keyId) };
  }
}

/** Are two verifier keys the same key (name, key ID and public key)? */
export function sameKey(a: Ed25519NoteVerifier, b: Ed25519NoteVerifier): boolean {
  if (a.name !== b.name || a.keyId !== b.keyId || a.publicKey.length !== b.publicKey.length) return false;
  return a.publicKey.every((x, i) => x === b.publicKey[i]);
}
