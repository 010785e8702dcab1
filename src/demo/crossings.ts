/**
 * The demo's crossing register and a returnee count. Facts from
 * shared/corpus/ (000: Pakistan shut Torkham and Spin Boldak again and
 * again, cutting trade and stranding patients, and Kabul asked for returns
 * to be checked jointly; 002: both crossings tense, trade much reduced) and
 * from the demo's own complaints (Torkham closed to cargo since before the
 * ceasefire; trucks waiting on both sides on 6 November). Dates, queues and
 * counts are the demo's own, and so is the wording.
 *
 * The mechanism opens its crossing desk on 21 November: the secretariat and
 * the parties enter the closures since the clashes of 11–12 October, the
 * monitors verify what they saw, closures are linked to the complaints
 * already filed about them, and the mediators reconcile the first weekly
 * count of people sent back through Torkham. Everything is recorded in time
 * order after the rest of the demo (the simulated clock only moves forward).
 */
import type { Viewer } from '../domain/visibility.js';
import { toViewer } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { linkClosure, reportCrossingStatus, verifyCrossingReport, type StatusReportInput, type VerificationInput } from '../services/crossings.js';
import { reconcileTally, reportMovementCount, type CountInput } from '../services/movements.js';
import { findUserById } from '../store/repositories/accounts.js';
import { listIncidents } from '../store/repositories/incidents.js';
import type { DemoClock } from './runner.js';
import { parseAt, type At } from './script.js';

interface DemoReport {
  key: string;
  at: At;
  by: string;
  crossing: string;
  report: StatusReportInput;
  verify?: { at: At; by: string; input: VerificationInput };
}

const CLASHES = '2025-10-12T03:00:00.000Z';

export const DEMO_CROSSING_REPORTS: DemoReport[] = [
  {
    key: 'torkham-pak', at: '2025-11-21 06:10', by: 'sec.admin', crossing: 'torkham',
    report: {
      side: 'PAK', traffic_types: ['cargo', 'pedestrians', 'humanitarian'], status: 'closed', effective_from: CLASHES,
      announced_by: 'PAK', method: 'official_announcement', visibility: 'public',
      reason: 'Shut by the Pakistani authorities on security grounds after the border fighting of 11–12 October.',
      source: 'Pakistani border administration, as entered by the secretariat from the case file',
    },
    verify: {
      at: '2025-11-21 09:00', by: 'jmt.monitor',
      input: { outcome: 'confirmed', method: 'monitor_observation', observed_at: '2025-11-06T10:00:00.000Z', queues: { trucks: 300 }, note: 'Gate shut to cargo and foot traffic during the visit of 6 November; laden lorries parked on both approaches.' },
    },
  },
  {
    key: 'torkham-afg', at: '2025-11-21 06:40', by: 'afg.liaison', crossing: 'torkham',
    report: {
      side: 'AFG', traffic_types: ['cargo', 'pedestrians'], status: 'open', effective_from: CLASHES,
      announced_by: 'AFG', method: 'party_report', visibility: 'public', queues: { trucks: 250 },
      reason: 'The Afghan gate stayed staffed and open; lorries bound for Pakistan wait on the Afghan side.',
    },
  },
  {
    key: 'torkham-returns', at: '2025-11-21 07:05', by: 'pak.liaison', crossing: 'torkham',
    report: {
      side: 'PAK', traffic_types: ['returnees'], status: 'open', effective_from: '2025-10-21T04:00:00.000Z',
      announced_by: 'PAK', method: 'official_announcement', visibility: 'public',
      reason: 'Kept open for Afghans leaving Pakistan, including those being deported, while trade stays suspended.',
    },
    verify: {
      at: '2025-11-21 09:20', by: 'jmt.monitor',
      input: { outcome: 'confirmed', method: 'monitor_observation', observed_at: '2025-11-06T11:00:00.000Z', queues: { people: 1800 }, note: 'Families with household goods crossing towards the Afghan reception area.' },
    },
  },
  {
    key: 'torkham-patients', at: '2025-11-21 07:30', by: 'pak.liaison', crossing: 'torkham',
    report: {
      side: 'PAK', traffic_types: ['humanitarian'], status: 'restricted', effective_from: '2025-11-18T05:00:00.000Z',
      announced_by: 'PAK', method: 'official_announcement', visibility: 'public',
      reason: 'Patients holding a medical referral are let through, with one attendant each, under the remedy of the Torkham finding.',
    },
    verify: {
      at: '2025-11-22 08:00', by: 'jmt.monitor',
      input: { outcome: 'confirmed', method: 'monitor_observation', observed_at: '2025-11-21T09:00:00.000Z', note: 'Three ambulances and a handful of walking patients passed in two hours.' },
    },
  },
  {
    key: 'chaman-pak', at: '2025-11-21 06:20', by: 'sec.admin', crossing: 'chaman-spin-boldak',
    report: {
      side: 'PAK', traffic_types: ['cargo', 'pedestrians', 'humanitarian'], status: 'closed', effective_from: CLASHES,
      announced_by: 'PAK', method: 'official_announcement', visibility: 'public',
      reason: 'Closed by the Pakistani authorities after the fighting near Spin Boldak.',
      source: 'Pakistani border administration, as entered by the secretariat from the case file',
    },
    verify: {
      at: '2025-11-22 06:30', by: 'tur.mediator',
      input: { outcome: 'confirmed', method: 'official_announcement', note: 'The Pakistani delegation confirmed the closure at the technical meeting.' },
    },
  },
  {
    key: 'chaman-returns', at: '2025-11-21 07:15', by: 'pak.liaison', crossing: 'chaman-spin-boldak',
    report: {
      side: 'PAK', traffic_types: ['returnees'], status: 'restricted', effective_from: '2025-10-24T04:00:00.000Z', effective_to: '2025-11-15T13:00:00.000Z',
      announced_by: 'PAK', method: 'official_announcement', visibility: 'parties',
      reason: 'Returns through Chaman only in escorted convoys on announced days.',
    },
  },
  {
    key: 'ghulam-khan-pak', at: '2025-11-21 08:00', by: 'jmt.monitor', crossing: 'ghulam-khan',
    report: {
      side: 'PAK', traffic_types: ['cargo'], status: 'closed', effective_from: CLASHES, method: 'monitor_observation', visibility: 'parties',
      reason: 'No cargo movement seen on any visit since the clashes.', queues: { trucks: 40 },
    },
  },
];

/** Closures linked to the complaints already filed about them (by crossing). */
const LINKS: Array<{ at: At; by: string; report: string; crossing: string }> = [
  { at: '2025-11-21 10:00', by: 'sec.admin', report: 'torkham-pak', crossing: 'torkham' },
];

const week = { crossing_id: 'torkham', period_from: '2025-11-10', period_to: '2025-11-16', direction: 'into_AFG' } as const;
export const DEMO_COUNTS: Array<{ at: At; by: string; count: CountInput }> = [
  { at: '2025-11-21 11:00', by: 'afg.liaison', count: { ...week, category: 'undocumented_deportee', count: 9480, source: 'Reception centre registers on the Afghan side', method: 'Head count at registration', visibility: 'parties' } },
  { at: '2025-11-21 11:30', by: 'pak.liaison', count: { ...week, category: 'undocumented_deportee', count: 8710, source: 'Exit records of the Pakistani border post', visibility: 'parties' } },
  { at: '2025-11-21 11:40', by: 'afg.liaison', count: { ...week, category: 'registered_refugee_voluntary_return', count: 3120, source: 'Reception centre registers on the Afghan side', visibility: 'parties' } },
  { at: '2025-11-21 11:50', by: 'pak.liaison', count: { ...week, category: 'registered_refugee_voluntary_return', count: 2990, source: 'Exit records of the Pakistani border post', visibility: 'parties' } },
];

export const DEMO_RECONCILIATION = {
  at: '2025-11-22 10:00' as At, by: 'tur.mediator',
  tally: 'torkham.2025-11-10.2025-11-16.into_AFG.undocumented_deportee',
  input: {
    agreed_count: 9150, publication: 'public' as const,
    note: 'The joint cell compared both registers day by day: the Afghan figure counts some families twice when they register again for aid, and the Pakistani exit record misses people sent across after the post closed its book at night.',
  },
};

export async function loadDemoCrossings(d: Services, clock: DemoClock, log: (msg: string) => void): Promise<void> {
  const viewers = new Map<string, Viewer>();
  const viewer = async (id: string): Promise<Viewer> => {
    if (!viewers.has(id)) {
      const row = await findUserById(d.db, id);
      if (!row) throw new Error(`demo data: unknown user ${id}`);
      viewers.set(id, toViewer(row));
    }
    return viewers.get(id)!;
  };
  const events: Array<{ at: At; run: () => Promise<void> }> = [];
  const ids = new Map<string, string>();
  for (const r of DEMO_CROSSING_REPORTS) {
    events.push({ at: r.at, run: async () => { ids.set(r.key, (await reportCrossingStatus(d, await viewer(r.by), r.crossing, r.report)).report.id); } });
    if (r.verify) {
      const v = r.verify;
      events.push({ at: v.at, run: async () => { await verifyCrossingReport(d, await viewer(v.by), r.crossing, ids.get(r.key)!, v.input); } });
    }
  }
  for (const l of LINKS) {
    events.push({
      at: l.at,
      run: async () => {
        const { rows } = await listIncidents(d.db, 'all', { crossing: l.crossing, category: 'blocking_access' }, { limit: 1 }, clock.now.toISOString());
        if (rows[0]) await linkClosure(d, await viewer(l.by), l.crossing, ids.get(l.report)!, { incident_id: rows[0].id });
      },
    });
  }
  for (const c of DEMO_COUNTS) events.push({ at: c.at, run: async () => { await reportMovementCount(d, await viewer(c.by), c.count); } });
  const rec = DEMO_RECONCILIATION;
  events.push({ at: rec.at, run: async () => { await reconcileTally(d, await viewer(rec.by), rec.tally, rec.input); } });

  events.sort((a, b) => parseAt(a.at).getTime() - parseAt(b.at).getTime());
  for (const e of events) {
    // At its planned time, or just after whatever the demo recorded last.
    clock.set(new Date(Math.max(parseAt(e.at).getTime(), clock.now.getTime() + 60_000)));
    await e.run();
  }
  log(`${DEMO_CROSSING_REPORTS.length} crossing status reports, ${DEMO_COUNTS.length} movement counts, 1 reconciliation`);
}
