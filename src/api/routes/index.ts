/** Every route module, registered in one place. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/context.js';
import { clauseRoutes } from './clauses.js';
import { commitmentRoutes } from './commitments.js';
import { crossingRoutes } from './crossings.js';
import { dashboardRoutes } from './dashboard.js';
import { evidenceRoutes } from './evidence.js';
import { healthRoutes } from './health.js';
import { incidentRoutes } from './incidents.js';
import { logRoutes } from './log.js';
import { movementRoutes } from './movements.js';
import { organisationRoutes } from './organisations.js';
import { penaltyRoutes } from './penalties.js';
import { receiptRoutes } from './receipts.js';
import { sessionRoutes } from './session.js';
import { agendaRoutes } from './text-agenda.js';
import { textRoutes } from './texts.js';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export async function registerRoutes(app: FastifyInstance, s: Services): Promise<void> {
  const z = app.withTypeProvider<ZodTypeProvider>();
  healthRoutes(z, s);
  sessionRoutes(z, s);
  incidentRoutes(z, s);
  evidenceRoutes(z, s);
  logRoutes(z, s);
  receiptRoutes(z, s);
  textRoutes(z, s);
  agendaRoutes(z, s);
  penaltyRoutes(z, s);
  crossingRoutes(z, s);
  movementRoutes(z, s);
  clauseRoutes(z, s);
  organisationRoutes(z, s);
  commitmentRoutes(z, s);
  dashboardRoutes(z, s);
}
