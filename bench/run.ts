/**
 * `npm run bench`: the same workloads on slotbridge and its peers (ioredis, node-redis 5 and 6), each
 * client in a process of its own that loads only that client, against one lab redis-server, a lab
 * Redis Cluster (3 primaries) and, for client-side caching, one server again; then the proxy against
 * direct access and haproxy. Rounds rotate the client order to spread machine noise. Every round of every
 * client is written, with the machine's facts, to bench/results/<date>-<name>.json; the summary printed
 * at the end (and README's table, by `npm run bench:table`) is computed from that file.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_NAME (file name suffix, default "run"), BENCH_CLIENTS
 * (comma-separated subset), BENCH_CLUSTER=0 / BENCH_CACHE=0 / BENCH_PROXY=0 / BENCH_WHY=0 (the node-redis 6
 * variants) / BENCH_TELEMETRY=0 (slotbridge with each OpenTelemetry mode) to skip a section; BENCH_SCALE
 * (default 1) multiplies every workload's operation count (0.3 for a short run); BENCH_NOTE is written
 * into the results file and shown with its tables (say there when other work loaded the machine).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { labServerBuild, startCluster, startServer } from '../src/lab/index.js';
import {
  CLIENT_NAMES,
  type ClientName,
  isClientName,
  NODE_REDIS_6_VARIANTS,
  TELEMETRY_VARIANTS,
} from './clients/registry.js';
import type { BenchTarget } from './clients/types.js';
import { runProxyBench } from './proxy-bench.js';
import type { ResultsFile, RoundRecord, TableRecord } from './results-file.js';
import { renderSummary } from './table.js';
import type { WorkerMode, WorkerResult } from './worker.js';
import { CLUSTER_WORKLOADS, WORKLOADS, type Workload } from './workloads.js';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const NAME = (process.env.BENCH_NAME ?? 'run').replace(/[^\w.-]+/g, '-');
const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const CLIENTS: ClientName[] = (process.env.BENCH_CLIENTS?.split(',') ?? [...CLIENT_NAMES]).map((name) => {
  if (!isClientName(name))
    throw new Error(`BENCH_CLIENTS: unknown client "${name}" (known: ${CLIENT_NAMES.join(', ')})`);
  return name;
});

async function runWorker(
  name: ClientName,
  mode: WorkerMode,
  target: BenchTarget,
  workloads: Workload[],
): Promise<WorkerResult> {
  try {
    const args = [workerPath, name, mode, JSON.stringify(target), workloads.map((w) => w.name).join(',')];
    const { stdout } = await run(process.execPath, args, {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`${name} (${mode}) failed, so the run fails:\n${failed.stderr ?? failed.message}`);
  }
}

async function race(
  title: string,
  mode: WorkerMode,
  target: BenchTarget,
  workloads: Workload[],
  clients: readonly ClientName[] = CLIENTS,
): Promise<TableRecord> {
  const rounds: RoundRecord[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = clients.map((_, i) => clients[(i + round) % clients.length]);
    const results: Record<string, WorkerResult> = {};
    for (const name of order) results[name] = await runWorker(name, mode, target, workloads);
    rounds.push({ round: round + 1, order, results });
    process.stderr.write(`[bench] ${title}: round ${round + 1}/${ROUNDS} done\n`);
  }
  return { title, workloads: workloads.map(({ name, description }) => ({ name, description })), rounds };
}

async function git(args: string[]): Promise<string> {
  return (await run('git', args, { cwd: repoRoot }).catch(() => ({ stdout: '' }))).stdout.trim();
}

const startedAt = new Date();
const loadAverageStart = os.loadavg()[0];
const results: ResultsFile = {
  schema: 1,
  name: NAME,
  startedAt: startedAt.toISOString(),
  finishedAt: '',
  command: `npm run bench (BENCH_ROUNDS=${ROUNDS}${process.env.BENCH_SCALE ? ` BENCH_SCALE=${process.env.BENCH_SCALE}` : ''}${process.env.BENCH_CLIENTS ? ` BENCH_CLIENTS=${CLIENTS.join(',')}` : ''})`,
  ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
  git: { commit: await git(['rev-parse', 'HEAD']), dirty: (await git(['status', '--porcelain'])) !== '' },
  machine: {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageStart,
    loadAverageEnd: 0,
  },
  node: process.version,
  server: { name: '?', version: '?', binary: '?' },
  rounds: ROUNDS,
  clients: {},
};
const serverBuild = labServerBuild();
results.server.binary =
  serverBuild.binDir === undefined
    ? (await run('sh', ['-c', 'command -v redis-server']).catch(() => ({ stdout: '?' }))).stdout.trim()
    : serverBuild.server;

const server = await startServer({ args: { save: '""', appendonly: 'no' } });
try {
  const info = await server.cli('INFO', 'server');
  const valkey = /valkey_version:(\S+)/.exec(info)?.[1];
  results.server.name = valkey === undefined ? 'redis' : 'valkey';
  results.server.version = valkey ?? /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  process.stderr.write(
    `[bench] Node ${process.version}, ${results.server.name}-server ${results.server.version} (build ${labServerBuild().name}, SLOTBRIDGE_SERVER), ${ROUNDS} rounds, ` +
      `${results.machine.cores} cores (${results.machine.cpuModel}), load ${loadAverageStart.toFixed(2)}\n`,
  );
  const single = { kind: 'single', port: server.port } as const;
  results.single = await race('single server', 'single', single, WORKLOADS);
  if (process.env.BENCH_WHY !== '0' && CLIENTS.includes('node-redis-6')) {
    results.nodeRedis6 = await race(
      'why node-redis 6 is slower: node-redis 6 with one default changed',
      'single',
      single,
      WORKLOADS.filter((w) => w.name === 'in-flight-100' || w.name === 'batch-1000'),
      NODE_REDIS_6_VARIANTS,
    );
  }
  if (process.env.BENCH_TELEMETRY !== '0' && CLIENTS.includes('slotbridge')) {
    results.telemetry = await race(
      'observability: slotbridge with OpenTelemetry off and in each mode (real SDK)',
      'single',
      single,
      WORKLOADS.filter((w) => w.name === 'in-flight-100' || w.name === 'batch-1000'),
      TELEMETRY_VARIANTS,
    );
  }
  if (process.env.BENCH_CACHE !== '0') {
    results.cache = await race('read-heavy with client-side caching', 'cache', single, [
      { name: 'cached-reads', description: '50 workers: 95% GET of 100 hot keys, 5% SET' },
    ] as Workload[]);
  }
} finally {
  await server.stop();
}

if (process.env.BENCH_CLUSTER !== '0') {
  const cluster = await startCluster({
    primaries: 3,
    replicasPerPrimary: 0,
    args: { save: '""', appendonly: 'no' },
  });
  try {
    const seeds = cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port }));
    results.cluster = await race(
      'cluster (3 primaries, no replicas)',
      'cluster',
      { kind: 'cluster', seeds },
      CLUSTER_WORKLOADS,
    );
  } finally {
    await cluster.stop();
  }
}

let proxyFailure: unknown;
if (process.env.BENCH_PROXY !== '0') {
  // The proxy section drives other tools (redis-benchmark, haproxy); if they fail, keep the client
  // tables measured so far, and still fail the run.
  try {
    results.proxy = await runProxyBench();
  } catch (error) {
    proxyFailure = error;
  }
}

for (const table of [results.single, results.cluster, results.cache, results.nodeRedis6, results.telemetry]) {
  for (const round of table?.rounds ?? []) {
    for (const [name, result] of Object.entries(round.results)) {
      results.clients[name] ??= { version: result.version, config: result.config };
    }
  }
}
results.finishedAt = new Date().toISOString();
results.machine.loadAverageEnd = os.loadavg()[0];

const dir = path.join(repoRoot, 'bench', 'results');
await mkdir(dir, { recursive: true });
let file = path.join(dir, `${startedAt.toISOString().slice(0, 10)}-${NAME}.json`);
if (existsSync(file))
  file = file.replace(/\.json$/, `-${startedAt.toISOString().slice(11, 16).replace(':', '')}.json`);
await writeFile(file, `${JSON.stringify(results, null, 1)}\n`);
console.log(renderSummary(results, path.relative(repoRoot, file)));
console.log(`\nRaw results: ${path.relative(repoRoot, file)}`);
console.log(`README's table from it: npm run bench:table -- ${path.relative(repoRoot, file)}`);
if (proxyFailure !== undefined) {
  console.error('\nThe proxy section failed (the file above has no proxy table):', proxyFailure);
  process.exitCode = 1;
}
