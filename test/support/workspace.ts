/**
 * A small workspace for API tests: a secretariat, two mediators, two parties,
 * a monitor and an observer, with one user per role and an API token each,
 * plus two clauses and a crossing. `call` makes authenticated requests.
 */
import type { Viewer } from '../../src/domain/visibility.js';
import type { Role } from '../../src/domain/visibility.js';
import { createApiToken, toViewer } from '../../src/services/auth.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../../src/services/workspace.js';
import * as accounts from '../../src/store/repositories/accounts.js';
import type { TestEnv } from './server.js';

export const USERS = {
  sec: { org: 'SEC', roles: ['secretariat', 'admin'] },
  tur: { org: 'TUR', roles: ['mediator'] },
  qat: { org: 'QAT', roles: ['mediator'] },
  turAnalyst: { org: 'TUR', roles: ['analyst'] },
  afg: { org: 'AFG', roles: ['liaison'] },
  pak: { org: 'PAK', roles: ['liaison'] },
  pakAnalyst: { org: 'PAK', roles: ['analyst'] },
  mon: { org: 'MON', roles: ['monitor'] },
  obs: { org: 'OBS', roles: ['observer'] },
} as const satisfies Record<string, { org: string; roles: Role[] }>;
export type UserName = keyof typeof USERS;

export interface TestUser {
  viewer: Viewer;
  token: string;
}

export type Users = Record<UserName, TestUser>;

export async function seedWorkspace(env: TestEnv): Promise<Users> {
  const s = env.services;
  await createWorkspace(s, { name: 'Test', origin: 'test.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Joint Secretariat' } });
  for (const [id, kind, name] of [
    ['AFG', 'party', 'Afghanistan'], ['PAK', 'party', 'Pakistan'], ['TUR', 'mediator', 'Türkiye'], ['QAT', 'mediator', 'Qatar'],
    ['MON', 'monitor', 'Joint Monitoring Team'], ['OBS', 'observer', 'Press observers'],
  ] as const) {
    await registerOrganisation(s, 'system', { id, kind, name });
  }
  await configureWorkspace(s, 'system', {
    clauses: [
      { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' },
      { id: 'C2', title: 'Trade crossings', text: 'The parties keep the trade crossings open.' },
    ],
    crossings: [{ id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09, sides: ['Nangarhar', 'Khyber'] }],
  });
  const users = {} as Users;
  for (const [name, u] of Object.entries(USERS) as Array<[UserName, (typeof USERS)[UserName]]>) {
    const id = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    await addUser(s, 'system', { id, org: u.org, display_name: name, roles: [...u.roles] });
    const viewer = toViewer((await accounts.findUserById(s.db, id))!);
    users[name] = { viewer, token: (await createApiToken(s, viewer, 'tests')).token };
  }
  return users;
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request as `user` (or anonymous), JSON in and out. */
export async function call(env: TestEnv, user: TestUser | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<Reply> {
  const r = await env.app.inject({
    method, url, ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
}

/** A valid filing body (the caller overrides what it tests). */
export function filing(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Mortar fire on homes near Weesh',
    channel: 'party',
    visibility: 'parties',
    accused_party: 'PAK',
    clause_refs: ['C1'],
    category: 'offensive_fire',
    severity: 'high',
    event_date: '2025-10-15',
    time_precision: 1,
    place: { country: 'Afghanistan', admin1: 'Kandahar', location: 'Weesh, Spin Boldak', latitude: 30.99, longitude: 66.39, geo_precision: 2 },
    casualties: { fatalities: 0, injured: 3 },
    notes: 'Shells landed on houses near the crossing.',
    ...overrides,
  };
}
