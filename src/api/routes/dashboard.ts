/** GET /api/dashboard: ceasefire health in numbers, counted over what the caller may read. Thin: validate, call one service, return. */
import { SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { getDashboard } from '../../services/dashboard.js';
import { dashboardQuery, dashboardReply } from './dashboard.schema.js';
import type { ZodApp } from './index.js';

export function dashboardRoutes(app: ZodApp, s: Services): void {
  app.get('/api/dashboard', {
    config: { policy: SIGNED_IN },
    schema: {
      tags: ['status'],
      summary: 'Allegations and issued findings per week (kept apart), per party and category, and overdue lifecycle steps: only what the caller may read',
      querystring: dashboardQuery,
      response: { 200: dashboardReply },
    },
  }, async (req) => getDashboard(s, req.viewer, { weeks: req.query.weeks }));
}
