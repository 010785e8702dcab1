/** Fetches the receipt (and disclosure, when there is one) of a piece of evidence and checks it (ledger-check.ts). */
import { useEffect, useState } from 'react';
import { ApiError, getText } from '../api.js';
import { loadKeyState } from '../verify/trust.js';
import { evidenceApi, type EvidenceSummary } from './api.js';
import { ledgerHash, type LedgerHash } from './ledger-check.js';

export type LedgerState = { readonly state: 'checking' } | { readonly state: 'pending' } | ({ readonly state: 'done' } & { readonly result: LedgerHash });

export function useLedgerHash(ev: EvidenceSummary, round = 0): LedgerState {
  const [state, setState] = useState<LedgerState>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    setState({ state: 'checking' });
    (async (): Promise<LedgerState> => {
      const keys = await loadKeyState();
      if (keys.changed) return { state: 'done', result: { kind: 'failed', code: 'KEYS_CHANGED', reason: 'the served keys differ from the pinned keys' } };
      let receipt: string;
      try {
        receipt = await getText(`/api/entries/${ev.entry_index}/receipt?wait=15`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 503) return { state: 'pending' };
        throw e;
      }
      const disclosure = ev.sealed && ev.disclosed ? await evidenceApi.disclosure(ev.id) : undefined;
      return { state: 'done', result: ledgerHash(receipt, ev, keys.trusted, disclosure) };
    })().then(
      (s) => live && setState(s),
      (e: unknown) => live && setState({ state: 'done', result: { kind: 'failed', code: 'FETCH', reason: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [ev.id, ev.entry_index, ev.sealed, ev.disclosed, ev.lodged_at, ev.lodged_org, round]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
