import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBlob, checkEvidenceBlob } from './blobs.js';

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

test('a blob must exist under its sha256 and hash to it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'annex-blobs-'));
  try {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x61); // streamed in several chunks
    writeFileSync(join(dir, sha(big)), big);
    assert.deepEqual(await checkBlob(dir, sha(big)), { status: 'ok' });
    assert.deepEqual(await checkBlob(dir, sha('absent')), { status: 'missing' });
    writeFileSync(join(dir, sha('original')), 'swapped');
    assert.deepEqual(await checkBlob(dir, sha('original')), { status: 'mismatch', actual: sha('swapped') });
    // The name comes from the database: never joined to a path unless it is a hash.
    assert.deepEqual(await checkBlob(dir, '../../etc/passwd'), { status: 'bad_name' });
    assert.deepEqual(await checkBlob(dir, sha('x').toUpperCase()), { status: 'bad_name' });
    const p = await checkEvidenceBlob(dir, { id: 'EV-7', sha256: sha('original'), entry_index: 12 });
    assert.equal(p?.message, `evidence EV-7 (entry 12): blob ${sha('original')} hashes to ${sha('swapped')} (swapped or corrupted)`);
    assert.equal(p?.kind, 'blob');
    assert.equal(await checkEvidenceBlob(dir, { id: 'EV-8', sha256: sha(big), entry_index: 13 }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
