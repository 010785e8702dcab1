/**
 * Who may do what with an incident. The rules read only the fields in
 * IncidentFacts, so a list can be authorised from its rows alone.
 */
import type { IncidentStatus } from '../domain/incident.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { definePolicy, hasRole, isMediatorSide } from './policy.js';

export interface IncidentFacts {
  status: IncidentStatus;
  visibility: Visibility;
  complainant_org: string;
  accused_party: string | null;
}

export const INCIDENT_ACTIONS = ['read'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export function canReadIncident(v: Viewer | undefined, i: IncidentFacts): boolean {
  return canSee(v, i.visibility, i.complainant_org);
}

export const incidentPolicy = definePolicy<IncidentFacts, IncidentAction>('incident', 'read', {
  read: canReadIncident,
});

/** Filing is not about an existing record: parties' liaison officers, mediators, the secretariat and monitors may file. */
export function canFileIncident(v: Viewer | undefined): v is Viewer {
  if (!v) return false;
  if (v.orgKind === 'party') return hasRole(v, 'liaison');
  if (isMediatorSide(v)) return hasRole(v, 'mediator', 'secretariat');
  if (v.orgKind === 'monitor') return hasRole(v, 'monitor');
  return false;
}

/** May the viewer see who complained (sealed to mediators by default)? */
export function canSeeComplainantIdentity(v: Viewer | undefined, i: IncidentFacts): boolean {
  return isMediatorSide(v) || (v !== undefined && v.org === i.complainant_org);
}
