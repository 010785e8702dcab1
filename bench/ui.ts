/**
 * The web UI at 100,000 incidents (`npm run bench -- ui`), on embedded PGlite:
 * a real `annex serve`-style server on loopback serving dist/web/, seeded
 * with BENCH_UI_INCIDENTS (100,000) filings through the real services
 * (concurrent fileIncident calls, batched by the writer; the seeding time is
 * printed), then:
 *   (a) server time of GET /api/dashboard (a mediator: every incident; a
 *       party: its visibility filter) and GET /api/incidents (first page, a
 *       filtered page, a full-text page, a deep keyset page), median and p95
 *       of BENCH_UI_REPS (30) requests each, against a baseline measured in
 *       this run: GET /api/health (HTTP + auth + one query);
 *   (b) in Debian's chromium (playwright-core): navigation to the dashboard
 *       and to the incident list until their data is rendered
 *       (data-testid=dashboard-ready, data-testid=incident-table), median of
 *       5 cold loads each. Target: < 1 s each (PASS/FAIL printed).
 * Results go to bench/out/ui.json; the process exits non-zero when a target is missed.
 * Needs the web UI built (`npm run build:web`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { startServer } from '../src/api/start.js';
import { defaultWebDir } from '../src/api/routes/web.js';
import { toViewer } from '../src/services/auth.js';
import { encodeCursor, fileIncident } from '../src/services/incidents.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import * as accounts from '../src/store/repositories/accounts.js';
import { fmtInt, median, prng, runConcurrently } from './lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const INCIDENTS = Number(process.env.BENCH_UI_INCIDENTS ?? 100_000);
const REPS = Number(process.env.BENCH_UI_REPS ?? 30);
const BROWSER_REPS = 5;
const CONCURRENCY = 64;
const TARGET_MS = 1000;
const CHROMIUM = process.env.ANNEX_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'bench-ui-password';

const CATEGORIES = ['offensive_fire', 'airspace_violation', 'force_movement', 'attack_on_civilians', 'blocking_access', 'detention', 'other'];
const PLACES = [
  { country: 'Afghanistan', admin1: 'Kandahar', location: 'Spin Boldak', latitude: 31.0, longitude: 66.4, geo_precision: 2 },
  { country: 'Pakistan', admin1: 'Khyber Pakhtunkhwa', location: 'Landi Kotal', latitude: 34.1, longitude: 71.1, geo_precision: 2 },
  { country: 'Pakistan', admin1: 'Balochistan', location: 'Chaman', latitude: 30.9, longitude: 66.5, geo_precision: 1 },
  { country: 'Afghanistan', admin1: 'Nangarhar', location: 'Torkham', latitude: 34.1, longitude: 71.0, geo_precision: 1 },
];
const VIS = ['parties', 'parties', 'parties', 'public', 'mediators'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const webDir = defaultWebDir();
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: run `npm run build:web` first');
  const dir = mkdtempSync(join(tmpdir(), 'annex-bench-ui-'));
  const running = await startServer({ dataDir: dir, port: 0, host: '127.0.0.1', logger: false });
  const out: Record<string, unknown> = { incidents: INCIDENTS, cpus: cpus().length, reps: REPS };
  let failed = 0;
  try {
    const s = running.services;
    await createWorkspace(s, { name: 'Bench UI', origin: 'bench-ui.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
    for (const [id, kind, name] of [['AFG', 'party', 'Afghanistan'], ['PAK', 'party', 'Pakistan'], ['TUR', 'mediator', 'Türkiye']] as const) {
      await registerOrganisation(s, 'system', { id, kind, name });
    }
    await configureWorkspace(s, 'system', { clauses: [{ id: 'C1', title: 'Cessation of hostilities', text: 'No offensive operations.' }] });
    for (const [id, org, role] of [['afg', 'AFG', 'liaison'], ['pak', 'PAK', 'liaison'], ['tur', 'TUR', 'mediator']] as const) {
      await addUser(s, 'system', { id, username: id, org, display_name: id, roles: [role], password: PASSWORD });
    }
    const viewers = { AFG: toViewer((await accounts.findUserById(s.db, 'afg'))!), PAK: toViewer((await accounts.findUserById(s.db, 'pak'))!) };

    // ---- seeding
    const r = prng(2026);
    const t0 = performance.now();
    let done = 0;
    await runConcurrently(INCIDENTS, CONCURRENCY, async (i) => {
      const by = i % 2 === 0 ? 'AFG' : 'PAK';
      const day = Math.floor(r() * 700);
      const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      await fileIncident(s, viewers[by], {
        title: i % 100 === 7 ? `Quadcopter sighting over the bazaar ${i}` : `Incident report ${i} from the liaison cell`,
        channel: 'party', visibility: VIS[i % VIS.length]!, accused_party: by === 'AFG' ? 'PAK' : 'AFG', clause_refs: ['C1'],
        category: CATEGORIES[i % CATEGORIES.length]!, severity: 'medium', event_date: date, time_precision: 1,
        place: PLACES[i % PLACES.length]!, notes: `Reported by the liaison cell; report ${i}.`,
      } as never);
      if (++done % 10_000 === 0) console.log(`  seeded ${fmtInt(done)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    });
    await running.integrator.integrate();
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`seeded ${fmtInt(INCIDENTS)} incidents through the services in ${seedSeconds.toFixed(1)} s (${fmtInt(INCIDENTS / seedSeconds)} filings/s)`);
    out.seed_seconds = seedSeconds;
    // As autovacuum would on PostgreSQL: statistics and the visibility map (index-only scans).
    await sql`VACUUM ANALYZE incidents`.execute(s.db);

    // ---- (a) server times
    const login = async (user: string) => {
      const res = await fetch(`${running.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const cookies = { tur: await login('tur'), afg: await login('afg') };
    const deep = (await sql<{ event_date: string; id: string }>`
      SELECT event_date::text AS event_date, id FROM incidents ORDER BY event_date DESC, id DESC OFFSET ${Math.floor(INCIDENTS * 0.9)} LIMIT 1`.execute(s.db)).rows[0]!;
    const cases: Array<[string, string, keyof typeof cookies]> = [
      ['baseline GET /api/health', '/api/health', 'tur'],
      ['GET /api/dashboard (mediator)', '/api/dashboard', 'tur'],
      ['GET /api/dashboard (party)', '/api/dashboard', 'afg'],
      ['GET /api/incidents first page', '/api/incidents?limit=50', 'tur'],
      ['GET /api/incidents filtered', '/api/incidents?limit=50&category=airspace_violation&status=received&party=PAK&from=2024-06-01', 'afg'],
      ['GET /api/incidents full text', '/api/incidents?limit=50&q=quadcopter', 'afg'],
      ['GET /api/incidents deep keyset page', `/api/incidents?limit=50&cursor=${encodeCursor(deep)}`, 'tur'],
    ];
    const server: Record<string, { median_ms: number; p95_ms: number; ratio: number }> = {};
    let baseline = 0;
    console.log(`\n== (a) server time, ${fmtInt(INCIDENTS)} incidents, ${REPS} requests each (after 3 warm-up) ==`);
    for (const [name, path, user] of cases) {
      const times: number[] = [];
      for (let k = 0; k < REPS + 3; k++) {
        const t = performance.now();
        const res = await fetch(`${running.url}${path}`, { headers: { cookie: cookies[user] } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (k >= 3) times.push(performance.now() - t);
      }
      const m = median(times);
      if (!baseline) baseline = m;
      server[name] = { median_ms: m, p95_ms: pct(times, 95), ratio: m / baseline };
      console.log(`${name.padEnd(40)} median ${ms(m).padStart(10)}  p95 ${ms(pct(times, 95)).padStart(10)}  ×${(m / baseline).toFixed(1)} baseline`);
    }
    out.server = server;

    // ---- (b) browser
    console.log(`\n== (b) chromium: navigation until the data is rendered, median of ${BROWSER_REPS} ==`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
    const browserOut: Record<string, { median_ms: number; runs_ms: number[]; pass: boolean }> = {};
    try {
      const host = new URL(running.url);
      const [cname, cvalue] = cookies.tur.split('=') as [string, string];
      for (const [name, path, testId] of [['dashboard', '/dashboard', 'dashboard-ready'], ['incident list', '/incidents', 'incident-table']] as const) {
        const runs: number[] = [];
        for (let k = 0; k < BROWSER_REPS + 1; k++) {
          const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
          await ctx.addCookies([{ name: cname, value: cvalue, domain: host.hostname, path: '/' }]);
          const page = await ctx.newPage();
          const t = performance.now();
          await page.goto(`${running.url}${path}`);
          await page.getByTestId(testId).waitFor({ timeout: 30_000 });
          if (k > 0) runs.push(performance.now() - t); // the first load warms the server's caches
          await ctx.close();
        }
        const m = median(runs);
        const pass = m < TARGET_MS;
        if (!pass) failed++;
        browserOut[name] = { median_ms: m, runs_ms: runs, pass };
        console.log(`${name.padEnd(16)} median ${ms(m).padStart(10)}  (runs ${runs.map((x) => x.toFixed(0)).join(', ')} ms)  target < ${TARGET_MS} ms: ${pass ? 'PASS' : 'FAIL'}`);
      }
    } finally {
      await browser.close();
    }
    out.browser = browserOut;
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(HERE, 'out'), { recursive: true });
  writeFileSync(join(HERE, 'out', 'ui.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nbench/ui: ${failed === 0 ? 'PASS' : 'FAIL'} (results in bench/out/ui.json)`);
  process.exitCode = failed ? 1 : 0;
}

await main();
