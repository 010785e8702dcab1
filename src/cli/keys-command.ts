/** `annex keys generate`: new signed-note keys (log/org Ed25519, or witness cosigner). */
import { generateCosignerKey } from '../ledger/cosignature.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { generateSignerKey } from '../ledger/note.js';

export function generateKeys(name: string, cosigner: boolean): { skey: string; vkey: string } {
  return cosigner ? generateCosignerKey(nodeCrypto, name) : generateSignerKey(nodeCrypto, name);
}
