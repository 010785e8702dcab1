/**
 * The API's enumerations the UI offers in filters and forms. Copied, not
 * imported: src/domain pulls in zod and the whole entry union, which the
 * bundle does not need. lists.test.ts fails when these drift from src/domain.
 */
export const INCIDENT_STATUSES = [
  'received', 'rejected', 'merged', 'triaged', 'notified', 'responded', 'investigating',
  'draft_finding', 'finding_issued', 'remedy', 'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const VIOLATION_CATEGORIES = [
  'offensive_fire', 'airspace_violation', 'force_movement', 'attack_on_civilians', 'occupation_of_facilities',
  'blocking_access', 'harming_monitors', 'hostile_propaganda', 'armed_groups', 'missed_deadline', 'detention', 'other',
] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const VISIBILITIES = ['mediators', 'parties', 'public'] as const;
export const ROLES = ['liaison', 'mediator', 'secretariat', 'monitor', 'analyst', 'observer', 'admin'] as const;

export const INCIDENT_ACTIONS = [
  'read', 'triage', 'send_notice', 'acknowledge', 'respond', 'open_investigation', 'add_note', 'code',
  'draft_finding', 'comment', 'sign_finding', 'record_remedy', 'close', 'change_visibility', 'lodge_evidence', 'translate',
] as const;

/** The lifecycle schedule's steps (src/domain/incident.ts lifecycleSchedule). */
export const SCHEDULE_STEPS = ['triage', 'notify', 'acknowledge', 'respond', 'investigate', 'comment', 'sign', 'remedy'] as const;

/** The schedule step an entry completes, to show its deadline beside it on the timeline. */
export const ENTRY_STEP: Record<string, (typeof SCHEDULE_STEPS)[number]> = {
  'incident.triaged': 'triage',
  'incident.notice_sent': 'notify',
  'incident.acknowledged': 'acknowledge',
  'incident.responded': 'respond',
  'incident.finding_drafted': 'investigate',
  'incident.finding_signed': 'sign',
  'incident.remedy_recorded': 'remedy',
};
