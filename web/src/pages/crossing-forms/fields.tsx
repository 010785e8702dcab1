/** Fields the crossing and movement forms share: how a status is known, queues, UTC times, who may read, a commitment, organisation ids. */
import { agreementsApi } from '../../agreements/api.js';
import { LIMITS, STATUS_METHODS } from '../../agreements/crossing-actions-api.js';
import { useLoad } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { VISIBILITIES } from '../../lists.js';

export function MethodSelect({ defaultValue = '' }: { defaultValue?: string }) {
  const t = useStrings(crossingFormStrings);
  return (
    <label>
      <span>{t('f.method')}</span>
      <select name="method" defaultValue={defaultValue} required aria-required="true">
        <option value="" disabled>{t('f.choose')}</option>
        {STATUS_METHODS.map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
      </select>
    </label>
  );
}

/** Loaded trucks and people waiting when observed (counts only). */
export function QueueFields() {
  const t = useStrings(crossingFormStrings);
  return (
    <fieldset>
      <legend>{t('f.queues')}</legend>
      <div className="row cf-pair">
        <label><span>{t('f.trucks')}</span><input name="trucks" type="number" inputMode="numeric" min={0} max={LIMITS.trucks} step={1} /></label>
        <label><span>{t('f.people')}</span><input name="people" type="number" inputMode="numeric" min={0} max={LIMITS.people} step={1} /></label>
      </div>
    </fieldset>
  );
}

/** A date and time typed in UTC (a datetime-local field has no zone: the label says which it is). */
export function UtcTime({ name, label, defaultValue, required = false }: { name: string; label: string; defaultValue?: string; required?: boolean }) {
  return (
    <label>
      <span>{label}</span>
      <input name={name} type="datetime-local" step={60} defaultValue={defaultValue} required={required} aria-required={required || undefined} />
    </label>
  );
}

export function UtcHint() {
  const { fmt } = useI18n();
  const t = useStrings(crossingFormStrings);
  return <p className="muted small">{t('hint.utc', { now: fmt.dateTime(new Date().toISOString()) })}</p>;
}

export function VisibilitySelect({ name = 'visibility', defaultValue, label, options = VISIBILITIES, emptyLabel }: {
  name?: string;
  defaultValue: string;
  label: string;
  options?: readonly string[];
  /** An empty first option ("the server's default"), when the field is optional. */
  emptyLabel?: string;
}) {
  const { label: coreLabel } = useI18n();
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={defaultValue}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((v) => <option key={v} value={v}>{coreLabel('visibility', v)}</option>)}
      </select>
    </label>
  );
}

/** The commitments the viewer may read, the given party's first; "none" is the empty first option. */
export function CommitmentSelect({ party }: { party?: string }) {
  const t = useStrings(crossingFormStrings);
  const { value } = useLoad(() => agreementsApi.commitments(new URLSearchParams()), 'commitments');
  const items = value && 'data' in value ? [...value.data.items] : [];
  items.sort((a, b) => Number(b.obligated_party === party) - Number(a.obligated_party === party));
  return (
    <label>
      <span>{t('f.commitment')}</span>
      <select name="commitment_id" defaultValue="" data-testid="commitment-select">
        <option value="">{t('f.none')}</option>
        {items.map((c) => <option key={c.id} value={c.id}>{`${c.id} · ${c.obligated_party} · ${c.title}`}</option>)}
      </select>
    </label>
  );
}

/** An organisation id field (left to right) with the ids this screen knows offered as suggestions. */
export function OrgInput({ name, label, known, required = false, defaultValue, readOnlyValue }: {
  name: string;
  label: string;
  known: readonly string[];
  required?: boolean;
  defaultValue?: string;
  /** A fixed value (a party's own side): shown, not editable. */
  readOnlyValue?: string;
}) {
  const list = `${name}-known`;
  return (
    <label>
      <span>{label}</span>
      <input
        name={name} dir="ltr" maxLength={32} autoComplete="off" spellCheck={false} pattern="[A-Za-z0-9_\-]{2,32}"
        {...(readOnlyValue !== undefined ? { value: readOnlyValue, readOnly: true } : { list, required, defaultValue, 'aria-required': required || undefined })}
      />
      {readOnlyValue === undefined && known.length > 0 && <datalist id={list}>{known.map((o) => <option key={o} value={o} />)}</datalist>}
    </label>
  );
}
