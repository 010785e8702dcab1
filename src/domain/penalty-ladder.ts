/**
 * The penalty ladder's rules, as pure functions (DOMAIN.md "Penalty"): which
 * issued findings a rule matches, when it fires, what a penalty's state
 * allows next, and when a penalty is due or overdue. The engine
 * (`proposePenalties`) is idempotent: a finding that triggered a rule never
 * triggers it again, so running it after every issued finding, or twice
 * over the same findings, proposes each penalty once. The appliers hold
 * every recorded proposal to `proposalProblem`, so `annex verify` checks
 * that each penalty in the log really follows from its rule.
 *
 * Severity of grades (Airwars method, DOMAIN.md "Finding"): confirmed (the
 * responsible party accepted) > fair (two or more credible independent
 * sources) > weak (a single source). Contested findings (competing claims
 * of responsibility) and discounted ones (shown false, or another actor
 * responsible) attribute nothing to the party, so no rule ever counts them,
 * whatever its minimum grade.
 */
import type { Consequence, ConsequenceType, LadderRule } from './entries/penalties.js';
import { narrowerVisibility, type Visibility } from './visibility.js';

export const GRADE_RANK: Record<string, number> = { confirmed: 3, fair: 2, weak: 1, contested: 0, discounted: 0 };

export const PENALTY_STATUSES = ['proposed', 'confirmed', 'dismissed', 'complied', 'lapsed'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

/** Consequences that leave the party something to do by a due date (the others take effect on confirmation). */
export const OWES_REPORT: readonly ConsequenceType[] = ['remedial_report', 'disciplinary_action'];

const DAY_MS = 24 * 3600_000;

/** An issued finding, as the engine sees it (from the incident's record). */
export interface IssuedFinding {
  incident_id: string;
  /** ISO time the last mediator signature issued it. */
  issued_at: string;
  determination: string;
  grade: string;
  responsible_party?: string | undefined;
  clause_violated?: string | undefined;
  intent?: string | undefined;
  /** The incident's violation category (set at triage). */
  category?: string | null | undefined;
  /** Who may read the finding: its publication level, never wider than the incident. */
  visibility: Visibility;
}

/** The ladder in force, as the engine needs it. */
export interface LadderInForce {
  version: number;
  /** ISO time: findings issued before it are not judged by this version. */
  applies_from: string;
  rules: readonly LadderRule[];
}

export interface Proposal {
  party: string;
  rule_id: string;
  /** Incident ids of the findings, oldest issued first. */
  trigger_findings: string[];
}

/** Does the finding count for the rule (grade, clause, category, intent), whatever its time? */
export function matchesRule(rule: LadderRule, f: IssuedFinding): boolean {
  if (f.determination !== 'violation' || !f.responsible_party) return false;
  const rank = GRADE_RANK[f.grade] ?? 0;
  if (rank === 0 || rank < GRADE_RANK[rule.min_grade]!) return false;
  if (rule.clauses && !(f.clause_violated && rule.clauses.includes(f.clause_violated))) return false;
  if (rule.categories && !(f.category && (rule.categories as readonly string[]).includes(f.category))) return false;
  // A finding that states no intent is read as 'undetermined'.
  if (rule.intents && !(rule.intents as readonly string[]).includes(f.intent ?? 'undetermined')) return false;
  return true;
}

/** Was the finding issued inside the rule's rolling window ending at `at`, and under this ladder version? */
export function inWindow(rule: LadderRule, ladder: LadderInForce, f: IssuedFinding, at: string): boolean {
  const issued = Date.parse(f.issued_at);
  const now = Date.parse(at);
  return issued >= Date.parse(ladder.applies_from) && issued <= now && now - issued <= rule.window_days * DAY_MS;
}

/** The key that records "this finding has triggered this rule" (rule ids are stable across versions). */
export function triggerKey(ruleId: string, incidentId: string): string {
  return `${ruleId}|${incidentId}`;
}

const byIssue = (a: IssuedFinding, b: IssuedFinding) => a.issued_at.localeCompare(b.issued_at) || a.incident_id.localeCompare(b.incident_id);

/**
 * New proposals at time `at`: for each rule (in ladder order) and each party
 * (in id order), the matching findings in the window that have not yet
 * triggered the rule, oldest first, in groups of `count`; each full group is
 * one proposal. `used` holds triggerKey(rule, incident) of every earlier
 * proposal, whatever became of it (a dismissed proposal used its findings too).
 */
export function proposePenalties(
  ladder: LadderInForce, findings: readonly IssuedFinding[], used: ReadonlySet<string>, at: string,
): Proposal[] {
  const out: Proposal[] = [];
  for (const rule of ladder.rules) {
    const byParty = new Map<string, IssuedFinding[]>();
    for (const f of findings) {
      if (!matchesRule(rule, f) || !inWindow(rule, ladder, f, at) || used.has(triggerKey(rule.id, f.incident_id))) continue;
      const party = f.responsible_party!;
      byParty.set(party, [...(byParty.get(party) ?? []), f]);
    }
    for (const party of [...byParty.keys()].sort()) {
      // One finding per incident: an incident's finding is issued once.
      const list = [...new Map(byParty.get(party)!.map((f) => [f.incident_id, f])).values()].sort(byIssue);
      for (let i = 0; i + rule.count <= list.length; i += rule.count) {
        out.push({ party, rule_id: rule.id, trigger_findings: list.slice(i, i + rule.count).map((f) => f.incident_id) });
      }
    }
  }
  return out;
}

/**
 * Why a recorded proposal does not follow from its rule, or undefined when
 * it does: the appliers' check, so a forged or edited proposal fails replay.
 */
export function proposalProblem(
  ladder: LadderInForce, ruleId: string, party: string, triggers: readonly (IssuedFinding | undefined)[], at: string,
): string | undefined {
  const rule = ladder.rules.find((r) => r.id === ruleId);
  if (!rule) return `ladder version ${ladder.version} has no rule ${ruleId}`;
  if (triggers.length !== rule.count) return `rule ${ruleId} fires on ${rule.count} finding(s), not ${triggers.length}`;
  for (const f of triggers) {
    if (!f) return 'a trigger is not an issued finding';
    if (f.responsible_party !== party) return `the finding on ${f.incident_id} does not name ${party} responsible`;
    if (!matchesRule(rule, f)) return `the finding on ${f.incident_id} does not match rule ${ruleId}`;
    if (!inWindow(rule, ladder, f, at)) return `the finding on ${f.incident_id} is outside the window of rule ${ruleId}`;
  }
  return undefined;
}

/** A proposal is read by whoever may read every finding it rests on, and at most by the parties. */
export function proposalVisibility(triggers: readonly IssuedFinding[]): Visibility {
  return triggers.reduce<Visibility>((v, f) => narrowerVisibility(v, f.visibility), 'parties');
}

/**
 * A confirmed penalty is notified to the parties; public naming is public
 * by its nature, so confirming it publishes the penalty.
 */
export function confirmedVisibility(c: Consequence): Visibility {
  return c.type === 'public_naming' ? 'public' : 'parties';
}

/** The due date (report types) or end of a suspension: `days` after the confirmation; null when none. */
export function dueAt(c: Consequence, confirmedAt: string): string | null {
  if (!('days' in c)) return null;
  return new Date(Date.parse(confirmedAt) + c.days * DAY_MS).toISOString();
}

export interface PenaltyState {
  status: PenaltyStatus;
  consequence_type: ConsequenceType;
  due_at: string | null;
}

/** Overdue: confirmed, something owed by the party, and the due date passed (read with the server clock). */
export function isPenaltyOverdue(p: PenaltyState, now: Date): boolean {
  return p.status === 'confirmed' && OWES_REPORT.includes(p.consequence_type) && p.due_at !== null && now.getTime() > Date.parse(p.due_at);
}

export type PenaltyStep = 'penalty.confirmed' | 'penalty.dismissed' | 'penalty.complied' | 'penalty.lapsed';

/** Why `step` may not be taken on the penalty at time `at`, or undefined when it may. */
export function penaltyStepProblem(step: PenaltyStep, p: PenaltyState, at: Date): string | undefined {
  switch (step) {
    case 'penalty.confirmed':
    case 'penalty.dismissed':
      return p.status === 'proposed' ? undefined : `the penalty is already ${p.status}`;
    case 'penalty.complied':
      if (!OWES_REPORT.includes(p.consequence_type)) return `a ${p.consequence_type.replace(/_/g, ' ')} penalty asks nothing of the party`;
      return p.status === 'confirmed' ? undefined : `the penalty is ${p.status}, not confirmed`;
    case 'penalty.lapsed':
      if (!OWES_REPORT.includes(p.consequence_type)) return `a ${p.consequence_type.replace(/_/g, ' ')} penalty cannot lapse`;
      if (p.status !== 'confirmed') return `the penalty is ${p.status}, not confirmed`;
      return isPenaltyOverdue(p, at) ? undefined : `the penalty is not overdue: due ${String(p.due_at)}`;
  }
}
