/**
 * Appliers for movement entries (pure). One `movement_tallies` row per
 * tally (crossing, period, direction, category): each party's latest count
 * and the mediators' reconciliation live in its `record` jsonb; the columns
 * are derived from it for filtering.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import type { Crossing } from '../entries/workspace.js';
import { destinationOf, tallyId } from '../movement.js';
import { ProjectionError, type Applier, type Row } from '../projection.js';
import { requireRow } from './workspace.js';

export interface PartyCount extends JsonObject {
  count: number;
  source: string;
  visibility: string;
  user: string;
  at: string;
  index: number;
}

export interface Reconciliation extends JsonObject {
  agreed_count: number;
  based_on: Record<string, number>;
  note: string;
  publication: string;
  org: string;
  user: string;
  at: string;
  index: number;
}

export interface TallyRecord extends JsonObject {
  crossing_id: string;
  period_from: string;
  period_to: string;
  direction: string;
  category: string;
  /** By reporting organisation: its latest count. */
  counts: Record<string, PartyCount>;
  reconciliation: Reconciliation | null;
}

export function tallyRow(id: string, t: TallyRecord, at: string, idx: number): Row {
  return {
    id,
    crossing_id: t.crossing_id,
    period_from: t.period_from,
    period_to: t.period_to,
    direction: t.direction,
    category: t.category,
    reconciled: t.reconciliation !== null,
    published: t.reconciliation?.publication === 'public',
    record: t,
    updated_at: at,
    entry_index: idx,
  };
}

export const movementAppliers: Record<string, Applier> = {
  'movement.count_reported': {
    reads: (e) => [
      { table: 'movement_tallies', key: e.entry.subject }, { table: 'workspace', key: 1 }, { table: 'organisations', key: e.entry.org },
      { table: 'organisations', key: destinationOf(String(e.body.direction)) },
    ],
    apply(e, get) {
      const b = parseBody('movement.count_reported', e.body);
      const id = tallyId(b);
      if (id !== e.entry.subject) throw new ProjectionError('conflict', `the entry subject must be the tally ${id}`);
      if (e.visibility !== b.visibility) throw new ProjectionError('conflict', 'a count is recorded with its own visibility');
      if (get('organisations', e.entry.org)?.kind !== 'party') throw new ProjectionError('conflict', 'counts are reported by the parties');
      if (get('organisations', destinationOf(b.direction))?.kind !== 'party') throw new ProjectionError('conflict', `direction ${b.direction} does not lead into a party`);
      const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
      if (!(((ws.config as Record<string, unknown>).crossings ?? []) as Crossing[]).some((c) => c.id === b.crossing_id)) {
        throw new ProjectionError('not_found', `crossing ${b.crossing_id} is not configured`);
      }
      const existing = get('movement_tallies', id)?.record as TallyRecord | undefined;
      if (existing?.reconciliation) throw new ProjectionError('conflict', `tally ${id} is reconciled; its counts are final`);
      const { crossing_id, period_from, period_to, direction, category, ...count } = b;
      const t: TallyRecord = existing ?? { crossing_id, period_from, period_to, direction, category, counts: {}, reconciliation: null };
      const mine = { ...(count as unknown as JsonObject), user: e.entry.user, at: e.entry.at, index: e.idx } as PartyCount;
      const next: TallyRecord = { ...t, counts: { ...t.counts, [e.entry.org]: mine } };
      return [{ table: 'movement_tallies', key: id, row: tallyRow(id, next, e.entry.at, e.idx) }];
    },
  },
  'movement.reconciled': {
    reads: (e) => [{ table: 'movement_tallies', key: e.entry.subject }],
    apply(e, get) {
      const b = parseBody('movement.reconciled', e.body);
      const id = e.entry.subject;
      const t = requireRow(get, 'movement_tallies', id, `tally ${id} does not exist`).record as TallyRecord;
      if (e.visibility !== b.publication) throw new ProjectionError('conflict', 'a reconciliation is recorded with its publication level');
      if (Object.keys(t.counts).length === 0) throw new ProjectionError('conflict', `tally ${id} has no counts to reconcile`);
      const current = Object.entries(t.counts).map(([org, c]) => `${org}@${c.index}`).sort().join(',');
      const seen = Object.entries(b.based_on).map(([org, n]) => `${org}@${n}`).sort().join(',');
      if (current !== seen) throw new ProjectionError('conflict', `the counts changed since entries ${seen || 'none'}; read the tally again`);
      const reconciliation = { ...(b as unknown as JsonObject), org: e.entry.org, user: e.entry.user, at: e.entry.at, index: e.idx } as Reconciliation;
      return [{ table: 'movement_tallies', key: id, row: tallyRow(id, { ...t, reconciliation }, e.entry.at, e.idx) }];
    },
  },
};
