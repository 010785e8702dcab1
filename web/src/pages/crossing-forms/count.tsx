/**
 * Report a count into a movement tally (POST /api/movements): crossing,
 * period, direction, category, the number of people, who counted (source),
 * method and note, who may read it — exactly the entry's fields, so no name
 * or document number can ride along. Offered to a party's liaison officers
 * (./may.ts), and filled in for a tally whose `actions` lists `report_count`.
 */
import { agreementsApi, MOVEMENT_CATEGORIES, type Tally } from '../../agreements/api.js';
import { crossingActionsApi, LIMITS, type RecordedTally } from '../../agreements/crossing-actions-api.js';
import { useEnumLabel, useLoad } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { countBody } from './bodies.js';
import { OrgInput, VisibilitySelect } from './fields.js';
import { ActionForm } from './form-shell.js';

export type TallyKey = Pick<Tally, 'crossing_id' | 'period_from' | 'period_to' | 'direction' | 'category'>;

function CrossingSelect({ defaultValue }: { defaultValue: string }) {
  const t = useStrings(crossingFormStrings);
  const { value } = useLoad(() => agreementsApi.crossings(), 'crossings');
  const items = value && 'data' in value ? value.data.items : [];
  return (
    <label>
      <span>{t('f.crossing')}</span>
      {/* Mounted again when the crossings arrive, so the default can select one of them. */}
      <select key={items.length} name="crossing_id" defaultValue={defaultValue} required aria-required="true">
        <option value="" disabled>{t('f.choose')}</option>
        {items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
    </label>
  );
}

export function ReportCountForm({ known, prefill, onDone }: { known: readonly string[]; prefill: TallyKey | null; onDone: (r: RecordedTally) => void }) {
  const { fmt } = useI18n();
  const t = useStrings(crossingFormStrings);
  const label = useEnumLabel();
  const p = prefill;
  return (
    <ActionForm
      id="report-count" level={2} title={t('count.title')} submitLabel={t('count.submit')} focusFirst={p !== null}
      intro={(
        <>
          <p>{t('count.intro')}</p>
          {p && <p className="muted" data-testid="count-prefilled">{t('count.prefilled', { crossing: p.crossing_id, period: `${fmt.date(p.period_from)} – ${fmt.date(p.period_to)}` })}</p>}
          <p className="muted small">{t('hint.noPersonal')}</p>
        </>
      )}
      build={countBody}
      send={(body) => crossingActionsApi.reportCount(body)}
      onDone={onDone}
    >
      <CrossingSelect defaultValue={p?.crossing_id ?? ''} />
      <div className="row cf-pair">
        <label><span>{t('f.periodFrom')}</span><input name="period_from" type="date" required aria-required="true" defaultValue={p?.period_from ?? ''} /></label>
        <label><span>{t('f.periodTo')}</span><input name="period_to" type="date" required aria-required="true" defaultValue={p?.period_to ?? ''} /></label>
      </div>
      <OrgInput name="into" label={t('f.into')} known={known} required defaultValue={p?.direction.replace(/^into_/, '') ?? ''} />
      <label>
        <span>{t('f.category')}</span>
        <select name="category" defaultValue={p?.category ?? ''} required aria-required="true">
          <option value="" disabled>{t('f.choose')}</option>
          {MOVEMENT_CATEGORIES.map((c) => <option key={c} value={c}>{label('mcat', c)}</option>)}
        </select>
      </label>
      <label><span>{t('f.count')}</span><input name="count" type="number" inputMode="numeric" min={0} max={LIMITS.count} step={1} required aria-required="true" /></label>
      <label><span>{t('f.countSource')}</span><input name="source" maxLength={LIMITS.countSource} required aria-required="true" dir="auto" /></label>
      <label><span>{t('f.countMethod')}</span><input name="method" maxLength={LIMITS.countMethod} dir="auto" /></label>
      <label><span>{t('f.countNote')}</span><textarea name="note" rows={2} maxLength={LIMITS.countNote} dir="auto" /></label>
      <VisibilitySelect defaultValue="parties" label={t('f.visibility')} />
    </ActionForm>
  );
}
