/** Locates ../shared/vectors/ (relative to the project root) for tests. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VECTORS = join(PROJECT_ROOT, '..', 'shared', 'vectors');

export function vectorPath(...parts: string[]): string {
  const path = join(VECTORS, ...parts);
  // A missing vector set must fail the run loudly, never skip silently.
  if (!existsSync(path)) throw new Error(`test vectors not found at ${path}`);
  return path;
}

export function readVector(...parts: string[]): string {
  return readFileSync(vectorPath(...parts), 'utf8');
}

/**
 * JSON.parse that keeps integers beyond 2^53 exact as strings, so a vector
 * such as end = 9223372036854775810 reaches the code under test unrounded.
 */
export function parseVectorJson(text: string): unknown {
  return JSON.parse(text.replace(/(:\s*)(\d{16,})(\s*[,}\n])/g, '$1"$2"$3'));
}

export function listJson(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
