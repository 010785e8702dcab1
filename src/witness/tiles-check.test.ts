import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestLog } from './test-log.js';
import { checkWithTiles } from './tiles-check.js';

const head = (l: TestLog) => ({ size: l.size, root: l.root() });
const tilesOf = (l: TestLog) => async (path: string): Promise<Uint8Array> => {
  const t = l.readTile(path);
  if (!t) throw new Error(`no ${path}`);
  return t;
};

test('a prefix is consistent, at every shape of sizes (RFC 9162 §2.1.4)', async () => {
  const log = TestLog.create();
  const heads = [];
  for (const n of [1, 1, 2, 4, 200, 57, 300, 1]) heads.push(head(log.grow(n)));
  for (let i = 0; i < heads.length - 1; i++) {
    assert.deepEqual(await checkWithTiles(log.hasher, heads[i]!, head(log), tilesOf(log)), { kind: 'consistent' });
  }
});

test("a fork is inconsistent per the larger tree's tiles, with the proof and the root the tiles give", async () => {
  const base = TestLog.create().grow(500);
  const x = base.fork('x').grow(13);
  const y = base.fork('y').grow(600);
  const v = await checkWithTiles(x.hasher, head(x), head(y), tilesOf(y));
  assert.equal(v.kind, 'inconsistent');
  if (v.kind === 'inconsistent') {
    assert.ok(v.proof.length > 0);
    assert.notDeepEqual(v.rootAtSmall, x.root());
  }
  // The same fork seen the other way round: y's larger checkpoint, x's tiles.
  const z = base.fork('x').grow(700); // x's branch, larger
  assert.equal((await checkWithTiles(x.hasher, { size: 505, root: base.fork('y').grow(5).root() }, head(z), tilesOf(z))).kind, 'inconsistent');
});

test("tiles that do not hash to the larger root prove nothing", async () => {
  const base = TestLog.create().grow(40);
  const x = base.fork('x').grow(10);
  const y = base.fork('y').grow(10);
  const v = await checkWithTiles(x.hasher, head(base), head(x), tilesOf(y));
  assert.equal(v.kind, 'tiles-mismatch');
  await assert.rejects(checkWithTiles(x.hasher, head(base), head(x), async () => new Uint8Array(5)));
});
