/**
 * presentCommitment: the one place where commitment fields are chosen per
 * viewer (STYLE.md §5). Output fields are listed explicitly. Due date,
 * overdue and suspension are computed at read time (src/domain/commitment.ts)
 * and passed in as `Standings`; the reciprocal chain and the commitments
 * that depend on this one are shown only as far as the viewer may read them.
 */
import {
  describeDeadline, dueAt, reciprocalChain, dependentsOf, type CommitmentFacts as RuleFacts, type Conditions, type Standing,
} from '../domain/commitment.js';
import type { Deadline, KrocStatus } from '../domain/entries/commitment.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { canReadCommitment, commitmentPolicy, type CommitmentFacts } from './commitment.js';

export interface CommitmentRow {
  id: string;
  title: string;
  obligated_party: string;
  clause_id: string | null;
  status: string;
  visibility: string;
  source_incident: string | null;
  registered_at: string;
  updated_at: string;
  record: unknown;
  entry_index: number;
}

export interface CommitmentEventRow {
  idx: number;
  type: string;
  org: string;
  user_id: string;
  at: string;
  visibility: string;
  body: unknown;
}

export interface ClauseVersionRow {
  id: string;
  clause_id: string;
  version: number;
  title: string;
  text: string;
  reason: string | null;
  agreed_on: string | null;
  recorded_at: string | null;
  recorded_by: string | null;
  entry_index: number;
}

type Rec = Record<string, unknown>;

/** What presenting needs beyond the row: the D-day, the links, and the standings of every commitment a chain reaches. */
export interface StandingContext {
  dDay: string | null;
  conditions: Conditions;
  standings: ReadonlyMap<string, Standing>;
  /** Rows of the commitments the chains reach (and of those depending on them), by id. */
  rows: ReadonlyMap<string, CommitmentRow>;
}

export function factsOf(row: CommitmentRow): CommitmentFacts {
  return { visibility: row.visibility as Visibility, obligated_party: row.obligated_party, status: row.status as KrocStatus };
}

/** The facts due dates and reciprocity are computed from. */
export function ruleFactsOf(row: CommitmentRow): RuleFacts {
  const r = row.record as { deadline: Deadline; conditional_on: string[] };
  return { id: row.id, status: row.status as KrocStatus, deadline: r.deadline, conditional_on: r.conditional_on };
}

const NO_STANDING: Standing = { due_date: null, past_due: false, suspended: false, suspended_by: [], overdue: false, in_default: false };

export function presentCommitmentSummary(row: CommitmentRow, viewer: Viewer | undefined, ctx: StandingContext) {
  const r = row.record as Rec;
  const deadline = r.deadline as Deadline;
  const st = ctx.standings.get(row.id) ?? NO_STANDING;
  const verifications = r.verifications as Array<{ at: string }>;
  return {
    id: row.id,
    title: row.title,
    obligated_party: row.obligated_party,
    clause_id: row.clause_id,
    status: row.status as KrocStatus,
    visibility: row.visibility as Visibility,
    deadline,
    /** '2025-11-20' or 'D+30'. */
    deadline_label: describeDeadline(deadline),
    due_date: st.due_date,
    due_at: dueAt(st.due_date),
    /** Why there is no due date, when there is none. */
    due_note: st.due_date === null ? 'counts from D-day, which is not set yet: no due date until it is' : null,
    overdue: st.overdue,
    suspended: st.suspended,
    suspended_by: st.suspended_by,
    conditional_on: r.conditional_on as string[],
    source_incident: row.source_incident,
    extension_count: (r.extensions as unknown[]).length,
    last_verified_at: verifications.at(-1)?.at ?? null,
    registered_at: row.registered_at,
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: commitmentPolicy.actionsFor(viewer, factsOf(row)) as string[],
  };
}

function linked(ctx: StandingContext, id: string) {
  const row = ctx.rows.get(id)!;
  const st = ctx.standings.get(id) ?? NO_STANDING;
  return {
    id, title: row.title, obligated_party: row.obligated_party, status: row.status,
    due_date: st.due_date, overdue: st.overdue, suspended: st.suspended, in_default: st.in_default,
  };
}

/** The chain this commitment depends on, and what depends on it, as far as the viewer may read. */
function presentReciprocity(row: CommitmentRow, viewer: Viewer | undefined, ctx: StandingContext) {
  const readable = (id: string) => {
    const other = ctx.rows.get(id);
    return other !== undefined && canReadCommitment(viewer, { visibility: other.visibility as Visibility });
  };
  return {
    chain: reciprocalChain(ctx.conditions, row.id).filter((l) => readable(l.id)).map((l) => ({ ...linked(ctx, l.id), via: l.via, depth: l.depth })),
    required_by: dependentsOf(ctx.conditions, row.id).filter(readable).map((id) => linked(ctx, id)),
  };
}

export function presentEvent(e: CommitmentEventRow) {
  return { index: e.idx, type: e.type, org: e.org, user: e.user_id, at: e.at, visibility: e.visibility, body: e.body as Rec };
}

export function presentCommitment(row: CommitmentRow, viewer: Viewer | undefined, ctx: StandingContext, events: readonly CommitmentEventRow[]) {
  const r = row.record as Rec;
  const pick = <T>(key: string, fallback: T): T => (r[key] === undefined ? fallback : (r[key] as T));
  return {
    ...presentCommitmentSummary(row, viewer, ctx),
    clause_version: pick<number | null>('clause_version', null),
    indicator: r.indicator as string,
    evidence_required: r.evidence_required as string,
    notes: pick<string | null>('notes', null),
    remedy_of: pick<Rec | null>('remedy_of', null),
    original_deadline: r.original_deadline as Deadline,
    registered: r.registered as Rec,
    reciprocity: presentReciprocity(row, viewer, ctx),
    extensions: r.extensions as Rec[],
    verifications: r.verifications as Rec[],
    /** The obligated party's own reports: shown beside the status, never as it. */
    self_reports: r.self_reports as Rec[],
    amendments: r.amendments as Rec[],
    // The registration says what the record says, so whoever reads the commitment sees it.
    timeline: events.filter((e) => e.type === 'commitment.registered' || canSee(viewer, e.visibility as Visibility)).map(presentEvent),
  };
}
