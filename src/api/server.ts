/**
 * The HTTP application: Fastify 5, zod-validated input and output, OpenAPI at
 * /openapi.json and /docs, one error shape, a declared policy on every route.
 * `buildApp` does not listen; `annex serve` and the tests do.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../services/context.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './errors.js';
import { registerRoutes } from './routes/index.js';
import { testHookRoutes } from './routes/test-hooks.js';
import { webRoutes } from './routes/web.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Largest evidence upload, bytes. */
  maxUploadBytes?: number;
  version?: string;
  /** Register src/api/routes/test-hooks.ts (ANNEX_TEST_HOOKS=1; end-to-end tests only). */
  testHooks?: boolean;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    /** Largest evidence upload, bytes (AppOptions.maxUploadBytes). */
    maxUploadBytes: number;
  }
}

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export async function buildApp(s: Services, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  const maxUploadBytes = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  // Routes read the limit too: the blob store enforces it as bytes arrive (src/api/routes/evidence-upload.ts).
  app.decorate('maxUploadBytes', maxUploadBytes);
  await app.register(multipart, {
    limits: { fileSize: maxUploadBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Annex API', version: opts.version ?? '0.1.0', description: 'Ceasefire monitoring and verification ledger' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'annex_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installAuth(app, s);
  await registerRoutes(app, s);
  if (opts.testHooks) testHookRoutes(app, s);
  app.get('/openapi.json', { config: { policy: { access: 'public' } }, schema: { hide: true } }, async () => app.swagger());
  webRoutes(app); // the web UI at / (dist/web/), after every other route
  await app.ready();
  return app;
}
