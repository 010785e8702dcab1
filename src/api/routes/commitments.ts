/** Register, list and read commitments; amend, extend, verify, self-report. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import { takeCommitmentStep, type CommitmentStepAction } from '../../services/commitment-steps.js';
import { getCommitmentFor, listCommitmentsFor, registerCommitment } from '../../services/commitments.js';
import type { Services } from '../../services/context.js';
import {
  COMMITMENT_STEP_ROUTES, commitmentDetail, commitmentList, commitmentParams, listCommitmentsQuery, recordedCommitment, registerCommitmentBody,
} from './commitments.schema.js';
import type { ZodApp } from './index.js';

const tags = ['commitments'];

export function commitmentRoutes(app: ZodApp, s: Services): void {
  app.post('/api/commitments', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Register a commitment (mediators\' staff)', body: registerCommitmentBody, response: { 201: recordedCommitment } },
  }, async (req, reply) => reply.status(201).send(await registerCommitment(s, req.viewer, req.body)));

  app.get('/api/commitments', {
    config: { policy: PUBLIC },
    schema: {
      tags, summary: 'Commitments the caller may read, with due dates, overdue and reciprocity computed now',
      querystring: listCommitmentsQuery, response: { 200: commitmentList },
    },
  }, async (req) => listCommitmentsFor(s, req.viewer, req.query));

  app.get('/api/commitments/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A commitment with its reciprocal chain, extensions, verifications and timeline', params: commitmentParams, response: { 200: commitmentDetail } },
  }, async (req) => getCommitmentFor(s, req.viewer, req.params.id));

  for (const [action, route] of Object.entries(COMMITMENT_STEP_ROUTES) as Array<[CommitmentStepAction, (typeof COMMITMENT_STEP_ROUTES)[CommitmentStepAction]]>) {
    app.post(`/api/commitments/:id/${route.path}`, {
      config: { policy: SIGNED_IN },
      schema: { tags, summary: route.summary, params: commitmentParams, body: route.body, response: { 200: recordedCommitment } },
    }, async (req) => takeCommitmentStep(s, req.viewer, req.params.id, action, req.body as Record<string, unknown>));
  }
}
