/** File, list and read incidents; take lifecycle steps. Thin: validate, call one service, return. */
import { SIGNED_IN, PUBLIC } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { takeIncidentStep, type StepAction } from '../../services/incident-steps.js';
import { fileIncident, getIncident, listIncidentsFor } from '../../services/incidents.js';
import type { ZodApp } from './index.js';
import { STEP_ROUTES } from './incident-steps.schema.js';
import { fileIncidentBody, incidentDetail, incidentList, incidentParams, listIncidentsQuery, recordedIncident } from './incidents.schema.js';

export function incidentRoutes(app: ZodApp, s: Services): void {
  app.post('/api/incidents', {
    config: { policy: SIGNED_IN },
    schema: { tags: ['incidents'], summary: 'File a complaint', body: fileIncidentBody, response: { 201: recordedIncident } },
  }, async (req, reply) => reply.status(201).send(await fileIncident(s, req.viewer, req.body)));

  app.get('/api/incidents', {
    config: { policy: PUBLIC },
    schema: { tags: ['incidents'], summary: 'Incidents the caller may read, newest first', querystring: listIncidentsQuery, response: { 200: incidentList } },
  }, async (req) => {
    const { pending_on, ...q } = req.query;
    return listIncidentsFor(s, req.viewer, { ...q, pendingOn: pending_on });
  });

  app.get('/api/incidents/:id', {
    config: { policy: PUBLIC },
    schema: { tags: ['incidents'], summary: 'An incident with its timeline and schedule', params: incidentParams, response: { 200: incidentDetail } },
  }, async (req) => getIncident(s, req.viewer, req.params.id));

  for (const [action, route] of Object.entries(STEP_ROUTES) as Array<[StepAction, (typeof STEP_ROUTES)[StepAction]]>) {
    app.post(`/api/incidents/:id/${route.path}`, {
      config: { policy: SIGNED_IN },
      schema: { tags: ['incident lifecycle'], summary: route.summary, params: incidentParams, body: route.body, response: { 200: recordedIncident } },
    }, async (req) => takeIncidentStep(s, req.viewer, req.params.id, action, req.body as Record<string, unknown>));
  }
}
