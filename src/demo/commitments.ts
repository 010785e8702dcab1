/**
 * The demo's register of commitments. Facts from shared/corpus/ and the
 * demo's clauses: the Doha ceasefire took effect on 19 October 2025 (the
 * D-day); Pakistan asked for checkable action, with deadlines, against the
 * TTP and BLA operating from Afghan soil, and said it had put dated evidence
 * of their camps before the mediators; the Afghan side offered assurances
 * only in exchange for guarantees on its airspace (a reciprocal link here);
 * Torkham and Chaman–Spin Boldak stayed tense and trade fell; Kabul raised
 * ISKP. Deadlines, statuses, extensions and wording are the demo's own.
 *
 * The remedies of the findings issued earlier in the demo became
 * commitments when each finding was issued (src/services/commitment-remedies.ts);
 * here, after the other demo records (the simulated clock only moves
 * forward), the secretariat sets the D-day, records the mediators'
 * reporting interval for clause C2, and enters the commitments taken at the
 * Doha and Istanbul rounds; the monitors and mediators verify some, one
 * deadline is extended, and each party reports on one of its own.
 */
import type { Deadline, KrocStatus } from '../domain/entries/commitment.js';
import type { Visibility } from '../domain/visibility.js';
import { toViewer } from '../services/auth.js';
import { amendClause, setDDay } from '../services/clauses.js';
import { takeCommitmentStep, type CommitmentStepAction } from '../services/commitment-steps.js';
import { registerCommitment, type CommitmentInput } from '../services/commitments.js';
import type { Services } from '../services/context.js';
import { findUserById } from '../store/repositories/accounts.js';
import type { DemoClock } from './runner.js';
import { parseAt, type At } from './script.js';

export const DEMO_D_DAY = '2025-10-19';

interface DemoCommitment {
  key: string;
  at: At;
  by: string;
  terms: Omit<CommitmentInput, 'conditional_on' | 'deadline' | 'visibility'> & { deadline: Deadline; visibility: Visibility };
  /** Keys of other demo commitments this one is conditional on. */
  conditional_on?: string[];
  steps?: Array<{ at: At; by: string; action: CommitmentStepAction; input: Record<string, unknown> }>;
}

const d = (days: number): Deadline => ({ relative_to: 'd_day', days });
const verify = (status: KrocStatus, note: string) => ({ status, evidence: [], note });

export const DEMO_COMMITMENTS: DemoCommitment[] = [
  {
    key: 'afg-liaison', at: '2025-11-22 07:00', by: 'sec.admin',
    terms: {
      title: 'Afghanistan keeps a liaison cell on call for the mechanism', clause_id: 'C7', obligated_party: 'AFG',
      indicator: 'A named cell answers notices day and night; every notice acknowledged within 2 hours',
      evidence_required: 'Acknowledgement times of the notices in the ledger', deadline: d(14), visibility: 'public',
    },
    steps: [{ at: '2025-11-22 12:00', by: 'tur.mediator', action: 'verify', input: verify('complete', 'Every notice to Afghanistan so far was acknowledged in time.') }],
  },
  {
    key: 'pak-liaison', at: '2025-11-22 07:05', by: 'sec.admin',
    terms: {
      title: 'Pakistan keeps a liaison cell on call for the mechanism', clause_id: 'C7', obligated_party: 'PAK',
      indicator: 'A named cell answers notices day and night; every notice acknowledged within 2 hours',
      evidence_required: 'Acknowledgement times of the notices in the ledger', deadline: d(14), visibility: 'public',
    },
    steps: [{ at: '2025-11-22 12:05', by: 'tur.mediator', action: 'verify', input: verify('intermediate', 'The cell is staffed, but one notice in November was acknowledged hours late.') }],
  },
  {
    key: 'pak-airspace', at: '2025-11-22 07:30', by: 'sec.admin',
    terms: {
      title: 'Pakistan tells the mechanism how it stops unconsented flights over Afghan territory', clause_id: 'C3', obligated_party: 'PAK',
      indicator: 'Written measures against strikes and unconsented armed or surveillance flights, drones included, lodged with the mechanism',
      evidence_required: 'The measures as lodged; over-flight reports checked by the monitors', deadline: d(30), visibility: 'public',
    },
    steps: [{ at: '2025-11-23 09:00', by: 'qat.mediator', action: 'verify', input: verify('minimal', 'Only a general assurance was lodged; the question of third-country drones is still on the agenda.') }],
  },
  {
    key: 'afg-groups', at: '2025-11-22 07:40', by: 'sec.admin',
    terms: {
      title: 'Afghanistan acts against TTP and BLA presence on its territory', clause_id: 'C2', obligated_party: 'AFG',
      indicator: 'Named camps and facilitation networks closed, moved away from the border or their members detained, each reported with place and date',
      evidence_required: 'A dated list of actions taken, and monitor visits to a sample of the places', deadline: d(45), visibility: 'parties',
      notes: 'Offered by the Afghan delegation only against guarantees on its airspace: conditional on the Pakistani airspace commitment.',
    },
    conditional_on: ['pak-airspace'],
    steps: [{ at: '2025-11-23 10:00', by: 'afg.liaison', action: 'self_report', input: verify('intermediate', 'Families of fighters from across the border were moved away from the border districts.') }],
  },
  {
    key: 'pak-evidence', at: '2025-11-22 07:50', by: 'tur.mediator',
    terms: {
      title: 'Pakistan lodges the evidence on camps it showed at the talks', clause_id: 'C9', obligated_party: 'PAK',
      indicator: 'The dated material on camps and cross-border movements lodged with the mechanism, so its custody starts',
      evidence_required: 'The lodged items and their custody records', deadline: d(20), visibility: 'parties',
    },
    steps: [
      { at: '2025-11-22 15:00', by: 'pak.liaison', action: 'self_report', input: verify('complete', 'The material was handed to the mediators in Istanbul.') },
      { at: '2025-11-23 11:00', by: 'tur.mediator', action: 'verify', input: verify('minimal', 'Handed over on paper only; nothing lodged with the mechanism yet, so no custody record exists.') },
    ],
  },
  {
    key: 'pak-chaman', at: '2025-11-22 08:00', by: 'sec.admin',
    terms: {
      title: 'Pakistan reopens Chaman–Spin Boldak to cargo and pedestrians', clause_id: 'C5', obligated_party: 'PAK',
      indicator: 'The gate open to laden lorries and to foot traffic on every working day, patients let through at any time',
      evidence_required: 'Crossing status reports verified by the monitors; queue counts on both sides', deadline: d(21), visibility: 'public',
    },
    steps: [
      { at: '2025-11-22 09:00', by: 'qat.mediator', action: 'extend', input: { deadline: { date: '2025-11-30' }, reason: 'Security review of the gate area; Pakistan notifies each closure to the mechanism meanwhile.' } },
      { at: '2025-11-23 08:00', by: 'jmt.monitor', action: 'verify', input: verify('intermediate', 'Open to lorries on weekdays; pedestrians limited to patients and returnees.') },
    ],
  },
  {
    key: 'afg-iskp', at: '2025-11-22 08:10', by: 'sec.admin',
    terms: {
      title: 'Afghanistan shares threat information on ISKP through the mechanism', clause_id: 'C9', obligated_party: 'AFG',
      indicator: 'Information on ISKP cells and movements near the border passed to the mechanism for the other party',
      evidence_required: 'The information as lodged, sealed to the mediators where needed', deadline: d(30), visibility: 'parties',
    },
  },
  {
    key: 'pak-joint-count', at: '2025-11-22 08:20', by: 'qat.mediator',
    terms: {
      title: 'Pakistan agrees to count returnees jointly at Torkham', clause_id: 'C6', obligated_party: 'PAK',
      indicator: 'A joint count of people returned through Torkham each week, totals only',
      evidence_required: 'Weekly counts recorded by both parties and reconciled by the mediators', deadline: d(60), visibility: 'mediators',
      notes: 'Draft for the next round; not yet shown to the parties.',
    },
  },
];

export const C2_VERSION_2 = {
  title: 'No support for armed groups',
  text: 'Neither party lets armed groups use its territory to plan, prepare or launch attacks on the other. Each party reports to the mechanism every 30 days on what it did against the groups the other party has named, with evidence the monitors can check.',
  reason: 'Reporting interval put forward by the mediators after the Istanbul round of 6–7 November (a demo reading, not an agreed text).',
};

export async function loadDemoCommitments(s: Services, clock: DemoClock, log: (msg: string) => void): Promise<Map<string, string>> {
  const viewer = async (id: string) => toViewer((await findUserById(s.db, id))!);
  // Each event at its planned time, or just after whatever the demo recorded last.
  const at = (when: At) => clock.set(new Date(Math.max(parseAt(when).getTime(), clock.now.getTime() + 60_000)));

  at('2025-11-22 06:00');
  const sec = await viewer('sec.admin');
  await setDDay(s, sec, { d_day: DEMO_D_DAY, reason: 'The ceasefire agreed in Doha took effect on 19 October 2025.' });
  at('2025-11-22 06:30');
  await amendClause(s, sec, 'C2', C2_VERSION_2);

  const ids = new Map<string, string>();
  const steps: Array<{ at: At; run: () => Promise<unknown> }> = [];
  for (const c of DEMO_COMMITMENTS) {
    at(c.at);
    const conditional_on = (c.conditional_on ?? []).map((k) => ids.get(k)!);
    const { commitment } = await registerCommitment(s, await viewer(c.by), { ...c.terms, conditional_on });
    ids.set(c.key, commitment.id);
    for (const st of c.steps ?? []) steps.push({ at: st.at, run: async () => takeCommitmentStep(s, await viewer(st.by), commitment.id, st.action, st.input) });
  }
  steps.sort((a, b) => parseAt(a.at).getTime() - parseAt(b.at).getTime());
  for (const st of steps) {
    at(st.at);
    await st.run();
  }
  log(`D-day ${DEMO_D_DAY}; clause C2 at version 2; ${ids.size} commitments registered, ${steps.length} verifications, extensions and reports`);
  return ids;
}
