/**
 * The demo's penalty ladder and what became of it. The 30 October statement
 * agreed that a violating party would be penalised, with the modalities for
 * a later round; here the secretariat records the ladder on 20 November,
 * applying to findings issued since the mechanism opened on 1 November.
 * Adopting it runs the engine over the two violations found by then
 * (Torkham kept closed; expulsions without notice): public naming and a
 * remedial report for Torkham, a remedial report for the expulsions, and a
 * referral to the guarantors for two violations within 30 days. The
 * mediators confirm two, dismiss one and leave the referral pending;
 * Pakistan files its remedial report. The history is the demo's own.
 */
import type { Viewer } from '../domain/visibility.js';
import { toViewer } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { getPenalty, takePenaltyStep } from '../services/penalties.js';
import { adoptLadder, type LadderInput } from '../services/penalty-ladder.js';
import { findUserById } from '../store/repositories/accounts.js';
import type { DemoClock } from './runner.js';
import { parseAt, type At } from './script.js';

export const DEMO_LADDER: LadderInput = {
  title: 'Penalty ladder under clause C8 (Istanbul modalities)',
  applies_from: '2025-11-01',
  note: 'Recorded by the secretariat as agreed by both delegations; applies to findings issued since the mechanism began receiving complaints.',
  rules: [
    {
      id: 'NAME', title: 'A confirmed violation is named in the mechanism\'s public report',
      min_grade: 'confirmed', count: 1, window_days: 90, consequence: { type: 'public_naming' },
    },
    {
      id: 'REPORT', title: 'A violation graded fair or better: remedial report to the mechanism within 14 days',
      min_grade: 'fair', count: 1, window_days: 30, consequence: { type: 'remedial_report', days: 14 },
    },
    {
      id: 'CIVILIANS', title: 'Harm to civilians (C4): the party reports the disciplinary action it took within 30 days',
      min_grade: 'fair', clauses: ['C4'], intents: ['deliberate', 'unauthorised_local_action'], count: 1, window_days: 30,
      consequence: { type: 'disciplinary_action', days: 30 },
    },
    {
      id: 'CROSSINGS', title: 'Two crossing violations (C5) within 60 days: transit facilitation suspended for 30 days',
      min_grade: 'fair', clauses: ['C5'], count: 2, window_days: 60,
      consequence: { type: 'benefit_suspension', days: 30, benefit: 'Priority clearance of the party\'s transit-trade cargo at the other party\'s crossings' },
    },
    {
      id: 'REPEAT', title: 'Two violations within 30 days: referral to the guarantors',
      min_grade: 'fair', count: 2, window_days: 30, consequence: { type: 'escalation', escalate_to: ['TUR', 'QAT'] },
    },
  ],
};

export async function loadDemoPenalties(d: Services, clock: DemoClock, log: (msg: string) => void): Promise<void> {
  const viewer = async (id: string): Promise<Viewer> => toViewer((await findUserById(d.db, id))!);
  // Each step at its planned time, or just after whatever the demo recorded last.
  const at = (when: At) => clock.set(new Date(Math.max(parseAt(when).getTime(), clock.now.getTime() + 60_000)));

  at('2025-11-20 16:00');
  const sec = await viewer('sec.admin');
  const { proposed } = await adoptLadder(d, sec, DEMO_LADDER);
  const byRule = new Map<string, string[]>();
  for (const id of proposed) {
    const p = await getPenalty(d, sec, id);
    byRule.set(p.rule_id, [...(byRule.get(p.rule_id) ?? []), id]);
  }
  const one = (rule: string, i = 0): string => {
    const id = byRule.get(rule)?.[i];
    if (!id) throw new Error(`demo data: the ladder proposed no ${rule} penalty #${i + 1}`);
    return id;
  };
  const tur = await viewer('tur.mediator');
  const qat = await viewer('qat.mediator');
  const pak = await viewer('pak.liaison');
  // REPORT fired for Torkham (issued 13 Nov), then for the expulsions (15 Nov): oldest first.
  at('2025-11-21 09:00');
  await takePenaltyStep(d, tur, one('NAME'), 'confirm', { note: 'Pakistan is named for keeping Torkham closed to cargo in the weekly public report.' });
  at('2025-11-21 09:30');
  await takePenaltyStep(d, qat, one('REPORT', 0), 'confirm', { note: 'Report on the Torkham closure and the steps to reopen it, due in 14 days.' });
  at('2025-11-21 10:00');
  await takePenaltyStep(d, qat, one('REPORT', 1), 'dismiss', {
    reason: 'The remedy phase of this finding already asks both parties to report on returns by 15 December; a separate report would duplicate it.',
  });
  at('2025-11-23 11:00');
  await takePenaltyStep(d, pak, one('REPORT', 0), 'comply', {
    report: 'Torkham stays closed to cargo on security grounds; the closure is reviewed each week and the mechanism will be told of any change. '
      + 'Patients with medical referrals are let through at the gate.',
  });
  log(`penalty ladder v1 (${DEMO_LADDER.rules.length} rules): ${proposed.length} penalties proposed, 2 confirmed, 1 dismissed, 1 awaiting the mediators`);
}
