/**
 * Appliers for the agreement register (pure): clause versions and D-day.
 * The workspace configuration keeps the current text of every clause (what
 * incidents and findings cite), `config.clause_versions` the current version
 * number of each amended clause, and `config.d_day` the ceasefire's D-day;
 * `clause_versions` keeps every version. A clause from the configuration is
 * version 1: its first amendment also writes that version's row, from the
 * configuration, so the history is complete.
 */
import type { JsonObject } from '../../ledger/canonical-json.js';
import { parseBody } from '../entries.js';
import type { Clause } from '../entries/workspace.js';
import { ProjectionError, type Applier, type RowLookup } from '../projection.js';
import type { OrgKind } from '../visibility.js';
import { requireRow } from './workspace.js';

type Rec = Record<string, unknown>;
const MEDIATOR_SIDE: readonly OrgKind[] = ['mediator', 'secretariat'];

function fail(message: string): never {
  throw new ProjectionError('conflict', message);
}

export function clauseVersionKey(clauseId: string, version: number): string {
  return `${clauseId}@${version}`;
}

/** The current version of a clause in a workspace config: 0 when the clause does not exist. */
export function currentClauseVersion(config: Rec, clauseId: string): number {
  const amended = (config.clause_versions as Record<string, number> | undefined)?.[clauseId];
  if (amended !== undefined) return amended;
  return ((config.clauses as Clause[] | undefined) ?? []).some((c) => c.id === clauseId) ? 1 : 0;
}

/** The workspace's D-day, or null when not set. */
export function dDayOf(get: RowLookup): string | null {
  const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
  return ((ws.config as Rec).d_day as string | undefined) ?? null;
}

function requireMediatorSide(get: RowLookup, org: string, what: string): void {
  const kind = requireRow(get, 'organisations', org, `unknown organisation ${org}`).kind as OrgKind;
  if (!MEDIATOR_SIDE.includes(kind)) fail(`${what} is recorded by the mediators or their secretariat, not a ${kind}`);
}

export const clauseAppliers: Record<string, Applier> = {
  'clause.versioned': {
    reads: (e) => {
      const id = String(e.body.id);
      const v = Number(e.body.version);
      return [
        { table: 'workspace', key: 1 }, { table: 'organisations', key: e.entry.org },
        { table: 'clause_versions', key: clauseVersionKey(id, v) }, { table: 'clause_versions', key: clauseVersionKey(id, v - 1) },
      ];
    },
    apply(e, get) {
      const b = parseBody('clause.versioned', e.body);
      if (b.id !== e.entry.subject) fail('clause id and entry subject differ');
      if (e.visibility !== 'public') fail('the clause register is public');
      requireMediatorSide(get, e.entry.org, 'a clause version');
      const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
      const config = ws.config as Rec;
      const current = currentClauseVersion(config, b.id);
      if (b.version !== current + 1) {
        fail(current === 0 ? `clause ${b.id} does not exist: register it as version 1` : `clause ${b.id} is at version ${current}: the next version is ${current + 1}`);
      }
      const clauses = ((config.clauses as Clause[] | undefined) ?? []);
      const changes: ReturnType<Applier['apply']> = [];
      const firstKey = clauseVersionKey(b.id, 1);
      if (b.version === 2 && !get('clause_versions', firstKey)) {
        // Version 1 is the configured text; keep it before the configuration is overwritten.
        const configured = clauses.find((c) => c.id === b.id)!;
        changes.push({
          table: 'clause_versions', key: firstKey,
          row: { id: firstKey, clause_id: b.id, version: 1, title: configured.title, text: configured.text, reason: null, agreed_on: null, recorded_at: null, recorded_by: null, entry_index: e.idx },
        });
      }
      const key = clauseVersionKey(b.id, b.version);
      changes.push({
        table: 'clause_versions', key,
        row: {
          id: key, clause_id: b.id, version: b.version, title: b.title, text: b.text, reason: b.reason,
          agreed_on: b.agreed_on ?? null, recorded_at: e.entry.at, recorded_by: e.entry.org, entry_index: e.idx,
        },
      });
      const clause: Clause = { id: b.id, title: b.title, text: b.text };
      const nextClauses = clauses.some((c) => c.id === b.id) ? clauses.map((c) => (c.id === b.id ? clause : c)) : [...clauses, clause];
      const versions = { ...((config.clause_versions as Record<string, number> | undefined) ?? {}), [b.id]: b.version };
      const nextConfig = { ...config, clauses: nextClauses, clause_versions: versions } as unknown as JsonObject;
      changes.push({ table: 'workspace', key: 1, row: { ...ws, config: nextConfig, entry_index: e.idx } });
      return changes;
    },
  },
  'agreement.d_day_set': {
    reads: (e) => [{ table: 'workspace', key: 1 }, { table: 'organisations', key: e.entry.org }],
    apply(e, get) {
      const b = parseBody('agreement.d_day_set', e.body);
      if (e.visibility !== 'public') fail('the D-day is public');
      requireMediatorSide(get, e.entry.org, 'the D-day');
      const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
      return [{ table: 'workspace', key: 1, row: { ...ws, config: { ...(ws.config as Rec), d_day: b.d_day }, entry_index: e.idx } }];
    },
  },
};
