/** Triage: accept (accused party, clauses, category, severity), reject (reason) or merge (into which incident). */
import { useState } from 'react';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { SEVERITIES, VIOLATION_CATEGORIES } from '../../lists.js';
import { CLAUSE_REF, INCIDENT_ID, ORG_ID } from './enums.js';
import { fields, StepForm, type StepFormProps } from './step-form.js';

export function TriageForm(props: StepFormProps) {
  const { label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const i = props.incident;
  const [decision, setDecision] = useState<'accepted' | 'rejected' | 'merged'>('accepted');
  const build = (f: FormData) => {
    const r = fields(f, t);
    const note = r.opt('note');
    if (decision === 'rejected') return { decision, reason: r.req('reason', t('f.reason')) };
    if (decision === 'merged') {
      const dup = r.req('duplicate_of', t('f.duplicateOf'));
      r.check(INCIDENT_ID.test(dup), t('v.incidentId', { field: t('f.duplicateOf') }));
      r.check(dup !== i.id, t('v.selfMerge'));
      return { decision, duplicate_of: dup, ...(note ? { note } : {}) };
    }
    const accused = r.req('accused_party', t('f.accused'));
    r.check(ORG_ID.test(accused), t('v.org', { field: t('f.accused') }));
    const clauses = r.list('clause_refs');
    r.check(clauses.length > 0, t('v.required', { field: t('f.clauses') }));
    r.check(clauses.every((c) => CLAUSE_REF.test(c)), t('v.clause', { field: t('f.clauses') }));
    return {
      decision, accused_party: accused, clause_refs: clauses,
      category: r.req('category', t('f.category')), severity: r.req('severity', t('f.severity')), ...(note ? { note } : {}),
    };
  };
  return (
    <StepForm {...props} action="triage" build={build}>
      <fieldset>
        <legend>{t('f.decision')}</legend>
        {(['accepted', 'rejected', 'merged'] as const).map((d) => (
          <label key={d} className="check">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            <span>{t(`f.decision.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      {decision === 'accepted' && (<>
        <label><span>{t('f.accused')}</span><input name="accused_party" dir="ltr" required aria-required="true" defaultValue={i.accused_party ?? ''} maxLength={32} /></label>
        <label><span>{t('f.clauses')}</span><input name="clause_refs" dir="ltr" required aria-required="true" defaultValue={i.clause_refs.join(', ')} /></label>
        <label>
          <span>{t('f.category')}</span>
          <select name="category" defaultValue={i.category ?? ''} required aria-required="true">
            <option value="">{t('f.choose')}</option>
            {VIOLATION_CATEGORIES.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('f.severity')}</span>
          <select name="severity" defaultValue={i.severity ?? ''} required aria-required="true">
            <option value="">{t('f.choose')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
          </select>
        </label>
      </>)}
      {decision === 'rejected' && <label><span>{t('f.reason')}</span><textarea name="reason" rows={2} maxLength={4000} required aria-required="true" /></label>}
      {decision === 'merged' && <label><span>{t('f.duplicateOf')}</span><input name="duplicate_of" dir="ltr" placeholder="INC-2025-0001" required aria-required="true" /></label>}
      {decision !== 'rejected' && <label><span>{t('f.note')}</span><textarea name="note" rows={2} maxLength={4000} /></label>}
    </StepForm>
  );
}
