/**
 * slotbridge/bullmq on a Redis Cluster (hash-tagged prefix): the feature tour, then a load of 2,000 jobs
 * with kill -9 of the primary that holds the queue's slot, run on slotbridge's adapter and, with
 * BULLMQ_REFERENCE=1, in the same run on BullMQ's ioredis connection as the reference (written to
 * results/bullmq-cluster.json and bullmq-load.md).
 */

import calculateSlot from 'cluster-key-slot';
import { Cluster as IoredisCluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { createBullMQClient } from '../../src/integrations/bullmq/index.js';
import {
  featureTour,
  type LoadResult,
  loadRun,
  withReference,
  writeResults,
} from '../helpers/bullmq-workloads.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster({ nodeTimeoutMs: 1000 });
const clients: RedisClient[] = [];
const results: LoadResult[] = [];

function slotbridge(): RedisClient {
  const client = createClient({ cluster: { hosts: lab.cluster.seeds() } });
  clients.push(client);
  return client;
}

afterAll(() => {
  for (const client of clients) client.disconnect();
});

/** kill -9 of the primary serving `prefix`'s hash tag, then the killed node back as a replica. */
async function killQueuePrimary(prefix: string): Promise<void> {
  const owner = await lab.cluster.ownerOf(calculateSlot(prefix));
  await lab.cluster.killPrimary(owner);
  await lab.cluster.restartNode(owner);
}

describe('slotbridge/bullmq on a cluster', () => {
  it('runs the feature tour with a {hash-tagged} prefix', async () => {
    await featureTour(createBullMQClient(slotbridge()), '{bull}', 'tour');
  }, 60_000);

  it('2,000 jobs with kill -9 of the queue primary: each completes once, none stuck, every event seen', async () => {
    const jobs = 2_000;
    const client = slotbridge();
    await client.connect();
    const server = `${client.server?.flavor ?? 'redis'} ${client.server?.version ?? '?'}`;
    const ours = await loadRun(createBullMQClient(client), {
      adapter: 'slotbridge',
      topology: 'cluster',
      fault: 'kill -9 of the queue primary',
      jobs,
      prefix: '{bq-sb}',
      inject: () => killQueuePrimary('{bq-sb}'),
    });
    console.log('[bullmq cluster]', JSON.stringify(ours));
    if (withReference) {
      const io = new IoredisCluster(
        lab.cluster.seeds().map((seed) => ({ host: seed.split(':')[0], port: Number(seed.split(':')[1]) })),
        { redisOptions: { maxRetriesPerRequest: null } },
      );
      let reference: LoadResult;
      try {
        reference = await loadRun(io, {
          adapter: 'ioredis',
          topology: 'cluster',
          fault: 'kill -9 of the queue primary',
          jobs,
          prefix: '{bq-io}',
          inject: () => killQueuePrimary('{bq-io}'),
        });
      } finally {
        io.disconnect();
      }
      results.push(ours, reference);
      console.log('[bullmq cluster reference]', JSON.stringify(reference));
      writeResults('cluster', results, server);
    }
    expect(ours.completed).toBe(jobs);
    expect(ours.failed).toBe(0);
    expect(ours.stuckActive).toBe(0);
    expect(ours.completionEventsSeen).toBe(jobs);
  }, 300_000);
});
