/**
 * Main vs a branch, alternating: slotbridge's bench worker from two built checkouts (each `tsc -p
 * tsconfig.bench.json`), run turn about against the same lab server and cluster, so machine noise falls
 * on both alike. Prints and writes (bench/results/<date>-ab-<name>.json) CPU per 1,000 commands and
 * throughput per workload, as medians and as B ÷ A.
 *
 *   node dist-bench/bench/ab.js <checkout A> <checkout B> [rounds=6]
 *
 * Environment: AB_NAME (file name suffix), AB_CLUSTER=0 (single server only), AB_WORKLOADS (a
 * comma-separated subset), AB_NOTE (written into the file), BENCH_SCALE (as for the bench: 0.3 for a
 * short run).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startCluster, startServer } from '../src/lab/index.js';
import type { BenchTarget } from './clients/types.js';
import type { WorkerResult } from './worker.js';
import { CLUSTER_WORKLOADS, WORKLOADS } from './workloads.js';

const run = promisify(execFile);
const [checkoutA, checkoutB, roundsText] = process.argv.slice(2);
if (checkoutA === undefined || checkoutB === undefined) {
  throw new Error('usage: node dist-bench/bench/ab.js <checkout A> <checkout B> [rounds]');
}
const ROUNDS = Number(roundsText ?? 6);
const NAME = (process.env.AB_NAME ?? 'run').replace(/[^\w.-]+/g, '-');
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

type Sample = Record<string, { cpuMsPer1000: number; opsPerSecond: number }>;

async function worker(
  checkout: string,
  mode: 'single' | 'cluster',
  target: BenchTarget,
  workloads: string[],
) {
  const workerPath = path.resolve(checkout, 'dist-bench/bench/worker.js');
  const { stdout } = await run(
    process.execPath,
    [workerPath, 'slotbridge', mode, JSON.stringify(target), workloads.join(',')],
    { maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult;
  const sample: Sample = {};
  for (const [name, w] of Object.entries(result.workloads)) {
    sample[`${mode}/${name}`] = { cpuMsPer1000: w.cpuMsPer1000, opsPerSecond: w.opsPerSecond };
  }
  return sample;
}

/** The workloads to run: AB_WORKLOADS (comma-separated names) or all. */
function pick(workloads: ReadonlyArray<{ name: string }>): string[] {
  const only = process.env.AB_WORKLOADS?.split(',');
  return workloads.map((w) => w.name).filter((name) => only === undefined || only.includes(name));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const server = await startServer({});
const cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0 });
const samples: { A: Sample[]; B: Sample[] } = { A: [], B: [] };
try {
  const single: BenchTarget = { kind: 'single', port: server.port };
  const seeds = cluster.seeds().map((seed) => {
    const [host, port] = seed.split(':');
    return { host: host as string, port: Number(port) };
  });
  const clusterTarget: BenchTarget = { kind: 'cluster', seeds };
  for (let round = 0; round < ROUNDS; round++) {
    // A then B on even rounds, B then A on odd ones.
    const order: Array<'A' | 'B'> = round % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    for (const side of order) {
      const checkout = side === 'A' ? checkoutA : checkoutB;
      const sample = {
        ...(await worker(checkout, 'single', single, pick(WORKLOADS))),
        ...(process.env.AB_CLUSTER === '0'
          ? {}
          : await worker(checkout, 'cluster', clusterTarget, pick(CLUSTER_WORKLOADS))),
      };
      samples[side].push(sample);
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
} finally {
  await cluster.stop();
  await server.stop();
}

const rows: Array<Record<string, string | number>> = [];
for (const key of Object.keys(samples.A[0] ?? {})) {
  const cpuA = median(samples.A.map((s) => s[key]?.cpuMsPer1000 ?? Number.NaN));
  const cpuB = median(samples.B.map((s) => s[key]?.cpuMsPer1000 ?? Number.NaN));
  const opsA = median(samples.A.map((s) => s[key]?.opsPerSecond ?? Number.NaN));
  const opsB = median(samples.B.map((s) => s[key]?.opsPerSecond ?? Number.NaN));
  // The least disturbed run of each side: on 2 cores a run lands in one of two modes (client and server
  // sharing a core or not, ~1.6 vs ~2.5 ms per 1,000 in flight, either checkout), which medians of a
  // few rounds mix unevenly.
  const bestA = Math.min(...samples.A.map((s) => s[key]?.cpuMsPer1000 ?? Number.NaN));
  const bestB = Math.min(...samples.B.map((s) => s[key]?.cpuMsPer1000 ?? Number.NaN));
  rows.push({
    workload: key,
    cpuMsPer1000A: Number(cpuA.toFixed(3)),
    cpuMsPer1000B: Number(cpuB.toFixed(3)),
    cpuBOverA: Number((cpuB / cpuA).toFixed(3)),
    bestCpuA: Number(bestA.toFixed(3)),
    bestCpuB: Number(bestB.toFixed(3)),
    bestCpuBOverA: Number((bestB / bestA).toFixed(3)),
    opsA: Math.round(opsA),
    opsB: Math.round(opsB),
    opsBOverA: Number((opsB / opsA).toFixed(3)),
  });
}
console.table(rows);
const file = path.join(repoRoot, 'bench/results', `${new Date().toISOString().slice(0, 10)}-ab-${NAME}.json`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(
  file,
  `${JSON.stringify(
    {
      ...(process.env.AB_NOTE === undefined ? {} : { note: process.env.AB_NOTE }),
      checkoutA: path.resolve(checkoutA),
      checkoutB: path.resolve(checkoutB),
      rounds: ROUNDS,
      scale: Number(process.env.BENCH_SCALE ?? 1),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      loadAverageAtEnd: os.loadavg()[0],
      rows,
      samples,
    },
    null,
    2,
  )}\n`,
);
console.log(`written: ${path.relative(repoRoot, file)}`);
