/**
 * The keys verification trusts from outside the store: the log's checkpoint
 * verifier key (given, or derived from `<keys>/log.skey`, which
 * src/store/keys.ts writes) and an optional pinned genesis key. Both are
 * C2SP signed-note Ed25519 verifier keys (https://c2sp.org/signed-note).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { parseVerifierKey, verifierKeyFromSigner, type Ed25519NoteVerifier } from '../ledger/note.js';
import { VerifySetupError } from './errors.js';

function parse(crypto: LedgerCrypto, vkey: string, what: string): Ed25519NoteVerifier {
  try {
    return parseVerifierKey(crypto, vkey.trim());
  } catch (e) {
    throw new VerifySetupError(`${what} is not an Ed25519 verifier key: ${(e as Error).message}`);
  }
}

/**
 * The log verifier: `logVkey` when given, else the one matching
 * `<keysDir>/log.skey`; undefined when neither exists (fine for a store
 * without checkpoints). Never creates a key.
 */
export function logVerifier(crypto: LedgerCrypto, opts: { logVkey?: string | undefined; keysDir?: string | undefined }): Ed25519NoteVerifier | undefined {
  if (opts.logVkey !== undefined) return parse(crypto, opts.logVkey, '--log-vkey');
  if (opts.keysDir === undefined) return undefined;
  const path = join(opts.keysDir, 'log.skey');
  let skey: string;
  try {
    skey = readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new VerifySetupError(`cannot read the log key ${path}: ${(e as Error).message}`);
  }
  let vkey: string;
  try {
    vkey = verifierKeyFromSigner(crypto, skey);
  } catch (e) {
    throw new VerifySetupError(`${path} is not an Ed25519 signer key: ${(e as Error).message}`);
  }
  return parse(crypto, vkey, path);
}

export function genesisPin(crypto: LedgerCrypto, vkey: string | undefined): Ed25519NoteVerifier | undefined {
  return vkey === undefined ? undefined : parse(crypto, vkey, '--genesis-vkey');
}
