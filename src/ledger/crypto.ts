/**
 * The primitives the ledger needs, behind one small interface so the same
 * verifier code runs on the server (node:crypto) and in the browser (@noble).
 * Keys are raw bytes: Ed25519 private keys are 32-byte seeds (RFC 8032 §5.1.5),
 * public keys 32 bytes, signatures 64 bytes.
 */
export interface LedgerCrypto {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array;
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  randomBytes(length: number): Uint8Array;
}
