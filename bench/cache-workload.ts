/**
 * Read-heavy workload with client-side caching: 50 workers, 95% GETs of 100 hot keys, 5% SETs by the
 * same client. Every GET must return a value of its own key. Then the invalidation check: another
 * connection overwrites every hot key, and within {@link INVALIDATION_DEADLINE_MS} the cached client must
 * read every new value — a cache that never invalidates (or invalidates only its own writes) fails the run.
 */
import type { BenchClient } from './clients/types.js';
import { LatencyHistogram } from './histogram.js';
import { RawWriter } from './raw-writer.js';
import { type WorkloadResult, WrongReplyError } from './workloads.js';

export const HOT_KEYS = 100;
/** Generous on a loaded machine, yet far below "never": RESP3 invalidations arrive within milliseconds. */
export const INVALIDATION_DEADLINE_MS = 2000;
const hotKey = (i: number) => `hot:${i}`;

export async function runCachedReads(client: BenchClient, total: number): Promise<WorkloadResult> {
  for (let i = 0; i < HOT_KEYS; i++) {
    if ((await client.set(hotKey(i), `v${i}:0`)) !== 'OK')
      throw new WrongReplyError(`SET ${hotKey(i)} failed`);
  }
  let next = 0;
  let errors = 0;
  let ok = 0;
  const latency = new LatencyHistogram();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const k = (i * 7919) % HOT_KEYS;
      const sent = performance.now();
      try {
        if (i % 20 === 0) {
          const reply = await client.set(hotKey(k), `v${k}:${i}`);
          if (reply !== 'OK') throw new WrongReplyError(`SET ${hotKey(k)} returned ${String(reply)}`);
        } else {
          const value = await client.get(hotKey(k));
          if (typeof value !== 'string' || !value.startsWith(`v${k}:`)) {
            throw new WrongReplyError(`GET ${hotKey(k)} returned ${JSON.stringify(value)}`);
          }
        }
        ok++;
      } catch (error) {
        if (error instanceof WrongReplyError) throw error;
        errors++;
      }
      latency.record(performance.now() - sent);
    }
  };
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 50 }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    commands: total,
    errors,
    seconds,
    opsPerSecond: ok / seconds,
    cpuMsPer1000: ((used.user + used.system) / 1000 / total) * 1000,
    latency: latency.percentiles(),
  };
}

/**
 * Overwrites every hot key from another connection, then reads each through `client` until it shows the
 * new value. Resolves with the ms the slowest key took; rejects with WrongReplyError past the deadline.
 */
export async function checkInvalidation(client: BenchClient, port: number, tag: string): Promise<number> {
  // Read every key first, so a caching client has each of them cached when the writes land.
  for (let i = 0; i < HOT_KEYS; i++) await client.get(hotKey(i));
  const writer = await RawWriter.open(port);
  try {
    for (let i = 0; i < HOT_KEYS; i++) await writer.set(hotKey(i), `v${i}:${tag}`);
  } finally {
    writer.close();
  }
  const started = performance.now();
  for (let i = 0; i < HOT_KEYS; i++) {
    for (;;) {
      if ((await client.get(hotKey(i))) === `v${i}:${tag}`) break;
      if (performance.now() - started > INVALIDATION_DEADLINE_MS) {
        throw new WrongReplyError(
          `${hotKey(i)} still read the old value ${INVALIDATION_DEADLINE_MS} ms after another connection ` +
            'overwrote it: the client-side cache did not invalidate',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return performance.now() - started;
}
