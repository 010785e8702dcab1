/**
 * presentPenalty and presentLadder: the one place where penalty fields are
 * chosen per viewer (STYLE.md §5). Output fields are listed explicitly;
 * trigger findings the viewer may not read (a finding published only to
 * the mediators, say) and timeline events of a narrower audience are dropped.
 */
import type { Consequence, ConsequenceType, LadderRule } from '../domain/entries/penalties.js';
import { isPenaltyOverdue, type PenaltyStatus } from '../domain/penalty-ladder.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import type { LadderRow, PenaltyEventRow, PenaltyRow } from '../store/repositories/penalties.js';
import { penaltyPolicy, type PenaltyFacts } from './penalty.js';

type Rec = Record<string, unknown>;

export function penaltyFactsOf(row: PenaltyRow, now: Date): PenaltyFacts {
  return {
    status: row.status as PenaltyStatus,
    visibility: row.visibility as Visibility,
    party: row.party,
    consequence_type: row.consequence_type as ConsequenceType,
    due_at: row.due_at,
    now,
  };
}

interface Trigger { incident_id: string; issued_at: string; grade: string; clause_violated: string | null; visibility: Visibility }

export function presentPenaltySummary(row: PenaltyRow, viewer: Viewer | undefined, now: Date) {
  const facts = penaltyFactsOf(row, now);
  const r = row.record as Rec;
  return {
    id: row.id,
    party: row.party,
    status: facts.status,
    visibility: facts.visibility,
    ladder_version: row.ladder_version,
    rule_id: row.rule_id,
    rule_title: r.rule_title as string,
    consequence: row.consequence as Consequence,
    trigger_findings: (row.trigger_findings as Trigger[])
      .filter((t) => canSee(viewer, t.visibility))
      .map(({ incident_id, issued_at, grade, clause_violated }) => ({ incident_id, issued_at, grade, clause_violated })),
    proposed_at: row.proposed_at,
    decided_at: row.decided_at,
    decided_by: row.decided_by,
    due_at: row.due_at,
    overdue: isPenaltyOverdue(facts, now),
    updated_at: row.updated_at,
    entry_index: row.entry_index,
    actions: penaltyPolicy.actionsFor(viewer, facts) as string[],
  };
}

export function presentPenalty(row: PenaltyRow, viewer: Viewer | undefined, now: Date, events: readonly PenaltyEventRow[]) {
  const r = row.record as Rec;
  const pick = (key: string) => (r[key] === undefined ? null : (r[key] as Rec));
  return {
    ...presentPenaltySummary(row, viewer, now),
    confirmation: pick('confirmation'),
    dismissal: pick('dismissal'),
    compliance: pick('compliance'),
    lapse: pick('lapse'),
    timeline: events
      .filter((e) => canSee(viewer, e.visibility as Visibility, e.org))
      .map((e) => ({ index: e.idx, type: e.type, org: e.org, user: e.user_id, at: e.at, visibility: e.visibility, body: e.body as Rec })),
  };
}

export function presentLadder(row: LadderRow) {
  return {
    version: row.version,
    title: row.title,
    applies_from: row.applies_from,
    rules: row.rules as LadderRule[],
    note: row.note,
    adopted_at: row.adopted_at,
    adopted_by: row.adopted_by,
    superseded_at: row.superseded_at,
    in_force: row.superseded_at === null,
  };
}
