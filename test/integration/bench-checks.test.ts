/**
 * The benchmark's own checks can fail: a client that returns a wrong value fails a workload, and a
 * client-side cache that never invalidates fails the cache workload's invalidation check. (Both would
 * otherwise let a broken client post a fast number.)
 */
import { describe, expect, it } from 'vitest';
import { checkInvalidation } from '../../bench/cache-workload.js';
import { slotbridge } from '../../bench/clients/slotbridge.js';
import type { BenchClient } from '../../bench/clients/types.js';
import { seed, WORKLOADS, WrongReplyError } from '../../bench/workloads.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();

/** A GET cache in front of `client` that nothing ever invalidates. */
function neverInvalidating(client: BenchClient): BenchClient {
  const cache = new Map<string, unknown>();
  return {
    ...client,
    get: async (key) => {
      if (!cache.has(key)) cache.set(key, await client.get(key));
      return cache.get(key);
    },
  };
}

describe('benchmark checks', () => {
  it('a cache that never invalidates fails the invalidation check; a real cache passes it', async () => {
    const plain = await slotbridge.open({ kind: 'single', port: lab.server.port });
    try {
      await expect(checkInvalidation(neverInvalidating(plain), lab.server.port, 'a')).rejects.toThrow(
        WrongReplyError,
      );
    } finally {
      await plain.close();
    }
    const cached = await slotbridge.openCached?.(lab.server.port);
    if (cached === undefined) throw new Error('slotbridge has a client-side cache');
    try {
      expect(await checkInvalidation(cached, lab.server.port, 'b')).toBeGreaterThanOrEqual(0);
    } finally {
      await cached.close();
    }
  });

  it('every workload fails on a reply that is not the value it must be', async () => {
    const client = await slotbridge.open({ kind: 'single', port: lab.server.port });
    try {
      await seed(client, true);
      // One key answers with another key's value, in every API a workload may use.
      const swap = (key: string, value: unknown) => (key === 'bench:k7' ? 'value-8-0123456789' : value);
      const lying: BenchClient = {
        ...client,
        get: async (key) => swap(key, await client.get(key)),
        pipelineGet: async (keys) => (await client.pipelineGet(keys)).map((v, i) => swap(keys[i], v)),
      };
      for (const workload of WORKLOADS.filter((w) => w.name !== 'value-16k')) {
        await expect(workload.run(lying, 0.2), workload.name).rejects.toThrow(WrongReplyError);
      }
      const bigLie: BenchClient = {
        ...client,
        get: async (key) => (key.startsWith('bench:big') ? 'x' : client.get(key)),
      };
      await expect(WORKLOADS.find((w) => w.name === 'value-16k')?.run(bigLie, 0.2)).rejects.toThrow(
        WrongReplyError,
      );
      // And an honest client passes all of them, counting no errors.
      for (const workload of WORKLOADS) expect((await workload.run(client, 0.1)).errors).toBe(0);
    } finally {
      await client.close();
    }
  });
});
