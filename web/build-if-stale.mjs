#!/usr/bin/env node
// Builds the web UI (npm run build:web) unless dist/web/ is newer than every
// file it is built from: web/ and the ledger code it bundles (src/ledger/).
// `npm run test:browser` runs this first, so the tests never drive a stale UI.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = (() => {
  try {
    return statSync(join(root, 'dist/web/index.html')).mtimeMs;
  } catch {
    return 0;
  }
})();

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path);
    t = Math.max(t, st.isDirectory() ? newest(path) : st.mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'src/ledger')), statSync(join(root, 'package-lock.json')).mtimeMs);
if (built > sources) {
  console.log('dist/web is up to date');
} else {
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
