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
/** One crossing status report; `record` holds the filed body and its verifications (src/domain/projections/crossing.ts). */
export interface CrossingReportsTable {
  id: string;
  crossing_id: string;
  side: string;
  status: string;
  traffic_types: Json;
  effective_from: string;
  effective_to: string | null;
  method: string;
  announced_by: string | null;
  reporter_org: string;
  visibility: string;
  verified: boolean;
  disputed: boolean;
  commitment_id: string | null;
  incident_id: string | null;
  reported_at: string;
  record: Json;
  entry_index: number;
}
/** One movement tally (crossing, period, direction, category): party counts and reconciliation in `record`. */
export interface MovementTalliesTable {
  id: string;
  crossing_id: string;
  period_from: string;
  period_to: string;
  direction: string;
  category: string;
  reconciled: boolean;
  published: boolean;
  record: Json;
  updated_at: string;
  entry_index: number;
}
/** One version of the penalty ladder (src/domain/projections/penalties.ts); `rules` as adopted. */
export interface PenaltyLaddersTable {
  version: number;
  title: string;
  applies_from: string;
  rules: Json;
  note: string | null;
  adopted_at: string;
  adopted_by: string;
  adopted_user: string;
  superseded_at: string | null;
  entry_index: number;
}
/** One penalty: its rule, consequence, trigger findings and status; notes, report and decisions in `record`. */
export interface PenaltiesTable {
  id: string;
  party: string;
  status: string;
  visibility: string;
  ladder_version: number;
  rule_id: string;
  consequence_type: string;
  consequence: Json;
  trigger_findings: Json;
  proposed_at: string;
  decided_at: string | null;
  decided_by: string | null;
  due_at: string | null;
  record: Json;
  updated_at: string;
  entry_index: number;
}
export interface PenaltyEventsTable {
  idx: number;
  penalty_id: string;
  type: string;
  org: string;
  user_id: string;
  at: string;
  visibility: string;
  body: Json;
}
/** "Finding `incident_id` has triggered rule `rule_id`" (id 'rule|incident'): a rule fires once per finding. */
export interface PenaltyTriggersTable { id: string; rule_id: string; incident_id: string; penalty_id: string }
/** A negotiation text (src/domain/projections/text.ts); `record`: description, agreed versions, publication. */
export interface TextDocumentsTable {
  id: string;
  title: string;
  visibility: string;
  parties: Json;
  created_by: string;
  created_at: string;
  latest_version: number;
  last_final_version: number | null;
  agreed_version: number | null;
  updated_at: string;
  record: Json;
  entry_index: number;
}
/** One version of a text (id 'TXT-…/vN'): its clause tree, hash and each party's position on it. */
export interface TextVersionsTable {
  id: string;
  document_id: string;
  number: number;
  hash: string;
  clauses: Json;
  based_on: number | null;
  final: boolean;
  note: string | null;
  proposed_by: string;
  proposed_user: string;
  proposed_at: string;
  positions: Json;
  agreed: boolean;
  entry_index: number;
}
/** One signed action on a version (propose / accept / reject / retract), keyed by its entry. */
export interface TextActionsTable {
  idx: number;
  document_id: string;
  version: number;
  hash: string;
  action: string;
  org: string;
  user_id: string;
  at: string;
  note: string | null;
  visibility: string;
}
export interface TextAgendaItemsTable {
  id: string;
  document_id: string;
  title: string;
  text: string;
  raised_by: string;
  raised_user: string;
  raised_at: string;
  raised_after_version: number | null;
  mandate: string;
  ruling: Json;
  entry_index: number;
}

/** One commitment (src/domain/projections/commitment.ts): columns for filtering; indicator, deadline, extensions and verifications in `record`. */
export interface CommitmentsTable {
  id: string;
  title: string;
  obligated_party: string;
  clause_id: string | null;
  status: string;
  visibility: string;
  source_incident: string | null;
  registered_at: string;
  updated_at: string;
  record: Json;
  entry_index: number;
}
export interface CommitmentEventsTable {
  idx: number;
  commitment_id: string;
  type: string;
  org: string;
  user_id: string;
  at: string;
  visibility: string;
  body: Json;
}
/** One version of one agreement clause ('C1@2'). */
export interface ClauseVersionsTable {
  id: string;
  clause_id: string;
  version: number;
  title: string;
  text: string;
  reason: string | null;
  agreed_on: string | null;
  /** Null for version 1 of a clause taken from the workspace configuration when it was first amended. */
  recorded_at: string | null;
  recorded_by: string | null;
  entry_index: number;
}
/** The single row of reciprocity links between commitments, and which finding remedy became which commitment. */
export interface CommitmentLinksTable { id: number; conditions: Json; visibility: Json; remedies: Json; entry_index: number }

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
  crossing_reports: CrossingReportsTable;
  movement_tallies: MovementTalliesTable;
  penalty_ladders: PenaltyLaddersTable;
  penalties: PenaltiesTable;
  penalty_events: PenaltyEventsTable;
  penalty_triggers: PenaltyTriggersTable;
  text_documents: TextDocumentsTable;
  text_versions: TextVersionsTable;
  text_actions: TextActionsTable;
  text_agenda_items: TextAgendaItemsTable;
  commitments: CommitmentsTable;
  commitment_events: CommitmentEventsTable;
  clause_versions: ClauseVersionsTable;
  commitment_links: CommitmentLinksTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
