/**
 * Appliers for the incident lifecycle steps (pure). Each checks the step may
 * follow the incident's status (src/domain/incident.ts) and that the signing
 * organisation is the one the step belongs to — the organisation is part of
 * the signed entry, so a replay holds forged or misattributed steps to the
 * same rules — then returns the new record and a timeline event.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import type { IncidentStepType } from '../entries/incident-steps.js';
import { stepProblem, type IncidentStatus } from '../incident.js';
import { ProjectionError, type Applier, type AppliedEntry, type Change, type RowLookup } from '../projection.js';
import { widerVisibility, type OrgKind } from '../visibility.js';
import { deadlinesOf, eventRow, incidentRow, requireIncident, type IncidentRecord } from './incident.js';
import { requireRow } from './workspace.js';

type Rec = Record<string, unknown>;
type StepResult = { record: IncidentRecord; extra?: Change[] };
type StepFn = (e: AppliedEntry, record: IncidentRecord, get: RowLookup, orgKind: OrgKind) => StepResult;

const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

function requireKind(kind: OrgKind, allowed: readonly OrgKind[], step: string): void {
  if (!allowed.includes(kind)) fail(`${step} is recorded by ${allowed.join(' or ')} organisations, not a ${kind}`);
}

const at = (e: AppliedEntry) => e.entry.at;
const times = (r: IncidentRecord, key: string, value: string) => ({ ...r.times, [key]: value });

/** What each step does to the record. The status guard runs before these. */
const STEPS: Record<IncidentStepType, StepFn> = {
  'incident.triaged'(e, r, get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'triage');
    const b = parseBody('incident.triaged', e.body);
    const triage = { ...(b as unknown as JsonObject), at: at(e), org: e.entry.org };
    const t = times(r, 'triaged', at(e));
    if (b.decision === 'rejected') return { record: { ...r, status: 'rejected', triage, times: t } };
    if (b.decision === 'merged') {
      if (b.duplicate_of === e.entry.subject) fail('an incident cannot be merged into itself');
      const target = requireIncident(get, b.duplicate_of);
      if (['rejected', 'merged'].includes(target.status)) fail(`${b.duplicate_of} is ${target.status}; merge into the surviving incident`);
      const mergedFrom = [...((target.merged_from as string[] | undefined) ?? []), e.entry.subject];
      const updated: IncidentRecord = { ...target, merged_from: mergedFrom };
      return {
        record: { ...r, status: 'merged', triage, merged_into: b.duplicate_of, times: t },
        extra: [{ table: 'incidents', key: b.duplicate_of, row: incidentRow(b.duplicate_of, updated, deadlinesOf(get), at(e), e.idx) }],
      };
    }
    requireRow(get, 'organisations', b.accused_party, `unknown accused party ${b.accused_party}`);
    if (b.accused_party === r.complainant_org) fail('the accused party cannot be the complainant');
    return {
      record: {
        ...r, status: 'triaged', triage, times: t,
        accused_party: b.accused_party, clause_refs: b.clause_refs, category: b.category, severity: b.severity,
      },
    };
  },
  'incident.notice_sent'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'a notice');
    const b = parseBody('incident.notice_sent', e.body);
    if (b.to !== r.accused_party) fail(`the notice goes to the accused party ${String(r.accused_party)}`);
    // The notice shares the complaint with the parties (DOMAIN.md: the accused must be able to answer it).
    const visibility = widerVisibility(r.visibility, 'parties');
    return { record: { ...r, status: 'notified', visibility, notice: { at: at(e), to: b.to, idx: e.idx }, times: times(r, 'notified', at(e)) } };
  },
  'incident.acknowledged'(e, r) {
    if (e.entry.org !== r.accused_party) fail('only the accused party acknowledges receipt');
    return { record: { ...r, acknowledged: true, acknowledgement: { at: at(e), user: e.entry.user, idx: e.idx }, times: times(r, 'acknowledged', at(e)) } };
  },
  'incident.responded'(e, r) {
    if (e.entry.org !== r.accused_party) fail('only the accused party responds');
    const b = parseBody('incident.responded', e.body);
    const response = { ...(b as unknown as JsonObject), at: at(e), user: e.entry.user, idx: e.idx };
    return { record: { ...r, status: 'responded', response, times: times(r, 'responded', at(e)) } };
  },
  'incident.investigation_opened'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'an investigation');
    const b = parseBody('incident.investigation_opened', e.body);
    const investigation = { opened_at: at(e), team: b.team, notes: 0, access_denied: 0 };
    return { record: { ...r, status: 'investigating', investigation, times: times(r, 'investigation_opened', at(e)) } };
  },
  'incident.investigation_noted'(e, r, _get, kind) {
    requireKind(kind, [...MEDIATOR_SIDE, 'monitor'], 'an investigation note');
    const b = parseBody('incident.investigation_noted', e.body);
    const inv = (r.investigation ?? { opened_at: at(e), team: [], notes: 0, access_denied: 0 }) as Rec;
    const investigation = {
      ...inv,
      notes: Number(inv.notes) + 1,
      access_denied: Number(inv.access_denied) + (b.kind === 'access_denied' ? 1 : 0),
    } as JsonObject;
    return { record: { ...r, investigation } };
  },
  'incident.coded'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'coding');
    const b = parseBody('incident.coded', e.body);
    return { record: { ...r, ...(b as unknown as JsonObject) } };
  },
  'incident.finding_drafted'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'a draft finding');
    const b = parseBody('incident.finding_drafted', e.body);
    const previous = r.finding as Rec | undefined;
    const finding = {
      draft_idx: e.idx,
      version: previous ? Number(previous.version) + 1 : 1,
      body: b as unknown as JsonObject,
      drafted_at: at(e),
      drafted_by: e.entry.org,
      comments: (previous?.comments ?? []) as JsonObject[],
      signatures: [],
    };
    return { record: { ...r, status: 'draft_finding', finding, times: times(r, 'drafted', at(e)) } };
  },
  'incident.finding_commented'(e, r, _get, kind) {
    requireKind(kind, ['party'], 'a comment on a finding');
    const b = parseBody('incident.finding_commented', e.body);
    const f = r.finding as Rec;
    if (b.draft_idx !== f.draft_idx) fail(`comments go on the current draft (entry ${String(f.draft_idx)})`);
    const comment = { org: e.entry.org, user: e.entry.user, at: at(e), idx: e.idx, draft_idx: b.draft_idx, dissent: b.dissent, text: b.text };
    return { record: { ...r, finding: { ...f, comments: [...(f.comments as JsonObject[]), comment] } as JsonObject } };
  },
  'incident.finding_signed'(e, r) {
    const b = parseBody('incident.finding_signed', e.body);
    const f = r.finding as Rec;
    const body = f.body as { signers: string[] };
    const signatures = f.signatures as Array<{ org: string }>;
    if (b.draft_idx !== f.draft_idx) fail(`signatures go on the current draft (entry ${String(f.draft_idx)})`);
    if (!body.signers.includes(e.entry.org)) fail(`${e.entry.org} is not a signer of this finding`);
    if (signatures.some((s) => s.org === e.entry.org)) fail(`${e.entry.org} has already signed this draft`);
    const signed = [...signatures, { org: e.entry.org, user: e.entry.user, at: at(e), idx: e.idx }];
    // Issued when every mediator named in the draft has signed it (DOMAIN.md: signed by each mediator separately).
    const issued = body.signers.every((org) => signed.some((s) => s.org === org));
    const finding = { ...f, signatures: signed, ...(issued ? { issued_at: at(e) } : {}) } as JsonObject;
    if (!issued) return { record: { ...r, finding } };
    return { record: { ...r, finding, status: 'finding_issued', times: times(r, 'issued', at(e)) } };
  },
  'incident.remedy_recorded'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'a remedy');
    const b = parseBody('incident.remedy_recorded', e.body);
    return { record: { ...r, status: 'remedy', remedy: { at: at(e), note: b.note }, times: times(r, 'remedy', at(e)) } };
  },
  'incident.closed'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'closing');
    const b = parseBody('incident.closed', e.body);
    return { record: { ...r, status: 'closed', closure: { at: at(e), reason: b.reason }, times: times(r, 'closed', at(e)) } };
  },
  'incident.visibility_changed'(e, r, _get, kind) {
    requireKind(kind, MEDIATOR_SIDE, 'a visibility change');
    const b = parseBody('incident.visibility_changed', e.body);
    // Once the parties were notified they keep access: narrowing stops at 'parties'.
    if (r.notice && b.visibility === 'mediators') fail('a notified incident stays shared with the parties');
    return { record: { ...r, visibility: b.visibility } };
  },
  'incident.translated'(e, r, _get, kind) {
    if (e.entry.org !== r.complainant_org) requireKind(kind, MEDIATOR_SIDE, 'a translation by anyone but the complainant');
    const b = parseBody('incident.translated', e.body);
    if (b.language === r.language) fail(`the text was filed in ${b.language}: a translation is into another language`);
    // The fields given replace that language's earlier translation; the others stay (and stay on the timeline).
    // `by` names who gave it, in order (a translation filed with the complaint is the complainant's).
    const translations = (r.translations ?? {}) as Record<string, JsonObject>;
    const earlier = translations[b.language];
    const by = earlier ? ((earlier.by as string[] | undefined) ?? [r.complainant_org]) : [];
    const into = {
      ...earlier,
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.notes !== undefined ? { notes: b.notes } : {}),
      by: by.includes(e.entry.org) ? by : [...by, e.entry.org],
    };
    return { record: { ...r, translations: { ...translations, [b.language]: into } } };
  },
};

function stepApplier(type: IncidentStepType): Applier {
  return {
    reads(e) {
      const keys: ReturnType<Applier['reads']> = [
        { table: 'incidents', key: e.entry.subject },
        { table: 'workspace', key: 1 },
        { table: 'organisations', key: e.entry.org },
      ];
      const b = e.body as Rec;
      if (typeof b.duplicate_of === 'string') keys.push({ table: 'incidents', key: b.duplicate_of });
      if (typeof b.accused_party === 'string') keys.push({ table: 'organisations', key: b.accused_party });
      return keys;
    },
    apply(e, get) {
      const id = e.entry.subject;
      const record = requireIncident(get, id);
      const problem = stepProblem(type, { status: record.status as IncidentStatus, acknowledged: record.acknowledged });
      if (problem) fail(`${id}: ${problem}`);
      const org = requireRow(get, 'organisations', e.entry.org, `unknown organisation ${e.entry.org}`);
      const { record: next, extra = [] } = STEPS[type](e, record, get, org.kind as OrgKind);
      return [{ table: 'incidents', key: id, row: incidentRow(id, next, deadlinesOf(get), e.entry.at, e.idx) }, ...extra, eventRow(e, id)];
    },
  };
}

export const incidentStepAppliers: Record<string, Applier> = Object.fromEntries(
  (Object.keys(STEPS) as IncidentStepType[]).map((t) => [t, stepApplier(t)]),
);
