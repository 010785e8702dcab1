/**
 * presentClause: a clause of the register with its versions. The register
 * is public, so every viewer gets the same fields. A clause never amended
 * has no recorded version: its version 1 is the text the workspace was
 * configured with.
 */
import type { Clause } from '../domain/entries/workspace.js';
import type { ClauseVersionRow } from './commitment-presenter.js';

function presentVersion(v: ClauseVersionRow) {
  return {
    version: v.version, title: v.title, text: v.text, reason: v.reason, agreed_on: v.agreed_on,
    recorded_at: v.recorded_at, recorded_by: v.recorded_by, entry_index: v.entry_index,
    source: v.recorded_at === null ? 'workspace' as const : 'recorded' as const,
  };
}

export function presentClause(clause: Clause, version: number, versions: readonly ClauseVersionRow[]) {
  const history = versions.length > 0
    ? versions.map(presentVersion)
    : [{ version: 1, title: clause.title, text: clause.text, reason: null, agreed_on: null, recorded_at: null, recorded_by: null, entry_index: null, source: 'workspace' as const }];
  return { id: clause.id, title: clause.title, text: clause.text, version, versions: history };
}
