/** Agenda items of negotiation texts: raise (parties), rule in/out of mandate (mediators), list, read. Thin. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { getAgendaItem, listAgenda, raiseAgendaItem, ruleAgendaItem } from '../../services/text-agenda.js';
import type { ZodApp } from './index.js';
import { agendaList, agendaParams, agendaQuery, raiseBody, recordedAgendaItem, ruleBody } from './text-agenda.schema.js';
import { agendaItem } from './texts.schema.js';

const tags = ['negotiation texts'];

export function agendaRoutes(app: ZodApp, s: Services): void {
  app.post('/api/agenda', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Raise an agenda item on a text (parties\' liaison officers); late if a final version was already put forward', body: raiseBody, response: { 201: recordedAgendaItem } },
  }, async (req, reply) => reply.status(201).send(await raiseAgendaItem(s, req.viewer, req.body)));

  app.get('/api/agenda', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Agenda items of the texts the caller may read', querystring: agendaQuery, response: { 200: agendaList } },
  }, async (req) => listAgenda(s, req.viewer, req.query));

  app.get('/api/agenda/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'One agenda item', params: agendaParams, response: { 200: agendaItem } },
  }, async (req) => getAgendaItem(s, req.viewer, req.params.id));

  app.post('/api/agenda/:id/ruling', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Rule an item in or out of the mechanism\'s mandate (mediators\' staff)', params: agendaParams, body: ruleBody, response: { 200: recordedAgendaItem } },
  }, async (req) => ruleAgendaItem(s, req.viewer, req.params.id, req.body));
}
