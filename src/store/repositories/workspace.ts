/** SQL for the workspace row. */
import type { Db } from '../db.js';

export async function findWorkspace(db: Db) {
  return db.selectFrom('workspace').select(['name', 'config', 'entry_index']).where('id', '=', 1).executeTakeFirst();
}

/** The first-registered secretariat: the system actor for setup entries. */
export async function firstSecretariat(db: Db): Promise<string | undefined> {
  const r = await db.selectFrom('organisations').select('id').where('kind', '=', 'secretariat').orderBy('entry_index').executeTakeFirst();
  return r?.id;
}
