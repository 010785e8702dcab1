/**
 * What the browser tests run against: a real Annex server (startServer, the
 * way `annex serve` starts) on loopback, serving the built web UI from
 * dist/web/, with a witness per party (real C2SP tlog-witness servers,
 * in-process) whose cosignatures the server waits for before publishing,
 * and a small workspace whose users have passwords to sign in with. Plus
 * Debian's chromium, driven by playwright-core: when it is missing the tests
 * fail, loudly, instead of skipping.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type Running } from '../../src/api/start.js';
import { defaultWebDir } from '../../src/api/routes/web.js';
import { nodeCrypto } from '../../src/ledger/crypto-node.js';
import { generateSignerKey } from '../../src/ledger/note.js';
import { parseWitnessPolicy } from '../../src/log/policy.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../../src/services/workspace.js';
import { startWitness, type RunningWitness } from '../../src/witness/index.js';
import { freshPgDatabase, TEST_DATABASE_URL } from '../../test/support/server.js';

export const CHROMIUM = process.env.ANNEX_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
export const PASSWORD = 'browser-test-password';
const ORIGIN = 'browser-tests.annex.example/log';

export const USERS = {
  sec: { org: 'SEC', roles: ['secretariat', 'admin'] },
  tur: { org: 'TUR', roles: ['mediator'] },
  qat: { org: 'QAT', roles: ['mediator'] },
  afg: { org: 'AFG', roles: ['liaison'] },
  pak: { org: 'PAK', roles: ['liaison'] },
  mon: { org: 'JMT', roles: ['monitor'] },
} as const;
export type UserName = keyof typeof USERS;

/** The witnesses, by the name their cosignatures carry. */
export const WITNESS_NAMES = ['afg.witness.example', 'pak.witness.example'] as const;

export interface BrowserEnv {
  server: Running;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function openBrowserEnv(): Promise<BrowserEnv> {
  assert.ok(existsSync(CHROMIUM), `chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (the browser tests never download a browser)`);
  assert.ok(existsSync(join(defaultWebDir(), 'index.html')), 'the web UI is not built: run `npm run build:web` (npm run test:browser does)');
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'annex-browser-'));
  const pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  const log = generateSignerKey(nodeCrypto, ORIGIN);
  const witnesses: RunningWitness[] = [];
  let server: Running | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    for (const w of witnesses) await w.close();
    await pgdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const name of WITNESS_NAMES) {
      witnesses.push(await startWitness({ stateDir: join(dir, name), logs: [log.vkey], name, port: 0, gossipIntervalMs: 0 }));
    }
    const policy = [
      `log ${log.vkey}`,
      ...witnesses.map((w, i) => `witness W${i} ${w.vkey} ${w.url}`),
      'group both all W0 W1',
      'quorum both',
    ].join('\n');
    server = await startServer({
      dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
      env: { ANNEX_LOG_KEY: log.skey }, witnessPolicy: parseWitnessPolicy(nodeCrypto, policy),
      publication: { timeoutMs: 3000, retryMinMs: 50, retryMaxMs: 300, pollMs: 100 },
    });
    await seed(server);
    browser = await launchChromium();
    return { server, url: server.url, browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Debian's chromium, headless, with no connection attempts of its own (this machine's network is closed). */
export function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (the browser tests never download a browser)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function seed(r: Running): Promise<void> {
  const s = r.services;
  await createWorkspace(s, { name: 'Browser tests', origin: ORIGIN, secretariat: { id: 'SEC', kind: 'secretariat', name: 'Joint Secretariat' } });
  for (const [id, kind, name] of [
    ['AFG', 'party', 'Afghanistan'], ['PAK', 'party', 'Pakistan'], ['TUR', 'mediator', 'Türkiye'], ['QAT', 'mediator', 'Qatar'],
    ['JMT', 'monitor', 'Joint Monitoring Team'],
  ] as const) {
    await registerOrganisation(s, 'system', { id, kind, name });
  }
  await configureWorkspace(s, 'system', {
    clauses: [{ id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' }],
  });
  for (const [username, u] of Object.entries(USERS)) {
    await addUser(s, 'system', { id: username, username, org: u.org, display_name: username, roles: [...u.roles], password: PASSWORD });
  }
}

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, url: string, user: UserName): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who-org').filter({ hasText: USERS[user].org }).waitFor();
}

/** A full-page screenshot kept as a test artefact. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** JSON API call as a user, with a bearer token (for the steps these tests do not drive through the UI). */
export async function apiAs(env: BrowserEnv, user: UserName, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const login = await fetch(`${env.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${env.url}${path}`, {
    method,
    headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
