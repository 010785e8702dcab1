/**
 * Every migration, in order. Names sort lexically; never rename or edit one
 * that has shipped — add a new one.
 */
import type { Migration } from 'kysely';
import * as initial from './001-initial.js';
import * as commitments from './002-commitments.js';
import * as penalties from './003-penalties.js';
import * as crossings from './004-crossings.js';
import * as texts from './005-texts.js';
import * as dashboardIndexes from './006-dashboard-indexes.js';

export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-commitments': commitments,
  '003-penalties': penalties,
  '004-crossings': crossings,
  '005-texts': texts,
  '006-dashboard-indexes': dashboardIndexes,
};
