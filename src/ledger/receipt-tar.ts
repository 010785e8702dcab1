/**
 * The container of an evidence bundle: a POSIX ustar archive (IEEE Std
 * 1003.1-2017, pax, "ustar Interchange Format"), the subset Annex writes:
 * regular files only, ASCII names of at most 100 bytes, 512-byte headers
 * whose checksum covers every header byte, data padded with zero bytes to
 * the next 512 and two zero blocks at the end. Any tar tool unpacks it.
 *
 * The reader accepts exactly that subset and nothing after the end blocks,
 * so a changed header, padding or trailing byte is an error rather than
 * something silently skipped. It pulls bytes through `read(offset, length)`
 * so a large evidence file is never held in memory (Node file handles,
 * browser Blob.slice). Pure and browser-safe.
 */
import { equal, fromUtf8, utf8 } from './bytes.js';
import { fail, VerificationCode } from './errors.js';

export const BLOCK = 512;
/** ustar's 11 octal digits of size: just under 8 GiB. */
export const MAX_MEMBER_BYTES = 0o77777777777;
const NAME_RE = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** errors.ts has no code for a damaged archive; MISSING ("could not be read") is the closest. */
function malformed(message: string): never {
  fail(VerificationCode.MISSING, message);
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** One member's header block: a regular file, mode 0644, owner 0:0. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Uint8Array {
  if (name.length > 100 || !NAME_RE.test(name) || name.split('/').some((p) => p === '.' || p === '..')) {
    fail(VerificationCode.OUT_OF_RANGE, `tar member name ${JSON.stringify(name.slice(0, 120))} is not a plain relative path of at most 100 bytes`);
  }
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_MEMBER_BYTES) fail(VerificationCode.OUT_OF_RANGE, 'tar member size out of range');
  if (!Number.isSafeInteger(mtimeSeconds) || mtimeSeconds < 0 || mtimeSeconds > MAX_MEMBER_BYTES) fail(VerificationCode.OUT_OF_RANGE, 'tar mtime out of range');
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => h.set(utf8(text), offset);
  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(mtimeSeconds, 12));
  put(156, '0'); // typeflag: regular file
  put(257, 'ustar\0');
  put(263, '00');
  put(148, `${checksum(h).toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Zero bytes that pad a member of `size` bytes to the block boundary. */
export function tarPadding(size: number): Uint8Array {
  return new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of the archive: two zero blocks. */
export function tarEnd(): Uint8Array {
  return new Uint8Array(2 * BLOCK);
}

export interface TarMember {
  readonly name: string;
  readonly size: number;
  /** Where the member's data starts in the archive. */
  readonly offset: number;
}

export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

function isZero(b: Uint8Array): boolean {
  for (const x of b) if (x !== 0) return false;
  return true;
}

function field(h: Uint8Array, offset: number, length: number): string {
  const raw = h.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  const bytes = end < 0 ? raw : raw.subarray(0, end);
  if (end >= 0 && !isZero(raw.subarray(end))) malformed('tar header field has bytes after its terminator');
  for (const b of bytes) if (b < 0x20 || b > 0x7e) malformed('tar header field is not printable ASCII');
  return fromUtf8(bytes);
}

function readOctal(h: Uint8Array, offset: number, length: number, what: string): number {
  const text = field(h, offset, length);
  if (!/^[0-7]+$/.test(text) || text.length !== length - 1) malformed(`tar header ${what} is not ${length - 1} octal digits`);
  return parseInt(text, 8);
}

/** Parses one header block exactly as tarHeader writes it. */
export function parseTarHeader(h: Uint8Array, offset: number): TarMember {
  const where = `tar header at byte ${offset}`;
  if (!equal(h.subarray(148, 156), utf8(`${checksum(h).toString(8).padStart(6, '0')}\0 `))) malformed(`${where}: checksum does not match`);
  if (field(h, 257, 6) !== 'ustar' || h[262] !== 0 || h[263] !== 0x30 || h[264] !== 0x30) malformed(`${where}: not a ustar header`);
  if (h[156] !== 0x30) malformed(`${where}: not a regular file`);
  const name = field(h, 0, 100);
  if (!NAME_RE.test(name) || name.split('/').some((p) => p === '.' || p === '..')) malformed(`${where}: bad member name`);
  const size = readOctal(h, 124, 12, 'size');
  if (readOctal(h, 100, 8, 'mode') !== 0o644) malformed(`${where}: unexpected mode`);
  readOctal(h, 108, 8, 'uid');
  readOctal(h, 116, 8, 'gid');
  readOctal(h, 136, 12, 'mtime');
  // Link name, owner names, device numbers and prefix: empty in what Annex writes.
  if (!isZero(h.subarray(157, 257)) || !isZero(h.subarray(265, BLOCK))) malformed(`${where}: unexpected header fields`);
  return { name, size, offset: offset + BLOCK };
}

/**
 * Lists the members of an archive of `total` bytes, checking every header,
 * every padding byte, the two end blocks and that nothing follows them.
 */
export async function* readTar(read: ReadAt, total: number): AsyncGenerator<TarMember> {
  if (!Number.isSafeInteger(total) || total < 2 * BLOCK || total % BLOCK !== 0) malformed('a tar archive is a whole number of 512-byte blocks, at least two');
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > total) malformed('tar archive ends without its two zero blocks');
    const h = await read(offset, BLOCK);
    if (isZero(h)) {
      if (offset + 2 * BLOCK !== total) malformed('tar archive has data after its end');
      if (!isZero(await read(offset + BLOCK, BLOCK))) malformed('tar archive ends with one zero block');
      return;
    }
    const member = parseTarHeader(h, offset);
    const pad = tarPadding(member.size).length;
    const next = member.offset + member.size + pad;
    if (next > total) malformed(`tar member ${member.name} is truncated`);
    if (pad > 0 && !isZero(await read(member.offset + member.size, pad))) malformed(`tar member ${member.name} has non-zero padding`);
    yield member;
    offset = next;
  }
}
