/** Small helpers for the Annex benchmarks: timing, statistics, a seeded PRNG, test entries. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { canonicalize } from '../src/ledger/canonical-json.js';

// A full GC between timed passes, so no pass pays for the previous one's
// garbage (package.json runs node without --expose-gc).
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

export function gc(): void {
  fullGc();
}

/** Seconds taken by `fn`, wall clock, via process.hrtime.bigint(), after a full GC. */
export function seconds(fn: () => void): number {
  gc();
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function secondsAsync(fn: () => Promise<void>): Promise<number> {
  gc();
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** mulberry32: deterministic, fast, good enough for picking indexes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct-ish random integers in [0, n), reproducible from `seed`. */
export function randomIndexes(count: number, n: number, seed: number): number[] {
  const r = prng(seed);
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(r() * n);
  return out;
}

const ORGS = ['PAK', 'IND', 'UNMOGIP', 'ICRC', 'OBS-01'];
const TYPES = ['incident.filed', 'incident.updated', 'report.submitted', 'observation.logged'];
const KINDS = ['shelling', 'small_arms', 'drone_sighting', 'troop_movement', 'ceasefire_violation'];

/**
 * `count` realistic ledger entries: RFC 8785 canonical JSON envelopes (keys
 * sorted, no whitespace) with a 64-byte base64 signature, ~250 bytes each.
 * All live in one ArrayBuffer; the entries are subarray views into it.
 */
export function makeEntries(count: number, seed = 42): { entries: Uint8Array[]; totalBytes: number } {
  const r = prng(seed);
  // Pseudo-random "signatures", deterministic from the seed.
  const sigBytes = Buffer.alloc(64 * count);
  for (let i = 0; i < sigBytes.length; i += 4) sigBytes.writeUInt32LE(Math.floor(r() * 4294967296), i);
  const base = Date.UTC(2025, 9, 30, 12, 0, 0);
  const text = (i: number): string =>
    // Keys in RFC 8785 order (UTF-16 code unit order), no whitespace: canonical JSON.
    `{"at":"${new Date(base + i * 1337).toISOString()}","body":{"kind":"${KINDS[i % KINDS.length]}","seq":${i}},` +
    `"org":"${ORGS[i % ORGS.length]}","sig":"${sigBytes.toString('base64', i * 64, i * 64 + 64)}",` +
    `"subject":"INC-2025-${String(i % 100_000).padStart(5, '0')}","type":"${TYPES[i % TYPES.length]}","user":"u-${(i * 31) % 5000}","v":1}`;
  // Spot-check that the synthetic entries really are canonical JSON.
  for (const i of [0, 1, count >> 1, count - 1]) {
    const t = text(i);
    if (canonicalize(JSON.parse(t)) !== t) throw new Error(`synthetic entry ${i} is not canonical JSON: ${t}`);
  }
  // Encode straight into one buffer (each string dies young), then view it.
  let buf = new Uint8Array(count * 320);
  const enc = new TextEncoder();
  const ends = new Uint32Array(count);
  let o = 0;
  for (let i = 0; i < count; i++) {
    const t = text(i);
    if (o + 4 * t.length > buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf.subarray(0, o));
      buf = bigger;
    }
    const { read, written } = enc.encodeInto(t, buf.subarray(o));
    if (read !== t.length || written !== t.length) throw new Error('entry encoding is not ASCII');
    o += written;
    ends[i] = o;
  }
  buf = buf.slice(0, o);
  const entries: Uint8Array[] = new Array(count);
  for (let i = 0, start = 0; i < count; i++) {
    entries[i] = buf.subarray(start, ends[i]!);
    start = ends[i]!;
  }
  return { entries, totalBytes: o };
}

export function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(3)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(1)} /s`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
