/**
 * Setting (or correcting) D-day from the commitment list, for those the list
 * says may (`set_d_day` in its actions; the server's canManageAgreement).
 * A date input (the API takes a calendar date, not a time) and the reason;
 * ./model.ts refuses before sending, the server's refusal is shown in words,
 * and after the write the list reloads so "D+N" due dates move with it.
 */
import { useState, type FormEvent } from 'react';
import { commitmentActionsApi, type DDayBody } from '../../agreements/commitment-actions-api.js';
import { ErrorLine, RecordedLine, Submit, useWrite } from '../../forms/write.js';
import { useSession } from '../../session.js';
import { useCommitmentStrings, useInvalidText } from './action-form.js';
import { dDayBody, formFields, Invalid, LIMITS } from './model.js';

export function DDayForm({ actions, dDay, onRecorded }: { actions: readonly string[]; dDay: string | null; onRecorded: () => void }) {
  const t = useCommitmentStrings();
  const invalidText = useInvalidText();
  const { canWrite } = useSession();
  const w = useWrite();
  const [recorded, setRecorded] = useState<number | null>(null);
  const [round, setRound] = useState(0);
  if (!canWrite || !actions.includes('set_d_day')) return null;
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setRecorded(null);
    let body: DDayBody;
    try {
      body = dDayBody(formFields(new FormData(e.currentTarget)));
    } catch (err) {
      if (err instanceof Invalid) w.invalid(invalidText(err));
      else w.refuse(String(err));
      return;
    }
    await w.run(() => commitmentActionsApi.setDDay(body), (r) => {
      setRecorded(r.entry.index);
      setRound((n) => n + 1);
      onRecorded();
    });
  };
  return (
    <section aria-labelledby="d-day-h" className="narrow">
      <h2 id="d-day-h">{t('dday.title')}</h2>
      <p className="small">{t('dday.intro')}</p>
      {/* Drawn afresh after each write, and when the list brings the new D-day. */}
      <form key={`${dDay}:${round}`} className="stack action-form" onSubmit={(e) => void onSubmit(e)} aria-labelledby="d-day-h" data-testid="d-day-form" noValidate>
        <label><span>{t('dday.date')}</span><input type="date" name="d_day" defaultValue={dDay ?? ''} required aria-required="true" /></label>
        <label><span>{t('dday.reason')}</span><textarea name="reason" rows={2} maxLength={LIMITS.dDayReason} dir="auto" required aria-required="true" /></label>
        <ErrorLine error={w.error} testId="form-error" />
        <Submit busy={w.busy} testId="d-day-form-submit">{t('dday.submit')}</Submit>
      </form>
      <RecordedLine index={recorded} testId="d-day-recorded" />
    </section>
  );
}
