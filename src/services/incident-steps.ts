/**
 * Taking a lifecycle step on an incident: authorise (who), check the
 * lifecycle (when), complete the body with what the server knows (the
 * accused party, the current draft, the signers), then record the entry.
 */
import { asJson, type EntryBody } from '../domain/entries.js';
import type { IncidentStepType } from '../domain/entries/incident-steps.js';
import type { Finding } from '../domain/entries/finding.js';
import { stepVisibility } from '../domain/incident.js';
import { canSee, widerVisibility, type Viewer, type Visibility } from '../domain/visibility.js';
import { ACTION_STEP, incidentPolicy, incidentStateProblem, type IncidentAction } from '../policy/incident.js';
import { factsOf, type IncidentRow } from '../policy/incident-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as incidents from '../store/repositories/incidents.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { notFound, ServiceError } from './errors.js';
import { registerRemedyCommitments } from './commitment-remedies.js';
import { checkReferences, getIncident } from './incidents.js';
import { proposePenaltiesAfterStep } from './penalty-engine.js';
import { record } from './recorder.js';
import { getWorkspace } from './workspace.js';

export type StepAction = keyof typeof ACTION_STEP;
type Rec = Record<string, unknown>;

/** What the client sends for each action; the service adds the rest. */
export type StepInput = Rec;

function currentDraft(row: IncidentRow, given: unknown): number {
  const f = (row.record as Rec).finding as { draft_idx: number } | undefined;
  if (!f) throw new ServiceError('conflict', 'there is no draft finding');
  if (given !== undefined && given !== f.draft_idx) {
    throw new ServiceError('conflict', `the draft changed: the current draft is entry ${f.draft_idx}, not ${String(given)}; read it again first`);
  }
  return f.draft_idx;
}

/** The entry body for the action: the client's input completed from the record. */
async function bodyFor(tx: Db, action: StepAction, row: IncidentRow, input: StepInput): Promise<Rec> {
  switch (action) {
    case 'send_notice':
      return { ...input, to: row.accused_party };
    case 'draft_finding': {
      const signers = (await accounts.listOrganisations(tx)).filter((o) => o.kind === 'mediator').map((o) => o.id);
      if (signers.length === 0) throw new ServiceError('conflict', 'no mediator organisation is registered to sign a finding');
      return { ...input, signers } satisfies Partial<Finding>;
    }
    case 'comment':
    case 'sign_finding': {
      const { draft_index, ...rest } = input;
      return { ...rest, draft_idx: currentDraft(row, draft_index) };
    }
    default:
      return input;
  }
}

/** Extra checks of names the body refers to (400 for a client mistake). */
async function checkStepReferences(tx: Db, viewer: Viewer, action: StepAction, id: string, body: Rec): Promise<void> {
  const ws = await getWorkspace(tx);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  if (action === 'triage') {
    await checkReferences(tx, ws, { accused_party: body.accused_party as string | undefined, clause_refs: body.clause_refs as string[] | undefined });
    if (body.duplicate_of !== undefined && !(await incidents.unsafeFindIncident(tx, String(body.duplicate_of)))) {
      throw new ServiceError('bad_request', `duplicate_of: incident ${String(body.duplicate_of)} does not exist`);
    }
  }
  if (action === 'code') await checkReferences(tx, ws, { crossing_id: (body.place as Rec | undefined)?.crossing_id as string | undefined });
  if (action === 'draft_finding') await checkReferences(tx, ws, { clause_refs: body.clause_violated ? [String(body.clause_violated)] : [] });
  if (action === 'respond') {
    const ids = (body.counter_evidence as string[] | undefined) ?? [];
    // Only evidence the responder may see counts: the same answer for unknown
    // and sealed evidence, so a response cannot probe what others lodged.
    const visible = (await incidents.unsafeEvidenceOf(tx, id)).filter((e) => canSee(viewer, e.visibility as Visibility, e.lodged_org));
    const known = new Set(visible.map((e) => e.id));
    const missing = ids.filter((e) => !known.has(e));
    if (missing.length > 0) throw new ServiceError('bad_request', `counter_evidence: ${missing.join(', ')} is not evidence lodged on ${id}`);
  }
}

function visibilityFor(type: IncidentStepType, row: IncidentRow, body: Rec): Visibility {
  const incident = row.visibility as Visibility;
  // A change of visibility is announced to the wider of the old and new audiences.
  if (type === 'incident.visibility_changed') return widerVisibility(incident, body.visibility as Visibility);
  return stepVisibility(type, incident);
}

export async function takeIncidentStep(s: Services, viewer: Viewer | undefined, id: string, action: StepAction, input: StepInput) {
  const type = ACTION_STEP[action];
  const idx = await inTransaction(s, async (tx) => {
    const row = await incidents.unsafeFindIncident(tx, id);
    if (!row) throw notFound(`incident ${id}`);
    const facts = factsOf(row);
    incidentPolicy.authorize(viewer, action as IncidentAction, facts, `incident ${id}`);
    const problem = incidentStateProblem(action as IncidentAction, facts, viewer);
    if (problem) throw new ServiceError('conflict', problem);
    const body = await bodyFor(tx, action, row, input);
    await checkStepReferences(tx, viewer!, action, id, body);
    const recorded = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, {
      type, subject: id, visibility: visibilityFor(type, row, body), body: asJson(body as EntryBody<typeof type>),
    });
    await proposePenaltiesAfterStep(tx, s, type, id);
    await registerRemedyCommitments(tx, s, { org: viewer!.org, userId: viewer!.userId }, recorded);
    return recorded.idx;
  });
  return { incident: await getIncident(s, viewer, id), entry: { index: idx, type } };
}
