/**
 * `npm run bench`: the same workloads on slotbridge, ioredis and node-redis, in one run: first against
 * one lab redis-server, then against a lab Redis Cluster (3 primaries on loopback). Each client runs in
 * its own process, rounds interleave the clients to spread machine noise, and the median of the rounds
 * is reported with ratios to each peer. BENCH_ROUNDS (default 3) and BENCH_CLUSTER=0 (skip the cluster
 * table) tune the run.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { labServerBuild, startCluster, startServer } from '../src/lab/index.js';
import { type BenchTarget, CLIENT_NAMES, type ClientName } from './adapters.js';
import { raceCachedReads } from './cache-bench.js';
import { runProxyBench } from './proxy-bench.js';
import { CLUSTER_WORKLOADS, WORKLOADS, type Workload } from './workloads.js';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_CLUSTER = process.env.BENCH_CLUSTER !== '0';
const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url));

interface WorkerResult {
  client: ClientName;
  results: Record<string, number>;
  maxRssMiB: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Runs every client `ROUNDS` times against `target` and prints one table. */
async function race(title: string, target: BenchTarget, workloads: Workload[]): Promise<void> {
  const samples = new Map<ClientName, WorkerResult[]>(CLIENT_NAMES.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = CLIENT_NAMES.map((_, i) => CLIENT_NAMES[(i + round) % CLIENT_NAMES.length]);
    for (const name of order) {
      const { stdout } = await run(process.execPath, [workerPath, name, JSON.stringify(target)], {
        maxBuffer: 1 << 20,
      });
      samples.get(name)?.push(JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult);
    }
    process.stderr.write(`${title}: round ${round + 1}/${ROUNDS} done\n`);
  }
  const of = (name: ClientName) => samples.get(name) ?? [];
  console.log(`\n${title}\n`);
  const header = ['workload', ...CLIENT_NAMES.map((n) => `${n} ops/s`), 'vs ioredis', 'vs node-redis'];
  const rows: string[][] = [];
  for (const workload of workloads) {
    const ops = Object.fromEntries(
      CLIENT_NAMES.map((name) => [name, median(of(name).map((s) => s.results[workload.name]))]),
    ) as Record<ClientName, number>;
    rows.push([
      workload.name,
      ...CLIENT_NAMES.map((name) => Math.round(ops[name]).toLocaleString('en-US')),
      `${(ops.slotbridge / ops.ioredis).toFixed(2)}x`,
      `${(ops.slotbridge / ops['node-redis']).toFixed(2)}x`,
    ]);
  }
  const rss = Object.fromEntries(
    CLIENT_NAMES.map((name) => [name, Math.max(...of(name).map((s) => s.maxRssMiB))]),
  ) as Record<ClientName, number>;
  rows.push([
    'peak RSS (MiB)',
    ...CLIENT_NAMES.map((name) => rss[name].toFixed(1)),
    `${(rss.slotbridge / rss.ioredis).toFixed(2)}x`,
    `${(rss.slotbridge / rss['node-redis']).toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const server = await startServer({ args: { save: '""' } });
let version = '?';
try {
  version = /redis_version:(\S+)/.exec(await server.cli('INFO', 'server'))?.[1] ?? '?';
  console.log(
    `\nslotbridge benchmark: Node ${process.version}, server ${version} (build ${labServerBuild().name}, SLOTBRIDGE_SERVER) on loopback, median of ${ROUNDS} rounds`,
  );
  await race('single server', { kind: 'single', port: server.port }, WORKLOADS);
  if (process.env.BENCH_CACHE !== '0') await raceCachedReads(server.port, ROUNDS);
} finally {
  await server.stop();
}

if (WITH_CLUSTER) {
  const cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0, args: { save: '""' } });
  try {
    const seeds = cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port }));
    await race(
      'cluster (3 primaries, no replicas; ioredis Cluster, node-redis createCluster)',
      { kind: 'cluster', seeds },
      CLUSTER_WORKLOADS,
    );
  } finally {
    await cluster.stop();
  }
}

if (process.env.BENCH_PROXY !== '0') await runProxyBench();

console.log('\nRatios: slotbridge ops/s divided by the peer (higher is better); for RSS lower is better.');
for (const workload of WORKLOADS) console.log(`  ${workload.name}: ${workload.description}`);
console.log(
  '  On the cluster, ioredis and node-redis get the 1000 GETs issued together (Promise.all): their\n' +
    '  pipeline()/multi() must stay on one node, so that is how they batch commands across slots.',
);
