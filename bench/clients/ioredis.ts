/**
 * ioredis configured as its documentation recommends for throughput: `enableAutoPipelining: true`
 * (commands issued in the same tick go out in one write), otherwise defaults. It has no client-side cache.
 */
import { createRequire } from 'node:module';
import { Cluster, Redis } from 'ioredis';
import type { BenchClient, BenchTarget, ClientModule } from './types.js';

const version = (createRequire(import.meta.url)('ioredis/package.json') as { version: string }).version;

async function open(target: BenchTarget): Promise<BenchClient> {
  const client =
    target.kind === 'single'
      ? new Redis({ host: '127.0.0.1', port: target.port, lazyConnect: true, enableAutoPipelining: true })
      : new Cluster([...target.seeds], { lazyConnect: true, enableAutoPipelining: true });
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    pipelineGet: async (keys) => {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.get(key);
      const entries = (await pipeline.exec()) ?? [];
      return entries.map(([error, value]) => error ?? value);
    },
    command: (args) => client.call(args[0], ...args.slice(1)),
    close: async () => {
      await client.quit();
    },
  };
}

export const ioredis: ClientModule = {
  version: `ioredis ${version}`,
  config: 'enableAutoPipelining: true, otherwise defaults',
  open,
};
