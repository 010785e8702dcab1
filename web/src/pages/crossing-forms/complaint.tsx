/**
 * File a complaint from a closure (POST …/reports/:reportId/complaint): the
 * server fills the incident in from the report (crossing, the side as the
 * accused party, dates, "blocking access") and links it back; the form asks
 * for the clauses breached and, optionally, a title, notes, severity and who
 * may read it. Offered when the report's `actions` lists `file_complaint`;
 * on success the new incident opens.
 */
import type { CrossingReport } from '../../agreements/api.js';
import { crossingActionsApi, LIMITS, type FiledComplaint } from '../../agreements/crossing-actions-api.js';
import { Id, useLoad } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { SEVERITIES } from '../../lists.js';
import { complaintBody } from './bodies.js';
import { VisibilitySelect } from './fields.js';
import { ActionForm } from './form-shell.js';

function ClauseChoices() {
  const t = useStrings(crossingFormStrings);
  const { value } = useLoad(() => crossingActionsApi.clauses(), 'clauses');
  const items = value && 'data' in value ? value.data.items : [];
  return (
    <fieldset>
      <legend>{t('f.clauses')}</legend>
      {items.map((c) => (
        <label key={c.id} className="check"><input type="checkbox" name="clause_refs" value={c.id} /><span><Id>{c.id}</Id> {c.title}</span></label>
      ))}
      <label><span>{t('f.clauseOther')}</span><input name="clause_other" dir="ltr" maxLength={400} autoComplete="off" /></label>
    </fieldset>
  );
}

export function ComplaintForm({ crossingId, report, onDone, onCancel }: {
  crossingId: string;
  report: CrossingReport & { visibility?: string };
  onDone: (r: FiledComplaint) => void;
  onCancel: () => void;
}) {
  const { label } = useI18n();
  const t = useStrings(crossingFormStrings);
  return (
    <ActionForm
      id={`complaint-${report.id}`} title={t('complaint.title', { id: report.id })} submitLabel={t('complaint.submit')} focusFirst
      intro={<p>{t('complaint.intro')}</p>}
      build={complaintBody}
      send={(body) => crossingActionsApi.fileComplaint(crossingId, report.id, body)}
      onDone={onDone} onCancel={onCancel}
    >
      <ClauseChoices />
      <label><span>{t('f.title')}</span><input name="title" maxLength={LIMITS.complaintTitle} dir="auto" /></label>
      <label><span>{t('f.notes')}</span><textarea name="notes" rows={3} maxLength={LIMITS.complaintNotes} dir="auto" /></label>
      <label>
        <span>{t('f.severity')}</span>
        <select name="severity" defaultValue="">
          <option value="">{t('f.default', { value: label('severity', 'medium') })}</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
        </select>
      </label>
      <VisibilitySelect
        defaultValue="" label={t('f.visibility')}
        emptyLabel={t('f.default', { value: label('visibility', report.visibility ?? 'public') })}
      />
    </ActionForm>
  );
}
