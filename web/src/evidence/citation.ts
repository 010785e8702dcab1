/**
 * Evidence cited by id (a commitment's verifications and self-reports): what
 * the viewer may be shown of each id, fetched once per id for a page. A
 * citation the viewer may not read (the server answers 404, or 401/403) is
 * "not visible to you", never an error of the page; anything else (network,
 * 5xx) is a failure said as such.
 */
import { ApiError } from '../api.js';
import type { EvidenceSummary } from './api.js';

export type Citation =
  | { state: 'shown'; evidence: EvidenceSummary }
  | { state: 'hidden' }
  | { state: 'failed'; message: string };

/** Statuses by which the server says "not for you": sealed or narrower evidence reads as not found. */
const HIDDEN = new Set([401, 403, 404]);

export async function citationOf(load: () => Promise<EvidenceSummary>): Promise<Citation> {
  try {
    return { state: 'shown', evidence: await load() };
  } catch (e) {
    if (e instanceof ApiError && HIDDEN.has(e.status)) return { state: 'hidden' };
    return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** One page's citations by id: each id is loaded once, however often it is drawn or cited. */
export type CitationCache = Map<string, Promise<Citation>>;

export function cachedCitation(cache: CitationCache, id: string, load: (id: string) => Promise<EvidenceSummary>): Promise<Citation> {
  let c = cache.get(id);
  if (!c) {
    c = citationOf(() => load(id));
    cache.set(id, c);
  }
  return c;
}
