/**
 * Reconcile a movement tally (POST /api/movements/:id/reconciliation): the
 * agreed figure, how it was agreed, and whether it is published to the
 * parties or to the public. The request names the count entries the mediator
 * was shown (`based_on`), so the server refuses (409) if a count changed in
 * the meantime. Offered when the tally's `actions` lists `reconcile`.
 */
import type { Tally } from '../../agreements/api.js';
import { crossingActionsApi, LIMITS, PUBLICATIONS, type RecordedTally } from '../../agreements/crossing-actions-api.js';
import { useI18n } from '../../i18n/context.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { reconcileBody } from './bodies.js';
import { ActionForm } from './form-shell.js';

export function ReconcileForm({ tally, onDone, onStale, onCancel }: {
  tally: Tally;
  onDone: (r: RecordedTally) => void;
  /** A count changed since the tally was read (409): the page reads it again, and the form then names the new counts. */
  onStale: () => void;
  onCancel: () => void;
}) {
  const { fmt, label } = useI18n();
  const t = useStrings(crossingFormStrings);
  const counts = fmt.list(tally.counts.map((c) => t('reconcile.countItem', { org: c.org, count: fmt.number(c.count) })));
  return (
    <ActionForm
      id={`reconcile-${tally.id}`} title={t('reconcile.title')} submitLabel={t('reconcile.submit')} focusFirst
      intro={(
        <>
          <p data-testid="reconcile-based-on">{t('reconcile.basedOn', { list: counts })}</p>
          {tally.reconciliation && <p className="muted">{t('reconcile.again', { count: fmt.number(tally.reconciliation.agreed_count) })}</p>}
        </>
      )}
      build={(f) => reconcileBody(f, tally)}
      send={(body) => crossingActionsApi.reconcile(tally.id, body)}
      onDone={onDone} onRefused={(e) => e.status === 409 && onStale()} onCancel={onCancel}
    >
      <label><span>{t('f.agreed')}</span><input name="agreed_count" type="number" inputMode="numeric" min={0} max={LIMITS.count} step={1} required aria-required="true" /></label>
      <label><span>{t('f.reconcileNote')}</span><textarea name="note" rows={3} maxLength={LIMITS.reconcileNote} required aria-required="true" dir="auto" /></label>
      <fieldset>
        <legend>{t('f.publication')}</legend>
        {PUBLICATIONS.map((p) => (
          <label key={p} className="check">
            <input type="radio" name="publication" value={p} defaultChecked={p === (tally.reconciliation?.publication ?? 'parties')} />
            <span>{label('visibility', p)}</span>
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
