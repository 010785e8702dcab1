/** The first schema. PostgreSQL dialect; runs unchanged on PGlite and PostgreSQL. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ledger_head (id int PRIMARY KEY CHECK (id = 1), size bigint NOT NULL);
    INSERT INTO ledger_head VALUES (1, 0);
    CREATE TABLE ledger_entries (
      idx bigint PRIMARY KEY, bytes bytea NOT NULL, leaf_hash bytea NOT NULL,
      type text NOT NULL, subject text NOT NULL, org text NOT NULL, at timestamptz NOT NULL);
    CREATE INDEX ledger_entries_subject ON ledger_entries (subject, idx);
    CREATE TABLE ledger_seals (
      idx bigint PRIMARY KEY REFERENCES ledger_entries (idx), salt bytea NOT NULL, body text NOT NULL,
      disclosed_idx bigint);
    CREATE TABLE log_tiles (
      level int NOT NULL, idx bigint NOT NULL, width int NOT NULL CHECK (width BETWEEN 1 AND 256),
      bytes bytea NOT NULL, PRIMARY KEY (level, idx));
    CREATE TABLE log_checkpoints (size bigint PRIMARY KEY, root bytea NOT NULL, note text NOT NULL,
      created_at timestamptz NOT NULL);
    CREATE TABLE log_published (size bigint PRIMARY KEY, note text NOT NULL, published_at timestamptz NOT NULL);
    CREATE TABLE log_witnesses (vkey text PRIMARY KEY, size bigint NOT NULL, last_ok_at timestamptz,
      last_error text, updated_at timestamptz NOT NULL);

    CREATE TABLE workspace (id int PRIMARY KEY CHECK (id = 1), name text NOT NULL, config jsonb NOT NULL,
      entry_index bigint NOT NULL);
    CREATE TABLE organisations (id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL, vkey text NOT NULL,
      entry_index bigint NOT NULL);
    CREATE TABLE users (id text PRIMARY KEY, org text NOT NULL, username text NOT NULL UNIQUE,
      display_name text NOT NULL, roles jsonb NOT NULL, active boolean NOT NULL, entry_index bigint NOT NULL);
    CREATE TABLE incidents (
      id text PRIMARY KEY, status text NOT NULL, visibility text NOT NULL, complainant_org text NOT NULL,
      accused_party text, category text, severity text, title text NOT NULL, event_date date NOT NULL,
      country text, admin1 text, location text, latitude double precision, longitude double precision,
      geo_precision int, crossing_id text, pending_step text, pending_on text, deadline_at timestamptz,
      filed_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, record jsonb NOT NULL, entry_index bigint NOT NULL,
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
        id || ' ' || title || ' ' || coalesce(admin1, '') || ' ' || coalesce(location, '') || ' ' ||
        coalesce(record->>'notes', '') || ' ' || coalesce((record->'translations')::text, ''))) STORED);
    CREATE INDEX incidents_list ON incidents (event_date DESC, id DESC);
    CREATE INDEX incidents_status ON incidents (status, event_date DESC, id DESC);
    CREATE INDEX incidents_accused ON incidents (accused_party, event_date DESC, id DESC);
    CREATE INDEX incidents_complainant ON incidents (complainant_org, event_date DESC, id DESC);
    CREATE INDEX incidents_deadline ON incidents (deadline_at);
    CREATE INDEX incidents_search ON incidents USING gin (search);
    CREATE TABLE incident_events (idx bigint PRIMARY KEY, incident_id text NOT NULL, type text NOT NULL,
      org text NOT NULL, user_id text NOT NULL, at timestamptz NOT NULL, visibility text NOT NULL, body jsonb NOT NULL);
    CREATE INDEX incident_events_incident ON incident_events (incident_id, idx);
    CREATE TABLE evidence (
      id text PRIMARY KEY, incident_id text NOT NULL, sha256 text NOT NULL, size bigint NOT NULL,
      media_type text NOT NULL, kind text NOT NULL, original_name text NOT NULL, visibility text NOT NULL,
      sealed boolean NOT NULL, disclosed boolean NOT NULL, redacted_of text, lodged_org text NOT NULL,
      lodged_at timestamptz NOT NULL, record jsonb NOT NULL, entry_index bigint NOT NULL);
    CREATE INDEX evidence_incident ON evidence (incident_id);
    CREATE TABLE custody_events (idx bigint PRIMARY KEY, evidence_id text NOT NULL, action text NOT NULL,
      org text NOT NULL, user_id text NOT NULL, at timestamptz NOT NULL);
    CREATE INDEX custody_events_evidence ON custody_events (evidence_id, idx);

    CREATE TABLE counters (id text PRIMARY KEY, value bigint NOT NULL);

    CREATE TABLE credentials (user_id text PRIMARY KEY, password_hash text NOT NULL);
    CREATE TABLE sessions (id_hash text PRIMARY KEY, user_id text NOT NULL, csrf_token text NOT NULL,
      created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
    CREATE TABLE api_tokens (id text PRIMARY KEY, user_id text NOT NULL, name text NOT NULL,
      token_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz);
  `.execute(db);
}
