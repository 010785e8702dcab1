/** The agreement register: clauses with their versions, and the D-day. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import { amendClause, getClause, getClauseRegister, setDDay } from '../../services/clauses.js';
import type { Services } from '../../services/context.js';
import { clauseDetail, clauseParams, clauseRegister, clauseVersionBody, dDayBody, recordedClause, recordedDDay } from './clauses.schema.js';
import type { ZodApp } from './index.js';

const tags = ['clauses'];

export function clauseRoutes(app: ZodApp, s: Services): void {
  app.get('/api/clauses', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'The clause register (every clause with its versions) and the D-day', response: { 200: clauseRegister } },
  }, async () => getClauseRegister(s));

  app.get('/api/clauses/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A clause with its versions', params: clauseParams, response: { 200: clauseDetail } },
  }, async (req) => getClause(s, req.params.id));

  app.post('/api/clauses/:id/versions', {
    config: { policy: SIGNED_IN },
    schema: {
      tags, summary: 'Record the next version of a clause, or register a new clause as version 1 (mediators\' staff)',
      params: clauseParams, body: clauseVersionBody, response: { 201: recordedClause },
    },
  }, async (req, reply) => reply.status(201).send(await amendClause(s, req.viewer, req.params.id, req.body)));

  app.post('/api/clauses/d-day', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Set (or correct) the ceasefire\'s D-day, from which "D+N" deadlines count (mediators\' staff)', body: dDayBody, response: { 200: recordedDDay } },
  }, async (req) => setDDay(s, req.viewer, req.body));
}
