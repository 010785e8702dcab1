/**
 * The clause editor of the "propose a version" form, pure (no React, no
 * fetch): a version's clause tree as a flat list of editable rows in
 * document order, each naming its parent row; the edits (add, remove, move
 * among siblings, put under another clause); the checks the server makes
 * (src/domain/text.ts clauseTreeProblem, the clause schema's limits), as
 * codes the form words in the user's language; the tree sent back; and what
 * changes against the base version — computed by the server's own diff
 * (src/domain/text-diff.ts), so the preview and the recorded diff agree.
 * Unit-tested in clause-model.test.ts.
 */
import { diffVersions, type ClauseField } from '../../../../src/domain/text-diff.js';
import type { ClauseNode, ProposeBody } from '../../agreements/text-actions-api.js';
import { CLAUSE_ID, LIMITS, MAX_CLAUSE_DEPTH, MAX_CLAUSES } from './limits.js';

export interface ClauseRow {
  /** Stable for the row's life (React key; what `parent` names): `c:<id>` for a clause of the base version, `n:<seq>` for a new one. */
  key: string;
  /** The clause id: read-only for a clause of the base version (ids stay the same across versions), typed for a new one. */
  id: string;
  fromBase: boolean;
  /** The parent row's key; null at the top level. */
  parent: string | null;
  title: string;
  text: string;
  /** The base clause carried an empty title (kept as it was, so an untouched clause does not count as changed). */
  emptyTitle?: boolean;
}

/** The clause tree of the base version as rows, in document order. */
export function rowsFromClauses(clauses: readonly ClauseNode[]): ClauseRow[] {
  const out: ClauseRow[] = [];
  const walk = (nodes: readonly ClauseNode[], parent: string | null) => {
    for (const n of nodes) {
      const key = `c:${n.id}`;
      out.push({ key, id: n.id, fromBase: true, parent, title: n.title ?? '', text: n.text, ...(n.title === '' ? { emptyTitle: true } : {}) });
      if (n.children) walk(n.children, key);
    }
  };
  walk(clauses, null);
  return out;
}

export interface PlacedRow {
  row: ClauseRow;
  /** 1 at the top level. */
  depth: number;
  /** Index among its siblings, and how many siblings there are (itself included). */
  index: number;
  siblings: number;
}

/** The rows in document order (each parent before its children, siblings in list order), with depth and place. */
export function layout(rows: readonly ClauseRow[]): PlacedRow[] {
  const keys = new Set(rows.map((r) => r.key));
  const children = new Map<string | null, ClauseRow[]>();
  for (const r of rows) {
    const p = r.parent !== null && keys.has(r.parent) && r.parent !== r.key ? r.parent : null;
    (children.get(p) ?? children.set(p, []).get(p)!).push(r);
  }
  const out: PlacedRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((row, index) => {
      if (seen.has(row.key)) return;
      seen.add(row.key);
      out.push({ row, depth, index, siblings: list.length });
      walk(row.key, depth + 1);
    });
  };
  walk(null, 1);
  // Rows caught in a loop of parents (the edits never make one) are not lost: they follow at the top level.
  for (const row of rows) if (!seen.has(row.key)) out.push({ row: { ...row, parent: null }, depth: 1, index: 0, siblings: 1 });
  return out;
}

const normalise = (rows: readonly ClauseRow[]): ClauseRow[] => layout(rows).map((p) => p.row);

/** The keys of the row's sub-clauses, at any depth. */
export function descendants(rows: readonly ClauseRow[], key: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (r.parent !== null && (r.parent === key || out.has(r.parent)) && !out.has(r.key)) {
        out.add(r.key);
        grew = true;
      }
    }
  }
  return out;
}

/** A new, empty top-level clause at the end. */
export function addRow(rows: readonly ClauseRow[], seq: number): ClauseRow[] {
  return [...rows, { key: `n:${seq}`, id: '', fromBase: false, parent: null, title: '', text: '' }];
}

export function updateRow(rows: readonly ClauseRow[], key: string, patch: Partial<Pick<ClauseRow, 'id' | 'title' | 'text'>>): ClauseRow[] {
  return rows.map((r) => {
    if (r.key !== key) return r;
    const next = { ...r, ...patch };
    if (patch.title !== undefined && patch.title !== '') delete next.emptyTitle;
    return next;
  });
}

/** Removes one clause; its sub-clauses move up to its parent, in its place (nothing else is removed with it). */
export function removeRow(rows: readonly ClauseRow[], key: string): ClauseRow[] {
  const gone = rows.find((r) => r.key === key);
  if (!gone) return [...rows];
  return normalise(rows.filter((r) => r.key !== key).map((r) => (r.parent === key ? { ...r, parent: gone.parent } : r)));
}

/** Moves a clause (with its sub-clauses) one place up (-1) or down (+1) among its siblings. */
export function moveRow(rows: readonly ClauseRow[], key: string, delta: -1 | 1): ClauseRow[] {
  const row = rows.find((r) => r.key === key);
  if (!row) return [...rows];
  const siblings = rows.filter((r) => r.parent === row.parent);
  const other = siblings[siblings.indexOf(row) + delta];
  if (!other) return [...rows];
  const out = [...rows];
  const a = out.indexOf(row);
  const b = out.indexOf(other);
  out[a] = other;
  out[b] = row;
  return normalise(out);
}

/** The clauses a row may be put under: any but itself and its own sub-clauses, in document order. */
export function parentChoices(rows: readonly ClauseRow[], key: string): ClauseRow[] {
  const own = descendants(rows, key);
  return layout(rows).map((p) => p.row).filter((r) => r.key !== key && !own.has(r.key));
}

/** Puts a clause (with its sub-clauses) under another one, as its last sub-clause, or at the end of the top level (null). */
export function setParent(rows: readonly ClauseRow[], key: string, parent: string | null): ClauseRow[] {
  const own = descendants(rows, key);
  if (parent === key || (parent !== null && own.has(parent))) return [...rows];
  const moving = rows.filter((r) => r.key === key || own.has(r.key)).map((r) => (r.key === key ? { ...r, parent } : r));
  return normalise([...rows.filter((r) => r.key !== key && !own.has(r.key)), ...moving]);
}

/** The clause tree the rows describe, as the API takes it. */
export function toClauses(rows: readonly ClauseRow[]): ClauseNode[] {
  const placed = layout(rows);
  const nodes = new Map<string, ClauseNode>();
  const roots: ClauseNode[] = [];
  for (const { row } of placed) {
    const node: ClauseNode = { id: row.id.trim(), ...(row.title !== '' || row.emptyTitle ? { title: row.title } : {}), text: row.text };
    nodes.set(row.key, node);
    const parent = row.parent === null ? undefined : nodes.get(row.parent);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export type ProblemCode =
  | 'noClauses' | 'tooMany' | 'idMissing' | 'idPattern' | 'idTwice' | 'empty' | 'titleLong' | 'textLong' | 'tooDeep' | 'tooManySiblings';

/** What the server would refuse, per row (key null: the whole tree); the form words each code. */
export interface RowProblem {
  key: string | null;
  code: ProblemCode;
  field?: 'id' | 'title' | 'text';
  max?: number;
}

export function problems(rows: readonly ClauseRow[]): RowProblem[] {
  const out: RowProblem[] = [];
  if (rows.length === 0) out.push({ key: null, code: 'noClauses' });
  if (rows.length > MAX_CLAUSES) out.push({ key: null, code: 'tooMany', max: MAX_CLAUSES });
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.id.trim(), (count.get(r.id.trim()) ?? 0) + 1);
  for (const { row, depth, index } of layout(rows)) {
    const id = row.id.trim();
    if (!row.fromBase) {
      if (id === '') out.push({ key: row.key, code: 'idMissing', field: 'id' });
      else if (!CLAUSE_ID.test(id)) out.push({ key: row.key, code: 'idPattern', field: 'id' });
    }
    if (id !== '' && count.get(id)! > 1) out.push({ key: row.key, code: 'idTwice', field: 'id' });
    if (row.title.trim() === '' && row.text.trim() === '') out.push({ key: row.key, code: 'empty', field: 'text' });
    if (row.title.length > LIMITS.clauseTitle) out.push({ key: row.key, code: 'titleLong', field: 'title', max: LIMITS.clauseTitle });
    if (row.text.length > LIMITS.clauseText) out.push({ key: row.key, code: 'textLong', field: 'text', max: LIMITS.clauseText });
    if (depth > MAX_CLAUSE_DEPTH) out.push({ key: row.key, code: 'tooDeep', max: MAX_CLAUSE_DEPTH });
    if (index === LIMITS.siblings) out.push({ key: row.key, code: 'tooManySiblings', max: LIMITS.siblings });
  }
  return out;
}

export interface ChangeSummary {
  added: string[];
  removed: string[];
  changed: Array<{ id: string; fields: ClauseField[] }>;
}

/** What the proposal changes against the base version (no base: every clause is added), in document order. */
export function changeSummary(base: readonly ClauseNode[], next: readonly ClauseNode[]): ChangeSummary {
  const at = '1970-01-01T00:00:00.000Z';
  const diff = diffVersions([{ number: 1, proposed_by: '', proposed_at: at, clauses: base }, { number: 2, proposed_by: '', proposed_at: at, clauses: next }], 1, 2);
  const out: ChangeSummary = { added: [], removed: [], changed: [] };
  for (const c of diff.changes) {
    if (c.change === 'added') out.added.push(c.clause_id);
    else if (c.change === 'removed') out.removed.push(c.clause_id);
    else out.changed.push({ id: c.clause_id, fields: [...c.fields] });
  }
  return out;
}

export function isUnchanged(s: ChangeSummary): boolean {
  return s.added.length === 0 && s.removed.length === 0 && s.changed.length === 0;
}

/**
 * Whether a proposal says nothing new: the same clauses as its base, and not
 * putting forward as final a base that was not (re-proposing a draft's exact
 * words as the final text is a step of its own).
 */
export function saysNothingNew(s: ChangeSummary, opts: { baseFinal: boolean; final: boolean }): boolean {
  return isUnchanged(s) && !(opts.final && !opts.baseFinal);
}

/** The request body: the whole tree, the version it was drafted from, final or not, the note when given. */
export function proposeBody(rows: readonly ClauseRow[], opts: { basedOn: number | null; final: boolean; note: string }): ProposeBody {
  const note = opts.note.trim();
  return {
    clauses: toClauses(rows),
    ...(opts.basedOn !== null ? { based_on: opts.basedOn } : {}),
    ...(opts.final ? { final: true } : {}),
    ...(note ? { note } : {}),
  };
}
