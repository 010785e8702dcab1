/**
 * Setting up a workspace: the genesis entries. The secretariat registers
 * itself (self-signed), the workspace and its deadlines, then every other
 * organisation with its verifier key, then users. Each step is a ledger entry.
 */
import { asJson } from '../domain/entries.js';
import type { Clause, Crossing, Deadlines } from '../domain/entries/workspace.js';
import type { OrgKind, Role, Viewer } from '../domain/visibility.js';
import * as accounts from '../store/repositories/accounts.js';
import * as workspaceRepo from '../store/repositories/workspace.js';
import type { Db } from '../store/db.js';
import { hashPassword } from './auth.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, ServiceError } from './errors.js';
import { record } from './recorder.js';

export const DEFAULT_DEADLINES: Deadlines = {
  triage: 48, notify: 24, acknowledge: 2, respond: 72, investigate: 30 * 24, comment: 7 * 24, sign: 7 * 24, remedy: 30 * 24,
};

export interface OrgSpec { id: string; kind: OrgKind; name: string }
export interface UserSpec { id: string; org: string; username?: string; display_name: string; roles: Role[]; password?: string }

export async function workspaceExists(s: Services): Promise<boolean> {
  return (await workspaceRepo.findWorkspace(s.db)) !== undefined;
}

/** Genesis: `secretariat` registers itself and creates the workspace. System actor "system". */
export async function createWorkspace(
  s: Services,
  spec: { name: string; origin: string; secretariat: OrgSpec; deadlines?: Deadlines },
): Promise<void> {
  if (spec.secretariat.kind !== 'secretariat') throw new ServiceError('bad_request', 'the first organisation must be the secretariat');
  if (await workspaceExists(s)) throw new ServiceError('conflict', 'the workspace already exists');
  const actor = { org: spec.secretariat.id, userId: 'system' };
  await inTransaction(s, async (tx) => {
    await record(tx, s, actor, {
      type: 'org.registered', subject: spec.secretariat.id, visibility: 'public',
      body: { ...spec.secretariat, vkey: s.keys.orgVerifierKey(spec.secretariat.id) },
    });
    await record(tx, s, actor, {
      type: 'workspace.created', subject: 'workspace', visibility: 'public',
      body: { name: spec.name, origin: spec.origin, deadlines_hours: { ...(spec.deadlines ?? DEFAULT_DEADLINES) } },
    });
  });
}

async function secretariatActor(s: Services, by: Viewer | 'system') {
  if (by !== 'system') {
    if (by.orgKind !== 'secretariat' || !by.roles.includes('admin')) throw forbidden('only a secretariat admin may manage organisations and users');
    return { org: by.org, userId: by.userId };
  }
  const sec = await workspaceRepo.firstSecretariat(s.db);
  if (!sec) throw new ServiceError('conflict', 'create the workspace first');
  return { org: sec, userId: 'system' };
}

export async function registerOrganisation(s: Services, by: Viewer | 'system', org: OrgSpec): Promise<void> {
  const actor = await secretariatActor(s, by);
  await inTransaction(s, (tx) => record(tx, s, actor, {
    type: 'org.registered', subject: org.id, visibility: 'public', body: { ...org, vkey: s.keys.orgVerifierKey(org.id) },
  }));
}

export async function addUser(s: Services, by: Viewer | 'system', u: UserSpec): Promise<void> {
  const actor = await secretariatActor(s, by);
  const passwordHash = u.password !== undefined ? await hashPassword(u.password) : undefined;
  await inTransaction(s, async (tx) => {
    await record(tx, s, actor, {
      type: 'user.added', subject: u.id, visibility: 'parties',
      body: { id: u.id, org: u.org, username: u.username ?? u.id, display_name: u.display_name, roles: [...u.roles] },
    });
    if (passwordHash) await accounts.setPasswordHash(tx, u.id, passwordHash);
  });
}

export interface WorkspaceSettings {
  deadlines_hours?: Deadlines;
  clauses?: Clause[];
  crossings?: Crossing[];
}

/** Replace the deadlines, clauses or crossings (a `workspace.configured` entry). */
export async function configureWorkspace(s: Services, by: Viewer | 'system', settings: WorkspaceSettings): Promise<void> {
  const actor = await secretariatActor(s, by);
  await inTransaction(s, (tx) => record(tx, s, actor, {
    type: 'workspace.configured', subject: 'workspace', visibility: 'public', body: asJson(settings),
  }));
}

export interface WorkspaceInfo {
  name: string;
  origin: string;
  deadlines_hours: Deadlines;
  clauses: Clause[];
  crossings: Crossing[];
}

/** The workspace settings; `db` may be a transaction (on PGlite, never query the pool inside one: it has one connection). */
export async function getWorkspace(db: Db): Promise<WorkspaceInfo | undefined> {
  const row = await workspaceRepo.findWorkspace(db);
  if (!row) return undefined;
  const c = row.config as Omit<WorkspaceInfo, 'name'>;
  return { name: row.name, origin: c.origin, deadlines_hours: c.deadlines_hours, clauses: c.clauses ?? [], crossings: c.crossings ?? [] };
}
