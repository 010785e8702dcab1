/**
 * Clause-level diff between two versions of a negotiation text, pure
 * (MISSION.md §7: "new items appeared late"). Clauses are matched by their
 * stable id, so a renumbered or reworded clause is a change, not a removal
 * plus an addition. Each difference is attributed to the version(s) between
 * the two that made it, with the organisation that proposed each one.
 */
import { flattenClauses, type ClauseNode, type FlatClause } from './text.js';

export type ClauseChangeKind = 'added' | 'removed' | 'changed';
/** `position`: reordered among the siblings both versions share; `parent`: moved under another clause. */
export type ClauseField = 'title' | 'text' | 'parent' | 'position';

/** A version as the diff needs it. */
export interface DiffVersion {
  number: number;
  proposed_by: string;
  proposed_at: string;
  clauses: readonly ClauseNode[];
}

export interface ClauseState {
  parent: string | null;
  title: string | null;
  text: string;
}

export interface VersionRef {
  version: number;
  org: string;
  at: string;
}

export interface ClauseChange {
  clause_id: string;
  change: ClauseChangeKind;
  /** For 'changed': what differs. Empty for added/removed. */
  fields: ClauseField[];
  before: ClauseState | null;
  after: ClauseState | null;
  /** The latest version between the two that changed this clause: who put the difference on the table. */
  introduced_in: VersionRef;
  /** Every version between the two that changed this clause, oldest first. */
  changed_in: VersionRef[];
}

export interface TextDiff {
  from: number;
  to: number;
  changes: ClauseChange[];
  summary: Record<ClauseChangeKind, number>;
}

/** Longest common subsequence of two id lists (sibling orders; small, so O(n·m) is fine). */
function lcs(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  }
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keep.add(a[i]!);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

/**
 * Clauses that changed place among their siblings: under each parent, the
 * siblings present under it in both versions keep their order except the
 * fewest needed to explain the new order (so inserting one clause does not
 * mark every later sibling as moved).
 */
function reordered(from: readonly FlatClause[], to: readonly FlatClause[]): Set<string> {
  const group = (list: readonly FlatClause[], other: Map<string, FlatClause>) => {
    const byParent = new Map<string, string[]>();
    for (const c of list) {
      const o = other.get(c.id);
      if (!o || o.parent !== c.parent) continue;
      const key = c.parent ?? '';
      (byParent.get(key) ?? byParent.set(key, []).get(key)!).push(c.id);
    }
    return byParent;
  };
  const fromMap = new Map(from.map((c) => [c.id, c]));
  const toMap = new Map(to.map((c) => [c.id, c]));
  const a = group(from, toMap);
  const b = group(to, fromMap);
  const moved = new Set<string>();
  for (const [parent, ids] of a) {
    const kept = lcs(ids, b.get(parent) ?? []);
    for (const id of ids) if (!kept.has(id)) moved.add(id);
  }
  return moved;
}

function stateOf(c: FlatClause): ClauseState {
  return { parent: c.parent, title: c.title, text: c.text };
}

/** Differences from version `a` to version `b` by clause id, without attribution. */
function compare(a: readonly ClauseNode[], b: readonly ClauseNode[]): Array<Omit<ClauseChange, 'introduced_in' | 'changed_in'>> {
  const from = flattenClauses(a);
  const to = flattenClauses(b);
  const fromMap = new Map(from.map((c) => [c.id, c]));
  const toMap = new Map(to.map((c) => [c.id, c]));
  const moved = reordered(from, to);
  const out: Array<Omit<ClauseChange, 'introduced_in' | 'changed_in'>> = [];
  for (const c of to) {
    const before = fromMap.get(c.id);
    if (!before) {
      out.push({ clause_id: c.id, change: 'added', fields: [], before: null, after: stateOf(c) });
      continue;
    }
    const fields: ClauseField[] = [];
    if (before.title !== c.title) fields.push('title');
    if (before.text !== c.text) fields.push('text');
    if (before.parent !== c.parent) fields.push('parent');
    if (moved.has(c.id)) fields.push('position');
    if (fields.length > 0) out.push({ clause_id: c.id, change: 'changed', fields, before: stateOf(before), after: stateOf(c) });
  }
  for (const c of from) {
    if (!toMap.has(c.id)) out.push({ clause_id: c.id, change: 'removed', fields: [], before: stateOf(c), after: null });
  }
  return out;
}

/**
 * The diff from version `from` to version `to` (either order). `versions`
 * must hold every version from the lower to the higher number: a clause's
 * difference is attributed to each version in between whose step changed
 * that clause, and `introduced_in` names the latest of them.
 */
export function diffVersions(versions: readonly DiffVersion[], from: number, to: number): TextDiff {
  const byNumber = new Map(versions.map((v) => [v.number, v]));
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  for (let n = lo; n <= hi; n++) if (!byNumber.has(n)) throw new Error(`diffVersions needs version ${n}`);
  const changes = compare(byNumber.get(from)!.clauses, byNumber.get(to)!.clauses);
  // Which clauses each step lo→lo+1→…→hi touched.
  const steps: Array<{ ref: VersionRef; touched: Set<string> }> = [];
  for (let n = lo + 1; n <= hi; n++) {
    const v = byNumber.get(n)!;
    const touched = new Set(compare(byNumber.get(n - 1)!.clauses, v.clauses).map((c) => c.clause_id));
    steps.push({ ref: { version: n, org: v.proposed_by, at: v.proposed_at }, touched });
  }
  const summary: Record<ClauseChangeKind, number> = { added: 0, removed: 0, changed: 0 };
  const attributed = changes.map((c): ClauseChange => {
    summary[c.change]++;
    const changedIn = steps.filter((s) => s.touched.has(c.clause_id)).map((s) => s.ref);
    // A difference between two versions needs at least one step that made it; a position change
    // can come from siblings moving around it, so fall back to the latest step in the range.
    const introduced = changedIn.at(-1) ?? steps.at(-1)!.ref;
    return { ...c, introduced_in: introduced, changed_in: changedIn };
  });
  return { from, to, changes: attributed, summary };
}
