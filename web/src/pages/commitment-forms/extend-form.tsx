/**
 * extend: a new deadline granted by the mediators' side, with the reason
 * (required). The server refuses a deadline that does not move the due day
 * later, and an extension of a complete commitment; its message is shown.
 */
import { commitmentActionsApi } from '../../agreements/commitment-actions-api.js';
import { deadlineParts } from '../../agreements/model.js';
import { agreementStrings } from '../../i18n/agreements.js';
import { useI18n } from '../../i18n/context.js';
import { useStrings } from '../../i18n/strings.js';
import { CommitmentActionForm, useCommitmentStrings } from './action-form.js';
import { DeadlineFieldset } from './fields.js';
import { extendBody } from './model.js';
import type { CommitmentFormProps } from './report-forms.js';

export function ExtendForm({ c, onDone, dDay }: CommitmentFormProps & { dDay: string | null }) {
  const { fmt } = useI18n();
  const t = useCommitmentStrings();
  const ta = useStrings(agreementStrings);
  const d = deadlineParts(c.deadline);
  const current = d.kind === 'date' ? fmt.date(d.date) : ta('com.dPlus', { n: fmt.number(d.days) });
  return (
    <CommitmentActionForm testId="commitment-extend" title="extend.title" submit="extend.submit" onDone={onDone}
      intro={<p className="small" data-testid="extend-current">{t('extend.current')} {current}{c.due_date && d.kind === 'relative' ? ` (${fmt.date(c.due_date)})` : ''}</p>}
      build={extendBody} send={(body) => commitmentActionsApi.step(c.id, 'extend', body)}>
      <DeadlineFieldset legend="extend.newDeadline" dDay={dDay} relative={d.kind === 'relative'} />
      <label><span>{t('f.reason')}</span><textarea name="reason" rows={2} maxLength={4000} dir="auto" required aria-required="true" /></label>
    </CommitmentActionForm>
  );
}
