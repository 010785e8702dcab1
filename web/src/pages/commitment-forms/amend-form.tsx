/**
 * amend: the terms as they stand, prefilled; only what changed is sent,
 * with the reason. Never the deadline (that is an extension); visibility is
 * offered only as wide or wider (it only widens). Nothing changed: refused
 * here with a message, before anything is sent.
 */
import type { CommitmentSummary } from '../../agreements/api.js';
import { commitmentActionsApi, type ClauseItem } from '../../agreements/commitment-actions-api.js';
import { CommitmentActionForm, useCommitmentStrings } from './action-form.js';
import { ClauseSelect, ConditionsFieldset, VisibilitySelect } from './fields.js';
import { amendBody, LIMITS, widerVisibilities } from './model.js';
import type { CommitmentFormProps } from './report-forms.js';

export function AmendForm({ c, onDone, clauses, commitments }: CommitmentFormProps & { clauses: readonly ClauseItem[]; commitments: readonly CommitmentSummary[] }) {
  const t = useCommitmentStrings();
  return (
    <CommitmentActionForm testId="commitment-amend" title="amend.title" submit="amend.submit" onDone={onDone}
      intro={<p className="small">{t('amend.intro')}</p>}
      build={(f) => amendBody(c, f)} send={(body) => commitmentActionsApi.step(c.id, 'amend', body)}>
      <label><span>{t('f.title')}</span><input name="title" defaultValue={c.title} maxLength={LIMITS.title} dir="auto" required aria-required="true" /></label>
      <ClauseSelect clauses={clauses} current={c.clause_id} />
      <label><span>{t('f.indicator')}</span><textarea name="indicator" rows={2} defaultValue={c.indicator} maxLength={LIMITS.indicator} dir="auto" required aria-required="true" /></label>
      <label><span>{t('f.evidenceRequired')}</span><textarea name="evidence_required" rows={2} defaultValue={c.evidence_required} maxLength={LIMITS.evidence_required} dir="auto" required aria-required="true" /></label>
      <ConditionsFieldset options={commitments} checked={c.conditional_on} self={c.id} />
      <VisibilitySelect options={widerVisibilities(c.visibility)} current={c.visibility} />
      <label><span>{t('amend.reason')}</span><textarea name="reason" rows={2} maxLength={LIMITS.reason} dir="auto" required aria-required="true" /></label>
    </CommitmentActionForm>
  );
}
