/**
 * Crossings (GET /api/crossings, /api/crossings/:id, …/closures): the status
 * in force now for each side and traffic type, a timeline of each line of
 * traffic, and the hours closed and closures counted per week; the status
 * reports with what the viewer may do on each (./crossing-reports.tsx), and
 * the form to report a status for those who may (./crossing-forms/).
 */
import { useEffect, useMemo, useState } from 'react';
import { agreementsApi, TRAFFIC_TYPES, type CrossingDetail, type CrossingReport, type CrossingSummary, type PeriodTotals, type Segment } from '../agreements/api.js';
import { closureRange, roundHours } from '../agreements/model.js';
import { Gate, Id, Pill, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';
import { ReportStatusForm } from './crossing-forms/report-status.js';
import { ReportsSection } from './crossing-reports.js';

/** Status now: one row per side, one column per traffic type. */
function StatusGrid({ c }: { c: CrossingSummary }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const types = TRAFFIC_TYPES.filter((tt) => c.current.some((x) => x.traffic_type === tt));
  // `current` names each side by its party (organisation id); `c.sides` only describes the two ends in words.
  const sides = [...new Set(c.current.map((x) => x.side))];
  if (sides.length === 0) return <p className="muted">{label('cstatus', 'unknown')}</p>;
  return (
    <div className="table-wrap">
      <table className="ag-grid" data-testid={`status-${c.id}`}>
        <thead>
          <tr><th scope="col">{t('cross.side')}</th>{types.map((tt) => <th key={tt} scope="col">{label('traffic', tt)}</th>)}</tr>
        </thead>
        <tbody>
          {sides.map((side) => (
            <tr key={side}>
              <th scope="row">{side}</th>
              {types.map((tt) => {
                const cur = c.current.find((x) => x.side === side && x.traffic_type === tt);
                const st = cur?.status ?? null;
                return (
                  <td key={tt} data-side={side} data-traffic={tt} data-status={st ?? 'unknown'}>
                    <Pill kind="cstatus" value={st ?? 'unknown'}>{label('cstatus', st ?? 'unknown')}</Pill>
                    {cur?.since && <div className="muted small">{t('cross.since', { at: fmt.dateTime(cur.since) })}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CrossingListPage() {
  const t = useStrings(agreementStrings);
  const { value } = useLoad(() => agreementsApi.crossings(), 'crossings');
  return (
    <section>
      <h1>{t('cross.title')}</h1>
      <p><Link href="/movements">{t('mov.title')}</Link></p>
      <Gate value={value} next="/crossings">
        {(list) => list.items.length === 0 ? <p>{t('empty')}</p> : (
          <>
            {list.items.map((c) => (
              <section key={c.id} aria-labelledby={`x-${c.id}`} className="ag-card" data-testid="crossing">
                <h2 id={`x-${c.id}`}><Link href={`/crossings/${c.id}`}>{c.name}</Link> <Id>{c.id}</Id></h2>
                {c.sides.length > 0 && <p className="muted small">{c.sides.join(' · ')}</p>}
                <StatusGrid c={c} />
              </section>
            ))}
          </>
        )}
      </Gate>
    </section>
  );
}

/** One line of traffic over time: coloured spans (start = earliest) with an equivalent list for screen readers. */
function TimelineBar({ segments, start, end }: { segments: Segment[]; start: number; end: number }) {
  const { fmt } = useI18n();
  const label = useEnumLabel();
  const span = Math.max(end - start, 1);
  return (
    <div className="ag-bar" aria-hidden="true">
      {segments.map((s) => {
        const from = Date.parse(s.from);
        const to = s.to ? Date.parse(s.to) : end;
        return (
          <span
            key={`${s.report_id}-${s.from}`}
            className={`ag-seg ag-cstatus-${s.status}`}
            style={{ insetInlineStart: `${((from - start) / span) * 100}%`, inlineSize: `${Math.max(((to - from) / span) * 100, 0.5)}%` }}
            title={`${label('cstatus', s.status)}: ${fmt.dateTime(s.from)} – ${s.to ? fmt.dateTime(s.to) : '…'}`}
          />
        );
      })}
    </div>
  );
}

function Timelines({ c }: { c: CrossingDetail }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const now = Date.now();
  const start = Math.min(now - 86_400_000, ...c.timelines.flatMap((l) => l.segments.map((s) => Date.parse(s.from))));
  return (
    <section aria-labelledby="tl-h">
      <h2 id="tl-h">{t('timeline')}</h2>
      <p className="muted">{t('cross.timelineRange', { from: fmt.dateTime(new Date(start).toISOString()), to: fmt.dateTime(new Date(now).toISOString()) })}</p>
      <ul className="ag-legend">
        {(['open', 'restricted', 'closed'] as const).map((s) => <li key={s}><span className={`ag-swatch ag-cstatus-${s}`} aria-hidden="true" /> {label('cstatus', s)}</li>)}
      </ul>
      {c.timelines.map((l) => (
        <div key={`${l.side}-${l.traffic_type}`} className="ag-line" data-testid="crossing-line" data-side={l.side} data-traffic={l.traffic_type}>
          <h3>{l.side} · {label('traffic', l.traffic_type)}</h3>
          <TimelineBar segments={l.segments} start={start} end={now} />
          <ol className="ag-segments">
            {l.segments.map((s) => (
              <li key={`${s.report_id}-${s.from}`}>
                <Pill kind="cstatus" value={s.status}>{label('cstatus', s.status)}</Pill>{' '}
                {t('cross.fromTo', { from: fmt.dateTime(s.from), to: s.to ? fmt.dateTime(s.to) : t('cross.now') })}{' '}
                <span className="muted">(<Id>{s.report_id}</Id>)</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

/** Closures per week: one row per ISO week, one column per side and traffic type (hours closed, and how many closures began or ran in it). */
function WeeklyClosures({ id, round }: { id: string; round: number }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const range = useMemo(() => closureRange(new Date()), []);
  const { value, reload } = useLoad(() => agreementsApi.closures(id, range.from, range.to), `${id}/${range.from}`);
  // `round` counts the writes on this page: a new report changes the totals, read again while the old ones stay shown.
  useEffect(() => {
    if (round > 0) reload();
  }, [round, reload]);
  const cell = (p: PeriodTotals, side: string, traffic: string) => (
    <td key={`${side}-${traffic}`} className="num" data-side={side} data-traffic={traffic} data-closures={p.closures} data-hours={roundHours(p.hours.closed)}>
      {p.hours.closed + p.hours.restricted === 0 && p.closures === 0 ? <span className="muted">{fmt.number(0)}</span> : (
        <>
          <strong>{t('cross.hoursN', { n: fmt.number(roundHours(p.hours.closed)) })}</strong>
          <div className="small">{t('cross.closuresN', { n: fmt.number(p.closures) })}</div>
          {p.hours.restricted > 0 && <div className="small muted">{t('cross.restrictedN', { n: fmt.number(roundHours(p.hours.restricted)) })}</div>}
        </>
      )}
    </td>
  );
  return (
    <section aria-labelledby="wk-h">
      <h2 id="wk-h">{t('cross.weekly')}</h2>
      <Gate value={value} next={`/crossings/${id}`}>
        {(r) => r.lines.length === 0 ? <p>{t('empty')}</p> : (
          <div className="table-wrap">
            <table data-testid="weekly-closures">
              <caption className="muted small">{t('cross.weeklyExplain')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cross.week')}</th>
                  {r.lines.map((l) => <th key={`${l.side}-${l.traffic_type}`} scope="col">{l.side} · {label('traffic', l.traffic_type)}</th>)}
                </tr>
              </thead>
              <tbody>
                {r.lines[0]!.periods.map((p, i) => (
                  <tr key={p.from}>
                    <th scope="row">{t('cross.weekOf', { from: fmt.date(p.from), to: fmt.date(new Date(Date.parse(p.to) - 1).toISOString()) })}</th>
                    {r.lines.map((l) => cell(l.periods[i] ?? p, l.side, l.traffic_type))}
                  </tr>
                ))}
                <tr className="ag-total" data-testid="weekly-total">
                  <th scope="row">{t('cross.total')}</th>
                  {r.lines.map((l) => cell(l.total, l.side, l.traffic_type))}
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </Gate>
    </section>
  );
}

export function CrossingDetailPage({ id }: { id: string }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const { value, set, reload } = useLoad(() => agreementsApi.crossing(id), id);
  const [recorded, setRecorded] = useState<{ index: number; where: 'reports' | 'form' } | null>(null);
  const [round, setRound] = useState(0);
  /** After a write: the server's answer at once, then everything derived from it (status now, timelines, totals) again. */
  const written = (c: CrossingDetail, report: CrossingReport, index: number, where: 'reports' | 'form') => {
    const known = c.reports.some((r) => r.id === report.id);
    set({ ...c, reports: known ? c.reports.map((r) => (r.id === report.id ? report : r)) : [...c.reports, report] });
    setRecorded({ index, where });
    setRound((n) => n + 1);
    reload();
  };
  const recordedLine = (where: 'reports' | 'form') => recorded?.where === where && (
    <p className="success" role="status" data-testid="crossing-recorded">{core('common.recorded', { index: fmt.number(recorded.index) })}</p>
  );
  return (
    <Gate value={value} next={`/crossings/${id}`}>
      {(c) => (
        <article>
          <p><Link href="/crossings">{t('cross.back')}</Link></p>
          <h1>{c.name} <Id>{c.id}</Id></h1>
          {c.sides.length > 0 && <p className="muted">{c.sides.join(' · ')}</p>}
          <h2>{t('cross.statusNow')}</h2>
          <StatusGrid c={c} />
          <Timelines c={c} />
          <WeeklyClosures id={c.id} round={round} />
          <ReportsSection c={c} recorded={recordedLine('reports')} onRecorded={(answer) => written(c, answer.report, answer.entry.index, 'reports')} />
          {c.actions.includes('report') && (
            <div className="cf-section">
              {recordedLine('form')}
              <ReportStatusForm crossing={c} reporter={{ sides: c.report_sides }} onDone={(answer) => written(c, answer.report, answer.entry.index, 'form')} />
            </div>
          )}
        </article>
      )}
    </Gate>
  );
}
