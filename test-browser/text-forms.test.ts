/**
 * The negotiation text forms in Debian's chromium against a real server:
 * a mediator opens a text from the list (after the server refuses an unknown
 * party); a party's liaison drafts the next version from the latest one —
 * an identical draft and a malformed clause id are refused with a message,
 * the change summary lists what changes — and proposes it as final, then
 * compares it with the one before; a party raises an agenda item, recorded
 * as late, and a mediator rules it out of the mandate; a mediator publishes
 * the text and anyone may then read it. Each form appears only for a viewer
 * the server lists the action for (an analyst sees none). Finally axe-core
 * checks the open forms in English and Arabic. Screenshots 80-* in
 * test-browser/artifacts/. Tests share the server and run in order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { addUser } from '../src/services/workspace.js';
import { apiAs, openBrowserEnv, PASSWORD, shot, signIn, type BrowserEnv, type UserName } from './support/env.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
const ids = { text: '', quiet: '', opened: '', item: '' };

async function newPage(opts: { axe?: boolean } = {}): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...(opts.axe ? { bypassCSP: true } : {}) });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function as(user: UserName | 'ana', opts: { axe?: boolean } = {}): Promise<Page> {
  const page = await newPage(opts);
  if (user !== 'ana') {
    await signIn(page, env.url, user);
    return page;
  }
  await page.goto(`${env.url}/login`);
  await page.getByLabel('Username').fill('ana');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who-org').filter({ hasText: 'TUR' }).waitFor();
  return page;
}

async function api(user: UserName, method: 'GET' | 'POST', path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const r = await apiAs(env, user, method, path, body);
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Opens a text's page and waits until its versions are drawn. */
async function openText(page: Page, id: string): Promise<void> {
  await page.goto(`${env.url}/texts/${id}`);
  await page.getByTestId('versions').waitFor();
}

const clause = (page: Page, key: string) => page.locator(`[data-testid=clause][data-key="${key}"]`);

before(async () => {
  env = await openBrowserEnv();
  // An analyst of a mediator: reads every text, acts on none.
  await addUser(env.server.services, 'system', { id: 'ana', username: 'ana', org: 'TUR', display_name: 'ana', roles: ['analyst'], password: PASSWORD });
  const v1 = [
    { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' },
    { id: 'C2', title: 'Crossings', text: 'Trade crossings stay open.', children: [{ id: 'C2.1', text: 'Torkham opens first.' }] },
  ];
  ids.text = (await api('tur', 'POST', '/api/texts', { title: 'Istanbul follow-up text', parties: ['AFG', 'PAK'] })).text.id;
  await api('tur', 'POST', `/api/texts/${ids.text}/versions`, { clauses: v1, note: 'Mediators\' draft' });
  // A second text, left as it is, for the accessibility check of every form.
  ids.quiet = (await api('tur', 'POST', '/api/texts', { title: 'Monitoring modalities', parties: ['AFG', 'PAK'] })).text.id;
  await api('tur', 'POST', `/api/texts/${ids.quiet}/versions`, { clauses: v1 });
  await api('afg', 'POST', '/api/agenda', { document_id: ids.quiet, title: 'Returnees', text: 'Deportations should be covered.' });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('open a text: a party liaison is offered no form; a mediator\'s unknown party is refused by the server, then the text opens', { timeout: 120_000 }, async () => {
  const pak = await as('pak');
  await pak.goto(`${env.url}/texts`);
  await pak.getByTestId('text-table').waitFor();
  assert.equal(await pak.getByTestId('open-text-open').count(), 0, 'a party does not open texts');

  const page = await as('tur');
  await page.goto(`${env.url}/texts`);
  await page.getByTestId('text-table').waitFor();
  await page.getByRole('button', { name: 'Open a new text' }).click();
  const form = page.getByTestId('open-text-form');
  await form.getByLabel('Title', { exact: true }).fill('Crossings protocol');
  await form.getByLabel('Description (optional)').fill('How the trade crossings reopen.');
  await form.getByLabel('Only the parties named here').check();
  await form.getByLabel('Party organisation ids, separated by commas or spaces').fill('afg, XYZ');
  await form.getByRole('button', { name: 'Open the text' }).click();
  const error = page.getByTestId('open-text-error');
  await error.waitFor();
  assert.match(await error.innerText(), /refused this \(400\).*XYZ is not a party organisation/);
  assert.equal(await error.getAttribute('role'), 'alert');

  await form.getByLabel('Party organisation ids, separated by commas or spaces').fill('afg pak');
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/texts') && r.method() === 'POST');
  await form.getByRole('button', { name: 'Open the text' }).click();
  assert.deepEqual((await sent).postDataJSON(), { title: 'Crossings protocol', description: 'How the trade crossings reopen.', visibility: 'parties', parties: ['AFG', 'PAK'] });
  await page.waitForURL(/\/texts\/TXT-\d{4}-\d{4}$/);
  ids.opened = page.url().split('/').at(-1)!;
  await page.getByTestId('text-recorded').filter({ hasText: /Recorded as ledger entry \d+/ }).waitFor();
  assert.match(await page.locator('main h1').innerText(), /Crossings protocol/);
  await shot(page, '80-open-text');

  // No version yet: the first one is written from scratch, starting with one empty clause.
  await page.getByRole('button', { name: 'Write the first version' }).click();
  const first = clause(page, 'n:1');
  await first.getByLabel('Clause id').fill('R1');
  await first.getByLabel('Text', { exact: true }).fill('Torkham reopens to cargo within 7 days.');
  assert.equal(await page.getByTestId('change-summary').locator('[data-change=added]').innerText(), 'Added: R1');
  await page.getByRole('button', { name: 'Propose version 1' }).click();
  await page.getByTestId('propose-recorded').waitFor();
  await page.locator('[data-testid=versions] tr[data-version="1"]').waitFor();
  assert.equal(await page.getByTestId('proposed-compare').count(), 0, 'nothing to compare the first version with');
  assert.equal((await api('tur', 'GET', `/api/texts/${ids.opened}/versions/1`)).clauses[0].id, 'R1');
});

test('propose: a liaison drafts from the latest version; identical and malformed drafts are refused; the summary shows the changes; the new version and its diff follow', { timeout: 180_000 }, async () => {
  const ana = await as('ana');
  await openText(ana, ids.text);
  assert.equal(await ana.getByTestId('propose').count(), 0, 'an analyst is offered no proposal');
  assert.equal(await ana.getByTestId('publication').count(), 0, 'nor publication');

  const page = await as('afg');
  await openText(page, ids.text);
  await page.getByRole('button', { name: 'Draft version 2 from version 1' }).click();
  const form = page.getByTestId('propose-form');
  await clause(page, 'c:C2.1').waitFor();
  assert.deepEqual(await page.getByTestId('clause').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-depth')}:${e.getAttribute('data-key')}`)),
    ['1:c:C1', '1:c:C2', '2:c:C2.1'], 'the base version\'s tree, in order');
  assert.equal(await clause(page, 'c:C1').locator('input[dir=ltr]').count(), 0, 'an existing clause id is not editable');

  // Unchanged: refused before sending.
  await form.getByRole('button', { name: 'Propose version 2' }).click();
  await page.getByTestId('propose-error').filter({ hasText: 'This proposal is identical to version 1' }).waitFor();

  // Change C1's text, add C3 (first with a malformed id), remove C2.1, move C3 above C2.
  await clause(page, 'c:C1').getByLabel('Text', { exact: true }).fill('The parties cease all offensive operations, including by groups they support.');
  await form.getByRole('button', { name: 'Add a clause' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'clause-n:1-id');
  await page.keyboard.type('C 3');
  await clause(page, 'n:1').getByLabel('Heading (optional)').fill('Joint monitoring');
  await clause(page, 'n:1').getByLabel('Text', { exact: true }).fill('A joint team verifies complaints at the crossings.');
  await form.getByRole('button', { name: 'Propose version 2' }).click();
  await page.getByTestId('propose-error').filter({ hasText: 'Correct the clauses marked in the list' }).waitFor();
  assert.match(await clause(page, 'n:1').getByTestId('clause-problems').innerText(), /A clause id is 1 to 32 letters/);
  assert.equal(await clause(page, 'n:1').getByLabel('Clause id').getAttribute('aria-invalid'), 'true');
  await clause(page, 'n:1').getByLabel('Clause id').fill('C3');
  await page.getByRole('button', { name: 'Remove clause C2.1', exact: true }).click();
  await page.getByRole('button', { name: 'Move clause C3 up', exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'clause-n:1-up', undefined, { timeout: 5000 });
  assert.deepEqual(await page.getByTestId('clause').evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))), ['c:C1', 'n:1', 'c:C2']);
  const summary = page.getByTestId('change-summary');
  assert.equal(await summary.locator('[data-change=added]').innerText(), 'Added: C3');
  assert.equal(await summary.locator('[data-change=removed]').innerText(), 'Removed: C2.1');
  assert.equal(await summary.locator('[data-change=changed]').innerText(), 'Changed: C1 (text)');
  await form.getByLabel('Note on the proposal (optional)').fill('Proxies and joint monitoring');
  await form.getByLabel('Put this version forward as the final text').check();
  await shot(page, '80-propose-editor');

  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/texts/${ids.text}/versions`) && r.method() === 'POST');
  await form.getByRole('button', { name: 'Propose version 2' }).click();
  const body = (await sent).postDataJSON();
  assert.deepEqual(body, {
    clauses: [
      { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations, including by groups they support.' },
      { id: 'C3', title: 'Joint monitoring', text: 'A joint team verifies complaints at the crossings.' },
      { id: 'C2', title: 'Crossings', text: 'Trade crossings stay open.' },
    ],
    based_on: 1, final: true, note: 'Proxies and joint monitoring',
  });
  await page.getByTestId('propose-recorded').filter({ hasText: /Recorded as ledger entry \d+/ }).waitFor();
  const v2 = await api('afg', 'GET', `/api/texts/${ids.text}/versions/2`);
  assert.equal(await page.getByTestId('proposed-hash').innerText(), v2.hash);
  const row = page.locator('[data-testid=versions] tr[data-version="2"]');
  await row.waitFor();
  assert.match(await row.innerText(), /v2.*final.*AFG/s);
  assert.match(await row.innerText(), new RegExp(v2.hash.slice(0, 12)));
  assert.equal(await page.getByTestId('propose-form').count(), 0, 'the editor closed');

  await page.getByRole('link', { name: 'Compare v1 with v2' }).click();
  await page.waitForURL(/from=1&to=2/);
  await page.getByTestId('diff-summary').filter({ hasText: '1 added, 1 removed, 1 changed' }).waitFor();
  assert.equal(await page.locator('[data-testid=diff-table] tr[data-clause=C3]').getAttribute('data-change'), 'added');
  await shot(page, '80-proposed');
});

test('agenda: a party raises an item, recorded as late after a final version; a mediator rules it out of the mandate; neither sees the other\'s form', { timeout: 120_000 }, async () => {
  const pak = await as('pak');
  await openText(pak, ids.text);
  assert.equal(await pak.getByTestId('rule-open').count(), 0, 'a party does not rule');
  await pak.getByRole('button', { name: 'Raise an agenda item' }).click();
  const form = pak.getByTestId('raise-form');
  assert.match(await form.getByTestId('raise-late').innerText(), /Version 2 has been put forward as the final text/);
  await form.getByRole('button', { name: 'Raise the item' }).click();
  await pak.getByTestId('raise-error').filter({ hasText: 'Title of the item is required.' }).waitFor();
  await form.getByLabel('Title of the item').fill('Drones of third countries');
  await form.getByLabel('What your party asks to discuss').fill('Foreign drones crossing into Afghanistan should be covered.');
  await form.getByRole('button', { name: 'Raise the item' }).click();
  await pak.getByTestId('raise-recorded').waitFor();
  const row = pak.locator('[data-testid=agenda] tr', { hasText: 'Drones of third countries' });
  await row.waitFor();
  assert.match(await row.innerText(), /PAK.*late.*awaiting ruling/s);
  assert.equal(await row.getAttribute('data-mandate'), 'pending');
  ids.item = (await row.locator('td').first().innerText()).trim();
  assert.match(ids.item, /^AGD-\d{4}-\d{4}$/);
  await shot(pak, '80-agenda-raised');

  const tur = await as('tur');
  await openText(tur, ids.text);
  assert.equal(await tur.getByTestId('raise-open').count(), 0, 'a mediator does not raise items');
  await tur.getByRole('button', { name: `Rule on ${ids.item}` }).click();
  const rule = tur.getByTestId(`rule-${ids.item}`).getByTestId('rule-form');
  await rule.getByLabel('out of mandate').check();
  await rule.getByRole('button', { name: 'Record the ruling' }).click();
  await tur.getByTestId('rule-error').filter({ hasText: 'Reason for the ruling is required.' }).waitFor();
  await rule.getByLabel('Reason for the ruling').fill('Flights by third states are outside the mechanism.');
  await rule.getByRole('button', { name: 'Record the ruling' }).click();
  const ruled = tur.locator(`[data-testid=agenda] tr[data-mandate=out_of_mandate]`, { hasText: ids.item });
  await ruled.waitFor();
  assert.match(await ruled.innerText(), /out of mandate.*Flights by third states/s);
  await tur.getByTestId(`rule-${ids.item}`).getByTestId('rule-recorded').waitFor();
  await tur.getByRole('button', { name: `Revise the ruling on ${ids.item}` }).waitFor();
  await shot(tur, '80-agenda-ruled');
});

test('publish: a party is offered no form; a mediator publishes with a reason; the text then shows as published and anyone may read it', { timeout: 120_000 }, async () => {
  const pak = await as('pak');
  await openText(pak, ids.text);
  assert.equal(await pak.getByTestId('publish-open').count(), 0, 'a party does not publish');

  const page = await as('tur');
  await openText(page, ids.text);
  assert.match(await page.getByTestId('publication').innerText(), /Not published/);
  await page.getByRole('button', { name: 'Publish this text' }).click();
  const form = page.getByTestId('publish-form');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByTestId('publish-error').filter({ hasText: 'is required' }).waitFor();
  await form.getByLabel('Reason for publishing (shown to everyone)').fill('Agreed at the Istanbul round to publish the annex.');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByTestId('publish-recorded').waitFor();
  assert.match(await page.getByTestId('published').innerText(), /Published on .* by TUR: Agreed at the Istanbul round/);
  assert.match(await page.locator('.facts').innerText(), /everyone \(published\)/);
  assert.equal(await page.getByTestId('publish-open').count(), 0, 'a public text is not published again');
  await shot(page, '80-published');

  const anonymous = await newPage();
  await openText(anonymous, ids.text);
  assert.match(await anonymous.locator('main h1').innerText(), /Istanbul follow-up text/);
  assert.equal(await anonymous.getByTestId('propose').count(), 0);
});

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')})`);
  }, WCAG);
}

test('every text form, open, meets WCAG 2.1 AA (axe-core), in English and in Arabic (right to left)', { timeout: 180_000 }, async () => {
  const found: string[] = [];
  const tur = await as('tur', { axe: true });
  for (const lang of ['en', 'ar'] as const) {
    if (lang === 'ar') await tur.getByTestId('language').selectOption('ar');
    await openText(tur, ids.quiet);
    await tur.getByTestId('propose-open').click();
    await tur.getByTestId('clause-editor').waitFor();
    await tur.locator('#clause-add').click();
    await tur.getByTestId('propose-submit').click(); // shows the per-clause problems too
    await tur.getByTestId('propose-error').waitFor();
    await tur.getByTestId('publish-open').click();
    await tur.getByTestId('rule-open').first().click();
    await tur.getByTestId('rule-form').waitFor();
    found.push(...(await violations(tur)).map((v) => `tur ${lang} /texts/${ids.quiet}: ${v}`));
    if (lang === 'ar') {
      assert.equal(await tur.locator('html').getAttribute('dir'), 'rtl');
      await shot(tur, '80-forms-ar');
    }
    await tur.goto(`${env.url}/texts`);
    await tur.getByTestId('open-text-open').click();
    await tur.getByTestId('open-text-form').waitFor();
    found.push(...(await violations(tur)).map((v) => `tur ${lang} /texts: ${v}`));
  }
  const afg = await as('afg', { axe: true });
  await openText(afg, ids.quiet);
  await afg.getByTestId('raise-open').click();
  await afg.getByTestId('raise-form').waitFor();
  found.push(...(await violations(afg)).map((v) => `afg en /texts/${ids.quiet}: ${v}`));
  assert.deepEqual(found, []);
});
