// Clustering of nearby markers (./cluster.ts): pure, in screen units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterPoints, type ClusterInput } from './cluster.js';

const pt = (id: string, x: number, y: number): ClusterInput<string> => ({ id, x, y, item: id });

test('points within the radius form one cluster at their mean; far points stay alone', () => {
  const c = clusterPoints([pt('a', 100, 100), pt('b', 110, 100), pt('c', 100, 112), pt('far', 400, 400)], 20);
  assert.equal(c.length, 2);
  const big = c.find((k) => k.members.length === 3)!;
  assert.deepEqual(big.ids, ['a', 'b', 'c']);
  assert.equal(big.key, 'a b c');
  assert.ok(Math.abs(big.x - 310 / 3) < 1e-9 && Math.abs(big.y - 104) < 1e-9);
  assert.deepEqual(c.find((k) => k.members.length === 1)!.ids, ['far']);
});

test('every point lands in exactly one cluster, and the result does not depend on input order', () => {
  const pts = Array.from({ length: 200 }, (_, i) => pt(`p${i}`, (i * 37) % 500, (i * 91) % 300));
  const a = clusterPoints(pts, 25);
  const b = clusterPoints([...pts].reverse(), 25);
  assert.deepEqual(a.map((k) => k.key), b.map((k) => k.key));
  const all = a.flatMap((k) => k.ids).sort();
  assert.deepEqual(all, pts.map((p) => p.id).sort());
  for (const k of a) assert.equal(k.members.length, k.ids.length);
});

test('no member is further than the radius from its cluster\'s first point', () => {
  const pts = Array.from({ length: 100 }, (_, i) => pt(`q${i}`, Math.sin(i) * 200 + 250, Math.cos(i * 3) * 100 + 150));
  const byId = new Map(pts.map((p) => [p.id, p]));
  for (const k of clusterPoints(pts, 30)) {
    const ms = k.ids.map((id) => byId.get(id)!).sort((p, q) => p.y - q.y || p.x - q.x || (p.id < q.id ? -1 : 1));
    for (const m of ms) assert.ok(Math.hypot(m.x - ms[0]!.x, m.y - ms[0]!.y) <= 30 + 1e-9);
  }
});

test('zooming in splits a cluster: the same places, twice as far apart on screen', () => {
  const near = [pt('a', 100, 100), pt('b', 115, 100)];
  assert.equal(clusterPoints(near, 20).length, 1);
  assert.equal(clusterPoints(near.map((p) => ({ ...p, x: p.x * 2, y: p.y * 2 })), 20).length, 2);
});

test('identical positions cluster; non-finite positions are dropped; empty input gives nothing', () => {
  assert.equal(clusterPoints([pt('a', 5, 5), pt('b', 5, 5)], 1)[0]!.members.length, 2);
  assert.equal(clusterPoints([pt('x', NaN, 5)], 10).length, 0);
  assert.deepEqual(clusterPoints([], 10), []);
});
