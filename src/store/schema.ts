/**
 * The database, as Kysely sees it. Two kinds of tables:
 * - the ledger (ledger_*, log_*) — the record itself;
 * - projections (organisations, users, incidents, incident_events, evidence,
 *   custody_events, workspace) — written only by applying ledger entries
 *   (src/domain/projection.ts), so `annex verify` can rebuild them and
 *   compare; and operational tables (credentials, sessions, api_tokens)
 *   that are not part of the record.
 * Column types are what the pg driver returns with src/store/db.ts's type
 * parsers: int8 → number, timestamptz → ISO string, date → 'YYYY-MM-DD'.
 */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface LedgerHeadTable { id: number; size: number }
export interface LedgerEntriesTable {
  idx: number;
  bytes: Uint8Array;
  leaf_hash: Uint8Array;
  type: string;
  subject: string;
  org: string;
  at: string;
}
/**
 * Salt and canonical body of sealed entries: private until disclosed. The
 * record's visibility is kept beside them because appliers receive it
 * (AppliedEntry.visibility) and `annex verify` must replay with the same one.
 */
export interface LedgerSealsTable { idx: number; salt: Uint8Array; body: string; disclosed_idx: number | null }
export interface LogTilesTable { level: number; idx: number; width: number; bytes: Uint8Array }
export interface LogCheckpointsTable { size: number; root: Uint8Array; note: string; created_at: string }
/** Checkpoints cosigned by a quorum of the witness policy (note: the log's signature plus the cosignatures). */
export interface LogPublishedTable { size: number; note: string; published_at: string }
/** What the server knows of each witness (keyed by its cosigner vkey): the size it last cosigned, last outcome. */
export interface LogWitnessesTable { vkey: string; size: number; last_ok_at: string | null; last_error: string | null; updated_at: string }

export interface WorkspaceTable { id: number; name: string; config: Json; entry_index: number }
export interface OrganisationsTable { id: string; kind: string; name: string; vkey: string; entry_index: number }
export interface UsersTable {
  id: string;
  org: string;
  username: string;
  display_name: string;
  roles: Json;
  active: boolean;
  entry_index: number;
}
export interface IncidentsTable {
  id: string;
  status: string;
  visibility: string;
  complainant_org: string;
  accused_party: string | null;
  category: string | null;
  severity: string | null;
  title: string;
  event_date: string;
  country: string | null;
  admin1: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: number | null;
  crossing_id: string | null;
  pending_step: string | null;
  pending_on: string | null;
  deadline_at: string | null;
  filed_at: string;
  updated_at: string;
  record: Json;
  entry_index: number;
  search: Generated<string>;
}
export interface IncidentEventsTable {
  idx: number;
  incident_id: string;
  type: string;
  org: string;
  user_id: string;
  at: string;
  visibility: string;
  body: Json;
}
export interface EvidenceTable {
  id: string;
  incident_id: string;
  sha256: string;
  size: number;
  media_type: string;
  kind: string;
  original_name: string;
  visibility: string;
  sealed: boolean;
  disclosed: boolean;
  redacted_of: string | null;
  lodged_org: string;
  lodged_at: string;
  record: Json;
  entry_index: number;
}
/** Highest number used per reference kind and year ('INC-2025' → 42). */
export interface CountersTable { id: string; value: number }
export interface CustodyEventsTable {
  idx: number;
  evidence_id: string;
  action: string;
  org: string;
  user_id: string;
  at: string;
}

export interface CredentialsTable { user_id: string; password_hash: string }
export interface SessionsTable { id_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface Database {
  ledger_head: LedgerHeadTable;
  ledger_entries: LedgerEntriesTable;
  ledger_seals: LedgerSealsTable;
  log_tiles: LogTilesTable;
  log_checkpoints: LogCheckpointsTable;
  log_published: LogPublishedTable;
  log_witnesses: LogWitnessesTable;
  workspace: WorkspaceTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  evidence: EvidenceTable;
  custody_events: CustodyEventsTable;
  counters: CountersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
