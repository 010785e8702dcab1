/** One error shape for every response: `{ error: { code, message } }`, never a stack trace. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ServiceError } from '../services/errors.js';
import { isConnectionLost } from '../store/connection-errors.js';

const CODES: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  406: 'not_acceptable', 409: 'conflict', 411: 'length_required', 413: 'payload_too_large', 415: 'unsupported_media_type',
  422: 'unprocessable', 429: 'too_many_requests', 503: 'unavailable',
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ServiceError) return reply.status(err.status).send(errorBody(err.code, err.message));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first ? `${err.validationContext ?? 'request'}${first.instancePath.replace(/\//g, '.')}` : 'request';
      return reply.status(400).send(errorBody('bad_request', `${where}: ${first?.message ?? 'invalid'}`));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send(errorBody('internal', 'internal error'));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(CODES[status] ?? 'bad_request', err.message.replace(/^FST_\w+: /, '')));
    }
    if (isConnectionLost(err)) {
      // The database went away under the request (restart, failover): not the client's mistake, nor a bug.
      req.log.warn({ err: err.message }, 'database connection lost during the request');
      return reply.status(503).header('retry-after', '1').send(errorBody('unavailable', 'the database connection was lost; try again'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`)));
}
