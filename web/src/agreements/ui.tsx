/** Small pieces shared by the agreement screens: loading a resource, its loading/error states, a labelled enum. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { agreementStrings, type AgreementKey } from '../i18n/agreements.js';
import type { LoggedEvent } from './api.js';

export type Loaded<T> = { data: T } | { error: string; status?: number } | undefined;

/** Loads `load()` whenever `key` changes; `reload` loads again, `set` replaces the value (after a write). */
export function useLoad<T>(load: () => Promise<T>, key: string): { value: Loaded<T>; reload: () => void; set: (v: T) => void } {
  // The value remembers the key it was loaded for: under a new key (other filters, another record) the
  // page shows the loading line at once, never the previous key's data; a reload keeps showing it.
  const [state, setState] = useState<{ key: string; value: Loaded<T> }>({ key, value: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (r) => live && setState({ key, value: { data: r } }),
      (e: unknown) => live && setState({ key, value: { error: e instanceof Error ? e.message : String(e), ...(e instanceof ApiError ? { status: e.status } : {}) } }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what is loaded
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((v: T) => setState({ key, value: { data: v } }), [key]);
  return { value: state.key === key ? state.value : undefined, reload, set };
}

/** The loading line, or the error (with a sign-in link when the API says sign in), or the content. */
export function Gate<T>({ value, next, children }: { value: Loaded<T>; next: string; children: (v: T) => ReactNode }) {
  const { t } = useI18n();
  const { viewer } = useSession();
  if (value === undefined) return <p role="status">{t('common.loading')}</p>;
  if ('error' in value) {
    const e = value;
    return (
      <>
        <p className="error" role="alert">{e.status === 404 ? t('common.notFound') : t('common.error', { message: e.error })}</p>
        {viewer === null && (e.status === 401 || e.status === 403 || e.status === 404) && (
          <p><Link href={`/login?next=${encodeURIComponent(next)}`}>{t('header.signIn')}</Link></p>
        )}
      </>
    );
  }
  return <>{children(value.data)}</>;
}

/** A value from a fixed list, shown with its message (`prefix.value`), falling back to the value itself. */
export function useEnumLabel(): (prefix: string, value: string) => string {
  const t = useStrings(agreementStrings);
  return (prefix, value) => {
    const key = `${prefix}.${value}` as AgreementKey;
    const s = t(key);
    return s === key ? value : s;
  };
}

/** A status pill whose colour follows the value (styles.css "Agreements"). */
export function Pill({ kind, value, children, testId }: { kind: string; value: string; children: ReactNode; testId?: string }) {
  return <span className={`status ag-pill ag-${kind}-${value}`} data-value={value} {...(testId ? { 'data-testid': testId } : {})}>{children}</span>;
}

/** An identifier shown left-to-right inside any text direction. */
export function Id({ children }: { children: ReactNode }) {
  return <bdi dir="ltr" className="id">{children}</bdi>;
}

/** A record's ledger entries: index, type, who, when (the timeline section of each detail page). */
export function EntryTimeline({ events, headingId, testId }: { events: readonly LoggedEvent[]; headingId: string; testId: string }) {
  const { fmt } = useI18n();
  const t = useStrings(agreementStrings);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('timeline')}</h2>
      <div className="table-wrap">
        <table data-testid={testId}>
          <thead><tr><th scope="col">{t('col.entry')}</th><th scope="col">{t('col.event')}</th><th scope="col">{t('col.by')}</th><th scope="col">{t('col.time')}</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.index}><td className="num">{fmt.number(e.index)}</td><td><code dir="ltr">{e.type}</code></td><td>{e.org} <span className="muted" dir="ltr">({e.user})</span></td><td>{fmt.dateTime(e.at)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
