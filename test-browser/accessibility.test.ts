/**
 * Accessibility of every screen, on the demo workspace (the richest data
 * there is: findings, dissent, overdue steps, commitments, a penalty, crossing
 * history, a negotiation text), in English and in Pashto (right to left):
 * axe-core's WCAG 2.1 A and AA rules — labels and names, contrast, landmarks,
 * ARIA, language of the page — in Debian's chromium, and the keyboard path
 * into the page (skip link, focus moved to the main region on navigation,
 * a visible focus ring). A violation fails with the rule, its impact and
 * the elements concerned.
 */
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type Running } from '../src/api/start.js';
import { loadDemo } from '../src/demo/index.js';
import { freshPgDatabase, TEST_DATABASE_URL } from '../test/support/server.js';
import { launchChromium, PASSWORD, shot } from './support/env.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: Running;
let browser: Browser;
let dir: string;
let dropDb: (() => Promise<void>) | undefined;
const contexts: BrowserContext[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'annex-a11y-'));
  const pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  dropDb = pgdb?.drop;
  server = await startServer({
    dataDir: dir, databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
    onEmpty: async (s) => void (await loadDemo(s, { password: () => PASSWORD })),
  });
  browser = await launchChromium();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server?.close();
  await dropDb?.();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'en-GB', bypassCSP: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who-org').waitFor();
  return page;
}

interface Violation { id: string; impact: string | null; help: string; targets: string[] }

/**
 * axe-core on the page as it stands; every WCAG 2.1 A/AA violation, with up to
 * five elements each. The server's CSP forbids inline scripts, so the test
 * contexts bypass it (bypassCSP) to inject axe.
 */
async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, WCAG);
}

/** Opens a path and waits until its data is drawn (no loading line left, the network quiet). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('main [role=status]')?.textContent?.match(/Loading|…$/), undefined, { timeout: 15_000 }).catch(() => undefined);
}

async function firstId(page: Page, path: string, key: string): Promise<string> {
  const r = await page.request.get(`${server.url}${path}`);
  assert.equal(r.status(), 200, path);
  const body = (await r.json()) as Record<string, Array<{ id: string }>>;
  const id = body[key]?.[0]?.id;
  assert.ok(id, `${path} has an ${key}[0].id`);
  return id;
}

async function screens(page: Page): Promise<string[]> {
  const incident = await firstId(page, '/api/incidents?status=finding_issued', 'items');
  const commitment = await firstId(page, '/api/commitments', 'items');
  const penalty = await firstId(page, '/api/penalties', 'items');
  const text = await firstId(page, '/api/texts', 'items');
  return [
    '/', '/incidents', `/incidents/${incident}`, '/incidents/new', '/map', '/commitments', `/commitments/${commitment}`,
    '/penalties', `/penalties/${penalty}`, '/penalty-ladder', '/crossings', '/crossings/torkham', '/movements', '/texts', `/texts/${text}`, '/keys',
  ];
}

function report(found: Array<{ path: string; v: Violation }>): string {
  return found.map(({ path, v }) => `${path}: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}

test('the sign-in page meets WCAG 2.1 AA (axe-core), in English and in Pashto', { timeout: 60_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', bypassCSP: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').waitFor();
  const found = (await violations(page)).map((v) => ({ path: '/login', v }));
  await page.getByTestId('language').selectOption('ps');
  await page.reload();
  await page.getByTestId('language').waitFor();
  found.push(...(await violations(page)).map((v) => ({ path: '/login (ps)', v })));
  assert.equal(found.length, 0, report(found));

  // The check can fail: an unlabelled field and pale text planted in the page are both reported.
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    main.insertAdjacentHTML('beforeend', '<input type="text" id="planted-input"><p id="planted-text" style="color:#ccc;background:#fff">pale</p>');
  });
  const planted = await violations(page);
  assert.ok(planted.some((v) => v.id === 'label' && v.targets.includes('#planted-input')), report(planted.map((v) => ({ path: 'planted', v }))));
  assert.ok(planted.some((v) => v.id === 'color-contrast' && v.targets.includes('#planted-text')), report(planted.map((v) => ({ path: 'planted', v }))));
});

test('every screen meets WCAG 2.1 AA (axe-core) for a mediator, in English and in Pashto', { timeout: 300_000 }, async () => {
  const page = await signedIn('tur.mediator');
  const paths = await screens(page);
  const found: Array<{ path: string; v: Violation }> = [];
  for (const lang of ['en', 'ps'] as const) {
    if (lang === 'ps') await page.getByTestId('language').selectOption('ps');
    for (const path of paths) {
      await open(page, path);
      assert.equal(await page.locator('html').getAttribute('lang'), lang, `${path}: the page says its language`);
      found.push(...(await violations(page)).map((v) => ({ path: `${path} (${lang})`, v })));
    }
  }
  assert.equal(found.length, 0, report(found));
});

test('a party liaison\'s screens, with its own forms, meet WCAG 2.1 AA too', { timeout: 120_000 }, async () => {
  const page = await signedIn('pak.liaison');
  const found: Array<{ path: string; v: Violation }> = [];
  const pending = await firstId(page, '/api/incidents?pending_on=PAK', 'items');
  for (const path of ['/', '/incidents', `/incidents/${pending}`, '/incidents/new', '/texts']) {
    await open(page, path);
    found.push(...(await violations(page)).map((v) => ({ path, v })));
  }
  assert.equal(found.length, 0, report(found));
});

test('from the keyboard: the skip link comes first and leads into the page, focus is visible, and navigation moves focus to the new page', { timeout: 60_000 }, async () => {
  const page = await signedIn('afg.liaison', { width: 1024, height: 768 });
  // A fresh load starts at the top of the document, as any page does: the first Tab stop is the skip link.
  await page.goto(`${server.url}/incidents`);
  await page.getByTestId('incident-table').getByRole('link').first().waitFor();
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'main', 'a fresh load does not jump past the header');
  await page.keyboard.press('Tab');
  const skip = page.locator(':focus');
  assert.equal(await skip.getAttribute('href'), '#main', 'the first Tab stop is the skip link');
  const ring = await skip.evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`);
  assert.match(ring, /^solid [1-9]/, `a visible focus ring (${ring})`);
  const box = (await skip.boundingBox())!;
  assert.ok(box.y >= 0 && box.y < 768, `the focused skip link is on screen (y=${box.y})`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves focus to the main region');

  // Following a link with the keyboard lands focus on the new page's main region, as a page load would.
  const link = page.getByTestId('incident-table').getByRole('link').first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/incidents\/INC-/);
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  await shot(page, '50-keyboard-incident');
});
