/**
 * The incident lifecycle (DOMAIN.md "Lifecycle"), as pure data and functions:
 * statuses, which step may follow which status, where each step leads, which
 * step a status waits for, who owes it and by when. The appliers use these
 * rules, so `annex verify` holds every replayed entry to them as well.
 */
import type { Deadlines } from './entries/workspace.js';
import type { IncidentStepType } from './entries/incident-steps.js';
import { narrowerVisibility, widerVisibility, type Visibility } from './visibility.js';

export const INCIDENT_STATUSES = [
  'received', 'rejected', 'merged', 'triaged', 'notified', 'responded', 'investigating',
  'draft_finding', 'finding_issued', 'remedy', 'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['rejected', 'merged', 'closed'];
const OPEN: readonly IncidentStatus[] = INCIDENT_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** Times at which steps happened, kept in the incident record (ISO strings). */
export interface StepTimes {
  filed: string;
  triaged?: string;
  notified?: string;
  acknowledged?: string;
  responded?: string;
  investigation_opened?: string;
  drafted?: string;
  issued?: string;
  remedy?: string;
  closed?: string;
}

/** The facts step rules look at, beyond the status. */
export interface LifecycleFacts {
  status: IncidentStatus;
  acknowledged: boolean;
}

/** Statuses each step may be taken from (the step's other conditions are in `stepProblem`). */
export const STEP_FROM: Record<IncidentStepType, readonly IncidentStatus[]> = {
  'incident.triaged': ['received'],
  'incident.notice_sent': ['triaged'],
  'incident.acknowledged': ['notified'],
  'incident.responded': ['notified'],
  // Mediators may investigate once the accused party answered, or without an
  // answer (a party that stays silent cannot stall the mechanism).
  'incident.investigation_opened': ['notified', 'responded'],
  'incident.investigation_noted': ['investigating', 'draft_finding'],
  'incident.coded': OPEN,
  // Re-drafting after comments replaces the draft; earlier signatures lapse.
  'incident.finding_drafted': ['investigating', 'draft_finding'],
  'incident.finding_commented': ['draft_finding'],
  'incident.finding_signed': ['draft_finding'],
  'incident.remedy_recorded': ['finding_issued'],
  'incident.closed': ['finding_issued', 'remedy'],
  'incident.visibility_changed': INCIDENT_STATUSES,
  // A reader may need a translation at any stage, also of a closed or rejected complaint.
  'incident.translated': INCIDENT_STATUSES,
};

/** Why `step` may not be taken now, or undefined when it may. */
export function stepProblem(step: IncidentStepType, facts: LifecycleFacts): string | undefined {
  if (!STEP_FROM[step].includes(facts.status)) {
    return `${step.replace('incident.', '').replace(/_/g, ' ')} is not possible while the incident is ${facts.status.replace(/_/g, ' ')}`;
  }
  if (step === 'incident.acknowledged' && facts.acknowledged) return 'receipt has already been acknowledged';
  if (step === 'incident.responded' && !facts.acknowledged) return 'acknowledge receipt of the notice first';
  return undefined;
}

/** The step a status waits for, and the time its clock starts. */
export function pendingStep(status: IncidentStatus, times: StepTimes): { step: keyof Deadlines; since: string; hours?: (d: Deadlines) => number } | undefined {
  switch (status) {
    case 'received':
      return { step: 'triage', since: times.filed };
    case 'triaged':
      return { step: 'notify', since: times.triaged ?? times.filed };
    case 'notified':
      // Both clocks run from the notice: a slow acknowledgement does not buy time to respond.
      return times.acknowledged
        ? { step: 'respond', since: times.notified ?? times.filed }
        : { step: 'acknowledge', since: times.notified ?? times.filed };
    case 'responded':
    case 'investigating':
      return { step: 'investigate', since: times.responded ?? times.investigation_opened ?? times.filed };
    case 'draft_finding':
      // Parties have the comment window, then mediators the signing window.
      return { step: 'sign', since: times.drafted ?? times.filed, hours: (d) => d.comment + d.sign };
    case 'finding_issued':
      return { step: 'remedy', since: times.issued ?? times.filed };
    default:
      return undefined;
  }
}

export const MEDIATORS = 'MEDIATORS';

/** Who owes the pending step: an organisation id, or MEDIATORS for the mediators' side. */
export function pendingOn(step: keyof Deadlines, accused: string | null, responsible: string | null): string {
  if (step === 'acknowledge' || step === 'respond') return accused ?? MEDIATORS;
  if (step === 'remedy') return responsible ?? MEDIATORS;
  return MEDIATORS;
}

/** Deadline (ISO) of the step `status` waits for; null when nothing is due. */
export function deadlineFor(status: IncidentStatus, times: StepTimes, deadlines: Deadlines): string | null {
  const p = pendingStep(status, times);
  if (!p) return null;
  const hours = p.hours ? p.hours(deadlines) : deadlines[p.step];
  return new Date(Date.parse(p.since) + hours * 3600_000).toISOString();
}

export function isOverdue(deadlineAt: string | null, now: Date): boolean {
  return deadlineAt !== null && Date.parse(deadlineAt) < now.getTime();
}

/** Next public reference in a year: INC-2025-0001, … (4 digits, more when needed). */
export function nextIncidentId(year: number, lastNumber: number): string {
  return `INC-${year}-${String(lastNumber + 1).padStart(4, '0')}`;
}

/** The number in an incident id (INC-2025-0042 → 42). */
export function incidentNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

/** One step of an incident's schedule: when it was due and when it happened. */
export interface ScheduledStep {
  step: keyof Deadlines;
  due_at: string | null;
  done_at: string | null;
}

const hoursLater = (since: string | undefined, hours: number): string | null =>
  since === undefined ? null : new Date(Date.parse(since) + hours * 3600_000).toISOString();

/**
 * The lifecycle as a schedule (for the timeline): each step's deadline,
 * counted from the event that started it, and when it was done. A step not
 * yet started has no deadline.
 */
export function lifecycleSchedule(times: StepTimes, d: Deadlines): ScheduledStep[] {
  const investigateFrom = times.responded ?? times.investigation_opened;
  return [
    { step: 'triage', due_at: hoursLater(times.filed, d.triage), done_at: times.triaged ?? null },
    { step: 'notify', due_at: hoursLater(times.triaged, d.notify), done_at: times.notified ?? null },
    { step: 'acknowledge', due_at: hoursLater(times.notified, d.acknowledge), done_at: times.acknowledged ?? null },
    { step: 'respond', due_at: hoursLater(times.notified, d.respond), done_at: times.responded ?? null },
    { step: 'investigate', due_at: hoursLater(investigateFrom, d.investigate), done_at: times.drafted ?? null },
    { step: 'comment', due_at: hoursLater(times.drafted, d.comment), done_at: null },
    { step: 'sign', due_at: hoursLater(times.drafted, d.comment + d.sign), done_at: times.issued ?? null },
    { step: 'remedy', due_at: hoursLater(times.issued, d.remedy), done_at: times.remedy ?? null },
  ];
}

/**
 * The visibility a step's entry is recorded with, given the incident's: never
 * wider than the incident, and narrower for parts with a smaller audience.
 * Investigation notes stay with the mediators; the finding stays with the
 * parties until it is issued; a notice shares the complaint with the parties.
 */
export function stepVisibility(step: IncidentStepType | 'incident.complainant_recorded', incident: Visibility): Visibility {
  switch (step) {
    case 'incident.complainant_recorded':
    case 'incident.investigation_noted':
      return 'mediators';
    case 'incident.finding_drafted':
    case 'incident.finding_commented':
    case 'incident.finding_signed':
      return narrowerVisibility('parties', incident);
    case 'incident.notice_sent':
      return widerVisibility('parties', incident);
    default:
      return incident;
  }
}
