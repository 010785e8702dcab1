/**
 * verify: a mediator's or monitor's assessment on the Kroc scale, with the
 * evidence it rests on — it becomes the status. self_report: the obligated
 * party's own report, kept beside the status and never the status; the form
 * says so before anything is sent.
 */
import type { CommitmentDetail } from '../../agreements/api.js';
import { commitmentActionsApi, type RecordedCommitment } from '../../agreements/commitment-actions-api.js';
import { CommitmentActionForm, useCommitmentStrings } from './action-form.js';
import { EvidenceField, StatusFieldset } from './fields.js';
import { reportBody } from './model.js';

export interface CommitmentFormProps {
  c: CommitmentDetail;
  onDone: (r: RecordedCommitment) => void;
}

export function VerifyForm({ c, onDone }: CommitmentFormProps) {
  const t = useCommitmentStrings();
  return (
    <CommitmentActionForm testId="commitment-verify" title="verify.title" submit="verify.submit" onDone={onDone}
      intro={<p className="small">{t('verify.intro')}</p>}
      build={(f) => reportBody(f, 'verify.note')} send={(body) => commitmentActionsApi.step(c.id, 'verify', body)}>
      <StatusFieldset legend="verify.status" />
      <label><span>{t('verify.note')}</span><textarea name="note" rows={3} maxLength={4000} dir="auto" required aria-required="true" /></label>
      <EvidenceField required={c.evidence_required} />
    </CommitmentActionForm>
  );
}

export function SelfReportForm({ c, onDone }: CommitmentFormProps) {
  const t = useCommitmentStrings();
  return (
    <CommitmentActionForm testId="commitment-self-report" title="self.title" submit="self.submit" onDone={onDone}
      intro={<p className="ag-warn small" role="note" data-testid="self-report-note">{t('self.intro')}</p>}
      build={(f) => reportBody(f, 'self.note')} send={(body) => commitmentActionsApi.step(c.id, 'self_report', body)}>
      <StatusFieldset legend="self.status" />
      <label><span>{t('self.note')}</span><textarea name="note" rows={3} maxLength={4000} dir="auto" required aria-required="true" /></label>
      <EvidenceField required={c.evidence_required} />
    </CommitmentActionForm>
  );
}
