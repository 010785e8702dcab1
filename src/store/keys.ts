/**
 * Signing keys on disk: one C2SP signed-note Ed25519 signer key per
 * organisation (`<keys>/orgs/<ORG>.skey`) and the log's checkpoint key
 * (`<keys>/log.skey`), each a 0600 file in a 0700 directory. `<keys>` is
 * `<dataDir>/keys` unless ANNEX_KEYS_DIR names another directory (e.g. a
 * mounted secret); a key can also come from the environment
 * (ANNEX_ORG_KEY_<ORG>, ANNEX_LOG_KEY: the signer key string), in which case
 * no file is written. Keys never leave this module except as seeds for signing.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { decodeSignerKeyString, generateSignerKey, parseSignerKey, verifierKeyFromSigner, type Ed25519NoteSigner } from '../ledger/note.js';

const ORG_RE = /^[A-Z0-9_-]{2,32}$/;

export class KeyRing {
  private readonly seeds = new Map<string, Uint8Array>();
  private logSigner?: { skey: string; signer: Ed25519NoteSigner };

  constructor(readonly dir: string, private readonly env: NodeJS.ProcessEnv = {}) {
    mkdirSync(join(dir, 'orgs'), { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }

  static forDataDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyRing {
    return new KeyRing(env.ANNEX_KEYS_DIR || join(dataDir, 'keys'), env);
  }

  private readOrCreate(path: string, name: string, fromEnv: string | undefined): string {
    if (fromEnv) return fromEnv.trim();
    try {
      const st = statSync(path);
      if ((st.mode & 0o077) !== 0) chmodSync(path, 0o600);
      return readFileSync(path, 'utf8').trim();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const { skey } = generateSignerKey(nodeCrypto, name);
      writeFileSync(path, `${skey}\n`, { mode: 0o600, flag: 'wx' });
      return skey;
    }
  }

  /** The org's signer key string, created on first use. */
  orgSignerKey(org: string): string {
    if (!ORG_RE.test(org)) throw new Error(`bad organisation id ${org}`);
    return this.readOrCreate(join(this.dir, 'orgs', `${org}.skey`), org, this.env[`ANNEX_ORG_KEY_${org}`]);
  }

  orgVerifierKey(org: string): string {
    return verifierKeyFromSigner(nodeCrypto, this.orgSignerKey(org));
  }

  /** 32-byte Ed25519 seed for signing the org's ledger entries. */
  orgSeed(org: string): Uint8Array {
    let seed = this.seeds.get(org);
    if (!seed) {
      seed = decodeSignerKeyString(this.orgSignerKey(org)).key;
      if (seed.length !== 32) throw new Error(`key file for ${org} is not an Ed25519 signer key`);
      this.seeds.set(org, seed);
    }
    return seed;
  }

  /** The log's checkpoint signer; `origin` names the key when it is first created. */
  logKey(origin: string): Ed25519NoteSigner {
    if (!this.logSigner) {
      const skey = this.readOrCreate(join(this.dir, 'log.skey'), origin, this.env.ANNEX_LOG_KEY);
      this.logSigner = { skey, signer: parseSignerKey(nodeCrypto, skey) };
    }
    return this.logSigner.signer;
  }

  logVerifierKey(origin: string): string {
    this.logKey(origin);
    return verifierKeyFromSigner(nodeCrypto, this.logSigner!.skey);
  }
}
