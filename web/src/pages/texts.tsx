/**
 * Negotiation texts (GET /api/texts, /api/texts/:id, …/diff): each version
 * with every party's signed position on it and how it got there ("accepted at
 * 02:14, retracted at 02:21"), the agreed flag, a side-by-side clause diff
 * between any two versions with the party that proposed each change, and the
 * agenda. A party's liaison accepts, rejects or retracts the exact version it
 * read: the request names the version's hash as the API gave it, and the
 * buttons appear only when the server lists the action. The other writes —
 * open a text, propose a version, publish, raise and rule on agenda items —
 * are in ./text-forms/, each rendered here where its action applies.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { agreementsApi, type AgendaItem, type ClauseState, type TextDetail, type VersionSummary } from '../agreements/api.js';
import { defaultDiffPair, layoutDiff, partyHistory, type DiffRow, type Segment } from '../agreements/model.js';
import { Gate, Id, Pill, useEnumLabel, useLoad } from '../agreements/ui.js';
import { useI18n } from '../i18n/context.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { RaiseAgendaItem, RuleAgendaItem } from './text-forms/agenda-forms.js';
import { withAgendaItem } from './text-forms/doc-updates.js';
import { OpenText, recordedOnOpen } from './text-forms/open-text.js';
import { ProposeVersion } from './text-forms/propose-version.js';
import { PublishText } from './text-forms/publish-text.js';

export function TextListPage() {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const { value } = useLoad(() => agreementsApi.texts(), 'texts');
  return (
    <section>
      <h1>{t('txt.title')}</h1>
      <OpenText actions={value && 'data' in value ? value.data.actions : []} />
      <Gate value={value} next="/texts">
        {(list) => list.items.length === 0 ? <p>{t('empty')}</p> : (
          <div className="table-wrap">
            <table data-testid="text-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.id')}</th><th scope="col">{t('col.title')}</th><th scope="col">{t('txt.parties')}</th>
                  <th scope="col">{t('txt.latest')}</th><th scope="col">{t('txt.agreed')}</th><th scope="col">{t('txt.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((d) => (
                  <tr key={d.id} data-id={d.id}>
                    <td><Link href={`/texts/${d.id}`} dir="ltr">{d.id}</Link></td>
                    <td dir="auto">{d.title}</td>
                    <td>{fmt.list(d.parties)}</td>
                    <td>{t('txt.v', { n: fmt.number(d.latest_version) })}{d.last_final_version === d.latest_version && <> <Pill kind="flag" value="final">{t('txt.final')}</Pill></>}</td>
                    <td>{d.agreed_version ? <Pill kind="flag" value="agreed">{t('txt.agreedV', { n: fmt.number(d.agreed_version) })}</Pill> : core('common.none')}</td>
                    <td>{fmt.dateTime(d.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Gate>
    </section>
  );
}

type PartyAction = 'accept' | 'reject' | 'retract';

/** The viewer's party acting on one version: pick the action, read what is signed, confirm. */
function VersionActions({ doc, v, onDone }: { doc: TextDetail; v: VersionSummary; onDone: (index: number) => void }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { canWrite } = useSession();
  const [pending, setPending] = useState<PartyAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offered = (['accept', 'reject', 'retract'] as const).filter((a) => v.actions.includes(a));
  if (offered.length === 0) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!pending) return;
    const note = String(new FormData(e.currentTarget).get('note') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const r = await agreementsApi.actOnVersion(doc.id, { action: pending, version: v.number, hash: v.hash, ...(note ? { note } : {}) });
      setPending(null);
      onDone(r!.entry.index);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (!pending) {
    return (
      <div className="ag-actions" data-testid={`version-actions-${v.number}`}>
        {offered.map((a) => (
          <button key={a} type="button" className={a === 'accept' ? undefined : 'secondary'} disabled={!canWrite} onClick={() => setPending(a)}>
            {t(`act.${a}`, { n: fmt.number(v.number) })}
          </button>
        ))}
      </div>
    );
  }
  const fid = `sign-${v.number}`;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid={`sign-form-${v.number}`}>
      <h3 id={`${fid}-h`}>{t(`act.${pending}`, { n: fmt.number(v.number) })}</h3>
      <p>{t('act.explain', { action: label('verb', pending), n: fmt.number(v.number) })}</p>
      <p className="muted small">{t('act.hash')} <code dir="ltr" className="key">{v.hash}</code></p>
      <label><span>{t('act.note')}</span><textarea name="note" rows={2} maxLength={4000} /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" disabled={busy || !canWrite} data-testid="sign-confirm">{t('act.confirm')}</button>
        <button type="button" className="secondary" onClick={() => setPending(null)}>{t('act.cancel')}</button>
      </div>
    </form>
  );
}

function Versions({ doc, onRecorded }: { doc: TextDetail; onRecorded: (index: number) => void }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const versions = [...doc.versions].sort((a, b) => b.number - a.number);
  // The action column only for a viewer who may act on some version (a liaison of one of the text's parties).
  const acts = versions.some((v) => v.actions.some((a) => a !== 'read'));
  return (
    <section aria-labelledby="ver-h">
      <h2 id="ver-h">{t('txt.versions')}</h2>
      <div className="table-wrap">
        <table data-testid="versions">
          <thead>
            <tr>
              <th scope="col">{t('txt.version')}</th>
              <th scope="col">{t('txt.proposed')}</th>
              {doc.parties.map((p) => <th key={p} scope="col">{t('txt.positionOf', { org: p })}</th>)}
              {acts && <th scope="col">{t('txt.yourAction')}</th>}
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.number} data-version={v.number} data-agreed={v.agreed}>
                <th scope="row">
                  {t('txt.v', { n: fmt.number(v.number) })}
                  {v.final && <> <Pill kind="flag" value="final">{t('txt.final')}</Pill></>}
                  {v.agreed && <> <Pill kind="flag" value="agreed" testId={`agreed-${v.number}`}>{t('txt.agreedFlag')}</Pill></>}
                  <div className="muted small"><code dir="ltr" title={v.hash}>{v.hash.slice(0, 12)}…</code></div>
                </th>
                <td>
                  {v.proposed_by} <span className="muted">{fmt.dateTime(v.proposed_at)}</span>
                  {v.note && <div className="small" dir="auto">{v.note}</div>}
                </td>
                {doc.parties.map((org) => {
                  const pos = v.positions.find((p) => p.org === org);
                  const hist = partyHistory(doc.history, v.number, org);
                  return (
                    <td key={org} data-org={org} data-position={pos?.position ?? 'pending'} data-testid={`position-${v.number}-${org}`}>
                      <Pill kind="pos" value={pos?.position ?? 'pending'}>{label('pos', pos?.position ?? 'pending')}</Pill>
                      {hist.length > 0 && (
                        <div className="small ag-history">
                          {hist.map((h, i) => (
                            <span key={h.index}>{i > 0 && ', '}{t('txt.didAt', { action: label('did', h.action), at: fmt.dateTime(h.at) })}</span>
                          ))}
                        </div>
                      )}
                    </td>
                  );
                })}
                {acts && <td><VersionActions doc={doc} v={v} onDone={onRecorded} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Words({ segments, fallback }: { segments: Segment[] | undefined; fallback: string }) {
  if (!segments) return <>{fallback}</>;
  return (
    <>
      {segments.map((s, i) => s.op === 'same' ? <span key={i}>{s.text}</span> : s.op === 'del' ? <del key={i}>{s.text}</del> : <ins key={i}>{s.text}</ins>)}
    </>
  );
}

function ClauseCell({ state, row, side }: { state: ClauseState | null; row: DiffRow; side: 'before' | 'after' }) {
  const t = useStrings(agreementStrings);
  if (!state) return <td className={`ag-diff-cell ag-diff-empty`} data-side={side}><span className="muted">{side === 'before' ? t('diff.notYet') : t('diff.gone')}</span></td>;
  const titleChanged = row.change === 'changed' && row.fields.includes('title');
  return (
    <td className={`ag-diff-cell ag-diff-${side === 'before' ? (row.change === 'removed' ? 'del' : row.change === 'changed' ? 'old' : '') : (row.change === 'added' ? 'add' : row.change === 'changed' ? 'new' : '')}`} data-side={side}>
      {state.title && <strong dir="auto" className={titleChanged ? 'ag-changed-field' : undefined}>{state.title}</strong>}
      <p className="ag-clause-text" dir="auto"><Words segments={row.words?.[side]} fallback={state.text} /></p>
      {state.parent && <p className="muted small">{t('diff.parent')} <Id>{state.parent}</Id></p>}
    </td>
  );
}

function Diff({ doc }: { doc: TextDetail }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  const { path, query } = useLocation();
  const numbers = doc.versions.map((v) => v.number);
  const pair = defaultDiffPair(numbers);
  const from = Number(query.get('from')) || pair?.from;
  const to = Number(query.get('to')) || pair?.to;
  const valid = from !== undefined && to !== undefined && numbers.includes(from) && numbers.includes(to) && from !== to;
  const { value } = useLoad(() => (valid ? agreementsApi.diff(doc.id, from!, to!) : Promise.resolve(null)), `${doc.id}/${from}/${to}`);
  if (!pair) return null;
  const choose = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams(query);
    q.set('from', String(form.get('from')));
    q.set('to', String(form.get('to')));
    navigate(`${path}?${q}`, { replace: true });
  };
  const sorted = [...numbers].sort((a, b) => a - b);
  return (
    <section aria-labelledby="diff-h" data-testid="diff">
      <h2 id="diff-h">{t('diff.title')}</h2>
      <form className="row" onSubmit={choose} key={`${from}-${to}`} aria-label={t('diff.choose')}>
        <label><span>{t('diff.from')}</span>
          <select name="from" defaultValue={String(from)} data-testid="diff-from">
            {sorted.map((n) => <option key={n} value={n}>{t('txt.v', { n: fmt.number(n) })}</option>)}
          </select>
        </label>
        <label><span>{t('diff.to')}</span>
          <select name="to" defaultValue={String(to)} data-testid="diff-to">
            {sorted.map((n) => <option key={n} value={n}>{t('txt.v', { n: fmt.number(n) })}</option>)}
          </select>
        </label>
        <button type="submit">{t('diff.show')}</button>
      </form>
      {!valid ? <p className="muted">{t('diff.pickTwo')}</p> : (
        <Gate value={value} next={`/texts/${doc.id}`}>
          {(d) => {
            if (!d) return null;
            const rows = layoutDiff(d);
            return (
              <>
                <p data-testid="diff-summary">
                  {t('diff.summary', { added: fmt.number(d.summary.added), removed: fmt.number(d.summary.removed), changed: fmt.number(d.summary.changed) })}
                </p>
                {rows.length === 0 ? <p>{t('diff.same')}</p> : (
                  <div className="table-wrap">
                    <table className="ag-diff" data-testid="diff-table">
                      <thead>
                        <tr>
                          <th scope="col">{t('diff.clause')}</th>
                          <th scope="col" data-testid="diff-col-from">{t('diff.colVersion', { n: fmt.number(d.from.number), org: d.from.proposed_by })}</th>
                          <th scope="col" data-testid="diff-col-to">{t('diff.colVersion', { n: fmt.number(d.to.number), org: d.to.proposed_by })}</th>
                          <th scope="col">{t('diff.proposedBy')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr key={r.clauseId} data-clause={r.clauseId} data-change={r.change}>
                            <th scope="row">
                              <Id>{r.clauseId}</Id>
                              <div><Pill kind="change" value={r.change}>{label('change', r.change)}</Pill></div>
                              {r.change === 'changed' && <div className="muted small">{fmt.list(r.fields.map((f) => label('field', f)))}</div>}
                            </th>
                            <ClauseCell state={r.before} row={r} side="before" />
                            <ClauseCell state={r.after} row={r} side="after" />
                            <td data-testid="proposed-by">
                              {r.proposedBy.map((a, i) => (
                                <span key={`${a.version}-${a.org}`}>{i > 0 && ', '}{t('diff.byIn', { org: a.org, n: fmt.number(a.version) })}</span>
                              ))}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            );
          }}
        </Gate>
      )}
    </section>
  );
}

function Agenda({ doc, onItem }: { doc: TextDetail; onItem: (item: AgendaItem) => void }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const label = useEnumLabel();
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t('agenda.title')}</h2>
      {doc.agenda.length === 0 ? <p>{t('empty')}</p> : (
        <div className="table-wrap">
          <table data-testid="agenda">
            <thead><tr><th scope="col">{t('col.id')}</th><th scope="col">{t('col.title')}</th><th scope="col">{t('agenda.raised')}</th><th scope="col">{t('agenda.mandate')}</th></tr></thead>
            <tbody>
              {doc.agenda.map((a) => (
                <tr key={a.id} data-mandate={a.mandate}>
                  <td><Id>{a.id}</Id></td>
                  <td><strong dir="auto">{a.title}</strong><div className="small" dir="auto">{a.text}</div></td>
                  <td>{a.raised_by} <span className="muted">{fmt.dateTime(a.raised_at)}</span>{a.late && <strong className="overdue"> {t('agenda.late')}</strong>}</td>
                  <td>
                    <Pill kind="mandate" value={a.mandate}>{label('mandate', a.mandate)}</Pill>
                    {typeof a.ruling?.reason === 'string' && <div className="small">{a.ruling.reason}</div>}
                    <RuleAgendaItem item={a} onRuled={onItem} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RaiseAgendaItem doc={doc} onRaised={onItem} />
    </section>
  );
}

export function TextDetailPage({ id }: { id: string }) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(agreementStrings);
  const { value, reload, set } = useLoad(() => agreementsApi.text(id), id);
  // A text just opened from the list says which ledger entry recorded it.
  const [recorded, setRecorded] = useState<number | null>(() => recordedOnOpen.peek(id));
  useEffect(() => recordedOnOpen.forget(id), [id]);
  return (
    <Gate value={value} next={`/texts/${id}`}>
      {(doc) => (
        <article>
          <p><Link href="/texts">{t('txt.back')}</Link></p>
          <h1><Id>{doc.id}</Id> <bdi>{doc.title}</bdi></h1>
          <p>
            {doc.agreed_version
              ? <Pill kind="flag" value="agreed" testId="text-agreed">{t('txt.agreedV', { n: fmt.number(doc.agreed_version) })}</Pill>
              : <Pill kind="flag" value="open" testId="text-agreed">{t('txt.notAgreed')}</Pill>}
          </p>
          {recorded !== null && <p className="success" role="status" data-testid="text-recorded">{core('common.recorded', { index: fmt.number(recorded) })}</p>}
          <dl className="facts">
            <dt>{t('txt.parties')}</dt><dd>{fmt.list(doc.parties)}</dd>
            <dt>{t('txt.openedBy')}</dt><dd>{doc.created_by} <span className="muted">{fmt.dateTime(doc.created_at)}</span></dd>
            <dt>{t('txt.visibility')}</dt><dd>{doc.visibility === 'public' ? t('txt.public') : t('txt.partiesOnly')}</dd>
          </dl>
          {doc.description && <p className="notes" dir="auto">{doc.description}</p>}
          <PublishText doc={doc} onPublished={set} />
          <Versions doc={doc} onRecorded={(index) => { setRecorded(index); reload(); }} />
          <ProposeVersion doc={doc} onProposed={reload} />
          <Diff doc={doc} />
          <Agenda doc={doc} onItem={(item) => set(withAgendaItem(doc, item))} />
        </article>
      )}
    </Gate>
  );
}
