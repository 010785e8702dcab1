/** Bodies of the lifecycle step routes: the entry bodies without what the server fills in. */
import { z } from 'zod';
import { findingFields, VIOLATION_NAMED_MESSAGE, violationNamed } from '../../domain/entries/finding.js';
import { incidentStepBodies } from '../../domain/entries/incident-steps.js';
import type { StepAction } from '../../services/incident-steps.js';

const note = z.strictObject({ note: z.string().min(1).max(4000).optional() });
const draftIndex = z.number().int().min(0).optional()
  .describe('the draft (its ledger index) the client read; refused with 409 if a newer draft replaced it');

/** Each action: its URL below /api/incidents/:id/ and its body. */
export const STEP_ROUTES: Record<StepAction, { path: string; summary: string; body: z.ZodType }> = {
  triage: { path: 'triage', summary: 'Triage a complaint: accept (clause, category, accused party), reject or merge', body: incidentStepBodies['incident.triaged'] },
  send_notice: { path: 'notice', summary: 'Send formal notice to the accused party', body: note },
  acknowledge: { path: 'acknowledgement', summary: 'Acknowledge receipt of a notice (accused party)', body: note },
  respond: { path: 'response', summary: 'Respond to a complaint (accused party)', body: incidentStepBodies['incident.responded'] },
  open_investigation: { path: 'investigation', summary: 'Open the investigation', body: incidentStepBodies['incident.investigation_opened'] },
  add_note: { path: 'notes', summary: 'Add an investigation note (incl. access denied)', body: incidentStepBodies['incident.investigation_noted'] },
  code: { path: 'coding', summary: 'Correct coding, place, casualties or severity', body: incidentStepBodies['incident.coded'] },
  draft_finding: {
    path: 'finding',
    summary: 'Draft (or re-draft) the finding; every registered mediator will sign it',
    body: findingFields.omit({ signers: true }).refine(violationNamed, VIOLATION_NAMED_MESSAGE),
  },
  comment: {
    path: 'finding/comments',
    summary: 'Comment on the draft finding (parties); dissent is kept with the finding',
    body: z.strictObject({ draft_index: draftIndex, dissent: z.boolean(), text: z.string().min(1).max(20_000) }),
  },
  sign_finding: { path: 'finding/signatures', summary: 'Sign the draft finding (each mediator)', body: z.strictObject({ draft_index: draftIndex }) },
  record_remedy: { path: 'remedy', summary: 'Record the remedy phase', body: incidentStepBodies['incident.remedy_recorded'] },
  close: { path: 'closure', summary: 'Close the incident', body: incidentStepBodies['incident.closed'] },
  change_visibility: { path: 'visibility', summary: 'Change who may read the incident', body: incidentStepBodies['incident.visibility_changed'] },
  translate: {
    path: 'translations',
    summary: 'Add a translation of the title and/or account (the complainant\'s side, mediators\' staff); the text as filed stays the complaint',
    body: incidentStepBodies['incident.translated'],
  },
};
