/**
 * One commitment form: builds the body from its fields (./model.ts refuses
 * with a clear message before anything is sent), sends it through the shared
 * write (../../forms/write.tsx: the server's refusal in words), and hands the
 * server's answer back.
 * A heading names the form; one submit button; errors in role="alert".
 */
import type { FormEvent, ReactNode } from 'react';
import type { RecordedCommitment } from '../../agreements/commitment-actions-api.js';
import { commitmentFormStrings, type CommitmentFormKey } from '../../i18n/commitment-forms.js';
import { useI18n } from '../../i18n/context.js';
import { useStrings } from '../../i18n/strings.js';
import { useSession } from '../../session.js';
import { ErrorLine, Submit, useWrite } from '../../forms/write.js';
import { formFields, Invalid, type Fields } from './model.js';

export function useCommitmentStrings() {
  return useStrings(commitmentFormStrings);
}

/** The message for an Invalid: its field's label and numbers in the reader's digits. */
export function useInvalidText(): (e: Invalid) => string {
  const { fmt } = useI18n();
  const t = useCommitmentStrings();
  return (e) => {
    const vars: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.vars)) vars[k] = typeof v === 'number' ? fmt.number(v) : v;
    if (e.field) vars.field = t(e.field);
    return t(e.key, vars);
  };
}

export function CommitmentActionForm<B, R = RecordedCommitment>({ testId, title, labelledBy, intro, submit, build, send, onDone, children }: {
  testId: string;
  /** The form's own heading; or `labelledBy`, the id of the page's heading that names it. */
  title?: CommitmentFormKey;
  labelledBy?: string;
  intro?: ReactNode;
  submit: CommitmentFormKey;
  /** The request body from the fields; throws Invalid to refuse with a message. */
  build: (fields: Fields) => B;
  send: (body: B) => Promise<R | undefined>;
  onDone: (r: R) => void;
  children: ReactNode;
}) {
  const t = useCommitmentStrings();
  const invalidText = useInvalidText();
  const { canWrite } = useSession();
  const w = useWrite();
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    let body: B;
    try {
      body = build(formFields(new FormData(e.currentTarget)));
    } catch (err) {
      if (err instanceof Invalid) w.invalid(invalidText(err));
      else w.refuse(String(err));
      return;
    }
    await w.run(() => send(body), onDone);
  };
  const hid = labelledBy ?? `${testId}-h`;
  return (
    <form className="stack action-form" onSubmit={(e) => void onSubmit(e)} aria-labelledby={hid} data-testid={testId} noValidate>
      {title && !labelledBy && <h3 id={hid}>{t(title)}</h3>}
      {intro}
      {children}
      <ErrorLine error={w.error} testId="form-error" />
      <Submit busy={w.busy} disabled={!canWrite} testId={`${testId}-submit`}>{t(submit)}</Submit>
    </form>
  );
}
