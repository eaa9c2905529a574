/**
 * One small interface over each client under test, so every workload runs the same code path on
 * slotbridge, ioredis and node-redis. Each adapter uses the client as its documentation shows.
 * On a cluster, a batch of commands across slots is what each client offers for it: slotbridge's
 * pipeline() (split per node), and for ioredis and node-redis commands issued together (their cluster
 * pipelines/multi must stay on one node).
 */
import { Redis as IORedis, Cluster as IORedisCluster } from 'ioredis';
import { createClient as createNodeRedis, createCluster as createNodeRedisCluster } from 'redis';
import { createClient } from '../src/client/index.js';

export interface BenchClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  pipelineGet(keys: readonly string[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export const CLIENT_NAMES = ['slotbridge', 'ioredis', 'node-redis'] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];

/** What the clients connect to: one server, or a cluster given by its seed nodes. */
export type BenchTarget =
  | { readonly kind: 'single'; readonly port: number }
  | { readonly kind: 'cluster'; readonly seeds: ReadonlyArray<{ host: string; port: number }> };

export async function openClient(name: ClientName, target: BenchTarget): Promise<BenchClient> {
  if (target.kind === 'cluster') return openClusterClient(name, target.seeds);
  const port = target.port;
  switch (name) {
    case 'slotbridge': {
      const client = createClient({ port, commandTimeout: 0 });
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: (keys) => {
          const pipeline = client.pipeline();
          for (const key of keys) pipeline.get(key);
          return pipeline.exec();
        },
        close: () => client.quit(),
      };
    }
    case 'ioredis': {
      const client = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: async (keys) => {
          const pipeline = client.pipeline();
          for (const key of keys) pipeline.get(key);
          return (await pipeline.exec()) ?? [];
        },
        close: async () => {
          await client.quit();
        },
      };
    }
    case 'node-redis': {
      const client = createNodeRedis({ url: `redis://127.0.0.1:${port}` });
      client.on('error', () => {});
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: (keys) => {
          const multi = client.multi();
          for (const key of keys) multi.get(key);
          return multi.execAsPipeline();
        },
        close: async () => {
          await client.close();
        },
      };
    }
  }
}

async function openClusterClient(
  name: ClientName,
  seeds: ReadonlyArray<{ host: string; port: number }>,
): Promise<BenchClient> {
  switch (name) {
    case 'slotbridge': {
      const client = createClient({
        cluster: { hosts: seeds.map((seed) => `${seed.host}:${seed.port}`) },
        commandTimeout: 0,
      });
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: (keys) => {
          const pipeline = client.pipeline();
          for (const key of keys) pipeline.get(key);
          return pipeline.exec();
        },
        close: () => client.quit(),
      };
    }
    case 'ioredis': {
      const client = new IORedisCluster([...seeds], { lazyConnect: true });
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: (keys) => Promise.all(keys.map((key) => client.get(key))),
        close: async () => {
          await client.quit();
        },
      };
    }
    case 'node-redis': {
      const client = createNodeRedisCluster({
        rootNodes: seeds.map((seed) => ({ url: `redis://${seed.host}:${seed.port}` })),
      });
      client.on('error', () => {});
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        pipelineGet: (keys) => Promise.all(keys.map((key) => client.get(key))),
        close: async () => {
          await client.close();
        },
      };
    }
  }
}
