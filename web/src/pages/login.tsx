/** Sign in (POST /api/session): the server sets the session cookie and returns the CSRF token for this tab. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/context.js';
import { navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const { query } = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={(e) => void submit(e)} className="stack" aria-describedby={error ? 'login-error' : undefined}>
        <label>
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" required dir="ltr" />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required dir="ltr" />
        </label>
        {error && <p id="login-error" className="error" role="alert">{t('login.failed', { message: error })}</p>}
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
    </section>
  );
}
