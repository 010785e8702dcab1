import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { TileBuilder } from '../ledger/tile-builder.js';
import { utf8 } from '../ledger/bytes.js';
import type { TileKey } from '../store/repositories/verify.js';
import { TileCheck, type TileFetcher } from './tiles.js';

const hasher = new MerkleHasher(nodeCrypto);
const entry = (i: number): Uint8Array => utf8(`{"i":${i}}`);

/** Tiles as an integrator stores them: one row per (level, idx), the widest width built. */
function storedTiles(size: number): Map<string, TileKey & { bytes: Uint8Array }> {
  const b = new TileBuilder(hasher, { bundles: false });
  const rows = new Map<string, TileKey & { bytes: Uint8Array }>();
  for (let i = 0; i < size; i++) b.append(entry(i));
  for (const f of b.flush()) rows.set(`${f.id.level}/${f.id.index}`, { level: f.id.level, idx: f.id.index, width: f.id.width, bytes: f.bytes });
  return rows;
}

async function check(rows: Map<string, TileKey & { bytes: Uint8Array }>, entries: number, checkpointSize: number) {
  const fetch: TileFetcher = async (keys) => keys.flatMap((k) => rows.get(`${k.level}/${k.idx}`) ?? []);
  const index = [...rows.values()].map(({ level, idx, width }) => ({ level, idx, width }));
  const c = new TileCheck(hasher, index.sort((a, b) => a.level - b.level || a.idx - b.idx)); // as storedTileIndex orders them
  const problems = [];
  for (let i = 0; i < entries; i++) {
    c.append(entry(i));
    if (i % 100 === 99) problems.push(...(await c.checkCompleted(fetch)));
  }
  problems.push(...(await c.finish(fetch, checkpointSize)));
  return { problems: problems.map((p) => p.message), matched: c.matched };
}

test('stored tiles equal to (or a prefix of) the entries pass', async () => {
  const rows = storedTiles(300); // tile/0/000, tile/0/001.p/44, tile/1/000.p/1
  assert.deepEqual(await check(rows, 300, 300), { problems: [], matched: 3 });
  // More entries than the latest checkpoint: stored partial tiles are prefixes.
  assert.deepEqual(await check(rows, 520, 300), { problems: [], matched: 3 });
});

test('changed, too wide, missing and surplus tiles are named', async () => {
  const rows = storedTiles(300);
  const t = rows.get('0/1')!;
  const bytes = t.bytes.slice();
  bytes[5]! ^= 1;
  rows.set('0/1', { ...t, bytes });
  assert.deepEqual((await check(rows, 300, 300)).problems, ['tile/0/001: stored hashes (width 44) differ from the tile the entries produce']);
  assert.deepEqual((await check(storedTiles(300), 290, 290)).problems, ['tile/0/001: stored with 44 hashes but the log\'s entries give only 34']);
  const missing = storedTiles(300);
  missing.delete('1/0');
  assert.deepEqual((await check(missing, 300, 300)).problems, ['tile/1/000: the latest checkpoint (size 300) needs 1 hashes but the tile is not stored']);
  assert.deepEqual((await check(storedTiles(300), 200, 200)).problems, [
    'tile/0/000: stored with 256 hashes but the log\'s entries give only 200',
    'tile/0/001: stored (44 hashes) but the log\'s 200 entries do not reach it',
    'tile/1/000: stored (1 hashes) but the log\'s 200 entries do not reach it',
  ]);
});
