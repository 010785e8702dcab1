/**
 * The incident lifecycle (DOMAIN.md), as pure data and functions: statuses,
 * which step each status waits for, and the deadline of that step.
 */
import type { Deadlines } from './entries/workspace.js';

export const INCIDENT_STATUSES = [
  'received', 'rejected', 'merged', 'triaged', 'notified', 'responded', 'investigating',
  'draft_finding', 'finding_issued', 'remedy', 'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The step a status waits for, whose deadline applies; undefined when nothing is due. */
export const PENDING_STEP: Record<IncidentStatus, keyof Deadlines | undefined> = {
  received: 'triage',
  triaged: 'acknowledge',
  notified: 'respond',
  responded: 'investigate',
  investigating: 'investigate',
  draft_finding: 'sign',
  finding_issued: 'remedy',
  remedy: 'remedy',
  rejected: undefined,
  merged: undefined,
  closed: undefined,
};

/** Deadline (ISO) for the step `status` waits for, counted from `since` (ISO). */
export function deadlineFor(status: IncidentStatus, since: string, deadlines: Deadlines): string | null {
  const step = PENDING_STEP[status];
  if (!step) return null;
  return new Date(Date.parse(since) + deadlines[step] * 3600_000).toISOString();
}

export function isOverdue(deadlineAt: string | null, now: Date): boolean {
  return deadlineAt !== null && Date.parse(deadlineAt) < now.getTime();
}

/** Next public reference in a year: INC-2025-0001, … (4 digits, more when needed). */
export function nextIncidentId(year: number, lastNumber: number): string {
  return `INC-${year}-${String(lastNumber + 1).padStart(4, '0')}`;
}
