/**
 * Read load on the local stack with a partner token: `GET /partners/DIST-NORTH/checkbook` and
 * `GET /sales-lines?month=2026-03` alternating, from 20 workers, first at a fixed offered rate, then as fast
 * as they go. The stack runs in its own process (`npm start`), so the load generator does not share its event
 * loop; everything stays on 127.0.0.1; each phase is bounded in requests and seconds. `API_LOAD_WORKERS` sets how
 * many worker threads run the stack's handlers (default as `npm start`; 0 runs them on the gateway's thread).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { defaultFunctionWorkers } from '../infra/local/function-workers';
import { localSigningKey, signLocalToken } from '../infra/local/local-auth';
import { freePort } from '../infra/local/preflight';
import { childrenOf, cpuMilliseconds } from './process-cpu';

const workers = 20;
const offeredRate = Number(process.env.API_LOAD_RATE ?? 200);
const phaseSeconds = Number(process.env.API_LOAD_SECONDS ?? 15);
const maxRequests = 20_000;
/** Worker threads running the stack's API handlers (`--function-workers`; 0: on the gateway's thread). */
const functionWorkers = Number(process.env.API_LOAD_WORKERS ?? defaultFunctionWorkers);
const paths = ['/partners/DIST-NORTH/checkbook', '/sales-lines?month=2026-03&limit=25'];

export async function startStack(
  port: number,
  dataDirectory: string,
  options: readonly string[] = [],
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      // `BENCH_CPU_PROF=<dir>`: the stack writes a V8 CPU profile there when it stops (open it in DevTools).
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      'infra/local/start.ts',
      '--port',
      String(port),
      '--data-dir',
      dataDirectory,
      ...options,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let waited = 0; waited < 600; waited++) {
    if (child.exitCode !== null) throw new Error(`the local stack exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the local stack did not start within 10 minutes');
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** CPU milliseconds the stack process and DynamoDB Local (its Java child) have used so far. */
function cpuOf(stack: ChildProcess) {
  const [java] = childrenOf(stack.pid);
  return { stack: cpuMilliseconds(stack.pid) ?? Number.NaN, dynamoDb: cpuMilliseconds(java) ?? Number.NaN };
}

const perRequest = (milliseconds: number, requests: number) =>
  Math.round((milliseconds / requests) * 100) / 100;

/**
 * One GET on a kept-alive connection, resolving to its status once the body is read. Plain node:http, not
 * fetch: the client shares the 2 cores with the stack, and fetch took about 1 ms of CPU a request.
 */
function get(agent: Agent, port: number, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

/** Runs one phase: at `rate` requests/s when given (open loop, paced per worker), else as fast as possible. */
async function phase(stack: ChildProcess, port: number, token: string, rate: number | undefined) {
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const latencies: number[] = [];
  const cpuBefore = cpuOf(stack);
  const clientBefore = process.cpuUsage();
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + phaseSeconds * 1000;
  const worker = async (index: number) => {
    for (let n = 0; ; n++) {
      if (rate !== undefined) {
        // Each worker owns every `workers`-th slot of the global schedule, so the offered rate stays fixed.
        const due = started + ((n * workers + index) * 1000) / rate;
        if (due > deadline) return;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (performance.now() > deadline || issued >= maxRequests) return;
      issued++;
      const sent = performance.now();
      try {
        if ((await get(agent, port, paths[issued % paths.length] ?? '/', token)) !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuOf(stack);
  const client = process.cpuUsage(clientBefore);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    offered: rate === undefined ? 'max' : `${rate}/s`,
    requests: latencies.length,
    achievedPerSecond: Math.round(latencies.length / seconds),
    p50ms: Math.round(percentile(sorted, 50)),
    p99ms: Math.round(percentile(sorted, 99)),
    errors,
    // CPU per request says what a request costs far better than latency on a machine shared with other work.
    stackCpuMsPerRequest: perRequest(cpuAfter.stack - cpuBefore.stack, latencies.length),
    dynamoDbCpuMsPerRequest: perRequest(cpuAfter.dynamoDb - cpuBefore.dynamoDb, latencies.length),
    // The load generator shares the cores with the stack: what it takes is time the stack waits for one.
    clientCpuMsPerRequest: perRequest((client.user + client.system) / 1000, latencies.length),
    loadAverage: loadavg()[0]?.toFixed(1),
  };
}

export async function runApiLoadBench(): Promise<Record<string, unknown>> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'chrm-api-load-'));
  const port = await freePort();
  const child = await startStack(port, dataDirectory, ['--function-workers', String(functionWorkers)]);
  try {
    const token = await signLocalToken(localSigningKey(dataDirectory), {
      sub: 'bench-partner',
      role: 'partner',
      partnerId: 'DIST-NORTH',
    });
    await phase(child, port, token, 50); // warm-up: handlers loaded, clients connected
    return {
      functionWorkers,
      fixed: await phase(child, port, token, offeredRate),
      max: await phase(child, port, token, undefined),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
