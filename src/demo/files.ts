/**
 * Small, deterministic evidence files for the demo: a PNG "photo" of a
 * crater, a PNG site sketch, a one-page PDF statement and a plain-text
 * monitor log (the JPEG with EXIF is in ./jpeg.ts). Same input, same bytes:
 * the files' SHA-256 never changes between runs. Formats: PNG (ISO/IEC 15948,
 * chunks with CRC-32, zlib IDAT), PDF 1.4 (one page, Helvetica, classic xref).
 */
import { deflateSync } from 'node:zlib';

export interface DemoFile {
  name: string;
  media_type: string;
  bytes: Uint8Array;
}

/** mulberry32: a tiny seeded PRNG, so "noise" is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([new TextEncoder().encode(type), data]);
  return concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/** An 8-bit RGB PNG; `pixel` returns [r, g, b]; `text` becomes tEXt chunks (Latin-1 keywords and values). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], text: Record<string, string> = {}): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // filter byte 0 (None) then the pixels
    for (let x = 0; x < width; x++) raw.set(pixel(x, y).map((v) => Math.max(0, Math.min(255, Math.round(v)))), row + 1 + x * 3);
  }
  const ihdr = concat([u32be(width), u32be(height), new Uint8Array([8, 2, 0, 0, 0])]);
  const texts = Object.entries(text).map(([k, v]) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')));
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), ...texts, chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array()),
  ]);
}

/** Grey level of a crater seen from above: dark bowl, bright rim, streaks of thrown earth; 0..255. */
export function craterShade(x: number, y: number, cx: number, cy: number, r: number, noise: number): number {
  const d = Math.hypot(x - cx, y - cy) / r;
  const angle = Math.atan2(y - cy, x - cx);
  const streak = 0.5 + 0.5 * Math.cos(angle * 7 + 1.3);
  let v = 140;
  if (d < 0.8) v = 60 + 60 * d;
  else if (d < 1.1) v = 190 - 40 * Math.abs(d - 0.95) * 10;
  else if (d < 2.2) v = 140 + 35 * streak * (2.2 - d);
  return v + noise;
}

/** A 200×150 "photo" of a shell crater in dry ground. */
export function craterPhotoPng(seed: number, caption: string): DemoFile {
  const rnd = seededRandom(seed);
  const bytes = encodePng(200, 150, (x, y) => {
    const g = craterShade(x, y, 104, 72, 30, (rnd() - 0.5) * 28);
    return [g * 1.08, g * 0.95, g * 0.78];
  }, { Title: caption, Software: 'Annex demo generator' });
  return { name: 'crater-photo.png', media_type: 'image/png', bytes };
}

/** A hand-drawn-style site sketch: road, houses, impact points (×), north arrow. */
export function siteSketchPng(caption: string, impacts: Array<[number, number]>): DemoFile {
  const houses: Array<[number, number, number, number]> = [[40, 40, 36, 26], [96, 34, 30, 30], [150, 48, 40, 24], [60, 110, 34, 26], [140, 108, 44, 28]];
  const onRect = (x: number, y: number, [rx, ry, w, h]: [number, number, number, number]) =>
    x >= rx && x <= rx + w && y >= ry && y <= ry + h && (x - rx < 2 || rx + w - x < 2 || y - ry < 2 || ry + h - y < 2);
  const onCross = (x: number, y: number, [ix, iy]: [number, number]) =>
    Math.abs(x - ix) <= 6 && Math.abs(y - iy) <= 6 && (Math.abs((x - ix) - (y - iy)) <= 1 || Math.abs((x - ix) + (y - iy)) <= 1);
  const onArrow = (x: number, y: number) => (x >= 225 && x <= 227 && y >= 12 && y <= 40) || (y >= 12 && y <= 20 && Math.abs(x - 226) <= (y - 12) / 2);
  const bytes = encodePng(240, 160, (x, y) => {
    if (impacts.some((p) => onCross(x, y, p))) return [200, 30, 30];
    if (houses.some((h) => onRect(x, y, h)) || onArrow(x, y)) return [40, 40, 40];
    if (Math.abs(y - 85 - Math.sin(x / 30) * 6) < 5) return [170, 160, 140];
    return (x % 20 === 0 || y % 20 === 0) ? [225, 232, 240] : [250, 248, 240];
  }, { Title: caption, Software: 'Annex demo generator' });
  return { name: 'site-sketch.png', media_type: 'image/png', bytes };
}

/** PDF literal strings: ASCII only (accents dropped), with \, ( and ) escaped. */
function pdfText(s: string): string {
  const ascii = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’]/g, "'").replace(/[–—]/g, '-').replace(/[^\x20-\x7e]/g, '?');
  return ascii.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A one-page A4 PDF: a title and lines of text. `date` is 'YYYYMMDDHHmmSS' (UTC). */
export function statementPdf(name: string, title: string, lines: string[], date: string): DemoFile {
  const body = ['BT', '/F1 14 Tf', '56 780 Td', `(${pdfText(title)}) Tj`, '/F1 10 Tf', '0 -28 Td', '14 TL']
    .concat(lines.map((l) => `(${pdfText(l)}) '`), ['ET']).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    `<< /Title (${pdfText(title)}) /Producer (Annex demo generator) /CreationDate (D:${date}Z) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  // Each xref entry is exactly 20 bytes (PDF 1.4 §3.4.3).
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, media_type: 'application/pdf', bytes: Buffer.from(out, 'latin1') };
}

/** A monitor's field log: one line per entry, UTC times. */
export function monitorLog(name: string, header: string, entries: Array<[string, string]>): DemoFile {
  const text = [header, '='.repeat(header.length), ...entries.map(([at, line]) => `${at}Z  ${line}`), ''].join('\n');
  return { name, media_type: 'text/plain', bytes: new TextEncoder().encode(text) };
}
