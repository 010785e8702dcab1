/**
 * Movement tallies (GET /api/movements): for each crossing, period, direction
 * and category, each party's count, the mediators' reconciled figure, and the
 * discrepancy between the counts (absolute and %). Aggregates only.
 */
import { agreementsApi } from '../agreements/api.js';
import { Gate, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';

export function MovementsPage() {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { value } = useLoad(() => agreementsApi.movements(new URLSearchParams()), 'movements');
  return (
    <section>
      <h1>{t('mov.title')}</h1>
      <p><Link href="/crossings">{t('cross.title')}</Link></p>
      <Gate value={value} next="/movements">
        {(list) => {
          const orgs = [...new Set(list.items.flatMap((x) => x.counts.map((c) => c.org)))].sort();
          return (
            <>
              <p className="muted" data-testid="movement-totals">
                {t('mov.totals', { n: fmt.number(list.totals.tallies), r: fmt.number(list.totals.reconciled), agreed: fmt.number(list.totals.agreed) })}
              </p>
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
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((x) => (
                        <tr key={x.id} data-id={x.id}>
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
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted small">{t('mov.aggregates')}</p>
            </>
          );
        }}
      </Gate>
    </section>
  );
}
