/**
 * Who may do what with an incident (who: the rules; when: the lifecycle in
 * src/domain/incident.ts). The rules read only IncidentFacts, so a list can be
 * authorised from its rows alone.
 */
import type { IncidentStepType } from '../domain/entries/incident-steps.js';
import { stepProblem, TERMINAL_STATUSES, type IncidentStatus } from '../domain/incident.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface IncidentFacts {
  status: IncidentStatus;
  visibility: Visibility;
  complainant_org: string;
  accused_party: string | null;
  acknowledged: boolean;
  /** Mediator organisations that sign the current draft finding, and those that have. */
  signers: readonly string[];
  signed: readonly string[];
}

export const INCIDENT_ACTIONS = [
  'read', 'triage', 'send_notice', 'acknowledge', 'respond', 'open_investigation', 'add_note', 'code',
  'draft_finding', 'comment', 'sign_finding', 'record_remedy', 'close', 'change_visibility', 'lodge_evidence', 'translate',
] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** The ledger step each action records (lodging evidence records an evidence entry instead). */
export const ACTION_STEP: Record<Exclude<IncidentAction, 'read' | 'lodge_evidence'>, IncidentStepType> = {
  triage: 'incident.triaged',
  send_notice: 'incident.notice_sent',
  acknowledge: 'incident.acknowledged',
  respond: 'incident.responded',
  open_investigation: 'incident.investigation_opened',
  add_note: 'incident.investigation_noted',
  code: 'incident.coded',
  draft_finding: 'incident.finding_drafted',
  comment: 'incident.finding_commented',
  sign_finding: 'incident.finding_signed',
  record_remedy: 'incident.remedy_recorded',
  close: 'incident.closed',
  change_visibility: 'incident.visibility_changed',
  translate: 'incident.translated',
};

export function canReadIncident(v: Viewer | undefined, i: IncidentFacts): boolean {
  return canSee(v, i.visibility, i.complainant_org);
}

const accusedLiaison = (v: Viewer | undefined, i: IncidentFacts) => v !== undefined && v.org === i.accused_party && hasRole(v, 'liaison');
const fieldMonitor = (v: Viewer | undefined) => v?.orgKind === 'monitor' && hasRole(v, 'monitor');
const complainantOfficer = (v: Viewer | undefined, i: IncidentFacts) => v !== undefined && v.org === i.complainant_org && hasRole(v, 'liaison', 'monitor');

/** Whether the incident's state allows the action now; the reason is `incidentStateProblem`. */
export function incidentStateProblem(action: IncidentAction, i: IncidentFacts, v: Viewer | undefined): string | undefined {
  if (action === 'read') return undefined;
  if (action === 'lodge_evidence') {
    return TERMINAL_STATUSES.includes(i.status) ? `the incident is ${i.status}; no more evidence can be lodged` : undefined;
  }
  const problem = stepProblem(ACTION_STEP[action], { status: i.status, acknowledged: i.acknowledged });
  if (problem) return problem;
  if (action === 'sign_finding' && v && i.signed.includes(v.org)) return `${v.org} has already signed this draft`;
  return undefined;
}

export const incidentPolicy = definePolicy<IncidentFacts, IncidentAction>('incident', 'read', {
  read: canReadIncident,
  triage: isMediatorStaff,
  send_notice: isMediatorStaff,
  acknowledge: accusedLiaison,
  respond: accusedLiaison,
  open_investigation: isMediatorStaff,
  add_note: (v) => isMediatorStaff(v) || fieldMonitor(v),
  code: isMediatorStaff,
  draft_finding: isMediatorStaff,
  // Both parties comment on a draft, and their dissent is kept (DOMAIN.md).
  comment: (v) => v?.orgKind === 'party' && hasRole(v, 'liaison'),
  // Each mediator organisation named in the draft signs it separately.
  sign_finding: (v, i) => v?.orgKind === 'mediator' && hasRole(v, 'mediator') && i.signers.includes(v.org),
  record_remedy: isMediatorStaff,
  close: isMediatorStaff,
  change_visibility: isMediatorStaff,
  // The filer's side knows what it meant; the mediators' staff translate for the other readers.
  translate: (v, i) => isMediatorStaff(v) || complainantOfficer(v, i),
  lodge_evidence: (v, i) =>
    isMediatorStaff(v) || fieldMonitor(v) || accusedLiaison(v, i) || complainantOfficer(v, i),
}, (action, i, v) => incidentStateProblem(action, i, v) === undefined);

/** Filing is not about an existing record: parties' liaison officers, mediators' staff and monitors may file. */
export function canFileIncident(v: Viewer | undefined): v is Viewer {
  if (!v) return false;
  if (v.orgKind === 'party') return hasRole(v, 'liaison');
  if (isMediatorSide(v)) return isMediatorStaff(v);
  return fieldMonitor(v);
}

/** May the viewer see who complained (sealed to mediators by default)? */
export function canSeeComplainantIdentity(v: Viewer | undefined, i: IncidentFacts): boolean {
  return isMediatorSide(v) || (v !== undefined && v.org === i.complainant_org);
}
