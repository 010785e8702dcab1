/**
 * Verifies a set of entries in the browser: loads the trusted keys once,
 * fetches each entry's receipt (waiting up to 15 s for a published
 * checkpoint to cover a new entry) and checks it (check-receipt.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getText } from '../api.js';
import { checkReceipt, type EntryCheck, type ShownEntry } from './check-receipt.js';
import { loadKeyState, type KeyState } from './trust.js';

export type EntryState = { readonly state: 'checking' } | { readonly state: 'pending' } | ({ readonly state: 'done' } & { readonly check: EntryCheck });

const WAIT_SECONDS = 15;

async function verifyOne(shown: ShownEntry, keys: KeyState): Promise<EntryState> {
  if (keys.changed) return { state: 'done', check: { ok: false, index: shown.index, code: 'KEYS_CHANGED', reason: 'keys changed' } };
  try {
    const receipt = await getText(`/api/entries/${shown.index}/receipt?wait=${WAIT_SECONDS}`);
    return { state: 'done', check: checkReceipt(receipt, shown, keys.trusted) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 503) return { state: 'pending' };
    return { state: 'done', check: { ok: false, index: shown.index, code: 'FETCH', reason: e instanceof Error ? e.message : String(e) } };
  }
}

export function useVerification(entries: readonly ShownEntry[] | undefined) {
  const [states, setStates] = useState<ReadonlyMap<number, EntryState>>(new Map());
  const [keys, setKeys] = useState<KeyState | { error: string } | undefined>(undefined);
  const [round, setRound] = useState(0);
  const signature = entries?.map((e) => `${e.index}:${e.type}`).join(',') ?? '';

  useEffect(() => {
    if (!entries) return;
    let live = true;
    setStates(new Map(entries.map((e) => [e.index, { state: 'checking' as const }])));
    loadKeyState().then(
      (k) => {
        if (!live) return;
        setKeys(k);
        for (const e of entries) {
          void verifyOne(e, k).then((s) => live && setStates((prev) => new Map(prev).set(e.index, s)));
        }
      },
      (err: unknown) => {
        if (!live) return;
        const reason = `cannot read the log keys: ${err instanceof Error ? err.message : String(err)}`;
        setKeys({ error: reason });
        setStates(new Map(entries.map((e) => [e.index, { state: 'done' as const, check: { ok: false as const, index: e.index, code: 'FETCH', reason } }])));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run when the entries or the round change, not on every new array
  }, [signature, round]);

  const retry = useCallback(() => setRound((r) => r + 1), []);
  return { states, keys, retry };
}
