/**
 * Open a negotiation text (POST /api/texts) from the list of texts: title,
 * description, who may read it, and its parties (every registered party by
 * default, or the ones named). Shown when the list of texts says the viewer
 * may open one (its list-level `actions` holds 'open'); the server still
 * decides. On success the browser goes to the new text, which says which
 * ledger entry recorded it.
 */
import { useState, type FormEvent } from 'react';
import { textActionsApi } from '../../agreements/text-actions-api.js';
import { agreementStrings } from '../../i18n/agreements.js';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { textFormStrings } from '../../i18n/text-forms.js';
import { navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { ErrorLine, Submit, useWrite } from '../../forms/write.js';
import { LIMITS } from './limits.js';
import { openTextBody, type OpenTextProblem } from './open-text-model.js';

/** The ledger entry a text was just opened with, for its page to show once it is there. */
const justOpened = new Map<string, number>();
export const recordedOnOpen = {
  peek: (id: string): number | null => justOpened.get(id) ?? null,
  forget: (id: string) => void justOpened.delete(id),
};

export function OpenText({ actions }: { actions: readonly string[] }) {
  const { t: core } = useI18n();
  const t = useStrings(textFormStrings);
  const ta = useStrings(agreementStrings);
  const tl = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  const [open, setOpen] = useState(false);
  const [some, setSome] = useState(false);
  const w = useWrite();
  if (!actions.includes('open') || !canWrite) return null;
  const say = (p: OpenTextProblem) => {
    switch (p.code) {
      case 'titleMissing': return tl('v.required', { field: t('open.textTitle') });
      case 'partiesMissing': return t('open.partiesMissing');
      case 'partyId': return tl('v.org', { field: p.id });
      case 'tooManyParties': return tl('v.tooMany', { field: ta('txt.parties'), max: p.max });
    }
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '');
    const r = openTextBody({ title: get('title'), description: get('description'), visibility: get('visibility'), partiesMode: get('partiesMode'), parties: get('parties') });
    if ('problem' in r) return w.refuse(say(r.problem));
    await w.run(() => textActionsApi.open(r.body), (res) => {
      justOpened.set(res.text.id, res.entry.index);
      navigate(`/texts/${res.text.id}`);
    });
  };
  if (!open) return <p><button type="button" onClick={() => setOpen(true)} data-testid="open-text-open">{t('open.open')}</button></p>;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby="open-text-h" data-testid="open-text-form" noValidate>
      <h2 id="open-text-h">{t('open.formTitle')}</h2>
      <p>{t('open.intro')}</p>
      <label><span>{t('open.textTitle')}</span><input name="title" maxLength={LIMITS.textTitle} required dir="auto" /></label>
      <label><span>{t('open.description')}</span><textarea name="description" rows={3} maxLength={LIMITS.textDescription} dir="auto" /></label>
      <fieldset>
        <legend>{ta('txt.visibility')}</legend>
        <label className="check"><input type="radio" name="visibility" value="parties" defaultChecked /><span>{t('open.visParties')}</span></label>
        <label className="check"><input type="radio" name="visibility" value="public" /><span>{t('open.visPublic')}</span></label>
      </fieldset>
      <fieldset>
        <legend>{t('open.parties')}</legend>
        <label className="check"><input type="radio" name="partiesMode" value="all" checked={!some} onChange={() => setSome(false)} /><span>{t('open.partiesAll')}</span></label>
        <label className="check"><input type="radio" name="partiesMode" value="some" checked={some} onChange={() => setSome(true)} /><span>{t('open.partiesSome')}</span></label>
        {some && <label><span>{t('open.partyIds')}</span><input name="parties" dir="ltr" autoComplete="off" spellCheck={false} data-testid="open-text-parties" /></label>}
      </fieldset>
      <ErrorLine error={w.error} testId="open-text-error" />
      <div className="row">
        <Submit busy={w.busy} testId="open-text-submit">{t('open.submit')}</Submit>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{core('common.cancel')}</button>
      </div>
    </form>
  );
}
