/**
 * A crossing's status reports (the table of pages/crossings.tsx), each with
 * a button that opens its details in a row below (./crossing-report-details.tsx),
 * and what the viewer may do on each report exactly as its `actions` lists it:
 * verify, link the closure, file a complaint from it. The chosen action's
 * form opens in a row right below its report; a complaint, once filed,
 * opens the new incident.
 */
import { Fragment, useState, type ReactNode } from 'react';
import type { CrossingDetail } from '../agreements/api.js';
import type { RecordedReport } from '../agreements/crossing-actions-api.js';
import { Id, Pill, useEnumLabel } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { crossingFormStrings } from '../i18n/crossing-forms.js';
import { useStrings } from '../i18n/strings.js';
import { Link, navigate } from '../router.js';
import { DetailsToggle, detailsIdOf, ReportDetails } from './crossing-report-details.js';
import { RowActionButtons, RowActionForm, rowActionsOf, type RowAction } from './crossing-forms/row-actions.js';

export function ReportsSection({ c, recorded, onRecorded }: { c: CrossingDetail; recorded: ReactNode; onRecorded: (answer: RecordedReport) => void }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const tf = useStrings(crossingFormStrings);
  const label = useEnumLabel();
  const [open, setOpen] = useState<{ report: string; action: RowAction } | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setExpanded((was) => {
    const now = new Set(was);
    if (!now.delete(id)) now.add(id);
    return now;
  });
  const acts = c.reports.some((r) => rowActionsOf(r).length > 0);
  const columns = acts ? 9 : 8;
  return (
    <section aria-labelledby="rep-h">
      <h2 id="rep-h">{t('cross.reports')}</h2>
      {recorded}
      <div className="table-wrap">
        <table data-testid="crossing-reports">
          <thead>
            <tr>
              <th scope="col">{t('col.id')}</th><th scope="col">{t('cross.side')}</th><th scope="col">{t('cross.traffic')}</th>
              <th scope="col">{t('com.status')}</th><th scope="col">{t('cross.effective')}</th><th scope="col">{t('col.by')}</th>
              <th scope="col">{t('cross.verified')}</th><th scope="col">{t('cross.reason')}</th>
              {acts && <th scope="col">{tf('col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {c.reports.map((r) => {
              const action = open?.report === r.id && r.actions.includes(open.action) ? open.action : null;
              return (
                <Fragment key={r.id}>
                  <tr data-id={r.id} data-verified={r.verified} data-disputed={r.disputed}>
                    <td>
                      <Id>{r.id}</Id>
                      <div><DetailsToggle report={r} open={expanded.has(r.id)} onToggle={() => toggle(r.id)} /></div>
                    </td>
                    <td>{r.side}</td>
                    <td>{fmt.list(r.traffic_types.map((x) => label('traffic', x)))}</td>
                    <td><Pill kind="cstatus" value={r.status}>{label('cstatus', r.status)}</Pill></td>
                    <td>{t('cross.fromTo', { from: fmt.dateTime(r.effective_from), to: r.effective_to ? fmt.dateTime(r.effective_to) : t('cross.now') })}</td>
                    <td>{r.reporter_org}</td>
                    <td data-testid="verified">{r.disputed ? t('cross.disputed') : r.verified ? t('cross.yes') : t('cross.no')}</td>
                    <td>
                      {r.reason && <span dir="auto">{r.reason}</span>}
                      {r.incident_id && <> <Link href={`/incidents/${r.incident_id}`} dir="ltr">{r.incident_id}</Link></>}
                      {r.commitment_id && <> <Link href={`/commitments/${r.commitment_id}`} dir="ltr">{r.commitment_id}</Link></>}
                    </td>
                    {acts && (
                      <td><RowActionButtons report={r} open={action} onOpen={(a) => setOpen(a ? { report: r.id, action: a } : null)} /></td>
                    )}
                  </tr>
                  {expanded.has(r.id) && (
                    <tr className="cr-details-row" id={detailsIdOf(r)}>
                      <td colSpan={columns}><ReportDetails report={r} /></td>
                    </tr>
                  )}
                  {action && (
                    <tr className="cf-form-row">
                      <td colSpan={columns}>
                        <RowActionForm
                          crossingId={c.id} report={r} action={action}
                          onRecorded={(answer) => { setOpen(null); onRecorded(answer); }}
                          onFiled={(answer) => navigate(`/incidents/${answer.incident.id}`)}
                          onCancel={() => setOpen(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
