/**
 * Commitments (GET /api/commitments, /api/commitments/:id): who owes what
 * under which clause, by when, how far it has got on the Kroc scale, and the
 * reciprocal chain — what it is conditional on, and what it is suspended
 * because of. Filters live in the URL, as on the incident list.
 */
import type { FormEvent } from 'react';
import { agreementsApi, KROC_STATUSES, type CommitmentDetail, type CommitmentSummary, type Deadline } from '../agreements/api.js';
import { deadlineParts } from '../agreements/model.js';
import { EntryTimeline, Gate, Id, Pill, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { Link, navigate, useLocation } from '../router.js';
import { CommitmentActions, RegisteredNote } from './commitment-forms/actions.js';
import { DDayForm } from './commitment-forms/d-day-form.js';
import { RegisterCommitmentLink } from './commitment-forms/new-commitment.js';
import { CitedEvidence, useCitationCache } from './cited-evidence.js';

const FILTERS = ['party', 'status', 'overdue', 'suspended'] as const;

function DeadlineText({ deadline }: { deadline: Deadline }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const d = deadlineParts(deadline);
  return <>{d.kind === 'date' ? fmt.date(d.date) : t('com.dPlus', { n: fmt.number(d.days) })}</>;
}

/** The due date now, or why there is none yet; "overdue" and "suspended" flags beside it. */
function Due({ c }: { c: CommitmentSummary }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  return (
    <>
      {c.due_date ? fmt.date(c.due_date) : <span className="muted">{t('com.noDue')}</span>}
      {c.overdue && <strong className="overdue"> {t('com.overdue')}</strong>}
      {c.suspended && <> <Pill kind="flag" value="suspended">{t('com.suspended')}</Pill></>}
    </>
  );
}

export function CommitmentListPage() {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { query } = useLocation();
  const key = query.toString();
  const { value, reload } = useLoad(() => {
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = query.get(f);
      if (v) q.set(f, v);
    }
    return agreementsApi.commitments(q);
  }, key);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(form.get(f) ?? '').trim();
      if (f === 'overdue' || f === 'suspended') {
        if (form.get(f)) q.set(f, 'true');
      } else if (v) q.set(f, v);
    }
    navigate(`/commitments${q.size ? `?${q}` : ''}`);
  };

  return (
    <section>
      <h1>{t('com.title')}</h1>
      <RegisterCommitmentLink actions={value && 'data' in value ? value.data.actions : []} />
      <form className="filters" onSubmit={apply} key={key} aria-label={t('filters')}>
        <label><span>{t('com.party')}</span><input name="party" defaultValue={query.get('party') ?? ''} maxLength={32} dir="ltr" /></label>
        <label>
          <span>{t('com.status')}</span>
          <select name="status" defaultValue={query.get('status') ?? ''}>
            <option value="">{core('common.any')}</option>
            {KROC_STATUSES.map((s) => <option key={s} value={s}>{label('kroc', s)}</option>)}
          </select>
        </label>
        <label className="check"><input name="overdue" type="checkbox" defaultChecked={query.get('overdue') === 'true'} /><span>{t('com.overdueOnly')}</span></label>
        <label className="check"><input name="suspended" type="checkbox" defaultChecked={query.get('suspended') === 'true'} /><span>{t('com.suspendedOnly')}</span></label>
        <div className="row">
          <button type="submit">{t('apply')}</button>
          <Link className="button secondary" href="/commitments">{t('reset')}</Link>
        </div>
      </form>
      <Gate value={value} next="/commitments">
        {(list) => (
          <>
            <p className="muted" data-testid="commitment-total">
              {t('com.total', { n: list.total })}
              {' · '}{list.d_day ? t('com.dDay', { date: fmt.date(list.d_day) }) : t('com.dDayUnset')}
            </p>
            {list.items.length === 0 ? <p>{t('empty')}</p> : (
              <div className="table-wrap">
                <table data-testid="commitment-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.id')}</th>
                      <th scope="col">{t('col.title')}</th>
                      <th scope="col">{t('com.party')}</th>
                      <th scope="col">{t('com.clause')}</th>
                      <th scope="col">{t('com.status')}</th>
                      <th scope="col">{t('com.deadline')}</th>
                      <th scope="col">{t('com.due')}</th>
                      <th scope="col">{t('com.conditionalOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((c) => (
                      <tr key={c.id} data-id={c.id}>
                        <td><Link href={`/commitments/${c.id}`} dir="ltr">{c.id}</Link></td>
                        <td dir="auto">{c.title}</td>
                        <td>{c.obligated_party}</td>
                        <td>{c.clause_id ? <Id>{c.clause_id}</Id> : core('common.none')}</td>
                        <td><Pill kind="kroc" value={c.status}>{label('kroc', c.status)}</Pill></td>
                        <td><DeadlineText deadline={c.deadline} /></td>
                        <td><Due c={c} /></td>
                        <td>{c.conditional_on.length ? c.conditional_on.map((id, i) => <span key={id}>{i > 0 && ', '}<Link href={`/commitments/${id}`} dir="ltr">{id}</Link></span>) : core('common.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <DDayForm actions={list.actions} dDay={list.d_day} onRecorded={reload} />
          </>
        )}
      </Gate>
    </section>
  );
}

function Reciprocity({ c }: { c: CommitmentDetail }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const suspendedBy = new Set(c.suspended_by);
  return (
    <section aria-labelledby="recip-h" data-testid="reciprocity">
      <h2 id="recip-h">{t('com.reciprocity')}</h2>
      {c.suspended && (
        <p className="ag-warn" role="note" data-testid="suspended-because">
          {t('com.suspendedBecause')}{' '}
          {c.suspended_by.map((id, i) => <span key={id}>{i > 0 && ', '}<Link href={`/commitments/${id}`} dir="ltr">{id}</Link></span>)}
        </p>
      )}
      {c.reciprocity.chain.length === 0 && c.reciprocity.required_by.length === 0 ? <p>{t('com.noReciprocity')}</p> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('com.link')}</th>
                <th scope="col">{t('col.id')}</th>
                <th scope="col">{t('col.title')}</th>
                <th scope="col">{t('com.party')}</th>
                <th scope="col">{t('com.status')}</th>
                <th scope="col">{t('com.due')}</th>
              </tr>
            </thead>
            <tbody>
              {c.reciprocity.chain.map((l) => (
                <tr key={`on-${l.id}`} data-link="conditional_on" data-id={l.id}>
                  <td>
                    {l.depth <= 1 ? t('com.conditionalOn') : t('com.conditionalVia', { id: l.via })}
                    {suspendedBy.has(l.id) && <strong className="overdue"> {t('com.blocking')}</strong>}
                  </td>
                  <td><Link href={`/commitments/${l.id}`} dir="ltr">{l.id}</Link></td>
                  <td>{l.title}</td>
                  <td>{l.obligated_party}</td>
                  <td><Pill kind="kroc" value={l.status}>{label('kroc', l.status)}</Pill></td>
                  <td>
                    {l.due_date ? fmt.date(l.due_date) : core('common.none')}
                    {l.overdue && <strong className="overdue"> {t('com.overdue')}</strong>}
                    {l.in_default && <strong className="overdue"> {t('com.inDefault')}</strong>}
                  </td>
                </tr>
              ))}
              {c.reciprocity.required_by.map((l) => (
                <tr key={`by-${l.id}`} data-link="required_by" data-id={l.id}>
                  <td>{t('com.requiredBy')}</td>
                  <td><Link href={`/commitments/${l.id}`} dir="ltr">{l.id}</Link></td>
                  <td>{l.title}</td>
                  <td>{l.obligated_party}</td>
                  <td><Pill kind="kroc" value={l.status}>{label('kroc', l.status)}</Pill></td>
                  <td>
                    {l.due_date ? fmt.date(l.due_date) : core('common.none')}
                    {l.suspended && <> <Pill kind="flag" value="suspended">{t('com.suspended')}</Pill></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function CommitmentDetailPage({ id }: { id: string }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { value, set } = useLoad(() => agreementsApi.commitment(id), id);
  const cited = useCitationCache(id);
  return (
    <Gate value={value} next={`/commitments/${id}`}>
      {(c) => (
        <article>
          <p><Link href="/commitments">{t('com.back')}</Link></p>
          <h1><Id>{c.id}</Id> <bdi>{c.title}</bdi></h1>
          <p><Pill kind="kroc" value={c.status} testId="commitment-status">{label('kroc', c.status)}</Pill></p>
          <RegisteredNote />
          <dl className="facts">
            <dt>{t('com.party')}</dt><dd>{c.obligated_party}</dd>
            <dt>{t('com.clause')}</dt><dd>{c.clause_id ? <><Id>{c.clause_id}</Id>{c.clause_version ? ` (${t('com.clauseVersion', { n: fmt.number(c.clause_version) })})` : ''}</> : core('common.none')}</dd>
            <dt>{t('com.deadline')}</dt>
            <dd data-testid="commitment-deadline">
              <DeadlineText deadline={c.deadline} />
              {JSON.stringify(c.deadline) !== JSON.stringify(c.original_deadline) && <span className="muted"> ({t('com.original')}: <DeadlineText deadline={c.original_deadline} />)</span>}
            </dd>
            <dt>{t('com.due')}</dt><dd><Due c={c} /></dd>
            <dt>{t('com.indicator')}</dt><dd>{c.indicator}</dd>
            <dt>{t('com.evidenceRequired')}</dt><dd>{c.evidence_required}</dd>
            <dt>{t('com.lastVerified')}</dt><dd>{fmt.dateTime(c.last_verified_at)}</dd>
            <dt>{t('com.registered')}</dt><dd>{fmt.dateTime(c.registered_at)}</dd>
            {c.remedy_of?.incident_id && (
              <>
                <dt>{t('com.remedyOf')}</dt>
                <dd data-testid="remedy-of"><Link href={`/incidents/${c.remedy_of.incident_id}`} dir="ltr">{c.remedy_of.incident_id}</Link></dd>
              </>
            )}
          </dl>
          {c.notes && <p className="notes">{c.notes}</p>}

          <Reciprocity c={c} />

          <section aria-labelledby="ext-h">
            <h2 id="ext-h">{t('com.extensions')}</h2>
            {c.extensions.length === 0 ? <p>{t('empty')}</p> : (
              <ul data-testid="extensions">
                {c.extensions.map((x, i) => (
                  <li key={i}>
                    {t('com.extended', { at: fmt.dateTime(str(x.at)), org: str(x.org) })}{' '}
                    <DeadlineText deadline={x.from as Deadline} /> → <DeadlineText deadline={x.to as Deadline} />
                    {str(x.reason) && <>: <q>{str(x.reason)}</q></>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="ver-h">
            <h2 id="ver-h">{t('com.verifications')}</h2>
            {c.verifications.length + c.self_reports.length === 0 ? <p>{t('empty')}</p> : (
              <div className="table-wrap">
                <table data-testid="verifications">
                  <thead>
                    <tr><th scope="col">{t('col.time')}</th><th scope="col">{t('col.by')}</th><th scope="col">{t('com.kind')}</th><th scope="col">{t('com.status')}</th><th scope="col">{t('col.note')}</th><th scope="col">{t('com.evidence')}</th></tr>
                  </thead>
                  <tbody>
                    {[...c.verifications.map((v): Record<string, unknown> => ({ ...v, kind: 'verification' })), ...c.self_reports.map((v): Record<string, unknown> => ({ ...v, kind: 'self_report' }))]
                      .sort((a, b) => Number(a.idx ?? 0) - Number(b.idx ?? 0))
                      .map((v, i) => (
                        <tr key={i}>
                          <td>{fmt.dateTime(str(v.at))}</td>
                          <td>{str(v.org)}</td>
                          <td>{v.kind === 'verification' ? t('com.verification') : t('com.selfReport')}</td>
                          <td><Pill kind="kroc" value={str(v.status)}>{label('kroc', str(v.status))}</Pill></td>
                          <td>{str(v.note)}</td>
                          <td><CitedEvidence ids={strs(v.evidence)} cache={cited} /></td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <CommitmentActions c={c} onRecorded={set} />

          <EntryTimeline events={c.timeline} headingId="ctl-h" testId="commitment-timeline" />
        </article>
      )}
    </Gate>
  );
}
