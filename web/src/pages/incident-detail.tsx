/**
 * One incident: summary, the actions the server says this viewer may take
 * (only those), the lifecycle timeline with each entry verified in this
 * browser, and the deadlines.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, type IncidentDetail } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { ENTRY_STEP } from '../lists.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { EntryBadge } from '../verify/badge.js';
import type { ShownEntry } from '../verify/check-receipt.js';
import { useVerification } from '../verify/use-verification.js';
import { TextLanguages, useTextVersion } from './filed-text.js';
import { ActionPanel } from './incident-actions.js';

export function IncidentDetailPage({ id }: { id: string }) {
  const { t, fmt, label } = useI18n();
  const { viewer } = useSession();
  const [incident, setIncident] = useState<IncidentDetail | { error: string; status?: number } | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setIncident(undefined);
    api.incident(id).then(
      (r) => live && setIncident(r),
      (e: unknown) => live && setIncident({ error: e instanceof Error ? e.message : String(e), ...(e instanceof ApiError ? { status: e.status } : {}) }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const loaded = incident && !('error' in incident) ? incident : undefined;
  const shown = useMemo<ShownEntry[] | undefined>(
// The timeline also holds entries about the incident's evidence (subject EV-…): only incident.* entries name the incident.
    () => loaded?.timeline.map((e) => ({ index: e.index, type: e.type, org: e.org, at: e.at, body: e.body, ...(e.type.startsWith('incident.') ? { subject: loaded.id } : {}) })),
    [loaded],
  );
  const { states, retry } = useVerification(shown);
  const text = useTextVersion(useMemo(() => ({
    language: loaded?.language ?? null, title: loaded?.title ?? '', notes: loaded?.notes ?? '', filer: loaded?.complainant_org ?? '', translations: loaded?.translations ?? {},
  }), [loaded]));

  if (incident === undefined) return <p role="status">{t('common.loading')}</p>;
  if ('error' in incident) {
    return (
      <>
        <p className="error" role="alert">{incident.status === 404 ? t('common.notFound') : t('common.error', { message: incident.error })}</p>
        {viewer === null && <p><Link href={`/login?next=/incidents/${id}`}>{t('header.signIn')}</Link></p>}
      </>
    );
  }
  const i = incident;
  const due = new Map(i.schedule.map((s) => [s.step, s.due_at]));
  const all = [...states.values()];
  const summary = all.some((s) => s.state === 'done' && !s.check.ok) ? 'failed'
    : all.length > 0 && all.every((s) => s.state === 'done' && s.check.ok) ? 'verified'
      : all.some((s) => s.state === 'pending') ? 'pending' : 'checking';
  const filing = i.timeline.find((e) => e.index === i.entry_index) ?? i.timeline[0];

  return (
    <article>
      <p><Link href="/incidents">{t('detail.back')}</Link></p>
      <h1>
        <span dir="ltr" className="id">{i.id}</span>{' '}
        <span lang={text.shown.titleLanguage ?? undefined} dir="auto" data-testid="incident-title">{text.shown.title}</span>
      </h1>
      <p><span className={`status status-${i.status}`} data-testid="incident-status">{label('status', i.status)}</span></p>
      <TextLanguages choice={text} />

      <section aria-labelledby="verify-h" className={`verify-summary verify-${summary}`} data-testid="verify-summary" data-state={summary}>
        <h2 id="verify-h">{t('verify.heading')}</h2>
        {filing && <EntryBadge index={filing.index} state={states.get(filing.index)} />}
        {summary !== 'checking' && summary !== 'verified' && <button type="button" className="secondary" onClick={retry}>{t('verify.retry')}</button>}
      </section>

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{t('detail.summary')}</h2>
        <dl className="facts">
          <dt>{t('col.complainant')}</dt><dd>{i.complainant_org}</dd>
          <dt>{t('col.accused')}</dt><dd>{i.accused_party ?? t('common.none')}</dd>
          <dt>{t('detail.category')}</dt><dd>{i.category ? label('category', i.category) : t('common.none')}</dd>
          <dt>{t('detail.severity')}</dt><dd>{i.severity ? label('severity', i.severity) : t('common.none')}</dd>
          <dt>{t('detail.eventDate')}</dt><dd>{fmt.date(i.event_date)}</dd>
          <dt>{t('detail.place')}</dt>
          <dd>{[i.place.location, i.place.admin2, i.place.admin1, i.place.country].filter(Boolean).join(', ')}</dd>
          <dt>{t('detail.precision')}</dt><dd>{label('precision', String(i.place.geo_precision))}</dd>
          <dt>{t('detail.filedAt')}</dt><dd>{fmt.dateTime(i.filed_at)}</dd>
          <dt>{t('detail.visibility')}</dt><dd>{label('visibility', i.visibility)}</dd>
        </dl>
        {text.shown.notes && (
          <><h3>{t('detail.notes')}</h3><p className="notes" lang={text.shown.notesLanguage ?? undefined} dir="auto" data-testid="incident-notes">{text.shown.notes}</p></>
        )}
      </section>

      <ActionPanel incident={i} onRecorded={(next) => setIncident(next)} />

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('detail.timeline')}</h2>
        <div className="table-wrap">
          <table data-testid="timeline">
            <thead>
              <tr>
                <th scope="col">{t('timeline.index')}</th>
                <th scope="col">{t('timeline.step')}</th>
                <th scope="col">{t('timeline.actor')}</th>
                <th scope="col">{t('timeline.time')}</th>
                <th scope="col">{t('timeline.deadline')}</th>
                <th scope="col">{t('verify.heading')}</th>
              </tr>
            </thead>
            <tbody>
              {i.timeline.map((e) => {
                const step = ENTRY_STEP[e.type];
                return (
                  <tr key={e.index} data-entry={e.index} data-type={e.type}>
                    <td className="num">{fmt.number(e.index)}</td>
                    <td><code dir="ltr">{e.type}</code></td>
                    <td>{e.org} <span className="muted" dir="ltr">({e.user})</span></td>
                    <td>{fmt.dateTime(e.at)}</td>
                    <td>{step ? fmt.dateTime(due.get(step)) : t('common.none')}</td>
                    <td><EntryBadge index={e.index} state={states.get(e.index)} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="schedule-h">
        <h2 id="schedule-h">{t('detail.schedule')}</h2>
        <div className="table-wrap">
          <table data-testid="schedule">
            <thead>
              <tr><th scope="col">{t('schedule.step')}</th><th scope="col">{t('schedule.due')}</th><th scope="col">{t('schedule.done')}</th></tr>
            </thead>
            <tbody>
              {i.schedule.filter((s) => s.due_at || s.done_at).map((s) => (
                <tr key={s.step}>
                  <td>{label('step', s.step)}</td>
                  <td>{fmt.dateTime(s.due_at)}</td>
                  <td>{s.done_at ? fmt.dateTime(s.done_at) : t('schedule.open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
