/**
 * The commitment write forms in Debian's chromium against a real server: a
 * mediator registers a commitment (D+N deadline, conditional on the other
 * party's) and lands on it; each viewer sees exactly the forms the server
 * lists (the obligated party's liaison: self-report; a field monitor:
 * verify; the other party: none; mediators: verify, extend, amend, and the
 * register link); a self-report leaves the status alone; a monitor's
 * verification citing evidence sets it, and the evidence cited is named and
 * linked to its incident (or said to be not visible to the viewer); an
 * extension, an amendment of only what changed; D-day set from the list by
 * the mediators' staff, moving "D+N" due dates; refusals from the form and
 * from the server shown in words; and axe-core's WCAG 2.1 A/AA rules on
 * the forms, in English and Pashto.
 * Screenshots 60-… in test-browser/artifacts/. Tests share the server and run in order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Viewer } from '../src/domain/visibility.js';
import { toViewer } from '../src/services/auth.js';
import { lodgeEvidence } from '../src/services/evidence.js';
import { fileIncident } from '../src/services/incidents.js';
import { configureWorkspace } from '../src/services/workspace.js';
import { findUserById } from '../src/store/repositories/accounts.js';
import { apiAs, openBrowserEnv, shot, signIn, type BrowserEnv, type UserName } from './support/env.js';

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
const ids = { afg: '', pak: '', incident: '', evidence: '', sealed: '', dDay: '' };

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A date as the English UI writes it. */
const shown = (date: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));

async function newPage(): Promise<Page> {
  // bypassCSP: the server's CSP forbids inline scripts, and the accessibility check injects axe-core.
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', bypassCSP: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function as(user: UserName, path: string): Promise<Page> {
  const page = await newPage();
  await signIn(page, env.url, user);
  await page.goto(`${env.url}${path}`);
  return page;
}

async function api(user: UserName, method: 'GET' | 'POST', path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const r = await apiAs(env, user, method, path, body);
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The commitment page once its data is drawn. */
async function openCommitment(page: Page, id: string): Promise<void> {
  await page.goto(`${env.url}/commitments/${id}`);
  await page.getByTestId('commitment-timeline').waitFor();
}

/** The form's alert, once it says something matching `pattern`. */
async function alertSays(form: Locator, pattern: RegExp): Promise<string> {
  const alert = form.getByRole('alert');
  await alert.filter({ hasText: pattern }).waitFor();
  return alert.innerText();
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

before(async () => {
  env = await openBrowserEnv();
  const s = env.server.services;
  await configureWorkspace(s, 'system', {
    clauses: [
      { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' },
      { id: 'C2', title: 'Crossings', text: 'Trade crossings stay open.' },
    ],
  });
  ids.dDay = day(-30);
  await api('sec', 'POST', '/api/clauses/d-day', { d_day: ids.dDay, reason: 'The ceasefire was signed in Doha' }, 200);
  ids.afg = (await api('sec', 'POST', '/api/commitments', {
    title: 'Withdraw forces 5 km from the line', clause_id: 'C1', obligated_party: 'AFG', deadline: { date: day(20) },
    indicator: 'Observed by the joint monitors', evidence_required: 'A monitors\' visit report', visibility: 'parties',
  })).commitment.id;

  // A monitor's site-visit note, lodged on a complaint, for a verification to cite.
  const viewer = async (id: string): Promise<Viewer> => toViewer((await findUserById(s.db, id))!);
  const filed = await fileIncident(s, await viewer('afg'), {
    title: 'Torkham kept closed to cargo', channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C2'],
    category: 'blocking_access', severity: 'high', event_date: day(-5), time_precision: 1,
    place: { country: 'Afghanistan', admin1: 'Nangarhar', location: 'Torkham', latitude: 34.1, longitude: 71.09, geo_precision: 2 },
    notes: 'The gate stayed shut to lorries.',
  } as never);
  const lodged = await lodgeEvidence(s, await viewer('afg'), filed.incident.id,
    { source: [Buffer.from('Site visit, Torkham: gate open to lorries 08:00-16:00 on weekdays.\n')], filename: 'visit.txt' },
    { kind: 'statement', visibility: 'parties', description: 'Monitors\' site visit note' });
  ids.evidence = (lodged as { evidence: { id: string } }).evidence.id;
  ids.incident = filed.incident.id;
  // The accused party's own account, sealed to the mediators: the other party may not read it.
  const sealed = await lodgeEvidence(s, await viewer('pak'), filed.incident.id,
    { source: [Buffer.from('Gate log, Torkham: lorries turned back 06:00-10:00.\n')], filename: 'gate-log.txt' },
    { kind: 'document', visibility: 'mediators', description: 'Gate log' });
  ids.sealed = (sealed as { evidence: { id: string } }).evidence.id;
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('register: a mediator fills the form (refused first, by the form and by the server), and lands on the new commitment', { timeout: 120_000 }, async () => {
  const page = await as('tur', '/commitments');
  await page.getByRole('link', { name: 'Register a new commitment' }).click();
  await page.waitForURL(/\/commitments\/new$/);
  const form = page.getByTestId('register-commitment');
  await form.waitFor();

  // Nothing filled: the form says what is missing, and sends nothing.
  await form.getByRole('button', { name: 'Register the commitment' }).click();
  assert.equal(await alertSays(form, /required/), 'Please correct the form: Title is required.');

  await form.getByLabel('Title').fill('Reopen Torkham to cargo');
  await form.getByLabel('Obligated party (organisation id, e.g. AFG)').fill('IND');
  await form.getByLabel('Clause').selectOption('C2');
  await form.getByLabel('Indicator: what is measured to decide it is met').fill('Lorries cross in both directions every weekday');
  await form.getByLabel('Evidence a verification needs').fill('Crossing reports verified by the monitors');
  await form.getByLabel('A number of days after D-day').check();
  await form.getByLabel('Days after D-day (negative: before)').fill('45');
  assert.equal(await form.getByTestId('deadline-preview').innerText(), `With D-day on ${shown(ids.dDay)}, due by the end of ${shown(addDays(ids.dDay, 45))} (UTC).`);
  await form.locator(`input[name=conditional_on][value="${ids.afg}"]`).check();
  await form.getByLabel('Notes (optional)').fill('Agreed at the Istanbul round.');

  // A party the agreement does not know: the server refuses, and says why.
  await form.getByRole('button', { name: 'Register the commitment' }).click();
  assert.match(await alertSays(form, /refused/), /^The server refused this \(400\): obligated_party: IND is not a party to the agreement$/);
  await shot(page, '60-register-refused');

  await form.getByLabel('Obligated party (organisation id, e.g. AFG)').fill('PAK');
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/commitments') && r.method() === 'POST');
  await form.getByRole('button', { name: 'Register the commitment' }).click();
  assert.deepEqual((await sent).postDataJSON(), {
    title: 'Reopen Torkham to cargo', obligated_party: 'PAK', clause_id: 'C2',
    indicator: 'Lorries cross in both directions every weekday', evidence_required: 'Crossing reports verified by the monitors',
    deadline: { relative_to: 'd_day', days: 45 }, conditional_on: [ids.afg], visibility: 'parties', notes: 'Agreed at the Istanbul round.',
  });
  await page.waitForURL(/\/commitments\/COM-\d+\?registered=\d+$/);
  ids.pak = /\/commitments\/(COM-\d+)/.exec(page.url())![1]!;
  assert.match(await page.getByTestId('registered').innerText(), /^Recorded as ledger entry \d+\.$/);
  assert.match(await page.locator('h1').innerText(), /Reopen Torkham to cargo/);
  assert.equal(await page.getByTestId('commitment-deadline').innerText(), 'D+45');
  await page.getByTestId('reciprocity').locator(`tr[data-link=conditional_on][data-id="${ids.afg}"]`).waitFor();
  await shot(page, '60-register-done');
});

test('who sees which form: exactly the actions the server lists for the viewer', { timeout: 120_000 }, async () => {
  const forms = ['commitment-verify', 'commitment-self-report', 'commitment-extend', 'commitment-amend'];
  const visible = async (page: Page) => {
    await page.getByTestId('commitment-timeline').waitFor();
    const out: string[] = [];
    for (const f of forms) if (await page.getByTestId(f).count()) out.push(f);
    return out;
  };
  const tur = await as('tur', `/commitments/${ids.pak}`);
  await tur.getByTestId('commitment-amend').waitFor();
  assert.deepEqual(await visible(tur), ['commitment-verify', 'commitment-extend', 'commitment-amend']);

  const pak = await as('pak', `/commitments/${ids.pak}`);
  await pak.getByTestId('commitment-self-report').waitFor();
  assert.deepEqual(await visible(pak), ['commitment-self-report'], 'the obligated party reports on its own commitment, nothing more');
  assert.match(await pak.getByTestId('self-report-note').innerText(), /does not change the status/);

  const afg = await as('afg', `/commitments/${ids.pak}`);
  assert.deepEqual(await visible(afg), [], 'the other party has no action on PAK\'s commitment');
  assert.equal(await afg.getByTestId('commitment-actions').count(), 0);

  const mon = await as('mon', `/commitments/${ids.pak}`);
  await mon.getByTestId('commitment-verify').waitFor();
  assert.deepEqual(await visible(mon), ['commitment-verify'], 'a field monitor verifies, and only that');

  // The register link is for the mediators' staff; others who open the address are told why there is no form.
  for (const page of [pak, mon]) {
    await page.goto(`${env.url}/commitments`);
    await page.getByTestId('commitment-table').waitFor();
    await page.getByTestId('who-org').waitFor(); // the session is known, so the link would be drawn by now
    assert.equal(await page.getByTestId('register-commitment-link').count(), 0);
  }
  await pak.goto(`${env.url}/commitments/new`);
  assert.equal(await pak.getByTestId('register-not-allowed').innerText(), 'Only the mediators\' staff register commitments.');
  assert.equal(await pak.getByTestId('register-commitment').count(), 0);
});

test('self-report: the obligated party reports complete; the status stays, and the report is shown as not the status', { timeout: 120_000 }, async () => {
  const page = await as('pak', `/commitments/${ids.pak}`);
  const form = page.getByTestId('commitment-self-report');
  await form.waitFor();
  await form.getByLabel('What your side has done').fill('Torkham reopened to cargo on Monday.');
  await form.getByRole('button', { name: 'Record the self-report' }).click();
  assert.equal(await alertSays(form, /status/), 'Please correct the form: Choose a status.');

  await form.getByLabel('complete', { exact: true }).check();
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/commitments/${ids.pak}/self-reports`));
  await form.getByRole('button', { name: 'Record the self-report' }).click();
  assert.deepEqual((await sent).postDataJSON(), { status: 'complete', evidence: [], note: 'Torkham reopened to cargo on Monday.' });
  await page.getByTestId('recorded').waitFor();
  assert.match(await page.getByTestId('recorded').innerText(), /^Recorded as ledger entry \d+\.$/);
  assert.equal(await page.getByTestId('commitment-status').getAttribute('data-value'), 'not_started', 'a self-report is never the status');
  const row = page.getByTestId('verifications').locator('tbody tr').filter({ hasText: 'Torkham reopened' });
  assert.match(await row.innerText(), /PAK.*self-report \(not the status\).*complete/s);
  await shot(page, '60-self-report');
});

test('verify: a monitor cites evidence; a malformed number and one the server does not know are refused; the status changes', { timeout: 120_000 }, async () => {
  const page = await as('mon', `/commitments/${ids.pak}`);
  const form = page.getByTestId('commitment-verify');
  await form.waitFor();
  assert.match(await form.innerText(), /Evidence required: Crossing reports verified by the monitors/);
  await form.getByLabel('intermediate', { exact: true }).check();
  await form.getByLabel('What was observed, and how (method, place, date)').fill('Site visit: open to lorries on weekdays only.');
  await form.getByLabel('Evidence numbers (optional, separated by commas or spaces)').fill('photo.jpg');
  await form.getByRole('button', { name: 'Record the verification' }).click();
  assert.equal(await form.getByTestId('evidence-format').innerText(), 'Each number looks like EV-2025-00001; you find it beside the file on its incident\'s page.');
  assert.equal(await alertSays(form, /EV-2025-00001/), 'Please correct the form: Evidence numbers look like EV-2025-00001; “photo.jpg” is not one.');

  await form.getByLabel('Evidence numbers (optional, separated by commas or spaces)').fill('EV-2099-0001');
  await form.getByRole('button', { name: 'Record the verification' }).click();
  assert.equal(await alertSays(form, /refused/), 'The server refused this (400): evidence: EV-2099-0001 is not evidence you may cite');

  // Found rather than typed: the search offers what the monitor may read (not the gate log sealed to the mediators).
  const evidenceField = form.getByLabel('Evidence numbers (optional, separated by commas or spaces)');
  await evidenceField.fill('');
  const finder = form.getByTestId('evidence-finder');
  const find = finder.getByLabel('Find evidence by file name, evidence number or incident number');
  await find.fill('gate-log');
  await find.press('Enter');
  await finder.getByText('No evidence you may read matches.').waitFor();
  assert.equal(await page.getByTestId('recorded').count(), 0, 'Enter in the search sent nothing');
  await find.fill(ids.incident);
  await finder.getByRole('button', { name: 'Find' }).click();
  await finder.getByRole('button', { name: `Add ${ids.evidence}` }).click();
  assert.equal(await finder.locator(`li[data-id="${ids.sealed}"]`).count(), 0, 'sealed evidence is not offered');
  assert.match(await finder.locator(`li[data-id="${ids.evidence}"]`).innerText(), /visit\.txt \(Witness statement, INC-/);
  assert.equal(await evidenceField.inputValue(), ids.evidence);
  await finder.getByRole('button', { name: `Add ${ids.evidence}` }).click();
  assert.equal(await evidenceField.inputValue(), ids.evidence, 'added once');
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/commitments/${ids.pak}/verifications`));
  await form.getByRole('button', { name: 'Record the verification' }).click();
  assert.deepEqual((await sent).postDataJSON(), { status: 'intermediate', evidence: [ids.evidence], note: 'Site visit: open to lorries on weekdays only.' });
  await page.locator('[data-testid=commitment-status][data-value=intermediate]').waitFor();
  await page.getByTestId('recorded').waitFor();
  const row = page.getByTestId('verifications').locator('tbody tr').filter({ hasText: 'Site visit' });
  assert.match(await row.innerText(), /JMT\s+verification\s+intermediate/);
  // The evidence cited: the file's name and kind, linked to the incident it was lodged on.
  const cited = row.locator(`ul.cited li[data-id="${ids.evidence}"][data-state=shown]`);
  await cited.waitFor();
  assert.equal(await cited.innerText(), `visit.txt (Witness statement) ${ids.evidence}`);
  assert.equal(await cited.getByRole('link', { name: 'visit.txt' }).getAttribute('href'), `/incidents/${ids.incident}`);
  // A fresh form for the next verification: the one just sent is not left filled in.
  assert.equal(await page.getByTestId('commitment-verify').getByLabel('What was observed, and how (method, place, date)').inputValue(), '');
  await shot(page, '60-verified');
});

test('evidence cited: each id asked for once, as a summary (no custody step); what the viewer may not read is said, not broken', { timeout: 120_000 }, async () => {
  // Two verifications by the secretariat on AFG's commitment: both cite the visit note, one also the sealed gate log.
  await api('sec', 'POST', `/api/commitments/${ids.afg}/verifications`, { status: 'minimal', evidence: [ids.evidence, ids.sealed], note: 'Pull-back begun in one sector.' }, 200);
  await api('sec', 'POST', `/api/commitments/${ids.afg}/verifications`, { status: 'minimal', evidence: [ids.evidence], note: 'No further movement seen.' }, 200);

  const page = await newPage();
  await signIn(page, env.url, 'afg');
  const asked: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/evidence/')) asked.push(new URL(r.url()).pathname); });
  await openCommitment(page, ids.afg);
  const table = page.getByTestId('verifications');
  const first = table.locator('tbody tr').filter({ hasText: 'Pull-back begun' });
  await first.locator(`li[data-id="${ids.sealed}"][data-state=hidden]`).waitFor();
  assert.equal(await first.locator(`li[data-id="${ids.sealed}"]`).innerText(), `${ids.sealed} (not visible to you)`);
  assert.equal(await first.locator(`li[data-id="${ids.sealed}"] a`).count(), 0, 'no link for what the viewer may not read');
  const visit = table.locator(`li[data-id="${ids.evidence}"][data-state=shown]`);
  await visit.nth(1).waitFor();
  assert.equal(await visit.count(), 2, 'the visit note, cited twice, is named in both rows');
  assert.deepEqual(asked.sort(), [`/api/evidence/${ids.evidence}/summary`, `/api/evidence/${ids.sealed}/summary`].sort(),
    'one request per id, and never the evidence itself (that read is a custody step)');
  await shot(page, '60-evidence-cited');

  // The mediators read both; the link leads to the incident's page, where the evidence is.
  const tur = await as('tur', `/commitments/${ids.afg}`);
  const gateLog = tur.getByTestId('verifications').locator(`li[data-id="${ids.sealed}"][data-state=shown]`);
  await gateLog.waitFor();
  assert.equal(await gateLog.innerText(), `gate-log.txt (Document) ${ids.sealed}`);
  await gateLog.getByRole('link', { name: 'gate-log.txt' }).click();
  await tur.waitForURL(new RegExp(`/incidents/${ids.incident}$`));
  await tur.locator(`[data-testid=evidence-item][data-id="${ids.sealed}"]`).waitFor();
});

test('extend: an earlier deadline is refused by the server with its reason; a later one, with the reason, is granted', { timeout: 120_000 }, async () => {
  const page = await as('qat', `/commitments/${ids.pak}`);
  const form = page.getByTestId('commitment-extend');
  await form.waitFor();
  assert.equal(await form.getByTestId('extend-current').innerText(), `Current deadline: D+45 (${shown(addDays(ids.dDay, 45))})`);
  assert.ok(await form.getByLabel('A number of days after D-day').isChecked(), 'the current deadline\'s kind is offered first');
  await form.getByLabel('Days after D-day (negative: before)').fill('30');
  await form.getByRole('button', { name: 'Grant the new deadline' }).click();
  assert.equal(await alertSays(form, /required/), 'Please correct the form: Reason is required.');

  await form.getByLabel('Reason').fill('Customs staff redeployed');
  await form.getByRole('button', { name: 'Grant the new deadline' }).click();
  assert.equal(await alertSays(form, /refused/),
    `The server refused this (409): an extension moves the due day later than ${addDays(ids.dDay, 45)}, not to ${addDays(ids.dDay, 30)}`);

  await form.getByLabel('A calendar date').check();
  await form.getByLabel('Due by the end of this day (UTC)').fill(addDays(ids.dDay, 60));
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/commitments/${ids.pak}/extensions`));
  await form.getByRole('button', { name: 'Grant the new deadline' }).click();
  assert.deepEqual((await sent).postDataJSON(), { deadline: { date: addDays(ids.dDay, 60) }, reason: 'Customs staff redeployed' });
  await page.getByTestId('commitment-deadline').filter({ hasText: 'originally' }).waitFor();
  assert.equal(await page.getByTestId('commitment-deadline').innerText(), `${shown(addDays(ids.dDay, 60))} (originally: D+45)`);
  assert.match(await page.getByTestId('extensions').innerText(), /granted by QAT:.*D\+45 → .*Customs staff redeployed/s);
  await page.getByTestId('recorded').waitFor();
});

test('amend: the terms prefilled, only what changed is sent, nothing changed is refused; visibility offered only wider', { timeout: 120_000 }, async () => {
  const page = await as('tur', `/commitments/${ids.pak}`);
  const form = page.getByTestId('commitment-amend');
  await form.waitFor();
  assert.equal(await form.getByLabel('Title').inputValue(), 'Reopen Torkham to cargo');
  assert.equal(await form.getByLabel('Clause').inputValue(), 'C2');
  assert.ok(await form.locator(`input[name=conditional_on][value="${ids.afg}"]`).isChecked());
  assert.equal(await form.locator(`input[name=conditional_on][value="${ids.pak}"]`).count(), 0, 'never conditional on itself');
  assert.deepEqual(await form.getByLabel('Who may read it').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['parties', 'public']);

  await form.getByLabel('Reason for the amendment').fill('Agreed in Doha');
  await form.getByRole('button', { name: 'Record the amendment' }).click();
  assert.equal(await alertSays(form, /Nothing/), 'Please correct the form: Nothing has changed: edit at least one term before recording an amendment.');

  await form.getByLabel('Indicator: what is measured to decide it is met').fill('Lorries and pedestrians cross every weekday');
  await form.locator(`input[name=conditional_on][value="${ids.afg}"]`).uncheck();
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/commitments/${ids.pak}/amendments`));
  await form.getByRole('button', { name: 'Record the amendment' }).click();
  assert.deepEqual((await sent).postDataJSON(), { indicator: 'Lorries and pedestrians cross every weekday', conditional_on: [], reason: 'Agreed in Doha' });
  await page.getByTestId('reciprocity').filter({ hasText: 'Not conditional on any other commitment' }).waitFor();
  assert.match(await page.locator('.facts').innerText(), /Lorries and pedestrians cross every weekday/);
  assert.match(await page.getByTestId('commitment-timeline').innerText(), /commitment\.amended/);
  // The form starts again from the amended terms.
  assert.equal(await page.getByTestId('commitment-amend').getByLabel('Indicator: what is measured to decide it is met').inputValue(), 'Lorries and pedestrians cross every weekday');
  await shot(page, '60-amended');
});

test('complete: once verified complete, the mediators are no longer offered an extension', { timeout: 120_000 }, async () => {
  const page = await as('sec', `/commitments/${ids.pak}`);
  const form = page.getByTestId('commitment-verify');
  // Extending is offered (its form appears once the clause register has loaded)…
  await page.getByTestId('commitment-extend').waitFor();
  await form.getByLabel('complete', { exact: true }).check();
  await form.getByLabel('What was observed, and how (method, place, date)').fill('Both crossings open to cargo and pedestrians for two weeks.');
  await form.getByRole('button', { name: 'Record the verification' }).click();
  await page.locator('[data-testid=commitment-status][data-value=complete]').waitFor();
  // …and no longer once the page shows the server's answer (the amend form is drawn from the same answer).
  await page.getByTestId('recorded').waitFor();
  await page.getByTestId('commitment-amend').waitFor();
  assert.equal(await page.getByTestId('commitment-extend').count(), 0, 'nothing to extend');
});

test('D-day: set from the list by the mediators\' staff, and "D+N" due dates move with it; parties and monitors are not offered the form', { timeout: 120_000 }, async () => {
  const rel = (await api('sec', 'POST', '/api/commitments', {
    title: 'Exchange lists of detainees', clause_id: 'C1', obligated_party: 'AFG', deadline: { relative_to: 'd_day', days: 60 },
    indicator: 'Lists handed to the mediators', evidence_required: 'The lists', visibility: 'parties',
  })).commitment.id as string;
  const page = await as('sec', '/commitments');
  const due = page.locator(`[data-testid=commitment-table] tr[data-id="${rel}"] td:nth-child(7)`);
  await due.waitFor();
  assert.equal(await due.innerText(), shown(addDays(ids.dDay, 60)));
  const form = page.getByTestId('d-day-form');
  assert.equal(await form.getByLabel('D-day (the date the ceasefire took effect)').inputValue(), ids.dDay, 'the current D-day, to correct');

  const next = day(-20);
  await form.getByLabel('D-day (the date the ceasefire took effect)').fill(next);
  await form.getByRole('button', { name: 'Record D-day' }).click();
  assert.equal(await alertSays(form, /required/), 'Please correct the form: Reason (e.g. where and when it was agreed) is required.');

  await form.getByLabel('Reason (e.g. where and when it was agreed)').fill('The signing in Doha was postponed by ten days');
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/clauses/d-day') && r.method() === 'POST');
  await form.getByRole('button', { name: 'Record D-day' }).click();
  assert.deepEqual((await sent).postDataJSON(), { d_day: next, reason: 'The signing in Doha was postponed by ten days' });
  await page.getByTestId('d-day-recorded').waitFor();
  assert.match(await page.getByTestId('d-day-recorded').innerText(), /^Recorded as ledger entry \d+\.$/);
  // The list reloads: the relative deadline's day moves, a dated one does not.
  await page.getByTestId('commitment-total').filter({ hasText: shown(next) }).waitFor();
  assert.equal(await due.innerText(), shown(addDays(next, 60)));
  assert.equal(await page.locator(`[data-testid=commitment-table] tr[data-id="${rel}"] td:nth-child(6)`).innerText(), 'D+60');
  assert.equal(await page.getByTestId('d-day-form').getByLabel('Reason (e.g. where and when it was agreed)').inputValue(), '', 'a fresh form');
  ids.dDay = next;
  await shot(page, '60-d-day');

  for (const user of ['afg', 'mon'] as const) {
    const other = await as(user, '/commitments');
    await other.getByTestId('commitment-table').waitFor();
    await other.getByTestId('who-org').waitFor(); // the session is known, so the form would be drawn by now
    assert.ok((await other.getByTestId('commitment-total').innerText()).includes(`D-day: ${shown(next)}`));
    assert.equal(await other.getByTestId('d-day-form').count(), 0, `${user} is not offered the D-day form`);
  }
});

test('the forms meet WCAG 2.1 AA (axe-core) in English and Pashto, and read right to left in Arabic', { timeout: 180_000 }, async () => {
  const found: string[] = [];
  const tur = await as('tur', '/commitments');
  for (const lang of ['en', 'ps'] as const) {
    if (lang === 'ps') await tur.getByTestId('language').selectOption('ps');
    await tur.goto(`${env.url}/commitments`);
    await tur.getByTestId('d-day-form').waitFor();
    found.push(...(await axeViolations(tur)).map((v) => `/commitments (${lang}): ${v}`));
    await tur.goto(`${env.url}/commitments/new`);
    await tur.getByTestId('register-commitment').waitFor();
    await tur.locator('input[name=deadline_kind][value=relative]').check();
    await tur.locator('input[name=deadline_days]').fill('10');
    found.push(...(await axeViolations(tur)).map((v) => `/commitments/new (${lang}): ${v}`));
    await openCommitment(tur, ids.afg);
    await tur.getByTestId('commitment-amend').waitFor();
    found.push(...(await axeViolations(tur)).map((v) => `/commitments/${ids.afg} (${lang}): ${v}`));
  }
  const afg = await as('afg', `/commitments/${ids.afg}`);
  await afg.getByTestId('commitment-self-report').waitFor();
  found.push(...(await axeViolations(afg)).map((v) => `/commitments/${ids.afg} (afg): ${v}`));
  assert.deepEqual(found, []);

  await afg.getByTestId('language').selectOption('ar');
  assert.equal(await afg.locator('html').getAttribute('dir'), 'rtl');
  const form = afg.getByTestId('commitment-self-report');
  await form.getByRole('heading', { name: 'تقرير عن التزامك' }).waitFor();
  await form.getByRole('button', { name: 'سجّل التقرير الذاتي' }).click();
  assert.equal(await alertSays(form, /حالة/), 'يرجى تصحيح النموذج: اختر حالة.');
  assert.equal(await form.evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await shot(afg, '60-self-report-ar');
});
