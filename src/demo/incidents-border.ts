/**
 * Demo incidents about the crossings and the return of refugees. Facts from
 * shared/corpus/ (000: closures of Torkham and Spin Boldak used as pressure,
 * stranded patients, mass expulsions and the call for joint verification of
 * returns; 002: crossings tense, trade slowed sharply); the wording is ours,
 * and the mechanism's handling is the demo's own history.
 */
import { ACTORS, type DemoIncident } from './script.js';

const CLOSURE = { event_type: 'Strategic developments', sub_event_type: 'Other', actor1: ACTORS.pakGovernment, inter1: 1, interaction: 10 } as const;

export const TORKHAM: DemoIncident = {
  key: 'torkham',
  filed: { at: '2025-11-01 05:40', by: 'afg.liaison' },
  filing: {
    title: 'Torkham crossing kept closed to trade after the ceasefire',
    channel: 'party', visibility: 'public', accused_party: 'PAK', clause_refs: ['C5'], category: 'blocking_access', severity: 'high',
    event_date: '2025-10-19', time_precision: 1,
    place: {
      country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', admin2: 'Khyber', location: 'Torkham',
      latitude: 34.1, longitude: 71.09, geo_precision: 1, crossing_id: 'torkham',
    },
    coding: { ...CLOSURE, tags: ['crossing closure', 'trade'] },
    casualties: { fatalities: 0 },
    notes: 'Afghanistan complains that Torkham stayed closed to cargo once the ceasefire took effect, and that Pakistan shuts Torkham and Spin Boldak to press a landlocked country: '
      + 'trade has slowed sharply, prices rose, traders lose heavily, and Afghans who need medical care in Pakistan are stranded. It asks for a guarantee that the crossings run without interruption.',
    source: 'Afghan delegation (leaked account of the Istanbul talks); wire-style report', source_scale: 'National-International',
    language: 'en',
    translations: { tr: { title: 'Torkham sınır kapısı ateşkesten sonra da ticarete kapalı' } },
  },
  steps: [
    { at: '2025-11-01 09:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C5'], category: 'blocking_access', severity: 'high' } },
    { at: '2025-11-01 09:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C5.' } },
    { at: '2025-11-01 10:45', by: 'pak.liaison', action: 'acknowledge', input: {} },
    {
      at: '2025-11-03 12:00', by: 'pak.liaison', action: 'respond',
      input: { position: 'admit', counter_evidence: [], statement: 'Pakistan confirms that Torkham has been closed to cargo since before the ceasefire, on security grounds, and that the mechanism was not notified.' },
    },
    { at: '2025-11-04 07:00', by: 'sec.admin', action: 'open_investigation', input: { team: ['TUR', 'QAT', 'JMT'] } },
    { at: '2025-11-06 10:00', by: 'jmt.monitor', action: 'add_note', input: { kind: 'site_visit', text: 'Gate closed to cargo at the time of the visit; loaded trucks waiting on both sides.' } },
    {
      at: '2025-11-10 08:00', by: 'tur.mediator', action: 'draft_finding',
      input: {
        determination: 'violation', clause_violated: 'C5', responsible_party: 'PAK', attribution_confidence: 'high', intent: 'deliberate', grade: 'confirmed',
        summary: 'The accused party accepts that Torkham has been closed to cargo since before the ceasefire took effect, without notice to the mechanism. Keeping an agreed crossing closed without notice breaches C5.',
        methods: ['Response of the accused party (admission)', 'Site visit by the Joint Monitoring Team (6 November)'],
        recommendations: ['Reopen Torkham to cargo and to patients needing medical care', 'Notify any future closure to the mechanism with its reason and expected length'],
        required_remedies: [
          { description: 'Reopen Torkham to cargo, or notify the mechanism of the security reason and expected length of the closure', obligated_party: 'PAK', due_date: '2025-11-27' },
          { description: 'Let patients with medical referrals through Torkham while it is closed to cargo', obligated_party: 'PAK', due_date: '2025-11-20' },
        ],
        publication: 'public',
      },
    },
    { at: '2025-11-10 14:00', by: 'afg.liaison', action: 'comment', input: { dissent: false, text: 'Afghanistan accepts the finding.' } },
    { at: '2025-11-11 06:00', by: 'pak.liaison', action: 'comment', input: { dissent: false, text: 'Pakistan accepts the facts and asks that the security reasons for the closure be recorded with the finding.' } },
    { at: '2025-11-12 09:00', by: 'tur.mediator', action: 'sign_finding', input: {} },
    { at: '2025-11-13 07:00', by: 'qat.mediator', action: 'sign_finding', input: {} },
  ],
};

export const CHAMAN: DemoIncident = {
  key: 'chaman',
  filed: { at: '2025-11-12 06:00', by: 'afg.liaison' },
  filing: {
    title: 'Chaman–Spin Boldak crossing kept closed to trade and to patients',
    channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C5'], category: 'blocking_access', severity: 'high',
    event_date: '2025-10-19', time_precision: 1,
    place: {
      country: 'Pakistan', admin1: 'Balochistan', admin2: 'Chaman', location: 'Chaman–Spin Boldak crossing',
      latitude: 30.92, longitude: 66.44, geo_precision: 1, crossing_id: 'chaman-spin-boldak',
    },
    coding: { ...CLOSURE, tags: ['crossing closure', 'trade', 'medical cases'] },
    casualties: { fatalities: 0 },
    notes: 'Afghanistan complains that the Spin Boldak crossing also stayed closed after the ceasefire, cutting trade and stranding Afghans who need medical care in Pakistan, '
      + 'and that people turned back at closed crossings are often mistreated.',
    source: 'Afghan delegation (leaked account of the Istanbul talks); wire-style report', source_scale: 'National-International',
  },
  steps: [
    { at: '2025-11-13 07:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C5'], category: 'blocking_access', severity: 'high' } },
    // Never acknowledged: the acknowledgement fell due at 09:30 the same day.
    { at: '2025-11-13 07:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C5; see also the finding on Torkham.' } },
  ],
};

export const EXPULSIONS: DemoIncident = {
  key: 'expulsions',
  filed: { at: '2025-11-02 06:10', by: 'afg.liaison' },
  filing: {
    title: 'Mass expulsions of Afghan refugees without coordinated returns',
    channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C6'], category: 'other', severity: 'high',
    event_date: '2025-10-19', end_date: '2025-11-01', time_precision: 3,
    place: { country: 'Afghanistan', location: 'Crossings on the Durand Line (not named in the reports)', geo_precision: 3 },
    coding: {
      event_type: 'Strategic developments', sub_event_type: 'Other', actor1: ACTORS.pakGovernment, inter1: 1,
      actor2: ACTORS.afgRefugees, inter2: 7, interaction: 17, tags: ['deportation', 'returnees'],
    },
    notes: 'Afghanistan complains that Pakistan goes on expelling Afghan refugees en masse to put pressure on Kabul, and that ISKP members cross among the deportees because the process is disorderly. '
      + 'It asks that the expulsions stop and that future returns be coordinated and checked jointly. The reports give no numbers or crossings.',
    source: 'Afghan delegation (leaked account of the Istanbul talks)', source_scale: 'National',
  },
  steps: [
    { at: '2025-11-03 08:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C6'], category: 'other', severity: 'high' } },
    { at: '2025-11-03 08:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C6.' } },
    { at: '2025-11-03 10:00', by: 'pak.liaison', action: 'acknowledge', input: {} },
    {
      at: '2025-11-05 11:00', by: 'pak.liaison', action: 'respond',
      input: { position: 'deny', counter_evidence: [], statement: 'Pakistan denies a violation: the people returned had no valid documents to stay in Pakistan, and their return follows Pakistani law.' },
    },
    { at: '2025-11-06 07:00', by: 'sec.admin', action: 'open_investigation', input: { team: ['TUR', 'QAT', 'JMT'] } },
    {
      at: '2025-11-08 09:00', by: 'jmt.monitor', action: 'add_note',
      input: { kind: 'interview', text: 'Interviews with returning families at a reception point on the Afghan side. Families describe short notice before removal; no joint count of arrivals is kept at the crossing.' },
    },
    {
      at: '2025-11-12 08:00', by: 'qat.mediator', action: 'draft_finding',
      input: {
        determination: 'violation', clause_violated: 'C6', responsible_party: 'PAK', attribution_confidence: 'medium', intent: 'undetermined', grade: 'fair',
        summary: 'Returns after the ceasefire took effect were neither announced in advance nor counted jointly at the crossing, as C6 requires. No finding is made on the claim that armed men crossed among the deportees.',
        methods: ['Interviews with returning families (Joint Monitoring Team)', 'Statements of both parties'],
        recommendations: ['Start a joint count of returnees at Torkham and Chaman–Spin Boldak', 'Announce group returns to the mechanism 72 hours ahead'],
        required_remedies: [
          { description: 'Announce group returns to the mechanism at least 72 hours ahead, naming the crossing', obligated_party: 'PAK', due_date: '2025-12-15' },
          { description: 'Keep reception points at the named crossings and report daily arrival totals to the mechanism', obligated_party: 'AFG', due_date: '2025-12-15' },
        ],
        publication: 'parties',
      },
    },
    { at: '2025-11-12 13:00', by: 'afg.liaison', action: 'comment', input: { dissent: false, text: 'Afghanistan accepts the finding and its own remedy.' } },
    { at: '2025-11-13 07:00', by: 'pak.liaison', action: 'comment', input: { dissent: true, text: 'Pakistan does not accept that C6 covers foreigners without valid documents; it will consider advance notice as a courtesy.' } },
    { at: '2025-11-14 08:00', by: 'qat.mediator', action: 'sign_finding', input: {} },
    { at: '2025-11-15 09:00', by: 'tur.mediator', action: 'sign_finding', input: {} },
    {
      at: '2025-11-17 08:00', by: 'sec.admin', action: 'record_remedy',
      input: { note: 'Remedy phase opened: advance notice of group returns (Pakistan) and daily arrival totals (Afghanistan), both due 15 December 2025; the joint count starts once both are in place.' },
    },
  ],
};

export const BORDER_INCIDENTS: readonly DemoIncident[] = [TORKHAM, CHAMAN, EXPULSIONS];
