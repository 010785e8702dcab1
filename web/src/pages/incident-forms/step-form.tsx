/**
 * One lifecycle step's form: builds the body from the fields (client checks
 * first, with a clear message), posts it to the step's route through the
 * shared write (../../forms/write.tsx: the server's refusal in words), and
 * hands the updated incident back. Every form has a heading, labelled controls and one submit button.
 */
import type { FormEvent, ReactNode } from 'react';
import { api, type IncidentDetail } from '../../api.js';
import { ErrorLine, Submit, useWrite } from '../../forms/write.js';
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
  const w = useWrite();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    let body: Record<string, unknown>;
    try {
      body = build(new FormData(e.currentTarget));
    } catch (err) {
      w.invalid(err instanceof Error ? err.message : String(err));
      return;
    }
    await w.run(() => api.step(incident.id, STEP_PATHS[action]!, body), (r) => onRecorded(r.incident, r.entry.index));
  };
  const fid = `form-${action}`;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid={fid} noValidate>
      <h3 id={`${fid}-h`}>{label('action', action)}</h3>
      {intro}
      {children}
      <ErrorLine error={w.error} testId="form-error" />
      <Submit busy={w.busy} testId={`${fid}-submit`}>{submitLabel ?? label('action', action)}</Submit>
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
