import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../ledger/canonical-json.js';
import type { LedgerEntry } from '../ledger/entry.js';
import { DEFAULT_DEADLINES } from '../services/workspace.js';
import { ReplayError, ReplayState } from './replay.js';

function applied(idx: number, type: string, body: JsonObject) {
  const entry = { v: 1, type, at: '2025-10-20T08:00:00.000Z', org: 'SEC', user: 'system', subject: 'workspace', body, sig: '' } as LedgerEntry;
  return { idx, entry, body, visibility: 'public' as const };
}

const created = applied(1, 'workspace.created', { name: 'W', origin: 'w.example/log', deadlines_hours: { ...DEFAULT_DEADLINES } });

test('the replay keeps each row with the last entry that wrote it', () => {
  const s = new ReplayState();
  s.apply(created);
  s.apply(applied(5, 'workspace.configured', { clauses: [{ id: 'A.1', title: 'T', text: 'X' }] }));
  const ws = s.rows('workspace').get('1')!;
  assert.equal(ws.idx, 5);
  assert.equal(ws.type, 'workspace.configured');
  assert.equal((ws.row!.config as { origin: string }).origin, 'w.example/log');
  assert.ok(Object.isFrozen(ws.row) && Object.isFrozen(ws.row!.config), 'rows are frozen so an impure applier fails loudly');
});

test('an entry that does not apply is a ReplayError and leaves the state as it was', () => {
  const s = new ReplayState();
  s.apply(created);
  assert.throws(() => s.apply(applied(2, 'workspace.created', created.body)), (e: unknown) => e instanceof ReplayError && /already exists/.test(e.message));
  assert.equal(s.rows('workspace').get('1')!.idx, 1);
  assert.throws(() => s.apply(applied(3, 'treaty.signed', {})), /no applier for entry type "treaty\.signed"/);
  assert.throws(() => new ReplayState().apply(applied(4, 'workspace.configured', {})), /the workspace does not exist/);
});
