// How precisely incidents are drawn (./placement.ts), crossing marker states, and the projection (./projection.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { Topology } from 'topojson-specification';
import { countryPaths } from './geo.js';
import { crossingState, placeAll, placementOf, regionOf } from './placement.js';
import { DEFAULT_VIEW, panBy, project, toBase, toScreen, unproject, zoomBy } from './projection.js';

const at = { country: 'Afghanistan', admin1: 'Kandahar', latitude: 31.0, longitude: 66.4 };

test('precision 1 with coordinates is a pin', () => {
  assert.deepEqual(placementOf({ ...at, geo_precision: 1 }), { kind: 'pin', lon: 66.4, lat: 31.0 });
});

test('precision 2 is a translucent area around the place, never a pin', () => {
  const p = placementOf({ ...at, geo_precision: 2 });
  assert.equal(p.kind, 'area');
  assert.ok(p.kind === 'area' && p.radiusKm >= 10);
});

test('precision 3 (region only) is counted by region even with coordinates; so is any unknown precision', () => {
  assert.deepEqual(placementOf({ ...at, geo_precision: 3 }), { kind: 'region', region: 'Kandahar, Afghanistan', reason: 'region-only' });
  assert.equal(placementOf({ ...at, geo_precision: 4 }).kind, 'region');
  assert.equal(placementOf({ ...at, geo_precision: 0 }).kind, 'region');
});

test('without coordinates (or with broken ones) nothing is drawn, whatever the precision', () => {
  assert.deepEqual(placementOf({ country: 'Pakistan', geo_precision: 1 }), { kind: 'region', region: 'Pakistan', reason: 'no-coordinates' });
  assert.equal(placementOf({ country: 'Pakistan', latitude: 31, geo_precision: 1 }).kind, 'region');
  assert.equal(placementOf({ country: 'Pakistan', latitude: 91, longitude: 70, geo_precision: 1 }).kind, 'region');
  assert.equal(placementOf({ country: 'Pakistan', latitude: NaN, longitude: 70, geo_precision: 1 }).kind, 'region');
});

test('regions are named "admin1, country" or the country, and grouped, sorted', () => {
  assert.equal(regionOf({ country: 'Pakistan', admin1: ' Khyber Pakhtunkhwa ', geo_precision: 3 }), 'Khyber Pakhtunkhwa, Pakistan');
  assert.equal(regionOf({ country: 'Pakistan', admin1: '', geo_precision: 3 }), 'Pakistan');
  const items = [
    { id: 'a', place: { ...at, geo_precision: 1 } },
    { id: 'b', place: { ...at, geo_precision: 2 } },
    { id: 'c', place: { ...at, geo_precision: 3 } },
    { id: 'd', place: { country: 'Pakistan', admin1: 'Balochistan', geo_precision: 1 } },
    { id: 'e', place: { country: 'Afghanistan', admin1: 'Kandahar', geo_precision: 3 } },
  ];
  const placed = placeAll(items, (i) => i.place);
  assert.deepEqual(placed.pins.map((p) => p.item.id), ['a']);
  assert.deepEqual(placed.areas.map((p) => p.item.id), ['b']);
  assert.deepEqual(placed.regions.map((r) => [r.region, r.items.map((i) => i.id)]), [
    ['Balochistan, Pakistan', ['d']], ['Kandahar, Afghanistan', ['c', 'e']],
  ]);
});

test('a crossing\'s marker state from its status per side and traffic type', () => {
  const s = (...xs: Array<string | null>) => crossingState(xs.map((status) => ({ status })));
  assert.equal(s(), 'unknown');
  assert.equal(s(null, null), 'unknown');
  assert.equal(s('open', 'open', null), 'open');
  assert.equal(s('closed', 'closed'), 'closed');
  assert.equal(s('open', 'closed'), 'restricted');
  assert.equal(s('restricted'), 'restricted');
  assert.equal(s('closed', null), 'closed');
});

test('projection round-trips; zoom keeps the point under the cursor; pan moves the centre', () => {
  const p = project(71.09, 34.1);
  const q = unproject(p[0], p[1]);
  assert.ok(Math.abs(q[0] - 71.09) < 1e-9 && Math.abs(q[1] - 34.1) < 1e-9);
  assert.ok(project(71, 34)[1] < project(71, 30)[1], 'north is up');
  const cursor = [200, 150] as const;
  const before = toBase(DEFAULT_VIEW, cursor);
  const z = zoomBy(DEFAULT_VIEW, 2, cursor);
  const after = toBase(z, cursor);
  assert.ok(Math.abs(before[0] - after[0]) < 1e-9 && Math.abs(before[1] - after[1]) < 1e-9);
  assert.equal(zoomBy(DEFAULT_VIEW, 1e9).zoom, 64);
  const moved = panBy(DEFAULT_VIEW, 100, 0);
  assert.ok(toScreen(moved, project(67.5, 33))[0] < toScreen(DEFAULT_VIEW, project(67.5, 33))[0], 'panning east moves the map west');
});

test('the default view shows Torkham, Chaman and the Wakhan; boundaries decode to paths for the region', () => {
  const inside = (lon: number, lat: number) => {
    const [x, y] = toScreen(DEFAULT_VIEW, project(lon, lat));
    return x > 0 && x < 1000 && y > 0 && y < 680;
  };
  assert.ok(inside(71.09, 34.1) && inside(66.44, 30.92) && inside(73.5, 37.0) && inside(61.5, 29.8));
  const path = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  const topo = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  const countries = countryPaths(topo);
  const names = countries.map((c) => c.name);
  for (const n of ['Afghanistan', 'Pakistan', 'Iran', 'India']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('Brazil'));
  assert.match(countries.find((c) => c.name === 'Afghanistan')!.d, /^M-?\d/);
});
