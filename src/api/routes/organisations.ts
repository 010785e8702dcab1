/** GET /api/organisations: the mechanism's organisations and their keys (public, as their registrations are). */
import { PUBLIC } from '../../policy/route.js';
import type { Services } from '../../services/context.js';
import { listOrganisations } from '../../services/organisations.js';
import type { ZodApp } from './index.js';
import { organisationList } from './organisations.schema.js';

export function organisationRoutes(app: ZodApp, s: Services): void {
  app.get('/api/organisations', {
    config: { policy: PUBLIC },
    schema: { tags: ['organisations'], summary: 'Every organisation: id, kind, name and the verifier key its entries are signed with', response: { 200: organisationList } },
  }, async () => listOrganisations(s));
}
