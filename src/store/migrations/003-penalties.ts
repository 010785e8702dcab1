/**
 * The penalty ladder and penalties (src/domain/projections/penalties.ts):
 * ladder versions, penalties, their timelines, and which finding triggered
 * which rule. All projections of the ledger.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE penalty_ladders (version int PRIMARY KEY, title text NOT NULL, applies_from timestamptz NOT NULL,
      rules jsonb NOT NULL, note text, adopted_at timestamptz NOT NULL, adopted_by text NOT NULL, adopted_user text NOT NULL,
      superseded_at timestamptz, entry_index bigint NOT NULL);
    CREATE TABLE penalties (
      id text PRIMARY KEY, party text NOT NULL, status text NOT NULL, visibility text NOT NULL,
      ladder_version int NOT NULL, rule_id text NOT NULL, consequence_type text NOT NULL, consequence jsonb NOT NULL,
      trigger_findings jsonb NOT NULL, proposed_at timestamptz NOT NULL, decided_at timestamptz, decided_by text,
      due_at timestamptz, record jsonb NOT NULL, updated_at timestamptz NOT NULL, entry_index bigint NOT NULL);
    CREATE INDEX penalties_list ON penalties (proposed_at DESC, id DESC);
    CREATE INDEX penalties_party ON penalties (party, status);
    CREATE INDEX penalties_due ON penalties (status, due_at);
    CREATE TABLE penalty_events (idx bigint PRIMARY KEY, penalty_id text NOT NULL, type text NOT NULL,
      org text NOT NULL, user_id text NOT NULL, at timestamptz NOT NULL, visibility text NOT NULL, body jsonb NOT NULL);
    CREATE INDEX penalty_events_penalty ON penalty_events (penalty_id, idx);
    CREATE TABLE penalty_triggers (id text PRIMARY KEY, rule_id text NOT NULL, incident_id text NOT NULL, penalty_id text NOT NULL);
    CREATE INDEX penalty_triggers_incident ON penalty_triggers (incident_id);
  `.execute(db);
}
