/** Crossing status reports and movement tallies (projections; src/domain/projections/{crossing,movement}.ts). */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE crossing_reports (
      id text PRIMARY KEY, crossing_id text NOT NULL, side text NOT NULL, status text NOT NULL,
      traffic_types jsonb NOT NULL, effective_from timestamptz NOT NULL, effective_to timestamptz,
      method text NOT NULL, announced_by text, reporter_org text NOT NULL, visibility text NOT NULL,
      verified boolean NOT NULL, disputed boolean NOT NULL, commitment_id text, incident_id text,
      reported_at timestamptz NOT NULL, record jsonb NOT NULL, entry_index bigint NOT NULL);
    CREATE INDEX crossing_reports_crossing ON crossing_reports (crossing_id, effective_from, id);
    CREATE TABLE movement_tallies (
      id text PRIMARY KEY, crossing_id text NOT NULL, period_from date NOT NULL, period_to date NOT NULL,
      direction text NOT NULL, category text NOT NULL, reconciled boolean NOT NULL, published boolean NOT NULL,
      record jsonb NOT NULL, updated_at timestamptz NOT NULL, entry_index bigint NOT NULL);
    CREATE INDEX movement_tallies_period ON movement_tallies (period_from, crossing_id);
  `.execute(db);
}
