/**
 * Who is calling: a session cookie (browser) or a bearer token (API). Cookie
 * requests that change state must carry the session's CSRF token in
 * `x-csrf-token` (synchroniser token pattern); bearer requests need none,
 * since browsers never attach them on their own.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/visibility.js';
import { checkRoute, type RoutePolicy } from '../policy/route.js';
import { viewerForSession, viewerForToken } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { errorBody } from './errors.js';

export const SESSION_COOKIE = 'annex_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | undefined;
    sessionId: string | undefined;
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export function installAuth(app: FastifyInstance, s: Services): void {
  app.decorateRequest('viewer', undefined);
  app.decorateRequest('sessionId', undefined);
  app.addHook('onRoute', (route) => {
    const policy = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (!policy && !route.url.startsWith('/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no policy (config.policy)`);
    }
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer (\S+)$/.exec(auth);
      req.viewer = m ? await viewerForToken(s, m[1]!) : undefined;
      if (!req.viewer) return reply.status(401).send(errorBody('unauthorized', 'invalid or revoked API token'));
    } else {
      const sid = req.cookies?.[SESSION_COOKIE];
      if (sid) {
        const found = await viewerForSession(s, sid);
        if (found) {
          req.viewer = found.viewer;
          req.sessionId = sid;
          if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== found.csrfToken) {
            return reply.status(403).send(errorBody('csrf', 'missing or wrong x-csrf-token header for a cookie-authenticated request'));
          }
        }
      }
    }
    const policy = (req.routeOptions.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (!policy) return; // 404s and /docs assets
    const decision = checkRoute(policy, req.viewer);
    if (decision === 'unauthenticated') return reply.status(401).send(errorBody('unauthorized', 'sign in first'));
    if (decision === 'forbidden') return reply.status(403).send(errorBody('forbidden', 'your role may not use this route'));
  });
}
