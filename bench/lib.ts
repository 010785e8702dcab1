/** Small helpers for the Annex benchmarks: timing, statistics, a seeded PRNG, test entries. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { canonicalize, type JsonObject } from '../src/ledger/canonical-json.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { sealBody, signEntry, type UnsignedEntry } from '../src/ledger/entry.js';
import { MerkleHasher } from '../src/ledger/hasher.js';
import type { NewEntry } from '../src/store/repositories/ledger.js';

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

// ---------------------------------------------------------------------------
// Store benchmarks (bench/store.ts): signed entries, PostgreSQL databases, concurrency.

export interface SignedEntries {
  /** Ready for appendEntries: canonical bytes, leaf hash, columns, and the seal of sealed entries. */
  entries: NewEntry[];
  totalBytes: number;
  sealed: number;
  /** Seconds spent in signEntry (canonical form, Ed25519 signature, parse back) and sealBody. */
  signSeconds: number;
  /** Seconds spent computing leaf hashes. */
  hashSeconds: number;
}

const SIGNED_TYPES = ['incident.filed', 'incident.triaged', 'incident.notice_sent', 'incident.acknowledged'] as const;
const PLACES = [
  { country: 'Afghanistan', admin1: 'Kandahar', location: 'Weesh', latitude: 30.99, longitude: 66.39 },
  { country: 'Pakistan', admin1: 'Balochistan', location: 'Chaman', latitude: 30.92, longitude: 66.45 },
  { country: 'Afghanistan', admin1: 'Nangarhar', location: 'Torkham', latitude: 34.1, longitude: 71.09 },
];

/**
 * `count` realistic Annex ledger entries, really signed (signEntry, node:crypto
 * Ed25519) by a few organisations: incident filings and lifecycle steps,
 * half of them sealed (the envelope carries the commitment and its audience,
 * the NewEntry the seal row: salt and canonical body), as the recorder writes them.
 * Envelopes are ~300–600 bytes. Deterministic content, fresh keys and salts.
 */
export function makeSignedEntries(count: number, seed = 7): SignedEntries {
  const r = prng(seed);
  const orgs = ['AFG', 'PAK', 'SEC', 'TUR'];
  const seeds = new Map(orgs.map((o) => [o, nodeCrypto.randomBytes(32)]));
  const hasher = new MerkleHasher(nodeCrypto);
  const base = Date.UTC(2025, 9, 20, 8, 0, 0);
  const entries: NewEntry[] = new Array(count);
  const leafInput: Uint8Array[] = new Array(count);
  let totalBytes = 0;
  let sealed = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const type = SIGNED_TYPES[i % SIGNED_TYPES.length]!;
    const incident = `INC-2025-${String(1 + (i >> 2)).padStart(5, '0')}`;
    const complainant = (i >> 2) % 2 === 0 ? 'AFG' : 'PAK';
    const accused = complainant === 'AFG' ? 'PAK' : 'AFG';
    let org = complainant;
    let body: JsonObject;
    if (type === 'incident.filed') {
      const p = PLACES[i % PLACES.length]!;
      body = {
        id: incident, title: `Mortar fire near ${p.location}`, channel: 'party', visibility: 'parties',
        accused_party: accused, clause_refs: ['C1'], category: 'offensive_fire', severity: 'high', event_date: '2025-10-15',
        time_precision: 1, place: { ...p, latitude: Math.round(p.latitude * 1e4 + r() * 100) / 1e4, longitude: Math.round(p.longitude * 1e4 + r() * 100) / 1e4, geo_precision: 2 },
        casualties: { fatalities: Math.floor(r() * 3), injured: Math.floor(r() * 5) },
      };
    } else if (type === 'incident.triaged') {
      org = 'SEC';
      body = { decision: 'accepted', accused_party: accused, clause_refs: ['C1'], category: 'offensive_fire', severity: 'medium' };
    } else if (type === 'incident.notice_sent') {
      org = 'TUR';
      body = { to: accused, note: `Formal notice of complaint ${incident} under clause C1.` };
    } else {
      org = accused;
      body = { note: 'Received; the district command is looking into it.' };
    }
    const fields = { v: 1 as const, type, at: new Date(base + i * 250).toISOString(), org, user: `${org.toLowerCase()}-liaison`, subject: incident };
    let unsigned: UnsignedEntry;
    let seal: NewEntry['seal'];
    if (r() < 0.5) {
      unsigned = { ...fields, body };
    } else {
      const s = sealBody(nodeCrypto, body);
      unsigned = { ...fields, sealed: s.sealed, vis: 'parties' };
      seal = { salt: s.salt, body: canonicalize(body) };
      sealed++;
    }
    const { bytes } = signEntry(nodeCrypto, unsigned, seeds.get(org)!);
    totalBytes += bytes.length;
    leafInput[i] = bytes;
    entries[i] = { bytes, leafHash: new Uint8Array(0), type, subject: incident, org, at: fields.at, seal };
  }
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) entries[i]!.leafHash = hasher.hashLeaf(leafInput[i]!);
  const t2 = process.hrtime.bigint();
  return { entries, totalBytes, sealed, signSeconds: Number(t1 - t0) / 1e9, hashSeconds: Number(t2 - t1) / 1e9 };
}

export const PG_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new, empty PostgreSQL database on PG_BASE's server (undefined when it is unreachable), and how to drop it. */
export async function freshPgDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: PG_BASE });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`postgres: not measured: ${PG_BASE} is unreachable (${(e as Error).message})`);
    return undefined;
  }
  const name = `annex_bench_${label}_${process.pid}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_BASE);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs fn(0) … fn(count-1), at most `concurrency` at a time; rejects with the first failure. */
export async function runConcurrently(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
