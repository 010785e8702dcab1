/**
 * Publication of a text (POST /api/texts/:id/publication, the mediators'
 * staff, with a reason): offered only when the text's `actions` lists
 * `publish` (never once it is public). Once published, anyone may read the
 * text and its record; the section then says when, by whom and why.
 */
import { useState, type FormEvent } from 'react';
import type { TextDetail } from '../../agreements/api.js';
import { textActionsApi } from '../../agreements/text-actions-api.js';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { textFormStrings } from '../../i18n/text-forms.js';
import { useSession } from '../../session.js';
import { ErrorLine, RecordedLine, Submit, useWrite } from '../../forms/write.js';
import { LIMITS } from './limits.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function PublishText({ doc, onPublished }: { doc: TextDetail; onPublished: (doc: TextDetail) => void }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const tl = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState<number | null>(null);
  const w = useWrite();
  const offered = doc.actions.includes('publish');
  if (!offered && !doc.published && recorded === null) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) return w.refuse(tl('v.required', { field: t('publish.reason') }));
    await w.run(() => textActionsApi.publish(doc.id, reason), (r) => {
      setOpen(false);
      setRecorded(r.entry.index);
      onPublished(r.text);
    });
  };
  const p = doc.published;
  return (
    <section aria-labelledby="publish-h" data-testid="publication">
      <h2 id="publish-h">{t('publish.title')}</h2>
      <RecordedLine index={recorded} testId="publish-recorded" />
      {p ? (
        <p data-testid="published">
          {t('publish.done', { at: fmt.dateTime(str(p.at)), org: str(p.org) })} <span dir="auto">{str(p.reason)}</span>
        </p>
      ) : <p>{t('publish.notYet')}</p>}
      {offered && !p && (!canWrite ? <p className="muted">{tl('form.signInToAct')}</p> : !open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="publish-open">{t('publish.open')}</button>
      ) : (
        <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby="publish-form-h" data-testid="publish-form" noValidate>
          <h3 id="publish-form-h">{t('publish.formTitle')}</h3>
          <p className="ag-warn">{t('publish.explain')}</p>
          <label>
            <span>{t('publish.reason')}</span>
            <textarea name="reason" rows={3} maxLength={LIMITS.reason} required dir="auto" />
          </label>
          <ErrorLine error={w.error} testId="publish-error" />
          <div className="row">
            <Submit busy={w.busy} testId="publish-submit">{t('publish.submit')}</Submit>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>{core('common.cancel')}</button>
          </div>
        </form>
      ))}
    </section>
  );
}
