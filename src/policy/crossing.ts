/**
 * Who may do what with crossing status reports (DOMAIN.md "Crossing and
 * movement"):
 * - report: a party's liaison officers for their own side; mediators' staff
 *   and field monitors for either side;
 * - verify: field monitors and mediators' staff, never the reporting
 *   organisation, once per organisation;
 * - link a closure to the commitment it bears on or to an existing
 *   complaint about it: mediators' staff;
 * - file a complaint about a closure: whoever may file incidents, except the
 *   party whose side it is (it would be complaining about itself);
 * - read: the parties, monitors, mediators and secretariat per the report's
 *   visibility; observers and anonymous readers only public reports that a
 *   monitor or mediator has confirmed ("verified/public aggregates").
 * The rules read only CrossingReportFacts, so a list can be authorised from
 * its rows alone; `crossingReadScope` is the same rule as a filter for SQL.
 */
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { canFileIncident } from './incident.js';
import { definePolicy, hasRole, isMediatorSide, isMediatorStaff } from './policy.js';

export interface CrossingReportFacts {
  visibility: Visibility;
  reporter_org: string;
  side: string;
  status: string;
  verified: boolean;
  /** Organisations that have verified the report (either outcome). */
  verifier_orgs: readonly string[];
  commitment_id: string | null;
  incident_id: string | null;
}

export const CROSSING_REPORT_ACTIONS = ['read', 'verify', 'link', 'file_complaint'] as const;
export type CrossingReportAction = (typeof CROSSING_REPORT_ACTIONS)[number];

/** Parties, monitors, mediators and secretariat: the mechanism's members, who also see unverified reports. */
export const isMember = (v: Viewer | undefined): boolean =>
  v !== undefined && (v.orgKind === 'party' || v.orgKind === 'monitor' || isMediatorSide(v));
export const fieldMonitor = (v: Viewer | undefined): boolean => v?.orgKind === 'monitor' && hasRole(v, 'monitor');

export function canReadCrossingReport(v: Viewer | undefined, f: CrossingReportFacts): boolean {
  return canSee(v, f.visibility, f.reporter_org) && (isMember(v) || f.verified);
}

export function canReportCrossingStatus(v: Viewer | undefined, side: string): boolean {
  if (!v) return false;
  if (v.orgKind === 'party') return hasRole(v, 'liaison') && v.org === side;
  return isMediatorStaff(v) || fieldMonitor(v);
}

/** The party sides of a crossing the viewer may report a status for (in the order given). */
export function reportableSides(v: Viewer | undefined, parties: readonly string[]): string[] {
  return parties.filter((side) => canReportCrossingStatus(v, side));
}

/** Why the report's state does not allow the action now, or undefined. */
export function crossingReportStateProblem(action: CrossingReportAction, f: CrossingReportFacts, v: Viewer | undefined): string | undefined {
  if (action === 'verify' && v && f.verifier_orgs.includes(v.org)) return `${v.org} has already verified this report`;
  if (action === 'link' || action === 'file_complaint') {
    if (f.status === 'open') return 'the report is not a closure or restriction';
    if (action === 'link' && f.commitment_id !== null && f.incident_id !== null) return `the closure is already linked to ${f.commitment_id} and ${f.incident_id}`;
    if (action === 'file_complaint' && f.incident_id !== null) return `a complaint (${f.incident_id}) is already filed about this closure`;
  }
  return undefined;
}

export const crossingReportPolicy = definePolicy<CrossingReportFacts, CrossingReportAction>('crossing report', 'read', {
  read: canReadCrossingReport,
  verify: (v, f) => (isMediatorStaff(v) || fieldMonitor(v)) && v!.org !== f.reporter_org,
  link: isMediatorStaff,
  file_complaint: (v, f) => canFileIncident(v) && v.org !== f.side,
}, (action, f, v) => crossingReportStateProblem(action, f, v) === undefined);

/** canReadCrossingReport as a filter a repository turns into SQL (kept beside it so the two cannot drift). */
export type CrossingReadScope = 'all' | { visibilities: Visibility[]; ownerOrg?: string; verifiedOnly: boolean };

export function crossingReadScope(v: Viewer | undefined): CrossingReadScope {
  if (!v) return { visibilities: ['public'], verifiedOnly: true };
  if (isMediatorSide(v)) return 'all';
  if (isMember(v)) return { visibilities: ['parties', 'public'], ownerOrg: v.org, verifiedOnly: false };
  return { visibilities: ['public'], ownerOrg: v.org, verifiedOnly: true };
}
