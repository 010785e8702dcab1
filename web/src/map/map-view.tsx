/**
 * The map itself: an SVG (title, description, keyboard pan and zoom) with
 * country boundaries, incident pins and clusters, approximate areas and
 * crossing markers, plus the popover that lists what a marker stands for.
 * Pan with the mouse (drag), the wheel, the keyboard (arrows, + and −, 0) or
 * the buttons; markers are buttons (Tab, Enter or Space). The map never
 * mirrors in right-to-left languages (north is up, east is right), the
 * controls around it do.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { IncidentSummary } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { mapStrings } from '../i18n/map.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';
import { clusterPoints } from './cluster.js';
import type { CrossingSummary } from './data.js';
import type { CountryPath } from './geo.js';
import { crossingState, type CrossingState, type Placed } from './placement.js';
import {
  DEFAULT_VIEW, HEIGHT, kmToScreen, panBy, project, toScreen, transformOf, WIDTH, zoomBy, type Pt, type View,
} from './projection.js';

/** Pins closer than this (SVG units) are drawn as one cluster. */
export const CLUSTER_RADIUS = 26;
const PAN_STEP = 80;
const ZOOM_STEP = 1.5;
/** Countries drawn a little stronger: the parties. */
const FOCUS = new Set(['Afghanistan', 'Pakistan']);

type Popover =
  | { kind: 'incidents'; x: number; y: number; items: IncidentSummary[] }
  | { kind: 'crossing'; x: number; y: number; crossing: CrossingSummary };

export interface MapViewProps {
  countries: CountryPath[] | undefined;
  placed: Placed<IncidentSummary>;
  crossings: CrossingSummary[];
  view: View;
  setView: (f: (v: View) => View) => void;
  regionCount: number;
}

function placeName(i: IncidentSummary): string {
  const p = i.place as { location?: string; admin2?: string; admin1?: string; country: string };
  return p.location ?? p.admin2 ?? p.admin1 ?? p.country;
}

export function MapView({ countries, placed, crossings, view, setView, regionCount }: MapViewProps) {
  const t = useStrings(mapStrings);
  const { fmt, locale } = useI18n();
  const ids = useId();
  const svg = useRef<SVGSVGElement>(null);
  const [popover, setPopover] = useState<Popover | undefined>(undefined);
  const opener = useRef<Element | null>(null);
  const popRef = useRef<HTMLDivElement>(null);

  // Screen positions and clusters for the current view.
  const pins = useMemo(() => clusterPoints(placed.pins.map((p) => {
    const [x, y] = toScreen(view, project(p.lon, p.lat));
    return { id: p.item.id, x, y, item: p.item };
  }), CLUSTER_RADIUS), [placed.pins, view]);
  const areaRadius = Math.max(13, kmToScreen(view, placed.areas[0]?.radiusKm ?? 15));
  const areas = useMemo(() => clusterPoints(placed.areas.map((p) => {
    const [x, y] = toScreen(view, project(p.lon, p.lat));
    return { id: p.item.id, x, y, item: p.item };
  }), Math.max(CLUSTER_RADIUS, areaRadius * 0.8)), [placed.areas, view, areaRadius]);
  const crossingMarks = useMemo(() => crossings.map((c) => {
    const [x, y] = toScreen(view, project(c.longitude, c.latitude));
    return { c, x, y, state: crossingState(c.current) };
  }), [crossings, view]);

  // The wheel zooms around the pointer (a non-passive listener, so the page does not scroll too).
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const at = screenPoint(el, e.clientX, e.clientY);
      setView((v) => zoomBy(v, e.deltaY < 0 ? 1.25 : 0.8, at));
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  }, [setView]);

  // The popover takes focus when it opens and gives it back when it closes.
  useEffect(() => {
    if (popover) popRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [popover]);
  const closePopover = () => {
    setPopover(undefined);
    const back = opener.current;
    if (back instanceof SVGElement || back instanceof HTMLElement) back.focus();
  };

  // Drag to pan; pointer capture only once it is a drag, so a click on a marker stays a click.
  const drag = useRef<{ id: number; x: number; y: number; moved: boolean } | null>(null);
  const down = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  };
  const move = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    const el = svg.current;
    if (!d || !el || d.id !== e.pointerId) return;
    const scale = WIDTH / el.getBoundingClientRect().width;
    const dx = (e.clientX - d.x) * scale;
    const dy = (e.clientY - d.y) * scale;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      el.setPointerCapture(e.pointerId);
      setPopover(undefined);
    }
    d.x = e.clientX;
    d.y = e.clientY;
    setView((v) => panBy(v, -dx, -dy));
  };
  const up = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  const keys = (e: KeyboardEvent<SVGSVGElement>) => {
    const act: Record<string, () => View> = {
      ArrowLeft: () => panBy(view, -PAN_STEP, 0),
      ArrowRight: () => panBy(view, PAN_STEP, 0),
      ArrowUp: () => panBy(view, 0, -PAN_STEP),
      ArrowDown: () => panBy(view, 0, PAN_STEP),
      '+': () => zoomBy(view, ZOOM_STEP),
      '=': () => zoomBy(view, ZOOM_STEP),
      '-': () => zoomBy(view, 1 / ZOOM_STEP),
      _: () => zoomBy(view, 1 / ZOOM_STEP),
      '0': () => DEFAULT_VIEW,
    };
    const f = act[e.key];
    if (f && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setView(f);
    } else if (e.key === 'Escape' && popover) {
      e.preventDefault();
      closePopover();
    }
  };

  const open = (target: Element, p: Popover) => {
    opener.current = target;
    setPopover(p);
  };
  const markerKeys = (p: Popover) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      open(e.currentTarget, p);
    }
  };
  const stateLabel = (s: CrossingState) => t(`state.${s}`);

  return (
    <div className="map-frame" dir="ltr">
      <svg
        ref={svg}
        className="map-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-labelledby={`${ids}-t`}
        aria-describedby={`${ids}-d`}
        tabIndex={0}
        onKeyDown={keys}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid="map-svg"
        data-zoom={view.zoom}
      >
        <title id={`${ids}-t`}>{t('svgTitle')}</title>
        <desc id={`${ids}-d`}>{t('svgDesc', {
          pins: fmt.number(placed.pins.length), areas: fmt.number(placed.areas.length), crossings: fmt.number(crossings.length), regions: fmt.number(regionCount),
        })}</desc>
        <rect className="map-sea" x={0} y={0} width={WIDTH} height={HEIGHT} />
        <g transform={transformOf(view)} aria-hidden="true">
          {countries?.map((c) => <path key={c.id} d={c.d} className={FOCUS.has(c.name) ? 'map-country focus' : 'map-country'} vectorEffect="non-scaling-stroke" />)}
        </g>
        <g className="map-crossings">
          {crossingMarks.map(({ c, x, y, state }) => {
            const p: Popover = { kind: 'crossing', x, y, crossing: c };
            const label = `${c.name} · ${stateLabel(state)}`;
            return (
              <g key={c.id} role="button" tabIndex={0} aria-label={t('crossingLabel', { name: c.name, state: stateLabel(state) })}
                className={`map-crossing crossing-${state}`} data-testid="map-crossing" data-crossing={c.id} data-state={state}
                onClick={(e) => open(e.currentTarget, p)} onKeyDown={markerKeys(p)}>
                <rect x={x - 10} y={y - 10} width={20} height={20} transform={`rotate(45 ${x} ${y})`} />
                <CrossingGlyph x={x} y={y} state={state} />
                <text x={x + 18} y={y} dy="0.35em" direction={locale.dir} textAnchor={locale.dir === 'rtl' ? 'end' : 'start'} className="map-label">{label}</text>
              </g>
            );
          })}
        </g>
        <g className="map-areas">
          {areas.map((a) => {
            const one = a.members.length === 1 ? a.members[0]! : undefined;
            const label = one ? t('areaOne', { id: one.id, place: placeName(one), title: one.title }) : t('areaMany', { n: fmt.number(a.members.length) });
            const p: Popover = { kind: 'incidents', x: a.x, y: a.y, items: a.members };
            return (
              <g key={a.key} role="button" tabIndex={0} aria-label={label} className="map-area" data-testid="map-area" data-ids={a.ids.join(' ')}
                onClick={(e) => open(e.currentTarget, p)} onKeyDown={markerKeys(p)}>
                <circle cx={a.x} cy={a.y} r={areaRadius} />
                {!one && <text x={a.x} y={a.y} dy="0.35em" textAnchor="middle">{fmt.number(a.members.length)}</text>}
              </g>
            );
          })}
        </g>
        <g className="map-pins">
          {pins.map((c) => {
            const one = c.members.length === 1 ? c.members[0]! : undefined;
            const label = one ? t('pinOne', { id: one.id, title: one.title }) : t('pinMany', { n: fmt.number(c.members.length) });
            const p: Popover = { kind: 'incidents', x: c.x, y: c.y, items: c.members };
            return (
              <g key={c.key} role="button" tabIndex={0} aria-label={label} className={one ? 'map-pin' : 'map-cluster'}
                data-testid={one ? 'map-pin' : 'map-cluster'} data-ids={c.ids.join(' ')}
                onClick={(e) => open(e.currentTarget, p)} onKeyDown={markerKeys(p)}>
                {one
                  ? <path d={`M${c.x} ${c.y}c-2.5-7.5-10-11-10-19a10 10 0 1 1 20 0c0 8-7.5 11.5-10 19z`} />
                  : <>
                      <circle cx={c.x} cy={c.y} r={17} />
                      <text x={c.x} y={c.y} dy="0.35em" textAnchor="middle">{fmt.number(c.members.length)}</text>
                    </>}
                {one && <circle cx={c.x} cy={c.y - 19} r={4} className="map-pin-dot" />}
              </g>
            );
          })}
        </g>
      </svg>
      {popover && (
        <div
          ref={popRef}
          className={`map-popover${popover.x > WIDTH * 0.6 ? ' flip' : ''}`}
          dir={locale.dir}
          role="dialog"
          aria-labelledby={`${ids}-p`}
          data-testid="map-popover"
          style={{ left: `${(popover.x / WIDTH) * 100}%`, top: `${(popover.y / HEIGHT) * 100}%` }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closePopover();
            }
          }}
        >
          <div className="map-popover-head">
            <h2 id={`${ids}-p`} tabIndex={-1}>{popover.kind === 'crossing' ? popover.crossing.name : t('incidentsHere')}</h2>
            <button type="button" onClick={closePopover} aria-label={t('close')}>×</button>
          </div>
          {popover.kind === 'incidents' ? <IncidentItems items={popover.items} /> : <CrossingDetail c={popover.crossing} />}
        </div>
      )}
    </div>
  );
}

/** A second cue beside colour: ✓ open, × closed, ! restricted, ? unknown. */
function CrossingGlyph({ x, y, state }: { x: number; y: number; state: CrossingState }) {
  const g = { open: '✓', closed: '×', restricted: '!', unknown: '?' }[state];
  return <text x={x} y={y} dy="0.35em" textAnchor="middle" className="map-glyph" aria-hidden="true">{g}</text>;
}

export function IncidentItems({ items }: { items: IncidentSummary[] }) {
  const t = useStrings(mapStrings);
  const { fmt, label } = useI18n();
  return (
    <ul className="map-items">
      {items.map((i) => (
        <li key={i.id}>
          <Link href={`/incidents/${i.id}`}><bdi dir="ltr">{i.id}</bdi> <bdi>{i.title}</bdi></Link>
          <span className="muted"> · {fmt.date(i.event_date)} · {label('status', i.status)} · {precisionLabel(t, i)}</span>
        </li>
      ))}
    </ul>
  );
}

export function precisionLabel(t: ReturnType<typeof useStrings<keyof typeof mapStrings.en>>, i: IncidentSummary): string {
  const p = i.place as { latitude?: number; geo_precision: number };
  if (typeof p.latitude !== 'number') return t('noCoordinates');
  return p.geo_precision === 1 ? t('precision.1') : p.geo_precision === 2 ? t('precision.2') : t('precision.3');
}

export function CrossingDetail({ c }: { c: CrossingSummary }) {
  const t = useStrings(mapStrings);
  const { fmt } = useI18n();
  return (
    <>
      <p><strong>{t(`state.${crossingState(c.current)}`)}</strong></p>
      <ul className="map-items">
        {c.current.map((s) => (
          <li key={`${s.side}/${s.traffic_type}`}>
            {t('sideStatus', { side: s.side, traffic: trafficLabel(t, s.traffic_type), state: t(`state.${s.status ?? 'unknown'}`) })}
            {s.since && <span className="muted"> · {t('since', { time: fmt.dateTime(s.since) })}</span>}
          </li>
        ))}
      </ul>
      <p><Link href={`/crossings/${c.id}`}>{t('crossingPage')}</Link></p>
    </>
  );
}

function trafficLabel(t: ReturnType<typeof useStrings<keyof typeof mapStrings.en>>, tt: string): string {
  return tt === 'cargo' || tt === 'pedestrians' || tt === 'returnees' || tt === 'humanitarian' ? t(`traffic.${tt}`) : tt;
}

/** A client point → SVG units. */
function screenPoint(el: SVGSVGElement, clientX: number, clientY: number): Pt {
  const r = el.getBoundingClientRect();
  return [((clientX - r.left) / r.width) * WIDTH, ((clientY - r.top) / r.height) * HEIGHT];
}
