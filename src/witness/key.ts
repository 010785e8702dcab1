/**
 * The witness's own cosigner key (C2SP tlog-cosignature, signature type
 * 0x04). Given explicitly (a `PRIVATE+KEY+…` string, from a file or the
 * environment), or kept in `<state>/witness.key` (mode 0600), created on the
 * first start. Like ssh, a key file others can read is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cosignerVerifierKeyFromSigner, generateCosignerKey, parseCosignerSignerKey, type CosignerSigner } from '../ledger/cosignature.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { VerificationError } from '../ledger/errors.js';
import { WitnessCode, WitnessError } from './errors.js';
import { writeFileDurable } from './files.js';

export const KEY_FILE = 'witness.key';

export interface CosignerKey {
  readonly signer: CosignerSigner;
  readonly vkey: string;
  /** Whether the key was created by this start. */
  readonly created: boolean;
}

function bad(message: string): never {
  throw new WitnessError(WitnessCode.BAD_CONFIG, message);
}

function parse(crypto: LedgerCrypto, skey: string, where: string, clock: () => number): CosignerKey {
  try {
    const signer = parseCosignerSignerKey(crypto, skey, clock);
    return { signer, vkey: cosignerVerifierKeyFromSigner(crypto, skey), created: false };
  } catch (e) {
    // Never echo the key itself.
    if (e instanceof VerificationError) bad(`${where} is not a cosigner signer key (PRIVATE+KEY+<name>+<id>+<type 0x04 key>): ${e.message}`);
    throw e;
  }
}

export function defaultWitnessName(): string {
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, '-') || 'localhost';
  return `${host}/annex-witness`;
}

export async function loadCosignerKey(
  crypto: LedgerCrypto,
  stateDir: string,
  o: { key?: string | undefined; name?: string | undefined; clock: () => number },
): Promise<CosignerKey> {
  const checkName = (k: CosignerKey, where: string): CosignerKey => {
    if (o.name !== undefined && k.signer.name !== o.name) bad(`${where} is named ${k.signer.name}, not ${o.name}`);
    return k;
  };
  if (o.key !== undefined) return checkName(parse(crypto, o.key.trim(), 'the given witness key', o.clock), 'the given witness key');
  const path = join(stateDir, KEY_FILE);
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (info) {
    if ((info.mode & 0o077) !== 0) bad(`${path} is readable by others (mode ${(info.mode & 0o777).toString(8)}): chmod 600 it`);
    return checkName(parse(crypto, (await readFile(path, 'utf8')).trim(), path, o.clock), path);
  }
  let skey: string;
  try {
    skey = generateCosignerKey(crypto, o.name ?? defaultWitnessName()).skey;
  } catch (e) {
    if (e instanceof VerificationError) bad(`witness name ${JSON.stringify(o.name)}: ${e.message} (no spaces or '+')`);
    throw e;
  }
  await writeFileDurable(path, `${skey}\n`);
  return { ...parse(crypto, skey, path, o.clock), created: true };
}
