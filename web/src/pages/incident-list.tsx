/**
 * Incidents the viewer may read (GET /api/incidents), newest first, with the
 * API's filters and keyset paging. Filters and the page cursor live in the
 * URL, so a filtered list can be bookmarked, shared and linked (the map will
 * use the same query).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type IncidentList, type IncidentSummary } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { useStrings } from '../i18n/strings.js';
import { userTextStrings } from '../i18n/user-text.js';
import { INCIDENT_STATUSES, VIOLATION_CATEGORIES } from '../lists.js';
import { Link, navigate, useLocation } from '../router.js';
import { listedTitle } from '../user-text.js';
import { ShowOnMapLink } from './map.js';

const PAGE_SIZE = 50;
const FILTERS = ['party', 'status', 'category', 'from', 'to', 'q', 'overdue'] as const;

/** The title in the reader's language when the filer gave a translation (marked as one; the detail page has the text as filed). */
function ListedTitle({ item }: { item: IncidentSummary }) {
  const { locale } = useI18n();
  const t = useStrings(userTextStrings);
  const shown = listedTitle(item, locale.code);
  return (
    <>
      <bdi lang={shown.language ?? undefined} dir="auto">{shown.text}</bdi>
      {shown.translated && <span className="muted" data-testid="title-translated"> ({t('listTranslated')})</span>}
    </>
  );
}

export function IncidentListPage() {
  const { t, fmt, label } = useI18n();
  const { query } = useLocation();
  const [list, setList] = useState<IncidentList | { error: string } | undefined>(undefined);
  const key = query.toString();
  const page = Number(query.get('page') ?? '1') || 1;

  useEffect(() => {
    let live = true;
    const q = new URLSearchParams();
    for (const f of [...FILTERS, 'cursor'] as const) {
      const v = query.get(f);
      if (v) q.set(f, v);
    }
    q.set('limit', String(PAGE_SIZE));
    setList(undefined);
    api.incidents(q).then((r) => live && setList(r), (e: unknown) => live && setList({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the query string is the dependency
  }, [key]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(form.get(f) ?? '').trim();
      if (f === 'overdue') {
        if (form.get(f)) q.set(f, 'true');
      } else if (v) q.set(f, v);
    }
    navigate(`/incidents${q.size ? `?${q}` : ''}`);
  };

  const nextHref = (cursor: string) => {
    const q = new URLSearchParams(query);
    q.set('cursor', cursor);
    q.set('page', String(page + 1));
    return `/incidents?${q}`;
  };
  const firstHref = () => {
    const q = new URLSearchParams(query);
    q.delete('cursor');
    q.delete('page');
    return `/incidents${q.size ? `?${q}` : ''}`;
  };

  return (
    <section>
      <h1>{t('list.title')}</h1>
      <form className="filters" onSubmit={apply} key={key} aria-label={t('list.filters')}>
        <label><span>{t('list.q')}</span><input name="q" type="search" defaultValue={query.get('q') ?? ''} maxLength={200} /></label>
        <label><span>{t('list.party')}</span><input name="party" defaultValue={query.get('party') ?? ''} maxLength={32} dir="ltr" /></label>
        <label>
          <span>{t('list.status')}</span>
          <select name="status" defaultValue={query.get('status') ?? ''}>
            <option value="">{t('common.any')}</option>
            {INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{label('status', s)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('list.category')}</span>
          <select name="category" defaultValue={query.get('category') ?? ''}>
            <option value="">{t('common.any')}</option>
            {VIOLATION_CATEGORIES.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
          </select>
        </label>
        <label><span>{t('list.from')}</span><input name="from" type="date" defaultValue={query.get('from') ?? ''} /></label>
        <label><span>{t('list.to')}</span><input name="to" type="date" defaultValue={query.get('to') ?? ''} /></label>
        <label className="check"><input name="overdue" type="checkbox" defaultChecked={query.get('overdue') === 'true'} /><span>{t('list.overdue')}</span></label>
        <div className="row">
          <button type="submit">{t('list.apply')}</button>
          <Link className="button secondary" href="/incidents">{t('list.reset')}</Link>
        </div>
      </form>

      {list === undefined && <p role="status">{t('common.loading')}</p>}
      {list && 'error' in list && <p className="error" role="alert">{t('common.error', { message: list.error })}</p>}
      {list && 'items' in list && (
        <>
          <p className="muted" data-testid="incident-total">{t('list.total', { n: list.total })} · {t('list.page', { n: fmt.number(page) })}</p>
          <ShowOnMapLink query={query} />
          {list.items.length === 0 ? <p>{t('list.empty')}</p> : (
            <div className="table-wrap">
              <table data-testid="incident-table">
                <thead>
                  <tr>
                    <th scope="col">{t('col.id')}</th>
                    <th scope="col">{t('col.title')}</th>
                    <th scope="col">{t('col.status')}</th>
                    <th scope="col">{t('col.accused')}</th>
                    <th scope="col">{t('col.complainant')}</th>
                    <th scope="col">{t('col.eventDate')}</th>
                    <th scope="col">{t('col.pending')}</th>
                    <th scope="col">{t('col.deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((i) => (
                    <tr key={i.id}>
                      <td><Link href={`/incidents/${i.id}`} dir="ltr">{i.id}</Link></td>
                      <td><ListedTitle item={i} /></td>
                      <td><span className={`status status-${i.status}`}>{label('status', i.status)}</span></td>
                      <td>{i.accused_party ?? t('common.none')}</td>
                      <td>{i.complainant_org}</td>
                      <td>{fmt.date(i.event_date)}</td>
                      <td>{i.pending_step ? `${label('step', i.pending_step)}${i.pending_on ? ` (${i.pending_on})` : ''}` : t('common.none')}</td>
                      <td>
                        {fmt.dateTime(i.deadline_at)}
                        {i.overdue && <strong className="overdue"> {t('col.overdue')}</strong>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="row" aria-label={t('list.page', { n: fmt.number(page) })}>
            {query.get('cursor') && <Link className="button secondary" href={firstHref()}>{t('list.first')}</Link>}
            {list.next_cursor && <Link className="button" href={nextHref(list.next_cursor)} rel="next">{t('list.next')}</Link>}
          </nav>
        </>
      )}
    </section>
  );
}
