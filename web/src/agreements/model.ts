/**
 * Pure helpers of the agreement screens (no React, no fetch): the layout of a
 * side-by-side clause diff, a word-level diff inside a changed clause, each
 * party's signed history on a text version, and date ranges. Unit-tested in
 * model.test.ts.
 */
import type { ActionItem, Attribution, ClauseState, Deadline, TextDiff } from './api.js';

/** One row of the side-by-side diff: the clause in the older version (start column) and in the newer one (end column). */
export interface DiffRow {
  clauseId: string;
  change: 'added' | 'removed' | 'changed';
  fields: string[];
  before: ClauseState | null;
  after: ClauseState | null;
  /** For a changed text: the words kept, removed and added (null otherwise). */
  words: { before: Segment[]; after: Segment[] } | null;
  /** Who proposed the change(s) between the two versions, in version order, each once per version. */
  proposedBy: Attribution[];
}

export interface Segment {
  op: 'same' | 'del' | 'add';
  text: string;
}

/** Clause ids as written ("C2", "C10", "C2.1"): numbers compare as numbers. */
export function compareClauseIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The rows of the side-by-side diff, in clause order, each with who proposed it. */
export function layoutDiff(diff: TextDiff): DiffRow[] {
  return [...diff.changes]
    .sort((x, y) => compareClauseIds(x.clause_id, y.clause_id))
    .map((c) => {
      const attributions = c.changed_in.length > 0 ? c.changed_in : [c.introduced_in];
      const seen = new Set<string>();
      const proposedBy = [...attributions]
        .sort((x, y) => x.version - y.version)
        .filter((a) => {
          const k = `${a.version}/${a.org}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      const words = c.change === 'changed' && c.before && c.after && c.before.text !== c.after.text ? wordDiff(c.before.text, c.after.text) : null;
      return { clauseId: c.clause_id, change: c.change, fields: [...c.fields], before: c.before, after: c.after, words, proposedBy };
    });
}

/** Words, each with the spaces after it (so a lone common space never splits a change); joined they give back the text. */
function tokens(s: string): string[] {
  return s.match(/\s+|\S+\s*/g) ?? [];
}

function push(out: Segment[], op: Segment['op'], text: string): void {
  const last = out.at(-1);
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/**
 * A word-level diff (longest common subsequence of tokens): the old text as
 * kept and deleted runs, the new one as kept and added runs. Long texts
 * (over 4,000 tokens together) are shown as replaced whole.
 */
export function wordDiff(a: string, b: string): { before: Segment[]; after: Segment[] } {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length + y.length > 4000) return { before: a ? [{ op: 'del', text: a }] : [], after: b ? [{ op: 'add', text: b }] : [] };
  const n = x.length;
  const m = y.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const before: Segment[] = [];
  const after: Segment[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push(before, 'same', x[i]!);
      push(after, 'same', y[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push(before, 'del', x[i++]!);
    } else {
      push(after, 'add', y[j++]!);
    }
  }
  while (i < n) push(before, 'del', x[i++]!);
  while (j < m) push(after, 'add', y[j++]!);
  return { before, after };
}

/** One party's signed actions on one version, oldest first: "accepted at 02:14, retracted at 02:21". */
export function partyHistory(history: readonly ActionItem[], version: number, org: string): Array<{ action: string; at: string; index: number }> {
  return history
    .filter((h) => h.version === version && h.org === org && h.action !== 'propose')
    .sort((p, q) => p.entry_index - q.entry_index)
    .map((h) => ({ action: h.action, at: h.at, index: h.entry_index }));
}

/** The default pair of versions to compare: the one before the latest, and the latest. */
export function defaultDiffPair(numbers: readonly number[]): { from: number; to: number } | null {
  const sorted = [...numbers].sort((p, q) => p - q);
  if (sorted.length < 2) return null;
  return { from: sorted.at(-2)!, to: sorted.at(-1)! };
}

/** A deadline as shown: a calendar date, or "D+N" days after the ceasefire's D-day. */
export function deadlineParts(d: Deadline): { kind: 'date'; date: string } | { kind: 'relative'; days: number } {
  return 'date' in d ? { kind: 'date', date: d.date } : { kind: 'relative', days: d.days };
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The weeks shown for closure totals: `weeks` ISO weeks (Monday to Sunday, UTC; both dates inclusive) ending with the current one. */
export function closureRange(now: Date, weeks = 8): { from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return { from: isoDay(monday - (weeks - 1) * 7 * DAY), to: isoDay(monday + 6 * DAY) };
}

/** Hours as shown in the totals: whole hours below 10, one decimal otherwise dropped. */
export function roundHours(h: number): number {
  return Math.round(h * 10) / 10;
}
