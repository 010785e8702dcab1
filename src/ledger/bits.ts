/**
 * Bit arithmetic on non-negative safe integers (< 2^53). JavaScript's bitwise
 * operators truncate to 32 bits, so tree indexes above 2^32 go through these.
 * Annex accepts tree sizes up to Number.MAX_SAFE_INTEGER; larger values are
 * rejected as OUT_OF_RANGE before they reach this module.
 */
const TWO32 = 0x1_0000_0000;

export function bitLength(x: number): number {
  if (x < TWO32) return 32 - Math.clz32(x);
  return 64 - Math.clz32(Math.floor(x / TWO32));
}

export function popCount(x: number): number {
  return popCount32(x >>> 0) + (x < TWO32 ? 0 : popCount32(Math.floor(x / TWO32)));
}

function popCount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function trailingZeros(x: number): number {
  if (x === 0) return 64;
  const lo = x >>> 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  return 32 + trailingZeros(Math.floor(x / TWO32));
}

export function xor(a: number, b: number): number {
  if (a < TWO32 && b < TWO32) return (a ^ b) >>> 0;
  const hi = (Math.floor(a / TWO32) ^ Math.floor(b / TWO32)) >>> 0;
  return hi * TWO32 + (((a >>> 0) ^ (b >>> 0)) >>> 0);
}

export function shiftRight(x: number, n: number): number {
  if (n === 0) return x;
  if (x < TWO32 && n < 32) return x >>> n;
  return Math.floor(x / 2 ** n);
}

/** Bit n (0 = least significant) of x. */
export function bit(x: number, n: number): number {
  return shiftRight(x, n) % 2;
}

/** Largest power of two strictly less than n (RFC 9162 §2.1.1's k), n > 1. */
export function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

export function isSafeIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}
