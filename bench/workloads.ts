/** The workloads every client runs, each returning operations per second. */
import type { BenchClient } from './adapters.js';

export interface Workload {
  name: string;
  description: string;
  run(client: BenchClient): Promise<number>;
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
    run: async (client) => {
      await client.set('bench:small', SMALL_VALUE);
      const total = 15_000;
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
    run: async (client) => {
      const total = 150_000;
      return timed(total, () =>
        workers(100, total, (i) =>
          i % 2 === 0 ? client.get(`bench:k${i % 1000}`) : client.set(`bench:k${i % 1000}`, SMALL_VALUE),
        ),
      );
    },
  },
  {
    name: 'pipeline-1000',
    description: 'explicit pipelines of 1000 GETs',
    run: async (client) => {
      const keys = Array.from({ length: 1000 }, (_, i) => `bench:k${i}`);
      const rounds = 80;
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
    run: async (client) => {
      const total = 20_000;
      return timed(total, () =>
        workers(50, total, (i) =>
          i % 2 === 0 ? client.set(`bench:big${i % 100}`, LARGE_VALUE) : client.get(`bench:big${i % 100}`),
        ),
      );
    },
  },
];
