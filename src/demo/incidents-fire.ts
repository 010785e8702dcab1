/**
 * Demo incidents about fire across the border and airspace. Facts (places,
 * counts, who claimed what) come from the press reports in shared/corpus/
 * (003: shelling at Weesh and Wardag; 002: strikes on camps before the
 * ceasefire; 000, 002, 004: drones and airspace); the wording is ours, and
 * the mechanism's handling of each complaint is the demo's own history.
 */
import { ACTORS, type DemoIncident } from './script.js';

const SHELLING = {
  event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack',
  actor1: ACTORS.pakForces, inter1: 8, actor2: ACTORS.afgCivilians, inter2: 7, interaction: 78, civilian_targeting: true,
} as const;

export const WEESH: DemoIncident = {
  key: 'weesh',
  filed: { at: '2025-11-07 05:30', by: 'afg.liaison' },
  filing: {
    title: 'Artillery fire on homes near Weesh, Spin Boldak: five members of one family killed',
    channel: 'party', visibility: 'public', accused_party: 'PAK', clause_refs: ['C1', 'C4'],
    category: 'attack_on_civilians', severity: 'critical',
    // The report gives no day; it places the fire during the Istanbul round of 6 November.
    event_date: '2025-11-06', time_precision: 2,
    place: {
      country: 'Afghanistan', admin1: 'Kandahar', admin2: 'Spin Boldak', location: 'Weesh',
      latitude: 30.93, longitude: 66.43, geo_precision: 2, crossing_id: 'chaman-spin-boldak',
    },
    coding: { ...SHELLING, tags: ['cross-border', 'during talks'] },
    casualties: {
      fatalities: 5,
      estimates: [{ kind: 'deaths_civilians', low: 5, best: 5, high: 5, source: 'Afghan provincial sources, via an Afghan-leaning news report' }],
    },
    notes: 'According to Afghan provincial officials, Pakistani army artillery hit civilian areas of Spin Boldak district while the delegations were meeting in Istanbul. '
      + 'Houses in the Weesh area were struck; a young man and four women of his family died. Kabul called the fire aggression without provocation. '
      + 'Dated to the week of the talks; the houses are placed near Weesh, by the crossing, not more precisely.',
    source: 'Afghan provincial sources; Afghan-leaning news report', source_scale: 'Subnational',
    language: 'en',
    translations: { tr: { title: "Spin Boldak'ta Weesh yakınındaki evlere topçu ateşi: aynı aileden beş kişi öldü" } },
  },
  steps: [
    {
      at: '2025-11-07 08:00', by: 'sec.admin', action: 'triage',
      input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1', 'C4'], category: 'attack_on_civilians', severity: 'critical', note: 'In mandate: after the ceasefire took effect, civilian deaths reported.' },
    },
    { at: '2025-11-07 08:20', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C1 and C4: acknowledge within 2 hours, respond within 72 hours.' } },
    { at: '2025-11-07 09:50', by: 'pak.liaison', action: 'acknowledge', input: {} },
    {
      at: '2025-11-09 12:00', by: 'pak.liaison', action: 'respond',
      input: { position: 'deny', statement: 'Pakistan denies that its forces fired on civilian areas of Spin Boldak district.', counter_evidence: [] },
    },
    { at: '2025-11-09 14:00', by: 'sec.admin', action: 'open_investigation', input: { team: ['TUR', 'QAT', 'JMT'], note: 'Site visit on the Afghan side; access to be requested on the Pakistani side.' } },
    {
      at: '2025-11-11 08:00', by: 'jmt.monitor', action: 'add_note',
      input: { kind: 'site_visit', text: 'Visited the Weesh area with local officials. Damaged houses seen and photographed; the damage is consistent with indirect fire. Neighbours interviewed.' },
    },
    {
      at: '2025-11-12 10:00', by: 'qat.mediator', action: 'add_note',
      input: { kind: 'access_denied', denied_by: 'PAK', text: 'The team asked to inspect the firing positions facing Weesh on the Pakistani side. The request was declined and no other date was offered.' },
    },
    {
      at: '2025-11-16 09:00', by: 'tur.mediator', action: 'draft_finding',
      input: {
        determination: 'violation', clause_violated: 'C4', responsible_party: 'PAK', attribution_confidence: 'medium',
        intent: 'undetermined', grade: 'fair',
        summary: 'Artillery fired from the Pakistani side struck homes near Weesh in the week of 6 November 2025, killing five civilians of one family. '
          + 'The accused party denies the fire and declined the team access to its positions.',
        methods: ['Site visit by the Joint Monitoring Team (11 November)', 'Interviews with neighbours and local officials', 'Review of provincial and press reports'],
        recommendations: ['Withdraw artillery from positions in range of the Weesh area', 'Give the joint team access to the positions concerned'],
        required_remedies: [{ description: 'Report to the mechanism on the units involved and any disciplinary action taken', obligated_party: 'PAK', due_date: '2025-12-16' }],
        publication: 'public',
      },
    },
    { at: '2025-11-17 06:00', by: 'afg.liaison', action: 'comment', input: { dissent: false, text: 'Afghanistan accepts the draft and asks that the agreed penalty follow.' } },
    {
      at: '2025-11-18 07:30', by: 'pak.liaison', action: 'comment',
      input: { dissent: true, text: 'Pakistan rejects the attribution: the draft rests on one side’s sources and on a visit made without Pakistan.' },
    },
  ],
};

export const WARDAG: DemoIncident = {
  key: 'wardag',
  filed: { at: '2025-11-07 05:45', by: 'afg.liaison' },
  filing: {
    title: 'Shelling of Wardag village, Spin Boldak district: one woman killed, four people injured',
    channel: 'party', visibility: 'mediators', complainant_identity: 'Village elder, Wardag (through the Afghan liaison cell)',
    accused_party: 'PAK', clause_refs: ['C1', 'C4'], category: 'attack_on_civilians', severity: 'high',
    event_date: '2025-11-06', time_precision: 2,
    // The village is not located: coordinates of Spin Boldak town, the nearest named place.
    place: { country: 'Afghanistan', admin1: 'Kandahar', admin2: 'Spin Boldak', location: 'Wardag', latitude: 31.0, longitude: 66.4, geo_precision: 2 },
    coding: { ...SHELLING, tags: ['cross-border', 'during talks'] },
    casualties: {
      fatalities: 1, injured: 4,
      estimates: [
        { kind: 'deaths_civilians', low: 1, best: 1, high: 1, source: 'Afghan officials, via an Afghan-leaning news report' },
        { kind: 'injured', low: 4, best: 4, high: 4, source: 'Afghan officials, via an Afghan-leaning news report' },
      ],
    },
    notes: 'Reported as a separate strike on the same days as Weesh: one woman died in Wardag village and four other people were injured. The complainant asks that its contact stay with the mediators.',
    source: 'Afghan officials; Afghan-leaning news report', source_scale: 'Subnational',
  },
  steps: [
    {
      at: '2025-11-08 07:00', by: 'sec.admin', action: 'triage',
      input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1', 'C4'], category: 'attack_on_civilians', severity: 'high', note: 'Accepted. Notice waits for the complainant to agree what the notice may say about the village.' },
    },
  ],
};

export const PRE_CEASEFIRE_STRIKES: DemoIncident = {
  key: 'camp-strikes',
  filed: { at: '2025-11-01 06:00', by: 'afg.liaison' },
  filing: {
    title: 'Air strikes on camps inside Afghanistan before the ceasefire',
    channel: 'party', visibility: 'public', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high',
    event_date: '2025-10-01', end_date: '2025-10-18', time_precision: 3,
    place: { country: 'Afghanistan', location: 'Border areas (not named in the reports)', geo_precision: 3 },
    coding: {
      event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
      actor1: ACTORS.pakForces, inter1: 8, actor2: ACTORS.gulBahadur, inter2: 2, interaction: 28, tags: ['pre-ceasefire'],
    },
    notes: 'During the weeks of border fighting that the Doha ceasefire halted, Pakistani aircraft struck targets in Afghanistan that Pakistan described as camps of the Gul Bahadur group. '
      + 'Afghanistan asks that the strikes be recorded. The reports name neither the places nor any casualties.',
    source: 'Wire-style report on the Istanbul talks', source_scale: 'International',
    language: 'en',
    translations: { tr: { title: "Ateşkesten önce Afganistan'daki kamplara hava saldırıları" } },
  },
  steps: [
    {
      at: '2025-11-02 07:30', by: 'sec.admin', action: 'triage',
      input: { decision: 'rejected', reason: 'Outside the mandate in time: the strikes took place before the ceasefire took effect on 19 October 2025. The complaint stays on the record and may be raised at the political talks.' },
    },
  ],
};

export const DRONES: DemoIncident = {
  key: 'drones',
  filed: { at: '2025-11-03 07:00', by: 'afg.liaison' },
  filing: {
    title: 'Drone flights over Afghan territory after the ceasefire',
    channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C3'], category: 'airspace_violation', severity: 'medium',
    event_date: '2025-10-19', end_date: '2025-11-02', time_precision: 3,
    place: { country: 'Afghanistan', location: 'Afghan airspace along the border', geo_precision: 3 },
    coding: {
      event_type: 'Strategic developments', sub_event_type: 'Other', actor1: 'Unidentified drone operator', inter1: 8, interaction: 80,
      tags: ['airspace', 'surveillance', 'third country'],
    },
    notes: 'Afghanistan complains of continuing drone reconnaissance flights over its territory, which it says use Pakistani airspace, some of them flown by the United States, and asks that they stop. '
      + 'No dates or routes of single flights are given.',
    source: 'Afghan delegation, as reported by Afghan and wire-style outlets', source_scale: 'National',
  },
  steps: [
    {
      at: '2025-11-05 08:00', by: 'sec.admin', action: 'triage',
      input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C3'], category: 'airspace_violation', severity: 'medium', note: 'Accepted under C3; the monitors’ report of the same flights is merged into it.' },
    },
    { at: '2025-11-05 08:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C3.' } },
    { at: '2025-11-05 09:40', by: 'pak.liaison', action: 'acknowledge', input: {} },
    {
      at: '2025-11-07 10:00', by: 'pak.liaison', action: 'respond',
      input: {
        position: 'outside_control', counter_evidence: [],
        statement: 'Pakistan cannot give guarantees about unilateral operations by third countries and does not answer for them. It asks the mechanism to name the flights concerned.',
      },
    },
  ],
};

export const DRONES_MONITOR: DemoIncident = {
  key: 'drones-monitor',
  filed: { at: '2025-11-04 05:30', by: 'jmt.monitor' },
  filing: {
    title: 'Drones reported over Afghan border districts (monitors’ report)',
    channel: 'monitor', visibility: 'mediators', complainant_identity: 'JMT field team, Kandahar: residents’ reports',
    clause_refs: ['C3'], category: 'airspace_violation', severity: 'low',
    event_date: '2025-10-19', end_date: '2025-11-03', time_precision: 3,
    place: { country: 'Afghanistan', location: 'Border districts', geo_precision: 3 },
    coding: { event_type: 'Strategic developments', sub_event_type: 'Other', actor1: 'Unidentified drone operator', inter1: 8, interaction: 80, tags: ['airspace'] },
    notes: 'Residents of border districts told the team of drones overhead since the ceasefire. The team saw no flight itself. Probably the flights of the Afghan complaint of 3 November.',
    source: 'Joint Monitoring Team', source_scale: 'Subnational',
  },
  steps: [
    { at: '2025-11-05 08:10', by: 'sec.admin', action: 'triage', input: { decision: 'merged', duplicate_of: '@drones', note: 'The same flights as the Afghan complaint.' } },
  ],
};

export const FIRE_INCIDENTS: readonly DemoIncident[] = [WEESH, WARDAG, PRE_CEASEFIRE_STRIKES, DRONES, DRONES_MONITOR];
