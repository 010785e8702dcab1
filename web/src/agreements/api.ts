/**
 * The agreement-side API as the browser reads it: commitments, the penalty
 * ladder and penalties, crossings and movement tallies, negotiation texts and
 * their agenda (src/api/routes/{commitments,penalties,crossings,movements,
 * texts,text-agenda}.schema.ts). Types are copied from those schemas (the
 * bundle does not pull in zod and src/domain); `actions` on each object is
 * what the viewer may do, and the UI offers exactly those.
 */
import { getJson, send } from '../api.js';
import type { VISIBILITIES } from '../lists.js';
import type { StatusMethod, VerificationOutcome } from './crossing-actions-api.js';

export const KROC_STATUSES = ['not_started', 'minimal', 'intermediate', 'complete'] as const;
export const PENALTY_STATUSES = ['proposed', 'confirmed', 'dismissed', 'complied', 'lapsed'] as const;
export const TRAFFIC_TYPES = ['cargo', 'pedestrians', 'returnees', 'humanitarian'] as const;
export const MOVEMENT_CATEGORIES = [
  'registered_refugee_voluntary_return', 'registered_refugee_deportee', 'undocumented_voluntary_return', 'undocumented_deportee', 'other',
] as const;

export type Deadline = { date: string } | { relative_to: 'd_day'; days: number };
type Loose = Record<string, unknown>;

export interface LoggedEvent {
  index: number;
  type: string;
  org: string;
  user: string;
  at: string;
  visibility: string;
  body: Loose;
}

export interface CommitmentSummary {
  id: string;
  title: string;
  obligated_party: string;
  clause_id: string | null;
  status: (typeof KROC_STATUSES)[number];
  visibility: string;
  deadline: Deadline;
  deadline_label: string;
  due_date: string | null;
  due_at: string | null;
  due_note: string | null;
  overdue: boolean;
  suspended: boolean;
  suspended_by: string[];
  conditional_on: string[];
  source_incident: string | null;
  extension_count: number;
  last_verified_at: string | null;
  registered_at: string;
  updated_at: string;
  entry_index: number;
  actions: string[];
}

export interface LinkedCommitment {
  id: string;
  title: string;
  obligated_party: string;
  status: string;
  due_date: string | null;
  overdue: boolean;
  suspended: boolean;
  in_default: boolean;
}

export interface CommitmentDetail extends CommitmentSummary {
  clause_version: number | null;
  indicator: string;
  evidence_required: string;
  notes: string | null;
  remedy_of: { incident_id?: string; remedy?: number } | null;
  original_deadline: Deadline;
  reciprocity: { chain: Array<LinkedCommitment & { via: string; depth: number }>; required_by: LinkedCommitment[] };
  extensions: Loose[];
  verifications: Loose[];
  self_reports: Loose[];
  amendments: Loose[];
  timeline: LoggedEvent[];
}

export interface CommitmentList {
  d_day: string | null;
  as_of: string;
  items: CommitmentSummary[];
  total: number;
  /** What the viewer may do that no listed commitment carries: 'register'. */
  actions: string[];
}

export type Consequence =
  | { type: 'public_naming' }
  | { type: 'remedial_report'; days: number }
  | { type: 'disciplinary_action'; days: number }
  | { type: 'benefit_suspension'; days: number; benefit: string }
  | { type: 'escalation'; escalate_to: string[] };

export interface LadderRule {
  id: string;
  title: string;
  min_grade: string;
  clauses?: string[];
  categories?: string[];
  intents?: string[];
  count: number;
  window_days: number;
  consequence: Consequence;
}

export interface LadderVersion {
  version: number;
  title: string;
  applies_from: string;
  rules: LadderRule[];
  note: string | null;
  adopted_at: string;
  adopted_by: string;
  superseded_at: string | null;
  in_force: boolean;
}

export interface PenaltySummary {
  id: string;
  party: string;
  status: (typeof PENALTY_STATUSES)[number];
  visibility: string;
  ladder_version: number;
  rule_id: string;
  rule_title: string;
  consequence: Consequence;
  trigger_findings: Array<{ incident_id: string; issued_at: string; grade: string; clause_violated: string | null }>;
  proposed_at: string;
  decided_at: string | null;
  decided_by: string | null;
  due_at: string | null;
  overdue: boolean;
  updated_at: string;
  entry_index: number;
  actions: string[];
}

export interface PenaltyDetail extends PenaltySummary {
  confirmation: Loose | null;
  dismissal: Loose | null;
  compliance: Loose | null;
  lapse: Loose | null;
  timeline: LoggedEvent[];
}

export interface CrossingSummary {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  sides: string[];
  current: Array<{ side: string; traffic_type: string; status: 'open' | 'closed' | 'restricted' | null; since: string | null; report_id: string | null }>;
}

export interface Segment { from: string; to: string | null; status: 'open' | 'closed' | 'restricted'; report_id: string }
export interface Closure { from: string; to: string | null; report_ids: string[] }

/** Waiting at the gate when observed (src/domain/entries/crossing.ts `queuesSchema`): loaded trucks and people, counts only. */
export interface CrossingQueues { trucks?: number; people?: number }

/** One check of a report by a monitor or mediator (the entry `crossing.status_verified`; `org` is the verifying organisation). */
export interface CrossingVerification {
  org: string;
  /** Withheld (null) as for the report's `reported_by`. */
  user: string | null;
  at: string;
  outcome: VerificationOutcome;
  method: StatusMethod;
  observed_at: string | null;
  queues: CrossingQueues | null;
  note: string | null;
}

/** A status report as the crossing routes return it (crossings.schema.ts `crossingReport`). */
export interface CrossingReport {
  id: string;
  crossing_id: string;
  side: string;
  traffic_types: string[];
  status: 'open' | 'closed' | 'restricted';
  effective_from: string;
  effective_to: string | null;
  /** The organisation that announced the status, when one did. */
  announced_by: string | null;
  method: StatusMethod;
  reason: string | null;
  queues: CrossingQueues | null;
  source: string | null;
  commitment_id: string | null;
  incident_id: string | null;
  visibility: (typeof VISIBILITIES)[number];
  reporter_org: string;
  /** The user who recorded it; null for a reader outside the mechanism's organisations (user names are withheld from them). */
  reported_by: string | null;
  reported_at: string;
  verified: boolean;
  disputed: boolean;
  verifications: CrossingVerification[];
  entry_index: number;
  actions: string[];
}

export interface CrossingDetail extends CrossingSummary {
  timelines: Array<{ side: string; traffic_type: string; segments: Segment[]; closures: Closure[] }>;
  reports: CrossingReport[];
  /** 'report' when the viewer may report a status, for the party sides in report_sides. */
  actions: string[];
  report_sides: string[];
}

export interface PeriodTotals {
  from: string;
  to: string;
  hours: { open: number; closed: number; restricted: number; unknown: number };
  closures: number;
  longest_closure_hours: number;
}

export interface ClosuresReply {
  crossing_id: string;
  from: string;
  to: string;
  period: 'day' | 'week' | 'month';
  as_of: string;
  lines: Array<{ side: string; traffic_type: string; total: PeriodTotals; periods: PeriodTotals[]; closures: Closure[] }>;
}

export interface Tally {
  id: string;
  crossing_id: string;
  period_from: string;
  period_to: string;
  direction: string;
  category: string;
  counts: Array<{ org: string; count: number; source: string; method: string | null; note: string | null; visibility: string; reported_at: string; entry_index: number }>;
  discrepancy: { absolute: number; percent: number } | null;
  reconciliation: { agreed_count: number; note: string; publication: string; org: string; at: string; differences: Record<string, number> } | null;
  updated_at: string;
  entry_index: number;
  actions: string[];
}

export interface TallyList {
  items: Tally[];
  totals: { tallies: number; reconciled: number; agreed: number; reported: Record<string, number> };
  /** 'report_count' when the viewer may report a count, also into a tally not yet opened. */
  actions: string[];
}

/** An organisation of the mechanism (GET /api/organisations). */
export interface Organisation {
  id: string;
  kind: 'party' | 'mediator' | 'secretariat' | 'monitor' | 'observer';
  name: string;
  vkey: string;
  entry_index: number;
}

export type Position = 'pending' | 'accepted' | 'rejected' | 'retracted';

export interface TextSummary {
  id: string;
  title: string;
  visibility: string;
  parties: string[];
  created_by: string;
  created_at: string;
  latest_version: number;
  last_final_version: number | null;
  agreed_version: number | null;
  updated_at: string;
  entry_index: number;
  actions: string[];
}

export interface VersionSummary {
  document_id: string;
  number: number;
  hash: string;
  based_on: number | null;
  final: boolean;
  note: string | null;
  proposed_by: string;
  proposed_user: string;
  proposed_at: string;
  agreed: boolean;
  positions: Array<{ org: string; position: Position; at: string | null; user: string | null; entry_index: number | null }>;
  entry_index: number;
  actions: string[];
}

export interface ActionItem {
  entry_index: number;
  version: number;
  hash: string;
  action: string;
  org: string;
  user: string;
  at: string;
  note: string | null;
  visibility: string;
}

export interface AgendaItem {
  id: string;
  title: string;
  text: string;
  raised_by: string;
  raised_at: string;
  raised_after_version: number | null;
  late: boolean;
  mandate: 'pending' | 'in_mandate' | 'out_of_mandate';
  ruling: Loose | null;
  actions: string[];
}

export interface TextDetail extends TextSummary {
  description: string | null;
  agreed_versions: number[];
  published: Loose | null;
  versions: VersionSummary[];
  history: ActionItem[];
  agenda: AgendaItem[];
}

export interface ClauseState { parent: string | null; title: string | null; text: string }
export interface Attribution { version: number; org: string; at: string }

export interface TextDiff {
  document_id: string;
  from: { number: number; hash: string; proposed_by: string; proposed_at: string; agreed: boolean };
  to: { number: number; hash: string; proposed_by: string; proposed_at: string; agreed: boolean };
  summary: { added: number; removed: number; changed: number };
  changes: Array<{
    clause_id: string;
    change: 'added' | 'removed' | 'changed';
    fields: Array<'title' | 'text' | 'parent' | 'position'>;
    before: ClauseState | null;
    after: ClauseState | null;
    introduced_in: Attribution;
    changed_in: Attribution[];
  }>;
}

const q = (params: URLSearchParams) => (params.size ? `?${params}` : '');
const enc = encodeURIComponent;

export const agreementsApi = {
  commitments: (params: URLSearchParams) => getJson<CommitmentList>(`/api/commitments${q(params)}`),
  commitment: (id: string) => getJson<CommitmentDetail>(`/api/commitments/${enc(id)}`),
  ladder: () => getJson<{ current: number | null; versions: LadderVersion[] }>('/api/penalty-ladder'),
  penalties: (params: URLSearchParams) => getJson<{ items: PenaltySummary[]; total: number }>(`/api/penalties${q(params)}`),
  penalty: (id: string) => getJson<PenaltyDetail>(`/api/penalties/${enc(id)}`),
  penaltyStep: (id: string, path: 'confirmation' | 'dismissal', body: Loose) =>
    send<{ penalty: PenaltyDetail; entry: { index: number } }>('POST', `/api/penalties/${enc(id)}/${path}`, body),
  crossings: () => getJson<{ items: CrossingSummary[] }>('/api/crossings'),
  crossing: (id: string) => getJson<CrossingDetail>(`/api/crossings/${enc(id)}`),
  closures: (id: string, from: string, to: string) =>
    getJson<ClosuresReply>(`/api/crossings/${enc(id)}/closures?${new URLSearchParams({ from, to, period: 'week' })}`),
  movements: (params: URLSearchParams) => getJson<TallyList>(`/api/movements${q(params)}`),
  texts: () => getJson<{ items: TextSummary[]; total: number; actions: string[] }>('/api/texts'),
  organisations: () => getJson<{ items: Organisation[] }>('/api/organisations'),
  text: (id: string) => getJson<TextDetail>(`/api/texts/${enc(id)}`),
  diff: (id: string, from: number, to: number) => getJson<TextDiff>(`/api/texts/${enc(id)}/diff?from=${from}&to=${to}`),
  actOnVersion: (id: string, body: { action: 'accept' | 'reject' | 'retract'; version: number; hash: string; note?: string }) =>
    send<{ text: TextSummary; version: VersionSummary; entry: { index: number } }>('POST', `/api/texts/${enc(id)}/actions`, body),
};
