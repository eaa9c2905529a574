/**
 * One small interface over each client under test, so every workload runs the same code path on
 * slotbridge, ioredis and node-redis. Each adapter uses the client as its documentation shows.
 */
import { Redis as IORedis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { createClient } from '../src/client/index.js';

export interface BenchClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  pipelineGet(keys: readonly string[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export const CLIENT_NAMES = ['slotbridge', 'ioredis', 'node-redis'] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];

export async function openClient(name: ClientName, port: number): Promise<BenchClient> {
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
