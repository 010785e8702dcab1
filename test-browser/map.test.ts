/**
 * The offline map, in Debian's chromium against a real server: incidents
 * filed with each location precision and crossing status reports (through
 * the API, as the other tests seed what their forms do not cover), then the
 * map: exact places as pins that cluster and split as one zooms in, "near"
 * places as areas, region-only and coordinate-less reports listed by region
 * and never drawn, crossings marked by status with words beside the colour;
 * a filter set on the list carries over to the map and back; the Pashto map
 * lays its controls out right to left while the map itself does not mirror.
 * Screenshots: test-browser/artifacts/20-map.png, 21-map-ps.png, 22-map-tablet.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { configureWorkspace } from '../src/services/workspace.js';
import { apiAs, openBrowserEnv, shot, signIn, type BrowserEnv } from './support/env.js';

let env: BrowserEnv;
const contexts: BrowserContext[] = [];
const ids: Record<string, string> = {};

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

const file = async (key: string, title: string, place: Record<string, unknown>, category = 'offensive_fire') => {
  const r = await apiAs(env, 'afg', 'POST', '/api/incidents', {
    title, channel: 'party', visibility: 'public', accused_party: 'PAK', clause_refs: ['C1'], category,
    event_date: '2025-10-15', time_precision: 1, place, notes: `${title}.`,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ids[key] = r.body.incident.id;
};

before(async () => {
  env = await openBrowserEnv();
  await configureWorkspace(env.server.services, 'system', {
    crossings: [
      { id: 'torkham', name: 'Torkham', latitude: 34.1, longitude: 71.09, sides: ['AFG', 'PAK'] },
      { id: 'chaman', name: 'Chaman', latitude: 30.92, longitude: 66.44, sides: ['AFG', 'PAK'] },
      { id: 'ghulam-khan', name: 'Ghulam Khan', latitude: 33.2, longitude: 70.05, sides: ['AFG', 'PAK'] },
    ],
  });
  // Two exact places 10 km apart (one cluster at first, two pins zoomed in), one far away, one "near", one region-only, one without coordinates.
  await file('a', 'Shelling near the Torkham gate', { country: 'Afghanistan', admin1: 'Nangarhar', location: 'Torkham', latitude: 34.12, longitude: 71.0, geo_precision: 1 });
  await file('b', 'Mortar rounds on Landi Kotal road', { country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', location: 'Landi Kotal', latitude: 34.2, longitude: 71.12, geo_precision: 1 });
  await file('c', 'Trucks turned back at Spin Boldak', { country: 'Afghanistan', admin1: 'Kandahar', location: 'Spin Boldak', latitude: 30.99, longitude: 66.4, geo_precision: 1 }, 'blocking_access');
  await file('d', 'Drone overflight near Khost', { country: 'Afghanistan', admin1: 'Khost', location: 'Khost', latitude: 33.33, longitude: 69.92, geo_precision: 2 }, 'airspace_violation');
  await file('e', 'Clashes reported in Kunar', { country: 'Afghanistan', admin1: 'Kunar', latitude: 34.85, longitude: 71.1, geo_precision: 3 });
  await file('f', 'Detentions reported in Paktika', { country: 'Afghanistan', admin1: 'Paktika', geo_precision: 3 }, 'detention');
  const report = (user: 'pak' | 'afg', crossing: string, body: Record<string, unknown>) =>
    apiAs(env, user, 'POST', `/api/crossings/${crossing}/reports`, { traffic_types: ['cargo'], effective_from: '2025-10-12T00:00:00Z', method: 'official_announcement', ...body });
  for (const r of [
    await report('pak', 'torkham', { side: 'PAK', status: 'closed' }),
    await report('afg', 'chaman', { side: 'AFG', status: 'open' }),
  ]) assert.equal(r.status, 201, JSON.stringify(r.body));
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await env?.close();
});

async function openMap(page: Page, query = ''): Promise<void> {
  await page.goto(`${env.url}/map${query}`);
  await page.getByTestId('map-loaded').waitFor();
  await page.locator('.map-country').first().waitFor();
}

const drawnIds = async (page: Page): Promise<string[]> =>
  (await page.locator('[data-testid=map-svg] [data-ids]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ids') ?? ''))).flatMap((s) => s.split(' '));

test('the map draws pins, clusters, areas and crossings; region-only incidents are listed, not pinned', { timeout: 120_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'sec');
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await openMap(page);
  assert.match(await page.getByTestId('map-loaded').innerText(), /6 of 6 incidents/);

  // The SVG is named and described, and keyboard-focusable.
  const svg = page.getByTestId('map-svg');
  assert.equal(await svg.getAttribute('tabindex'), '0');
  assert.match(await svg.locator('desc').textContent() ?? '', /3 incidents at exact locations, 1 at approximate locations, 3 crossings\. 2 incidents/);

  // Exact places: a and b close together cluster at the default zoom; c on its own.
  const cluster = page.getByTestId('map-cluster');
  assert.equal(await cluster.count(), 1);
  assert.equal(await cluster.getAttribute('data-ids'), [ids.a, ids.b].sort().join(' '));
  assert.equal(await cluster.locator('text').textContent(), '2');
  assert.equal(await page.getByTestId('map-pin').count(), 1);
  assert.equal(await page.getByTestId('map-pin').getAttribute('data-ids'), ids.c);
  // "Near a named place": an area, never a pin.
  assert.equal(await page.getByTestId('map-area').getAttribute('data-ids'), ids.d);
  // Region only (e, with the province's coordinates) and no coordinates (f): not drawn anywhere, counted by region.
  const drawn = await drawnIds(page);
  assert.ok(!drawn.includes(ids.e!) && !drawn.includes(ids.f!), `drawn: ${drawn.join(', ')}`);
  const regions = await page.getByTestId('list-regions').innerText();
  assert.match(regions, /Kunar, Afghanistan \(1\)/);
  assert.match(regions, /Paktika, Afghanistan \(1\)/);

  // Crossings: state as data, colour and words.
  const crossing = (id: string) => page.locator(`[data-testid=map-crossing][data-crossing=${id}]`);
  assert.equal(await crossing('torkham').getAttribute('data-state'), 'closed');
  assert.equal(await crossing('chaman').getAttribute('data-state'), 'open');
  assert.equal(await crossing('ghulam-khan').getAttribute('data-state'), 'unknown');
  assert.equal(await crossing('torkham').locator('.map-label').textContent(), 'Torkham · closed');
  assert.equal(await crossing('ghulam-khan').getAttribute('aria-label'), 'Crossing Ghulam Khan: status unknown');
  const legend = await page.getByTestId('map-legend').innerText();
  for (const w of ['open', 'closed', 'restricted or partly open', 'status unknown']) assert.ok(legend.includes(w), w);
  await shot(page, '20-map');

  // A cluster opens a popover listing its incidents with links; Escape closes it and gives focus back.
  await cluster.click();
  const pop = page.getByTestId('map-popover');
  await pop.waitFor();
  assert.ok(await pop.getByRole('link', { name: new RegExp(ids.a!) }).isVisible());
  assert.ok(await pop.getByRole('link', { name: new RegExp(ids.b!) }).isVisible());
  await page.keyboard.press('Escape');
  await pop.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'map-cluster');

  // Keyboard: Enter on a crossing opens its status per side and traffic type.
  await crossing('torkham').focus();
  await page.keyboard.press('Enter');
  await pop.waitFor();
  assert.match(await pop.innerText(), /PAK, cargo: closed/);
  await pop.getByRole('button', { name: 'Close' }).click();

  // Zooming in (+ on the map) splits the cluster into two pins; 0 resets.
  await svg.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-cluster]').length === 0);
  assert.equal(await page.getByTestId('map-pin').count(), 3);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('0');
  assert.equal(await svg.getAttribute('data-zoom'), '1');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.equal(await svg.getAttribute('data-zoom'), '1.5');
  // The list alternative reaches every drawn incident too, with a link.
  assert.ok(await page.getByTestId('list-pins').getByRole('link', { name: new RegExp(ids.c!) }).isVisible());
  assert.ok(await page.getByTestId('list-areas').getByRole('link', { name: new RegExp(ids.d!) }).isVisible());
  // "Show on the map" from the list centres and zooms the map on it.
  await page.getByRole('button', { name: `Show on the map: ${ids.c}` }).click();
  assert.equal(await svg.getAttribute('data-zoom'), '4');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'map-svg');
});

test('a filter set on the list carries over to the map, and back', { timeout: 60_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'sec');
  await page.goto(`${env.url}/incidents`);
  await page.getByLabel('Category').selectOption('blocking_access');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/category=blocking_access/);
  await page.getByTestId('incident-total').filter({ hasText: '1' }).waitFor();
  await page.getByTestId('show-on-map').click();
  await page.waitForURL(/\/map\?category=blocking_access$/);
  await page.getByTestId('map-loaded').filter({ hasText: '1 of 1' }).waitFor();
  assert.match(await page.getByTestId('map-filters').innerText(), /Category/);
  assert.deepEqual(await drawnIds(page), [ids.c]);
  assert.equal(await page.getByTestId('map-cluster').count(), 0);
  // Crossings are not incidents: still all shown.
  assert.equal(await page.getByTestId('map-crossing').count(), 3);
  await page.getByTestId('map-show-list').click();
  await page.waitForURL(/\/incidents\?category=blocking_access$/);
  await page.getByTestId('incident-table').waitFor();
  assert.equal(await page.getByTestId('incident-table').locator('tbody tr').count(), 1);
});

test('in Pashto the controls and list mirror; the map does not', { timeout: 60_000 }, async () => {
  const page = await newPage();
  await signIn(page, env.url, 'sec');
  await page.getByTestId('language').selectOption('ps');
  await openMap(page);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('.map-frame').getAttribute('dir'), 'ltr');
  const main = (await page.locator('.map-main').boundingBox())!;
  const list = (await page.getByTestId('map-list').boundingBox())!;
  assert.ok(list.x < main.x, 'the list is on the left in RTL');
  // West is still left: Chaman (66.4°E) left of Torkham (71.1°E).
  const x = async (id: string) => (await page.locator(`[data-testid=map-crossing][data-crossing=${id}] rect`).boundingBox())!.x;
  assert.ok(await x('chaman') < await x('torkham'));
  assert.equal(await page.locator('[data-testid=map-crossing][data-crossing=torkham] .map-label').textContent(), 'Torkham · تړلی');
  assert.match(await page.getByTestId('map-loaded').innerText(), /۶/);
  await shot(page, '21-map-ps');
});

test('tablet width: the list goes below the map', { timeout: 60_000 }, async () => {
  const page = await newPage({ width: 820, height: 1180 });
  await signIn(page, env.url, 'sec');
  await openMap(page);
  const main = (await page.locator('.map-main').boundingBox())!;
  const list = (await page.getByTestId('map-list').boundingBox())!;
  assert.ok(list.y >= main.y + main.height - 1);
  assert.ok(main.width <= 820);
  await shot(page, '22-map-tablet');
});
