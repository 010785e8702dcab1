/** Negotiation texts: open, list, read, propose versions, act on them, diff, publish. Thin: validate, call one service, return. */
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { actOnVersion, getVersion, proposeVersion } from '../../services/text-versions.js';
import { createText, diffText, getText, listTextsFor, publishText, textHistory } from '../../services/texts.js';
import type { ZodApp } from './index.js';
import {
  actionBody, createTextBody, diffQuery, historyList, historyQuery, proposeBody, publishBody, recordedText, recordedVersion,
  textDetail, textDiff, textList, textParams, versionDetail, versionParams,
} from './texts.schema.js';

const tags = ['negotiation texts'];

export function textRoutes(app: ZodApp, s: Services): void {
  app.post('/api/texts', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Open a negotiation text (mediators\' staff)', body: createTextBody, response: { 201: recordedText } },
  }, async (req, reply) => reply.status(201).send(await createText(s, req.viewer, req.body)));

  app.get('/api/texts', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Texts the caller may read, most recently changed first', response: { 200: textList } },
  }, async (req) => listTextsFor(s, req.viewer));

  app.get('/api/texts/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'A text: its versions with each party\'s position, its signed history and agenda', params: textParams, response: { 200: textDetail } },
  }, async (req) => getText(s, req.viewer, req.params.id));

  app.post('/api/texts/:id/versions', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Propose the next version (parties\' liaison officers, mediators\' staff)', params: textParams, body: proposeBody, response: { 201: recordedVersion } },
  }, async (req, reply) => reply.status(201).send(await proposeVersion(s, req.viewer, req.params.id, req.body)));

  app.get('/api/texts/:id/versions/:number', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'One version: its clause tree, hash and each party\'s position', params: versionParams, response: { 200: versionDetail } },
  }, async (req) => getVersion(s, req.viewer, req.params.id, req.params.number));

  app.get('/api/texts/:id/diff', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'Clause-level diff between two versions, each change with the version and party that made it', params: textParams, querystring: diffQuery, response: { 200: textDiff } },
  }, async (req) => diffText(s, req.viewer, req.params.id, req.query.from, req.query.to));

  app.get('/api/texts/:id/actions', {
    config: { policy: PUBLIC },
    schema: { tags, summary: 'The signed history: proposals, acceptances, rejections, retractions (each a ledger entry)', params: textParams, querystring: historyQuery, response: { 200: historyList } },
  }, async (req) => textHistory(s, req.viewer, req.params.id, req.query.version));

  app.post('/api/texts/:id/actions', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Accept, reject or retract a version, naming its hash (parties\' liaison officers, for their own party)', params: textParams, body: actionBody, response: { 201: recordedVersion } },
  }, async (req, reply) => reply.status(201).send(await actOnVersion(s, req.viewer, req.params.id, req.body)));

  app.post('/api/texts/:id/publication', {
    config: { policy: SIGNED_IN },
    schema: { tags, summary: 'Publish the text and its record to everyone (mediators\' staff)', params: textParams, body: publishBody, response: { 200: recordedText } },
  }, async (req) => publishText(s, req.viewer, req.params.id, req.body));
}
