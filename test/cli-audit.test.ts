// The `annex` binary as a user runs it: exit codes and messages.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/vectors.js';
import { copyLog, tempDir, writeIndependentLog, type IndependentLog } from './support/logs.js';

function annex(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/run.ts'), ...args], { encoding: 'utf8', cwd: PROJECT_ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let log: IndependentLog;
before(() => {
  log = writeIndependentLog(3000, 'cli.example/log', 1000);
});

test('annex audit prints a summary and exits 0 on a good log', () => {
  const r = annex('audit', log.dir, '--vkey', log.vkey, '--checkpoint', log.oldCheckpoint);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^OK cli\.example\/log/);
  assert.match(r.stdout, /tree size\s+3000/);
  assert.match(r.stdout, /checkpoints\s+2 verified \(1 consistency proofs\)/);
  assert.match(r.stdout, /entries\s+3000 hashed into \d+ tiles/);
  assert.match(r.stdout, /throughput\s+\d+ entries\/s/);
});

test('annex audit exits 1 and names the failing resource on a tampered log', () => {
  const dir = copyLog(log.dir);
  try {
    const bundle = join(dir, 'tile/entries/003');
    const bytes = readFileSync(bundle);
    bytes[100]! ^= 0x80;
    writeFileSync(bundle, bytes);
    const r = annex('audit', dir, '--vkey', log.vkey);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /FAILED \[MALFORMED_TILE\] tile\/0\/003 hash \d+ does not match entry \d+ \(tile\/entries\/003\)/);
    assert.equal(r.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('annex audit exits 2 on usage errors, without a stack trace', () => {
  for (const args of [['audit', log.dir], ['audit', log.dir, '--vkey', 'not-a-key'], ['audit', log.dir, '--vkey', log.vkey, '--quorum', '2'], ['audit', log.dir, '--vkey', log.vkey, '--quorum', 'x']]) {
    const r = annex(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('annex keys generate writes a 0600 signer key and prints a verifier key usable by audit', () => {
  const dir = tempDir('keys');
  const out = join(dir, 'log.key');
  const r = annex('keys', 'generate', 'keys.example/log', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), /^keys\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.match(readFileSync(out, 'utf8'), /^PRIVATE\+KEY\+keys\.example\/log\+/);
  // Never overwrite an existing key.
  assert.equal(annex('keys', 'generate', 'keys.example/log', '--out', out).code, 2);
  rmSync(dir, { recursive: true, force: true });
});
