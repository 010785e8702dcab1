/** LogSource implementations for the CLI: a local directory or an HTTP(S) base URL. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LogSource } from '../ledger/audit.js';
import { VerificationCode, VerificationError } from '../ledger/errors.js';

/** Bound on any single resource: a full entry bundle is at most 256 * 65537 bytes. */
const MAX_RESOURCE = 256 * 65537 + 1;

export function directorySource(dir: string): LogSource {
  const root = resolve(dir);
  return {
    location: root,
    async read(path) {
      try {
        const bytes = await readFile(join(root, path));
        if (bytes.length > MAX_RESOURCE) throw new VerificationError(VerificationCode.MALFORMED_TILE, `${path} is too large`);
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new VerificationError(VerificationCode.MISSING, `${join(root, path)} does not exist`);
        }
        throw e;
      }
    },
  };
}

export function httpSource(baseUrl: string, timeoutMs = 30_000): LogSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    location: base.slice(0, -1),
    async read(path) {
      const url = new URL(path, base);
      let lastError: unknown;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { 'accept-encoding': 'gzip, identity' } });
          if (res.status === 404) throw new VerificationError(VerificationCode.MISSING, `${url} returned 404`);
          if (!res.ok) throw new Error(`${url} returned HTTP ${res.status}`);
          const bytes = new Uint8Array(await res.arrayBuffer());
          if (bytes.length > MAX_RESOURCE) throw new VerificationError(VerificationCode.MALFORMED_TILE, `${url} is too large`);
          return bytes;
        } catch (e) {
          if (e instanceof VerificationError) throw e;
          lastError = e; // transient: retry
        }
      }
      throw new VerificationError(VerificationCode.MISSING, `${url}: ${(lastError as Error).message}`);
    },
  };
}

export function sourceFor(target: string): LogSource {
  return /^https?:\/\//i.test(target) ? httpSource(target) : directorySource(target);
}
