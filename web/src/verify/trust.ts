/**
 * The keys the badges verify against. By default those the server serves at
 * /log/vkey and /log/witnesses, with every listed witness required: that
 * only proves the server is consistent with itself, so the keys page shows
 * their fingerprints and lets the user pin them (localStorage). Once pinned,
 * the pinned keys are used, and a server that starts serving other keys
 * turns every badge red instead of being believed.
 */
import { getText } from '../api.js';
import type { TrustedKeys } from './check-receipt.js';

const PIN_KEY = 'annex.trust.pinned';

export interface KeyState {
  readonly served: TrustedKeys;
  readonly pinned: TrustedKeys | null;
  /** The keys to verify with: the pinned ones when there are any. */
  readonly trusted: TrustedKeys;
  /** Pinned keys differ from the served ones. */
  readonly changed: boolean;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export async function fetchServedKeys(): Promise<TrustedKeys> {
  const [vkey, witnesses] = await Promise.all([getText('/log/vkey'), getText('/log/witnesses')]);
  const witnessVkeys = lines(witnesses);
  return { logVkey: vkey.trim(), witnessVkeys, quorum: witnessVkeys.length };
}

export function readPinned(): TrustedKeys | null {
  try {
    const raw = localStorage.getItem(PIN_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<TrustedKeys>;
    if (typeof p.logVkey !== 'string' || !Array.isArray(p.witnessVkeys) || typeof p.quorum !== 'number') return null;
    return { logVkey: p.logVkey, witnessVkeys: p.witnessVkeys.filter((k): k is string => typeof k === 'string'), quorum: p.quorum };
  } catch {
    return null;
  }
}

export function pin(keys: TrustedKeys | null): void {
  if (keys) localStorage.setItem(PIN_KEY, JSON.stringify(keys));
  else localStorage.removeItem(PIN_KEY);
}

function sameKeys(a: TrustedKeys, b: TrustedKeys): boolean {
  return a.logVkey === b.logVkey && [...a.witnessVkeys].sort().join('\n') === [...b.witnessVkeys].sort().join('\n');
}

export async function loadKeyState(): Promise<KeyState> {
  const served = await fetchServedKeys();
  const pinned = readPinned();
  return { served, pinned, trusted: pinned ?? served, changed: pinned !== null && !sameKeys(pinned, served) };
}
