/**
 * The lifecycle forms' enumerations and step URLs, copied from the domain
 * (src/domain/entries/finding.ts, incident-steps.ts,
 * src/api/routes/incident-steps.schema.ts) so the bundle does not pull in
 * zod; enums.test.ts fails when they drift.
 */
export const DETERMINATIONS = [
  'violation', 'no_violation', 'insufficient_evidence', 'unverifiable_access_denied', 'outside_mandate', 'withdrawn',
] as const;
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export const CONFIDENCE = ['high', 'medium', 'low'] as const;
export const INTENTS = ['deliberate', 'accidental', 'unauthorised_local_action', 'undetermined'] as const;
export const RESPONSE_POSITIONS = ['admit', 'deny', 'dispute_evidence', 'outside_control'] as const;
export const NOTE_KINDS = ['note', 'site_visit', 'interview', 'imagery_review', 'access_denied'] as const;

/** Each step action's URL below /api/incidents/:id/. */
export const STEP_PATHS: Readonly<Record<string, string>> = {
  triage: 'triage',
  send_notice: 'notice',
  acknowledge: 'acknowledgement',
  respond: 'response',
  open_investigation: 'investigation',
  add_note: 'notes',
  code: 'coding',
  draft_finding: 'finding',
  comment: 'finding/comments',
  sign_finding: 'finding/signatures',
  record_remedy: 'remedy',
  close: 'closure',
  change_visibility: 'visibility',
  translate: 'translations',
};

/** Organisation ids and clause references as the API checks them (src/domain/entries/common.ts). */
export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;
export const INCIDENT_ID = /^INC-\d{4}-\d{4,6}$/;
export const CLAUSE_REF = /^[A-Za-z0-9._-]{1,32}$/;
