/** GET /api/health: liveness plus the ledger size, for load balancers and the status page. */
import { z } from 'zod';
import { PUBLIC } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { ledgerSize } from '../../store/repositories/ledger.js';
import type { ZodApp } from './index.js';

export function healthRoutes(app: ZodApp, s: Services): void {
  app.get('/api/health', {
    config: { policy: PUBLIC },
    schema: { tags: ['status'], response: { 200: z.object({ status: z.literal('ok'), ledger_size: z.number().int() }) } },
  }, async () => ({ status: 'ok' as const, ledger_size: await ledgerSize(s.db) }));
}
