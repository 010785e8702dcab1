/** Crossings: status reports, verification, links, complaints, timelines and closure totals. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { fileClosureComplaint } from '../../services/crossing-complaints.js';
import {
  crossingClosures, getCrossing, getCrossingReport, linkClosure, listCrossings, reportCrossingStatus, verifyCrossingReport,
} from '../../services/crossings.js';
import {
  closuresQuery, closuresReply, complaintBody, crossingDetail, crossingList, crossingParams, crossingQuery, crossingReport, filedComplaint,
  linkBody, recordedReport, reportParams, reportStatusBody, verifyBody,
} from './crossings.schema.js';
import type { ZodApp } from './index.js';

export function crossingRoutes(app: ZodApp, s: Services): void {
  const tags = ['crossings'];
  app.get('/api/crossings', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Crossings with the status in force now (from the reports the caller may read)', response: { 200: crossingList } },
  }, async (req) => listCrossings(s, req.viewer));

  app.get('/api/crossings/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A crossing: status timelines and closures per side and traffic type, and its reports', params: crossingParams, querystring: crossingQuery, response: { 200: crossingDetail } },
  }, async (req) => getCrossing(s, req.viewer, req.params.id, req.query));

  app.get('/api/crossings/:id/closures', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Hours open / closed / restricted and closures per period (day, week, month)', params: crossingParams, querystring: closuresQuery, response: { 200: closuresReply } },
  }, async (req) => crossingClosures(s, req.viewer, req.params.id, req.query));

  app.post('/api/crossings/:id/reports', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Report the status of one side of a crossing for some traffic types', params: crossingParams, body: reportStatusBody, response: { 201: recordedReport } },
  }, async (req, reply) => reply.status(201).send(await reportCrossingStatus(s, req.viewer, req.params.id, req.body)));

  app.get('/api/crossings/:id/reports/:reportId', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A status report with its verifications', params: reportParams, response: { 200: crossingReport } },
  }, async (req) => getCrossingReport(s, req.viewer, req.params.id, req.params.reportId));

  app.post('/api/crossings/:id/reports/:reportId/verifications', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Verify a status report (monitors, mediators)', params: reportParams, body: verifyBody, response: { 200: recordedReport } },
  }, async (req) => verifyCrossingReport(s, req.viewer, req.params.id, req.params.reportId, req.body));

  app.post('/api/crossings/:id/reports/:reportId/links', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Link a closure to the commitment it bears on or to a complaint already filed about it (mediators)', params: reportParams, body: linkBody, response: { 200: recordedReport } },
  }, async (req) => linkClosure(s, req.viewer, req.params.id, req.params.reportId, req.body));

  app.post('/api/crossings/:id/reports/:reportId/complaint', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'File a complaint about a closure, pre-filled from the report, and link it', params: reportParams, body: complaintBody, response: { 201: filedComplaint } },
  }, async (req, reply) => reply.status(201).send(await fileClosureComplaint(s, req.viewer, req.params.id, req.params.reportId, req.body)));
}
