// TileBuilder.resume: a builder resumed from stored hash tiles continues the
// log exactly as one that never stopped (same tiles, same roots), at sizes
// around every tile boundary up to a level-2 partial tile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equal, uint64be } from './bytes.js';
import { nodeCrypto } from './crypto-node.js';
import { VerificationError } from './errors.js';
import { MerkleHasher } from './hasher.js';
import { TileBuilder, type HashTileReader, type TileFile } from './tile-builder.js';
import { HASH_SIZE } from './hasher.js';

const hasher = new MerkleHasher(nodeCrypto);
const entry = (i: number): Uint8Array => uint64be(i);

/** Hash tiles as Annex stores them: one row per (level, index), the widest seen. */
class TileStore {
  readonly rows = new Map<string, Uint8Array>();
  put(files: TileFile[]): void {
    for (const f of files) {
      if (f.id.level < 0) continue;
      const key = `${f.id.level}/${f.id.index}`;
      const old = this.rows.get(key);
      if (old && old.length === 256 * HASH_SIZE) assert.fail(`full tile ${f.path} rewritten`);
      if (!old || old.length < f.bytes.length) this.rows.set(key, f.bytes);
    }
  }
  readonly read: HashTileReader = async (ids) =>
    ids.map((t) => {
      const row = this.rows.get(`${t.level}/${t.index}`);
      if (!row || row.length < t.width * HASH_SIZE) throw new Error(`tile ${t.level}/${t.index} width ${t.width} not stored`);
      return row.subarray(0, t.width * HASH_SIZE);
    });
}

function grow(builder: TileBuilder, to: number, store?: TileStore): TileFile[] {
  while (builder.size < to) builder.append(entry(builder.size));
  const files = builder.flush();
  store?.put(files);
  return files;
}

test('a resumed builder continues with the same tiles and roots as an uninterrupted one', async () => {
  // One long reference run, flushed at each stop; resumes start from its stored tiles.
  const stops = [0, 1, 2, 255, 256, 257, 511, 512, 700, 65_535, 65_536, 65_537, 65_536 + 256 * 3 + 17];
  const reference = new TileBuilder(hasher, { bundles: false });
  const store = new TileStore();
  const snapshots = new Map<number, Map<string, Uint8Array>>();
  for (const size of stops) {
    grow(reference, size, store);
    snapshots.set(size, new Map(store.rows));
  }
  for (const size of stops) {
    const at = new TileStore();
    for (const [k, v] of snapshots.get(size)!) at.rows.set(k, v);
    const resumed = await TileBuilder.resume(hasher, size, at.read);
    assert.equal(resumed.size, size);
    const fresh = new TileBuilder(hasher, { bundles: false });
    grow(fresh, size);
    assert.ok(equal(resumed.root(), fresh.root()), `root at ${size}`);
    assert.deepEqual(resumed.flush(), [], 'nothing new right after resuming');
    // Continue both past the next tile boundaries and compare what they emit.
    for (const more of [1, 300]) {
      const a = grow(resumed, resumed.size + more, at);
      const b = grow(fresh, fresh.size + more);
      assert.deepEqual(a.map((f) => f.path), b.map((f) => f.path), `files after ${size}+${more}`);
      a.forEach((f, i) => assert.ok(equal(f.bytes, b[i]!.bytes), f.path));
      assert.ok(equal(resumed.root(), fresh.root()));
    }
  }
});

test('resume reads only the partial tiles, in one call', async () => {
  const store = new TileStore();
  grow(new TileBuilder(hasher), 65_536 + 256 + 5, store);
  const calls: string[][] = [];
  const builder = await TileBuilder.resume(hasher, 65_536 + 256 + 5, async (ids) => {
    calls.push(ids.map((t) => `${t.level}/${t.index}.p/${t.width}`));
    return store.read(ids);
  });
  assert.deepEqual(calls, [['0/257.p/5', '1/1.p/1', '2/0.p/1']]);
  assert.equal(builder.size, 65_536 + 256 + 5);
});

test('resume with the partial bundle keeps producing entry bundles', async () => {
  const store = new TileStore();
  const full = new TileBuilder(hasher);
  grow(full, 300, store);
  const resumed = await TileBuilder.resume(hasher, 300, store.read, { bundle: Array.from({ length: 44 }, (_, i) => entry(256 + i)) });
  const a = grow(resumed, 520);
  const b = grow(full, 520);
  assert.deepEqual(a.map((f) => f.path), b.map((f) => f.path));
  a.forEach((f, i) => assert.ok(equal(f.bytes, b[i]!.bytes), f.path));
  assert.ok(a.some((f) => f.path === 'tile/entries/001'));
});

test('resume rejects tiles of the wrong width and a wrong-sized bundle', async () => {
  const store = new TileStore();
  grow(new TileBuilder(hasher), 300, store);
  await assert.rejects(TileBuilder.resume(hasher, 300, async (ids) => ids.map(() => new Uint8Array(HASH_SIZE))), VerificationError);
  await assert.rejects(TileBuilder.resume(hasher, 300, store.read, { bundle: [entry(0)] }), VerificationError);
  await assert.rejects(TileBuilder.resume(hasher, -1, store.read), VerificationError);
});
