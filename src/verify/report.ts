/**
 * What `annex verify` found: counts, timing and one line per problem, each
 * naming what is wrong and where (entry index, table and key, checkpoint
 * size, tile, blob), so an operator can go straight to it.
 */

export type ProblemKind =
  | 'sequence' // ledger indexes not contiguous from 0, or not matching ledger_head.size
  | 'entry' // entry bytes not canonical, malformed, or columns disagreeing with the bytes
  | 'signature' // signature does not verify, or the signing org was never registered
  | 'genesis' // entry 0 is not an organisation registering itself (or not the pinned key)
  | 'leaf' // stored leaf hash differs from SHA-256(0x00 || bytes)
  | 'seal' // sealed body missing, or it does not open the entry's commitment
  | 'replay' // the entry does not apply to the state the earlier entries give
  | 'checkpoint' // signature, size or root of a stored checkpoint
  | 'tile' // a stored hash tile differs from the entries, or is missing
  | 'changed' // a projected row's column differs from what the entries say
  | 'inserted' // a projected row no entry produced
  | 'deleted' // a projected row an entry produced is missing
  | 'blob'; // an evidence file is missing or does not hash to its sha256

export interface Problem {
  kind: ProblemKind;
  /** One line: what and where. */
  message: string;
  /** The ledger entry concerned, when there is one. */
  idx?: number;
  table?: string;
  key?: string;
  column?: string;
}

export interface VerifyCounts {
  /** Entries read from ledger_entries. */
  entries: number;
  /** Entry signatures that verified. */
  signatures: number;
  /** Sealed entries, and how many of them their stored (salt, body) opened. */
  sealed: number;
  sealsOpened: number;
  /** Entries run through their applier without error. */
  replayed: number;
  /** Stored checkpoints that verified (log signature, size and root). */
  checkpoints: number;
  /** Published (witness-cosigned) checkpoints whose log-signed part is a verified stored checkpoint. */
  published: number;
  /** Stored hash tiles that matched the entries. */
  tiles: number;
  /** Rows compared per projected table (rows in the table). */
  rows: Record<string, number>;
  /** Evidence blobs that hashed correctly. */
  blobs: number;
}

export interface GenesisInfo {
  /** The organisation that registered itself in entry 0. */
  org: string;
  /** Its C2SP signed-note verifier key, as in the entry; pin it with --genesis-vkey. */
  vkey: string;
  /** The key ID (8 hex digits), for reading out loud. */
  keyId: string;
}

export interface VerifyReport {
  ok: boolean;
  /** ledger_head.size. */
  size: number;
  /** Base64 RFC 9162 root of the entries read (what a checkpoint at this size must carry). */
  root: string;
  genesis: GenesisInfo | null;
  counts: VerifyCounts;
  seconds: number;
  entriesPerSecond: number;
  /** The first problems found (up to the collector's limit), in the order found. */
  problems: Problem[];
  /** How many problems there were in all. */
  problemCount: number;
  /** Context for reading the problems (e.g. entries that could not be replayed). */
  notes: string[];
}

/** Collects problems, keeping the first `limit` and counting the rest (memory stays bounded). */
export class ProblemList {
  readonly kept: Problem[] = [];
  count = 0;

  constructor(private readonly limit = 1000) {}

  add(p: Problem): void {
    this.count++;
    if (this.kept.length < this.limit) this.kept.push(p);
  }
}

/** A value for a one-line message: JSON, shortened. */
export function show(value: unknown, max = 80): string {
  let s: string;
  if (value === undefined) s = 'absent';
  else if (value instanceof Uint8Array) s = `<${value.length} bytes>`;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The human report: summary lines, then at most `maxProblems` problem lines. */
export function formatVerifyReport(r: VerifyReport, where: string, maxProblems = 100): string {
  const rows = Object.entries(r.counts.rows).map(([t, n]) => `${t} ${n}`).join(', ');
  const lines = [
    `${r.ok ? 'OK' : 'FAILED'} ${where}`,
    `  ledger size        ${r.size}`,
    `  root hash          ${r.root}`,
    r.genesis
      ? `  genesis            ${r.genesis.org}, key ${r.genesis.keyId} (${r.genesis.vkey})`
      : '  genesis            none (empty log or no valid genesis entry)',
    `  entries            ${r.counts.entries} read, ${r.counts.signatures} signatures verified, ${r.counts.replayed} replayed`,
    `  sealed entries     ${r.counts.sealed}, ${r.counts.sealsOpened} opened`,
    `  checkpoints        ${r.counts.checkpoints} verified, ${r.counts.published} published`,
    `  hash tiles         ${r.counts.tiles} verified`,
    `  rows compared      ${rows}`,
    `  evidence blobs     ${r.counts.blobs} verified`,
    `  time               ${r.seconds.toFixed(3)} s`,
    `  throughput         ${Math.round(r.entriesPerSecond)} entries/s`,
  ];
  if (r.problemCount > 0) {
    lines.push(`${r.problemCount} problem${r.problemCount === 1 ? '' : 's'}:`);
    const shown = r.problems.slice(0, maxProblems);
    for (const p of shown) lines.push(`  ${p.message}`);
    if (r.problemCount > shown.length) lines.push(`  … and ${r.problemCount - shown.length} more`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
