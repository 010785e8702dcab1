/**
 * Movement tallies (GET /api/movements): for each crossing, period, direction
 * and category, each party's count, the mediators' reconciled figure, and the
 * discrepancy between the counts (absolute and %). Aggregates only.
 * A party's liaison reports its counts here, and a mediator reconciles a
 * tally when the server lists `reconcile` on it (./crossing-forms/).
 */
import { Fragment, useState } from 'react';
import { agreementsApi, type Tally, type TallyList } from '../agreements/api.js';
import type { RecordedTally } from '../agreements/crossing-actions-api.js';
import { Gate, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { crossingFormStrings } from '../i18n/crossing-forms.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ReportCountForm, type TallyKey } from './crossing-forms/count.js';
import { ReconcileForm } from './crossing-forms/reconcile.js';

/** The parties the tallies name (directions and counting organisations), and the viewer's own party, for suggestions. */
function knownParties(list: TallyList, own: string | undefined): string[] {
  const named = list.items.flatMap((x) => [x.direction.replace(/^into_/, ''), ...x.counts.map((c) => c.org)]);
  return [...new Set([...(own ? [own] : []), ...named])].sort();
}

export function MovementsPage() {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const tf = useStrings(crossingFormStrings);
  const label = useEnumLabel();
  const { viewer, canWrite } = useSession();
  const { value, set, reload } = useLoad(() => agreementsApi.movements(new URLSearchParams()), 'movements');
  const [open, setOpen] = useState<string | null>(null);
  const [prefill, setPrefill] = useState<TallyKey | null>(null);
  // Each "report a count for this tally" mounts the form afresh (filled in, focused), even for the same tally twice.
  const [prefillRound, setPrefillRound] = useState(0);
  const [recorded, setRecorded] = useState<{ index: number; where: 'table' | 'form' } | null>(null);
  /** The server's answer at once, then the list again (totals, and tallies another party may have changed). */
  const written = (list: TallyList, r: RecordedTally, where: 'table' | 'form') => {
    const known = list.items.some((x) => x.id === r.tally.id);
    set({ ...list, items: known ? list.items.map((x) => (x.id === r.tally.id ? r.tally : x)) : [...list.items, r.tally] });
    setOpen(null);
    setPrefill(null);
    setRecorded({ index: r.entry.index, where });
    reload();
  };
  const recordedLine = (where: 'table' | 'form') => recorded?.where === where && (
    <p className="success" role="status" data-testid="movement-recorded">{core('common.recorded', { index: fmt.number(recorded.index) })}</p>
  );
  return (
    <section>
      <h1>{t('mov.title')}</h1>
      <p><Link href="/crossings">{t('cross.title')}</Link></p>
      <Gate value={value} next="/movements">
        {(list) => {
          const orgs = [...new Set(list.items.flatMap((x) => x.counts.map((c) => c.org)))].sort();
          const acts = list.items.some((x) => x.actions.includes('reconcile') || x.actions.includes('report_count'));
          const columns = 6 + orgs.length + (acts ? 1 : 0);
          const mayCount = list.actions.includes('report_count');
          const actionCell = (x: Tally) => (
            <td>
              <div className="ag-actions" data-testid={`tally-actions-${x.id}`}>
                {x.actions.includes('reconcile') && (
                  <button
                    type="button" className={open === x.id ? undefined : 'secondary'} disabled={!canWrite}
                    aria-expanded={open === x.id} aria-controls={open === x.id ? `reconcile-${x.id}` : undefined}
                    onClick={() => setOpen(open === x.id ? null : x.id)}
                  >
                    {tf('act.reconcile')}
                  </button>
                )}
                {x.actions.includes('report_count') && (
                  <button type="button" className="secondary" disabled={!canWrite} aria-controls="report-count" onClick={() => { setPrefill({ ...x }); setPrefillRound((n) => n + 1); }}>
                    {tf('count.forTally')}
                  </button>
                )}
              </div>
            </td>
          );
          return (
            <>
              <p className="muted" data-testid="movement-totals">
                {t('mov.totals', { n: list.totals.tallies, r: fmt.number(list.totals.reconciled), agreed: list.totals.agreed })}
              </p>
              {recordedLine('table')}
              {list.items.length === 0 ? <p>{t('empty')}</p> : (
                <div className="table-wrap">
                  <table data-testid="movement-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('mov.crossing')}</th>
                        <th scope="col">{t('mov.period')}</th>
                        <th scope="col">{t('mov.direction')}</th>
                        <th scope="col">{t('mov.category')}</th>
                        {orgs.map((o) => <th key={o} scope="col">{t('mov.countOf', { org: o })}</th>)}
                        <th scope="col">{t('mov.reconciled')}</th>
                        <th scope="col">{t('mov.discrepancy')}</th>
                        {acts && <th scope="col">{tf('col.actions')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((x) => (
                        <Fragment key={x.id}>
                          <tr data-id={x.id}>
                            <td><Link href={`/crossings/${x.crossing_id}`}>{x.crossing_id}</Link></td>
                            <td>{fmt.date(x.period_from)} – {fmt.date(x.period_to)}</td>
                            <td>{t('mov.into', { party: x.direction.replace(/^into_/, '') })}</td>
                            <td>{label('mcat', x.category)}</td>
                            {orgs.map((o) => {
                              const c = x.counts.find((k) => k.org === o);
                              return <td key={o} className="num" data-org={o}>{c ? fmt.number(c.count) : core('common.none')}</td>;
                            })}
                            <td className="num" data-testid="reconciled">
                              {x.reconciliation ? <><strong>{fmt.number(x.reconciliation.agreed_count)}</strong> <span className="muted">({x.reconciliation.org})</span></> : t('mov.notReconciled')}
                            </td>
                            <td className="num" data-testid="discrepancy">
                              {x.discrepancy
                                ? t('mov.diff', { abs: fmt.number(x.discrepancy.absolute), pct: fmt.number(Math.round(x.discrepancy.percent * 10) / 10) })
                                : core('common.none')}
                            </td>
                            {acts && actionCell(x)}
                          </tr>
                          {open === x.id && x.actions.includes('reconcile') && (
                            <tr className="cf-form-row">
                              <td colSpan={columns}>
                                <ReconcileForm tally={x} onDone={(r) => written(list, r, 'table')} onStale={reload} onCancel={() => setOpen(null)} />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted small">{t('mov.aggregates')}</p>
              {mayCount && (
                <div className="cf-section">
                  {recordedLine('form')}
                  <ReportCountForm
                    key={prefill ? `prefill-${prefillRound}` : 'blank'}
                    known={knownParties(list, viewer?.org_kind === 'party' ? viewer.org : undefined)} prefill={prefill}
                    onDone={(r) => written(list, r, 'form')}
                  />
                </div>
              )}
            </>
          );
        }}
      </Gate>
    </section>
  );
}
