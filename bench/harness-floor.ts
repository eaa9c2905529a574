/**
 * The bench's own cost: the single-server workloads against a client that answers from memory (no
 * socket, no encoding, no parsing; every promise already resolved). What it prints is CPU per 1,000
 * commands spent by the workload loop itself (the awaits, `performance.now()`, the latency histogram,
 * the reply checks), a floor under every client's figure in the same workload: no client can use less.
 *
 *   node dist-bench/bench/harness-floor.js [runs=5]   (BENCH_SCALE as for the bench)
 */
import type { BenchClient } from './clients/types.js';
import { KEY_COUNT, key, smallValueOf, WORKLOADS } from './workloads.js';

const RUNS = Number(process.argv[2] ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const MEASURED = ['sequential-get', 'in-flight-100', 'pipeline-1000', 'batch-1000'];

const store = new Map<string, string>();
for (let i = 0; i < KEY_COUNT; i++) store.set(key(i), smallValueOf(i));

const inMemory: BenchClient = {
  get: (name) => Promise.resolve(store.get(name) ?? null),
  set: (name, value) => {
    store.set(name, value);
    return Promise.resolve('OK');
  },
  pipelineGet: (keys) => Promise.resolve(keys.map((name) => store.get(name) ?? null)),
  command: () => Promise.resolve(null),
  close: () => Promise.resolve(),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const rows: Record<string, { medianCpuMsPer1000: number; lowest: number }> = {};
for (const workload of WORKLOADS.filter((w) => MEASURED.includes(w.name))) {
  await workload.run(inMemory, 0.2); // warm-up, as the bench worker does
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) cpu.push((await workload.run(inMemory, SCALE)).cpuMsPer1000);
  rows[workload.name] = {
    medianCpuMsPer1000: Number(median(cpu).toFixed(3)),
    lowest: Number(Math.min(...cpu).toFixed(3)),
  };
}
console.table(rows);
