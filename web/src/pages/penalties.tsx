/**
 * Penalties (GET /api/penalties, /api/penalties/:id) and the ladder they come
 * from (GET /api/penalty-ladder): each penalty names the findings that
 * triggered it, the rule and the ladder version; mediators confirm or dismiss
 * a proposal when the server offers them that action, and only then.
 */
import { useState, type FormEvent } from 'react';
import { agreementsApi, PENALTY_STATUSES, type Consequence, type LadderRule, type PenaltyDetail, type PenaltySummary } from '../agreements/api.js';
import { EntryTimeline, Gate, Id, Pill, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

function ConsequenceText({ c }: { c: Consequence }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  switch (c.type) {
    case 'public_naming': return <>{t('conseq.public_naming')}</>;
    case 'remedial_report': return <>{t('conseq.remedial_report', { n: c.days })}</>;
    case 'disciplinary_action': return <>{t('conseq.disciplinary_action', { n: c.days })}</>;
    case 'benefit_suspension': return <>{t('conseq.benefit_suspension', { n: c.days, benefit: c.benefit })}</>;
    case 'escalation': return <>{t('conseq.escalation', { orgs: fmt.list(c.escalate_to) })}</>;
    default: return <>{(c as { type: string }).type}</>;
  }
}

function DueCell({ p }: { p: PenaltySummary }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  return <>{p.due_at ? fmt.dateTime(p.due_at) : core('common.none')}{p.overdue && <strong className="overdue"> {t('com.overdue')}</strong>}</>;
}

export function PenaltyListPage() {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { query } = useLocation();
  const key = query.toString();
  const { value } = useLoad(() => {
    const q = new URLSearchParams();
    for (const f of ['party', 'status', 'overdue'] as const) {
      const v = query.get(f);
      if (v) q.set(f, v);
    }
    return agreementsApi.penalties(q);
  }, key);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    const party = String(form.get('party') ?? '').trim();
    const status = String(form.get('status') ?? '');
    if (party) q.set('party', party);
    if (status) q.set('status', status);
    if (form.get('overdue')) q.set('overdue', 'true');
    navigate(`/penalties${q.size ? `?${q}` : ''}`);
  };
  return (
    <section>
      <h1>{t('pen.title')}</h1>
      <p><Link href="/penalty-ladder">{t('pen.ladderLink')}</Link></p>
      <form className="filters" onSubmit={apply} key={key} aria-label={t('filters')}>
        <label><span>{t('com.party')}</span><input name="party" defaultValue={query.get('party') ?? ''} maxLength={32} dir="ltr" /></label>
        <label>
          <span>{t('com.status')}</span>
          <select name="status" defaultValue={query.get('status') ?? ''}>
            <option value="">{core('common.any')}</option>
            {PENALTY_STATUSES.map((s) => <option key={s} value={s}>{label('pstatus', s)}</option>)}
          </select>
        </label>
        <label className="check"><input name="overdue" type="checkbox" defaultChecked={query.get('overdue') === 'true'} /><span>{t('com.overdueOnly')}</span></label>
        <div className="row">
          <button type="submit">{t('apply')}</button>
          <Link className="button secondary" href="/penalties">{t('reset')}</Link>
        </div>
      </form>
      <Gate value={value} next="/penalties">
        {(list) => (
          <>
            <p className="muted">{t('pen.total', { n: list.total })}</p>
            {list.items.length === 0 ? <p>{t('empty')}</p> : (
              <div className="table-wrap">
                <table data-testid="penalty-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.id')}</th>
                      <th scope="col">{t('com.party')}</th>
                      <th scope="col">{t('pen.rule')}</th>
                      <th scope="col">{t('pen.consequence')}</th>
                      <th scope="col">{t('pen.triggers')}</th>
                      <th scope="col">{t('com.status')}</th>
                      <th scope="col">{t('com.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((p) => (
                      <tr key={p.id} data-id={p.id}>
                        <td><Link href={`/penalties/${p.id}`} dir="ltr">{p.id}</Link></td>
                        <td>{p.party}</td>
                        <td>{p.rule_title} <span className="muted">(<Id>{p.rule_id}</Id>, {t('pen.ladderV', { n: fmt.number(p.ladder_version) })})</span></td>
                        <td><ConsequenceText c={p.consequence} /></td>
                        <td>{p.trigger_findings.map((f, i) => <span key={f.incident_id}>{i > 0 && ', '}<Link href={`/incidents/${f.incident_id}`} dir="ltr">{f.incident_id}</Link></span>)}</td>
                        <td><Pill kind="pstatus" value={p.status}>{label('pstatus', p.status)}</Pill></td>
                        <td><DueCell p={p} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Gate>
    </section>
  );
}

/** Confirm (optional note) or dismiss (reason required): offered only when the server lists the action. */
function DecisionForm({ p, action, onDone }: { p: PenaltyDetail; action: 'confirm' | 'dismiss'; onDone: (p: PenaltyDetail, index: number) => void }) {
  const { canWrite } = useSession();
  const t = useStrings(agreementStrings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('text') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const r = action === 'confirm'
        ? await agreementsApi.penaltyStep(p.id, 'confirmation', text ? { note: text } : {})
        : await agreementsApi.penaltyStep(p.id, 'dismissal', { reason: text });
      onDone(r!.penalty, r!.entry.index);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const fid = `penalty-${action}`;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid={fid}>
      <h3 id={`${fid}-h`}>{action === 'confirm' ? t('pen.confirm') : t('pen.dismiss')}</h3>
      <label>
        <span>{action === 'confirm' ? t('pen.note') : t('pen.reason')}</span>
        <textarea name="text" rows={3} maxLength={4000} required={action === 'dismiss'} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy || !canWrite} className={action === 'dismiss' ? 'secondary' : undefined}>
        {action === 'confirm' ? t('pen.confirm') : t('pen.dismiss')}
      </button>
    </form>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function PenaltyDetailPage({ id }: { id: string }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { value, set } = useLoad(() => agreementsApi.penalty(id), id);
  const [recorded, setRecorded] = useState<number | null>(null);
  return (
    <Gate value={value} next={`/penalties/${id}`}>
      {(p) => {
        const decision = p.confirmation ?? p.dismissal;
        return (
          <article>
            <p><Link href="/penalties">{t('pen.back')}</Link></p>
            <h1><Id>{p.id}</Id> <bdi>{p.rule_title}</bdi></h1>
            <p><Pill kind="pstatus" value={p.status} testId="penalty-status">{label('pstatus', p.status)}</Pill></p>
            {recorded !== null && <p className="success" role="status">{core('common.recorded', { index: fmt.number(recorded) })}</p>}
            <dl className="facts">
              <dt>{t('com.party')}</dt><dd>{p.party}</dd>
              <dt>{t('pen.rule')}</dt><dd><Id>{p.rule_id}</Id> — {p.rule_title}</dd>
              <dt>{t('pen.ladder')}</dt><dd><Link href="/penalty-ladder">{t('pen.ladderV', { n: fmt.number(p.ladder_version) })}</Link></dd>
              <dt>{t('pen.consequence')}</dt><dd><ConsequenceText c={p.consequence} /></dd>
              <dt>{t('pen.proposedAt')}</dt><dd>{fmt.dateTime(p.proposed_at)}</dd>
              <dt>{t('pen.decidedAt')}</dt><dd>{p.decided_at ? `${fmt.dateTime(p.decided_at)}${p.decided_by ? ` (${p.decided_by})` : ''}` : core('common.none')}</dd>
              {decision && (str(decision.note) || str(decision.reason)) && (<><dt>{t('col.note')}</dt><dd>{str(decision.note) || str(decision.reason)}</dd></>)}
              <dt>{t('com.due')}</dt><dd data-testid="penalty-due"><DueCell p={p} /></dd>
              {p.compliance && (<><dt>{t('pen.compliance')}</dt><dd className="notes">{str(p.compliance.report)}</dd></>)}
            </dl>

            <section aria-labelledby="trig-h">
              <h2 id="trig-h">{t('pen.triggers')}</h2>
              <div className="table-wrap">
                <table data-testid="trigger-findings">
                  <thead><tr><th scope="col">{t('pen.incident')}</th><th scope="col">{t('pen.issuedAt')}</th><th scope="col">{t('pen.grade')}</th><th scope="col">{t('com.clause')}</th></tr></thead>
                  <tbody>
                    {p.trigger_findings.map((f) => (
                      <tr key={f.incident_id}>
                        <td><Link href={`/incidents/${f.incident_id}`} dir="ltr">{f.incident_id}</Link></td>
                        <td>{fmt.dateTime(f.issued_at)}</td>
                        <td>{label('grade', f.grade)}</td>
                        <td>{f.clause_violated ? <Id>{f.clause_violated}</Id> : core('common.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            {(p.actions.includes('confirm') || p.actions.includes('dismiss')) && (
              <section aria-labelledby="decide-h">
                <h2 id="decide-h">{t('pen.decide')}</h2>
                <div className="ag-forms">
                  {(['confirm', 'dismiss'] as const).filter((a) => p.actions.includes(a)).map((a) => (
                    <DecisionForm key={a} p={p} action={a} onDone={(next, index) => { set(next); setRecorded(index); }} />
                  ))}
                </div>
              </section>
            )}

            <EntryTimeline events={p.timeline} headingId="ptl-h" testId="penalty-timeline" />
          </article>
        );
      }}
    </Gate>
  );
}

function RuleScope({ r }: { r: LadderRule }) {
  const { fmt, label: coreLabel } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const parts = [t('ladder.minGrade', { grade: label('grade', r.min_grade) })];
  if (r.clauses) parts.push(t('ladder.clauses', { list: fmt.list(r.clauses) }));
  if (r.categories) parts.push(t('ladder.categories', { list: fmt.list(r.categories.map((c) => coreLabel('category', c))) }));
  if (r.intents) parts.push(t('ladder.intents', { list: fmt.list(r.intents.map((c) => label('intent', c))) }));
  return <>{parts.join('; ')}</>;
}

export function PenaltyLadderPage() {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const { value } = useLoad(() => agreementsApi.ladder(), 'ladder');
  return (
    <section>
      <h1>{t('ladder.title')}</h1>
      <p><Link href="/penalties">{t('pen.title')}</Link></p>
      <Gate value={value} next="/penalty-ladder">
        {(l) => {
          const current = l.versions.find((v) => v.in_force) ?? l.versions[0];
          if (!current) return <p>{t('ladder.none')}</p>;
          return (
            <>
              <h2 data-testid="ladder-version">{t('pen.ladderV', { n: fmt.number(current.version) })} — {current.title}</h2>
              <p className="muted">
                {current.in_force ? t('ladder.inForce') : t('ladder.superseded')}
                {' · '}{t('ladder.appliesFrom', { date: fmt.date(current.applies_from) })}
                {' · '}{t('ladder.adopted', { at: fmt.dateTime(current.adopted_at), org: current.adopted_by })}
              </p>
              {current.note && <p className="notes">{current.note}</p>}
              <div className="table-wrap">
                <table data-testid="ladder-rules">
                  <thead>
                    <tr>
                      <th scope="col">{t('pen.rule')}</th>
                      <th scope="col">{t('col.title')}</th>
                      <th scope="col">{t('ladder.when')}</th>
                      <th scope="col">{t('ladder.counts')}</th>
                      <th scope="col">{t('pen.consequence')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.rules.map((r) => (
                      <tr key={r.id}>
                        <td><Id>{r.id}</Id></td>
                        <td>{r.title}</td>
                        <td><RuleScope r={r} /></td>
                        <td>{t('ladder.countWindow', { n: fmt.number(r.count), days: r.window_days })}</td>
                        <td><ConsequenceText c={r.consequence} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {l.versions.length > 1 && (
                <>
                  <h2>{t('ladder.history')}</h2>
                  <ul>
                    {l.versions.map((v) => (
                      <li key={v.version}>
                        {t('pen.ladderV', { n: fmt.number(v.version) })} — {v.title} ({fmt.dateTime(v.adopted_at)}{v.superseded_at ? ` → ${fmt.dateTime(v.superseded_at)}` : ''})
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Gate>
    </section>
  );
}
