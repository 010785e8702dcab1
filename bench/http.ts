/**
 * Incident filings over HTTP (`npm run bench -- http`), on PGlite and on
 * PostgreSQL (127.0.0.1:5432, database `test`, or BENCH_DATABASE_URL):
 * a real `annex serve`-style server on loopback, a load generator in its own
 * process (bench/load-client.ts) with 16 keep-alive connections.
 *
 * Baseline, measured in the same run against the same server: GET
 * /api/health (HTTP + auth + one query), so the ratio shows what a filing
 * (signed entry, sequencing, projection, response) costs on top of a request.
 * Targets (issue "Server core"): >= 500 filings/s on 2 cores, p99 < 100 ms.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Running } from '../src/api/start.js';
import { createApiToken, toViewer } from '../src/services/auth.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation } from '../src/services/workspace.js';
import * as accounts from '../src/store/repositories/accounts.js';
import { fmtInt, freshPgDatabase } from './lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FILINGS = Number(process.env.BENCH_FILINGS ?? 4000);
const WARMUP = 400;
const CONCURRENCY = 16;
const TARGET_RATE = 500;
const TARGET_P99_MS = 100;

interface LoadResult { elapsed: number; latencies: number[]; statuses: Record<string, number>; clientCpu: number }

/** Runs the load client; asynchronously, since the server answers on this process's event loop. */
async function load(job: object): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'load-client.ts'), JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`load client failed: ${err}`);
  return JSON.parse(out) as LoadResult;
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function seed(running: Running): Promise<string> {
  const s = running.services;
  await createWorkspace(s, { name: 'Bench', origin: 'bench.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
  await registerOrganisation(s, 'system', { id: 'AFG', kind: 'party', name: 'Afghanistan' });
  await registerOrganisation(s, 'system', { id: 'PAK', kind: 'party', name: 'Pakistan' });
  await configureWorkspace(s, 'system', { clauses: [{ id: 'C1', title: 'Cessation of hostilities', text: 'No offensive operations.' }] });
  await addUser(s, 'system', { id: 'afg-liaison', org: 'AFG', display_name: 'AFG liaison', roles: ['liaison'] });
  const viewer = toViewer((await accounts.findUserById(s.db, 'afg-liaison'))!);
  return (await createApiToken(s, viewer, 'bench')).token;
}

const FILING = {
  title: 'Mortar fire near Weesh, report {i}', channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: ['C1'],
  category: 'offensive_fire', severity: 'high', event_date: '2025-10-15', time_precision: 1,
  place: { country: 'Afghanistan', admin1: 'Kandahar', location: 'Weesh', latitude: 30.99, longitude: 66.39, geo_precision: 2 },
  casualties: { fatalities: 0, injured: 2, estimates: [{ kind: 'injured', low: 2, best: 2, high: 3, source: 'district hospital' }] },
  coding: { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack', inter1: 8, inter2: 7, interaction: 78 },
  notes: 'Several rounds landed near houses; report {i}.',
};

async function runOn(kind: string, databaseUrl: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'annex-bench-http-'));
  const running = await startServer({ dataDir: dir, databaseUrl, port: 0, host: '127.0.0.1', logger: false });
  try {
    const token = await seed(running);
    const job = { token, concurrency: CONCURRENCY };
    await load({ ...job, url: `${running.url}/api/health`, method: 'GET', count: WARMUP });
    await load({ ...job, url: `${running.url}/api/incidents`, method: 'POST', body: FILING, vary: true, count: WARMUP });
    const health = await load({ ...job, url: `${running.url}/api/health`, method: 'GET', count: FILINGS });
    const filing = await load({ ...job, url: `${running.url}/api/incidents`, method: 'POST', body: FILING, vary: true, count: FILINGS });
    if (filing.statuses['201'] !== FILINGS) throw new Error(`filings did not all succeed: ${JSON.stringify(filing.statuses)}`);
    await running.integrator.integrate();
    const size = (await running.services.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size;
    const r = {
      kind,
      health_per_s: FILINGS / health.elapsed,
      filings_per_s: FILINGS / filing.elapsed,
      p50_ms: pct(filing.latencies, 50),
      p99_ms: pct(filing.latencies, 99),
      max_ms: filing.latencies.at(-1)!,
      ledger_size: size,
    };
    const ok = r.filings_per_s >= TARGET_RATE && r.p99_ms < TARGET_P99_MS;
    console.log(`\n== ${kind}: ${fmtInt(FILINGS)} filings, ${CONCURRENCY} connections ==`);
    console.log(`baseline GET /api/health   ${fmtInt(r.health_per_s)} req/s`);
    console.log(`POST /api/incidents        ${fmtInt(r.filings_per_s)} filings/s  (${(r.filings_per_s / r.health_per_s).toFixed(3)} × baseline)`);
    console.log(`load client CPU            ${(100 * health.clientCpu / health.elapsed).toFixed(0)}% of a core (health), ${(100 * filing.clientCpu / filing.elapsed).toFixed(0)}% (filings)`);
    console.log(`latency                    p50 ${r.p50_ms.toFixed(1)} ms, p99 ${r.p99_ms.toFixed(1)} ms, max ${r.max_ms.toFixed(1)} ms`);
    console.log(`target >= ${TARGET_RATE}/s and p99 < ${TARGET_P99_MS} ms: ${ok ? 'PASS' : 'FAIL'}  (ledger size after: ${fmtInt(size)})`);
    return { ...r, pass: ok };
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`Annex HTTP benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
const only = process.env.BENCH_ONLY;
const results = only === 'postgres' ? [] : [await runOn('pglite', undefined)];
const db = only === 'pglite' ? undefined : await freshPgDatabase('http');
if (db) {
  try {
    results.push(await runOn('postgres', db.url));
  } finally {
    await db.drop();
  }
}
mkdirSync(join(HERE, 'out'), { recursive: true });
writeFileSync(join(HERE, 'out', 'http.json'), JSON.stringify(results, null, 2));
if (results.some((r) => !r.pass)) process.exitCode = 1;
