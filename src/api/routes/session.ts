/** Sign in/out, who am I, API tokens. */
import { z } from 'zod';
import type { Viewer } from '../../domain/visibility.js';
import { PUBLIC, SIGNED_IN } from '../../policy/route.js';
import { createApiToken, revokeApiToken, SESSION_HOURS, signIn, signOut } from '../../services/auth.js';
import type { Services } from '../../services/context.js';
import { SESSION_COOKIE } from '../auth.js';
import type { ZodApp } from './index.js';
import { meReply, signInBody, signInReply, tokenBody, tokenReply } from './session.schema.js';

export function presentViewer(v: Viewer) {
  return { user_id: v.userId, username: v.username, org: v.org, org_kind: v.orgKind, roles: [...v.roles] };
}

export function sessionRoutes(app: ZodApp, s: Services): void {
  app.post('/api/session', {
    config: { policy: PUBLIC },
    schema: { tags: ['session'], body: signInBody, response: { 200: signInReply } },
  }, async (req, reply) => {
    const session = await signIn(s, req.body.username, req.body.password);
    reply.setCookie(SESSION_COOKIE, session.sessionId, {
      httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https', maxAge: SESSION_HOURS * 3600,
    });
    return { user: presentViewer(session.viewer), csrf_token: session.csrfToken, expires_at: session.expiresAt };
  });

  app.delete('/api/session', {
    config: { policy: SIGNED_IN },
    schema: { tags: ['session'], response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.sessionId) await signOut(s, req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/me', {
    config: { policy: PUBLIC },
    schema: { tags: ['session'], response: { 200: meReply } },
  }, async (req) => ({ user: req.viewer ? presentViewer(req.viewer) : null }));

  app.post('/api/tokens', {
    config: { policy: SIGNED_IN },
    schema: { tags: ['session'], body: tokenBody, response: { 201: tokenReply } },
  }, async (req, reply) => reply.status(201).send(await createApiToken(s, req.viewer!, req.body.name)));

  app.delete('/api/tokens/:id', {
    config: { policy: SIGNED_IN },
    schema: { tags: ['session'], params: z.object({ id: z.string().max(64) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeApiToken(s, req.viewer!, req.params.id);
    return reply.status(204).send(null);
  });
}
