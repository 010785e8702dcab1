/**
 * Indexes for the dashboard's aggregates (src/store/repositories/dashboard.ts)
 * over 100k incidents: covering indexes, so the GROUP BY queries read the
 * index alone (index-only scans once the table is vacuumed) instead of every
 * wide incident row with its jsonb record. Measured by bench/ui.ts; at
 * 100,000 incidents on PGlite the three queries went from ~112 ms to ~68 ms
 * (allegations 73 → 52 ms, pending steps 44 → 17 ms).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX incidents_dashboard_filed ON incidents (filed_at) INCLUDE (accused_party, category, visibility, complainant_org);
    CREATE INDEX incidents_dashboard_pending ON incidents (pending_step, pending_on) INCLUDE (deadline_at, visibility, complainant_org)
      WHERE pending_step IS NOT NULL;
  `.execute(db);
}
