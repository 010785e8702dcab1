/** Request and response schemas of the movement routes. Strict: a body with any field beyond the aggregate's is refused. */
import { z } from 'zod';
import { CROSSING_ID } from '../../domain/entries/crossing.js';
import { countReportedSchema, DIRECTION, MAX_COUNT, MOVEMENT_CATEGORIES } from '../../domain/entries/movement.js';
import { TALLY_ID } from '../../domain/movement.js';
import { ORG_ID } from '../../domain/entries/common.js';
import { VISIBILITIES } from '../../domain/visibility.js';

export const tallyParams = z.object({ id: z.string().regex(TALLY_ID, 'not a tally id (crossing.from.to.into_PARTY.category)') });

/** The count entry's body; a party's count is shared with the parties unless it says otherwise. */
export const reportCountBody = countReportedSchema;

export const reconcileBody = z.strictObject({
  agreed_count: z.number().int().min(0).max(MAX_COUNT),
  note: z.string().min(1).max(2000),
  publication: z.enum(['parties', 'public']),
  based_on: z.record(z.string().regex(ORG_ID), z.number().int().min(0)).optional()
    .describe('the count entries read (organisation → entry_index); refused with 409 if a count changed since'),
});

export const listTalliesQuery = z.strictObject({
  crossing: z.string().regex(CROSSING_ID).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  direction: z.string().regex(DIRECTION).optional(),
  category: z.enum(MOVEMENT_CATEGORIES).optional(),
});

export const tally = z.object({
  id: z.string(),
  crossing_id: z.string(),
  period_from: z.string(),
  period_to: z.string(),
  direction: z.string(),
  category: z.enum(MOVEMENT_CATEGORIES),
  counts: z.array(z.object({
    org: z.string(), count: z.number().int(), source: z.string(), method: z.string().nullable(), note: z.string().nullable(),
    visibility: z.enum(VISIBILITIES), reported_by: z.string().nullable(), reported_at: z.string(), entry_index: z.number().int(),
  })),
  /** Between the counts the caller may see; null with fewer than two. */
  discrepancy: z.object({ absolute: z.number().int(), percent: z.number() }).nullable(),
  reconciliation: z.object({
    agreed_count: z.number().int(), note: z.string(), publication: z.enum(VISIBILITIES), org: z.string(),
    reconciled_by: z.string().nullable(), at: z.string(), differences: z.record(z.string(), z.number().int()),
  }).nullable(),
  updated_at: z.string(),
  entry_index: z.number().int(),
  actions: z.array(z.string()),
});

export const recordedTally = z.object({ tally, entry: z.object({ index: z.number().int(), type: z.string() }) });
export const tallyList = z.object({
  items: z.array(tally),
  totals: z.object({ tallies: z.number().int(), reconciled: z.number().int(), agreed: z.number().int(), reported: z.record(z.string(), z.number().int()) }),
  /** What the viewer may do that no listed tally carries: `report_count`, also into a tally not yet opened. */
  actions: z.array(z.enum(['report_count'])),
});
