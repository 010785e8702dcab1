/**
 * The auditor's comparison (`annex witness check`): fetch each witness's
 * latest cosigned checkpoint of each log (`GET <witness>/checkpoints/<origin>`),
 * add checkpoint notes the auditor kept, and compare every pair of distinct
 * trees: one size with two roots is a split view; of two sizes, the smaller
 * must be a prefix of the larger, checked with the log's tiles when its URL
 * is known (./tiles-check.ts). Optionally every note is also posted to every
 * witness's `/gossip`, so the witnesses compare (and freeze) themselves.
 */
import { fromUtf8, toBase64 } from '../ledger/bytes.js';
import type { MerkleHasher } from '../ledger/hasher.js';
import type { Alarm } from './alarms.js';
import type { KnownLog } from './config.js';
import { WitnessError } from './errors.js';
import { fetchBytes, fetchResource } from './fetch-bytes.js';
import { openLogCheckpoint, type OpenedCheckpoint } from './open-checkpoint.js';
import { checkWithTiles } from './tiles-check.js';

export interface Sighting {
  readonly source: string;
  readonly opened?: OpenedCheckpoint;
  readonly error?: string;
}

export interface Finding {
  readonly kind: 'split-view' | 'inconsistent';
  readonly sources: readonly [string, string];
  readonly message: string;
  readonly notes: readonly [string, string];
}

export interface LogCheck {
  readonly origin: string;
  readonly sightings: Sighting[];
  readonly findings: Finding[];
  /** Pairs that could not be compared, and why. */
  readonly undecided: string[];
  /** Alarms the witnesses reported when the notes were posted to them. */
  readonly witnessAlarms: Array<{ witness: string; alarm: Alarm }>;
}

export interface CheckOptions {
  readonly hasher: MerkleHasher;
  readonly logs: ReadonlyMap<string, KnownLog>;
  /** Witness base URLs, each ending in '/'. */
  readonly witnesses: readonly string[];
  readonly notes: ReadonlyArray<{ source: string; text: string }>;
  readonly post: boolean;
}

const MAX_NOTE = 64 << 10;
const message = (e: unknown): string => (e instanceof WitnessError ? `${e.code}: ${e.message}` : (e as Error).message);

async function sight(logs: ReadonlyMap<string, KnownLog>, witness: string, origin: string): Promise<Sighting> {
  const source = witness;
  try {
    const r = await fetchBytes(`${witness}checkpoints/${encodeURIComponent(origin)}`, { maxBytes: MAX_NOTE });
    if (r.status === 404) return { source, error: 'has cosigned nothing for this log' };
    if (r.status !== 200) return { source, error: `HTTP ${r.status}` };
    return { source, opened: openLogCheckpoint(logs, fromUtf8(r.bytes)) };
  } catch (e) {
    return { source, error: message(e) };
  }
}

async function compare(hasher: MerkleHasher, a: Sighting, b: Sighting, out: LogCheck): Promise<void> {
  const [x, y] = [a.opened!, b.opened!];
  const cx = x.checkpoint;
  const cy = y.checkpoint;
  if (cx.size === cy.size) {
    out.findings.push({
      kind: 'split-view', sources: [a.source, b.source], notes: [x.note, y.note],
      message: `size ${cx.size} with two roots: ${toBase64(cx.root)} (${a.source}) and ${toBase64(cy.root)} (${b.source})`,
    });
    return;
  }
  const [s, l] = cx.size < cy.size ? [a, b] : [b, a];
  const url = x.log.url;
  if (!url) {
    out.undecided.push(`${s.source} (size ${s.opened!.checkpoint.size}) and ${l.source} (size ${l.opened!.checkpoint.size}): no tiles URL for this log`);
    return;
  }
  try {
    const v = await checkWithTiles(hasher, s.opened!.checkpoint, l.opened!.checkpoint, (p) => fetchResource(new URL(p, url).href, 256 * 32));
    if (v.kind === 'tiles-mismatch') out.undecided.push(`${l.source}: ${v.message}`);
    if (v.kind === 'inconsistent') {
      out.findings.push({
        kind: 'inconsistent', sources: [s.source, l.source], notes: [s.opened!.note, l.opened!.note],
        message: `size ${s.opened!.checkpoint.size} (${s.source}) is not a prefix of size ${l.opened!.checkpoint.size} (${l.source}) per the log's tiles`,
      });
    }
  } catch (e) {
    out.undecided.push(`${s.source} and ${l.source}: cannot read the log's tiles: ${message(e)}`);
  }
}

export async function checkLogs(o: CheckOptions): Promise<LogCheck[]> {
  const reports: LogCheck[] = [];
  for (const log of o.logs.values()) {
    const out: LogCheck = { origin: log.origin, sightings: [], findings: [], undecided: [], witnessAlarms: [] };
    out.sightings.push(...(await Promise.all(o.witnesses.map((w) => sight(o.logs, w, log.origin)))));
    for (const n of o.notes) {
      try {
        const opened = openLogCheckpoint(o.logs, n.text);
        if (opened.log.origin === log.origin) out.sightings.push({ source: n.source, opened });
      } catch (e) {
        if (o.logs.size === 1) out.sightings.push({ source: n.source, error: message(e) });
      }
    }
    // One representative per distinct tree.
    const trees = new Map<string, Sighting>();
    for (const s of out.sightings) {
      if (!s.opened) continue;
      const key = `${s.opened.checkpoint.size} ${toBase64(s.opened.checkpoint.root)}`;
      if (!trees.has(key)) trees.set(key, s);
    }
    const distinct = [...trees.values()];
    for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) await compare(o.hasher, distinct[i]!, distinct[j]!, out);
    if (o.post) {
      for (const w of o.witnesses) {
        for (const s of distinct) {
          try {
            const r = await fetchBytes(`${w}gossip`, { method: 'POST', body: s.opened!.note, maxBytes: 1 << 20 });
            if (r.status !== 409) continue;
            const verdict = JSON.parse(fromUtf8(r.bytes)) as { alarms?: Alarm[] };
            for (const alarm of verdict.alarms ?? []) {
              if (!out.witnessAlarms.some((x) => x.witness === w && x.alarm.id === alarm.id)) out.witnessAlarms.push({ witness: w, alarm });
            }
          } catch {
            /* a witness that cannot be reached was already reported when fetching */
          }
        }
      }
    }
    reports.push(out);
  }
  return reports;
}
