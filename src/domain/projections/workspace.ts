/** Appliers for workspace, organisation and user entries (pure). */
import { parseBody } from '../entries.js';
import { ProjectionError, type Applier, type AppliedEntry, type RowLookup } from '../projection.js';

export const workspaceAppliers: Record<string, Applier> = {
  'workspace.created': {
    reads: () => [{ table: 'workspace', key: 1 }],
    apply(e, get) {
      if (get('workspace', 1)) throw new ProjectionError('conflict', 'the workspace already exists');
      const b = parseBody('workspace.created', e.body);
      return [{
        table: 'workspace',
        key: 1,
        row: { id: 1, name: b.name, config: { origin: b.origin, deadlines_hours: b.deadlines_hours, clauses: [], crossings: [] }, entry_index: e.idx },
      }];
    },
  },
  'workspace.configured': {
    reads: () => [{ table: 'workspace', key: 1 }],
    apply(e, get) {
      const ws = requireRow(get, 'workspace', 1, 'the workspace does not exist');
      const b = parseBody('workspace.configured', e.body);
      const config: Record<string, unknown> = { ...(ws.config as object) };
      for (const k of ['deadlines_hours', 'clauses', 'crossings'] as const) if (b[k] !== undefined) config[k] = b[k];
      return [{ table: 'workspace', key: 1, row: { ...ws, config, entry_index: e.idx } }];
    },
  },
  'org.registered': {
    reads: (e) => [{ table: 'organisations', key: String(e.body.id) }, { table: 'organisations', key: e.entry.org }],
    apply(e, get) {
      const b = parseBody('org.registered', e.body);
      if (get('organisations', b.id)) throw new ProjectionError('conflict', `organisation ${b.id} is already registered`);
      // The first organisation registers itself; every later one is registered by a known one.
      if (b.id !== e.entry.org) requireRow(get, 'organisations', e.entry.org, `unknown registering organisation ${e.entry.org}`);
      return [{ table: 'organisations', key: b.id, row: { id: b.id, kind: b.kind, name: b.name, vkey: b.vkey, entry_index: e.idx } }];
    },
  },
  'user.added': {
    reads: (e) => [{ table: 'users', key: String(e.body.id) }, { table: 'organisations', key: String(e.body.org) }],
    apply(e, get) {
      const b = parseBody('user.added', e.body);
      if (get('users', b.id)) throw new ProjectionError('conflict', `user ${b.id} already exists`);
      requireRow(get, 'organisations', b.org, `unknown organisation ${b.org}`);
      return [{
        table: 'users',
        key: b.id,
        row: { id: b.id, org: b.org, username: b.username, display_name: b.display_name, roles: b.roles, active: true, entry_index: e.idx },
      }];
    },
  },
  'user.updated': {
    reads: (e) => [{ table: 'users', key: String(e.body.id) }],
    apply(e, get) {
      const b = parseBody('user.updated', e.body);
      const u = requireRow(get, 'users', b.id, `unknown user ${b.id}`);
      return [{
        table: 'users',
        key: b.id,
        row: {
          ...u,
          ...(b.display_name !== undefined ? { display_name: b.display_name } : {}),
          ...(b.roles !== undefined ? { roles: b.roles } : {}),
          ...(b.active !== undefined ? { active: b.active } : {}),
          entry_index: e.idx,
        },
      }];
    },
  },
};

export function requireRow(get: RowLookup, table: Parameters<RowLookup>[0], key: string | number, message: string) {
  const row = get(table, key);
  if (!row) throw new ProjectionError('not_found', message);
  return row;
}

export type { AppliedEntry };
