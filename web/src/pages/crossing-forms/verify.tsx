/**
 * Verify a status report (POST …/reports/:reportId/verifications): confirmed
 * or disputed, how the verifier knows, when it was observed (UTC), queues, a
 * note. Offered when the report's `actions` lists `verify` (field monitors
 * and mediators' staff, never the reporting organisation, once each).
 */
import type { CrossingReport } from '../../agreements/api.js';
import { crossingActionsApi, LIMITS, VERIFICATION_OUTCOMES, type RecordedReport } from '../../agreements/crossing-actions-api.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { verifyBody } from './bodies.js';
import { MethodSelect, QueueFields, UtcHint, UtcTime } from './fields.js';
import { ActionForm } from './form-shell.js';

export function VerifyForm({ crossingId, report, onDone, onCancel }: {
  crossingId: string;
  report: CrossingReport;
  onDone: (r: RecordedReport) => void;
  onCancel: () => void;
}) {
  const t = useStrings(crossingFormStrings);
  return (
    <ActionForm
      id={`verify-${report.id}`} title={t('verify.title', { id: report.id })} submitLabel={t('verify.submit')} focusFirst
      intro={<UtcHint />}
      build={verifyBody}
      send={(body) => crossingActionsApi.verify(crossingId, report.id, body)}
      onDone={onDone} onCancel={onCancel}
    >
      <fieldset>
        <legend>{t('f.outcome')}</legend>
        {VERIFICATION_OUTCOMES.map((o) => (
          <label key={o} className="check"><input type="radio" name="outcome" value={o} required /><span>{t(`outcome.${o}`)}</span></label>
        ))}
      </fieldset>
      <MethodSelect />
      <UtcTime name="observed_at" label={t('f.observedAt')} />
      <QueueFields />
      <label><span>{t('f.note')}</span><textarea name="note" rows={2} maxLength={LIMITS.verifyNote} dir="auto" /></label>
    </ActionForm>
  );
}
