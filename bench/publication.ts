/**
 * Checkpoint publication latency (`npm run bench -- publication`): from an
 * entry's commit to the moment a checkpoint covering it is published — signed
 * by the log and cosigned by the witness quorum — on PGlite, with three local
 * `annex witness` processes on loopback (both parties and a mediator, all
 * needed: the demo's policy shape).
 *
 * Baseline, measured in the same run: the same server with no witness policy,
 * where a checkpoint is published as soon as the integrator signs it (its
 * 250 ms batching window). The ratio shows what the witness round trip adds.
 * Two loads: single writes spaced 100 ms apart (an ordinary day), and 16
 * concurrent writers for a few seconds (a busy one).
 * Target (issue "Witnesses, quorum publication and offline receipts"):
 * median < 1 s with three local witnesses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Running } from '../src/api/start.js';
import { freePort, startLocalWitnesses, type LocalWitnesses } from '../src/cli/local-witnesses.js';
import { readVerifierKey } from '../src/log/resources.js';
import { inTransaction } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { createWorkspace, registerOrganisation } from '../src/services/workspace.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SPACED = Number(process.env.BENCH_PUBLICATION_SPACED ?? 150);
const BUSY_SECONDS = Number(process.env.BENCH_PUBLICATION_BUSY_SECONDS ?? 5);
const TARGET_MEDIAN_MS = 1000;

interface Stats { n: number; p50: number; p90: number; p99: number; max: number }
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s[s.length - 1]! };
}
const fmt = (s: Stats) => `median ${s.p50.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms  (${s.n} entries)`;

let seq = 0;
/** Commits one entry; resolves to the ms from its commit to its publication. */
async function oneEntry(r: Running): Promise<number> {
  const s = r.services;
  const n = seq++;
  const idx = await inTransaction(s, async (tx) => (await record(tx, s, { org: 'SEC', userId: 'system' }, {
    type: 'workspace.configured', subject: 'workspace', visibility: 'public',
    body: { clauses: [{ id: `B-${n}`, title: `Bench clause ${n}`, text: `Text of clause ${n}.` }] },
  })).idx);
  const committed = performance.now();
  const covered = await r.publication.waitFor(idx, 60_000);
  if (!covered) throw new Error(`entry ${idx} was not published within 60 s`);
  return performance.now() - committed;
}

async function spaced(r: Running): Promise<Stats> {
  const ms: number[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < SPACED; i++) {
    pending.push(oneEntry(r).then((t) => void ms.push(t)));
    await new Promise((res) => setTimeout(res, 100));
  }
  await Promise.all(pending);
  return stats(ms);
}

async function busy(r: Running): Promise<Stats> {
  const ms: number[] = [];
  const until = performance.now() + BUSY_SECONDS * 1000;
  await Promise.all(Array.from({ length: 16 }, async () => {
    const mine: Promise<void>[] = [];
    while (performance.now() < until) {
      const p = oneEntry(r).then((t) => void ms.push(t));
      mine.push(p);
      await new Promise((res) => setTimeout(res, 5)); // writers do not wait for publication: they keep writing
    }
    await Promise.all(mine);
  }));
  return stats(ms);
}

async function server(dir: string, witnessed: boolean): Promise<{ running: Running; witnesses?: LocalWitnesses }> {
  const port = await freePort();
  let witnesses: LocalWitnesses | undefined;
  const running = await startServer({
    dataDir: dir, port, host: '127.0.0.1', logger: false,
    onEmpty: async (s) => {
      await createWorkspace(s, { name: 'Bench', origin: 'bench.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
      for (const [id, kind] of [['AFG', 'party'], ['PAK', 'party'], ['TUR', 'mediator']] as const) await registerOrganisation(s, 'system', { id, kind, name: id });
    },
    witnessPolicy: witnessed
      ? async (s) => {
        witnesses = await startLocalWitnesses({
          dataDir: dir, logVkey: await readVerifierKey(s), logUrl: `http://127.0.0.1:${port}/log/`, say: (l) => console.log(`  ${l}`),
          specs: [{ org: 'AFG', kind: 'party' }, { org: 'PAK', kind: 'party' }, { org: 'TUR', kind: 'mediator' }],
          command: [process.execPath, '--import', 'tsx', join(HERE, '..', 'src', 'cli', 'run.ts')],
        });
        return witnesses.policyFile;
      }
      : undefined,
  });
  return { running, witnesses };
}

console.log(`Annex publication latency — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, PGlite`);
const results: Record<string, unknown> = {};
for (const witnessed of [false, true]) {
  const dir = mkdtempSync(join(tmpdir(), 'annex-bench-pub-'));
  const { running, witnesses } = await server(dir, witnessed);
  try {
    await oneEntry(running); // warm-up: first checkpoint, first cosignatures
    const label = witnessed ? 'quorum of 3 local witnesses' : 'baseline: no witnesses';
    console.log(`\n== ${label} ==`);
    const a = await spaced(running);
    console.log(`single writes, 100 ms apart   ${fmt(a)}`);
    const b = await busy(running);
    console.log(`16 concurrent writers         ${fmt(b)}`);
    results[witnessed ? 'witnessed' : 'baseline'] = { spaced: a, busy: b };
  } finally {
    await running.close();
    await witnesses?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
const base = results.baseline as { spaced: Stats; busy: Stats };
const wit = results.witnessed as { spaced: Stats; busy: Stats };
console.log('\n== summary ==');
console.log(`median, single writes          ${wit.spaced.p50.toFixed(0)} ms  (${(wit.spaced.p50 / base.spaced.p50).toFixed(2)} × baseline ${base.spaced.p50.toFixed(0)} ms)`);
console.log(`median, 16 concurrent writers  ${wit.busy.p50.toFixed(0)} ms  (${(wit.busy.p50 / base.busy.p50).toFixed(2)} × baseline ${base.busy.p50.toFixed(0)} ms)`);
const ok = wit.spaced.p50 < TARGET_MEDIAN_MS && wit.busy.p50 < TARGET_MEDIAN_MS;
console.log(`target median < ${TARGET_MEDIAN_MS} ms with three witnesses: ${ok ? 'PASS' : 'FAIL'}`);
mkdirSync(join(HERE, 'out'), { recursive: true });
writeFileSync(join(HERE, 'out', 'publication.json'), JSON.stringify(results, null, 2));
