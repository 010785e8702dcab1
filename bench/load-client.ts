/**
 * The load generator for bench/http.ts, run as its own process so it does
 * not share the server's event loop: `concurrency` keep-alive connections,
 * each sending its next request as soon as the last one answered, for
 * `count` requests in all. Prints one JSON line: elapsed seconds, latencies
 * (ms, sorted) and the status codes seen.
 */
import { Agent, request } from 'node:http';

interface Job {
  url: string;
  method: 'GET' | 'POST';
  token: string;
  body?: unknown;
  /** A fresh body per request (e.g. a unique title); `{i}` in strings is replaced by the request number. */
  vary?: boolean;
  count: number;
  concurrency: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
const target = new URL(job.url);
const template = job.body === undefined ? undefined : JSON.stringify(job.body);

function once(i: number): Promise<number> {
  const payload = template === undefined ? undefined : job.vary ? template.replaceAll('{i}', String(i)) : template;
  return new Promise((resolve, reject) => {
    const req = request({
      agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: job.method,
      headers: {
        authorization: `Bearer ${job.token}`,
        ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const latencies: number[] = [];
const statuses: Record<string, number> = {};
let next = 0;
async function worker(): Promise<void> {
  for (;;) {
    const i = next++;
    if (i >= job.count) return;
    const t0 = process.hrtime.bigint();
    const status = await once(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
await Promise.all(Array.from({ length: job.concurrency }, worker));
const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
agent.destroy();
latencies.sort((a, b) => a - b);
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ elapsed, latencies, statuses, clientCpu: (cpu.user + cpu.system) / 1e6 }));
