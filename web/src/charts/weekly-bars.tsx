/**
 * Stacked weekly bars, plain SVG. Time runs in the reading direction: from
 * the inline start, so right to left under dir="rtl". The SVG is one image
 * with a summary label; the same numbers are always offered as a table
 * (WeeklyTable), which is what screen readers and keyboard users get.
 */
import { useI18n } from '../i18n/context.js';

export interface Series { key: string; label: string; values: number[] }

/** Colours distinguishable in common colour-vision deficiencies (Okabe–Ito), each also named in the legend and table. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const W = 640;
const H = 220;
const PAD = { start: 36, end: 8, top: 10, bottom: 36 };

function niceMax(n: number): number {
  if (n <= 4) return Math.max(n, 1);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function WeeklyBars({ weeks, series, label, testId, colors = PALETTE }: {
  weeks: readonly string[]; series: readonly Series[]; label: string; testId?: string; colors?: readonly string[];
}) {
  const { fmt, locale } = useI18n();
  const rtl = locale.dir === 'rtl';
  const totals = weeks.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - PAD.start - PAD.end;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(weeks.length, 1);
  const barW = Math.max(2, slot * 0.7);
  // x of a slot's start, from the inline start edge.
  const x = (i: number, w: number) => (rtl ? W - PAD.start - (i + 1) * slot + (slot - w) / 2 : PAD.start + i * slot + (slot - w) / 2);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const axisX = rtl ? W - PAD.start : PAD.start;
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const every = Math.ceil(weeks.length / 6);
  return (
    <figure className="dash-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <title>{label}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={rtl ? PAD.end : PAD.start} x2={rtl ? W - PAD.start : W - PAD.end} y1={y(t)} y2={y(t)} stroke="#c9d1d9" strokeWidth={1} />
            <text x={rtl ? axisX + 4 : axisX - 4} y={y(t) + 4} fontSize={11} fill="#57606a" textAnchor={rtl ? 'start' : 'end'}>{fmt.number(t)}</text>
          </g>
        ))}
        {weeks.map((w, i) => {
          let acc = 0;
          return (
            <g key={w}>
              {series.map((s, si) => {
                const v = s.values[i] ?? 0;
                if (v === 0) return null;
                const y0 = y(acc);
                acc += v;
                return <rect key={s.key} x={x(i, barW)} y={y(acc)} width={barW} height={y0 - y(acc)} fill={colors[si % colors.length]} />;
              })}
              {(weeks.length - 1 - i) % every === 0 ? (
                <text x={x(i, 0)} y={H - PAD.bottom + 16} fontSize={11} fill="#57606a" textAnchor="middle">{fmt.date(w)}</text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="dash-legend">
          {series.map((s, si) => (
            <li key={s.key}><span className="dash-swatch" style={{ background: colors[si % colors.length] }} aria-hidden="true" />{s.label}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The chart's numbers as a table: a row per series, a column per week, and totals. */
export function WeeklyTable({ weeks, series, caption, rowHeader, totalLabel, testId }: {
  weeks: readonly string[]; series: readonly Series[]; caption: string; rowHeader: string; totalLabel: string; testId?: string;
}) {
  const { fmt } = useI18n();
  return (
    <div className="dash-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">{rowHeader}</th>{weeks.map((w) => <th scope="col" key={w}>{fmt.date(w)}</th>)}<th scope="col">{totalLabel}</th></tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.key} data-key={s.key}>
              <th scope="row">{s.label}</th>
              {s.values.map((v, i) => <td key={weeks[i]}>{fmt.number(v)}</td>)}
              <td className="dash-total">{fmt.number(s.values.reduce((a, b) => a + b, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
