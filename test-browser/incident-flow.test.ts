/**
 * The main flow, as its users live it, in Debian's chromium against a real
 * server: an Afghan liaison signs in and files a complaint (with a Turkish
 * translation of its title, which a mediator reading Turkish sees first,
 * marked as a translation); the secretariat triages it and sends notice
 * (through the API here; lifecycle.test.ts walks those forms);
 * the Pakistani liaison signs in, sees exactly the actions the server
 * offers, and acknowledges; the verification badge, computed in the browser
 * from the receipt, the log key and both witnesses' keys, is green; a proof
 * altered on its way to the browser turns it red; the Pashto UI is laid out
 * right to left. Screenshots of each screen go to test-browser/artifacts/.
 * Tests share the server and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs, openBrowserEnv, shot, signIn, WITNESS_NAMES, type BrowserEnv } from './support/env.js';

let env: BrowserEnv;
let incidentId = '';
const contexts: BrowserContext[] = [];
const VERIFY_MS = 30_000;

async function newPage(): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function summaryState(page: Page, state: 'verified' | 'failed'): Promise<void> {
  try {
    await page.locator(`[data-testid=verify-summary][data-state=${state}]`).waitFor({ timeout: VERIFY_MS });
  } catch (e) {
    const now = await page.locator('main').innerText().catch(() => '(no main)');
    throw new Error(`the verification summary did not become ${state}; the page says:\n${now.slice(0, 3000)}`, { cause: e });
  }
}

before(async () => {
  env = await openBrowserEnv();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('a party liaison signs in, sees organisation and role, and files a complaint', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await page.goto(`${env.url}/login`);
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  await shot(page, '01-login');
  await signIn(page, env.url, 'afg');
  const who = page.getByTestId('who');
  assert.match(await who.innerText(), /AFG/);
  assert.match(await who.innerText(), /liaison/);

  await page.getByRole('link', { name: 'File a complaint' }).click();
  const form = page.getByTestId('file-incident');
  await form.getByLabel('Title', { exact: true }).fill('Mortar fire on homes near Weesh');
  await form.getByLabel('Accused party').fill('PAK');
  await form.getByLabel('Category').selectOption('offensive_fire');
  await form.getByLabel('Severity').selectOption('high');
  await form.getByLabel('Date of the event').fill('2025-10-15');
  await form.getByLabel('Country').fill('Afghanistan');
  await form.getByLabel('Place', { exact: true }).fill('Weesh, Spin Boldak');
  await form.getByLabel('Clauses').fill('C1');
  await form.getByLabel('What happened').fill('Shells landed on houses near the crossing; three people injured.');
  // A translation for the mediators: a language without a text is a clear mistake, not a silent drop.
  await form.getByLabel('Language of the translation').selectOption('tr');
  await form.getByRole('button', { name: 'File complaint' }).click();
  await form.getByRole('alert').filter({ hasText: 'Give the translated title or account' }).waitFor();
  await form.getByLabel('Translated title').fill('Weesh yakınında evlere havan ateşi');
  await shot(page, '02-file-incident');
  await form.getByRole('button', { name: 'File complaint' }).click();

  await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4,}$/);
  incidentId = /INC-\d{4}-\d{4,}/.exec(page.url())![0];
  await page.getByRole('heading', { level: 1, name: /Mortar fire on homes near Weesh/ }).waitFor();
  assert.equal(await page.getByTestId('incident-status').innerText(), 'received');
  await summaryState(page, 'verified');
  await shot(page, '03-incident-filed');
});

test('the secretariat triages and sends notice; the incident list filters by status', { timeout: 60_000 }, async () => {
  const triage = await apiAs(env, 'sec', 'POST', `/api/incidents/${incidentId}/triage`, {
    decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high',
  });
  assert.equal(triage.status, 200, JSON.stringify(triage.body));
  const notice = await apiAs(env, 'sec', 'POST', `/api/incidents/${incidentId}/notice`, { note: 'Formal notice under clause C1' });
  assert.equal(notice.status, 200, JSON.stringify(notice.body));

  const page = await newPage();
  await signIn(page, env.url, 'pak');
  await page.goto(`${env.url}/incidents?status=notified`);
  const table = page.getByTestId('incident-table');
  await table.getByRole('link', { name: incidentId }).waitFor();
  assert.match(await page.getByTestId('incident-total').innerText(), /^1 incident ·/);
  await shot(page, '04-incident-list');
  await page.goto(`${env.url}/incidents?status=closed`);
  await page.getByText('No incidents match these filters.').waitFor();
});

test('the other party acknowledges the notice; every entry on the timeline verifies in the browser', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'pak');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  const actions = page.getByTestId('actions');
  const ack = actions.getByTestId('form-acknowledge');
  await ack.waitFor();
  assert.equal(await actions.getByTestId('form-send_notice').count(), 0, 'only the actions the server offers are shown');
  await ack.getByLabel('Note').fill('Received by the PAK liaison cell.');
  await ack.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await page.getByTestId('recorded').waitFor();
  assert.equal(await page.getByTestId('form-acknowledge').count(), 0, 'acknowledged once, the form is gone');

  const types = await page.locator('[data-testid=timeline] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
  assert.ok(types.includes('incident.acknowledged'), `timeline: ${types.join(', ')}`);
  await summaryState(page, 'verified');
  const badges = page.locator('[data-testid=timeline] [data-testid=verify-badge]');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=timeline] [data-testid=verify-badge]'))
    .every((b) => b.getAttribute('data-state') === 'verified'), undefined, { timeout: VERIFY_MS });
  const texts = await badges.allInnerTexts();
  assert.ok(texts.length >= 4, `badges: ${texts.join(' | ')}`);
  for (const text of texts) {
    assert.match(text, /verified: entry \d+ in checkpoint of size \d+, cosigned by /);
    for (const w of WITNESS_NAMES) assert.ok(text.includes(w), `${text} names ${w}`);
  }
  await shot(page, '05-incident-acknowledged-verified');
});

test('a receipt whose inclusion proof was altered in transit turns the badge red, with the reason', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await page.route('**/api/entries/*/receipt*', async (route) => {
    const res = await route.fetch();
    const lines = (await res.text()).split('\n');
    // Flip one bit of the first proof hash (line 4), keeping it valid base64 of 32 bytes.
    const i = /^[A-Za-z0-9+/]{43}=$/.test(lines[3] ?? '') ? 3 : 1;
    const bytes = Buffer.from(lines[i]!.slice(i === 1 ? 'extra '.length : 0), 'base64');
    bytes[0]! ^= 0x01;
    lines[i] = `${i === 1 ? 'extra ' : ''}${bytes.toString('base64')}`;
    await route.fulfill({ response: res, body: lines.join('\n') });
  });
  await signIn(page, env.url, 'pak');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  await summaryState(page, 'failed');
  const failed = page.locator('[data-testid=verify-summary] [data-testid=verify-badge][data-state=failed]');
  assert.match(await failed.innerText(), /NOT verified: entry \d+: ROOT_MISMATCH: inclusion proof/);
  assert.equal(await page.locator('[data-testid=verify-badge][data-state=verified]').count(), 0, 'no entry passes with altered proofs');
  await shot(page, '06-tampered-proof-red');

  await page.unroute('**/api/entries/*/receipt*');
  await page.getByRole('button', { name: 'Verify again' }).click();
  await summaryState(page, 'verified');
});

test('the Pashto UI is right to left, with Pashto digits, and the choice is remembered', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'afg');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  await page.getByTestId('language').selectOption('ps');
  const html = page.locator('html');
  assert.equal(await html.getAttribute('dir'), 'rtl');
  assert.equal(await html.getAttribute('lang'), 'ps');
  await page.getByRole('heading', { name: 'د پړاوونو مهالوېش' }).waitFor();
  await summaryState(page, 'verified');
  // Right to left for real: the brand sits at the right edge, the language switcher left of it.
  const brand = (await page.locator('.brand').boundingBox())!;
  const tools = (await page.locator('.tools').boundingBox())!;
  assert.ok(brand.x > tools.x, `brand (x=${brand.x}) right of the tools (x=${tools.x})`);
  assert.match(await page.locator('[data-testid=timeline] tbody tr td.num').first().innerText(), /^[۰-۹]+$/, 'Extended Arabic-Indic digits');
  await shot(page, '07-pashto-rtl');

  await page.reload();
  assert.equal(await html.getAttribute('dir'), 'rtl', 'remembered across a reload');
  await page.getByTestId('language').selectOption('ar');
  assert.equal(await html.getAttribute('dir'), 'rtl');
  await page.getByTestId('language').selectOption('tr');
  assert.equal(await html.getAttribute('dir'), 'ltr');
  await page.getByTestId('language').selectOption('en');
});

test('a mediator reading Turkish sees the translation filed with the complaint, marked as such, and can read it as filed', { timeout: 60_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'tur');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  const title = page.getByTestId('incident-title');
  const versions = page.getByTestId('text-languages');
  await title.filter({ hasText: 'Mortar fire on homes near Weesh' }).waitFor();
  assert.equal(await versions.getAttribute('data-shown'), 'original');
  assert.match(await versions.innerText(), /As filed, in English\./);

  await page.getByTestId('language').selectOption('tr');
  await title.filter({ hasText: 'Weesh yakınında evlere havan ateşi' }).waitFor();
  assert.equal(await title.getAttribute('lang'), 'tr');
  assert.equal(await versions.getAttribute('data-shown'), 'tr');
  assert.match(await versions.innerText(), /Türkçe çeviri, AFG tarafından sağlanmıştır\. Başvurulan metin İngilizce/);
  // The notes had no translation: they are shown as filed, marked as English.
  assert.equal(await page.getByTestId('incident-notes').getAttribute('lang'), 'en');
  await shot(page, '09-translation-tr');

  await versions.getByRole('button', { name: 'Başvurulduğu haliyle oku' }).click();
  await title.filter({ hasText: 'Mortar fire on homes near Weesh' }).waitFor();
  assert.equal(await versions.getAttribute('data-shown'), 'original');

  // The list shows the same translated title, marked as a translation; in English, the title as filed.
  await page.goto(`${env.url}/incidents?q=Weesh`);
  const row = page.getByTestId('incident-table').locator('tr', { has: page.getByRole('link', { name: incidentId }) });
  await row.filter({ hasText: 'Weesh yakınında evlere havan ateşi (çeviri)' }).waitFor();
  assert.equal(await row.locator('bdi').getAttribute('lang'), 'tr');
  await page.getByTestId('language').selectOption('en');
  await row.filter({ hasText: 'Mortar fire on homes near Weesh' }).waitFor();
  assert.equal(await row.getByTestId('title-translated').count(), 0);
});

test('the complainant adds a translation after filing; an Urdu reader then sees it, marked as a translation', { timeout: 60_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'afg');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  const form = page.getByTestId('form-translate');
  assert.equal(await form.locator('select[name=language] option[value=en]').count(), 0, 'not into the language it was filed in');
  await form.getByLabel('Language of the translation').selectOption('ur');
  await form.getByRole('button', { name: 'Add a translation' }).click();
  await form.getByTestId('form-error').filter({ hasText: 'Give the translated title, the translated account or both.' }).waitFor();
  await form.getByLabel('Translated title').fill('ویش کے قریب گھروں پر مارٹر فائر');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incidentId}/translations`) && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Add a translation' }).click();
  const recorded = (await (await answer).json()) as { entry: { index: number; type: string } };
  assert.equal(recorded.entry.type, 'incident.translated');
  await page.locator(`[data-testid=timeline] tr[data-entry="${recorded.entry.index}"][data-type="incident.translated"]`).waitFor();

  await page.getByTestId('language').selectOption('ur');
  const title = page.getByTestId('incident-title');
  await title.filter({ hasText: 'ویش کے قریب گھروں پر مارٹر فائر' }).waitFor();
  assert.equal(await title.getAttribute('lang'), 'ur');
  const says = page.getByTestId('text-languages');
  assert.equal(await says.getAttribute('data-shown'), 'ur', 'said to be a translation');
  assert.match(await says.innerText(), /AFG کی طرف سے/, 'and by whom');
  await page.getByTestId('language').selectOption('en');
});

test('the keys page shows the fingerprints of the keys the badges trust, and pins them', { timeout: 60_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'tur');
  await page.goto(`${env.url}/keys`);
  await page.getByTestId('pin-state').filter({ hasText: 'Not pinned' }).waitFor();
  assert.equal(await page.getByTestId('fingerprint').count(), 1 + WITNESS_NAMES.length);
  await page.getByRole('button', { name: 'Pin these keys' }).click();
  await page.getByTestId('pin-state').filter({ hasText: 'Pinned in this browser.' }).waitFor();
  await shot(page, '08-keys');
  const pinned = await page.evaluate(() => JSON.parse(localStorage.getItem('annex.trust.pinned') ?? 'null') as { witnessVkeys: string[]; quorum: number });
  assert.equal(pinned.witnessVkeys.length, 2);
  assert.equal(pinned.quorum, 2);

  // A pinned key the server no longer serves turns the badges red.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem('annex.trust.pinned')!) as { witnessVkeys: string[] };
    p.witnessVkeys = p.witnessVkeys.slice(0, 1);
    localStorage.setItem('annex.trust.pinned', JSON.stringify({ ...p, quorum: 1 }));
  });
  await page.goto(`${env.url}/incidents/${incidentId}`);
  await summaryState(page, 'failed');
  assert.match(await page.locator('[data-testid=verify-summary]').innerText(), /differ from the keys pinned/);
});
