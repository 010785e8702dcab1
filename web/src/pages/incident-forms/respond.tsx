/** The accused party's response: position, statement, and which lodged evidence counters the complaint. */
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import type { EvidenceSummary } from '../../evidence/api.js';
import { RESPONSE_POSITIONS } from './enums.js';
import { fields, StepForm, type StepFormProps } from './step-form.js';

export function RespondForm(props: StepFormProps & { evidence: readonly EvidenceSummary[] }) {
  const { fmt } = useI18n();
  const t = useStrings(lifecycleStrings);
  return (
    <StepForm {...props} action="respond" build={(f) => {
      const r = fields(f, t);
      return {
        position: r.req('position', t('f.position')),
        statement: r.req('statement', t('f.statement')),
        counter_evidence: f.getAll('counter_evidence').map(String),
      };
    }}>
      <label>
        <span>{t('f.position')}</span>
        <select name="position" defaultValue="" required aria-required="true">
          <option value="">{t('f.choose')}</option>
          {RESPONSE_POSITIONS.map((p) => <option key={p} value={p}>{t(`pos.${p}`)}</option>)}
        </select>
      </label>
      <label><span>{t('f.statement')}</span><textarea name="statement" rows={5} maxLength={20000} required aria-required="true" /></label>
      <fieldset>
        <legend>{t('f.counterEvidence')}</legend>
        {props.evidence.length === 0 && <p className="muted">{t('f.noEvidence')}</p>}
        {props.evidence.map((e) => (
          <label key={e.id} className="check">
            <input type="checkbox" name="counter_evidence" value={e.id} />
            <span><span dir="ltr">{e.id}</span> — {e.original_name} ({e.lodged_org}, {fmt.dateTime(e.lodged_at)})</span>
          </label>
        ))}
      </fieldset>
    </StepForm>
  );
}
