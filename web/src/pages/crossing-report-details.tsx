/**
 * A crossing status report's details, in a row of their own under the
 * report's row when opened (./crossing-reports.tsx keeps the table compact
 * by default): who announced it and how it is known, its source and the
 * queues as reported, who recorded it and who may read it; then each
 * verification: who, when observed, the outcome, how, the queues observed
 * and the note. The outcome is written out, never told by colour alone.
 */
import type { CrossingReport } from '../agreements/api.js';
import { isStatusMethod, isVerificationOutcome, labelOf, queueText } from '../agreements/crossing-report.js';
import { useI18n } from '../i18n/context.js';
import { crossingFormStrings } from '../i18n/crossing-forms.js';
import { crossingReportStrings } from '../i18n/crossing-reports.js';
import { useStrings } from '../i18n/strings.js';

export const detailsIdOf = (r: CrossingReport) => `report-details-${r.id}`;

/** The disclosure button in the report's row; the details row exists only while open, so it is named by aria-controls only then. */
export function DetailsToggle({ report, open, onToggle }: { report: CrossingReport; open: boolean; onToggle: () => void }) {
  const t = useStrings(crossingReportStrings);
  return (
    <button
      type="button" className="secondary small" data-testid={`report-details-toggle-${report.id}`}
      aria-expanded={open} aria-controls={open ? detailsIdOf(report) : undefined}
      aria-label={t('details.for', { id: report.id })} onClick={onToggle}
    >
      {t('details.show')}
    </button>
  );
}

export function ReportDetails({ report: r }: { report: CrossingReport }) {
  const { fmt, label: coreLabel } = useI18n();
  const t = useStrings(crossingReportStrings);
  const tf = useStrings(crossingFormStrings);
  const notStated = <span className="muted">{t('notStated')}</span>;
  const method = (m: string) => labelOf(m, isStatusMethod, (v) => tf(`method.${v}`));
  const queues = (q: unknown) => {
    const lines = queueText(q, (kind, n) => t(`queue.${kind}`, { n }));
    return lines.length > 0 ? fmt.list(lines) : notStated;
  };
  return (
    <div className="cr-details" data-testid={`report-details-${r.id}`}>
      <dl className="facts">
        <dt>{t('announcedBy')}</dt><dd data-testid="announced-by">{r.announced_by ?? notStated}</dd>
        <dt>{t('method')}</dt><dd data-testid="method">{method(r.method)}</dd>
        <dt>{t('source')}</dt><dd data-testid="source">{r.source ? <span dir="auto">{r.source}</span> : notStated}</dd>
        <dt>{t('queues')}</dt><dd data-testid="queues">{queues(r.queues)}</dd>
        <dt>{t('recordedBy')}</dt>
        <dd>{r.reporter_org}{r.reported_by && <> <span className="muted" dir="ltr">({r.reported_by})</span></>}</dd>
        <dt>{t('recordedAt')}</dt><dd>{fmt.dateTime(r.reported_at)}</dd>
        <dt>{t('visibility')}</dt><dd>{coreLabel('visibility', r.visibility)}</dd>
      </dl>
      {r.verifications.length === 0 ? <p className="muted" data-testid="verifications">{t('notVerified')}</p> : (
        <div className="table-wrap">
          <table data-testid="verifications">
            <caption>{t('verifications')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('v.by')}</th><th scope="col">{t('v.observed')}</th><th scope="col">{t('v.outcome')}</th>
                <th scope="col">{t('method')}</th><th scope="col">{t('queues')}</th><th scope="col">{t('v.note')}</th>
              </tr>
            </thead>
            <tbody>
              {r.verifications.map((v) => (
                <tr key={`${v.org}-${v.at}`} data-org={v.org} data-outcome={v.outcome}>
                  <th scope="row">{v.org}{v.user && <> <span className="muted" dir="ltr">({v.user})</span></>}</th>
                  <td>
                    {v.observed_at ? fmt.dateTime(v.observed_at) : notStated}
                    <div className="muted small">{t('v.recorded', { at: fmt.dateTime(v.at) })}</div>
                  </td>
                  <td data-testid="outcome">{labelOf(v.outcome, isVerificationOutcome, (o) => t(`outcome.${o}`))}</td>
                  <td>{method(v.method)}</td>
                  <td>{queues(v.queues)}</td>
                  <td>{v.note ? <span dir="auto">{v.note}</span> : notStated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
