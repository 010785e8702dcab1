/** Returnee / deportee movements: party counts, reconciliation, tallies with discrepancies. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { getTally, listTallies, reconcileTally, reportMovementCount } from '../../services/movements.js';
import type { ZodApp } from './index.js';
import { listTalliesQuery, reconcileBody, recordedTally, reportCountBody, tally, tallyList, tallyParams } from './movements.schema.js';

export function movementRoutes(app: ZodApp, s: Services): void {
  const tags = ['movements'];
  app.post('/api/movements', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Report a party\'s count for a crossing, period, direction and category (aggregates only)', body: reportCountBody, response: { 201: recordedTally } },
  }, async (req, reply) => reply.status(201).send(await reportMovementCount(s, req.viewer, req.body)));

  app.get('/api/movements', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Tallies the caller may read, with discrepancies and totals', querystring: listTalliesQuery, response: { 200: tallyList } },
  }, async (req) => {
    const { crossing, ...q } = req.query;
    return listTallies(s, req.viewer, { ...q, crossingId: crossing });
  });

  app.get('/api/movements/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A tally: the counts the caller may see, their discrepancy, the reconciliation', params: tallyParams, response: { 200: tally } },
  }, async (req) => getTally(s, req.viewer, req.params.id));

  app.post('/api/movements/:id/reconciliation', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Reconcile the parties\' counts into an agreed figure (mediators)', params: tallyParams, body: reconcileBody, response: { 200: recordedTally } },
  }, async (req) => reconcileTally(s, req.viewer, req.params.id, req.body));
}
