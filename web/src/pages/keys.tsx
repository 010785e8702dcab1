/**
 * The keys the verification badges trust: fingerprints to compare with what
 * the parties and mediators publish, and pinning (verify/trust.ts).
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/context.js';
import { fingerprint, type TrustedKeys } from '../verify/check-receipt.js';
import { loadKeyState, pin, type KeyState } from '../verify/trust.js';

function KeyList({ keys }: { keys: TrustedKeys }) {
  const { t, fmt } = useI18n();
  const row = (k: string) => (
    <li key={k}>
      <code dir="ltr" className="key">{k}</code>
      <br /><span className="muted">{t('keys.fingerprint')}: </span><code dir="ltr" data-testid="fingerprint">{fingerprint(k)}</code>
    </li>
  );
  return (
    <>
      <h3>{t('keys.log')}</h3>
      <ul className="keys">{row(keys.logVkey)}</ul>
      <h3>{t('keys.witnesses')}</h3>
      <ul className="keys">{keys.witnessVkeys.map(row)}</ul>
      <p>{t('keys.quorum', { n: fmt.number(keys.quorum) })}</p>
    </>
  );
}

export function KeysPage() {
  const { t } = useI18n();
  const [state, setState] = useState<KeyState | { error: string } | undefined>(undefined);
  const [round, setRound] = useState(0);
  const [quorum, setQuorum] = useState<number | null>(null);

  useEffect(() => {
    loadKeyState().then((s) => setState(s), (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) }));
  }, [round]);

  if (!state) return <p role="status">{t('common.loading')}</p>;
  if ('error' in state) return <p className="error" role="alert">{t('common.error', { message: state.error })}</p>;
  const q = quorum ?? state.served.quorum;
  return (
    <section>
      <h1>{t('keys.title')}</h1>
      <p className="explain">{t('keys.explain')}</p>
      {state.changed && <p className="error" role="alert">{t('verify.keysChanged')}</p>}
      <p data-testid="pin-state">{state.pinned ? t('keys.pinned') : t('keys.unpinned')}</p>
      <KeyList keys={state.pinned ?? state.served} />
      <div className="row">
        {!state.pinned && (
          <>
            <label>
              <span>{t('keys.quorumLabel')}</span>
              <input type="number" min={0} max={state.served.witnessVkeys.length} value={q} onChange={(e) => setQuorum(Number(e.target.value))} />
            </label>
            <button type="button" onClick={() => { pin({ ...state.served, quorum: Math.min(Math.max(0, q), state.served.witnessVkeys.length) }); setRound((r) => r + 1); }}>
              {t('keys.pin')}
            </button>
          </>
        )}
        {state.pinned && <button type="button" className="secondary" onClick={() => { pin(null); setRound((r) => r + 1); }}>{t('keys.unpin')}</button>}
      </div>
    </section>
  );
}
