/**
 * Fields the commitment forms share: a Kroc status, a deadline (a date, or
 * days after D-day, with the day it falls on), the commitments this one is
 * conditional on, the clause, who may read it, and the evidence cited.
 * Every control has a visible label; groups are fieldsets with a legend.
 */
import { useId, useState } from 'react';
import type { CommitmentSummary } from '../../agreements/api.js';
import type { ClauseItem, CommitmentVisibility } from '../../agreements/commitment-actions-api.js';
import { Id, useEnumLabel } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { useCommitmentStrings } from './action-form.js';
import { EvidenceFinder } from './evidence-finder.js';
import { DAYS, KROC, resolveDeadline, withEvidenceId } from './model.js';
import type { CommitmentFormKey } from '../../i18n/commitment-forms.js';

export function StatusFieldset({ legend }: { legend: CommitmentFormKey }) {
  const t = useCommitmentStrings();
  const label = useEnumLabel();
  return (
    <fieldset data-testid="status-choice">
      <legend>{t(legend)}</legend>
      {KROC.map((s) => (
        <label key={s} className="check"><input type="radio" name="status" value={s} /><span>{label('kroc', s)}</span></label>
      ))}
    </fieldset>
  );
}

/** Evidence numbers (typed, or added from a search), with what they look like and what the commitment says a verification needs. */
export function EvidenceField({ required }: { required: string }) {
  const t = useCommitmentStrings();
  const hint = useId();
  const [ids, setIds] = useState('');
  return (
    <>
      <label>
        <span>{t('f.evidence')}</span>
        <input name="evidence" dir="ltr" placeholder="EV-2025-00001" aria-describedby={hint} autoComplete="off" value={ids} onChange={(e) => setIds(e.target.value)} />
      </label>
      <p className="muted small" id={hint}>
        <span data-testid="evidence-format">{t('f.evidenceFormat')}</span> {t('f.evidenceHint')} <bdi>{required}</bdi>
      </p>
      <EvidenceFinder onAdd={(id) => setIds((typed) => withEvidenceId(typed, id))} />
    </>
  );
}

const readDays = (s: string): number | null => (/^-?\d+$/.test(s.trim()) ? Number(s) : null);

/** A deadline: a calendar date (due by its end, UTC) or N days after D-day; the fields model.deadlineFrom reads. */
export function DeadlineFieldset({ legend, dDay, relative = false }: { legend: CommitmentFormKey; dDay: string | null; relative?: boolean }) {
  const { fmt } = useI18n();
  const t = useCommitmentStrings();
  const [kind, setKind] = useState<'date' | 'relative'>(relative ? 'relative' : 'date');
  const [date, setDate] = useState('');
  const [days, setDays] = useState('');
  const preview = useId();
  const n = readDays(days);
  const due = n === null ? null : resolveDeadline({ relative_to: 'd_day', days: n }, dDay);
  return (
    <fieldset data-testid="deadline-choice">
      <legend>{t(legend)}</legend>
      <label className="check">
        <input type="radio" name="deadline_kind" value="date" checked={kind === 'date'} onChange={() => setKind('date')} />
        <span>{t('deadline.date')}</span>
      </label>
      {kind === 'date' && (
        <label><span>{t('deadline.dateLabel')}</span><input type="date" name="deadline_date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
      )}
      <label className="check">
        <input type="radio" name="deadline_kind" value="relative" checked={kind === 'relative'} onChange={() => setKind('relative')} />
        <span>{t('deadline.relative')}</span>
      </label>
      {kind === 'relative' && (
        <>
          <label>
            <span>{t('deadline.days')}</span>
            <input type="number" name="deadline_days" inputMode="numeric" step={1} min={DAYS.min} max={DAYS.max} dir="ltr"
              value={days} onChange={(e) => setDays(e.target.value)} aria-describedby={preview} />
          </label>
          <p className="muted small" id={preview} data-testid="deadline-preview">
            {dDay === null ? t('deadline.noDDay') : due ? t('deadline.resolves', { dDay: fmt.date(dDay), date: fmt.date(due) }) : ''}
          </p>
        </>
      )}
    </fieldset>
  );
}

/** Other commitments to make this one conditional on (checkboxes), never itself. */
export function ConditionsFieldset({ options, checked, self }: { options: readonly CommitmentSummary[]; checked?: readonly string[]; self?: string }) {
  const t = useCommitmentStrings();
  const label = useEnumLabel();
  const hint = useId();
  const others = options.filter((o) => o.id !== self);
  return (
    <fieldset data-testid="conditional-on" aria-describedby={hint}>
      <legend>{t('f.conditionalOn')}</legend>
      <p className="muted small" id={hint}>{t('f.conditionalHint')}</p>
      {others.length === 0 ? <p>{t('f.noOthers')}</p> : (
        <div className="com-conditions">
          {others.map((o) => (
            <label key={o.id} className="check">
              <input type="checkbox" name="conditional_on" value={o.id} defaultChecked={checked?.includes(o.id)} />
              <span><Id>{o.id}</Id> <bdi>{o.title}</bdi> ({o.obligated_party}, {label('kroc', o.status)})</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

export function ClauseSelect({ clauses, current }: { clauses: readonly ClauseItem[]; current?: string | null }) {
  const t = useCommitmentStrings();
  return (
    <label>
      <span>{t('f.clause')}</span>
      <select name="clause_id" defaultValue={current ?? ''} required aria-required="true">
        {!current && <option value="">{t('f.chooseClause')}</option>}
        {clauses.map((c) => <option key={c.id} value={c.id}>{c.id} — {c.title}</option>)}
      </select>
    </label>
  );
}

export function VisibilitySelect({ options, current }: { options: readonly CommitmentVisibility[]; current: string }) {
  const { label } = useI18n();
  const t = useCommitmentStrings();
  return (
    <label>
      <span>{t('f.visibility')}</span>
      <select name="visibility" defaultValue={current}>
        {options.map((v) => <option key={v} value={v}>{label('visibility', v)}</option>)}
      </select>
    </label>
  );
}
