/**
 * Negotiation texts (DOMAIN.md "Negotiation text"), pure: the clause tree of
 * a version, its shape rules, its flat form (for the diff) and its hash.
 *
 * A version's hash is what a party's signed acceptance binds to: SHA-256 over
 * the RFC 8785 canonical JSON of `{ document, version, clauses }`. The
 * document id and the version number are inside it so an acceptance of v3 of
 * one text can never be replayed as an acceptance of the same words in
 * another text or version. Anyone holding the version (as the API returns it)
 * recomputes the hash with any RFC 8785 implementation.
 */
import { toHex } from '../ledger/bytes.js';
import { canonicalBytes } from '../ledger/canonical-json.js';
import { nobleCrypto } from '../ledger/crypto-noble.js';

/** One clause: a stable id (kept across versions), an optional heading, its words, and sub-clauses in order. */
export interface ClauseNode {
  id: string;
  title?: string | undefined;
  text: string;
  children?: ClauseNode[] | undefined;
}

/** Limits on a clause tree (the envelope's JSON nesting limit is 64; each level costs two). */
export const MAX_CLAUSE_DEPTH = 6;
export const MAX_CLAUSES = 500;

export const TEXT_ID = /^TXT-\d{4}-\d{4,6}$/;
export const AGENDA_ID = /^AGD-\d{4}-\d{4,6}$/;

export function nextTextId(year: number, lastNumber: number): string {
  return `TXT-${year}-${String(lastNumber + 1).padStart(4, '0')}`;
}

export function nextAgendaId(year: number, lastNumber: number): string {
  return `AGD-${year}-${String(lastNumber + 1).padStart(4, '0')}`;
}

/** The key of a version's row: 'TXT-2025-0001/v3'. */
export function versionKey(documentId: string, version: number): string {
  return `${documentId}/v${version}`;
}

/** A clause as the diff sees it: where it sits and what it says. */
export interface FlatClause {
  id: string;
  parent: string | null;
  /** Index among its siblings. */
  position: number;
  depth: number;
  title: string | null;
  text: string;
}

/** The tree in document order (pre-order), each clause with its parent and position. */
export function flattenClauses(clauses: readonly ClauseNode[]): FlatClause[] {
  const out: FlatClause[] = [];
  const walk = (nodes: readonly ClauseNode[], parent: string | null, depth: number) => {
    nodes.forEach((n, position) => {
      out.push({ id: n.id, parent, position, depth, title: n.title ?? null, text: n.text });
      if (n.children) walk(n.children, n.id, depth + 1);
    });
  };
  walk(clauses, null, 1);
  return out;
}

/** What is wrong with a clause tree's shape (ids unique across the tree, depth, size, no empty clause); undefined when fine. */
export function clauseTreeProblem(clauses: readonly ClauseNode[]): string | undefined {
  if (clauses.length === 0) return 'a version has at least one clause';
  const flat = flattenClauses(clauses);
  if (flat.length > MAX_CLAUSES) return `a version has at most ${MAX_CLAUSES} clauses`;
  const seen = new Set<string>();
  for (const c of flat) {
    // Ids are what versions are compared by, so one id names one clause in a version.
    if (seen.has(c.id)) return `clause id ${c.id} is used twice`;
    seen.add(c.id);
    if (c.depth > MAX_CLAUSE_DEPTH) return `clause ${c.id} is nested deeper than ${MAX_CLAUSE_DEPTH} levels`;
    if (c.text.trim() === '' && (c.title ?? '').trim() === '') return `clause ${c.id} has neither a title nor text`;
  }
  return undefined;
}

/** SHA-256 (hex) of the canonical JSON of the version: what acceptances name. */
export function versionHash(documentId: string, version: number, clauses: readonly ClauseNode[]): string {
  return toHex(nobleCrypto.sha256(canonicalBytes({ document: documentId, version, clauses })));
}
