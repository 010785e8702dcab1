/**
 * SQL for commitments, their timelines, reciprocity links and the clause
 * register. Access rules arrive as the visibilities a viewer may read;
 * helpers without them say `unsafe` (callers authorise with
 * commitmentPolicy before showing anything).
 */
import type { Visibility } from '../../domain/visibility.js';
import type { ClauseVersionRow, CommitmentEventRow, CommitmentRow } from '../../policy/commitment-presenter.js';
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

/** The commitment, whoever asks. A keyed read, answered from the writer's batch inside one. */
export async function unsafeFindCommitment(db: Db, id: string): Promise<CommitmentRow | undefined> {
  return (await findRow(db, { table: 'commitments', key: id })) as CommitmentRow | undefined;
}

/**
 * The commitment `id` (e.g. 'COM-3'), or undefined when there is none: for
 * other records that refer to a commitment (a crossing closure) to check the
 * reference. No access check — same as unsafeFindCommitment.
 */
export const getCommitment = unsafeFindCommitment;

/** Several commitments by id, whoever asks (to follow a reciprocal chain). */
export async function unsafeCommitmentsByIds(db: Db, ids: readonly string[]): Promise<CommitmentRow[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('commitments').selectAll().where('id', 'in', [...ids]).execute()) as CommitmentRow[];
}

export interface CommitmentFilters {
  party?: string;
  clause?: string;
  incident?: string;
}

/** The commitments of these visibilities ('all' for the mediators' side) matching the filters, in registration order. */
export async function listCommitments(db: Db, visibilities: readonly Visibility[] | 'all', f: CommitmentFilters): Promise<CommitmentRow[]> {
  let q = db.selectFrom('commitments').selectAll();
  if (visibilities !== 'all') q = q.where('visibility', 'in', [...visibilities]);
  if (f.party) q = q.where('obligated_party', '=', f.party);
  if (f.clause) q = q.where('clause_id', '=', f.clause);
  if (f.incident) q = q.where('source_incident', '=', f.incident);
  return (await q.orderBy('registered_at').orderBy('entry_index').execute()) as CommitmentRow[];
}

/** The timeline, whoever asks: the presenter filters it per viewer. */
export async function unsafeCommitmentEvents(db: Db, id: string): Promise<CommitmentEventRow[]> {
  return db.selectFrom('commitment_events').select(['idx', 'type', 'org', 'user_id', 'at', 'visibility', 'body'])
    .where('commitment_id', '=', id).orderBy('idx').execute();
}

/** The reciprocity links row (undefined before the first link). A keyed read. */
export async function findLinks(db: Db): Promise<Record<string, unknown> | undefined> {
  return findRow(db, { table: 'commitment_links', key: 1 });
}

/** Evidence items by id with who may see them, whoever asks (callers filter per viewer). */
export async function unsafeEvidenceByIds(db: Db, ids: readonly string[]): Promise<Array<{ id: string; visibility: string; lodged_org: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('evidence').select(['id', 'visibility', 'lodged_org']).where('id', 'in', [...ids]).execute();
}

/** Every recorded clause version, by clause then version (the register is public). */
export async function listClauseVersions(db: Db, clauseId?: string): Promise<ClauseVersionRow[]> {
  let q = db.selectFrom('clause_versions').selectAll();
  if (clauseId) q = q.where('clause_id', '=', clauseId);
  return q.orderBy('clause_id').orderBy('version').execute();
}
