/**
 * The dashboard in a real browser: a mediator and each party see the counts
 * of what they may read (the other party's sealed complaint is not counted),
 * allegations and issued findings as separate series, overdue steps, and
 * the witnesses' status. Screenshots: 10-dashboard (English, mediator) and
 * 11-dashboard-ar (Arabic, right to left).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { toViewer } from '../src/services/auth.js';
import { takeIncidentStep } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import * as accounts from '../src/store/repositories/accounts.js';
import { apiAs, openBrowserEnv, shot, signIn, WITNESS_NAMES, type BrowserEnv, type UserName } from './support/env.js';

let env: BrowserEnv;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280, height = 900): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

const filing = (title: string, accused: string, visibility: string, category: string) => ({
  title, channel: 'party', visibility, accused_party: accused, clause_refs: ['C1'], category, severity: 'high',
  event_date: new Date().toISOString().slice(0, 10), time_precision: 1,
  place: { country: 'Afghanistan', admin1: 'Kandahar', location: 'Spin Boldak', geo_precision: 2 }, notes: 'Reported by the liaison cell.',
});

before(async () => {
  env = await openBrowserEnv();
  const s = env.server.services;
  const v = async (id: UserName) => toViewer((await accounts.findUserById(s.db, id))!);
  const [afg, pak, sec, tur, qat] = await Promise.all([v('afg'), v('pak'), v('sec'), v('tur'), v('qat')]);
  // I1: AFG → PAK, shared with the parties; taken to an issued violation finding (published).
  const i1 = (await fileIncident(s, afg, filing('Mortar fire on homes near Weesh', 'PAK', 'parties', 'offensive_fire') as never)).incident.id;
  // I2: AFG → PAK, sealed to the mediators (AFG made it, so AFG counts it; PAK does not).
  await fileIncident(s, afg, filing('Drone over the market', 'PAK', 'mediators', 'airspace_violation') as never);
  // I3: PAK → AFG, sealed to the mediators (AFG must not count it).
  await fileIncident(s, pak, filing('Checkpoint closed to trucks', 'AFG', 'mediators', 'blocking_access') as never);
  await takeIncidentStep(s, sec, i1, 'triage', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high' });
  await takeIncidentStep(s, sec, i1, 'send_notice', {});
  await takeIncidentStep(s, sec, i1, 'open_investigation', { team: ['TUR', 'QAT'] });
  await takeIncidentStep(s, tur, i1, 'draft_finding', {
    determination: 'violation', clause_violated: 'C1', responsible_party: 'PAK', attribution_confidence: 'medium', grade: 'fair',
    summary: 'Mortar rounds fired from across the border struck homes.', methods: ['site visit'], recommendations: [], required_remedies: [], publication: 'public',
  });
  await takeIncidentStep(s, tur, i1, 'sign_finding', {});
  await takeIncidentStep(s, qat, i1, 'sign_finding', {});
  // Wait until the witnesses have cosigned what was just written, so their status is known.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const log = (await apiAs(env, 'tur', 'GET', '/api/log')).body as { size: number; published_size: number; witnesses: Array<{ last_ok_at: string | null }> };
    if (log.published_size === log.size && log.witnesses.every((w) => w.last_ok_at)) break;
    assert.ok(Date.now() < deadline, `the log was not published in time: ${JSON.stringify(log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

/** The row totals of a table (last cell of each body row), by the row's data-key. */
async function totals(page: Page, testId: string): Promise<Record<string, string>> {
  return page.getByTestId(testId).locator('tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-key') ?? '', r.querySelector('td:last-child')?.textContent ?? ''])));
}

async function openDashboard(page: Page, user: UserName): Promise<void> {
  await signIn(page, env.url, user);
  await page.goto(`${env.url}/`);
  await page.getByTestId('dashboard-ready').waitFor();
}

test('a mediator sees every allegation and the issued finding, apart, plus overdue steps and the witnesses', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await openDashboard(page, 'tur');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Ceasefire dashboard');
  assert.equal(await page.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current'), 'page', '/ is the dashboard');
  assert.equal(await page.getByTestId('allegations-total').innerText(), 'Allegations filed: 3');
  assert.match(await page.getByTestId('findings-total').innerText(), /^Findings issued: 1 · of which a violation was found: 1$/);
  // Two series, each with its own chart and tables: never one merged count.
  assert.equal(await page.getByTestId('allegations-chart').count(), 1);
  assert.equal(await page.getByTestId('findings-chart').count(), 1);
  assert.match((await page.getByTestId('allegations-chart').locator('svg').getAttribute('aria-label'))!, /Allegations per week, by accused party: 3/);
  assert.match((await page.getByTestId('findings-chart').locator('svg').getAttribute('aria-label'))!, /Issued findings per week, by determination: 1/);
  await page.locator('summary', { hasText: 'Allegations per week, by accused party' }).click();
  assert.deepEqual(await totals(page, 'allegations-by-party'), { PAK: '2', AFG: '1' });
  assert.deepEqual(await totals(page, 'findings-by-party'), { PAK: '1' });
  assert.deepEqual(await totals(page, 'findings-by-category'), { offensive_fire: '1' });
  // Overdue: I2 and I3 wait for triage (not overdue yet), I1 for the remedy owed by PAK.
  assert.match(await page.getByTestId('overdue-total').innerText(), /0 of 3 incidents/);
  const byStep = await page.getByTestId('overdue-by-step').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.deepEqual(byStep.sort(), ['remedy10', 'triage20']);
  const byParty = await page.getByTestId('overdue-by-party').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.deepEqual(byParty.sort(), ['PAK10', 'the mediators20']);
  await page.getByTestId('commitments-overdue').filter({ hasText: /^\d+$/ }).waitFor();
  // The witnesses: both responding.
  // (named as in the witness policy: W0, W1)
  const witnesses = page.getByTestId('witnesses').locator('tbody tr');
  assert.equal(await witnesses.count(), WITNESS_NAMES.length);
  for (const row of await witnesses.all()) {
    assert.equal(await row.getAttribute('data-state'), 'ok');
    assert.match(await row.innerText(), /responding/);
  }
  assert.equal(await page.getByTestId('log-size').innerText(), await page.getByTestId('log-published').innerText());
  await shot(page, '10-dashboard');

  // Keyboard: the tables are reachable and the chart tables open from the keyboard.
  await page.locator('summary', { hasText: 'Allegations per week, by category' }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await totals(page, 'allegations-by-category'), { offensive_fire: '1', airspace_violation: '1', blocking_access: '1' });
});

test('each party counts only what it may read: never the other party\'s sealed complaint', { timeout: 120_000 }, async () => {
  const afg = await newPage();
  await openDashboard(afg, 'afg');
  assert.equal(await afg.getByTestId('allegations-total').innerText(), 'Allegations filed: 2', 'I1 and its own sealed I2, not PAK\'s sealed I3');
  await afg.locator('summary', { hasText: 'Allegations per week, by accused party' }).click();
  assert.deepEqual(await totals(afg, 'allegations-by-party'), { PAK: '2' });
  assert.match(await afg.getByTestId('findings-total').innerText(), /^Findings issued: 1 /);

  const pak = await newPage(820, 1180); // tablet width
  await openDashboard(pak, 'pak');
  assert.equal(await pak.getByTestId('allegations-total').innerText(), 'Allegations filed: 2', 'I1 and its own sealed I3, not AFG\'s sealed I2');
  await pak.locator('summary', { hasText: 'Allegations per week, by accused party' }).click();
  assert.deepEqual(await totals(pak, 'allegations-by-party'), { PAK: '1', AFG: '1' });
  const width = await pak.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 820, `no horizontal scrolling at tablet width (${width}px)`);
});

test('in Arabic the dashboard reads right to left with Arabic-Indic digits', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await openDashboard(page, 'tur');
  await page.getByTestId('language').selectOption('ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.getByTestId('allegations-total').innerText(), '٣ ادعاءات');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'لوحة متابعة وقف إطلاق النار');
  await shot(page, '11-dashboard-ar');
});
