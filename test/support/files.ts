/**
 * Real files for evidence tests, built byte by byte so every test knows
 * exactly what it uploads: a baseline JPEG with an EXIF APP1 segment (capture
 * time, GPS, camera), a PNG, a PDF, UTF-8 text, and things that must be
 * refused (ELF, ZIP, HTML).
 */
import { crc32, deflateSync } from 'node:zlib';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const be16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);

/**
 * The smallest baseline JPEG (ITU T.81): one 8×8 greyscale block whose DC
 * difference is 0 and whose AC coefficients are all zero (EOB), so a flat
 * mid-grey square. Both Huffman tables hold one 1-bit code ("0"): the scan is
 * the two bits "0" (DC category 0) and "0" (EOB), padded with 1s: 0x3F.
 */
export function tinyJpeg(app1?: Buffer): Buffer {
  const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), be16(body.length + 2), body]);
  const oneCodeTable = (cls: number, symbol: number) =>
    segment(0xc4, Buffer.concat([Buffer.from([(cls << 4) | 0]), Buffer.from([1, ...new Array(15).fill(0)]), Buffer.from([symbol])]));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), // SOI
    app1 ?? Buffer.alloc(0),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])), // DQT: table 0, all 1s
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])), // SOF0: 8-bit, 8×8, one component
    oneCodeTable(0, 0x00), // DC table 0: category 0
    oneCodeTable(1, 0x00), // AC table 0: EOB
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])), // SOS
    Buffer.from([0x3f]),
    Buffer.from([0xff, 0xd9]), // EOI
  ]);
}

type Tag = { tag: number; type: 'ascii' | 'short' | 'long' | 'byte' | 'rational'; value: string | number | Array<[number, number]> };
const TYPE_CODE = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;

/** One little-endian TIFF IFD at `offset`; values over 4 bytes go right after it. */
function ifd(tags: Tag[], offset: number, next = 0): Buffer {
  const sorted = [...tags].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + sorted.length * 12 + 4);
  head.writeUInt16LE(sorted.length, 0);
  const data: Buffer[] = [];
  let dataAt = offset + head.length;
  sorted.forEach((t, i) => {
    let bytes: Buffer;
    let count: number;
    if (t.type === 'ascii') {
      bytes = ascii(`${String(t.value)}\0`);
      count = bytes.length;
    } else if (t.type === 'rational') {
      const rs = t.value as Array<[number, number]>;
      bytes = Buffer.alloc(rs.length * 8);
      rs.forEach(([n, d], j) => { bytes.writeUInt32LE(n, j * 8); bytes.writeUInt32LE(d, j * 8 + 4); });
      count = rs.length;
    } else {
      const size = t.type === 'long' ? 4 : t.type === 'short' ? 2 : 1;
      bytes = Buffer.alloc(size);
      if (size === 4) bytes.writeUInt32LE(Number(t.value));
      else if (size === 2) bytes.writeUInt16LE(Number(t.value));
      else bytes.writeUInt8(Number(t.value));
      count = 1;
    }
    const at = 2 + i * 12;
    head.writeUInt16LE(t.tag, at);
    head.writeUInt16LE(TYPE_CODE[t.type], at + 2);
    head.writeUInt32LE(count, at + 4);
    if (bytes.length <= 4) bytes.copy(head, at + 8);
    else {
      head.writeUInt32LE(dataAt, at + 8);
      const padded = bytes.length % 2 ? Buffer.concat([bytes, Buffer.alloc(1)]) : bytes;
      data.push(padded);
      dataAt += padded.length;
    }
  });
  head.writeUInt32LE(next, head.length - 4);
  return Buffer.concat([head, ...data]);
}

export interface ExifFields {
  make: string;
  model: string;
  software: string;
  /** EXIF form, 'YYYY:MM:DD HH:MM:SS' (local clock time). */
  dateTimeOriginal: string;
  offsetTimeOriginal?: string;
  latitude: number;
  longitude: number;
  altitude: number;
}

/** Decimal degrees as EXIF degrees/minutes/seconds rationals (seconds to 1/100). */
function dms(deg: number): Array<[number, number]> {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 100);
  return [[d, 1], [m, 1], [s, 100]];
}

/** An APP1 "Exif" segment: IFD0 (make, model, software) → Exif IFD (capture time) and GPS IFD (CIPA DC-008). */
export function exifApp1(f: ExifFields): Buffer {
  const tiffHeader = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]); // "II*\0", IFD0 at 8
  const ifd0Tags = (exifAt: number, gpsAt: number): Tag[] => [
    { tag: 0x010f, type: 'ascii', value: f.make },
    { tag: 0x0110, type: 'ascii', value: f.model },
    { tag: 0x0131, type: 'ascii', value: f.software },
    { tag: 0x8769, type: 'long', value: exifAt },
    { tag: 0x8825, type: 'long', value: gpsAt },
  ];
  const exifTags: Tag[] = [
    { tag: 0x9003, type: 'ascii', value: f.dateTimeOriginal },
    ...(f.offsetTimeOriginal ? [{ tag: 0x9011, type: 'ascii' as const, value: f.offsetTimeOriginal }] : []),
  ];
  const gpsTags: Tag[] = [
    { tag: 0x0001, type: 'ascii', value: f.latitude >= 0 ? 'N' : 'S' },
    { tag: 0x0002, type: 'rational', value: dms(f.latitude) },
    { tag: 0x0003, type: 'ascii', value: f.longitude >= 0 ? 'E' : 'W' },
    { tag: 0x0004, type: 'rational', value: dms(f.longitude) },
    { tag: 0x0005, type: 'byte', value: f.altitude >= 0 ? 0 : 1 },
    { tag: 0x0006, type: 'rational', value: [[Math.round(Math.abs(f.altitude) * 10), 10]] },
  ];
  // Lay out IFD0 first with placeholder pointers to learn its length, then the others after it.
  const ifd0Len = ifd(ifd0Tags(0, 0), 8).length;
  const exifAt = 8 + ifd0Len;
  const exifIfd = ifd(exifTags, exifAt);
  const gpsAt = exifAt + exifIfd.length;
  const tiff = Buffer.concat([tiffHeader, ifd(ifd0Tags(exifAt, gpsAt), 8), exifIfd, ifd(gpsTags, gpsAt)]);
  const body = Buffer.concat([ascii('Exif\0\0'), tiff]);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), be16(body.length + 2), body]);
}

export const SAMPLE_EXIF: ExifFields = {
  make: 'Canon',
  model: 'Canon EOS 90D',
  software: 'Firmware 1.1.0',
  dateTimeOriginal: '2025:10:15 06:30:00',
  offsetTimeOriginal: '+04:30',
  latitude: 30.99,
  longitude: 66.39,
  altitude: 1290.5,
};

export function jpegWithExif(f: ExifFields = SAMPLE_EXIF): Buffer {
  return tinyJpeg(exifApp1(f));
}

/** A 2×2 RGB PNG (RFC 2083 / ISO 15948): IHDR, one zlib IDAT, IEND, each with its CRC-32. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([ascii(type), data])));
    return Buffer.concat([len, ascii(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  // Each scanline: filter byte 0 then two RGB pixels.
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a correct cross-reference table (ISO 32000-1 §7.5). */
export function tinyPdf(text = 'Statement of the district elder'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const s = `BT /F1 12 Tf 20 70 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(out);
}

export const utf8Text = (s = 'Witness statement — شاهد: shells landed at 06:30 near Weesh.\n') => Buffer.from(s, 'utf8');

/** The start of an x86-64 ELF executable header. */
export function elfBinary(): Buffer {
  const b = Buffer.alloc(128);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // \x7fELF, 64-bit, little-endian, version 1
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  b.writeUInt32LE(1, 20);
  return b;
}

/** A ZIP archive holding one stored file (APPNOTE.TXT §4.3). */
export function zipArchive(name = 'payload.txt', data: Buffer = Buffer.from('hello')): Buffer {
  const n = ascii(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const centralAt = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

export const htmlPage = () => Buffer.from('\n  <!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n', 'utf8');
