/**
 * Per-year numbering of public references (INC-2025-0042, EV-2025-00007):
 * the highest number used, kept as a projected row so a new number is one
 * keyed read inside the writer's batch, and so `annex verify` checks it too.
 */
import type { Change, RowLookup, RowRef } from '../projection.js';

/** Counter key of a reference: 'INC-2025-0042' → 'INC-2025'. */
export function counterKey(reference: string): string {
  return reference.slice(0, reference.lastIndexOf('-'));
}

export function counterRef(reference: string): RowRef {
  return { table: 'counters', key: counterKey(reference) };
}

/** The counter row after `reference` was used (numbers only go up). */
export function countReference(get: RowLookup, reference: string): Change {
  const key = counterKey(reference);
  const n = Number(reference.slice(reference.lastIndexOf('-') + 1));
  const last = Number(get('counters', key)?.value ?? 0);
  return { table: 'counters', key, row: { id: key, value: Math.max(last, n) } };
}
