/** Lodge, list, read, download, redact and disclose evidence. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { checkCanLodge, getEvidence, getEvidenceSummary, listEvidence, lodgeReceived, openEvidenceContent, searchEvidenceFor } from '../../services/evidence.js';
import { checkCanRedact, discloseEvidence, getDisclosure, redactReceived } from '../../services/evidence-custody.js';
import { readUpload } from './evidence-upload.js';
import {
  disclosureProof, evidenceDetail, evidenceList, evidenceParams, evidenceSearch, evidenceSummary, lodgeFields, recordedEvidence, recordedRedaction, redactionFields,
} from './evidence.schema.js';
import type { ZodApp } from './index.js';
import { incidentParams } from './incidents.schema.js';

const tags = ['evidence'];
const multipart = 'multipart/form-data: one part named "file" (its media type is sniffed from the content) plus the text fields';

export function evidenceRoutes(app: ZodApp, s: Services): void {
  app.post('/api/incidents/:id/evidence', {
    config: { policy: SIGNED_IN },
    schema: {
      tags, summary: 'Lodge evidence on an incident', description: `${multipart}: kind, visibility, and optionally description, captured_at, device, latitude, longitude, geo_precision, location.`,
      consumes: ['multipart/form-data'], params: incidentParams, response: { 201: recordedEvidence },
    },
  }, async (req, reply) => {
    // Refuse before reading a byte of the upload when the caller may not lodge here.
    await checkCanLodge(s, req.viewer, req.params.id);
    const { fields, file } = await readUpload(req, s, lodgeFields);
    return reply.status(201).send(await lodgeReceived(s, req.viewer, req.params.id, file, fields));
  });

  app.get('/api/incidents/:id/evidence', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Evidence on an incident that the caller may read', params: incidentParams, response: { 200: evidenceList } },
  }, async (req) => listEvidence(s, req.viewer, req.params.id));

  app.get('/api/evidence', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Evidence the caller may read on any incident, newest first, found by id, file name or incident id (not recorded: no custody step)', querystring: evidenceSearch, response: { 200: evidenceList } },
  }, async (req) => searchEvidenceFor(s, req.viewer, req.query));

  app.get('/api/evidence/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Evidence metadata and, when allowed, its chain of custody (a read of sealed evidence is recorded)', params: evidenceParams, response: { 200: evidenceDetail } },
  }, async (req) => getEvidence(s, req.viewer, req.params.id));

  app.get('/api/evidence/:id/summary', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Evidence as a list shows it, for pages that cite it (not recorded: no custody step)', params: evidenceParams, response: { 200: evidenceSummary } },
  }, async (req) => getEvidenceSummary(s, req.viewer, req.params.id));

  app.get('/api/evidence/:id/content', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'The evidence file (a signed-in download is recorded)', params: evidenceParams },
  }, async (req, reply) => {
    const content = await openEvidenceContent(s, req.viewer, req.params.id, { ifNoneMatch: req.headers['if-none-match'], head: req.method === 'HEAD' });
    reply.headers(content.headers);
    return content.stream ? reply.send(content.stream) : reply.status(304).send();
  });

  app.post('/api/evidence/:id/redactions', {
    config: { policy: SIGNED_IN },
    schema: {
      tags, summary: 'Lodge a redacted copy of evidence (mediators\' staff)', description: `${multipart}: visibility, and optionally description, note.`,
      consumes: ['multipart/form-data'], params: evidenceParams, response: { 201: recordedRedaction },
    },
  }, async (req, reply) => {
    await checkCanRedact(s, req.viewer, req.params.id);
    const { fields, file } = await readUpload(req, s, redactionFields);
    return reply.status(201).send(await redactReceived(s, req.viewer, req.params.id, file, fields));
  });

  app.post('/api/evidence/:id/disclosure', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Disclose sealed evidence: publish its salt and body in the log', params: evidenceParams, response: { 200: recordedEvidence } },
  }, async (req) => discloseEvidence(s, req.viewer, req.params.id));

  app.get('/api/evidence/:id/disclosure', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'What anyone needs to check a disclosure against the sealed entry', params: evidenceParams, response: { 200: disclosureProof } },
  }, async (req) => getDisclosure(s, req.viewer, req.params.id));
}
