/**
 * Appliers for the penalty ladder and penalties (pure). A ladder version is
 * one `penalty_ladders` row; adopting the next one marks the previous
 * superseded. A penalty is one `penalties` row plus a timeline of
 * `penalty_events`, and each (rule, finding) pair it used is a
 * `penalty_triggers` row, so no replay can accept the same finding
 * triggering the same rule twice. Proposals are held to their rule
 * (src/domain/penalty-ladder.ts) against the incidents' issued findings.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import type { Consequence, LadderRule, PenaltyEntryType } from '../entries/penalties.js';
import {
  confirmedVisibility, dueAt, penaltyStepProblem, proposalProblem, proposalVisibility, triggerKey,
  type IssuedFinding, type LadderInForce, type PenaltyState, type PenaltyStep,
} from '../penalty-ladder.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type Row, type RowLookup, type RowRef } from '../projection.js';
import { narrowerVisibility, type OrgKind, type Visibility } from '../visibility.js';
import { counterRef, countReference } from './counters.js';
import { requireRow } from './workspace.js';

type Rec = Record<string, unknown>;

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];

function orgKind(get: RowLookup, org: string): OrgKind {
  return requireRow(get, 'organisations', org, `unknown organisation ${org}`).kind as OrgKind;
}

/** The issued finding of an `incidents` row, or undefined when it has none. */
export function issuedFindingOf(row: Row | undefined): IssuedFinding | undefined {
  const record = row?.record as Rec | undefined;
  const finding = record?.finding as Rec | undefined;
  if (!row || !finding || typeof finding.issued_at !== 'string') return undefined;
  const body = finding.body as Rec;
  return {
    incident_id: String(row.id),
    issued_at: finding.issued_at,
    determination: String(body.determination),
    grade: String(body.grade),
    responsible_party: body.responsible_party as string | undefined,
    clause_violated: body.clause_violated as string | undefined,
    intent: body.intent as string | undefined,
    category: (row.category as string | null | undefined) ?? null,
    visibility: narrowerVisibility(body.publication as Visibility, row.visibility as Visibility),
  };
}

/** The ladder version a `penalty_ladders` row holds, as the engine reads it. */
export function ladderOf(row: Row): LadderInForce {
  return { version: Number(row.version), applies_from: String(row.applies_from), rules: row.rules as LadderRule[] };
}

export function stateOf(row: Row): PenaltyState {
  return { status: row.status as PenaltyState['status'], consequence_type: row.consequence_type as PenaltyState['consequence_type'], due_at: (row.due_at as string | null) ?? null };
}

function eventRow(e: AppliedEntry, penaltyId: string): Change {
  return {
    table: 'penalty_events',
    key: e.idx,
    row: { idx: e.idx, penalty_id: penaltyId, type: e.entry.type, org: e.entry.org, user_id: e.entry.user, at: e.entry.at, visibility: e.visibility, body: e.body },
  };
}

const adopted: Applier = {
  reads: (e) => {
    const v = Number(e.body.version);
    return [{ table: 'penalty_ladders', key: v }, { table: 'penalty_ladders', key: v - 1 }, { table: 'organisations', key: e.entry.org }];
  },
  apply(e, get) {
    const b = parseBody('penalty.ladder_adopted', e.body);
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('a penalty ladder is adopted by the mediators or their secretariat');
    if (get('penalty_ladders', b.version)) fail(`penalty ladder version ${b.version} already exists`);
    const changes: Change[] = [];
    if (b.version > 1) {
      const previous = get('penalty_ladders', b.version - 1);
      if (!previous || previous.superseded_at !== null) fail(`version ${b.version} must follow the ladder in force`);
      changes.push({ table: 'penalty_ladders', key: b.version - 1, row: { ...previous, superseded_at: e.entry.at } });
    }
    changes.push({
      table: 'penalty_ladders',
      key: b.version,
      row: {
        version: b.version,
        title: b.title,
        applies_from: b.applies_from ? `${b.applies_from}T00:00:00.000Z` : e.entry.at,
        rules: b.rules as unknown as JsonObject[],
        note: b.note ?? null,
        adopted_at: e.entry.at,
        adopted_by: e.entry.org,
        adopted_user: e.entry.user,
        superseded_at: null,
        entry_index: e.idx,
      },
    });
    return changes;
  },
};

const proposed: Applier = {
  reads(e) {
    const b = e.body as Rec;
    const triggers = Array.isArray(b.trigger_findings) ? (b.trigger_findings as unknown[]).map(String) : [];
    return [
      { table: 'penalties', key: e.entry.subject },
      counterRef(e.entry.subject),
      { table: 'penalty_ladders', key: Number(b.ladder_version) },
      { table: 'organisations', key: e.entry.org },
      ...triggers.map((id): RowRef => ({ table: 'incidents', key: id })),
      ...triggers.map((id): RowRef => ({ table: 'penalty_triggers', key: triggerKey(String(b.rule_id), id) })),
    ];
  },
  apply(e, get) {
    const b = parseBody('penalty.proposed', e.body);
    if (b.id !== e.entry.subject) fail('penalty id and entry subject differ');
    if (get('penalties', b.id)) fail(`penalty ${b.id} already exists`);
    if (!MEDIATOR_SIDE.includes(orgKind(get, e.entry.org))) fail('penalties are proposed by the mechanism (the secretariat), not a party');
    const ladderRow = requireRow(get, 'penalty_ladders', b.ladder_version, `penalty ladder version ${b.ladder_version} does not exist`);
    if (ladderRow.superseded_at !== null) fail(`penalty ladder version ${b.ladder_version} has been superseded`);
    if (new Set(b.trigger_findings).size !== b.trigger_findings.length) fail('a finding is listed twice');
    const ladder = ladderOf(ladderRow);
    const findings = b.trigger_findings.map((id) => issuedFindingOf(get('incidents', id)));
    const problem = proposalProblem(ladder, b.rule_id, b.party, findings, e.entry.at);
    if (problem) fail(problem);
    const issued = findings as IssuedFinding[];
    for (const id of b.trigger_findings) {
      if (get('penalty_triggers', triggerKey(b.rule_id, id))) fail(`the finding on ${id} has already triggered rule ${b.rule_id}`);
    }
    const visibility = proposalVisibility(issued);
    if (e.visibility !== visibility) fail(`the proposal must be recorded with the visibility of its findings (${visibility})`);
    const rule = ladder.rules.find((r) => r.id === b.rule_id)!;
    const row: Row = {
      id: b.id,
      party: b.party,
      status: 'proposed',
      visibility,
      ladder_version: b.ladder_version,
      rule_id: b.rule_id,
      consequence_type: rule.consequence.type,
      consequence: rule.consequence as unknown as JsonObject,
      trigger_findings: issued.map((f) => ({ incident_id: f.incident_id, issued_at: f.issued_at, grade: f.grade, clause_violated: f.clause_violated ?? null, visibility: f.visibility })),
      proposed_at: e.entry.at,
      decided_at: null,
      decided_by: null,
      due_at: null,
      record: { rule_title: rule.title },
      updated_at: e.entry.at,
      entry_index: e.idx,
    };
    return [
      { table: 'penalties', key: b.id, row },
      countReference(get, b.id),
      ...b.trigger_findings.map((id): Change => {
        const key = triggerKey(b.rule_id, id);
        return { table: 'penalty_triggers', key, row: { id: key, rule_id: b.rule_id, incident_id: id, penalty_id: b.id } };
      }),
      eventRow(e, b.id),
    ];
  },
};

type StepFn = (e: AppliedEntry, p: Row, kind: OrgKind) => Row;

const STEPS: Record<PenaltyStep, StepFn> = {
  'penalty.confirmed'(e, p, kind) {
    if (kind !== 'mediator') fail('a penalty is confirmed by a mediator');
    const b = parseBody('penalty.confirmed', e.body);
    const consequence = p.consequence as Consequence;
    const visibility = confirmedVisibility(consequence);
    if (e.visibility !== visibility) fail(`the confirmation must be recorded with visibility ${visibility}`);
    return {
      ...p, status: 'confirmed', visibility, decided_at: e.entry.at, decided_by: e.entry.org, due_at: dueAt(consequence, e.entry.at),
      record: { ...(p.record as Rec), confirmation: { at: e.entry.at, org: e.entry.org, user: e.entry.user, note: b.note ?? null } } as JsonObject,
    };
  },
  'penalty.dismissed'(e, p, kind) {
    if (kind !== 'mediator') fail('a penalty is dismissed by a mediator');
    const b = parseBody('penalty.dismissed', e.body);
    return {
      ...p, status: 'dismissed', decided_at: e.entry.at, decided_by: e.entry.org,
      record: { ...(p.record as Rec), dismissal: { at: e.entry.at, org: e.entry.org, user: e.entry.user, reason: b.reason } } as JsonObject,
    };
  },
  'penalty.complied'(e, p) {
    if (e.entry.org !== p.party) fail('only the penalised party reports its compliance');
    const b = parseBody('penalty.complied', e.body);
    const late = p.due_at !== null && Date.parse(e.entry.at) > Date.parse(String(p.due_at));
    return {
      ...p, status: 'complied',
      record: { ...(p.record as Rec), compliance: { at: e.entry.at, user: e.entry.user, report: b.report, late } } as JsonObject,
    };
  },
  'penalty.lapsed'(e, p, kind) {
    if (!MEDIATOR_SIDE.includes(kind)) fail('a lapse is recorded by the mediators or their secretariat');
    const b = parseBody('penalty.lapsed', e.body);
    return { ...p, status: 'lapsed', record: { ...(p.record as Rec), lapse: { at: e.entry.at, org: e.entry.org, note: b.note } } as JsonObject };
  },
};

function stepApplier(type: PenaltyStep): Applier {
  return {
    reads: (e) => [{ table: 'penalties', key: e.entry.subject }, { table: 'organisations', key: e.entry.org }],
    apply(e, get) {
      const id = e.entry.subject;
      const p = requireRow(get, 'penalties', id, `penalty ${id} does not exist`);
      const problem = penaltyStepProblem(type, stateOf(p), new Date(e.entry.at));
      if (problem) fail(`${id}: ${problem}`);
      const next = STEPS[type](e, p, orgKind(get, e.entry.org));
      return [{ table: 'penalties', key: id, row: { ...next, updated_at: e.entry.at, entry_index: e.idx } }, eventRow(e, id)];
    },
  };
}

export const penaltyAppliers: Record<PenaltyEntryType, Applier> = {
  'penalty.ladder_adopted': adopted,
  'penalty.proposed': proposed,
  ...(Object.fromEntries((Object.keys(STEPS) as PenaltyStep[]).map((t) => [t, stepApplier(t)])) as Record<PenaltyStep, Applier>),
};
