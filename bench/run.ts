/**
 * `npm run bench`: the same workloads on slotbridge, ioredis and node-redis, against one lab
 * redis-server, in one run. Each client runs in its own process, rounds interleave the clients to
 * spread machine noise, and the median of the rounds is reported with ratios to the best peer.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from '../src/lab/index.js';
import { CLIENT_NAMES, type ClientName } from './adapters.js';
import { runProxyBench } from './proxy-bench.js';
import { WORKLOADS } from './workloads.js';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

const server = await startServer({ args: { save: '""' } });
try {
  const samples = new Map<ClientName, WorkerResult[]>(CLIENT_NAMES.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = CLIENT_NAMES.map((_, i) => CLIENT_NAMES[(i + round) % CLIENT_NAMES.length]);
    for (const name of order) {
      const { stdout } = await run(process.execPath, [workerPath, name, String(server.port)], {
        maxBuffer: 1 << 20,
      });
      samples.get(name)!.push(JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  const version = /redis_version:(\S+)/.exec(await server.cli('INFO', 'server'))?.[1] ?? '?';
  console.log(
    `\nslotbridge benchmark: Node ${process.version}, redis-server ${version} on loopback, median of ${ROUNDS} rounds\n`,
  );
  const header = ['workload', ...CLIENT_NAMES.map((n) => `${n} ops/s`), 'vs ioredis', 'vs node-redis'];
  const rows: string[][] = [];
  for (const workload of WORKLOADS) {
    const ops = Object.fromEntries(
      CLIENT_NAMES.map((name) => [name, median(samples.get(name)!.map((s) => s.results[workload.name]))]),
    ) as Record<ClientName, number>;
    rows.push([
      workload.name,
      ...CLIENT_NAMES.map((name) => Math.round(ops[name]).toLocaleString('en-US')),
      `${(ops.slotbridge / ops.ioredis).toFixed(2)}x`,
      `${(ops.slotbridge / ops['node-redis']).toFixed(2)}x`,
    ]);
  }
  const rss = Object.fromEntries(
    CLIENT_NAMES.map((name) => [name, Math.max(...samples.get(name)!.map((s) => s.maxRssMiB))]),
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
  console.log('\nRatios: slotbridge ops/s divided by the peer (higher is better); for RSS lower is better.');
  for (const workload of WORKLOADS) console.log(`  ${workload.name}: ${workload.description}`);
} finally {
  await server.stop();
}
if (process.env.BENCH_PROXY !== '0') await runProxyBench();
