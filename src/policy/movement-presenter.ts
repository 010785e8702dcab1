/**
 * What each viewer sees of a movement tally (STYLE.md §5): only the counts
 * whose visibility allows it, the discrepancy between those counts (never
 * between counts the viewer cannot see), and the reconciliation if its
 * publication level allows, with each visible count's difference from the
 * agreed figure. Callers pass only tallies the viewer may read.
 */
import type { MovementCategory } from '../domain/entries/movement.js';
import { discrepancyOf } from '../domain/movement.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { isMember } from './crossing.js';
import { tallyPolicy, type TallyFacts } from './movement.js';

export interface TallyRow {
  id: string;
  crossing_id: string;
  period_from: string;
  period_to: string;
  direction: string;
  category: string;
  reconciled: boolean;
  published: boolean;
  record: unknown;
  updated_at: string;
  entry_index: number;
}

type Rec = Record<string, unknown>;
interface StoredCount { count: number; source: string; method?: string; note?: string; visibility: Visibility; user: string; at: string; index: number }
interface StoredReconciliation { agreed_count: number; note: string; publication: Visibility; org: string; user: string; at: string }

const countsOf = (row: TallyRow) => Object.entries((row.record as Rec).counts as Record<string, StoredCount>);
const reconciliationOf = (row: TallyRow) => ((row.record as Rec).reconciliation ?? null) as StoredReconciliation | null;

export function tallyFactsOf(row: TallyRow): TallyFacts {
  const rec = reconciliationOf(row);
  return {
    counts: countsOf(row).map(([org, c]) => ({ org, visibility: c.visibility })),
    reconciled: rec !== null,
    publication: rec?.publication ?? null,
  };
}

export function presentTally(row: TallyRow, viewer: Viewer | undefined) {
  const member = isMember(viewer);
  const counts = countsOf(row)
    .filter(([org, c]) => canSee(viewer, c.visibility, org))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([org, c]) => ({
      org, count: c.count, source: c.source, method: c.method ?? null, note: c.note ?? null,
      visibility: c.visibility, reported_by: member ? c.user : null, reported_at: c.at, entry_index: c.index,
    }));
  const rec = reconciliationOf(row);
  const shown = rec && canSee(viewer, rec.publication) ? rec : null;
  return {
    id: row.id,
    crossing_id: row.crossing_id,
    period_from: row.period_from,
    period_to: row.period_to,
    direction: row.direction,
    category: row.category as MovementCategory,
    counts,
    discrepancy: discrepancyOf(counts.map((c) => c.count)),
    reconciliation: shown && {
      agreed_count: shown.agreed_count,
      note: shown.note,
      publication: shown.publication,
      org: shown.org,
      reconciled_by: member ? shown.user : null,
      at: shown.at,
      /** Agreed figure minus each visible count. */
      differences: Object.fromEntries(counts.map((c) => [c.org, shown.agreed_count - c.count])),
    },
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: tallyPolicy.actionsFor(viewer, tallyFactsOf(row)) as string[],
  };
}
