/**
 * Routes that exist only for end-to-end tests, registered only when the
 * server starts with ANNEX_TEST_HOOKS=1 (never in a normal start): they let a
 * test make this server misbehave the way the mechanism must survive.
 */
import { z } from 'zod';
import { forkHistory } from '../../log/fork-hook.js';
import { publicationFor } from '../../log/publication.js';
import type { RoutePolicy } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { ServiceError } from '../../services/errors.js';
import type { ZodApp } from './index.js';

const ADMINS: RoutePolicy = { access: 'signed-in', roles: ['admin'] };

export function testHookRoutes(app: ZodApp, s: Services): void {
  // Rewrites the tree under the latest checkpoint and re-signs it (src/log/fork-hook.ts).
  app.post('/api/test-hooks/fork-log', {
    config: { policy: ADMINS },
    schema: {
      hide: true,
      body: z.strictObject({ index: z.number().int().nonnegative().optional() }).optional(),
      response: { 200: z.object({ size: z.number().int(), index: z.number().int(), honest: z.string(), forked: z.string() }) },
    },
  }, async (req) => {
    try {
      const r = await forkHistory(s, req.body?.index);
      publicationFor(s).wake();
      return r;
    } catch (e) {
      if (e instanceof RangeError) throw new ServiceError('conflict', e.message);
      throw e;
    }
  });
}
