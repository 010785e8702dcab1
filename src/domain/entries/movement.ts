/**
 * Body schemas of returnee / deportee movement entries (DOMAIN.md "Crossing
 * and movement"). Aggregates only: a count per crossing, period, direction
 * and category, never a person (the schemas are strict, so a body with any
 * other field — a name, a document number — is refused). Each side reports
 * its own count for the same tally; a mediator reconciles them. The tally
 * (src/domain/movement.ts `tallyId`) is the subject. Part of the ledger
 * format: see src/domain/entries.ts.
 */
import { z } from 'zod';
import { VISIBILITIES } from '../visibility.js';
import { isoDate, orgId, text } from './common.js';
import { crossingId } from './crossing.js';

export const MOVEMENT_CATEGORIES = [
  'registered_refugee_voluntary_return',
  'registered_refugee_deportee',
  'undocumented_voluntary_return',
  'undocumented_deportee',
  'other',
] as const;
export type MovementCategory = (typeof MOVEMENT_CATEGORIES)[number];
/** "into_AFG": people crossing into the named party's territory. */
export const DIRECTION = /^into_[A-Z0-9_-]{2,32}$/;
export const MAX_COUNT = 10_000_000;

export const countReportedSchema = z.strictObject({
  crossing_id: crossingId,
  period_from: isoDate,
  period_to: isoDate,
  direction: z.string().regex(DIRECTION),
  category: z.enum(MOVEMENT_CATEGORIES),
  count: z.number().int().min(0).max(MAX_COUNT),
  /** Who counted: e.g. the border authority, a reception centre, an agency's border monitoring. */
  source: text(300),
  method: text(300).optional(),
  note: text(2000).optional(),
  visibility: z.enum(VISIBILITIES),
}).refine((b) => b.period_from <= b.period_to, 'period_to must not be before period_from');
export type CountReported = z.infer<typeof countReportedSchema>;

export const movementBodies = {
  'movement.count_reported': countReportedSchema,
  /**
   * A mediator's agreed figure. `based_on` names the count entries it
   * reconciled (organisation → ledger index; refused if a count changed
   * since): indexes, not values, so a published reconciliation does not
   * reveal a count that was sealed.
   */
  'movement.reconciled': z.strictObject({
    agreed_count: z.number().int().min(0).max(MAX_COUNT),
    based_on: z.record(orgId, z.number().int().min(0)),
    note: text(2000),
    publication: z.enum(['parties', 'public']),
  }),
} as const;
