/** The content-addressed blob store on a real directory (no database). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BlobTooLargeError, openBlobStore } from '../src/store/blobs.js';

const root = mkdtempSync(join(tmpdir(), 'annex-blobs-'));
after(() => rmSync(root, { recursive: true, force: true }));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunks(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}

test('opening creates a private directory and removes temp files a crash left behind', () => {
  const dir = join(root, 'a');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'tmp', '123-half-written'), 'partial');
  const store = openBlobStore(dir);
  assert.equal(store.dir, dir);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  assert.equal(statSync(join(dir, 'tmp')).mode & 0o777, 0o700);
});

test('a blob is hashed as it streams and appears under its hash only on commit', async () => {
  const dir = join(root, 'b');
  const store = openBlobStore(dir);
  const p = await store.receive(chunks('hello ', 'world'), 1024);
  assert.equal(p.sha256, sha256(Buffer.from('hello world')));
  assert.equal(p.size, 11);
  assert.ok(!existsSync(join(dir, p.sha256)), 'not visible before commit');
  assert.ok(p.tempPath.startsWith(join(dir, 'tmp')));
  await p.commit();
  await p.commit();
  await p.discard();
  assert.equal(readFileSync(join(dir, p.sha256), 'utf8'), 'hello world');
  assert.equal(statSync(join(dir, p.sha256)).mode & 0o777, 0o600);
  assert.equal(await store.size(p.sha256), 11);
  let read = '';
  for await (const c of store.read(p.sha256)) read += String(c);
  assert.equal(read, 'hello world');

  // The same bytes again: the stored copy is kept, the temp file dropped.
  const again = await store.put([Buffer.from('hello world')], 1024);
  assert.equal(again.sha256, p.sha256);
  assert.deepEqual(readdirSync(dir).sort(), [p.sha256, 'tmp'].sort());
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
});

test('past the limit the write stops, the temp file goes and nothing is stored', async () => {
  const dir = join(root, 'c');
  const store = openBlobStore(dir);
  let pulled = 0;
  async function* endless() {
    for (;;) {
      pulled++;
      yield Buffer.alloc(1000, 1);
    }
  }
  await assert.rejects(store.receive(endless(), 2500), (e) => e instanceof BlobTooLargeError && e.limit === 2500);
  assert.equal(pulled, 3, 'reading stops at the chunk that crosses the limit');
  assert.deepEqual(readdirSync(dir), ['tmp']);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  const discarded = await store.receive(chunks('x'), 10);
  await discarded.discard();
  await assert.rejects(discarded.commit(), /discarded/);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  assert.equal(await store.size(sha256(Buffer.from('x'))), undefined);
  assert.throws(() => store.read('../etc/passwd'), /64 lowercase hex/);
});
