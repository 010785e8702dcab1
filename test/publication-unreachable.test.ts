// Writes never wait for witnesses: with a policy whose witnesses all fail —
// one never answers, one refuses connections, one answers 500 — entries are
// committed and integrated as usual, nothing is published, and the status says
// why for each witness. Real server (PGlite, or PostgreSQL with
// ANNEX_TEST_DATABASE_URL), real sockets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Running } from '../src/api/start.js';
import { generateCosignerKey } from '../src/ledger/cosignature.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { generateSignerKey } from '../src/ledger/note.js';
import { inTransaction } from '../src/services/context.js';
import { record } from '../src/services/recorder.js';
import { createWorkspace } from '../src/services/workspace.js';
import { freshPgDatabase, TEST_DATABASE_URL } from './support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'annex-unreachable-'));
const KEYS = ['silent', 'refused', 'broken'].map((n) => generateCosignerKey(nodeCrypto, `${n}.example/witness`).vkey);
const servers: Server[] = [];
let pgdb: { url: string; drop: () => Promise<void> } | undefined;
let server: Running;
/** A port nothing listens on. */
let closed: string;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

before(async () => {
  pgdb = TEST_DATABASE_URL ? await freshPgDatabase(TEST_DATABASE_URL) : undefined;
  const silent = await listen(() => undefined); // reads the request, never answers
  const broken = await listen((_req, res) => res.writeHead(500).end('internal error\n'));
  closed = await listen(() => undefined);
  const last = servers.pop()!;
  await new Promise((resolve) => last.close(resolve));
  const policy = join(dir, 'witnesses.policy');
  writeFileSync(policy, `witness A ${KEYS[0]} ${silent}\nwitness B ${KEYS[1]} ${closed}\nwitness C ${KEYS[2]} ${broken}\ngroup g any A B C\nquorum g\n`);
  server = await startServer({
    dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
    witnessPolicy: policy, // a file path, as `annex serve --witness-policy` will pass it
    publication: { timeoutMs: 300, retryMinMs: 100, retryMaxMs: 400 },
  });
  await createWorkspace(server.services, { name: 'Unreachable witnesses', origin: 'unreachable.annex.example/log', secretariat: { id: 'SEC', kind: 'secretariat', name: 'Secretariat' } });
});

after(async () => {
  await server?.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await pgdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function append(n: number): Promise<number> {
  const s = server.services;
  return inTransaction(s, async (tx) => (await record(tx, s, { org: 'SEC', userId: 'system' }, {
    type: 'workspace.configured', subject: 'workspace', visibility: 'public',
    body: { clauses: [{ id: `u-${n}`, title: `Clause ${n}`, text: `Text ${n}.` }] },
  })).idx);
}

test('writes are committed and integrated while no witness answers; nothing is published', async () => {
  const slowest: number[] = [];
  for (let round = 0; round < 5; round++) {
    // 20 sequential writes and 20 concurrent ones per round, for about 2 s of witness failures.
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await append(round * 100 + i);
      slowest.push(performance.now() - t0);
    }
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(round * 100 + 50 + i)));
    await new Promise((r) => setTimeout(r, 300));
  }
  slowest.sort((a, b) => b - a);
  // A write never waits on a witness (300 ms timeouts, retried): each one takes what the database takes.
  assert.ok(slowest[0]! < 1000, `slowest write ${slowest[0]!.toFixed(0)} ms`);

  const last = await append(999);
  await server.integrator.integrate();
  const st = (await (await fetch(`${server.url}/api/log`)).json()) as {
    size: number; checkpoint_size: number; published_size: number; published_age_seconds: number | null; pending: number;
    witnesses: Array<{ name: string; size: number | null; last_ok_at: string | null; last_error: string | null }>;
  };
  assert.equal(st.size, last + 1);
  assert.equal(st.checkpoint_size, st.size, 'integration goes on');
  assert.equal(st.published_size, 0);
  assert.equal(st.published_age_seconds, null);
  assert.equal(st.pending, st.size);
  const byName = new Map(st.witnesses.map((w) => [w.name, w]));
  assert.match(byName.get('A')!.last_error!, /^no answer within 300 ms$/);
  assert.match(byName.get('B')!.last_error!, /^unreachable \(ECONNREFUSED\)$/);
  assert.match(byName.get('C')!.last_error!, /^the witness answered HTTP 500: internal error$/);
  for (const w of st.witnesses) assert.equal(w.last_ok_at, null);

  const cp = await fetch(`${server.url}/log/checkpoint`);
  assert.equal(cp.status, 404);
  assert.equal(((await cp.json()) as { error: { code: string } }).error.code, 'not_found');
  assert.equal(await (await fetch(`${server.url}/log/witnesses`)).text(), KEYS.map((k) => `${k}\n`).join(''));
  assert.equal(await server.publication.waitFor(0, 200), undefined);
});

test('a policy the server cannot use is refused at start, naming the problem', async () => {
  const noUrl = join(dir, 'no-url.policy');
  writeFileSync(noUrl, `witness A ${KEYS[0]}\nquorum A\n`);
  await assert.rejects(startServer({ dataDir: join(dir, 'other'), port: 0, host: '127.0.0.1', witnessPolicy: noUrl }),
    /witness A has no URL/);
  const bad = join(dir, 'bad.policy');
  writeFileSync(bad, `witness A ${KEYS[0]} http://127.0.0.1:1\nquorum B\n`);
  await assert.rejects(startServer({ dataDir: join(dir, 'other'), port: 0, host: '127.0.0.1', witnessPolicy: bad }),
    new RegExp(`^PolicyError: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} line 2: unknown name "B"`));
});

test('"quorum none": every checkpoint is published as signed, while the witnesses are still sent it', async () => {
  await server.close();
  const policy = join(dir, 'none.policy');
  writeFileSync(policy, `witness B ${KEYS[1]} ${closed}\nquorum none\n`);
  server = await startServer({
    dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
    witnessPolicy: policy, publication: { timeoutMs: 300, retryMinMs: 100, retryMaxMs: 400 },
  });
  const index = await append(2000);
  const published = await server.publication.waitFor(index, 5000);
  assert.ok(published);
  assert.equal(await (await fetch(`${server.url}/log/checkpoint`)).text(), published.note);
  const st = (await (await fetch(`${server.url}/api/log`)).json()) as { published_size: number; witnesses: Array<{ last_error: string | null }> };
  assert.equal(st.published_size, index + 1);
  for (let i = 0; i < 100 && st.witnesses[0]!.last_error === null; i++) {
    await new Promise((r) => setTimeout(r, 20));
    st.witnesses = ((await (await fetch(`${server.url}/api/log`)).json()) as typeof st).witnesses;
  }
  assert.equal(st.witnesses[0]!.last_error, 'unreachable (ECONNREFUSED)');
});

test('a policy whose log lines do not name this log is not used to send anything; the status says why', async () => {
  await server.close();
  const policy = join(dir, 'other-log.policy');
  const stranger = generateSignerKey(nodeCrypto, 'unreachable.annex.example/log').vkey;
  writeFileSync(policy, `log ${stranger}\nwitness B ${KEYS[1]} ${closed}\nquorum B\n`);
  server = await startServer({
    dataDir: join(dir, 'server'), databaseUrl: pgdb?.url, port: 0, host: '127.0.0.1', logger: false,
    witnessPolicy: policy, publication: { timeoutMs: 300, retryMinMs: 100, retryMaxMs: 400 },
  });
  await append(3000);
  await server.integrator.integrate();
  let error: string | null = null;
  for (let i = 0; i < 100 && !/^the policy/.test(error ?? ''); i++) {
    await new Promise((r) => setTimeout(r, 20));
    error = ((await (await fetch(`${server.url}/api/log`)).json()) as { witnesses: Array<{ last_error: string | null }> }).witnesses[0]!.last_error;
  }
  assert.match(error ?? '', /^the policy's log lines do not include this log's key unreachable\.annex\.example\/log\+[0-9a-f]{8}\+/);
});
