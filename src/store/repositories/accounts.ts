/** SQL for users, organisations, credentials, sessions and API tokens. */
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

export interface UserWithOrg {
  id: string;
  org: string;
  username: string;
  display_name: string;
  roles: unknown;
  active: boolean;
  org_kind: string;
  org_name: string;
}

function userQuery(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org')
    .select(['users.id', 'users.org', 'users.username', 'users.display_name', 'users.roles', 'users.active',
      'organisations.kind as org_kind', 'organisations.name as org_name']);
}

export async function findUserByUsername(db: Db, username: string): Promise<UserWithOrg | undefined> {
  return userQuery(db).where('users.username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserWithOrg | undefined> {
  return userQuery(db).where('users.id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserWithOrg[]> {
  return userQuery(db).orderBy('users.org').orderBy('users.username').execute();
}

export async function listOrganisations(db: Db) {
  return db.selectFrom('organisations').select(['id', 'kind', 'name', 'vkey', 'entry_index']).orderBy('id').execute();
}

/** A keyed read, answered from the writer's batch inside one. */
export async function findOrganisation(db: Db, id: string) {
  return (await findRow(db, { table: 'organisations', key: id })) as
    { id: string; kind: string; name: string; vkey: string; entry_index: number } | undefined;
}

export async function passwordHashOf(db: Db, userId: string): Promise<string | undefined> {
  const r = await db.selectFrom('credentials').select('password_hash').where('user_id', '=', userId).executeTakeFirst();
  return r?.password_hash;
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db
    .insertInto('credentials')
    .values({ user_id: userId, password_hash: hash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: hash }))
    .execute();
}

export async function insertSession(db: Db, s: { id_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }) {
  await db.insertInto('sessions').values(s).execute();
}

export async function findSession(db: Db, idHash: string, now: string) {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function insertApiToken(db: Db, t: { id: string; user_id: string; name: string; token_hash: string; created_at: string }) {
  await db.insertInto('api_tokens').values({ ...t, revoked_at: null }).execute();
}

export async function findApiToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeApiToken(db: Db, id: string, userId: string, at: string): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('user_id', '=', userId)
    .where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
