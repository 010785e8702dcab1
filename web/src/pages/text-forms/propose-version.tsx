/**
 * Propose the next version of a text (POST /api/texts/:id/versions), offered
 * only when the text's `actions` lists `propose`. The draft starts from the
 * latest version's clause tree (GET …/versions/N), pinned when the editor
 * opens; before sending, the form shows what changes against that version
 * (the server's own diff) and refuses a proposal identical to it (unless it
 * puts that version's words forward as final). Once
 * recorded: the ledger entry, the new version's hash and the diff from the
 * previous version one click away.
 */
import { useState, type FormEvent } from 'react';
import type { TextDetail } from '../../agreements/api.js';
import { textActionsApi, type VersionDetail } from '../../agreements/text-actions-api.js';
import { Gate, Id, useEnumLabel, useLoad } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { agreementStrings } from '../../i18n/agreements.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { textFormStrings } from '../../i18n/text-forms.js';
import { Link } from '../../router.js';
import { useSession } from '../../session.js';
import { ClauseEditor } from './clause-editor.js';
import { addRow, changeSummary, isUnchanged, problems, proposeBody, rowsFromClauses, saysNothingNew, toClauses, type ChangeSummary, type ClauseRow } from './clause-model.js';
import { ErrorLine, RecordedLine, Submit, useWrite } from '../../forms/write.js';
import { LIMITS } from './limits.js';

function Ids({ ids }: { ids: readonly string[] }) {
  return <>{ids.map((id, i) => <span key={id}>{i > 0 && ', '}<Id>{id}</Id></span>)}</>;
}

/** What the proposal changes against the base version, in clause order. */
function Summary({ summary, base }: { summary: ChangeSummary | null; base: number | null }) {
  const { fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const label = useEnumLabel();
  return (
    <section aria-labelledby="propose-summary-h" className="change-summary" data-testid="change-summary">
      <h4 id="propose-summary-h">{base !== null ? t('summary.title', { n: fmt.number(base) }) : t('summary.first')}</h4>
      {summary === null ? <p className="muted">{t('summary.waiting')}</p> : isUnchanged(summary) ? <p data-testid="summary-none">{t('summary.none')}</p> : (
        <ul>
          {summary.added.length > 0 && <li data-change="added"><strong>{t('summary.added')}</strong> <Ids ids={summary.added} /></li>}
          {summary.removed.length > 0 && <li data-change="removed"><strong>{t('summary.removed')}</strong> <Ids ids={summary.removed} /></li>}
          {summary.changed.length > 0 && (
            <li data-change="changed">
              <strong>{t('summary.changed')}</strong>{' '}
              {summary.changed.map((c, i) => <span key={c.id}>{i > 0 && ', '}<Id>{c.id}</Id> ({fmt.list(c.fields.map((f) => label('field', f)))})</span>)}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function Editor({ doc, base, onCancel, onDone }: {
  doc: TextDetail; base: VersionDetail | null; onCancel: () => void; onDone: (v: VersionDetail, index: number) => void;
}) {
  const { t: core, fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const [rows, setRows] = useState<ClauseRow[]>(() => (base ? rowsFromClauses(base.clauses) : addRow([], 1)));
  const [tried, setTried] = useState(false);
  const [note, setNote] = useState('');
  const [final, setFinal] = useState(false);
  const w = useWrite();
  const all = problems(rows);
  const summary = all.some((p) => p.field === 'id') ? null : changeSummary(base?.clauses ?? [], toClauses(rows));
  const next = (base?.number ?? 0) + 1;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTried(true);
    if (all.length > 0) return w.refuse(t('propose.fix'));
    if (base && summary && saysNothingNew(summary, { baseFinal: base.final, final })) return w.refuse(t('propose.same', { n: fmt.number(base.number) }));
    await w.run(() => textActionsApi.propose(doc.id, proposeBody(rows, { basedOn: base?.number ?? null, final, note })), (r) => onDone(r.version, r.entry.index));
  };
  return (
    <form className="stack action-form propose-form" onSubmit={(e) => void submit(e)} aria-labelledby="propose-form-h" data-testid="propose-form" noValidate>
      <h3 id="propose-form-h">{t('propose.formTitle', { n: fmt.number(next) })}</h3>
      <p>{base ? t('propose.intro', { n: fmt.number(base.number) }) : t('propose.introFirst')}</p>
      <ClauseEditor rows={rows} onChange={(next) => { setRows(next); w.refuse(null); }} shown={tried ? all : []} />
      {tried && all.some((p) => p.key === null) && (
        <ul className="error">{all.filter((p) => p.key === null).map((p) => <li key={p.code}>{p.code === 'noClauses' ? t('p.noClauses') : t('p.tooMany', { max: String(p.max) })}</li>)}</ul>
      )}
      <Summary summary={summary} base={base?.number ?? null} />
      <label>
        <span>{t('propose.note')}</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={LIMITS.note} dir="auto" />
      </label>
      <label className="check">
        <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} data-testid="propose-final" />
        <span>{t('propose.final')}</span>
      </label>
      <ErrorLine error={w.error} testId="propose-error" />
      <div className="row">
        <Submit busy={w.busy} testId="propose-submit">{t('propose.submit', { n: fmt.number(next) })}</Submit>
        <button type="button" className="secondary" onClick={onCancel}>{core('common.cancel')}</button>
      </div>
    </form>
  );
}

export function ProposeVersion({ doc, onProposed }: { doc: TextDetail; onProposed: () => void }) {
  const { fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const ta = useStrings(agreementStrings);
  const tl = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  // The base is the latest version when the editor opens; it stays that one while the draft is written.
  const [base, setBase] = useState<number | null>(null);
  const [done, setDone] = useState<{ number: number; hash: string; index: number } | null>(null);
  const { value } = useLoad(
    () => (base ? textActionsApi.version(doc.id, base) : Promise.resolve(null)),
    base === null ? 'closed' : `${doc.id}/v${base}`,
  );
  if (!doc.actions.includes('propose')) return null;
  const toDiff = () => requestAnimationFrame(() => document.getElementById('diff-h')?.scrollIntoView({ block: 'start' }));
  return (
    <section aria-labelledby="propose-h" data-testid="propose">
      <h2 id="propose-h">{t('propose.title')}</h2>
      {done && (
        <div data-testid="proposed">
          <RecordedLine index={done.index} testId="propose-recorded" />
          <p>{t('propose.done', { n: fmt.number(done.number) })} {ta('act.hash')} <code dir="ltr" className="key" data-testid="proposed-hash">{done.hash}</code></p>
          {done.number > 1 && (
            <p>
              <Link className="button secondary" href={`/texts/${doc.id}?from=${done.number - 1}&to=${done.number}`} onClick={toDiff} data-testid="proposed-compare">
                {t('propose.compare', { from: fmt.number(done.number - 1), to: fmt.number(done.number) })}
              </Link>
            </p>
          )}
        </div>
      )}
      {!canWrite ? <p className="muted">{tl('form.signInToAct')}</p> : base === null ? (
        <button type="button" data-testid="propose-open" onClick={() => { setDone(null); setBase(doc.latest_version); }}>
          {doc.latest_version > 0 ? t('propose.open', { n: fmt.number(doc.latest_version + 1), base: fmt.number(doc.latest_version) }) : t('propose.openFirst')}
        </button>
      ) : base === 0 ? (
        <Editor doc={doc} base={null} onCancel={() => setBase(null)} onDone={(v, index) => { setBase(null); setDone({ number: v.number, hash: v.hash, index }); onProposed(); }} />
      ) : (
        <Gate value={value} next={`/texts/${doc.id}`}>
          {(v) => v && <Editor doc={doc} base={v} onCancel={() => setBase(null)} onDone={(nv, index) => { setBase(null); setDone({ number: nv.number, hash: nv.hash, index }); onProposed(); }} />}
        </Gate>
      )}
    </section>
  );
}
