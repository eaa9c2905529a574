/** The workloads every client runs, each returning operations per second. */
import type { BenchClient } from './adapters.js';

export interface Workload {
  name: string;
  description: string;
  /** Runs the workload; `scale` multiplies its operation count (warm-ups and the cluster table use less). */
  run(client: BenchClient, scale?: number): Promise<number>;
}

const SMALL_VALUE = 'value-0123456789';
const LARGE_VALUE = 'x'.repeat(16 * 1024);

async function timed(operations: number, body: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return operations / seconds;
}

/** Benchmarks that return wrong answers fast prove nothing: check a sample of each result. */
function verify(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark sanity check failed: ${what}`);
}

async function workers(
  concurrency: number,
  total: number,
  op: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < total) {
      const i = next++;
      await op(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

export const WORKLOADS: Workload[] = [
  {
    name: 'sequential-get',
    description: 'awaited GETs one after another',
    run: async (client, scale = 1) => {
      await client.set('bench:small', SMALL_VALUE);
      const total = Math.ceil(15_000 * scale);
      let last: unknown;
      const opsPerSecond = await timed(total, async () => {
        for (let i = 0; i < total; i++) last = await client.get('bench:small');
      });
      verify(last === SMALL_VALUE, 'sequential GET returned the stored value');
      return opsPerSecond;
    },
  },
  {
    name: 'in-flight-100',
    description: '100 commands in flight, GET/SET mix',
    run: async (client, scale = 1) => {
      const total = Math.ceil(150_000 * scale);
      return timed(total, () =>
        workers(100, total, (i) =>
          i % 2 === 0 ? client.get(`bench:k${i % 1000}`) : client.set(`bench:k${i % 1000}`, SMALL_VALUE),
        ),
      );
    },
  },
  {
    name: 'pipeline-1000',
    description: 'explicit pipelines of 1000 GETs (on a cluster: keys across all slots)',
    run: async (client, scale = 1) => {
      const keys = Array.from({ length: 1000 }, (_, i) => `bench:k${i}`);
      const rounds = Math.ceil(80 * scale);
      let last: unknown[] = [];
      const opsPerSecond = await timed(rounds * keys.length, async () => {
        for (let r = 0; r < rounds; r++) last = await client.pipelineGet(keys);
      });
      verify(last.length === keys.length, 'a pipeline returned one result per command');
      return opsPerSecond;
    },
  },
  {
    name: 'value-16k',
    description: '16 KiB values, SET/GET, 50 in flight',
    run: async (client, scale = 1) => {
      const total = Math.ceil(20_000 * scale);
      return timed(total, () =>
        workers(50, total, (i) =>
          i % 2 === 0 ? client.set(`bench:big${i % 100}`, LARGE_VALUE) : client.get(`bench:big${i % 100}`),
        ),
      );
    },
  },
];

/**
 * The cluster table: the same workloads (their keys, bench:k0..k999, spread over every shard), run at
 * {@link CLUSTER_SCALE} of the single-server size to keep `npm run bench` short.
 */
export const CLUSTER_WORKLOADS: Workload[] = WORKLOADS.filter((workload) =>
  ['sequential-get', 'in-flight-100', 'pipeline-1000'].includes(workload.name),
);

/** Share of each workload's operations run for the cluster table. */
export const CLUSTER_SCALE = 0.3;
/** Share of the measured run used as the warm-up (JIT, connection buffers). */
export const WARM_UP_SCALE = 0.2;
