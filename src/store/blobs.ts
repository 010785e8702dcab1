/** Content-addressed evidence files: `<dir>/<sha256 hex>`. Filled in by the evidence work. */
import { mkdirSync } from 'node:fs';

export interface BlobStore {
  readonly dir: string;
}

export function openBlobStore(dir: string): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { dir };
}
