/** Request and response schemas of GET /api/dashboard. */
import { z } from 'zod';
import { MAX_WEEKS } from '../../services/dashboard.js';

export const dashboardQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(MAX_WEEKS).optional().describe('how many weeks back, the current week included (default 12)'),
});

const count = z.number().int();
const week = z.string().describe('Monday (UTC) of the week, YYYY-MM-DD');
const party = z.string().nullable().describe('null: no party named yet');
const category = z.string().nullable().describe('null: not categorised yet');
const open = z.object({ open: count, overdue: count });

export const dashboardReply = z.object({
  as_of: z.string().describe('server time the counts are for'),
  from: z.string().describe('first day counted (a Monday)'),
  weeks: z.array(week).describe('the weeks counted, oldest first'),
  allegations: z.object({
    total: count,
    by_party: z.array(z.object({ week, party: party.describe('the accused party'), count })),
    by_category: z.array(z.object({ week, category, count })),
  }).describe('complaints filed (claims, not findings), by week of filing; only incidents the caller may read'),
  findings: z.object({
    total: count,
    by_determination: z.array(z.object({ determination: z.string(), count })),
    by_party: z.array(z.object({ week, party: party.describe('the party the finding holds responsible, else the accused party'), determination: z.string(), count })),
    by_category: z.array(z.object({ week, category, determination: z.string(), count })),
  }).describe('findings issued, by week of issue and determination; only findings the caller may read'),
  pending: open.extend({
    by_step: z.array(open.extend({ step: z.string() })),
    by_party: z.array(open.extend({ pending_on: z.string().describe('organisation that owes the step, or MEDIATORS') })),
  }).describe('incidents waiting for a lifecycle step now, and how many are past the deadline'),
});
