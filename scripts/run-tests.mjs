#!/usr/bin/env node
// Runs every *.test.ts under the given folders (or the given files) with node's test runner.
// `node --test` with no file arguments finds no .ts files and still exits 0,
// so this script lists the files itself and fails when it finds none. After
// node's own summary it prints one line: `N passed, N failed`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2);
if (roots.length === 0) roots.push('src', 'test');
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
}
for (const root of roots) {
  if (statSync(root).isDirectory()) walk(root);
  else files.push(root); // a single test file
}
files.sort();
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
// The spec report goes to the terminal; a TAP copy to a file, for the counts.
const tmp = mkdtempSync(join(tmpdir(), 'annex-tests-'));
const tap = join(tmp, 'report.tap');
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
], { stdio: 'inherit' });
let counts = {};
try {
  // The run's own totals are the last `# pass N` etc. lines (subtests print none).
  for (const [, key, n] of readFileSync(tap, 'utf8').matchAll(/^# (pass|fail|skipped|cancelled|todo) (\d+)$/gm)) counts[key] = Number(n);
} catch {
  counts = {};
}
rmSync(tmp, { recursive: true, force: true });
if (counts.pass !== undefined) {
  const extra = ['skipped', 'cancelled', 'todo'].filter((k) => counts[k]).map((k) => `, ${counts[k]} ${k}`).join('');
  console.log(`\n${counts.pass} passed, ${counts.fail ?? 0} failed${extra} (${files.length} file${files.length === 1 ? '' : 's'} under ${roots.join(', ')})`);
}
process.exit(result.status ?? 1);
