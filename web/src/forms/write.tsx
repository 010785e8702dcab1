/**
 * What every write form of the UI shares: sending one write (busy state, the
 * server's refusal in words — "The server refused this (409): …"), the
 * form's own refusal of what it will not send ("Please correct the form: …"),
 * the error line, the submit button and the "recorded as ledger entry N" line.
 */
import { useState } from 'react';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { lifecycleStrings } from '../i18n/lifecycle.js';
import { useStrings } from '../i18n/strings.js';

export interface Write {
  busy: boolean;
  error: string | null;
  /** Shows a message of the form's own (a check before sending); null clears the error line. */
  refuse: (message: string | null) => void;
  /** The form's own refusal of its fields: "Please correct the form: {message}". */
  invalid: (message: string) => void;
  /** Sends; on success clears the error and hands the answer on; on failure shows the server's message (and tells `failed`). */
  run: <T>(send: () => Promise<T | undefined>, done: (r: T) => void, failed?: (err: unknown) => void) => Promise<void>;
}

export function useWrite(): Write {
  const t = useStrings(lifecycleStrings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(send: () => Promise<T | undefined>, done: (r: T) => void, failed?: (err: unknown) => void) => {
    setBusy(true);
    setError(null);
    try {
      const r = await send();
      done(r!);
    } catch (err) {
      setError(err instanceof ApiError ? t('form.refused', { status: err.status, message: err.message }) : err instanceof Error ? err.message : String(err));
      failed?.(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, refuse: setError, invalid: (message) => setError(t('form.invalid', { message })), run };
}

export function ErrorLine({ error, testId }: { error: string | null; testId: string }) {
  return error ? <p className="error" role="alert" data-testid={testId}>{error}</p> : null;
}

export function RecordedLine({ index, testId }: { index: number | null; testId: string }) {
  const { t, fmt } = useI18n();
  return index === null ? null : <p className="success" role="status" data-testid={testId}>{t('common.recorded', { index: fmt.number(index) })}</p>;
}

/** The submit button: "Sending…" while busy. */
export function Submit({ busy, disabled, children, testId, secondary }: { busy: boolean; disabled?: boolean; children: string; testId: string; secondary?: boolean }) {
  const t = useStrings(lifecycleStrings);
  return (
    <button type="submit" disabled={busy || disabled} aria-busy={busy} data-testid={testId} className={secondary ? 'secondary' : undefined}>
      {busy ? t('form.sending') : children}
    </button>
  );
}
