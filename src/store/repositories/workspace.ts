/** SQL for the workspace row. */
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

/** A keyed read, answered from the writer's batch inside one. */
export async function findWorkspace(db: Db) {
  return (await findRow(db, { table: 'workspace', key: 1 })) as { name: string; config: unknown; entry_index: number } | undefined;
}

/** The highest number used for references like `INC-2025-…` (`key` 'INC-2025'); 0 when none. */
export async function lastReferenceNumber(db: Db, key: string): Promise<number> {
  return Number((await findRow(db, { table: 'counters', key }))?.value ?? 0);
}

/** The first-registered secretariat: the system actor for setup entries. */
export async function firstSecretariat(db: Db): Promise<string | undefined> {
  const r = await db.selectFrom('organisations').select('id').where('kind', '=', 'secretariat').orderBy('entry_index').executeTakeFirst();
  return r?.id;
}
