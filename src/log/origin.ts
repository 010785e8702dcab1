/**
 * The log's identity: its checkpoint origin line (C2SP tlog-checkpoint §Note
 * text 1) is the workspace's configured `origin`, so there is no log (and no
 * checkpoint) before the workspace exists.
 */
import type { Db } from '../store/db.js';
import { findWorkspace } from '../store/repositories/workspace.js';

export async function logOrigin(db: Db): Promise<string | undefined> {
  const row = await findWorkspace(db);
  const origin = (row?.config as { origin?: unknown } | undefined)?.origin;
  return typeof origin === 'string' && origin.length > 0 ? origin : undefined;
}
