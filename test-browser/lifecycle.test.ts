/**
 * The lifecycle as its users live it, in Debian's chromium against a real
 * server, every step through the forms: an Afghan liaison files a public
 * complaint and lodges a photo, which the browser hashes before the upload
 * and matches with the server's record and the verified ledger entry after
 * it; the secretariat triages and sends notice; the Pakistani liaison
 * acknowledges and responds citing the evidence; a Turkish mediator opens
 * the investigation, notes denied access and drafts a finding; Pakistan
 * comments with dissent; both mediators (TUR, QAT) sign exactly that draft
 * and the finding is issued; every badge is green. A download altered in
 * transit shows the red mismatch. Screenshots 30-… in test-browser/artifacts/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { jpegWithExif } from '../test/support/files.js';
import { openBrowserEnv, shot, signIn, type BrowserEnv, type UserName } from './support/env.js';

let env: BrowserEnv;
let incidentId = '';
const contexts: BrowserContext[] = [];
const VERIFY_MS = 30_000;
const photo = jpegWithExif();
const photoSha = createHash('sha256').update(photo).digest('hex');

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function openAs(user: UserName, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newPage(viewport);
  await signIn(page, env.url, user);
  await page.goto(`${env.url}/incidents/${incidentId}`);
  await page.getByTestId('incident-status').waitFor();
  return page;
}

async function status(page: Page, expected: string): Promise<void> {
  await page.getByTestId('incident-status').filter({ hasText: new RegExp(`^${expected}$`) }).waitFor({ timeout: 10_000 });
}

async function allVerified(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => {
      const b = Array.from(document.querySelectorAll('[data-testid=timeline] [data-testid=verify-badge]'));
      return b.length > 0 && b.every((x) => x.getAttribute('data-state') === 'verified');
    }, undefined, { timeout: VERIFY_MS });
  } catch (e) {
    const states = await page.locator('[data-testid=timeline] [data-testid=verify-badge]').allInnerTexts();
    throw new Error(`not every timeline entry verified:\n${states.join('\n')}`, { cause: e });
  }
  await page.locator('[data-testid=verify-summary][data-state=verified]').waitFor({ timeout: VERIFY_MS });
}

before(async () => {
  env = await openBrowserEnv();
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('the Afghan liaison files a complaint with a photo: hashed in the browser, matched with the server and the ledger', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'afg');
  await page.goto(`${env.url}/incidents/new`);
  const form = page.getByTestId('file-incident');
  await form.getByLabel('Title', { exact: true }).fill('Shelling of the Weesh bazaar');
  await form.getByLabel('Accused party').fill('PAK');
  await form.getByLabel('Category').selectOption('offensive_fire');
  await form.getByLabel('Severity').selectOption('high');
  await form.getByLabel('Date of the event').fill('2025-10-15');
  await form.getByLabel('Country').fill('Afghanistan');
  await form.getByLabel('Place', { exact: true }).fill('Weesh bazaar');
  await form.getByLabel('Clauses').fill('C1');
  await form.getByLabel('Who may read it').selectOption('public');
  await form.getByLabel('What happened').fill('Mortar rounds hit the bazaar at 06:30; two shops destroyed.');
  await form.getByRole('button', { name: 'File complaint' }).click();
  await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4,}$/);
  incidentId = /INC-\d{4}-\d{4,}/.exec(page.url())![0];
  await status(page, 'received');

  const upload = page.getByTestId('evidence-upload');
  await upload.getByLabel('File').setInputFiles({ name: 'bazaar.jpg', mimeType: 'image/jpeg', buffer: photo });
  const local = upload.getByTestId('local-hash');
  await local.waitFor();
  assert.equal(await local.getAttribute('data-sha256'), photoSha, 'the browser computes the file\'s SHA-256 before the upload');
  await upload.getByTestId('evidence-preview').waitFor();
  await upload.getByLabel('Kind').selectOption('photo');
  await upload.getByLabel('Description').fill('The bazaar after the shelling, from the north side.');
  await shot(page, '30-evidence-chosen-hashed');
  await upload.getByRole('button', { name: 'Upload evidence' }).click();

  const item = page.getByTestId('evidence-item').first();
  await item.waitFor();
  assert.equal(await item.getByTestId('upload-match').getAttribute('data-state'), 'match');
  assert.match(await item.getByTestId('server-hash').innerText(), new RegExp(photoSha));
  await item.locator('[data-testid=ledger-hash][data-state=match]').waitFor({ timeout: VERIFY_MS });
  assert.equal(await item.getByTestId('ledger-hash').getAttribute('data-sha256'), photoSha, 'the verified ledger entry records the same hash');

  await item.getByTestId('download-check').click();
  const check = item.getByTestId('file-check');
  await check.waitFor();
  assert.equal(await check.getAttribute('data-state'), 'match');
  assert.match(await check.innerText(), /File matches the ledger/);
  await item.getByTestId('evidence-preview').waitFor();
  await item.getByTestId('evidence-details').locator('summary').click();
  await item.getByTestId('exif').waitFor();
  assert.match(await item.getByTestId('exif').innerText(), /Canon EOS 90D/);
  const custody = await item.locator('[data-testid=custody] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  assert.ok(custody.includes('lodged') && custody.includes('downloaded'), `custody: ${custody.join(', ')}`);
  await allVerified(page);
  await shot(page, '31-incident-filed-evidence-verified');
});

test('the secretariat triages (with a clear validation message first) and sends notice through the forms', { timeout: 120_000 }, async () => {
  const page = await openAs('sec');
  const triage = page.getByTestId('form-triage');
  assert.equal(await page.getByTestId('form-send_notice').count(), 0, 'only what the server offers now');
  await triage.getByLabel('Accused party').fill('');
  await triage.getByRole('button', { name: 'Triage' }).click();
  assert.match(await triage.getByTestId('form-error').innerText(), /Accused party is required/);
  await triage.getByLabel('Accused party').fill('PAK');
  await triage.getByLabel('Clauses').fill('C1');
  await shot(page, '32-triage-form');
  await triage.getByRole('button', { name: 'Triage' }).click();
  await status(page, 'triaged');
  const notice = page.getByTestId('form-send_notice');
  await notice.getByLabel('Note').fill('Formal notice under clause C1.');
  await notice.getByRole('button', { name: 'Send notice' }).click();
  await status(page, 'notified');
  assert.equal(await page.getByTestId('form-send_notice').count(), 0);
});

test('the Pakistani liaison acknowledges and responds, citing the evidence', { timeout: 120_000 }, async () => {
  const page = await openAs('pak', { width: 820, height: 1180 });
  const ack = page.getByTestId('form-acknowledge');
  await ack.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await page.getByTestId('recorded').waitFor();
  const respond = page.getByTestId('form-respond');
  await respond.waitFor();
  await respond.getByLabel('Position').selectOption('dispute_evidence');
  await respond.getByLabel('Statement').fill('No PAK unit fired on 15 October; the photo shows older damage.');
  await respond.getByRole('checkbox').first().check();
  await shot(page, '33-response-form-tablet');
  await respond.getByRole('button', { name: 'Respond' }).click();
  await status(page, 'responded');
});

test('a Turkish mediator opens the investigation, notes denied access and drafts the finding; Pakistan dissents', { timeout: 120_000 }, async () => {
  const page = await openAs('tur');
  await page.getByTestId('form-open_investigation').getByLabel('Investigation team').fill('TUR, QAT');
  await page.getByTestId('form-open_investigation').getByRole('button', { name: 'Open investigation' }).click();
  await status(page, 'under investigation');

  const note = page.getByTestId('form-add_note');
  await note.getByLabel('Kind of note').selectOption('access_denied');
  await note.getByLabel('Who denied access').fill('PAK');
  await note.getByLabel('Text').fill('The team was turned back at the Chaman checkpoint on 20 October.');
  await note.getByRole('button', { name: 'Add investigation note' }).click();
  await page.getByTestId('recorded').waitFor();

  const draft = page.getByTestId('form-draft_finding');
  await draft.getByLabel('Determination').selectOption('violation');
  await draft.getByLabel('Responsible party').fill('');
  await draft.getByLabel('Grade of the evidence').selectOption('fair');
  await draft.getByLabel('Attribution confidence').selectOption('medium');
  await draft.getByLabel('Summary').fill('Imagery and the lodged photo show fresh impacts consistent with fire from the east.');
  await draft.getByRole('button', { name: 'Draft finding' }).click();
  assert.match(await draft.getByTestId('form-error').innerText(), /A violation names the responsible party and the clause violated/);
  await draft.getByLabel('Responsible party').fill('PAK');
  await draft.getByLabel('Clause violated').fill('C1');
  await draft.getByLabel('Methods').fill('Satellite imagery review\nPhoto analysis');
  await draft.getByRole('button', { name: 'Add a remedy' }).click();
  await draft.getByLabel('Remedy 1').fill('Compensate the shop owners');
  await draft.getByLabel('Obligated party').fill('PAK');
  await shot(page, '34-draft-finding-form');
  await draft.getByRole('button', { name: 'Draft finding' }).click();
  await status(page, 'draft finding');

  const pak = await openAs('pak');
  const comment = pak.getByTestId('form-comment');
  await comment.getByLabel('Comment', { exact: true }).fill('The imagery predates 15 October; we dissent.');
  await comment.getByLabel('My organisation dissents').check();
  await comment.getByRole('button', { name: 'Comment on finding' }).click();
  await pak.getByTestId('recorded').waitFor();
});

test('both mediators sign exactly the draft in the UI; the finding is issued and every entry verifies', { timeout: 180_000 }, async () => {
  for (const [user, n] of [['tur', 35], ['qat', 36]] as const) {
    const page = await openAs(user);
    const sign = page.getByTestId('form-sign_finding');
    await sign.getByTestId('finding').waitFor();
    assert.match(await sign.getByTestId('finding-comments').innerText(), /dissent/);
    await sign.locator('[data-testid=verify-badge][data-state=verified]').waitFor({ timeout: VERIFY_MS });
    await sign.getByRole('button', { name: 'Sign finding' }).click();
    assert.match(await sign.getByTestId('form-error').innerText(), /Tick the box/);
    await sign.getByRole('checkbox').check();
    await shot(page, `${n}-sign-finding-${user}`);
    await sign.getByRole('button', { name: 'Sign finding' }).click();
    await page.getByTestId('recorded').waitFor();
    if (user === 'tur') assert.match(await page.getByTestId('finding-signatures').innerText(), /TUR.*awaiting QAT/s);
  }
  const page = await openAs('afg');
  await status(page, 'finding issued');
  await page.getByTestId('finding-issued').waitFor();
  assert.match(await page.getByTestId('finding-signatures').innerText(), /TUR.*QAT/s);
  await allVerified(page);
  await page.locator('[data-testid=ledger-hash][data-state=match]').waitFor({ timeout: VERIFY_MS });
  await shot(page, '37-finding-issued-verified');
});

test('a download altered in transit shows the red mismatch', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await page.route('**/api/evidence/*/content', async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[body.length - 3]! ^= 0x01;
    await route.fulfill({ response: res, body });
  });
  await signIn(page, env.url, 'afg');
  await page.goto(`${env.url}/incidents/${incidentId}`);
  const item = page.getByTestId('evidence-item').first();
  await item.locator('[data-testid=ledger-hash][data-state=match]').waitFor({ timeout: VERIFY_MS });
  await item.getByTestId('download-check').click();
  const check = item.getByTestId('file-check');
  await check.waitFor();
  assert.equal(await check.getAttribute('data-state'), 'mismatch');
  assert.match(await check.innerText(), /does NOT match the ledger/);
  assert.equal(await item.getByTestId('evidence-preview').count(), 0, 'altered bytes are neither previewed nor offered');
  await check.scrollIntoViewIfNeeded();
  await shot(page, '38-tampered-download-red');
});
