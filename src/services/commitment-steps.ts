/**
 * Acting on a registered commitment: amend its terms, extend its deadline,
 * verify its status, or (the obligated party) report on it. Authorise
 * (who), check the state (when), check the names the body uses, complete
 * the body with what the server knows, then record the entry.
 */
import { asJson, type EntryType } from '../domain/entries.js';
import { currentClauseVersion } from '../domain/projections/clause.js';
import { canSee, type Viewer, type Visibility } from '../domain/visibility.js';
import { commitmentPolicy, commitmentStateProblem, type CommitmentAction } from '../policy/commitment.js';
import { factsOf } from '../policy/commitment-presenter.js';
import * as commitments from '../store/repositories/commitments.js';
import type { Db } from '../store/db.js';
import { agreementConfig, checkCommitmentReferences, defined, getCommitmentFor } from './commitments.js';
import { inTransaction, type Services } from './context.js';
import { notFound, ServiceError } from './errors.js';
import { record } from './recorder.js';

export type CommitmentStepAction = Exclude<CommitmentAction, 'read'>;
type Rec = Record<string, unknown>;

export const ACTION_ENTRY: Record<CommitmentStepAction, EntryType> = {
  amend: 'commitment.amended',
  extend: 'commitment.extended',
  verify: 'commitment.verified',
  self_report: 'commitment.self_reported',
};

/** Evidence cited must be evidence the recorder may see: the same answer for unknown and sealed, so nothing is probed. */
async function checkEvidence(db: Db, viewer: Viewer, ids: readonly string[]): Promise<void> {
  const visible = (await commitments.unsafeEvidenceByIds(db, ids)).filter((e) => canSee(viewer, e.visibility as Visibility, e.lodged_org));
  const known = new Set(visible.map((e) => e.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ServiceError('bad_request', `evidence: ${missing.join(', ')} is not evidence you may cite`);
}

/** The entry body for the action: the client's input, checked and completed. */
async function bodyFor(tx: Db, viewer: Viewer, action: CommitmentStepAction, input: Rec): Promise<Rec> {
  if (action === 'amend') {
    const config = await agreementConfig(tx);
    await checkCommitmentReferences(tx, config, { clause_id: input.clause_id as string | undefined, conditional_on: input.conditional_on as string[] | undefined });
    const clause = input.clause_id as string | undefined;
    return defined({ ...input, clause_version: clause === undefined ? undefined : currentClauseVersion(config, clause) });
  }
  if (action === 'verify' || action === 'self_report') await checkEvidence(tx, viewer, (input.evidence as string[] | undefined) ?? []);
  return defined(input);
}

export async function takeCommitmentStep(s: Services, viewer: Viewer | undefined, id: string, action: CommitmentStepAction, input: Rec) {
  const type = ACTION_ENTRY[action];
  const idx = await inTransaction(s, async (tx) => {
    const row = await commitments.unsafeFindCommitment(tx, id);
    if (!row) throw notFound(`commitment ${id}`);
    const facts = factsOf(row);
    commitmentPolicy.authorize(viewer, action, facts, `commitment ${id}`);
    const problem = commitmentStateProblem(action, facts);
    if (problem) throw new ServiceError('conflict', problem);
    const body = await bodyFor(tx, viewer!, action, input);
    // Entries about a commitment have its audience; a widening amendment is announced to the new one.
    const visibility = (action === 'amend' && body.visibility !== undefined ? body.visibility : row.visibility) as Visibility;
    const recorded = await record(tx, s, { org: viewer!.org, userId: viewer!.userId }, { type, subject: id, visibility, body: asJson(body) });
    return recorded.idx;
  });
  return { commitment: await getCommitmentFor(s, viewer, id), entry: { index: idx, type } };
}
