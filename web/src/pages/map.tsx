/**
 * The offline map (/map): incidents and crossings over country boundaries,
 * with the incident list's filters in the URL (the same keys as /incidents,
 * so each links to the other keeping them), a legend, and a list of what the
 * map shows — including what it does not draw (region-only reports,
 * incidents without coordinates), counted by region.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IncidentSummary } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { mapStrings } from '../i18n/map.js';
import { useStrings } from '../i18n/strings.js';
import { filtersOf, loadCrossings, loadIncidents, withQuery, type CrossingSummary, type MapIncidents } from '../map/data.js';
import { loadCountries, type CountryPath } from '../map/geo.js';
import { CrossingDetail, IncidentItems, MapView } from '../map/map-view.js';
import { APPROX_RADIUS_KM, CROSSING_STATES, crossingState, placeAll, type CrossingState } from '../map/placement.js';
import { DEFAULT_VIEW, panBy, project, zoomBy, type View } from '../map/projection.js';
import { Link, useLocation } from '../router.js';

type Loaded<T> = T | { error: string } | undefined;
const failed = (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) });

export function MapPage() {
  const t = useStrings(mapStrings);
  const core = useI18n();
  const { fmt } = core;
  const { query } = useLocation();
  const filters = useMemo(() => filtersOf(query), [query]);
  const key = filters.toString();

  const [countries, setCountries] = useState<CountryPath[] | undefined>(undefined);
  const [incidents, setIncidents] = useState<Loaded<MapIncidents>>(undefined);
  const [crossings, setCrossings] = useState<Loaded<CrossingSummary[]>>(undefined);
  const [view, setViewState] = useState<View>(DEFAULT_VIEW);
  const setView = useCallback((f: (v: View) => View) => setViewState(f), []);

  useEffect(() => {
    let live = true;
    loadCountries().then((c) => live && setCountries(c), () => live && setCountries([]));
    loadCrossings().then((c) => live && setCrossings(c), (e: unknown) => live && setCrossings(failed(e)));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    let live = true;
    setIncidents(undefined);
    loadIncidents(new URLSearchParams(key)).then((r) => live && setIncidents(r), (e: unknown) => live && setIncidents(failed(e)));
    return () => {
      live = false;
    };
  }, [key]);

  const items = incidents && 'items' in incidents ? incidents.items : [];
  const placed = useMemo(() => placeAll(items, (i) => i.place), [items]);
  const crossingList = crossings && !('error' in crossings) ? crossings : [];
  const regionCount = placed.regions.reduce((n, r) => n + r.items.length, 0);

  const locate = (lon: number, lat: number) => {
    const [x, y] = project(lon, lat);
    setViewState((v) => ({ cx: x, cy: y, zoom: Math.max(v.zoom, 4) }));
    const svg = document.querySelector<SVGSVGElement>('[data-testid=map-svg]');
    svg?.focus({ preventScroll: true });
    svg?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section className="map-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="row map-links">
        <p data-testid="map-filters">{filters.size ? t('filters', { filters: describeFilters(filters, core) }) : t('noFilters')}</p>
        <Link className="button secondary" href={withQuery('/incidents', filters)} data-testid="map-show-list">{t('showList')}</Link>
        {filters.size > 0 && <Link className="button secondary" href="/map">{t('clearFilters')}</Link>}
      </div>
      {incidents === undefined && <p role="status">{core.t('common.loading')}</p>}
      {incidents && 'error' in incidents && <p className="error" role="alert">{core.t('common.error', { message: incidents.error })}</p>}
      {incidents && 'items' in incidents && (
        <p className="muted" role="status" data-testid="map-loaded">
          {t('loaded', { shown: fmt.number(incidents.items.length), total: fmt.number(incidents.total) })}
          {incidents.truncated && <> {t('truncated', { n: fmt.number(incidents.items.length) })}</>}
        </p>
      )}
      {crossings && 'error' in crossings && <p className="error" role="alert">{t('crossingsError', { message: crossings.error })}</p>}

      <div className="map-layout">
        <div className="map-main">
          <div className="map-controls" role="group" aria-label={t('controls')}>
            <button type="button" onClick={() => setView((v) => zoomBy(v, 1.5))} aria-label={t('zoomIn')} title={t('zoomIn')}>+</button>
            <button type="button" onClick={() => setView((v) => zoomBy(v, 1 / 1.5))} aria-label={t('zoomOut')} title={t('zoomOut')}>−</button>
            <button type="button" onClick={() => setView((v) => panBy(v, 0, -80))} aria-label={t('panN')} title={t('panN')}>↑</button>
            <button type="button" onClick={() => setView((v) => panBy(v, 0, 80))} aria-label={t('panS')} title={t('panS')}>↓</button>
            <button type="button" onClick={() => setView((v) => panBy(v, -80, 0))} aria-label={t('panW')} title={t('panW')}>←</button>
            <button type="button" onClick={() => setView((v) => panBy(v, 80, 0))} aria-label={t('panE')} title={t('panE')}>→</button>
            <button type="button" className="secondary" onClick={() => setView(() => DEFAULT_VIEW)}>{t('reset')}</button>
          </div>
          {countries === undefined && <p role="status">{t('loadingMap')}</p>}
          <MapView countries={countries} placed={placed} crossings={crossingList} view={view} setView={setView} regionCount={regionCount} />
          <Legend />
          <p className="muted map-attribution">{t('attribution')}</p>
        </div>

        <aside className="map-list" aria-labelledby="map-list-title" data-testid="map-list">
          <h2 id="map-list-title">{t('listTitle')}</h2>
          <h3>{t('listPins', { n: fmt.number(placed.pins.length) })}</h3>
          <LocatedList entries={placed.pins} locate={locate} testid="list-pins" />
          <h3>{t('listAreas', { n: fmt.number(placed.areas.length) })}</h3>
          <LocatedList entries={placed.areas} locate={locate} testid="list-areas" />
          <h3>{t('listRegions', { n: fmt.number(regionCount) })}</h3>
          {placed.regions.length === 0 ? <p className="muted">{t('none')}</p> : (
            <ul className="map-regions" data-testid="list-regions">
              {placed.regions.map((r) => (
                <li key={r.region}>
                  <details>
                    <summary>{t('regionCount', { region: r.region, n: fmt.number(r.items.length) })}</summary>
                    <IncidentItems items={r.items} />
                  </details>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('listCrossings', { n: fmt.number(crossingList.length) })}</h3>
          {crossingList.length === 0 ? <p className="muted">{t('none')}</p> : (
            <ul className="map-regions" data-testid="list-crossings">
              {crossingList.map((c) => (
                <li key={c.id}>
                  <details>
                    <summary>
                      <span className={`crossing-chip crossing-${crossingState(c.current)}`} aria-hidden="true" />
                      {c.name}: {t(`state.${crossingState(c.current)}`)}
                    </summary>
                    <CrossingDetail c={c} />
                    <button type="button" className="secondary" onClick={() => locate(c.longitude, c.latitude)}>{t('locate')}</button>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </section>
  );
}

function LocatedList({ entries, locate, testid }: { entries: Array<{ item: IncidentSummary; lon: number; lat: number }>; locate: (lon: number, lat: number) => void; testid: string }) {
  const t = useStrings(mapStrings);
  if (entries.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <ul className="map-located" data-testid={testid}>
      {entries.map((e) => (
        <li key={e.item.id}>
          <IncidentItems items={[e.item]} />
          <button type="button" className="secondary small" onClick={() => locate(e.lon, e.lat)} aria-label={`${t('locate')}: ${e.item.id}`}>{t('locate')}</button>
        </li>
      ))}
    </ul>
  );
}

function Legend() {
  const t = useStrings(mapStrings);
  const { fmt } = useI18n();
  const glyph: Record<CrossingState, string> = { open: '✓', closed: '×', restricted: '!', unknown: '?' };
  return (
    <section className="map-legend" aria-labelledby="map-legend-title" data-testid="map-legend">
      <h2 id="map-legend-title">{t('legend')}</h2>
      <ul>
        <li><svg viewBox="0 0 20 24" className="legend-icon" aria-hidden="true"><path className="legend-pin" d="M10 23c-2-6-8-9-8-15a8 8 0 1 1 16 0c0 6-6 9-8 15z" /></svg>{t('legendPin')}</li>
        <li><svg viewBox="0 0 24 24" className="legend-icon" aria-hidden="true"><circle className="legend-cluster" cx="12" cy="12" r="11" /><text x="12" y="12" dy="0.35em" textAnchor="middle">{fmt.number(3)}</text></svg>{t('legendCluster')}</li>
        <li><svg viewBox="0 0 24 24" className="legend-icon" aria-hidden="true"><circle className="legend-area" cx="12" cy="12" r="10" /></svg>{t('legendArea', { km: fmt.number(APPROX_RADIUS_KM) })}</li>
        <li>{t('legendCrossing')}
          <ul className="legend-states">
            {CROSSING_STATES.map((s) => (
              <li key={s} data-state={s}>
                <svg viewBox="0 0 24 24" className={`legend-icon map-crossing crossing-${s}`} aria-hidden="true">
                  <rect x="6" y="6" width="12" height="12" transform="rotate(45 12 12)" />
                  <text x="12" y="12" dy="0.35em" textAnchor="middle" className="map-glyph">{glyph[s]}</text>
                </svg>
                {t(`state.${s}`)}
              </li>
            ))}
          </ul>
        </li>
      </ul>
    </section>
  );
}

/** The active filters in words, with the list page's own labels. */
function describeFilters(q: URLSearchParams, core: ReturnType<typeof useI18n>): string {
  const parts: string[] = [];
  for (const [k, v] of q) {
    switch (k) {
      case 'status': parts.push(`${core.t('list.status')}: ${v.split(',').map((s) => core.label('status', s)).join(', ')}`); break;
      case 'category': parts.push(`${core.t('list.category')}: ${core.label('category', v)}`); break;
      case 'party': parts.push(`${core.t('list.party')}: ${v}`); break;
      case 'from': parts.push(`${core.t('list.from')}: ${core.fmt.date(v)}`); break;
      case 'to': parts.push(`${core.t('list.to')}: ${core.fmt.date(v)}`); break;
      case 'q': parts.push(`${core.t('list.q')}: “${v}”`); break;
      case 'overdue': if (v === 'true') parts.push(core.t('list.overdue')); break;
      default: parts.push(`${k}: ${v}`);
    }
  }
  return parts.join(' · ');
}

/** The shell's navigation link to the map (app.tsx). */
export function MapNavLink({ current }: { current: 'page' | undefined }) {
  const t = useStrings(mapStrings);
  return <Link href="/map" aria-current={current}>{t('nav')}</Link>;
}

/** "Show these on the map", for the incident list: the same filters, without the page cursor. */
export function ShowOnMapLink({ query }: { query: URLSearchParams }) {
  const t = useStrings(mapStrings);
  return <p><Link href={withQuery('/map', filtersOf(query))} data-testid="show-on-map">{t('showMap')}</Link></p>;
}
