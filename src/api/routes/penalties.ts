/** The penalty ladder's versions and the penalties it led to. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { PenaltyStepAction } from '../../policy/penalty.js';
import type { Services } from '../../services/context.js';
import { getPenalty, listPenaltiesFor, takePenaltyStep } from '../../services/penalties.js';
import { adoptLadder, getLadderVersion, listLadderVersions } from '../../services/penalty-ladder.js';
import type { ZodApp } from './index.js';
import {
  adoptedLadder, adoptLadderBody, ladderParams, ladderVersion, ladderVersions, listPenaltiesQuery, PENALTY_STEP_ROUTES,
  penaltyDetail, penaltyList, penaltyParams, recordedPenalty,
} from './penalties.schema.js';

export function penaltyRoutes(app: ZodApp, s: Services): void {
  const ladder = ['penalty ladder'];
  app.get('/api/penalty-ladder', {
    config: { policy: SIGNED_IN },
    schema: { tags: ladder, summary: 'Every version of the penalty ladder, newest first, and the one in force', response: { 200: ladderVersions } },
  }, async (req) => listLadderVersions(s, req.viewer));

  app.get('/api/penalty-ladder/:version', {
    config: { policy: SIGNED_IN },
    schema: { tags: ladder, summary: 'One version of the penalty ladder', params: ladderParams, response: { 200: ladderVersion } },
  }, async (req) => getLadderVersion(s, req.viewer, req.params.version));

  app.post('/api/penalty-ladder', {
    config: { policy: SIGNED_IN },
    schema: {
      tags: ladder, summary: 'Adopt the next version of the ladder (supersedes the one in force) and run it over the findings it judges',
      body: adoptLadderBody, response: { 201: adoptedLadder },
    },
  }, async (req, reply) => reply.status(201).send(await adoptLadder(s, req.viewer, req.body)));

  const tags = ['penalties'];
  app.get('/api/penalties', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Penalties the caller may read, newest first', querystring: listPenaltiesQuery, response: { 200: penaltyList } },
  }, async (req) => listPenaltiesFor(s, req.viewer, req.query));

  app.get('/api/penalties/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A penalty with its trigger findings and timeline', params: penaltyParams, response: { 200: penaltyDetail } },
  }, async (req) => getPenalty(s, req.viewer, req.params.id));

  for (const [action, route] of Object.entries(PENALTY_STEP_ROUTES) as Array<[PenaltyStepAction, (typeof PENALTY_STEP_ROUTES)[PenaltyStepAction]]>) {
    app.post(`/api/penalties/:id/${route.path}`, {
      config: { policy: SIGNED_IN },
      schema: { tags, summary: route.summary, params: penaltyParams, body: route.body, response: { 200: recordedPenalty } },
    }, async (req) => takePenaltyStep(s, req.viewer, req.params.id, action, req.body as Record<string, unknown>));
  }
}
