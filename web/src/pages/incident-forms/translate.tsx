/**
 * translate: a translation of the title and/or account into another UI
 * language, beside the text as filed (never replacing it). Offered to the
 * complainant's side and the mediators' staff when the server lists it.
 */
import { LOCALE_CODES, LOCALES } from '../../i18n/catalogues.js';
import { useStrings } from '../../i18n/strings.js';
import { userTextStrings } from '../../i18n/user-text.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { sameLanguage } from '../../user-text.js';
import { fields, StepForm, type StepFormProps } from './step-form.js';

export function TranslateForm(props: StepFormProps) {
  const t = useStrings(lifecycleStrings);
  const tt = useStrings(userTextStrings);
  const languages = LOCALE_CODES.filter((c) => !sameLanguage(c, props.incident.language));
  return (
    <StepForm {...props} action="translate" intro={<p className="small">{tt('translateHint')}</p>} build={(f) => {
      const r = fields(f, t);
      const language = r.req('language', tt('language'));
      const title = r.opt('title');
      const notes = r.opt('notes');
      r.check(title !== undefined || notes !== undefined, tt('translateMissing'));
      return { language, ...(title ? { title } : {}), ...(notes ? { notes } : {}) };
    }}>
      <label>
        <span>{tt('language')}</span>
        <select name="language" defaultValue={languages[0]}>
          {languages.map((c) => <option key={c} value={c} lang={c}>{LOCALES[c].name}</option>)}
        </select>
      </label>
      <label><span>{tt('title')}</span><input name="title" maxLength={300} dir="auto" /></label>
      <label><span>{tt('notes')}</span><textarea name="notes" rows={4} maxLength={20000} dir="auto" /></label>
    </StepForm>
  );
}
