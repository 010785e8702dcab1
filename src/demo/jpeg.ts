/**
 * A small baseline JPEG with an EXIF APP1 segment (capture time, offset and
 * GPS position), built from scratch so demo evidence has real metadata to
 * extract. The picture is greyscale and coded with DC coefficients only
 * (each 8×8 block one flat tone: a low-resolution photo); the EXIF block is
 * a little-endian TIFF structure (EXIF 2.32 / TIFF 6.0: IFD0, Exif IFD, GPS IFD).
 */
import type { DemoFile } from './files.js';

// ---- EXIF (TIFF) -------------------------------------------------------------

type TagType = 1 | 2 | 3 | 4 | 5 | 7; // BYTE ASCII SHORT LONG RATIONAL UNDEFINED
interface Tag { tag: number; type: TagType; count: number; data: number[] }

const ascii = (tag: number, s: string): Tag => ({ tag, type: 2, count: s.length + 1, data: [...Buffer.from(`${s}\0`, 'latin1')] });
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const le = (n: number, bytes: number) => Array.from({ length: bytes }, (_, i) => (n >>> (8 * i)) & 0xff);
const long = (tag: number, n: number): Tag => ({ tag, type: 4, count: 1, data: le(n, 4) });
const short = (tag: number, n: number): Tag => ({ tag, type: 3, count: 1, data: le(n, 2) });
const rationals = (tag: number, values: Array<[number, number]>): Tag => ({ tag, type: 5, count: values.length, data: values.flatMap(([n, d]) => [...le(n, 4), ...le(d, 4)]) });

/** Bytes an IFD takes: count, 12-byte entries, next-IFD offset, then values longer than 4 bytes (word-aligned). */
function ifdSize(tags: Tag[]): number {
  return 2 + tags.length * 12 + 4 + tags.reduce((n, t) => n + (t.data.length > 4 ? t.data.length + (t.data.length % 2) : 0), 0);
}

function writeIfd(tags: Tag[], offset: number): number[] {
  const sorted = [...tags].sort((a, b) => a.tag - b.tag);
  const head: number[] = [...le(sorted.length, 2)];
  const extra: number[] = [];
  let dataAt = offset + 2 + sorted.length * 12 + 4;
  for (const t of sorted) {
    head.push(...le(t.tag, 2), ...le(t.type, 2), ...le(t.count, 4));
    if (t.data.length <= 4) {
      head.push(...t.data, ...new Array<number>(4 - t.data.length).fill(0));
    } else {
      head.push(...le(dataAt, 4));
      const padded = t.data.length % 2 ? [...t.data, 0] : t.data;
      extra.push(...padded);
      dataAt += padded.length;
    }
  }
  return [...head, 0, 0, 0, 0, ...extra];
}

/** Degrees as EXIF degrees/minutes/seconds rationals (seconds to 1/100). */
function dms(deg: number): Array<[number, number]> {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 100);
  return [[d, 1], [m, 1], [s, 100]];
}

export interface Capture {
  /** The capture instant. */
  at: Date;
  /** The camera's local UTC offset, e.g. '+04:30' (Afghanistan). */
  offset: string;
  latitude: number;
  longitude: number;
  make: string;
  model: string;
}

const exifTime = (d: Date) => d.toISOString().slice(0, 19).replace(/-/g, ':').replace('T', ' ');

function localTime(at: Date, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new Error(`bad UTC offset ${offset}`);
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return exifTime(new Date(at.getTime() + minutes * 60_000));
}

export function exifSegment(c: Capture): Uint8Array {
  const local = localTime(c.at, c.offset);
  const exif: Tag[] = [
    { tag: 0x9000, type: 7, count: 4, data: [...Buffer.from('0232', 'latin1')] },
    ascii(0x9003, local), // DateTimeOriginal (local time)
    ascii(0x9011, c.offset), // OffsetTimeOriginal
  ];
  const utc = c.at;
  const gps: Tag[] = [
    { tag: 0x0000, type: 1, count: 4, data: [2, 3, 0, 0] },
    ascii(0x0001, c.latitude >= 0 ? 'N' : 'S'), rationals(0x0002, dms(c.latitude)),
    ascii(0x0003, c.longitude >= 0 ? 'E' : 'W'), rationals(0x0004, dms(c.longitude)),
    rationals(0x0007, [[utc.getUTCHours(), 1], [utc.getUTCMinutes(), 1], [utc.getUTCSeconds(), 1]]),
    ascii(0x001d, utc.toISOString().slice(0, 10).replace(/-/g, ':')),
  ];
  const ifd0 = (exifAt: number, gpsAt: number): Tag[] => [
    ascii(0x010f, c.make), ascii(0x0110, c.model), short(0x0112, 1), ascii(0x0131, 'Annex demo generator'),
    ascii(0x0132, local), long(0x8769, exifAt), long(0x8825, gpsAt),
  ];
  const exifAt = 8 + ifdSize(ifd0(0, 0));
  const gpsAt = exifAt + ifdSize(exif);
  const tiff = [0x49, 0x49, 0x2a, 0x00, ...le(8, 4), ...writeIfd(ifd0(exifAt, gpsAt), 8), ...writeIfd(exif, exifAt), ...writeIfd(gps, gpsAt)];
  const payload = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  return new Uint8Array([0xff, 0xe1, ...be16(payload.length + 2), ...payload]);
}

// ---- JPEG (ITU T.81 baseline, one component) ---------------------------------------

// The standard luminance DC table (T.81 Annex K.3); the AC table has one code, end-of-block.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];

/** Canonical Huffman codes (T.81 Annex C): symbol → [code, length]. */
export function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) codes.set(values[k++]!, [code++, len]);
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  readonly out: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >>> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.out.push(this.acc);
    if (this.acc === 0xff) this.out.push(0x00); // byte stuffing (T.81 F.1.2.3)
    this.acc = 0;
    this.n = 0;
  }
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with 1-bits
    return this.out;
  }
}

/** Baseline greyscale JPEG; `shade` gives 0..255 per pixel, averaged over each 8×8 block. Width and height are multiples of 8. */
export function encodeJpeg(width: number, height: number, shade: (x: number, y: number) => number, capture: Capture): Uint8Array {
  if (width % 8 || height % 8) throw new Error('width and height must be multiples of 8');
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const eob = huffmanCodes(AC_BITS, AC_VALUES).get(0)!;
  const bits = new BitWriter();
  let previous = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      let sum = 0;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) sum += Math.max(0, Math.min(255, shade(bx + x, by + y)));
      // DCT DC term of a level-shifted block is 8 × its mean (quantiser 1).
      const coefficient = Math.round(8 * (sum / 64 - 128));
      const diff = coefficient - previous;
      previous = coefficient;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const [code, len] = dc.get(size)!;
      bits.write(code, len);
      if (size > 0) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      bits.write(eob[0], eob[1]);
    }
  }
  const segment = (marker: number, body: number[]) => [0xff, marker, ...be16(body.length + 2), ...body];
  return new Uint8Array([
    0xff, 0xd8,
    ...exifSegment(capture),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    ...segment(0xc4, [0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff, 0xd9,
  ]);
}

/** A low-resolution photo of damage near the given place, with its capture metadata. */
export function damagePhotoJpeg(name: string, capture: Capture, shade: (x: number, y: number) => number): DemoFile {
  return { name, media_type: 'image/jpeg', bytes: encodeJpeg(256, 192, shade, capture) };
}
