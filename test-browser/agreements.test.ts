/**
 * The agreement screens in Debian's chromium against a real server:
 * commitments with reciprocity (one overdue, the other suspended because of
 * it), a penalty proposed by the ladder on an issued finding (and the ladder
 * as a table), a crossing closure with its weekly totals and a movement
 * tally, and a negotiation text with three versions — a party accepts a
 * version in the UI and sees its position change; the side-by-side diff shows
 * an added and a changed clause with who proposed each, and in Arabic it
 * reads right to left. Seeded through the services and the API, to test the
 * reading screens; the forms for each step are walked in commitment-forms,
 * crossing-forms and text-forms. Screenshots 40–44 in test-browser/artifacts/.
 * Tests share the server and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Viewer } from '../src/domain/visibility.js';
import { toViewer } from '../src/services/auth.js';
import { takeIncidentStep, type StepAction } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { configureWorkspace } from '../src/services/workspace.js';
import { findUserById } from '../src/store/repositories/accounts.js';
import { apiAs, openBrowserEnv, shot, signIn, type BrowserEnv, type UserName } from './support/env.js';

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
const ids = { early: '', late: '', penalty: '', text: '', incident: '' };

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function api(user: UserName, method: 'GET' | 'POST', path: string, body?: unknown, status = method === 'POST' ? 201 : 200) {
  const r = await apiAs(env, user, method, path, body);
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const CLAUSES = [
  { id: 'C1', title: 'Cessation of hostilities', text: 'The parties cease all offensive operations.' },
  { id: 'C2', title: 'Crossings', text: 'Trade crossings stay open.' },
];

/** A complaint against PAK taken through the lifecycle until both mediators have signed: the finding is issued. */
async function issueFinding(): Promise<string> {
  const s = env.server.services;
  const viewer = async (id: string): Promise<Viewer> => toViewer((await findUserById(s.db, id))!);
  const filed = await fileIncident(s, await viewer('afg'), {
    title: 'Torkham kept closed to cargo', channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C2'],
    category: 'blocking_access', severity: 'high', event_date: day(-20), time_precision: 1,
    place: { country: 'Afghanistan', admin1: 'Nangarhar', location: 'Torkham', latitude: 34.1, longitude: 71.09, geo_precision: 2 },
    notes: 'The gate stayed shut to lorries for the whole week.',
  } as never);
  const id = filed.incident.id;
  const steps: Array<[StepAction, string, Record<string, unknown>]> = [
    ['triage', 'sec', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C2'], category: 'blocking_access', severity: 'high' }],
    ['send_notice', 'sec', {}],
    ['acknowledge', 'pak', {}],
    ['respond', 'pak', { position: 'deny', statement: 'Closed on security grounds.', counter_evidence: [] }],
    ['open_investigation', 'sec', { team: ['TUR'] }],
    ['draft_finding', 'tur', {
      determination: 'violation', clause_violated: 'C2', responsible_party: 'PAK', attribution_confidence: 'high', intent: 'deliberate', grade: 'confirmed',
      summary: 'The crossing was kept closed to cargo.', methods: ['site visit'], recommendations: [], required_remedies: [], publication: 'public',
    }],
    ['sign_finding', 'tur', {}],
    ['sign_finding', 'qat', {}],
  ];
  for (const [action, who, body] of steps) await takeIncidentStep(s, await viewer(who), id, action, body as never);
  return id;
}

before(async () => {
  env = await openBrowserEnv();
  const s = env.server.services;
  await configureWorkspace(s, 'system', {
    clauses: CLAUSES,
    crossings: [{ id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09, sides: ['Afghanistan: Nangarhar', 'Pakistan: Khyber'] }],
  });

  // Commitments: PAK's reopening is conditional on AFG's, which is overdue.
  const base = { indicator: 'Observed by the joint monitors', evidence_required: 'A monitors\' visit report', visibility: 'parties' };
  ids.early = (await api('sec', 'POST', '/api/commitments', {
    ...base, title: 'Withdraw forces 5 km from the line', clause_id: 'C1', obligated_party: 'AFG', deadline: { date: day(-3) },
  })).commitment.id;
  ids.late = (await api('sec', 'POST', '/api/commitments', {
    ...base, title: 'Reopen Torkham to cargo', clause_id: 'C2', obligated_party: 'PAK', deadline: { date: day(10) }, conditional_on: [ids.early],
  })).commitment.id;

  // The ladder, then a finding it judges: the engine proposes a penalty.
  await api('sec', 'POST', '/api/penalty-ladder', {
    title: 'Ladder agreed in Istanbul', applies_from: day(-30), supersedes: 0,
    rules: [
      { id: 'NAME', title: 'A confirmed violation is named publicly', min_grade: 'confirmed', count: 1, window_days: 90, consequence: { type: 'public_naming' } },
      { id: 'REPORT', title: 'Crossings kept closed: remedial report', min_grade: 'fair', clauses: ['C2'], count: 1, window_days: 30, consequence: { type: 'remedial_report', days: 14 } },
    ],
  });
  ids.incident = await issueFinding();
  const penalties = (await api('sec', 'GET', `/api/penalties?incident=${ids.incident}`)).items as Array<{ id: string; rule_id: string }>;
  ids.penalty = penalties.find((p) => p.rule_id === 'REPORT')!.id;

  // A closure of Torkham's Pakistani side since three days ago; the Afghan side open.
  await api('sec', 'POST', '/api/crossings/torkham/reports', {
    side: 'PAK', traffic_types: ['cargo', 'pedestrians'], status: 'closed', effective_from: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    method: 'official_announcement', announced_by: 'PAK', reason: 'Closed on security grounds.', visibility: 'public',
  });
  await api('afg', 'POST', '/api/crossings/torkham/reports', {
    side: 'AFG', traffic_types: ['cargo', 'pedestrians'], status: 'open', effective_from: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    method: 'party_report', visibility: 'public',
  });
  // A returnee tally: each side's count.
  for (const [who, count] of [['afg', 1200], ['pak', 1000]] as const) {
    await api(who, 'POST', '/api/movements', {
      crossing_id: 'torkham', period_from: day(-7), period_to: day(-1), direction: 'into_AFG', category: 'undocumented_deportee',
      count, source: `${who.toUpperCase()} border authority`, visibility: 'parties',
    });
  }

  // A text with three versions: TUR's draft, PAK's change to C2, AFG's new C3 and change to C1.
  ids.text = (await api('tur', 'POST', '/api/texts', { title: 'Istanbul follow-up text', parties: ['AFG', 'PAK'] })).text.id;
  const v1 = CLAUSES;
  const v2 = [CLAUSES[0], { ...CLAUSES[1], text: 'Trade crossings stay open except on security grounds notified in advance.' }];
  const v3 = [
    { ...CLAUSES[0], text: 'The parties cease all offensive operations, including by groups they support.' },
    v2[1],
    { id: 'C3', title: 'Joint monitoring', text: 'A joint team verifies complaints at the crossings.' },
  ];
  await api('tur', 'POST', `/api/texts/${ids.text}/versions`, { clauses: v1 });
  await api('pak', 'POST', `/api/texts/${ids.text}/versions`, { clauses: v2, note: 'Security exception' });
  await api('afg', 'POST', `/api/texts/${ids.text}/versions`, { clauses: v3, note: 'Proxies and monitoring' });
  // PAK accepts v2 and then retracts: the history shows both.
  const v2hash = (await api('pak', 'GET', `/api/texts/${ids.text}/versions/2`)).hash;
  await api('pak', 'POST', `/api/texts/${ids.text}/actions`, { action: 'accept', version: 2, hash: v2hash });
  await api('pak', 'POST', `/api/texts/${ids.text}/actions`, { action: 'retract', version: 2, hash: v2hash });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

test('commitments: the list filters, and the detail shows the reciprocal chain and why one is suspended', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'tur');
  await page.getByRole('link', { name: 'Commitments' }).click();
  const table = page.getByTestId('commitment-table');
  await table.waitFor();
  assert.match(await table.locator(`tr[data-id=${ids.early}]`).innerText(), /overdue/);
  assert.match(await table.locator(`tr[data-id=${ids.late}]`).innerText(), /suspended/);
  assert.match(await table.locator(`tr[data-id=${ids.late}]`).innerText(), new RegExp(ids.early));

  await page.getByLabel('Suspended only').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/suspended=true/);
  // Only the suspended one: wait for the filtered list itself (the previous one may still be on screen for a moment).
  const rows = () => page.locator('[data-testid=commitment-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
  await page.waitForFunction((id) => {
    const trs = document.querySelectorAll('[data-testid=commitment-table] tbody tr');
    return trs.length === 1 && trs[0]!.getAttribute('data-id') === id;
  }, ids.late, { timeout: 10_000 }).catch(async (e: unknown) => assert.fail(`the suspended filter shows ${JSON.stringify(await rows())}, not just ${ids.late}: ${String(e)}`));

  await page.getByRole('link', { name: ids.late }).click();
  const because = page.getByTestId('suspended-because');
  await because.waitFor();
  assert.match(await because.innerText(), new RegExp(`Suspended because.*${ids.early}`, 's'));
  const chain = page.getByTestId('reciprocity');
  assert.match(await chain.locator(`tr[data-link=conditional_on][data-id=${ids.early}]`).innerText(), /Conditional on.*not met/s);
  await shot(page, '40-commitments');

  await page.getByRole('link', { name: ids.early }).first().click();
  await page.getByTestId('reciprocity').locator(`tr[data-link=required_by][data-id=${ids.late}]`).waitFor();
});

test('penalties: the proposal names its trigger finding, rule and ladder version; a mediator confirms it', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'qat');
  await page.getByRole('link', { name: 'Penalties' }).click();
  const row = page.getByTestId('penalty-table').locator(`tr[data-id=${ids.penalty}]`);
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /PAK/);
  assert.match(text, /Remedial report within 14 days/);
  assert.match(text, new RegExp(ids.incident));
  assert.match(text, /ladder version 1/);
  assert.match(text, /proposed/);

  await row.getByRole('link', { name: ids.penalty }).click();
  await page.getByTestId('trigger-findings').waitFor();
  assert.match(await page.getByTestId('trigger-findings').innerText(), new RegExp(`${ids.incident}.*confirmed.*C2`, 's'));
  await page.getByTestId('penalty-confirm').waitFor();
  await shot(page, '41-penalties');
  await page.getByTestId('penalty-confirm').getByLabel('Note (optional)').fill('Report due in 14 days.');
  await page.getByTestId('penalty-confirm').getByRole('button', { name: 'Confirm the penalty' }).click();
  await page.getByTestId('penalty-status').filter({ hasText: 'confirmed' }).waitFor();
  assert.notEqual(await page.getByTestId('penalty-due').innerText(), '—', 'confirmed: the report has a due date');
  assert.equal(await page.getByTestId('penalty-confirm').count(), 0, 'no longer offered');

  await page.getByRole('link', { name: /ladder version 1/ }).click();
  const rules = page.getByTestId('ladder-rules');
  await rules.waitFor();
  assert.equal(await rules.locator('tbody tr').count(), 2);
  assert.match(await rules.innerText(), /NAME.*1 within 90 days.*Named publicly.*REPORT.*clauses C2.*1 within 30 days.*Remedial report within 14 days/s);

  // A party liaison reads the penalty but is offered no decision.
  const party = await newPage();
  await signIn(party, env.url, 'pak');
  await party.goto(`${env.url}/penalties/${ids.penalty}`);
  await party.getByTestId('penalty-status').waitFor();
  assert.equal(await party.getByTestId('penalty-confirm').count(), 0);
  assert.equal(await party.getByTestId('penalty-dismiss').count(), 0);
});

test('crossings: status now per side and traffic type, the timeline, weekly closures; movements with the discrepancy', { timeout: 120_000 }, async () => {
  const page = await newPage({ width: 820, height: 1180 });
  await signIn(page, env.url, 'afg');
  await page.getByRole('link', { name: 'Crossings' }).click();
  const grid = page.getByTestId('status-torkham');
  await grid.waitFor();
  assert.equal(await grid.locator('td[data-side=PAK][data-traffic=cargo]').getAttribute('data-status'), 'closed');
  assert.equal(await grid.locator('td[data-side=AFG][data-traffic=pedestrians]').getAttribute('data-status'), 'open');

  await page.getByRole('link', { name: 'Torkham' }).click();
  const line = page.locator('[data-testid=crossing-line][data-side=PAK][data-traffic=cargo]');
  await line.waitFor();
  assert.match(await line.innerText(), /closed/);
  await page.getByTestId('weekly-closures').waitFor();
  const total = page.getByTestId('weekly-total').locator('td[data-side=PAK][data-traffic=cargo]');
  assert.equal(await total.getAttribute('data-closures'), '1', 'one closure in the weeks shown');
  assert.ok(Number(await total.getAttribute('data-hours')) >= 71, 'about three days closed');
  assert.match(await total.innerText(), /h closed.*closures: 1/s);
  assert.equal(await page.getByTestId('weekly-total').locator('td[data-side=AFG][data-traffic=cargo]').getAttribute('data-closures'), '0');
  await shot(page, '42-crossings');

  await page.goto(`${env.url}/movements`);
  const row = page.getByTestId('movement-table').locator('tbody tr').first();
  await row.waitFor();
  assert.equal(await row.locator('td[data-org=AFG]').innerText(), '1,200');
  assert.equal(await row.locator('td[data-org=PAK]').innerText(), '1,000');
  assert.equal(await row.getByTestId('discrepancy').innerText(), '200 (16.7%)');
  assert.equal(await row.getByTestId('reconciled').innerText(), 'not yet');
});

test('texts: per-party positions with their history; a liaison accepts a version in the UI and the position changes', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'afg');
  await page.getByRole('link', { name: 'Negotiation texts' }).click();
  await page.getByTestId('text-table').getByRole('link', { name: ids.text }).click();
  const versions = page.getByTestId('versions');
  await versions.waitFor();
  assert.equal(await versions.locator('tbody tr').count(), 3);
  // PAK accepted v2 and retracted it: both shown, with times.
  const pakV2 = page.getByTestId('position-2-PAK');
  assert.equal(await pakV2.getAttribute('data-position'), 'retracted');
  assert.match(await pakV2.innerText(), /accepted at .*UTC.*retracted at .*UTC/s);
  assert.equal(await page.getByTestId('position-3-AFG').getAttribute('data-position'), 'pending');
  assert.equal(await page.getByTestId('text-agreed').innerText(), 'not agreed yet');

  // AFG accepts v3: the request names the version's hash; the position turns to accepted.
  await page.getByTestId('version-actions-3').getByRole('button', { name: 'Accept v3' }).click();
  const form = page.getByTestId('sign-form-3');
  await form.waitFor();
  const hash = (await api('afg', 'GET', `/api/texts/${ids.text}/versions/3`)).hash as string;
  assert.match(await form.innerText(), new RegExp(hash));
  const sent = page.waitForRequest((r) => r.url().endsWith(`/api/texts/${ids.text}/actions`) && r.method() === 'POST');
  await form.getByRole('button', { name: 'Sign and record' }).click();
  assert.deepEqual((await sent).postDataJSON(), { action: 'accept', version: 3, hash });
  await page.getByTestId('text-recorded').waitFor();
  await page.locator('[data-testid=position-3-AFG][data-position=accepted]').waitFor();
  assert.match(await page.getByTestId('position-3-AFG').innerText(), /accepted at /);
  // AFG may now retract, not accept again; PAK is still pending.
  await page.getByTestId('version-actions-3').getByRole('button', { name: 'Retract acceptance of v3' }).waitFor();
  assert.equal(await page.getByTestId('position-3-PAK').getAttribute('data-position'), 'pending');

  // PAK accepts too: v3 is agreed.
  const pak = await newPage();
  await signIn(pak, env.url, 'pak');
  await pak.goto(`${env.url}/texts/${ids.text}`);
  await pak.getByTestId('version-actions-3').getByRole('button', { name: 'Accept v3' }).click();
  await pak.getByTestId('sign-form-3').getByRole('button', { name: 'Sign and record' }).click();
  await pak.getByTestId('agreed-3').waitFor();
  assert.equal(await pak.getByTestId('text-agreed').innerText(), 'agreed: v3');
});

test('texts: the side-by-side diff shows an added and a changed clause with who proposed each; in Arabic it reads right to left', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'tur');
  await page.goto(`${env.url}/texts/${ids.text}?from=1&to=3`);
  const diff = page.getByTestId('diff-table');
  await diff.waitFor();
  assert.equal(await page.getByTestId('diff-summary').innerText(), '1 added, 0 removed, 2 changed');
  const added = diff.locator('tr[data-clause=C3]');
  assert.equal(await added.getAttribute('data-change'), 'added');
  assert.match(await added.locator('[data-side=before]').innerText(), /not in this version/);
  assert.match(await added.locator('[data-side=after]').innerText(), /Joint monitoring/);
  assert.equal(await added.getByTestId('proposed-by').innerText(), 'AFG in v3');
  const changed = diff.locator('tr[data-clause=C2]');
  assert.equal(await changed.getAttribute('data-change'), 'changed');
  assert.equal(await changed.getByTestId('proposed-by').innerText(), 'PAK in v2');
  assert.match(await changed.locator('[data-side=after] ins').first().innerText(), /except on security grounds/);
  assert.equal(await diff.locator('tr[data-clause=C1]').getByTestId('proposed-by').innerText(), 'AFG in v3');
  // Older version at the start (left in English).
  const ltrFrom = (await page.getByTestId('diff-col-from').boundingBox())!;
  const ltrTo = (await page.getByTestId('diff-col-to').boundingBox())!;
  assert.ok(ltrFrom.x < ltrTo.x, 'LTR: the older version is on the left');
  await shot(page, '43-text-diff');

  // Choose versions with the form: v2 → v3 has only AFG's changes.
  await page.getByTestId('diff-from').selectOption('2');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForURL(/from=2&to=3/);
  await page.getByTestId('diff-summary').filter({ hasText: '1 added, 0 removed, 1 changed' }).waitFor();

  await page.goto(`${env.url}/texts/${ids.text}?from=1&to=3`);
  await page.getByTestId('language').selectOption('ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByTestId('diff-summary').filter({ hasText: 'أضيف' }).waitFor();
  assert.match(await page.getByTestId('diff-summary').innerText(), /[٠-٩]/, 'Arabic-Indic digits');
  const rtlFrom = (await page.getByTestId('diff-col-from').boundingBox())!;
  const rtlTo = (await page.getByTestId('diff-col-to').boundingBox())!;
  assert.ok(rtlFrom.x > rtlTo.x, 'RTL: the older version is on the right, the newer on the left');
  assert.equal(await page.getByTestId('diff-table').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await shot(page, '44-text-diff-ar');
});
