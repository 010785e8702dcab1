/**
 * SHA-256 of a file's bytes in the browser: WebCrypto when the page is a
 * secure context (https or localhost), else the ledger's own @noble hashing,
 * so the check never depends on the server.
 */
import { toHex } from '../../../src/ledger/bytes.js';
import { nobleCrypto } from '../../../src/ledger/crypto-noble.js';

export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return toHex(nobleCrypto.sha256(bytes));
}

/** Hex digests compare in lowercase; anything but 64 hex digits never matches. */
export function sameDigest(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && /^[0-9a-f]{64}$/i.test(a) && a.toLowerCase() === b.toLowerCase();
}

/** Media types the page may preview from an object URL: still images and PDF, never anything that runs. */
export function previewKind(mediaType: string): 'image' | 'pdf' | null {
  if (/^image\/(jpeg|png|webp|gif|avif)$/.test(mediaType)) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  return null;
}
