/**
 * Who is offered the two forms that create something new: a crossing status
 * report and a movement count. Everything else these screens offer follows
 * the `actions` the server lists on a report or a tally; these two have no
 * record to carry such a list (a crossing lists no actions, and a tally that
 * does not exist yet cannot), so the offer is decided from the signed-in
 * organisation's kind and the user's roles — the same rules as the server's
 * canReportCrossingStatus and canReportMovement (src/policy/crossing.ts,
 * movement.ts); may.test.ts checks that they agree for every kind and role.
 * The server still decides: a refusal is shown in the form.
 */
import type { ViewerInfo } from '../../api.js';

export type StatusReporter =
  /** A party's liaison officer: its own side only. */
  | { side: string }
  /** Mediators' staff and field monitors: either side. */
  | { side: null };

const has = (v: ViewerInfo, ...roles: string[]) => roles.some((r) => v.roles.includes(r));

export function statusReporter(v: ViewerInfo | null | undefined): StatusReporter | null {
  if (!v) return null;
  if (v.org_kind === 'party') return has(v, 'liaison') ? { side: v.org } : null;
  const mediatorStaff = (v.org_kind === 'mediator' || v.org_kind === 'secretariat') && has(v, 'mediator', 'secretariat');
  const fieldMonitor = v.org_kind === 'monitor' && has(v, 'monitor');
  return mediatorStaff || fieldMonitor ? { side: null } : null;
}

/** A party's liaison officers report their party's counts. */
export function mayReportCount(v: ViewerInfo | null | undefined): boolean {
  return v?.org_kind === 'party' && has(v, 'liaison');
}
