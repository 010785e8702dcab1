// The penalty ladder's rules, one test per rule type and filter: pure code, no database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ladderSchema, type LadderRule } from './entries/penalties.js';
import {
  confirmedVisibility, dueAt, inWindow, isPenaltyOverdue, matchesRule, penaltyStepProblem, proposalProblem, proposalVisibility,
  proposePenalties, triggerKey, type IssuedFinding, type LadderInForce,
} from './penalty-ladder.js';

const rule = (over: Partial<LadderRule> = {}): LadderRule => ({
  id: 'R1', title: 'Each violation', min_grade: 'fair', count: 1, window_days: 30, consequence: { type: 'public_naming' }, ...over,
});

let n = 0;
const finding = (over: Partial<IssuedFinding> = {}): IssuedFinding => ({
  incident_id: `INC-2025-${String(++n).padStart(4, '0')}`,
  issued_at: '2025-11-10T08:00:00.000Z',
  determination: 'violation', grade: 'confirmed', responsible_party: 'PAK', clause_violated: 'C1', intent: 'deliberate',
  category: 'offensive_fire', visibility: 'public', ...over,
});

const ladder = (rules: LadderRule[], applies_from = '2025-11-01T00:00:00.000Z'): LadderInForce => ({ version: 1, applies_from, rules });
const AT = '2025-11-12T08:00:00.000Z';

describe('which findings a rule matches', () => {
  test('only violations with a responsible party', () => {
    assert.ok(matchesRule(rule(), finding()));
    for (const determination of ['no_violation', 'insufficient_evidence', 'unverifiable_access_denied', 'outside_mandate', 'withdrawn']) {
      assert.equal(matchesRule(rule(), finding({ determination })), false, determination);
    }
    assert.equal(matchesRule(rule(), finding({ responsible_party: undefined })), false);
  });

  test('grades: confirmed > fair > weak; contested and discounted never count', () => {
    const at = (min: LadderRule['min_grade']) => ['confirmed', 'fair', 'weak', 'contested', 'discounted'].filter((grade) => matchesRule(rule({ min_grade: min }), finding({ grade })));
    assert.deepEqual(at('confirmed'), ['confirmed']);
    assert.deepEqual(at('fair'), ['confirmed', 'fair']);
    assert.deepEqual(at('weak'), ['confirmed', 'fair', 'weak']);
  });

  test('clause, category and intent filters', () => {
    assert.ok(matchesRule(rule({ clauses: ['C1', 'C4'] }), finding({ clause_violated: 'C4' })));
    assert.equal(matchesRule(rule({ clauses: ['C1'] }), finding({ clause_violated: 'C5' })), false);
    assert.ok(matchesRule(rule({ categories: ['blocking_access'] }), finding({ category: 'blocking_access' })));
    assert.equal(matchesRule(rule({ categories: ['blocking_access'] }), finding({ category: 'offensive_fire' })), false);
    assert.equal(matchesRule(rule({ categories: ['blocking_access'] }), finding({ category: null })), false, 'an uncategorised incident does not match a category filter');
    assert.ok(matchesRule(rule({ intents: ['deliberate'] }), finding()));
    assert.equal(matchesRule(rule({ intents: ['deliberate'] }), finding({ intent: 'accidental' })), false);
    assert.ok(matchesRule(rule({ intents: ['undetermined'] }), finding({ intent: undefined })), 'no stated intent reads as undetermined');
  });

  test('the rolling window ends at the evaluation time and starts no earlier than the ladder applies', () => {
    const r = rule({ window_days: 7 });
    const l = ladder([r]);
    assert.ok(inWindow(r, l, finding({ issued_at: '2025-11-05T08:00:00.000Z' }), AT), 'exactly 7 days ago is inside');
    assert.equal(inWindow(r, l, finding({ issued_at: '2025-11-05T07:59:59.999Z' }), AT), false);
    assert.equal(inWindow(r, l, finding({ issued_at: '2025-11-12T08:00:00.001Z' }), AT), false, 'not issued yet');
    assert.equal(inWindow(rule({ window_days: 60 }), l, finding({ issued_at: '2025-10-31T23:59:59.999Z' }), AT), false, 'before the ladder applies');
  });
});

describe('the engine', () => {
  test('public naming: one proposal per matching finding, per party, in rule order', () => {
    const a = finding({ issued_at: '2025-11-03T00:00:00.000Z' });
    const b = finding({ responsible_party: 'AFG', issued_at: '2025-11-02T00:00:00.000Z' });
    const weak = finding({ grade: 'weak' });
    const out = proposePenalties(ladder([rule()]), [a, b, weak], new Set(), AT);
    assert.deepEqual(out, [
      { party: 'AFG', rule_id: 'R1', trigger_findings: [b.incident_id] },
      { party: 'PAK', rule_id: 'R1', trigger_findings: [a.incident_id] },
    ]);
  });

  test('a count threshold fires once per full group of findings, oldest first', () => {
    const r = rule({ id: 'R3', count: 3, consequence: { type: 'escalation', escalate_to: ['TUR', 'QAT'] } });
    const fs = [4, 2, 3, 1, 5].map((d) => finding({ issued_at: `2025-11-0${d}T00:00:00.000Z` }));
    assert.deepEqual(proposePenalties(ladder([r]), fs.slice(0, 2), new Set(), AT), [], 'two of three: nothing yet');
    const out = proposePenalties(ladder([r]), fs, new Set(), AT);
    assert.equal(out.length, 1, 'five findings make one group of three; two wait for a third');
    assert.deepEqual(out[0]!.trigger_findings, [fs[3]!, fs[1]!, fs[2]!].map((f) => f.incident_id));
  });

  test('idempotent: findings that triggered a rule never trigger it again, but still count for other rules', () => {
    const naming = rule({ id: 'NAME' });
    const report = rule({ id: 'REPORT', count: 2, consequence: { type: 'remedial_report', days: 14 } });
    const l = ladder([naming, report]);
    const first = finding({ issued_at: '2025-11-05T00:00:00.000Z' });
    const used = new Set<string>();
    const take = (at: string, fs: IssuedFinding[]) => {
      const out = proposePenalties(l, fs, used, at);
      for (const p of out) for (const i of p.trigger_findings) used.add(triggerKey(p.rule_id, i));
      return out.map((p) => `${p.rule_id}:${p.trigger_findings.join('+')}`);
    };
    assert.deepEqual(take('2025-11-05T00:00:00.000Z', [first]), [`NAME:${first.incident_id}`]);
    assert.deepEqual(take('2025-11-05T00:00:00.000Z', [first]), [], 'the same findings again: nothing new');
    const second = finding({ issued_at: '2025-11-08T00:00:00.000Z' });
    assert.deepEqual(take('2025-11-08T00:00:00.000Z', [first, second]), [`NAME:${second.incident_id}`, `REPORT:${first.incident_id}+${second.incident_id}`]);
    assert.deepEqual(take('2025-11-09T00:00:00.000Z', [first, second]), []);
  });

  test('every rule type: remedial report, disciplinary action, suspension and escalation', () => {
    const rules: LadderRule[] = [
      rule({ id: 'A', consequence: { type: 'remedial_report', days: 14 } }),
      rule({ id: 'B', intents: ['unauthorised_local_action'], consequence: { type: 'disciplinary_action', days: 30 } }),
      rule({ id: 'C', clauses: ['C5'], consequence: { type: 'benefit_suspension', days: 30, benefit: 'Transit-trade facilitation at Torkham' } }),
      rule({ id: 'D', min_grade: 'confirmed', count: 2, window_days: 10, consequence: { type: 'escalation', escalate_to: ['TUR'] } }),
    ];
    const local = finding({ intent: 'unauthorised_local_action', grade: 'fair', issued_at: '2025-11-01T00:00:00.000Z' });
    const closure = finding({ clause_violated: 'C5', issued_at: '2025-11-06T00:00:00.000Z' });
    const fire = finding({ issued_at: '2025-11-07T00:00:00.000Z' });
    const out = proposePenalties(ladder(rules), [local, closure, fire], new Set(), AT);
    assert.deepEqual(out.map((p) => `${p.rule_id}:${p.trigger_findings.length}`), ['A:1', 'A:1', 'A:1', 'B:1', 'C:1', 'D:2']);
    assert.deepEqual(out.find((p) => p.rule_id === 'D')!.trigger_findings, [closure.incident_id, fire.incident_id], 'the fair finding does not count for D');
  });
});

describe('recorded proposals are held to their rule', () => {
  const r = rule({ count: 2, clauses: ['C1'] });
  const l = ladder([r]);
  const a = finding({ issued_at: '2025-11-04T00:00:00.000Z' });
  const b = finding({ issued_at: '2025-11-06T00:00:00.000Z' });
  test('a proposal the engine would make passes', () => {
    assert.equal(proposalProblem(l, 'R1', 'PAK', [a, b], AT), undefined);
  });
  test('and each kind of forgery is named', () => {
    assert.match(proposalProblem(l, 'R9', 'PAK', [a, b], AT)!, /no rule R9/);
    assert.match(proposalProblem(l, 'R1', 'PAK', [a], AT)!, /fires on 2 finding\(s\), not 1/);
    assert.match(proposalProblem(l, 'R1', 'AFG', [a, b], AT)!, /does not name AFG/);
    assert.match(proposalProblem(l, 'R1', 'PAK', [a, undefined], AT)!, /not an issued finding/);
    assert.match(proposalProblem(l, 'R1', 'PAK', [a, finding({ clause_violated: 'C2' })], AT)!, /does not match rule R1/);
    assert.match(proposalProblem(l, 'R1', 'PAK', [a, b], '2025-12-31T00:00:00.000Z')!, /outside the window/);
  });
});

describe('penalty state, visibility and dates', () => {
  test('a proposal is read by whoever may read all its findings, at most the parties', () => {
    assert.equal(proposalVisibility([finding(), finding()]), 'parties');
    assert.equal(proposalVisibility([finding(), finding({ visibility: 'mediators' })]), 'mediators');
    assert.equal(confirmedVisibility({ type: 'public_naming' }), 'public');
    assert.equal(confirmedVisibility({ type: 'remedial_report', days: 3 }), 'parties');
  });

  test('due dates run from the confirmation; only owed reports become overdue', () => {
    assert.equal(dueAt({ type: 'remedial_report', days: 14 }, '2025-11-12T08:00:00.000Z'), '2025-11-26T08:00:00.000Z');
    assert.equal(dueAt({ type: 'benefit_suspension', days: 30, benefit: 'x' }, '2025-11-12T08:00:00.000Z'), '2025-12-12T08:00:00.000Z');
    assert.equal(dueAt({ type: 'escalation', escalate_to: ['TUR'] }, '2025-11-12T08:00:00.000Z'), null);
    const p = { status: 'confirmed' as const, consequence_type: 'remedial_report' as const, due_at: '2025-11-26T08:00:00.000Z' };
    assert.equal(isPenaltyOverdue(p, new Date('2025-11-26T08:00:00.000Z')), false);
    assert.equal(isPenaltyOverdue(p, new Date('2025-11-26T08:00:00.001Z')), true);
    assert.equal(isPenaltyOverdue({ ...p, status: 'complied' }, new Date('2025-12-26T00:00:00.000Z')), false);
    assert.equal(isPenaltyOverdue({ ...p, consequence_type: 'benefit_suspension' }, new Date('2025-12-26T00:00:00.000Z')), false, 'a suspension ends; nothing is owed');
  });

  test('which step may follow which status', () => {
    const proposed = { status: 'proposed' as const, consequence_type: 'remedial_report' as const, due_at: null };
    const confirmed = { ...proposed, status: 'confirmed' as const, due_at: '2025-11-26T08:00:00.000Z' };
    const before = new Date('2025-11-20T00:00:00.000Z');
    const after = new Date('2025-11-27T00:00:00.000Z');
    assert.equal(penaltyStepProblem('penalty.confirmed', proposed, before), undefined);
    assert.equal(penaltyStepProblem('penalty.dismissed', proposed, before), undefined);
    assert.match(penaltyStepProblem('penalty.confirmed', confirmed, before)!, /already confirmed/);
    assert.match(penaltyStepProblem('penalty.complied', proposed, before)!, /not confirmed/);
    assert.equal(penaltyStepProblem('penalty.complied', confirmed, after), undefined, 'a late report is still accepted until a lapse is recorded');
    assert.match(penaltyStepProblem('penalty.lapsed', confirmed, before)!, /not overdue/);
    assert.equal(penaltyStepProblem('penalty.lapsed', confirmed, after), undefined);
    assert.match(penaltyStepProblem('penalty.complied', { ...confirmed, consequence_type: 'public_naming' }, before)!, /asks nothing of the party/);
  });
});

test('a ladder rejects duplicate rule ids and unknown consequence types', () => {
  const base = { version: 1, title: 'Ladder', rules: [rule()] };
  assert.ok(ladderSchema.safeParse(base).success);
  assert.equal(ladderSchema.safeParse({ ...base, rules: [rule(), rule()] }).success, false);
  assert.equal(ladderSchema.safeParse({ ...base, rules: [rule({ consequence: { type: 'fine' } as never })] }).success, false);
  assert.equal(ladderSchema.safeParse({ ...base, rules: [rule({ consequence: { type: 'remedial_report' } as never })] }).success, false, 'a report needs its days');
  assert.equal(ladderSchema.safeParse({ ...base, rules: [rule({ min_grade: 'contested' as never })] }).success, false);
});
