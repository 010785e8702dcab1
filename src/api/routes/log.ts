/**
 * The public log, served as C2SP tlog-tiles static resources under /log
 * (so `annex audit <base>/log` and any tlog-tiles client can read it), plus a
 * JSON status for the UI. All PUBLIC: non-public bodies are in the log only as
 * salted commitments (`"sealed"`), so every caller gets the same bytes.
 */
import { PUBLIC } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { readCheckpointNote, readLogStatus, readTileResource, readVerifierKey, readWitnessKeys } from '../../log/resources.js';
import type { ZodApp } from './index.js';
import { logStatusReply, tileParams } from './log.schema.js';

/** §Merkle Tree, §Log entries: "This endpoint is immutable, so its caching headers SHOULD be long-lived." */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const TEXT = 'text/plain; charset=utf-8';

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export function logRoutes(app: ZodApp, s: Services): void {
  // §Checkpoints: text/plain; mutable, so no caching beyond a few seconds.
  app.get('/log/checkpoint', {
    config: { policy: PUBLIC },
    schema: { tags: ['log'], summary: 'Latest published checkpoint (C2SP tlog-checkpoint), with the witnesses\' cosignatures when a witness policy is configured' },
  }, async (_req, reply) => {
    const note = await readCheckpointNote(s);
    return reply.type(TEXT).header('cache-control', 'no-cache').send(note);
  });

  // §Merkle Tree and §Log entries: tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>],
  // application/octet-stream. A path that is not exactly one of these is a 404.
  app.get('/log/tile/*', {
    config: { policy: PUBLIC },
    schema: { tags: ['log'], summary: 'Hash tile or entry bundle (C2SP tlog-tiles)', params: tileParams },
  }, async (req, reply) => {
    const { bytes } = await readTileResource(s, `tile/${req.params['*']}`);
    // Partial tiles are immutable too: the path names the width, and the first
    // W hashes of a tile never change. Errors (404) carry no caching header.
    return reply.type('application/octet-stream').header('cache-control', IMMUTABLE).send(asBuffer(bytes));
  });

  app.get('/log/vkey', {
    config: { policy: PUBLIC },
    schema: { tags: ['log'], summary: "The log's verifier key (C2SP signed-note key line)" },
  }, async (_req, reply) => reply.type(TEXT).header('cache-control', 'no-cache').send(`${await readVerifierKey(s)}\n`));

  // The cosigner verifier keys (C2SP signed-note key lines) of the witness policy, one per line.
  app.get('/log/witnesses', {
    config: { policy: PUBLIC },
    schema: { tags: ['log'], summary: "The witnesses' cosigner verifier keys, one per line (C2SP tlog-cosignature)" },
  }, async (_req, reply) => reply.type(TEXT).header('cache-control', 'no-cache').send(readWitnessKeys(s)));

  app.get('/api/log', {
    config: { policy: PUBLIC },
    schema: { tags: ['log', 'status'], summary: 'Log size, latest signed and published checkpoints, backlog and witness status', response: { 200: logStatusReply } },
  }, async () => readLogStatus(s));
}
