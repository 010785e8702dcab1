/**
 * Who may do what with a piece of evidence. Reading follows the evidence's
 * own visibility (DOMAIN.md "Evidence": access level), with its lodging
 * organisation always able to read what it lodged. Lodging is an incident
 * action (`lodge_evidence` in src/policy/incident.ts). The rules read only
 * EvidenceFacts, so a list can be authorised from its rows alone.
 */
import { TERMINAL_STATUSES, type IncidentStatus } from '../domain/incident.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface EvidenceFacts {
  visibility: Visibility;
  lodged_org: string;
  /** Lodged sealed (the log holds only a commitment). */
  sealed: boolean;
  disclosed: boolean;
  incident_status: IncidentStatus;
}

export const EVIDENCE_ACTIONS = ['read', 'download', 'disclose', 'redact', 'read_custody'] as const;
export type EvidenceAction = (typeof EVIDENCE_ACTIONS)[number];

export function canReadEvidence(v: Viewer | undefined, f: EvidenceFacts): boolean {
  return canSee(v, f.visibility, f.lodged_org);
}

/** Why the evidence's state does not allow the action now, or undefined. */
export function evidenceStateProblem(action: EvidenceAction, f: EvidenceFacts): string | undefined {
  if (action === 'disclose') {
    if (f.disclosed) return 'the evidence has already been disclosed';
    if (!f.sealed) return 'the evidence was lodged in clear; there is nothing to disclose';
  }
  if (action === 'redact' && TERMINAL_STATUSES.includes(f.incident_status)) {
    return `the incident is ${f.incident_status}; no more evidence can be lodged`;
  }
  return undefined;
}

export const evidencePolicy = definePolicy<EvidenceFacts, EvidenceAction>('evidence', 'read', {
  read: canReadEvidence,
  download: canReadEvidence,
  // The lodging organisation's officers choose to publish what they lodged; the mediators' staff may too.
  disclose: (v, f) => isMediatorStaff(v) || (v !== undefined && v.org === f.lodged_org && hasRole(v, 'liaison', 'monitor')),
  redact: isMediatorStaff,
  read_custody: (v, f) => isMediatorSide(v) || (v !== undefined && v.org === f.lodged_org),
}, (action, f) => evidenceStateProblem(action, f) === undefined);
