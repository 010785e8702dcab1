/** The verification badge: green only for what this browser itself verified; red with the reason otherwise. */
import { useI18n } from '../i18n/context.js';
import type { EntryState } from './use-verification.js';

export function EntryBadge({ index, state }: { index: number; state: EntryState | undefined }) {
  const { t, fmt } = useI18n();
  const n = fmt.number(index);
  if (!state || state.state === 'checking') {
    return <span className="badge badge-checking" data-testid="verify-badge" data-state="checking" data-index={index} role="status">{t('verify.checking', { index: n })}</span>;
  }
  if (state.state === 'pending') {
    return <span className="badge badge-pending" data-testid="verify-badge" data-state="pending" data-index={index} role="status">{t('verify.pending', { index: n })}</span>;
  }
  const c = state.check;
  if (c.ok) {
    const cosigners = c.cosigners.length > 0 ? fmt.list(c.cosigners) : t('verify.noWitness');
    return (
      <span className="badge badge-ok" data-testid="verify-badge" data-state="verified" data-index={index} data-size={c.size} role="status">
        <span aria-hidden="true">✓ </span>{t('verify.ok', { index: n, size: fmt.number(c.size), cosigners })}
      </span>
    );
  }
  const reason = c.code === 'KEYS_CHANGED' ? t('verify.keysChanged') : `${c.code}: ${c.reason}`;
  return (
    <span className="badge badge-failed" data-testid="verify-badge" data-state="failed" data-index={index} data-code={c.code} role="alert">
      <span aria-hidden="true">✗ </span>{t('verify.failed', { index: n, reason })}
    </span>
  );
}
