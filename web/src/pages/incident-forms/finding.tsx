/**
 * The finding: the draft form (mediators' staff), the read-only view of the
 * current draft or issued finding with its comments and signatures, and the
 * mediator's signature of exactly that draft (its ledger index is sent, so
 * a draft replaced in the meantime is refused with 409, not signed).
 */
import { useMemo, useState } from 'react';
import type { IncidentDetail } from '../../api.js';
import { useI18n } from '../../i18n/context.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { useStrings } from '../../i18n/strings.js';
import { VISIBILITIES } from '../../lists.js';
import { useSession } from '../../session.js';
import { EntryBadge } from '../../verify/badge.js';
import { useVerification } from '../../verify/use-verification.js';
import { CLAUSE_REF, CONFIDENCE, DETERMINATIONS, GRADES, INTENTS, ORG_ID } from './enums.js';
import { fields, Invalid, StepForm, type StepFormProps } from './step-form.js';

export interface Remedy { description: string; obligated_party: string; due_date?: string }

export interface Finding {
  draft_index: number;
  version: number;
  drafted_at: string;
  drafted_by: string;
  issued_at: string | null;
  determination: string;
  clause_violated?: string;
  responsible_party?: string;
  attribution_confidence: string;
  intent?: string;
  grade: string;
  summary: string;
  methods: string[];
  recommendations: string[];
  required_remedies: Remedy[];
  publication: string;
  signers: string[];
  comments: Array<{ org: string; user: string; at: string; idx: number; draft_idx: number; dissent: boolean; text: string }>;
  signatures: Array<{ org: string; user: string; at: string; idx: number }>;
}

/** The incident's finding, when this viewer may read it (the API leaves it null otherwise). */
export function findingOf(i: IncidentDetail): Finding | null {
  return ((i as IncidentDetail & { finding?: Finding | null }).finding ?? null);
}

export function FindingView({ finding: f }: { finding: Finding }) {
  const { fmt, label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const signed = new Set(f.signatures.map((s) => s.org));
  const waiting = f.signers.filter((o) => !signed.has(o));
  const current = f.comments.filter((c) => c.draft_idx === f.draft_index);
  return (
    <div className="finding" data-testid="finding" data-issued={f.issued_at ? 'true' : 'false'}>
      <p>
        {f.issued_at
          ? <strong className="success" data-testid="finding-issued">{t('fv.issued', { at: fmt.dateTime(f.issued_at) })}</strong>
          : <strong>{t('fv.draft', { version: fmt.number(f.version), index: fmt.number(f.draft_index), org: f.drafted_by, at: fmt.dateTime(f.drafted_at) })}</strong>}
      </p>
      <dl className="facts">
        <dt>{t('f.determination')}</dt><dd data-testid="finding-determination">{t(`det.${f.determination}` as never)}</dd>
        {f.responsible_party && (<><dt>{t('f.responsible')}</dt><dd>{f.responsible_party}</dd></>)}
        {f.clause_violated && (<><dt>{t('f.clauseViolated')}</dt><dd dir="ltr">{f.clause_violated}</dd></>)}
        <dt>{t('f.grade')}</dt><dd>{t(`grade.${f.grade}` as never)}</dd>
        <dt>{t('f.confidence')}</dt><dd>{t(`conf.${f.attribution_confidence}` as never)}</dd>
        {f.intent && (<><dt>{t('f.intent')}</dt><dd>{t(`intent.${f.intent}` as never)}</dd></>)}
        <dt>{t('f.publication')}</dt><dd>{label('visibility', f.publication)}</dd>
        <dt>{t('fv.signatures')}</dt>
        <dd data-testid="finding-signatures">
          {f.signatures.length ? fmt.list(f.signatures.map((s) => `${s.org} (${fmt.dateTime(s.at)})`)) : t('fv.noSignatures')}
          {waiting.length > 0 && <> · {t('fv.awaiting', { orgs: fmt.list(waiting) })}</>}
        </dd>
      </dl>
      <h4>{t('f.summary')}</h4>
      <p className="notes">{f.summary}</p>
      {f.methods.length > 0 && (<><h4>{t('f.methods')}</h4><ul>{f.methods.map((m, k) => <li key={k}>{m}</li>)}</ul></>)}
      {f.recommendations.length > 0 && (<><h4>{t('f.recommendations')}</h4><ul>{f.recommendations.map((m, k) => <li key={k}>{m}</li>)}</ul></>)}
      {f.required_remedies.length > 0 && (<>
        <h4>{t('f.remedies')}</h4>
        <ul>{f.required_remedies.map((r, k) => <li key={k}><strong>{r.obligated_party}</strong>: {r.description}{r.due_date ? ` (${fmt.date(r.due_date)})` : ''}</li>)}</ul>
      </>)}
      {current.length > 0 && (<>
        <h4>{t('fv.comments')}</h4>
        <ul data-testid="finding-comments">
          {current.map((c) => (
            <li key={c.idx}>
              <strong>{c.org}</strong>{c.dissent && <> <span className="badge badge-failed">{t('fv.dissent')}</span></>} <span className="muted">{fmt.dateTime(c.at)}</span>
              <p className="notes">{c.text}</p>
            </li>
          ))}
        </ul>
      </>)}
    </div>
  );
}

function RemedyRows({ initial }: { initial: Remedy[] }) {
  const { fmt } = useI18n();
  const t = useStrings(lifecycleStrings);
  const [rows, setRows] = useState(() => initial.map((r, k) => ({ key: k, ...r })));
  const [next, setNext] = useState(initial.length);
  return (
    <fieldset data-testid="remedies">
      <legend>{t('f.remedies')}</legend>
      {rows.map((r, k) => (
        <div key={r.key} className="remedy-row">
          <label><span>{t('f.remedy.description', { n: fmt.number(k + 1) })}</span><textarea name="remedy_description" rows={2} maxLength={2000} defaultValue={r.description} /></label>
          <label><span>{t('f.remedy.party')}</span><input name="remedy_party" dir="ltr" maxLength={32} defaultValue={r.obligated_party} /></label>
          <label><span>{t('f.remedy.due')}</span><input name="remedy_due" type="date" defaultValue={r.due_date ?? ''} /></label>
          <button type="button" className="secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>{t('f.remedy.remove', { n: fmt.number(k + 1) })}</button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => { setRows([...rows, { key: next, description: '', obligated_party: '' }]); setNext(next + 1); }}>{t('f.remedy.add')}</button>
    </fieldset>
  );
}

export function DraftFindingForm(props: StepFormProps) {
  const { label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const prev = findingOf(props.incident);
  const i = props.incident;
  const build = (f: FormData) => {
    const r = fields(f, t);
    const determination = r.req('determination', t('f.determination'));
    const responsible = r.opt('responsible_party');
    const clause = r.opt('clause_violated');
    if (responsible) r.check(ORG_ID.test(responsible), t('v.org', { field: t('f.responsible') }));
    if (clause) r.check(CLAUSE_REF.test(clause), t('v.clause', { field: t('f.clauseViolated') }));
    r.check(determination !== 'violation' || (Boolean(responsible) && Boolean(clause)), t('v.violationNamed'));
    const descs = f.getAll('remedy_description').map((v) => String(v).trim());
    const parties = f.getAll('remedy_party').map((v) => String(v).trim());
    const dues = f.getAll('remedy_due').map((v) => String(v).trim());
    const remedies = descs.flatMap((d, k): Remedy[] => {
      const p = parties[k] ?? '';
      if (!d && !p) return [];
      if (!d || !ORG_ID.test(p)) throw new Invalid(t('v.remedy', { n: k + 1 }));
      return [{ description: d, obligated_party: p, ...(dues[k] ? { due_date: dues[k] } : {}) }];
    });
    const intent = r.opt('intent');
    return {
      determination,
      ...(clause ? { clause_violated: clause } : {}),
      ...(responsible ? { responsible_party: responsible } : {}),
      attribution_confidence: r.req('attribution_confidence', t('f.confidence')),
      ...(intent ? { intent } : {}),
      grade: r.req('grade', t('f.grade')),
      summary: r.req('summary', t('f.summary')),
      methods: r.lines('methods'),
      recommendations: r.lines('recommendations'),
      required_remedies: remedies,
      publication: r.req('publication', t('f.publication')),
    };
  };
  const select = (name: string, labelText: string, values: readonly string[], prefix: string, initial: string | undefined, optional = false) => (
    <label>
      <span>{labelText}</span>
      <select name={name} defaultValue={initial ?? ''} required={!optional} aria-required={!optional}>
        <option value="">{optional ? t('f.notStated') : t('f.choose')}</option>
        {values.map((v) => <option key={v} value={v}>{t(`${prefix}.${v}` as never)}</option>)}
      </select>
    </label>
  );
  return (
    <StepForm {...props} action="draft_finding" build={build} intro={prev ? <p className="muted">{t('f.redraft', { version: prev.version })}</p> : undefined}>
      {select('determination', t('f.determination'), DETERMINATIONS, 'det', prev?.determination)}
      <label><span>{t('f.responsible')}</span><input name="responsible_party" dir="ltr" maxLength={32} defaultValue={prev?.responsible_party ?? i.accused_party ?? ''} /></label>
      <label><span>{t('f.clauseViolated')}</span><input name="clause_violated" dir="ltr" maxLength={32} defaultValue={prev?.clause_violated ?? i.clause_refs[0] ?? ''} /></label>
      {select('grade', t('f.grade'), GRADES, 'grade', prev?.grade)}
      {select('attribution_confidence', t('f.confidence'), CONFIDENCE, 'conf', prev?.attribution_confidence)}
      {select('intent', t('f.intent'), INTENTS, 'intent', prev?.intent, true)}
      <label><span>{t('f.summary')}</span><textarea name="summary" rows={5} maxLength={20000} required aria-required="true" defaultValue={prev?.summary ?? ''} /></label>
      <label><span>{t('f.methods')}</span><textarea name="methods" rows={3} defaultValue={prev?.methods.join('\n') ?? ''} /></label>
      <label><span>{t('f.recommendations')}</span><textarea name="recommendations" rows={3} defaultValue={prev?.recommendations.join('\n') ?? ''} /></label>
      <RemedyRows initial={prev?.required_remedies ?? []} />
      <label>
        <span>{t('f.publication')}</span>
        <select name="publication" defaultValue={prev?.publication ?? i.visibility}>
          {VISIBILITIES.map((v) => <option key={v} value={v}>{label('visibility', v)}</option>)}
        </select>
      </label>
    </StepForm>
  );
}

/** The draft's own ledger entry, verified in this browser, so the signer sees they sign what the log holds. */
function DraftBadge({ incident, finding }: { incident: IncidentDetail; finding: Finding }) {
  const e = incident.timeline.find((x) => x.index === finding.draft_index);
  const shown = useMemo(() => (e ? [{ index: e.index, type: e.type, org: e.org, at: e.at, body: e.body, subject: incident.id }] : undefined), [e, incident.id]);
  const { states } = useVerification(shown);
  return e ? <EntryBadge index={e.index} state={states.get(e.index)} /> : null;
}

export function SignFindingForm(props: StepFormProps) {
  const { fmt } = useI18n();
  const { viewer } = useSession();
  const t = useStrings(lifecycleStrings);
  const f = findingOf(props.incident);
  if (!f) return null;
  return (
    <StepForm {...props} action="sign_finding" build={(d) => {
      if (d.get('confirm') !== 'yes') throw new Invalid(t('v.confirmSign'));
      return { draft_index: f.draft_index };
    }} intro={<><FindingView finding={f} /><DraftBadge incident={props.incident} finding={f} /></>}>
      <label className="check">
        <input type="checkbox" name="confirm" value="yes" required aria-required="true" />
        <span>{t('f.sign.confirm', { index: fmt.number(f.draft_index), version: fmt.number(f.version), org: viewer?.org ?? '' })}</span>
      </label>
    </StepForm>
  );
}

export function CommentForm(props: StepFormProps) {
  const t = useStrings(lifecycleStrings);
  const f = findingOf(props.incident);
  if (!f) return null;
  return (
    <StepForm {...props} action="comment" build={(d) => {
      const r = fields(d, t);
      return { draft_index: f.draft_index, dissent: d.get('dissent') === 'yes', text: r.req('text', t('f.comment')) };
    }} intro={<FindingView finding={f} />}>
      <label><span>{t('f.comment')}</span><textarea name="text" rows={4} maxLength={20000} required aria-required="true" /></label>
      <label className="check"><input type="checkbox" name="dissent" value="yes" /><span>{t('f.dissent')}</span></label>
    </StepForm>
  );
}
