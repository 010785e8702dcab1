// The browser-side file hashing and the preview allow-list.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { previewKind, sameDigest, sha256Hex } from './hash.js';

test('sha256Hex equals the SHA-256 of the bytes, with WebCrypto and with the noble fallback', async () => {
  const bytes = new TextEncoder().encode('evidence bytes — شواهد');
  const want = createHash('sha256').update(bytes).digest('hex');
  assert.equal(await sha256Hex(bytes), want);
  assert.equal(await sha256Hex(bytes.buffer), want);
  const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
  try {
    assert.equal(await sha256Hex(bytes), want, 'noble when there is no crypto.subtle (not a secure context)');
  } finally {
    Object.defineProperty(globalThis, 'crypto', subtle!);
  }
});

test('digests compare case-insensitively and only when they are SHA-256 hex', () => {
  const h = 'a'.repeat(64);
  assert.ok(sameDigest(h, h.toUpperCase()));
  assert.ok(!sameDigest(h, 'b'.repeat(64)));
  assert.ok(!sameDigest('', ''));
  assert.ok(!sameDigest(null, h));
});

test('only still images and PDF are previewed', () => {
  assert.equal(previewKind('image/jpeg'), 'image');
  assert.equal(previewKind('application/pdf'), 'pdf');
  for (const t of ['image/svg+xml', 'text/html', 'text/plain', 'video/mp4', 'image/tiff']) assert.equal(previewKind(t), null, t);
});
