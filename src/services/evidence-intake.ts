/**
 * Receiving an evidence file: stream it into the blob store's temp area
 * (hashed and size-limited on the way), sniff its media type from the bytes
 * (file-type's signatures, then a UTF-8 text check), refuse what is not on
 * the allow-list, and read capture metadata (exifr) from images. The client's
 * Content-Type is never consulted. Nothing is committed here: the caller
 * commits the blob right before recording the entry, or discards it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import exifr from 'exifr';
import { fileTypeFromFile } from 'file-type';
import { captureFromExif, cleanOriginalName, EXIF_MEDIA, judgeSniffed, TextSniffer, type Capture, type MediaVerdict } from '../domain/evidence.js';
import { BlobTooLargeError, type BlobSource, type PendingBlob } from '../store/blobs.js';
import type { Services } from './context.js';
import { ServiceError } from './errors.js';

/** Bytes to store: a stream (an upload, a file) or chunks already in memory (e.g. `[buffer]`). */
export type FileSource = BlobSource;

/** Limit for files lodged from code when the caller names none (the API's default is the same). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 100 * 1024 * 1024;

export interface IncomingFile {
  source: FileSource;
  /** The uploader's file name (a label only). */
  filename?: string | undefined;
  /** Largest size accepted, bytes (default DEFAULT_MAX_EVIDENCE_BYTES; HTTP uploads use AppOptions.maxUploadBytes). */
  maxBytes?: number;
  /** For uploads the transport truncates at its limit (multipart): did it? */
  truncated?: () => boolean;
}

export interface ReceivedFile {
  blob: PendingBlob;
  mediaType: string;
  ext: string;
  originalName: string;
  capture: Capture;
}

// Only what captureFromExif keeps: IFD0 (camera), Exif IFD (capture time), GPS.
const EXIF_OPTIONS = {
  tiff: true, ifd0: {}, exif: true, gps: true, ifd1: false, interop: false, makerNote: false, userComment: false,
  xmp: false, icc: false, iptc: false, jfif: false, ihdr: true,
  reviveValues: false, translateValues: false, sanitize: true, mergeOutput: true,
} as const;

async function sniff(path: string): Promise<MediaVerdict> {
  const binary = judgeSniffed((await fileTypeFromFile(path))?.mime);
  if (binary) return binary;
  const text = new TextSniffer();
  for await (const chunk of createReadStream(path)) {
    text.push(chunk as Buffer);
    if (text.failed) break; // no need to read the rest
  }
  return text.verdict();
}

async function readExif(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return ((await exifr.parse(path, EXIF_OPTIONS as never)) ?? undefined) as Record<string, unknown> | undefined;
  } catch {
    // Malformed or absent metadata is not a reason to refuse the evidence itself.
    return undefined;
  }
}

const tooLarge = (limit: number) =>
  new ServiceError('payload_too_large', `the file is larger than the upload limit of ${limit} bytes`);

/** Receive, sniff and inspect a file. Throws 413 / 415 / 400 with the temp file already gone. */
export async function receiveFile(s: Services, file: IncomingFile): Promise<ReceivedFile> {
  const maxBytes = file.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  let blob: PendingBlob;
  try {
    blob = await s.blobs.receive(file.source, maxBytes);
  } catch (e) {
    if (e instanceof BlobTooLargeError) throw tooLarge(maxBytes);
    throw e;
  }
  try {
    if (file.truncated?.()) throw tooLarge(maxBytes);
    if (blob.size === 0) throw new ServiceError('bad_request', 'file: the file is empty');
    const verdict = await sniff(blob.tempPath);
    if (!verdict.ok) throw new ServiceError('unsupported_media_type', verdict.reason);
    const capture = EXIF_MEDIA.has(verdict.mediaType) ? captureFromExif(await readExif(blob.tempPath)) : { metadata: {} };
    return { blob, mediaType: verdict.mediaType, ext: verdict.ext, originalName: cleanOriginalName(file.filename), capture };
  } catch (e) {
    await blob.discard();
    throw e;
  }
}

/** SHA-256 of a stored blob as it is on disk now (hex); undefined when the file is missing. */
export async function hashStoredBlob(s: Services, sha256: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of s.blobs.read(sha256)) hash.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return hash.digest('hex');
}
