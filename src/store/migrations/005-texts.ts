/** Negotiation texts: documents, versions (clause trees), the parties' signed actions, agenda items. All projections. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE text_documents (
      id text PRIMARY KEY, title text NOT NULL, visibility text NOT NULL, parties jsonb NOT NULL, created_by text NOT NULL,
      created_at timestamptz NOT NULL, latest_version int NOT NULL, last_final_version int, agreed_version int,
      updated_at timestamptz NOT NULL, record jsonb NOT NULL, entry_index bigint NOT NULL);
    CREATE TABLE text_versions (
      id text PRIMARY KEY, document_id text NOT NULL, number int NOT NULL, hash text NOT NULL, clauses jsonb NOT NULL,
      based_on int, final boolean NOT NULL, note text, proposed_by text NOT NULL, proposed_user text NOT NULL,
      proposed_at timestamptz NOT NULL, positions jsonb NOT NULL, agreed boolean NOT NULL, entry_index bigint NOT NULL,
      UNIQUE (document_id, number));
    CREATE TABLE text_actions (
      idx bigint PRIMARY KEY, document_id text NOT NULL, version int NOT NULL, hash text NOT NULL, action text NOT NULL,
      org text NOT NULL, user_id text NOT NULL, at timestamptz NOT NULL, note text, visibility text NOT NULL);
    CREATE INDEX text_actions_document ON text_actions (document_id, idx);
    CREATE TABLE text_agenda_items (
      id text PRIMARY KEY, document_id text NOT NULL, title text NOT NULL, text text NOT NULL, raised_by text NOT NULL,
      raised_user text NOT NULL, raised_at timestamptz NOT NULL, raised_after_version int, mandate text NOT NULL,
      ruling jsonb, entry_index bigint NOT NULL);
    CREATE INDEX text_agenda_items_document ON text_agenda_items (document_id, id);
  `.execute(db);
}
