/**
 * Demo incidents about armed groups operating from a party's territory.
 * Facts from shared/corpus/ (004: Pakistan's time-stamped evidence of
 * TTP and BLA crossings and sanctuaries, whose authenticity was questioned by
 * the Afghan side; 002 and 004: attacks on security forces and border posts,
 * Pakistani officials' casualty totals, the Afghan answer that the fighters
 * are Pakistani and beyond its control; 000: ISKP networks in Balochistan and
 * Khyber Pakhtunkhwa). The wording is ours; the handling is the demo's.
 */
import { ACTORS, type DemoIncident } from './script.js';

const GROUPS = { event_type: 'Strategic developments', sub_event_type: 'Other', inter1: 2, interaction: 20 } as const;

export const TTP_MOVEMENTS: DemoIncident = {
  key: 'ttp-movements',
  filed: { at: '2025-11-01 10:00', by: 'pak.liaison' },
  filing: {
    title: 'Cross-border movements of TTP fighters from Afghan territory',
    channel: 'party', visibility: 'parties', accused_party: 'AFG', clause_refs: ['C2'], category: 'armed_groups', severity: 'high',
    event_date: '2025-10-19', end_date: '2025-10-31', time_precision: 3,
    place: { country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', location: 'Border districts of Khyber Pakhtunkhwa', geo_precision: 3 },
    coding: { ...GROUPS, actor1: ACTORS.ttp, tags: ['armed groups', 'cross-border movement'] },
    notes: 'Pakistan says TTP fighters keep crossing from Afghanistan and using Afghan soil for attacks inside Pakistan. At the Istanbul talks it put forward material, each item with its capture time, on these crossings and on the groups’ sanctuaries, '
      + 'and it asks for verifiable, time-bound action against the groups.',
    source: 'Pakistani officials (accounts of the Istanbul talks)', source_scale: 'National',
  },
  steps: [
    { at: '2025-11-02 08:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'AFG', clause_refs: ['C2'], category: 'armed_groups', severity: 'high' } },
    { at: '2025-11-02 08:15', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C2.' } },
    // Acknowledged three hours late (due 10:15).
    { at: '2025-11-02 13:20', by: 'afg.liaison', action: 'acknowledge', input: { note: 'Received; the delegation was travelling.' } },
    {
      at: '2025-11-05 07:00', by: 'afg.liaison', action: 'respond',
      input: {
        position: 'dispute_evidence', counter_evidence: [],
        statement: 'Afghanistan questions the authenticity of the time-stamped material. The fighters concerned are Pakistani nationals beyond its control, and Afghan soil is not used against any country.',
      },
    },
    { at: '2025-11-06 09:00', by: 'sec.admin', action: 'open_investigation', input: { team: ['TUR', 'QAT', 'JMT'], note: 'Review of the material lodged; visits to the places it names.' } },
    {
      at: '2025-11-07 10:00', by: 'tur.mediator', action: 'add_note',
      input: { kind: 'imagery_review', text: 'Files lodged by the complainant reviewed: their time stamps agree with the files’ metadata. The places shown cannot be confirmed without a visit on the Afghan side.' },
    },
    {
      at: '2025-11-10 11:00', by: 'tur.mediator', action: 'add_note',
      input: { kind: 'access_denied', denied_by: 'AFG', text: 'The team asked to visit two places named in the complaint on the Afghan side. The request was not granted and no reason was given.' },
    },
  ],
};

export const BORDER_POSTS: DemoIncident = {
  key: 'border-posts',
  filed: { at: '2025-11-12 09:00', by: 'pak.liaison' },
  filing: {
    title: 'Attacks on border posts and security forces by groups based in Afghanistan',
    channel: 'party', visibility: 'parties', accused_party: 'AFG', clause_refs: ['C2'], category: 'armed_groups', severity: 'high',
    event_date: '2025-10-19', end_date: '2025-11-10', time_precision: 3,
    place: { country: 'Pakistan', location: 'Khyber Pakhtunkhwa and Balochistan', geo_precision: 3 },
    coding: {
      event_type: 'Battles', sub_event_type: 'Armed clash', actor1: ACTORS.ttp, assoc_actor_1: ACTORS.bla, inter1: 2,
      actor2: ACTORS.pakForces, inter2: 1, interaction: 12, tags: ['TTP', 'BLA', 'border posts'],
    },
    notes: 'Pakistan complains that the TTP and the BLA, operating from Afghanistan, keep attacking border posts, soldiers and civilians in Khyber Pakhtunkhwa and Balochistan, and asks Kabul to dismantle them. '
      + 'For context, Pakistani officials count nearly 1,800 security personnel killed in such attacks since August 2021, about 460 of them in 2025; the complaint gives no figures for this period.',
    source: 'Pakistani officials (information and defence ministers; accounts of the Istanbul talks)', source_scale: 'National',
  },
  steps: [
    { at: '2025-11-13 08:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'AFG', clause_refs: ['C2'], category: 'armed_groups', severity: 'high' } },
    { at: '2025-11-13 08:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C2.' } },
    // Acknowledged in time; no response followed (it fell due on 16 November, 08:30).
    { at: '2025-11-13 10:00', by: 'afg.liaison', action: 'acknowledge', input: {} },
  ],
};

export const SANCTUARIES: DemoIncident = {
  key: 'sanctuaries',
  filed: { at: '2025-11-20 07:00', by: 'pak.liaison' },
  filing: {
    title: 'TTP and BLA sanctuaries on Afghan territory',
    channel: 'party', visibility: 'mediators', complainant_identity: 'Pakistani liaison cell; the underlying sources are withheld',
    accused_party: 'AFG', clause_refs: ['C2'], category: 'armed_groups', severity: 'high',
    event_date: '2025-11-01', end_date: '2025-11-19', time_precision: 3,
    place: { country: 'Afghanistan', location: 'Not given (sealed to the mediators)', geo_precision: 3 },
    coding: { ...GROUPS, actor1: ACTORS.ttp, assoc_actor_1: ACTORS.bla, tags: ['sanctuaries'] },
    notes: 'Pakistan lodges with the mediators only its evidence of militant sanctuaries used by the TTP and the BLA on Afghan soil, as presented at the Istanbul talks, and asks the mechanism to verify it.',
    source: 'Pakistani liaison cell', source_scale: 'National',
  },
  steps: [],
};

export const ISKP: DemoIncident = {
  key: 'iskp',
  filed: { at: '2025-11-08 06:00', by: 'afg.liaison' },
  filing: {
    title: 'ISKP networks operating from Pakistani territory',
    channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C2'], category: 'armed_groups', severity: 'medium',
    event_date: '2025-11-01', end_date: '2025-11-07', time_precision: 3,
    place: { country: 'Pakistan', location: 'Balochistan and Khyber Pakhtunkhwa', geo_precision: 3 },
    coding: { ...GROUPS, actor1: ACTORS.iskp, tags: ['ISKP'] },
    notes: 'Afghanistan says ISKP networks are present in Balochistan and Khyber Pakhtunkhwa, threaten Afghanistan and its neighbours, and are left alone by Pakistan. '
      + 'Afghan intelligence officials gave documentation of the activity at the Istanbul talks and ask for credible, transparent counter-terrorism measures.',
    source: 'Afghan delegation (leaked account of the Istanbul talks)', source_scale: 'National',
  },
  steps: [
    { at: '2025-11-09 08:00', by: 'sec.admin', action: 'triage', input: { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C2'], category: 'armed_groups', severity: 'medium' } },
    { at: '2025-11-09 08:30', by: 'sec.admin', action: 'send_notice', input: { note: 'Formal notice under C2.' } },
    { at: '2025-11-09 10:00', by: 'pak.liaison', action: 'acknowledge', input: {} },
    {
      at: '2025-11-11 09:00', by: 'pak.liaison', action: 'respond',
      input: { position: 'deny', counter_evidence: [], statement: 'Pakistan denies that ISKP operates from its territory with its tolerance; Pakistan is itself a target of the group.' },
    },
    { at: '2025-11-12 07:00', by: 'sec.admin', action: 'open_investigation', input: { team: ['TUR', 'QAT'] } },
    { at: '2025-11-14 08:00', by: 'tur.mediator', action: 'add_note', input: { kind: 'note', text: 'The documentation given to the mediators names no places or dates the team could check.' } },
    {
      at: '2025-11-17 08:00', by: 'qat.mediator', action: 'draft_finding',
      input: {
        determination: 'insufficient_evidence', attribution_confidence: 'low', grade: 'weak',
        summary: 'The material lodged does not let the mechanism verify that ISKP networks operate from Pakistani territory or that Pakistan tolerates them. No violation is established; the complainant may file again with material that can be checked.',
        methods: ['Review of the documentation lodged by the complainant', 'Statements of both parties'],
        recommendations: ['Share information on ISKP through the mechanism under C9'],
        required_remedies: [],
        publication: 'parties',
      },
    },
    { at: '2025-11-18 06:00', by: 'afg.liaison', action: 'comment', input: { dissent: true, text: 'Afghanistan disagrees: the documentation shows the networks, and the mechanism asked for nothing more before drafting.' } },
    { at: '2025-11-18 09:00', by: 'pak.liaison', action: 'comment', input: { dissent: false, text: 'Pakistan accepts the draft.' } },
    { at: '2025-11-19 07:00', by: 'tur.mediator', action: 'sign_finding', input: {} },
    { at: '2025-11-19 11:00', by: 'qat.mediator', action: 'sign_finding', input: {} },
    { at: '2025-11-20 08:00', by: 'sec.admin', action: 'close', input: { reason: 'Finding issued: insufficient evidence. No remedy required; the matter goes to information sharing under C9.' } },
  ],
};

export const GROUP_INCIDENTS: readonly DemoIncident[] = [TTP_MOVEMENTS, BORDER_POSTS, SANCTUARIES, ISKP];
