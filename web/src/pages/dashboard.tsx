/**
 * The dashboard (the landing page once signed in): ceasefire health as the
 * viewer may see it. Allegations (complaints filed) and issued findings are
 * two separate series, each with its own chart and tables, never one count.
 * Then overdue items by lifecycle step and by who owes them, the crossings'
 * status now, and the log's latest published checkpoint and its witnesses.
 */
import { useEffect, useState } from 'react';
import { crossTable, dashboardApi, seriesByKey, type CrossingNow, type Dashboard, type LogStatus } from '../dashboard-api.js';
import { PALETTE, WeeklyBars, WeeklyTable, type Series } from '../charts/weekly-bars.js';
import { useI18n } from '../i18n/context.js';
import { dashboardStrings } from '../i18n/dashboard.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

type Loaded<T> = T | { error: string } | undefined;
const failed = (x: unknown): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Determinations in a fixed order, so their colours do not move between renders. */
const DETERMINATIONS = ['violation', 'no_violation', 'insufficient_evidence', 'unverifiable_access_denied', 'outside_mandate', 'withdrawn'] as const;
const DET_COLOURS = ['#B3261E', '#0072B2', '#E69F00', '#CC79A7', '#56B4E9', '#57606A'];

function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [v, setV] = useState<Loaded<T>>(undefined);
  useEffect(() => {
    let live = true;
    load().then((r) => live && setV(r), (e: unknown) => live && setV({ error: message(e) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the dependencies
  }, deps);
  return v;
}

export function DashboardNavLink({ current }: { current: 'page' | undefined }) {
  const t = useStrings(dashboardStrings);
  return <Link href="/dashboard" aria-current={current}>{t('nav')}</Link>;
}

export function DashboardPage() {
  const t = useStrings(dashboardStrings);
  const { viewer } = useSession();
  if (viewer === undefined) return <p className="muted">{t('loading')}</p>;
  if (viewer === null) return <section><h1>{t('title')}</h1><p><Link href="/login">{t('signIn')}</Link></p></section>;
  return <DashboardBody user={viewer.user_id} />;
}

function DashboardBody({ user }: { user: string }) {
  const t = useStrings(dashboardStrings);
  const { fmt } = useI18n();
  const data = useLoad(() => dashboardApi.dashboard(), [user]);
  const log = useLoad(() => dashboardApi.log(), [user]);
  const crossings = useLoad(() => dashboardApi.crossings(), [user]);
  const commitments = useLoad(() => dashboardApi.overdueCommitments(), [user]);
  const penalties = useLoad(() => dashboardApi.overduePenalties(), [user]);
  return (
    <section className="dash">
      <h1>{t('title')}</h1>
      {data === undefined && <p className="muted" role="status">{t('loading')}</p>}
      {failed(data) && <p className="error" role="alert">{t('error', { message: data.error })}</p>}
      {data && !failed(data) && (
        <div data-testid="dashboard-ready">
          <p className="muted">{t('asOf', { time: fmt.dateTime(data.as_of), weeks: fmt.number(data.weeks.length) })}</p>
          <div className="dash-grid">
            <Allegations d={data} />
            <Findings d={data} />
          </div>
          <Overdue d={data} commitments={commitments} penalties={penalties} />
        </div>
      )}
      <div className="dash-grid">
        <Crossings crossings={crossings} />
        <LogPanel log={log} />
      </div>
    </section>
  );
}

function usePartyLabel() {
  const t = useStrings(dashboardStrings);
  return (p: string | null) => (p === null ? t('noParty') : p === 'MEDIATORS' ? t('mediators') : p);
}

function useCategoryLabel() {
  const t = useStrings(dashboardStrings);
  const { label } = useI18n();
  return (c: string | null) => (c === null ? t('noCategory') : label('category', c));
}

function Allegations({ d }: { d: Dashboard }) {
  const t = useStrings(dashboardStrings);
  const { fmt } = useI18n();
  const party = usePartyLabel();
  const category = useCategoryLabel();
  const byParty: Series[] = seriesByKey(d.weeks, d.allegations.by_party, (r) => r.party ?? '').map((s) => ({ ...s, label: party(s.key || null) }));
  const byCategory: Series[] = seriesByKey(d.weeks, d.allegations.by_category, (r) => r.category ?? '').map((s) => ({ ...s, label: category(s.key || null) }));
  return (
    <section className="dash-card" aria-labelledby="dash-allegations" data-testid="allegations">
      <h2 id="dash-allegations">{t('allegations')}</h2>
      <p className="muted">{t('allegationsNote')}</p>
      <p className="dash-big" data-testid="allegations-total">{t('allegationsTotal', { n: fmt.number(d.allegations.total) })}</p>
      {d.allegations.total === 0 ? <p>{t('nothing')}</p> : (
        <>
          <WeeklyBars weeks={d.weeks} series={byParty} label={t('allegationsChart', { n: fmt.number(d.allegations.total) })} testId="allegations-chart" colors={PALETTE} />
          <details>
            <summary>{t('allegationsByParty')}</summary>
            <WeeklyTable weeks={d.weeks} series={byParty} caption={t('allegationsByParty')} rowHeader={t('party')} totalLabel={t('total')} testId="allegations-by-party" />
          </details>
          <details>
            <summary>{t('allegationsByCategory')}</summary>
            <WeeklyTable weeks={d.weeks} series={byCategory} caption={t('allegationsByCategory')} rowHeader={t('category')} totalLabel={t('total')} testId="allegations-by-category" />
          </details>
        </>
      )}
    </section>
  );
}

function Findings({ d }: { d: Dashboard }) {
  const t = useStrings(dashboardStrings);
  const { fmt } = useI18n();
  const party = usePartyLabel();
  const category = useCategoryLabel();
  const det = (k: string) => ((DETERMINATIONS as readonly string[]).includes(k) ? t(`det.${k}` as `det.${(typeof DETERMINATIONS)[number]}`) : k);
  const order = (k: string) => { const i = (DETERMINATIONS as readonly string[]).indexOf(k); return i < 0 ? 99 : i; };
  const byDet: Series[] = seriesByKey(d.weeks, d.findings.by_party, (r) => r.determination)
    .sort((a, b) => order(a.key) - order(b.key)).map((s) => ({ ...s, label: det(s.key) }));
  const colours = byDet.map((s) => DET_COLOURS[order(s.key)] ?? '#000000');
  const violations = d.findings.by_determination.find((x) => x.determination === 'violation')?.count ?? 0;
  const partyTable = crossTable(d.findings.by_party, (r) => r.party ?? '', (r) => r.determination);
  const categoryTable = crossTable(d.findings.by_category, (r) => r.category ?? '', (r) => r.determination);
  const Cross = ({ table, caption, head, name, testId }: { table: ReturnType<typeof crossTable>; caption: string; head: string; name: (k: string) => string; testId: string }) => (
    <div className="dash-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{head}</th>{table.cols.map((c) => <th scope="col" key={c}>{det(c)}</th>)}<th scope="col">{t('total')}</th></tr></thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} data-key={r.key}><th scope="row">{name(r.key)}</th>{r.cells.map((n, i) => <td key={table.cols[i]}>{fmt.number(n)}</td>)}<td className="dash-total">{fmt.number(r.total)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="dash-card" aria-labelledby="dash-findings" data-testid="findings">
      <h2 id="dash-findings">{t('findings')}</h2>
      <p className="muted">{t('findingsNote')}</p>
      <p className="dash-big" data-testid="findings-total">
        {t('findingsTotal', { n: fmt.number(d.findings.total) })}
        {' · '}
        <span data-testid="violations-total">{t('violationsTotal', { n: fmt.number(violations) })}</span>
      </p>
      {d.findings.total === 0 ? <p>{t('nothing')}</p> : (
        <>
          <WeeklyBars weeks={d.weeks} series={byDet} label={t('findingsChart', { n: fmt.number(d.findings.total) })} testId="findings-chart" colors={colours} />
          <details>
            <summary>{t('findingsByDetermination')}</summary>
            <WeeklyTable weeks={d.weeks} series={byDet} caption={t('findingsByDetermination')} rowHeader={t('determination')} totalLabel={t('total')} testId="findings-by-week" />
          </details>
          <Cross table={partyTable} caption={t('findingsByParty')} head={t('party')} name={(k) => party(k || null)} testId="findings-by-party" />
          <Cross table={categoryTable} caption={t('findingsByCategory')} head={t('category')} name={(k) => category(k || null)} testId="findings-by-category" />
        </>
      )}
    </section>
  );
}

function Overdue({ d, commitments, penalties }: { d: Dashboard; commitments: Loaded<{ total: number }>; penalties: Loaded<{ total: number }> }) {
  const t = useStrings(dashboardStrings);
  const { fmt, label } = useI18n();
  const party = usePartyLabel();
  const count = (x: Loaded<{ total: number }>) => (x === undefined ? '…' : failed(x) ? t('unavailable') : fmt.number(x.total));
  const Table = ({ rows, caption, head, testId }: { rows: Array<{ key: string; name: string; open: number; overdue: number }>; caption: string; head: string; testId: string }) => (
    <table data-testid={testId}>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">{head}</th><th scope="col">{t('waiting')}</th><th scope="col">{t('late')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.name}</th><td>{fmt.number(r.open)}</td>
            <td className={r.overdue > 0 ? 'dash-late' : undefined}>{fmt.number(r.overdue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="dash-card" aria-labelledby="dash-overdue" data-testid="overdue">
      <h2 id="dash-overdue">{t('overdue')}</h2>
      <p className="dash-big" data-testid="overdue-total">{t('overdueSummary', { overdue: fmt.number(d.pending.overdue), open: fmt.number(d.pending.open) })}</p>
      <p><Link href="/incidents?overdue=true">{t('seeOverdue')}</Link></p>
      <div className="dash-grid">
        <Table rows={d.pending.by_step.map((s) => ({ key: s.step, name: label('step', s.step), open: s.open, overdue: s.overdue }))} caption={t('byStep')} head={t('step')} testId="overdue-by-step" />
        <Table rows={d.pending.by_party.map((s) => ({ key: s.pending_on, name: party(s.pending_on), open: s.open, overdue: s.overdue }))} caption={t('byOwer')} head={t('owedBy')} testId="overdue-by-party" />
      </div>
      <dl className="dash-facts">
        <dt>{t('commitmentsOverdue')}</dt><dd data-testid="commitments-overdue">{count(commitments)}</dd>
        <dt>{t('penaltiesOverdue')}</dt><dd data-testid="penalties-overdue">{count(penalties)}</dd>
      </dl>
    </section>
  );
}

function Crossings({ crossings }: { crossings: Loaded<{ items: CrossingNow[] }> }) {
  const t = useStrings(dashboardStrings);
  const { fmt } = useI18n();
  const status = (s: string | null) => {
    const k = s ?? 'unknown';
    return ['open', 'closed', 'restricted', 'unknown'].includes(k) ? t(`cs.${k}` as 'cs.open') : k;
  };
  return (
    <section className="dash-card" aria-labelledby="dash-crossings" data-testid="crossings">
      <h2 id="dash-crossings">{t('crossings')}</h2>
      {crossings === undefined && <p className="muted">{t('loading')}</p>}
      {failed(crossings) && <p className="error">{t('error', { message: crossings.error })}</p>}
      {crossings && !failed(crossings) && (crossings.items.length === 0 ? <p>{t('noCrossings')}</p> : (
        <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('crossings')}>
          <table>
            <thead><tr><th scope="col">{t('crossing')}</th><th scope="col">{t('side')}</th><th scope="col">{t('traffic')}</th><th scope="col">{t('status')}</th><th scope="col">{t('since')}</th></tr></thead>
            <tbody>
              {crossings.items.flatMap((c) => (c.current.length === 0 ? [{ side: '—', traffic_type: '—', status: null, since: null }] : c.current).map((x, i) => (
                <tr key={`${c.id}-${x.side}-${x.traffic_type}`}>
                  {i === 0 ? <th scope="row" rowSpan={Math.max(1, c.current.length)}>{c.name}</th> : null}
                  <td>{x.side}</td><td>{x.traffic_type}</td>
                  <td><span className={`dash-cs dash-cs-${x.status ?? 'unknown'}`}>{status(x.status)}</span></td>
                  <td>{fmt.dateTime(x.since)}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function LogPanel({ log }: { log: Loaded<LogStatus> }) {
  const t = useStrings(dashboardStrings);
  const { fmt } = useI18n();
  return (
    <section className="dash-card" aria-labelledby="dash-log" data-testid="log-status">
      <h2 id="dash-log">{t('log')}</h2>
      {log === undefined && <p className="muted">{t('loading')}</p>}
      {failed(log) && <p className="error">{t('error', { message: log.error })}</p>}
      {log && !failed(log) && (
        <>
          <dl className="dash-facts">
            <dt>{t('logSize')}</dt><dd data-testid="log-size">{fmt.number(log.size)}</dd>
            <dt>{t('published')}</dt><dd data-testid="log-published">{fmt.number(log.published_size)}</dd>
            <dt>{t('pendingEntries')}</dt><dd>{fmt.number(log.pending)}</dd>
            <dt>{t('publishedAge')}</dt>
            <dd>{log.published_age_seconds === null ? t('never') : t('secondsAgo', { n: fmt.number(Math.round(log.published_age_seconds)) })}</dd>
          </dl>
          {log.witnesses.length === 0 ? <p>{t('noWitnesses')}</p> : (
            <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('log')}>
              <table data-testid="witnesses">
                <thead><tr><th scope="col">{t('witness')}</th><th scope="col">{t('health')}</th><th scope="col">{t('cosigned')}</th><th scope="col">{t('lastOk')}</th></tr></thead>
                <tbody>
                  {log.witnesses.map((w) => {
                    const state = w.last_error ? 'failing' : w.last_ok_at ? 'ok' : 'unknown';
                    return (
                      <tr key={w.name} data-testid={`witness-${w.name}`} data-state={state}>
                        <th scope="row" dir="ltr">{w.name}</th>
                        <td><span className={`dash-w dash-w-${state}`}>
                          {state === 'failing' ? t('witnessFailing', { error: w.last_error ?? '' }) : state === 'ok' ? t('witnessOk') : t('witnessUnknown')}
                        </span></td>
                        <td>{w.size === null ? '—' : fmt.number(w.size)}</td>
                        <td>{fmt.dateTime(w.last_ok_at)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
