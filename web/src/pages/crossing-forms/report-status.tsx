/**
 * Report the status of one side of a crossing (POST /api/crossings/:id/reports):
 * side, traffic types, status, in effect from / until (UTC), announced by,
 * how it is known, queues, reason, source, the commitment it bears on, who
 * may read it. Offered when the crossing's `actions` holds 'report', for the
 * sides its `report_sides` names: a party's liaison reports its own side only,
 * so that field is fixed; the mediators' staff and monitors choose one.
 */
import { useMemo } from 'react';
import { TRAFFIC_TYPES, type CrossingDetail } from '../../agreements/api.js';
import { crossingActionsApi, CROSSING_STATUSES, LIMITS, type RecordedReport } from '../../agreements/crossing-actions-api.js';
import { useEnumLabel } from '../../agreements/ui.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { useOrganisations } from '../../agreements/organisations.js';
import { statusReportBody, utcInputValue, type StatusReporter } from './bodies.js';
import { CommitmentSelect, MethodSelect, OrgInput, QueueFields, UtcHint, UtcTime, VisibilitySelect } from './fields.js';
import { ActionForm } from './form-shell.js';

/** The parties this crossing's reports name (sides and announcers), for suggestions. */
export function knownParties(c: CrossingDetail): string[] {
  const reports = c.reports as ReadonlyArray<{ side: string; announced_by?: string | null }>;
  return [...new Set([...c.current.map((x) => x.side), ...reports.flatMap((r) => [r.side, r.announced_by ?? ''])].filter(Boolean))].sort();
}

export function ReportStatusForm({ crossing, reporter, onDone }: { crossing: CrossingDetail; reporter: StatusReporter; onDone: (r: RecordedReport) => void }) {
  const t = useStrings(crossingFormStrings);
  const label = useEnumLabel();
  const orgs = useOrganisations();
  const known = useMemo(() => [...new Set([...(orgs ?? []).map((o) => o.id), ...knownParties(crossing)])].sort(), [orgs, crossing]);
  const fixed = reporter.sides.length === 1 ? reporter.sides[0]! : undefined;
  const now = useMemo(() => utcInputValue(new Date()), []);
  return (
    <ActionForm
      id="report-status" level={2} title={t('report.title')} submitLabel={t('report.submit')}
      intro={<><p>{t('report.intro')}</p><UtcHint /></>}
      build={(f) => statusReportBody(f, reporter)}
      send={(body) => crossingActionsApi.reportStatus(crossing.id, body)}
      onDone={onDone}
    >
      {fixed !== undefined ? <OrgInput name="side" label={t('f.side')} known={known} readOnlyValue={fixed} /> : (
        <label>
          <span>{t('f.side')}</span>
          <select name="side" required aria-required="true" defaultValue="">
            <option value="" disabled>—</option>
            {reporter.sides.map((s) => <option key={s} value={s}>{s}{orgs?.find((o) => o.id === s) ? ` — ${orgs.find((o) => o.id === s)!.name}` : ''}</option>)}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t('f.traffic')}</legend>
        {TRAFFIC_TYPES.map((tt) => (
          <label key={tt} className="check"><input type="checkbox" name="traffic_types" value={tt} /><span>{label('traffic', tt)}</span></label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('f.status')}</legend>
        {CROSSING_STATUSES.map((s) => (
          <label key={s} className="check"><input type="radio" name="status" value={s} required /><span>{label('cstatus', s)}</span></label>
        ))}
      </fieldset>
      <UtcTime name="effective_from" label={t('f.from')} defaultValue={now} required />
      <UtcTime name="effective_to" label={t('f.to')} />
      <MethodSelect />
      <OrgInput name="announced_by" label={t('f.announcedBy')} known={known} />
      <QueueFields />
      <label><span>{t('f.reason')}</span><textarea name="reason" rows={3} maxLength={LIMITS.reason} dir="auto" /></label>
      <label><span>{t('f.source')}</span><input name="source" maxLength={LIMITS.source} dir="auto" /></label>
      <CommitmentSelect {...(fixed !== undefined ? { party: fixed } : {})} />
      <VisibilitySelect defaultValue="public" label={t('f.visibility')} />
    </ActionForm>
  );
}
