/** SQL for incidents and their timelines. Access rules arrive as a ReadScope; helpers without one say `unsafe`. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ReadScope } from '../../domain/visibility.js';
import type { IncidentEventRow, IncidentRow } from '../../policy/incident-presenter.js';
import type { Db } from '../db.js';
import { containsPattern } from './like.js';
import type { Database } from '../schema.js';
import { findRow } from '../unit-of-work.js';

const ROW_COLUMNS = [
  'id', 'status', 'visibility', 'complainant_org', 'accused_party', 'category', 'severity', 'title', 'event_date',
  'pending_step', 'pending_on', 'deadline_at', 'filed_at', 'updated_at', 'record', 'entry_index',
] as const;

/**
 * The incident, whoever asks: callers authorise with incidentPolicy before
 * showing it. A keyed read, answered from the writer's batch inside one.
 */
export async function unsafeFindIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return (await findRow(db, { table: 'incidents', key: id })) as IncidentRow | undefined;
}

/** The timeline, whoever asks: the presenter filters it per viewer. */
export async function unsafeIncidentEvents(db: Db, id: string): Promise<IncidentEventRow[]> {
  return db.selectFrom('incident_events').select(['idx', 'type', 'org', 'user_id', 'at', 'visibility', 'body'])
    .where('incident_id', '=', id).orderBy('idx').execute();
}

export interface IncidentFilters {
  party?: string;
  status?: string[];
  category?: string;
  from?: string;
  to?: string;
  place?: string;
  crossing?: string;
  overdue?: boolean;
  pendingOn?: string;
  q?: string;
}

export interface Cursor {
  event_date: string;
  id: string;
}

type Eb = ExpressionBuilder<Database, 'incidents'>;

function scopeFilter(eb: Eb, scope: ReadScope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const ors = [eb('visibility', 'in', scope.visibilities)];
  if (scope.ownerOrg) ors.push(eb('complainant_org', '=', scope.ownerOrg));
  return eb.or(ors);
}

function filterExpr(eb: Eb, f: IncidentFilters, now: string): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (f.party) and.push(eb.or([eb('complainant_org', '=', f.party), eb('accused_party', '=', f.party)]));
  if (f.status?.length) and.push(eb('status', 'in', f.status));
  if (f.category) and.push(eb('category', '=', f.category));
  if (f.from) and.push(eb('event_date', '>=', f.from));
  if (f.to) and.push(eb('event_date', '<=', f.to));
  if (f.crossing) and.push(eb('crossing_id', '=', f.crossing));
  if (f.pendingOn) and.push(eb('pending_on', '=', f.pendingOn));
  if (f.overdue !== undefined) {
    and.push(f.overdue ? eb('deadline_at', '<', now) : eb.or([eb('deadline_at', 'is', null), eb('deadline_at', '>=', now)]));
  }
  if (f.place) {
    const like = containsPattern(f.place);
    and.push(eb.or([eb('country', 'ilike', like), eb('admin1', 'ilike', like), eb('location', 'ilike', like)]));
  }
  // PostgreSQL full text search; 'simple' because titles and notes come in six languages.
  if (f.q) and.push(sql<boolean>`search @@ websearch_to_tsquery('simple', ${f.q})`);
  return eb.and(and);
}

/**
 * One page, newest event first, keyset-paged on (event_date, id) so page N
 * costs the same as page 1 with 100k incidents; plus the total matching.
 */
export async function listIncidents(
  db: Db, scope: ReadScope, f: IncidentFilters, page: { limit: number; after?: Cursor }, now: string,
): Promise<{ rows: IncidentRow[]; total: number }> {
  const base = db.selectFrom('incidents').where((eb) => eb.and([scopeFilter(eb, scope), filterExpr(eb, f, now)]));
  let q = base.select(ROW_COLUMNS);
  if (page.after) {
    const { event_date, id } = page.after;
    q = q.where(sql<boolean>`(event_date, id) < (${event_date}::date, ${id})`);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('event_date', 'desc').orderBy('id', 'desc').limit(page.limit).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The evidence lodged on an incident, with who may see it (callers filter per viewer). */
export async function unsafeEvidenceOf(db: Db, incidentId: string): Promise<Array<{ id: string; visibility: string; lodged_org: string }>> {
  return db.selectFrom('evidence').select(['id', 'visibility', 'lodged_org']).where('incident_id', '=', incidentId).execute();
}
