/**
 * The crossing and movement write forms in Debian's chromium against a real
 * server: a party's liaison reports the status of its own side (a mistake
 * the form explains, then one the server refuses, then the report), a
 * mediator verifies it (disputed), opens the report's details (announcer,
 * method, queues, the verification) and links the closure to a commitment, the
 * other party files a complaint from the closure and lands on the new
 * incident; on the movements page each party reports its count (the second
 * from the tally's own button), and a mediator reconciles them — refused
 * once because a count changed meanwhile, then recorded. Users without an
 * action never see its form. The open forms are checked with axe-core.
 * Screenshots 70–75 in test-browser/artifacts/. Tests share the server and
 * run in order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { configureWorkspace } from '../src/services/workspace.js';
import { apiAs, openBrowserEnv, shot, signIn, type BrowserEnv, type UserName } from './support/env.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
const ids = { commitment: '', afgClosure: '', tally: '' };

async function newPage(user?: UserName): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', bypassCSP: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  if (user) await signIn(page, env.url, user);
  return page;
}

async function api(user: UserName, method: 'GET' | 'POST', path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const r = await apiAs(env, user, method, path, body);
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it stands (the env's CSP is bypassed to inject it). */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await run.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  env = await openBrowserEnv();
  await configureWorkspace(env.server.services, 'system', {
    clauses: [
      { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' },
      { id: 'C2', title: 'Crossings', text: 'Trade crossings stay open.' },
    ],
    crossings: [{ id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09, sides: ['Afghanistan: Nangarhar', 'Pakistan: Khyber'] }],
  });
  ids.commitment = (await api('sec', 'POST', '/api/commitments', {
    title: 'Keep Torkham open to cargo', clause_id: 'C2', obligated_party: 'AFG', deadline: { date: day(10) },
    indicator: 'Observed by the joint monitors', evidence_required: 'Crossing reports', visibility: 'parties',
  })).commitment.id;
  // What was in force before: both sides open.
  for (const side of ['AFG', 'PAK']) {
    await api('sec', 'POST', '/api/crossings/torkham/reports', {
      side, traffic_types: ['cargo', 'pedestrians'], status: 'open', effective_from: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      method: 'official_announcement', visibility: 'public',
    });
  }
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('a party liaison reports its own side\'s closure: the form explains a mistake, shows the server\'s refusal, then records it', { timeout: 120_000 }, async () => {
  const page = await newPage('afg');
  await page.goto(`${env.url}/crossings/torkham`);
  const form = page.getByTestId('report-status');
  await form.waitFor();
  const side = form.getByLabel('Side (the party whose side it is)');
  assert.equal(await side.inputValue(), 'AFG', 'a party reports its own side');
  assert.equal(await side.getAttribute('readonly'), '');
  assert.match(await form.getByLabel('In effect from (UTC)').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'now, in UTC');

  // Nothing ticked: the form says what to fix and sends nothing.
  await form.getByLabel('closed', { exact: true }).check();
  await form.getByLabel('How this is known').selectOption('party_report');
  await form.getByRole('button', { name: 'Record the status report' }).click();
  assert.equal(await form.getByRole('alert').innerText(), 'Please correct the form: Traffic concerned: tick at least one type of traffic.');

  // An announcer the server does not know: its refusal, in the form.
  await form.getByLabel('cargo', { exact: true }).check();
  await form.getByLabel('Announced by (organisation id, optional)').fill('XYZ');
  await form.getByLabel('Loaded trucks').fill('120');
  await form.getByLabel('Reason or note (optional)').fill('Gate shut after shooting near the line.');
  await form.getByRole('button', { name: 'Record the status report' }).click();
  await form.getByRole('alert').filter({ hasText: 'The server refused this (400)' }).waitFor();
  assert.match(await form.getByRole('alert').innerText(), /announced_by: unknown organisation XYZ/);
  await shot(page, '70-crossing-report-refused');

  await form.getByLabel('Announced by (organisation id, optional)').fill('AFG');
  // After the write the weekly totals are read again; that request is held back here, to see the old totals stay shown meanwhile.
  let release = () => {};
  const held = new Promise<void>((r) => { release = r; });
  const closures = /\/api\/crossings\/torkham\/closures/;
  await page.route(closures, async (route) => { await held; await route.continue(); });
  const closuresAsked = page.waitForRequest(closures);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/crossings/torkham/reports') && r.request().method() === 'POST' && r.status() === 201);
  await form.getByRole('button', { name: 'Record the status report' }).click();
  const recorded = (await (await answer).json()) as { report: { id: string; queues: unknown; effective_from: string }; entry: { index: number } };
  ids.afgClosure = recorded.report.id;
  assert.deepEqual(recorded.report.queues, { trucks: 120 });
  assert.match(recorded.report.effective_from, /:00\.000Z$/, 'the minute typed, in UTC');
  await page.getByTestId('crossing-recorded').filter({ hasText: `Recorded as ledger entry ${recorded.entry.index}.` }).waitFor();
  await closuresAsked;
  assert.equal(await page.getByTestId('weekly-closures').count(), 1, 'the weekly closures stay shown while they are read again');
  release(); // later requests pass at once
  // The new state: the report in the table, the status now and the timeline from the server again.
  await page.locator(`[data-testid=crossing-reports] tr[data-id=${ids.afgClosure}]`).waitFor();
  await page.locator('[data-testid=status-torkham] td[data-side=AFG][data-traffic=cargo][data-status=closed]').waitFor();
  assert.equal(await page.locator('[data-testid=status-torkham] td[data-side=AFG][data-traffic=pedestrians]').getAttribute('data-status'), 'open');
  // AFG may not verify, link or complain about its own report: no action buttons for it.
  assert.equal(await page.getByTestId(`report-actions-${ids.afgClosure}`).count(), 0);
  await shot(page, '71-crossing-reported');
});

test('a mediator verifies the report (disputed) and links the closure to a commitment; the buttons follow the report\'s actions', { timeout: 120_000 }, async () => {
  const page = await newPage('tur');
  await page.goto(`${env.url}/crossings/torkham`);
  const actions = page.getByTestId(`report-actions-${ids.afgClosure}`);
  await actions.getByRole('button', { name: `Verify ${ids.afgClosure}` }).click();
  const form = page.getByTestId(`verify-${ids.afgClosure}`);
  await form.waitFor();
  // Focus moves to the opened form's heading (announced; Tab leads into the form).
  await page.waitForFunction((id) => document.activeElement?.id === id, `verify-${ids.afgClosure}-h`, { timeout: 10_000 });
  assert.deepEqual(await axe(page), [], 'the crossing page with the report and verify forms open meets WCAG 2.1 AA');

  await form.getByRole('button', { name: 'Record the verification' }).click();
  assert.equal(await form.getByRole('alert').innerText(), 'Please correct the form: Outcome: required.');
  await form.getByLabel('Disputed: the report is not accurate').check();
  await form.getByLabel('How this is known').selectOption('monitor_observation');
  await form.getByLabel('Observed at (UTC, optional)').fill(`${day(0)}T08:30`);
  await form.getByLabel('People', { exact: true }).fill('300');
  await form.getByLabel('Note (optional)').fill('Lorries were moving through the Afghan gate during our visit.');
  await shot(page, '72-crossing-verify');
  await form.getByRole('button', { name: 'Record the verification' }).click();
  await page.locator(`[data-testid=crossing-reports] tr[data-id=${ids.afgClosure}][data-disputed=true]`).waitFor();
  await page.getByTestId('crossing-recorded').waitFor();
  assert.equal(await form.count(), 0, 'the form closes');
  assert.equal(await actions.getByRole('button', { name: `Verify ${ids.afgClosure}` }).count(), 0, 'TUR has verified it: not offered again');

  // The table stays compact; the report's details open under its row: what AFG reported, and TUR's verification.
  const details = page.getByTestId(`report-details-${ids.afgClosure}`);
  const toggle = page.getByRole('button', { name: `Details of report ${ids.afgClosure}` });
  assert.equal(await details.count(), 0, 'closed by default');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  await details.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.getAttribute('aria-controls'), await page.locator('tr.cr-details-row').filter({ has: details }).getAttribute('id'));
  assert.equal(await details.getByTestId('announced-by').innerText(), 'AFG');
  assert.equal(await details.getByTestId('method').innerText(), 'the party’s own report');
  assert.equal(await details.getByTestId('source').innerText(), 'not stated');
  assert.equal(await details.getByTestId('queues').innerText(), '120 loaded trucks');
  const checks = details.locator('[data-testid=verifications] tbody tr');
  assert.equal(await checks.count(), 1);
  const check = checks.first();
  assert.equal(await check.getAttribute('data-org'), 'TUR');
  const [by, observed, ...rest] = await check.locator('th, td').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).innerText.trim()));
  assert.equal(by, 'TUR (tur)');
  assert.match(observed!, /08:30 UTC\s*recorded .*UTC$/, 'when observed (as typed, in UTC), then when recorded');
  assert.deepEqual(rest, ['disputed', 'observed by a monitor on site', '300 people', 'Lorries were moving through the Afghan gate during our visit.']);
  assert.deepEqual(await axe(page), [], 'the crossing page with a report\'s details open meets WCAG 2.1 AA');
  await shot(page, '72-crossing-report-details');

  // Link: nothing chosen is explained; then the commitment.
  await actions.getByRole('button', { name: `Link ${ids.afgClosure}` }).click();
  const link = page.getByTestId(`link-${ids.afgClosure}`);
  await link.getByRole('button', { name: 'Record the link' }).click();
  assert.equal(await link.getByRole('alert').innerText(), 'Please correct the form: Choose a commitment or a complaint to link.');
  await link.getByLabel('Commitment it bears on (optional)').selectOption(ids.commitment);
  await link.getByRole('button', { name: 'Record the link' }).click();
  const row = page.locator(`[data-testid=crossing-reports] tr[data-id=${ids.afgClosure}]`);
  await row.getByRole('link', { name: ids.commitment }).waitFor();
  await page.getByTestId('crossing-recorded').waitFor();
  // Still offered (a complaint may be linked too), now without the commitment choice.
  await actions.getByRole('button', { name: `Link ${ids.afgClosure}` }).click();
  await link.getByText(`Already linked to commitment ${ids.commitment}.`).waitFor();
  assert.equal(await link.getByLabel('Commitment it bears on (optional)').count(), 0);
  await link.getByRole('button', { name: 'Cancel' }).click();

  // Mediators report either side: they choose among the sides the server offers them (report_sides), not type one.
  const report = page.getByTestId('report-status');
  const sideChoice = report.getByLabel('Side (the party whose side it is)');
  assert.equal(await sideChoice.evaluate((el) => el.tagName), 'SELECT');
  assert.deepEqual(await sideChoice.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['AFG', 'PAK']);

  // In Arabic the forms read right to left, with the shared labels (traffic, status) from the agreement screens.
  await page.getByTestId('language').selectOption('ar');
  await report.getByRole('heading', { name: 'الإبلاغ عن حالة أحد الجانبين' }).waitFor();
  assert.equal(await report.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await report.getByLabel('البضائع', { exact: true }).waitFor();
  // The details follow the language: Arabic labels, numbers in Arabic-Indic digits.
  assert.equal(await details.getByTestId('queues').innerText(), 'الشاحنات المحمّلة: ١٢٠');
  assert.equal(await details.getByTestId('outcome').innerText(), 'متنازع عليه');
  await page.getByTestId(`report-details-toggle-${ids.afgClosure}`).click();
  assert.equal(await details.count(), 0, 'closed again');
  assert.equal(await page.getByTestId(`report-details-toggle-${ids.afgClosure}`).getAttribute('aria-expanded'), 'false');
  await shot(page, '72-crossing-report-form-ar');
});

test('the other party files a complaint from the closure and lands on the new incident; an anonymous reader sees no form', { timeout: 120_000 }, async () => {
  const page = await newPage('pak');
  await page.goto(`${env.url}/crossings/torkham`);
  const actions = page.getByTestId(`report-actions-${ids.afgClosure}`);
  await actions.getByRole('button', { name: `File a complaint ${ids.afgClosure}` }).click();
  const form = page.getByTestId(`complaint-${ids.afgClosure}`);
  await form.getByRole('button', { name: 'File the complaint' }).click();
  assert.equal(await form.getByRole('alert').innerText(), 'Please correct the form: Clauses the closure breaches: tick or type at least one clause.');
  assert.deepEqual(await axe(page), [], 'the complaint form meets WCAG 2.1 AA');
  await form.getByLabel(/C2 Crossings/).check();
  await form.getByLabel('More notes (optional)').fill('Afghan traders say the gate was shut without notice.');
  await form.getByLabel('Severity').selectOption('high');
  await form.getByRole('button', { name: 'File the complaint' }).click();
  await page.waitForURL(/\/incidents\/INC-\d{4}-\d+$/);
  const incident = page.url().split('/').pop()!;
  await page.getByTestId('incident-title').filter({ hasText: 'Closure of Torkham (Afghanistan side) to cargo' }).waitFor();
  assert.match(await page.getByTestId('incident-notes').innerText(), new RegExp(`crossing report ${ids.afgClosure}.*Afghan traders say`, 's'));
  await shot(page, '73-crossing-complaint-incident');

  await page.goto(`${env.url}/crossings/torkham`);
  const row = page.locator(`[data-testid=crossing-reports] tr[data-id=${ids.afgClosure}]`);
  await row.getByRole('link', { name: incident }).waitFor();
  assert.equal(await actions.getByRole('button', { name: `File a complaint ${ids.afgClosure}` }).count(), 0, 'a complaint is filed: not offered again');

  const anonymous = await newPage();
  await anonymous.goto(`${env.url}/crossings/torkham`);
  await anonymous.getByTestId('crossing-reports').waitFor();
  assert.equal(await anonymous.getByTestId('report-status').count(), 0);
  assert.equal(await anonymous.locator('[data-testid^=report-actions-]').count(), 0);
});

test('movements: each party reports its count, the second from the tally\'s button; a mediator reconciles after a refusal', { timeout: 180_000 }, async () => {
  const afg = await newPage('afg');
  await afg.goto(`${env.url}/movements`);
  const form = afg.getByTestId('report-count');
  await form.getByLabel('Crossing').selectOption('torkham');
  await form.getByLabel('Period from').fill(day(-7));
  await form.getByLabel('Period to (inclusive)').fill(day(-8));
  await form.getByLabel('Direction: into the territory of (party id)').fill('AFG');
  await form.getByLabel('Category').selectOption('registered_refugee_voluntary_return');
  await form.getByLabel('Number of people').fill('500');
  await form.getByLabel('Source (who counted)').fill('Reception centre registers');
  await form.getByRole('button', { name: 'Record the count' }).click();
  assert.equal(await form.getByRole('alert').innerText(), 'Please correct the form: Period to (inclusive): must not be before the start of the period.');
  await form.getByLabel('Period to (inclusive)').fill(day(-1));
  assert.deepEqual(await axe(afg), [], 'the count form meets WCAG 2.1 AA');
  await shot(afg, '74-movements-count');
  await form.getByRole('button', { name: 'Record the count' }).click();
  ids.tally = `torkham.${day(-7)}.${day(-1)}.into_AFG.registered_refugee_voluntary_return`;
  const afgRow = afg.locator(`[data-testid=movement-table] tr[data-id="${ids.tally}"]`);
  await afgRow.locator('td[data-org=AFG]').filter({ hasText: '500' }).waitFor();
  await afg.getByTestId('movement-recorded').waitFor();
  assert.equal(await afg.getByRole('button', { name: 'Reconcile' }).count(), 0, 'a party does not reconcile');

  // PAK reports into the same tally from its row: the form comes filled in.
  const pak = await newPage('pak');
  await pak.goto(`${env.url}/movements`);
  await pak.getByTestId(`tally-actions-${ids.tally}`).getByRole('button', { name: 'Report a count for this tally' }).click();
  const pakForm = pak.getByTestId('report-count');
  await pak.getByTestId('count-prefilled').waitFor();
  await pakForm.locator('select[name=crossing_id] option[value=torkham]').waitFor({ state: 'attached' });
  assert.equal(await pakForm.getByLabel('Crossing').inputValue(), 'torkham');
  assert.equal(await pakForm.getByLabel('Period from').inputValue(), day(-7));
  assert.equal(await pakForm.getByLabel('Direction: into the territory of (party id)').inputValue(), 'AFG');
  assert.equal(await pakForm.getByLabel('Category').inputValue(), 'registered_refugee_voluntary_return');
  await pakForm.getByLabel('Number of people').fill('450');
  await pakForm.getByLabel('Source (who counted)').fill('Exit records of the border post');
  await pakForm.getByRole('button', { name: 'Record the count' }).click();
  const pakRow = pak.locator(`[data-testid=movement-table] tr[data-id="${ids.tally}"]`);
  await pakRow.getByTestId('discrepancy').filter({ hasText: '50 (10%)' }).waitFor();

  // The mediator: no count form; reconciles. PAK corrects its count meanwhile: the server refuses, the form names the new counts.
  const tur = await newPage('tur');
  await tur.goto(`${env.url}/movements`);
  await tur.getByTestId('movement-table').waitFor();
  assert.equal(await tur.getByTestId('report-count').count(), 0);
  await tur.getByTestId(`tally-actions-${ids.tally}`).getByRole('button', { name: 'Reconcile' }).click();
  const rec = tur.getByTestId(`reconcile-${ids.tally}`);
  assert.equal(await rec.getByTestId('reconcile-based-on').innerText(), 'Based on the counts shown: AFG: 500 and PAK: 450.');
  assert.deepEqual(await axe(tur), [], 'the movements page with the reconcile form open meets WCAG 2.1 AA');
  await rec.getByLabel('Agreed figure').fill('480');
  await rec.getByRole('button', { name: 'Record the agreed figure' }).click();
  assert.equal(await rec.getByRole('alert').innerText(), 'Please correct the form: How the figure was agreed: required.');
  await api('pak', 'POST', '/api/movements', {
    crossing_id: 'torkham', period_from: day(-7), period_to: day(-1), direction: 'into_AFG', category: 'registered_refugee_voluntary_return',
    count: 460, source: 'Exit records of the border post, corrected', visibility: 'parties',
  });
  await rec.getByLabel('How the figure was agreed').fill('Both registers compared day by day.');
  await rec.getByLabel('public', { exact: true }).check();
  await rec.getByRole('button', { name: 'Record the agreed figure' }).click();
  await rec.getByRole('alert').filter({ hasText: 'The server refused this (409)' }).waitFor();
  assert.match(await rec.getByRole('alert').innerText(), /the counts changed since entries .*; read the tally again/);
  await rec.getByTestId('reconcile-based-on').filter({ hasText: 'AFG: 500 and PAK: 460.' }).waitFor();
  await shot(tur, '75-movements-reconcile-refused');
  await rec.getByRole('button', { name: 'Record the agreed figure' }).click();
  const turRow = tur.locator(`[data-testid=movement-table] tr[data-id="${ids.tally}"]`);
  await turRow.getByTestId('reconciled').filter({ hasText: '480' }).waitFor();
  await tur.getByTestId('movement-recorded').waitFor();
  assert.equal(await turRow.getByTestId('discrepancy').innerText(), '40 (8%)');
  // The totals come with the list read again after the write.
  await tur.getByTestId('movement-totals').filter({ hasText: '1 reconciled, 480 people in agreed figures' }).waitFor();

  // Reconciled: the counts are final, so the parties are no longer offered a count for it.
  await afg.reload();
  await afgRow.getByTestId('reconciled').filter({ hasText: '480' }).waitFor();
  assert.equal(await afg.getByTestId(`tally-actions-${ids.tally}`).getByRole('button').count(), 0);
});
