/** Steps whose body is a note or one required text: notice, acknowledgement, remedy, closure; and visibility. */
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { VISIBILITIES } from '../../lists.js';
import { fields, StepForm, type StepFormProps } from './step-form.js';

/** send_notice, acknowledge: an optional note. */
export function NoteStepForm(props: StepFormProps & { action: 'send_notice' | 'acknowledge' }) {
  const { t: core } = useI18n();
  const t = useStrings(lifecycleStrings);
  const submit = props.action === 'acknowledge' ? core('ack.submit') : core('notice.submit');
  return (
    <StepForm {...props} submitLabel={submit} build={(f) => {
      const note = fields(f, t).opt('note');
      return note ? { note } : {};
    }}>
      <label><span>{core('form.note')}</span><textarea name="note" rows={2} maxLength={4000} /></label>
    </StepForm>
  );
}

/** record_remedy, close: one required text (note / reason). */
export function TextStepForm(props: StepFormProps & { action: 'record_remedy' | 'close' }) {
  const t = useStrings(lifecycleStrings);
  const [name, labelText] = props.action === 'close' ? ['reason', t('f.closeReason')] : ['note', t('f.remedyNote')];
  return (
    <StepForm {...props} build={(f) => ({ [name]: fields(f, t).req(name, labelText) })}>
      <label><span>{labelText}</span><textarea name={name} rows={3} maxLength={4000} required aria-required="true" /></label>
    </StepForm>
  );
}

export function VisibilityForm(props: StepFormProps) {
  const { label } = useI18n();
  const t = useStrings(lifecycleStrings);
  return (
    <StepForm {...props} action="change_visibility" build={(f) => {
      const r = fields(f, t);
      return { visibility: r.req('visibility', t('f.visibility')), reason: r.req('reason', t('f.reason')) };
    }}>
      <label>
        <span>{t('f.visibility')}</span>
        <select name="visibility" defaultValue={props.incident.visibility}>
          {VISIBILITIES.map((v) => <option key={v} value={v}>{label('visibility', v)}</option>)}
        </select>
      </label>
      <label><span>{t('f.reason')}</span><textarea name="reason" rows={2} maxLength={4000} required aria-required="true" /></label>
    </StepForm>
  );
}
