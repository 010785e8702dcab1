/**
 * Commitments and the versioned clause register (src/domain/projections/
 * commitment.ts, clause.ts): commitments with their timelines, every version
 * of every clause, and one row holding the reciprocity links between
 * commitments (so a replay can refuse a cycle from one keyed read). All
 * projections of the ledger.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE commitments (
      id text PRIMARY KEY, title text NOT NULL, obligated_party text NOT NULL, clause_id text, status text NOT NULL,
      visibility text NOT NULL, source_incident text, registered_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      record jsonb NOT NULL, entry_index bigint NOT NULL);
    CREATE INDEX commitments_party ON commitments (obligated_party, status);
    CREATE INDEX commitments_source ON commitments (source_incident);
    CREATE TABLE commitment_events (idx bigint PRIMARY KEY, commitment_id text NOT NULL, type text NOT NULL,
      org text NOT NULL, user_id text NOT NULL, at timestamptz NOT NULL, visibility text NOT NULL, body jsonb NOT NULL);
    CREATE INDEX commitment_events_commitment ON commitment_events (commitment_id, idx);
    CREATE TABLE clause_versions (
      id text PRIMARY KEY, clause_id text NOT NULL, version int NOT NULL, title text NOT NULL, text text NOT NULL,
      reason text, agreed_on date, recorded_at timestamptz, recorded_by text, entry_index bigint NOT NULL,
      UNIQUE (clause_id, version));
    CREATE TABLE commitment_links (id int PRIMARY KEY CHECK (id = 1), conditions jsonb NOT NULL, visibility jsonb NOT NULL,
      remedies jsonb NOT NULL, entry_index bigint NOT NULL);
  `.execute(db);
}
