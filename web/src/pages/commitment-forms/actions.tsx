/**
 * The actions the server lists for this viewer on a commitment (`actions`),
 * and nothing else: a form for each, in the order verify, self-report,
 * extend, amend. Extending and amending need the clause register (clauses,
 * D-day) and, for amending, the commitments to link; those load only then.
 * After a write the page shows the server's answer and the entry's number.
 */
import { useState } from 'react';
import { agreementsApi, type CommitmentDetail, type CommitmentSummary } from '../../agreements/api.js';
import { commitmentActionsApi, type ClauseRegister, type RecordedCommitment } from '../../agreements/commitment-actions-api.js';
import { Gate, useLoad } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { useCommitmentStrings } from './action-form.js';
import { AmendForm } from './amend-form.js';
import { ExtendForm } from './extend-form.js';
import { SelfReportForm, VerifyForm } from './report-forms.js';

const ORDER = ['verify', 'self_report', 'extend', 'amend'] as const;

interface Context { register: ClauseRegister | null; commitments: CommitmentSummary[] }

export function CommitmentActions({ c, onRecorded }: { c: CommitmentDetail; onRecorded: (c: CommitmentDetail) => void }) {
  const { t: core, fmt } = useI18n();
  const t = useCommitmentStrings();
  const { canWrite } = useSession();
  const [recorded, setRecorded] = useState<number | null>(null);
  const actions = ORDER.filter((a) => c.actions.includes(a));
  // Only a tab that may write shows the forms, so only it loads what they need.
  const needsRegister = canWrite && (actions.includes('extend') || actions.includes('amend'));
  const needsList = canWrite && actions.includes('amend');
  const { value: context } = useLoad<Context>(async () => {
    const [register, list] = await Promise.all([
      needsRegister ? commitmentActionsApi.clauses() : null,
      needsList ? agreementsApi.commitments(new URLSearchParams()) : null,
    ]);
    return { register, commitments: list?.items ?? [] };
  }, `${c.id}:${needsRegister}:${needsList}`);
  if (actions.length === 0) return null;
  const done = (r: RecordedCommitment) => {
    setRecorded(r.entry.index);
    onRecorded(r.commitment);
  };
  // Forms start afresh from the commitment as it now stands after each write.
  const round = `${c.updated_at}:${c.timeline.length}`;
  return (
    <section aria-labelledby="com-actions-h" data-testid="commitment-actions">
      <h2 id="com-actions-h">{t('section')}</h2>
      {recorded !== null && <p className="success" role="status" data-testid="recorded">{core('common.recorded', { index: fmt.number(recorded) })}</p>}
      {!canWrite && <p className="muted">{t('signInToAct')}</p>}
      {canWrite && (
        <div className="action-forms">
          {actions.includes('verify') && <VerifyForm key={`verify-${round}`} c={c} onDone={done} />}
          {actions.includes('self_report') && <SelfReportForm key={`self-${round}`} c={c} onDone={done} />}
          {needsRegister && (
            <Gate value={context} next={`/commitments/${c.id}`}>
              {(ctx) => (
                <>
                  {actions.includes('extend') && <ExtendForm key={`extend-${round}`} c={c} onDone={done} dDay={ctx.register?.d_day ?? null} />}
                  {actions.includes('amend') && <AmendForm key={`amend-${round}`} c={c} onDone={done} clauses={ctx.register?.items ?? []} commitments={ctx.commitments} />}
                </>
              )}
            </Gate>
          )}
        </div>
      )}
    </section>
  );
}

/** After registering: "recorded as ledger entry N", from the address the register form went to (?registered=N). */
export function RegisteredNote() {
  const { t: core, fmt } = useI18n();
  const { query } = useLocation();
  const n = query.get('registered') ?? '';
  if (!/^\d{1,12}$/.test(n)) return null;
  return <p className="success" role="status" data-testid="registered">{core('common.recorded', { index: fmt.number(Number(n)) })}</p>;
}
