/** SQL for evidence and its chain of custody. Access rules arrive as a ReadScope; helpers without one say `unsafe`. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ReadScope } from '../../domain/visibility.js';
import type { CustodyRow, EvidenceRow } from '../../policy/evidence-presenter.js';
import type { Db } from '../db.js';
import type { Database } from '../schema.js';
import { containsPattern } from './like.js';

const COLUMNS = [
  'evidence.id', 'evidence.incident_id', 'evidence.sha256', 'evidence.size', 'evidence.media_type', 'evidence.kind',
  'evidence.original_name', 'evidence.visibility', 'evidence.sealed', 'evidence.disclosed', 'evidence.redacted_of',
  'evidence.lodged_org', 'evidence.lodged_at', 'evidence.record', 'evidence.entry_index', 'incidents.status as incident_status',
] as const;

const base = (db: Db) => db.selectFrom('evidence').innerJoin('incidents', 'incidents.id', 'evidence.incident_id');

/** The evidence with its incident's status, whoever asks: callers authorise with evidencePolicy. */
export async function unsafeFindEvidence(db: Db, id: string): Promise<EvidenceRow | undefined> {
  return base(db).select(COLUMNS).where('evidence.id', '=', id).executeTakeFirst();
}

type Eb = ExpressionBuilder<Database, 'evidence' | 'incidents'>;

/** Only the evidence `scope` may read: of its visibilities, or lodged by its organisation. */
function readable(eb: Eb, scope: ReadScope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const ors = [eb('evidence.visibility', 'in', scope.visibilities)];
  if (scope.ownerOrg) ors.push(eb('evidence.lodged_org', '=', scope.ownerOrg));
  return eb.or(ors);
}

/** Evidence on an incident that `scope` may read, in lodging order. */
export async function listEvidenceOn(db: Db, incidentId: string, scope: ReadScope): Promise<EvidenceRow[]> {
  return base(db).select(COLUMNS).where('evidence.incident_id', '=', incidentId).where((eb) => readable(eb, scope)).orderBy('evidence.id').execute();
}

/** Evidence `scope` may read on any incident, newest first, whose id, file name or incident id contains `text` (any case). */
export async function searchEvidence(db: Db, scope: ReadScope, f: { text?: string | undefined; limit: number }): Promise<EvidenceRow[]> {
  let q = base(db).select(COLUMNS).where((eb) => readable(eb, scope));
  if (f.text) {
    const like = containsPattern(f.text);
    q = q.where((eb) => eb.or([eb('evidence.id', 'ilike', like), eb('evidence.original_name', 'ilike', like), eb('evidence.incident_id', 'ilike', like)]));
  }
  return q.orderBy('evidence.id', 'desc').limit(f.limit).execute();
}

/** Redacted copies made of `id`, whoever asks: the presenter filters them per viewer. */
export async function unsafeRedactionsOf(db: Db, id: string): Promise<EvidenceRow[]> {
  return base(db).select(COLUMNS).where('evidence.redacted_of', '=', id).orderBy('evidence.id').execute();
}

/** The chain of custody, in log order, whoever asks. */
export async function unsafeCustodyOf(db: Db, id: string): Promise<CustodyRow[]> {
  return db.selectFrom('custody_events').select(['idx', 'action', 'org', 'user_id', 'at']).where('evidence_id', '=', id).orderBy('idx').execute();
}


/** One ledger entry's bytes and, when sealed, its seal: for disclosing it, whoever asks. */
export async function unsafeEntryWithSeal(db: Db, idx: number): Promise<{ bytes: Uint8Array; salt: Uint8Array | null; body: string | null } | undefined> {
  return db.selectFrom('ledger_entries')
    .leftJoin('ledger_seals', 'ledger_seals.idx', 'ledger_entries.idx')
    .select(['ledger_entries.bytes', 'ledger_seals.salt', 'ledger_seals.body'])
    .where('ledger_entries.idx', '=', idx)
    .executeTakeFirst();
}
