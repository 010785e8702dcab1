/**
 * Setting (or correcting) D-day from the commitment list, for those the list
 * says may (`set_d_day` in its actions; the server's canManageAgreement).
 * A date input (the API takes a calendar date, not a time) and the reason;
 * ./model.ts refuses before sending, the server's refusal is shown in words,
 * and after the write the list reloads so "D+N" due dates move with it.
 */
import { useState } from 'react';
import { commitmentActionsApi } from '../../agreements/commitment-actions-api.js';
import { RecordedLine } from '../../forms/write.js';
import { useSession } from '../../session.js';
import { CommitmentActionForm, useCommitmentStrings } from './action-form.js';
import { dDayBody, LIMITS } from './model.js';

export function DDayForm({ actions, dDay, onRecorded }: { actions: readonly string[]; dDay: string | null; onRecorded: () => void }) {
  const t = useCommitmentStrings();
  const { canWrite } = useSession();
  const [recorded, setRecorded] = useState<number | null>(null);
  const [round, setRound] = useState(0);
  if (!canWrite || !actions.includes('set_d_day')) return null;
  return (
    <section aria-labelledby="d-day-h" className="narrow">
      <h2 id="d-day-h">{t('dday.title')}</h2>
      <p className="small">{t('dday.intro')}</p>
      {/* Drawn afresh after each write, and when the list brings the new D-day. */}
      <CommitmentActionForm
        key={`${dDay}:${round}`} testId="d-day-form" labelledBy="d-day-h" submit="dday.submit"
        build={(fields) => {
          setRecorded(null);
          return dDayBody(fields);
        }}
        send={commitmentActionsApi.setDDay}
        onDone={(r) => {
          setRecorded(r.entry.index);
          setRound((n) => n + 1);
          onRecorded();
        }}
      >
        <label><span>{t('dday.date')}</span><input type="date" name="d_day" defaultValue={dDay ?? ''} required aria-required="true" /></label>
        <label><span>{t('dday.reason')}</span><textarea name="reason" rows={2} maxLength={LIMITS.dDayReason} dir="auto" required aria-required="true" /></label>
      </CommitmentActionForm>
      <RecordedLine index={recorded} testId="d-day-recorded" />
    </section>
  );
}
