/**
 * One lifecycle step's form: builds the body from the fields (client checks
 * first, with a clear message), posts it to the step's route, shows the
 * API's 4xx message when the server refuses, and hands the updated incident
 * back. Every form has a heading, labelled controls and one submit button.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, type IncidentDetail } from '../../api.js';
import { useI18n } from '../../i18n/context.js';
import { useStrings } from '../../i18n/strings.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { STEP_PATHS } from './enums.js';

/** A message for the user about what to fix; thrown by a form's `build`. */
export class Invalid extends Error {}

export interface StepFormProps {
  incident: IncidentDetail;
  onRecorded: (incident: IncidentDetail, index: number) => void;
}

export function StepForm({ incident, onRecorded, action, build, children, submitLabel, intro }: StepFormProps & {
  action: string;
  /** The request body from the form's fields; throw Invalid to refuse with a message. */
  build: (f: FormData) => Record<string, unknown>;
  children: ReactNode;
  submitLabel?: string;
  intro?: ReactNode;
}) {
  const { label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; invalid: boolean } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    let body: Record<string, unknown>;
    try {
      body = build(new FormData(e.currentTarget));
    } catch (err) {
      setError({ text: err instanceof Error ? err.message : String(err), invalid: true });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.step(incident.id, STEP_PATHS[action]!, body);
      onRecorded(r!.incident, r!.entry.index);
    } catch (err) {
      const text = err instanceof ApiError ? t('form.refused', { status: err.status, message: err.message }) : err instanceof Error ? err.message : String(err);
      setError({ text, invalid: false });
    } finally {
      setBusy(false);
    }
  };
  const fid = `form-${action}`;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid={fid} noValidate>
      <h3 id={`${fid}-h`}>{label('action', action)}</h3>
      {intro}
      {children}
      {error && <p className="error" role="alert" data-testid="form-error">{error.invalid ? t('form.invalid', { message: error.text }) : error.text}</p>}
      <button type="submit" disabled={busy} aria-busy={busy}>{busy ? t('form.sending') : (submitLabel ?? label('action', action))}</button>
    </form>
  );
}

/** Field readers over FormData that refuse with the field's label. */
export function fields(f: FormData, t: ReturnType<typeof useStrings<LifecycleKey>>) {
  const str = (k: string) => String(f.get(k) ?? '').trim();
  return {
    str,
    opt: (k: string) => str(k) || undefined,
    req: (k: string, name: string) => {
      const v = str(k);
      if (!v) throw new Invalid(t('v.required', { field: name }));
      return v;
    },
    list: (k: string, sep: RegExp = /[,\n]/) => str(k).split(sep).map((s) => s.trim()).filter(Boolean),
    lines: (k: string) => str(k).split('\n').map((s) => s.trim()).filter(Boolean),
    check: (ok: boolean, message: string) => {
      if (!ok) throw new Invalid(message);
    },
  };
}

export type LifecycleKey = keyof (typeof lifecycleStrings)['en'];
