/** Test logs on disk: one written by an independent implementation, one by Annex's TileBuilder. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from './vectors.js';
import { nodeCrypto } from '../../src/ledger/crypto-node.js';
import { MerkleHasher } from '../../src/ledger/hasher.js';
import { TileBuilder } from '../../src/ledger/tile-builder.js';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import { generateSignerKey } from '../../src/ledger/note.js';
import { uint64be, utf8 } from '../../src/ledger/bytes.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `annex-${prefix}-`));
}

export interface IndependentLog {
  dir: string;
  vkey: string;
  oldCheckpoint: string;
}

/** Runs test/fixtures/independent-tlog.py (python3 + openssl): fails loudly if they are missing. */
export function writeIndependentLog(size: number, origin: string, oldSize: number): IndependentLog {
  const dir = tempDir('independent');
  const oldCheckpoint = join(dir, '..', `${origin.replace(/\W/g, '_')}-${oldSize}-${Date.now()}.checkpoint`);
  const vkey = execFileSync('python3', [join(PROJECT_ROOT, 'test/fixtures/independent-tlog.py'), dir, String(size), origin, String(oldSize), oldCheckpoint], {
    encoding: 'utf8',
  }).trim();
  return { dir, vkey, oldCheckpoint };
}

export function copyLog(dir: string): string {
  const copy = tempDir('copy');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export function writeFiles(dir: string, files: Array<{ path: string; bytes: Uint8Array }>): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.bytes);
  }
}

export interface AnnexLog {
  dir: string;
  skey: string;
  vkey: string;
  /** Signed checkpoints at the sizes asked for, oldest first. */
  checkpoints: Array<{ size: number; text: string }>;
}

/** Writes a log with TileBuilder, flushing (and signing a checkpoint) at each size in `sizes`. */
export function writeAnnexLog(sizes: number[], origin = 'annex.test/log'): AnnexLog {
  const hasher = new MerkleHasher(nodeCrypto);
  const { skey, vkey } = generateSignerKey(nodeCrypto, origin);
  const builder = new TileBuilder(hasher);
  const dir = tempDir('annexlog');
  const checkpoints: AnnexLog['checkpoints'] = [];
  for (const size of sizes) {
    while (builder.size < size) builder.append(utf8(`{"i":${builder.size},"pad":"${'x'.repeat(builder.size % 50)}"}`));
    writeFiles(dir, builder.flush());
    const text = signCheckpoint(nodeCrypto, { origin, size, root: builder.root() }, skey);
    writeFileSync(join(dir, 'checkpoint'), text);
    checkpoints.push({ size, text });
  }
  return { dir, skey, vkey, checkpoints };
}

export { uint64be };
