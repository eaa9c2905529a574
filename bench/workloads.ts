/**
 * The workloads every client runs. Each one checks every reply against the value it must be (a wrong
 * value ends the run: a benchmark that returns wrong answers fast proves nothing), counts error replies
 * apart from successes, and measures wall time, this process's CPU time (process.cpuUsage) and every
 * command's latency, from the call to its settled reply (bench/histogram.ts; a pipeline's GETs each take
 * the pipeline's time).
 */
import type { BenchClient } from './clients/types.js';
import { LatencyHistogram, type LatencyPercentiles } from './histogram.js';

/** What one workload run measured. */
export interface WorkloadResult {
  /** Commands issued. */
  commands: number;
  /** Replies that were errors (rejections, or Error entries in a pipeline). */
  errors: number;
  seconds: number;
  /** Correct replies per second. */
  opsPerSecond: number;
  /** User + system CPU time of the client process per 1,000 commands, in ms. */
  cpuMsPer1000: number;
  /** Per-command latency percentiles, ms. */
  latency: LatencyPercentiles;
}

export interface Workload {
  name: string;
  description: string;
  /** Runs the workload; `scale` multiplies its operation count (warm-ups and the cluster table use less). */
  run(client: BenchClient, scale: number): Promise<WorkloadResult>;
}

/** Thrown when a reply is not the value it must be: the whole benchmark run fails. */
export class WrongReplyError extends Error {
  override readonly name = 'WrongReplyError';
}

export const KEY_COUNT = 1000;
export const BIG_KEY_COUNT = 100;
export const key = (i: number) => `bench:k${i}`;
/** Each key has its own value, so a reply paired with the wrong request is caught. */
export const smallValueOf = (i: number) => `value-${i}-0123456789`;
const bigKey = (i: number) => `bench:big${i}`;
const bigValueCache = new Map<number, string>();
/** 16 KiB, starting with the key's number. */
const bigValueOf = (i: number): string => {
  let value = bigValueCache.get(i);
  if (value === undefined) {
    const prefix = `big-${i}-`;
    value = prefix + 'x'.repeat(16 * 1024 - prefix.length);
    bigValueCache.set(i, value);
  }
  return value;
};

/** Tallies replies: a wrong value throws, an error is counted. */
export class Tally {
  errors = 0;
  ok = 0;
  readonly latency = new LatencyHistogram();
  constructor(private readonly workload: string) {}
  expect(reply: unknown, expected: unknown, what: string): void {
    if (reply instanceof Error) {
      this.errors++;
      return;
    }
    if (reply !== expected) {
      const shown = typeof reply === 'string' ? JSON.stringify(reply.slice(0, 40)) : String(reply);
      throw new WrongReplyError(`${this.workload}: ${what} returned ${shown}`);
    }
    this.ok++;
  }
  /**
   * For a command whose promise may reject: a rejection is an error reply. `started` is
   * performance.now() taken before the command was called, so its latency includes the send.
   */
  async settle(promise: Promise<unknown>, expected: unknown, what: string, started: number): Promise<void> {
    let reply: unknown;
    try {
      reply = await promise;
    } catch (error) {
      reply = error instanceof Error ? error : new Error(String(error));
    }
    this.latency.record(performance.now() - started);
    this.expect(reply, expected, what);
  }
}

export async function measure(
  commands: number,
  tally: Tally,
  body: () => Promise<void>,
): Promise<WorkloadResult> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  if (tally.ok + tally.errors !== commands) {
    throw new WrongReplyError(`${commands} commands but ${tally.ok + tally.errors} replies`);
  }
  return {
    commands,
    errors: tally.errors,
    seconds,
    opsPerSecond: tally.ok / seconds,
    cpuMsPer1000: ((used.user + used.system) / 1000 / commands) * 1000,
    latency: tally.latency.percentiles(),
  };
}

async function workers(concurrency: number, total: number, op: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < total) await op(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/** Writes every key the workloads read (checked), so every GET has one right answer. */
export async function seed(client: BenchClient, withBigValues: boolean): Promise<void> {
  const tally = new Tally('seed');
  const writes: Array<Promise<void>> = [];
  for (let i = 0; i < KEY_COUNT; i++)
    writes.push(tally.settle(client.set(key(i), smallValueOf(i)), 'OK', `SET ${key(i)}`, 0));
  if (withBigValues) {
    for (let i = 0; i < BIG_KEY_COUNT; i++) {
      writes.push(tally.settle(client.set(bigKey(i), bigValueOf(i)), 'OK', `SET ${bigKey(i)}`, 0));
    }
  }
  await Promise.all(writes);
  if (tally.errors > 0) throw new WrongReplyError(`seeding the keys failed ${tally.errors} times`);
}

const sequentialGet: Workload = {
  name: 'sequential-get',
  description: 'awaited GETs one after another',
  run: (client, scale) => {
    const total = Math.ceil(10_000 * scale);
    const tally = new Tally('sequential-get');
    return measure(total, tally, async () => {
      for (let i = 0; i < total; i++) {
        const k = i % KEY_COUNT;
        const started = performance.now();
        await tally.settle(client.get(key(k)), smallValueOf(k), `GET ${key(k)}`, started);
      }
    });
  },
};

const inFlight: Workload = {
  name: 'in-flight-100',
  description: '100 commands in flight (100 workers, each awaiting its command), GET/SET alternating',
  run: (client, scale) => {
    const total = Math.ceil(60_000 * scale);
    const tally = new Tally('in-flight-100');
    return measure(total, tally, () =>
      workers(100, total, (i) => {
        // Each key is read and written (i and i + 1 share one), so every key's GET is checked.
        const k = (Math.floor(i / 2) * 7) % KEY_COUNT;
        const started = performance.now();
        return i % 2 === 0
          ? tally.settle(client.get(key(k)), smallValueOf(k), `GET ${key(k)}`, started)
          : tally.settle(client.set(key(k), smallValueOf(k)), 'OK', `SET ${key(k)}`, started);
      }),
    );
  },
};

const KEYS = Array.from({ length: KEY_COUNT }, (_, i) => key(i));

const pipeline: Workload = {
  name: 'pipeline-1000',
  description: "explicit pipelines of 1000 GETs (each client's pipeline API), awaited one after another",
  run: (client, scale) => {
    const rounds = Math.ceil(60 * scale);
    const tally = new Tally('pipeline-1000');
    return measure(rounds * KEY_COUNT, tally, async () => {
      for (let r = 0; r < rounds; r++) {
        let replies: unknown[];
        const started = performance.now();
        try {
          replies = await client.pipelineGet(KEYS);
        } catch (error) {
          replies = KEYS.map(() => (error instanceof Error ? error : new Error(String(error))));
        }
        tally.latency.record(performance.now() - started, KEY_COUNT);
        if (replies.length !== KEY_COUNT) {
          throw new WrongReplyError(`pipeline-1000: ${replies.length} replies for ${KEY_COUNT} GETs`);
        }
        for (let i = 0; i < KEY_COUNT; i++)
          tally.expect(replies[i], smallValueOf(i), `GET ${KEYS[i]} in a pipeline`);
      }
    });
  },
};

const batch: Workload = {
  name: 'batch-1000',
  description:
    '1000 GETs issued together (Promise.all), awaited, repeated; on a cluster they span every slot range',
  run: (client, scale) => {
    const rounds = Math.ceil(60 * scale);
    const tally = new Tally('batch-1000');
    return measure(rounds * KEY_COUNT, tally, async () => {
      for (let r = 0; r < rounds; r++) {
        const started = performance.now();
        await Promise.all(
          KEYS.map((k, i) => tally.settle(client.get(k), smallValueOf(i), `GET ${k}`, started)),
        );
      }
    });
  },
};

const bigValues: Workload = {
  name: 'value-16k',
  description: '16 KiB values, SET/GET alternating, 50 in flight',
  run: (client, scale) => {
    const total = Math.ceil(16_000 * scale);
    const tally = new Tally('value-16k');
    return measure(total, tally, () =>
      workers(50, total, (i) => {
        const k = (Math.floor(i / 2) * 7) % BIG_KEY_COUNT;
        const started = performance.now();
        return i % 2 === 0
          ? tally.settle(client.set(bigKey(k), bigValueOf(k)), 'OK', `SET ${bigKey(k)}`, started)
          : tally.settle(client.get(bigKey(k)), bigValueOf(k), `GET ${bigKey(k)}`, started);
      }),
    );
  },
};

/** Single server: every client gets the same batching in each workload (explicit pipelines for all). */
export const WORKLOADS: Workload[] = [sequentialGet, inFlight, pipeline, batch, bigValues];

/**
 * Cluster: no explicit pipeline, because ioredis's and node-redis's cluster pipelines must stay on one
 * node; every client gets the same 1000 GETs issued together instead (batch-1000), which each batches
 * its own way (slotbridge per tick and node, ioredis by autopipelining, node-redis per tick).
 */
export const CLUSTER_WORKLOADS: Workload[] = [sequentialGet, inFlight, batch];

/** Share of each workload's operations run for the cluster table (3 nodes on 2 cores: slower). */
export const CLUSTER_SCALE = 0.5;
/** Share of the measured run used as the warm-up (JIT, connection buffers). */
export const WARM_UP_SCALE = 0.2;
