/**
 * Agenda items of a text: a party's liaison raises one (POST /api/agenda,
 * offered when the text's `actions` lists `raise_agenda_item`; the form says
 * when it will be recorded as late), and the mediators' staff rule an item in
 * or out of the mechanism's mandate with a reason (POST /api/agenda/:id/ruling,
 * offered when the item's `actions` lists `rule`; a ruling may be revised).
 */
import { useState, type FormEvent } from 'react';
import type { AgendaItem, TextDetail } from '../../agreements/api.js';
import { textActionsApi } from '../../agreements/text-actions-api.js';
import { useEnumLabel } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { textFormStrings } from '../../i18n/text-forms.js';
import { useSession } from '../../session.js';
import { ErrorLine, RecordedLine, Submit, useWrite } from '../../forms/write.js';
import { LIMITS } from './limits.js';
import { MANDATES } from './open-text-model.js';

export function RaiseAgendaItem({ doc, onRaised }: { doc: TextDetail; onRaised: (item: AgendaItem) => void }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const tl = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState<number | null>(null);
  const w = useWrite();
  if (!doc.actions.includes('raise_agenda_item')) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const title = String(f.get('title') ?? '').trim();
    const text = String(f.get('text') ?? '').trim();
    if (!title) return w.refuse(tl('v.required', { field: t('raise.itemTitle') }));
    if (!text) return w.refuse(tl('v.required', { field: t('raise.text') }));
    await w.run(() => textActionsApi.raise(doc.id, title, text), (r) => {
      setOpen(false);
      setRecorded(r.entry.index);
      onRaised(r.item);
    });
  };
  if (!canWrite) return <p className="muted">{tl('form.signInToAct')}</p>;
  return (
    <div data-testid="raise">
      <RecordedLine index={recorded} testId="raise-recorded" />
      {!open ? (
        <button type="button" onClick={() => { setRecorded(null); setOpen(true); }} data-testid="raise-open">{t('raise.open')}</button>
      ) : (
        <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby="raise-h" data-testid="raise-form" noValidate>
          <h3 id="raise-h">{t('raise.formTitle')}</h3>
          {doc.last_final_version !== null && <p className="ag-warn" data-testid="raise-late">{t('raise.late', { n: fmt.number(doc.last_final_version) })}</p>}
          <label><span>{t('raise.itemTitle')}</span><input name="title" maxLength={LIMITS.agendaTitle} required dir="auto" /></label>
          <label><span>{t('raise.text')}</span><textarea name="text" rows={4} maxLength={LIMITS.agendaText} required dir="auto" /></label>
          <ErrorLine error={w.error} testId="raise-error" />
          <div className="row">
            <Submit busy={w.busy} testId="raise-submit">{t('raise.submit')}</Submit>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>{core('common.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}

export function RuleAgendaItem({ item, onRuled }: { item: AgendaItem; onRuled: (item: AgendaItem) => void }) {
  const { t: core } = useI18n();
  const t = useStrings(textFormStrings);
  const tl = useStrings(lifecycleStrings);
  const label = useEnumLabel();
  const { canWrite } = useSession();
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState<number | null>(null);
  const w = useWrite();
  if (!item.actions.includes('rule')) return null;
  const name = item.mandate === 'pending' ? t('rule.open', { id: item.id }) : t('rule.revise', { id: item.id });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const mandate = MANDATES.find((m) => m === f.get('mandate'));
    const reason = String(f.get('reason') ?? '').trim();
    if (!mandate) return w.refuse(t('rule.choose'));
    if (!reason) return w.refuse(tl('v.required', { field: t('rule.reason') }));
    await w.run(() => textActionsApi.rule(item.id, mandate, reason), (r) => {
      setOpen(false);
      setRecorded(r.entry.index);
      onRuled(r.item);
    });
  };
  const fid = `rule-${item.id}`;
  return (
    <div data-testid={`rule-${item.id}`}>
      <RecordedLine index={recorded} testId="rule-recorded" />
      {!canWrite ? null : !open ? (
        <button type="button" className="secondary small" onClick={() => { setRecorded(null); setOpen(true); }} data-testid="rule-open">{name}</button>
      ) : (
        <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid="rule-form" noValidate>
          <h3 id={`${fid}-h`}>{name}</h3>
          <fieldset>
            <legend>{t('rule.mandate')}</legend>
            {MANDATES.map((m) => (
              <label key={m} className="check">
                <input type="radio" name="mandate" value={m} defaultChecked={item.mandate === m} required />
                <span>{label('mandate', m)}</span>
              </label>
            ))}
          </fieldset>
          <label><span>{t('rule.reason')}</span><textarea name="reason" rows={3} maxLength={LIMITS.reason} required dir="auto" /></label>
          <ErrorLine error={w.error} testId="rule-error" />
          <div className="row">
            <Submit busy={w.busy} testId="rule-submit">{t('rule.submit')}</Submit>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>{core('common.cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
