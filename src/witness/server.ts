/**
 * The witness's HTTP interface (Fastify). Submission and monitoring prefix
 * are the same (C2SP tlog-witness §HTTP Interface allows that).
 *
 *   POST /add-checkpoint          C2SP tlog-witness §add-checkpoint
 *   GET  /checkpoints/<origin>    latest cosigned checkpoint note (log signature + this witness's cosignature)
 *   POST /gossip                  body: a checkpoint note seen elsewhere; compared, JSON verdict
 *   GET  /alarms                  standing alarms, JSON, with both notes as evidence
 *   GET  /                        JSON: the witness's verifier key and each log's cosigned size
 *
 * Errors are one line of text (409 from add-checkpoint: the size, as the spec
 * says); never a stack trace.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { fromUtf8, toBase64 } from '../ledger/bytes.js';
import { WitnessCode, WitnessError } from './errors.js';
import type { Observer } from './observe.js';
import type { Witness } from './witness.js';

/** Default request body limit: 63 proof lines and a checkpoint with many signatures fit many times over. */
export const DEFAULT_MAX_BODY_BYTES = 64 << 10;

export interface ServerOptions {
  readonly logger?: FastifyServerOptions['logger'];
  readonly maxBodyBytes?: number;
  readonly vkey: string;
}

const TEXT = 'text/plain; charset=utf-8';

function bodyText(body: unknown): string {
  if (!(body instanceof Uint8Array)) throw new WitnessError(WitnessCode.MALFORMED_REQUEST, 'missing request body');
  try {
    return fromUtf8(body);
  } catch {
    throw new WitnessError(WitnessCode.MALFORMED_REQUEST, 'request body is not valid UTF-8');
  }
}

export function buildWitnessApp(w: Witness, observer: Observer, o: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES });
  // Bodies are read as raw bytes whatever their content type: the spec fixes none.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof WitnessError) {
      if (err.status >= 500) req.log.error({ code: err.code }, err.message);
      if (err.status === 409 && err.currentSize !== undefined) {
        // §add-checkpoint: the body is the latest cosigned size in decimal and a newline,
        // with Content-Type text/x.tlog.size.
        return reply.code(409).type('text/x.tlog.size').send(`${err.currentSize}\n`);
      }
      return reply.code(err.status).type(TEXT).send(`${err.message}\n`);
    }
    const { statusCode: status, message } = err as { statusCode?: number; message?: string };
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).type(TEXT).send(`${message ?? 'bad request'}\n`);
    req.log.error({ err }, 'witness: internal error');
    return reply.code(500).type(TEXT).send('internal error\n');
  });

  app.post('/add-checkpoint', async (req, reply) => {
    if (!(req.body instanceof Uint8Array)) throw new WitnessError(WitnessCode.MALFORMED_REQUEST, 'missing request body');
    const line = await w.addCheckpoint(req.body);
    return reply.code(200).type(TEXT).send(line);
  });

  app.get('/checkpoints/*', async (req, reply) => {
    const origin = (req.params as { '*': string })['*'];
    const latest = w.parts.logs.has(origin) ? w.state(origin).latest : undefined;
    if (!latest) return reply.code(404).type(TEXT).send(`no cosigned checkpoint for ${JSON.stringify(origin.slice(0, 200))}\n`);
    return reply.code(200).type(TEXT).header('cache-control', 'no-store').send(latest.note);
  });

  app.post('/gossip', async (req, reply) => {
    const r = await observer.observe(bodyText(req.body), 'gossip');
    return reply.code(r.result === 'alarm' ? 409 : 200).send(r);
  });

  app.get('/alarms', async () => ({ alarms: w.parts.alarms.list() }));

  app.get('/', async () => ({
    vkey: o.vkey,
    logs: [...w.parts.logs.values()].map((l) => {
      const latest = w.state(l.origin).latest;
      const frozen = w.parts.alarms.frozenBy(l.origin);
      return {
        origin: l.origin,
        size: latest?.size ?? null,
        root: latest ? toBase64(latest.root) : null,
        frozen_by: frozen?.id ?? null,
      };
    }),
    alarms: w.parts.alarms.list().length,
  }));

  return app;
}
