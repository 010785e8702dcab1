/**
 * The organisations of the mechanism (parties, mediators, secretariat,
 * monitors, observers) with their verifier keys: the directory forms pick
 * parties from, and auditors compare keys with. Each was registered by a
 * public `org.registered` entry, so nothing here is more than the log shows.
 */
import type { OrgKind } from '../domain/visibility.js';
import * as accounts from '../store/repositories/accounts.js';
import type { Services } from './context.js';

export async function listOrganisations(s: Services) {
  const rows = await accounts.listOrganisations(s.db);
  return { items: rows.map((o) => ({ id: o.id, kind: o.kind as OrgKind, name: o.name, vkey: o.vkey, entry_index: o.entry_index })) };
}
