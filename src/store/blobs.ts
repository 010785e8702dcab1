/**
 * Content-addressed evidence files: `<dir>/<sha256 hex>`, mode 0600 in a
 * 0700 directory (ARCHITECTURE.md "Storage"; never inside the log — entries
 * hold the hash). A write streams into `<dir>/tmp/`, hashing and counting as
 * the bytes pass and stopping at the size limit, then fsyncs the file,
 * renames it into place and fsyncs the directory. Rename is atomic, so
 * nothing half-written is ever visible under a hash name; a crash leaves
 * only temp files, removed when the store is next opened. `annex verify`
 * re-hashes every blob (src/verify/blobs.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, mkdirSync, readdirSync, rmSync, type ReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than the limit of ${limit} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** A file received into the temp area: hashed and counted, not yet under its hash name. */
export interface PendingBlob {
  readonly sha256: string;
  readonly size: number;
  /** Where the bytes are until commit (for sniffing and metadata extraction). */
  readonly tempPath: string;
  /** Move it under its hash name (idempotent); a blob already there is kept and the temp file dropped. */
  commit(): Promise<void>;
  /** Delete the temp file (idempotent; a no-op after commit). */
  discard(): Promise<void>;
}

/** Bytes to store: a stream, or chunks already in memory (e.g. `[buffer]`). */
export type BlobSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface BlobStore {
  readonly dir: string;
  /** Stream `source` into a temp file; throws BlobTooLargeError (temp file gone) past `maxBytes`. */
  receive(source: BlobSource, maxBytes: number): Promise<PendingBlob>;
  /** Store bytes under their hash: receive + commit. */
  put(source: BlobSource, maxBytes: number): Promise<{ sha256: string; size: number }>;
  /** Size of a stored blob, or undefined when there is none. */
  size(sha256: string): Promise<number | undefined>;
  /** The blob's bytes as a stream (fails with ENOENT when missing). */
  read(sha256: string): ReadStream;
}

function checkName(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('blob name must be 64 lowercase hex digits');
  return sha256;
}

/** fsync a directory so a rename in it survives a crash (POSIX: the entry lives in the directory). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Open (create) the store. Leftover temp files are removed: the data
 * directory lock (src/store/lock.ts) makes this process the only writer, so
 * any file in tmp/ now is from a write that never finished.
 */
export function openBlobStore(dir: string): BlobStore {
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  // mkdir's mode does not apply to directories that already exist.
  chmodSync(dir, 0o700);
  chmodSync(tmp, 0o700);
  for (const name of readdirSync(tmp)) rmSync(join(tmp, name), { force: true, recursive: true });
  const pathOf = (sha256: string) => join(dir, checkName(sha256));

  async function receive(source: BlobSource, maxBytes: number): Promise<PendingBlob> {
    const tempPath = join(tmp, `${process.pid}-${randomBytes(12).toString('hex')}`);
    const fh = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        // Stop reading at the limit: the rest of the upload is never written.
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        await fh.write(chunk);
      }
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      throw e;
    }
    await fh.close();
    const sha256 = hash.digest('hex');
    let state: 'pending' | 'committed' | 'discarded' = 'pending';
    return {
      sha256, size, tempPath,
      async commit() {
        if (state !== 'pending') {
          if (state === 'discarded') throw new Error('blob was discarded');
          return;
        }
        const target = pathOf(sha256);
        if (await stat(target).then(() => true, () => false)) {
          // Same hash, same bytes: keep the stored copy (verify checks it still hashes right).
          await rm(tempPath, { force: true });
        } else {
          await rename(tempPath, target);
          await syncDir(dir);
        }
        state = 'committed';
      },
      async discard() {
        if (state !== 'pending') return;
        state = 'discarded';
        await rm(tempPath, { force: true });
      },
    };
  }

  return {
    dir,
    receive,
    async put(source, maxBytes) {
      const p = await receive(source, maxBytes);
      await p.commit();
      return { sha256: p.sha256, size: p.size };
    },
    async size(sha256) {
      try {
        return (await stat(pathOf(sha256))).size;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    read: (sha256) => createReadStream(pathOf(sha256)),
  };
}
