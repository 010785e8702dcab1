/**
 * One process per data directory. PGlite has no locking of its own and two
 * writers on one directory lose data, so `annex serve` (or any command that
 * opens the directory) takes `annex.lock` first and refuses when a live
 * process holds it. A lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number, readonly since: string) {
    super(
      `data directory ${dir} is in use by process ${pid} (since ${since}). ` +
        'Stop that process, or talk to it over HTTP; two processes on one PGlite directory would lose data.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Take the lock on `dir` (which must exist); returns the release function. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'annex.lock');
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readLock(path)?.pid === process.pid) unlinkSync(path);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readLock(path);
      if (held && held.pid !== process.pid && held.host === mine.host && alive(held.pid)) {
        throw new DataDirLockedError(dir, held.pid, held.since);
      }
      if (held && held.pid === process.pid) throw new DataDirLockedError(dir, held.pid, held.since);
      if (held && held.host !== mine.host) throw new DataDirLockedError(dir, held.pid, `${held.since} on host ${held.host}`);
      // Stale (dead process, or unreadable): move it aside atomically and retry.
      try {
        renameSync(path, `${path}.stale-${process.pid}`);
        unlinkSync(`${path}.stale-${process.pid}`);
      } catch {
        /* another process got there first; retry */
      }
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
