/**
 * One write form of the crossing and movement screens: a heading, the
 * fields, the client's own check of them (bodies.ts; a mistake is explained
 * before anything is sent), the request through the shared write
 * (../../forms/write.tsx), and the server's message when it refuses. The form hands the server's answer back; the page shows the new
 * state and the "recorded as ledger entry N" line.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api.js';
import { useI18n } from '../../i18n/context.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { lifecycleStrings } from '../../i18n/lifecycle.js';
import { ErrorLine, Submit, useWrite } from '../../forms/write.js';
import { useStrings } from '../../i18n/strings.js';
import { useSession } from '../../session.js';
import { Invalid, type Fields } from './bodies.js';

export function ActionForm<B, R>({ id, title, level = 3, intro, submitLabel, build, send, onDone, onRefused, onCancel, focusFirst = false, children }: {
  /** The form's id and data-testid. */
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: ReactNode;
  submitLabel: string;
  /** The request body from the fields; throws Invalid to refuse with a message. */
  build: (f: Fields) => B;
  send: (body: B) => Promise<R>;
  onDone: (r: R) => void;
  /** The server refused (its message is shown): e.g. read the record again when it changed meanwhile (409). */
  onRefused?: (e: ApiError) => void;
  onCancel?: () => void;
  /** Move focus to the form's heading when it appears (it was opened from a button), so it is announced and Tab leads into it. */
  focusFirst?: boolean;
  children: ReactNode;
}) {
  const { t: core } = useI18n();
  const t = useStrings(crossingFormStrings);
  const tl = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  const w = useWrite();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusFirst) heading.current?.focus();
  }, [focusFirst]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    let body: B;
    try {
      body = build(new FormData(form));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      w.invalid(t(err.key, { ...err.vars, field: err.field ? t(err.field) : '' }));
      return;
    }
    await w.run(() => send(body), (r: R) => {
      form.reset();
      onDone(r);
    }, (err) => err instanceof ApiError && onRefused?.(err));
  };

  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`} data-testid={id} id={id} noValidate>
      <Heading id={`${id}-h`} ref={heading} {...(focusFirst ? { tabIndex: -1 } : {})}>{title}</Heading>
      {intro}
      {children}
      <ErrorLine error={w.error} testId="form-error" />
      {!canWrite && <p className="muted">{tl('form.signInToAct')}</p>}
      <div className="row">
        <Submit busy={w.busy} disabled={!canWrite} testId={`${id}-submit`}>{submitLabel}</Submit>
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{core('common.cancel')}</button>}
      </div>
    </form>
  );
}
