/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): resource paths, tile and
 * entry-bundle encodings. Tiles are 256 hashes wide (height 8); the n-th tile
 * at level l holds MTH(D[(n*256+i)*256^l : (n*256+i+1)*256^l]) for i < width.
 */
import { isSafeIndex } from './bits.js';
import { fail, VerificationCode } from './errors.js';
import { HASH_SIZE } from './hasher.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** Entry bundles use uint16 length prefixes, so an entry is at most 65535 bytes. */
export const MAX_ENTRY_SIZE = 0xffff;

export interface TileId {
  /** Tile level L (tree level 8L); entry bundles use level -1. */
  level: number;
  index: number;
  /** 1..256; 256 is a full tile. */
  width: number;
}

/** §Merkle Tree: N as zero-padded 3-digit elements, all but the last prefixed with x. */
export function encodeTileIndex(index: number): string {
  if (!isSafeIndex(index)) fail(VerificationCode.OUT_OF_RANGE, `bad tile index ${index}`);
  let n = index;
  let path = String(n % 1000).padStart(3, '0');
  n = Math.floor(n / 1000);
  while (n > 0) {
    path = `x${String(n % 1000).padStart(3, '0')}/${path}`;
    n = Math.floor(n / 1000);
  }
  return path;
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) fail(VerificationCode.OUT_OF_RANGE, `bad tile width ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]` */
export function tilePath(level: number, index: number, width = TILE_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > 63) fail(VerificationCode.OUT_OF_RANGE, `bad tile level ${level}`);
  return `tile/${level}/${encodeTileIndex(index)}${suffix(width)}`;
}

/** `tile/entries/<N>[.p/<W>]` */
export function entriesPath(index: number, width = TILE_WIDTH): string {
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

export function pathOf(tile: TileId): string {
  return tile.level < 0 ? entriesPath(tile.index, tile.width) : tilePath(tile.level, tile.index, tile.width);
}

const TILE_PATH = /^tile\/(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/([1-9]\d{0,2}))?$/;

/** Parses a tile or entry-bundle path strictly; returns undefined when it is not one. */
export function parseTilePath(path: string): TileId | undefined {
  const m = TILE_PATH.exec(path);
  if (!m) return undefined;
  const level = m[1] === 'entries' ? -1 : Number(m[1]);
  if (level > 63) return undefined;
  const groups = [...(m[2] ?? '').split('/').filter(Boolean).map((g) => g.slice(1)), m[3]!];
  // No leading zero groups: index 5 is "005", never "x000/005".
  if (groups.length > 1 && groups[0] === '000') return undefined;
  if (groups.length > 6) return undefined;
  let index = 0;
  for (const g of groups) index = index * 1000 + Number(g);
  if (!Number.isSafeInteger(index)) return undefined;
  const width = m[4] === undefined ? TILE_WIDTH : Number(m[4]);
  if (width < 1 || width >= TILE_WIDTH + (m[4] === undefined ? 1 : 0)) return undefined;
  return { level, index, width };
}

/** Width of the partial tile at `level` for a tree of `size` (0 = none). */
export function partialWidth(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
}

/** Every tile (full and partial, levels 0..) and entry bundle of a tree of `size`. */
export function tilesForSize(size: number): TileId[] {
  const out: TileId[] = [];
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    const full = Math.floor(hashes / TILE_WIDTH);
    for (let i = 0; i < full; i++) out.push({ level, index: i, width: TILE_WIDTH });
    const w = hashes % TILE_WIDTH;
    if (w > 0) out.push({ level, index: full, width: w });
  }
  return out;
}

/** The entry bundles of a tree of `size`. */
export function bundlesForSize(size: number): TileId[] {
  const out: TileId[] = [];
  const full = Math.floor(size / TILE_WIDTH);
  for (let i = 0; i < full; i++) out.push({ level: -1, index: i, width: TILE_WIDTH });
  if (size % TILE_WIDTH > 0) out.push({ level: -1, index: full, width: size % TILE_WIDTH });
  return out;
}

/** §Log entries: a sequence of big-endian uint16 length-prefixed entries. */
export function encodeBundle(entries: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) fail(VerificationCode.OUT_OF_RANGE, `entry of ${e.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    length += 2 + e.length;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle that must hold exactly `width` entries and nothing after them. */
export function decodeBundle(bytes: Uint8Array, width: number, where = 'entry bundle'): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (out.length === width) fail(VerificationCode.MALFORMED_TILE, `${where}: data after entry ${width - 1}`);
    if (o + 2 > bytes.length) fail(VerificationCode.MALFORMED_TILE, `${where}: truncated length prefix at byte ${o}`);
    const n = (bytes[o]! << 8) | bytes[o + 1]!;
    if (o + 2 + n > bytes.length) fail(VerificationCode.MALFORMED_TILE, `${where}: entry ${out.length} truncated`);
    out.push(bytes.subarray(o + 2, o + 2 + n));
    o += 2 + n;
  }
  if (out.length !== width) fail(VerificationCode.MALFORMED_TILE, `${where}: holds ${out.length} entries, expected ${width}`);
  return out;
}

/** Splits a hash tile into its hashes, checking it is exactly `width` hashes long. */
export function decodeTile(bytes: Uint8Array, width: number, where = 'tile'): Uint8Array[] {
  if (bytes.length !== width * HASH_SIZE) {
    fail(VerificationCode.MALFORMED_TILE, `${where}: ${bytes.length} bytes, expected ${width} hashes (${width * HASH_SIZE} bytes)`);
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < width; i++) out.push(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return out;
}
