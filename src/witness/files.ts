/**
 * Durable file writes for the witness state (POSIX): a replaced file is
 * written to a temporary name, fsynced, renamed over the old one, and the
 * directory fsynced, so after a crash the file holds either the old or the
 * new contents, never a mix, and a rename that was reported done stays done.
 */
import { constants } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replaces `path` atomically and durably with `data` (mode 0600). */
export async function writeFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncDir(dirname(path));
}

/** Appends `data` to `path` (created 0600) and fsyncs before returning. */
export async function appendDurable(path: string, data: string): Promise<void> {
  const fh = await open(path, 'a', 0o600);
  try {
    await fh.appendFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Creates `dir` (mode 0700) and its parents; fsyncs the parent so the new entry survives a crash. */
export async function ensureDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await fsyncDir(dirname(dir));
}
