/** SQL for movement tallies. Tallies mix counts of several audiences, so callers filter rows and counts per viewer (src/policy/movement.ts). */
import type { TallyRow } from '../../policy/movement-presenter.js';
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

/** The tally, whoever asks. A keyed read, answered from the writer's batch inside one. */
export async function unsafeFindTally(db: Db, id: string): Promise<TallyRow | undefined> {
  return (await findRow(db, { table: 'movement_tallies', key: id })) as TallyRow | undefined;
}

export interface TallyFilters {
  crossingId?: string;
  /** Tallies whose period overlaps from..to (dates). */
  from?: string;
  to?: string;
  direction?: string;
  category?: string;
  /** Only tallies reconciled and published to the public. */
  publishedOnly?: boolean;
}

/** Tallies matching the filters, whoever asks, by period then id. */
export async function unsafeListTallies(db: Db, f: TallyFilters): Promise<TallyRow[]> {
  let q = db.selectFrom('movement_tallies').selectAll();
  if (f.crossingId) q = q.where('crossing_id', '=', f.crossingId);
  if (f.from) q = q.where('period_to', '>=', f.from);
  if (f.to) q = q.where('period_from', '<=', f.to);
  if (f.direction) q = q.where('direction', '=', f.direction);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.publishedOnly) q = q.where('published', '=', true);
  return (await q.orderBy('period_from').orderBy('id').limit(5000).execute()) as TallyRow[];
}
