/** The mediators' side: open the investigation, add notes (incl. access denied), correct severity and casualties. */
import { useState } from 'react';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { SEVERITIES } from '../../lists.js';
import { NOTE_KINDS, ORG_ID } from './enums.js';
import { fields, StepForm, type StepFormProps } from './step-form.js';

export function OpenInvestigationForm(props: StepFormProps) {
  const { t: core } = useI18n();
  const t = useStrings(lifecycleStrings);
  return (
    <StepForm {...props} action="open_investigation" build={(f) => {
      const r = fields(f, t);
      const team = r.list('team').map((o) => o.toUpperCase());
      r.check(team.every((o) => ORG_ID.test(o)), t('v.org', { field: t('f.team') }));
      r.check(team.length <= 10, t('v.tooMany', { field: t('f.team'), max: 10 }));
      const note = r.opt('note');
      return { team, ...(note ? { note } : {}) };
    }}>
      <label><span>{t('f.team')}</span><input name="team" dir="ltr" /></label>
      <label><span>{core('form.note')}</span><textarea name="note" rows={2} maxLength={4000} /></label>
    </StepForm>
  );
}

export function AddNoteForm(props: StepFormProps) {
  const t = useStrings(lifecycleStrings);
  const [kind, setKind] = useState<string>('note');
  return (
    <StepForm {...props} action="add_note" build={(f) => {
      const r = fields(f, t);
      const text = r.req('text', t('f.text'));
      if (kind !== 'access_denied') return { kind, text };
      const by = r.req('denied_by', t('f.deniedBy')).toUpperCase();
      r.check(ORG_ID.test(by), t('v.org', { field: t('f.deniedBy') }));
      return { kind, text, denied_by: by };
    }}>
      <label>
        <span>{t('f.noteKind')}</span>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {NOTE_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </select>
      </label>
      {kind === 'access_denied' && (
        <label><span>{t('f.deniedBy')}</span><input name="denied_by" dir="ltr" maxLength={32} required aria-required="true" defaultValue={props.incident.accused_party ?? ''} /></label>
      )}
      <label><span>{t('f.text')}</span><textarea name="text" rows={4} maxLength={20000} required aria-required="true" /></label>
    </StepForm>
  );
}

/** Coding correction, the simple part: severity and casualty figures (full ACLED coding stays in the API). */
export function CodingForm(props: StepFormProps) {
  const { label } = useI18n();
  const t = useStrings(lifecycleStrings);
  // Casualties are replaced whole: start from the recorded figures.
  const casualties = (props.incident as { casualties?: { fatalities?: number; injured?: number } | null }).casualties ?? null;
  const count = (r: ReturnType<typeof fields>, k: string, name: string): number | undefined => {
    const v = r.str(k);
    if (!v) return undefined;
    r.check(/^\d{1,6}$/.test(v), t('v.count', { field: name }));
    return Number(v);
  };
  return (
    <StepForm {...props} action="code" build={(f) => {
      const r = fields(f, t);
      const severity = r.opt('severity');
      const fatalities = count(r, 'fatalities', t('f.fatalities'));
      const injured = count(r, 'injured', t('f.injured'));
      r.check(injured === undefined || fatalities !== undefined, t('v.fatalitiesFirst'));
      r.check(severity !== undefined || fatalities !== undefined, t('v.nothing'));
      return {
        ...(severity ? { severity } : {}),
        ...(fatalities !== undefined ? { casualties: { fatalities, ...(injured !== undefined ? { injured } : {}) } } : {}),
      };
    }}>
      <label>
        <span>{t('f.severity')}</span>
        <select name="severity" defaultValue="">
          <option value="">{t('f.unchanged')}</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
        </select>
      </label>
      <label><span>{t('f.fatalities')}</span><input name="fatalities" inputMode="numeric" dir="ltr" defaultValue={casualties?.fatalities ?? ''} /></label>
      <label><span>{t('f.injured')}</span><input name="injured" inputMode="numeric" dir="ltr" defaultValue={casualties?.injured ?? ''} /></label>
    </StepForm>
  );
}
