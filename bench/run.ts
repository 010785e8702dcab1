/**
 * `npm run bench`: every benchmark suite in its own process, one after the
 * other (so no suite's heap or JIT state skews the next). Each suite prints
 * its own figures with ratios against a baseline measured in the same run and
 * writes bench/out/<suite>.json. `npm run bench -- ledger` runs one suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SUITES = ['ledger', 'store', 'http', 'publication', 'ui'];
const wanted = process.argv.slice(2);
const run = wanted.length > 0 ? wanted : SUITES;
let failed = 0;
for (const name of run) {
  const file = join(HERE, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no suite ${name} (known: ${SUITES.join(', ')})`);
    failed++;
    continue;
  }
  console.log(`\n######## bench/${name}.ts ########`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\nbench: ${run.length - failed} suites passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
