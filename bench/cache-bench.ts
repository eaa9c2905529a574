/**
 * Read-heavy workload with client-side caching: 50 workers, 95% GETs of 100 hot keys, 5% SETs (each
 * invalidates one key). slotbridge with `clientCache` and node-redis with `clientSideCache` (both RESP3
 * CLIENT TRACKING) against ioredis, which has no client-side cache. In one process per round, interleaved.
 */
import { Redis as IORedis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { createClient } from '../src/client/index.js';

interface CacheClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  close(): Promise<void>;
}

const HOT_KEYS = 100;
const TOTAL = 100_000;
const NAMES = ['slotbridge', 'ioredis', 'node-redis'] as const;
type Name = (typeof NAMES)[number];

async function open(name: Name, port: number): Promise<CacheClient> {
  switch (name) {
    case 'slotbridge': {
      const client = createClient({ port, clientCache: { maxEntries: 10_000 }, commandTimeout: 0 });
      await client.connect();
      return { get: (k) => client.get(k), set: (k, v) => client.set(k, v), close: () => client.quit() };
    }
    case 'ioredis': {
      const client = new IORedis({ port, host: '127.0.0.1', lazyConnect: true });
      await client.connect();
      return {
        get: (k) => client.get(k),
        set: (k, v) => client.set(k, v),
        close: async () => {
          await client.quit();
        },
      };
    }
    case 'node-redis': {
      const client = createNodeRedis({
        url: `redis://127.0.0.1:${port}`,
        RESP: 3,
        clientSideCache: { ttl: 0, maxEntries: 10_000, evictPolicy: 'LRU' },
      });
      client.on('error', () => {});
      await client.connect();
      return {
        get: (k) => client.get(k),
        set: (k, v) => client.set(k, v),
        close: async () => {
          await client.close();
        },
      };
    }
  }
}

async function runOnce(client: CacheClient, total: number): Promise<number> {
  for (let i = 0; i < HOT_KEYS; i++) await client.set(`hot:${i}`, `v${i}:0`);
  let next = 0;
  let stale = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const key = `hot:${(i * 7919) % HOT_KEYS}`;
      if (i % 20 === 0) {
        await client.set(key, `v${(i * 7919) % HOT_KEYS}:${i}`);
      } else {
        const value = await client.get(key);
        if (typeof value !== 'string' || !value.startsWith(`v${(i * 7919) % HOT_KEYS}:`)) stale++;
      }
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (stale > 0) throw new Error(`benchmark sanity check failed: ${stale} GETs returned another key's value`);
  return total / seconds;
}

/** Runs the cached read-heavy race and prints its table. */
export async function raceCachedReads(port: number, rounds: number): Promise<void> {
  const samples = new Map<Name, number[]>(NAMES.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < NAMES.length; i++) {
      const name = NAMES[(i + round) % NAMES.length];
      const client = await open(name, port);
      try {
        await runOnce(client, TOTAL / 5);
        samples.get(name)?.push(await runOnce(client, TOTAL));
      } finally {
        await client.close();
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ops = Object.fromEntries(NAMES.map((name) => [name, median(samples.get(name) ?? [])])) as Record<
    Name,
    number
  >;
  console.log(
    '\nread-heavy with client-side caching (95% GET of 100 hot keys, 5% SET; ioredis has no cache)\n',
  );
  console.log(
    `${'workload'.padEnd(20)}  ${NAMES.map((n) => `${n} ops/s`.padStart(18)).join('  ')}  vs ioredis  vs node-redis`,
  );
  console.log(
    `${'cached-reads'.padEnd(20)}  ${NAMES.map((n) => Math.round(ops[n]).toLocaleString('en-US').padStart(18)).join('  ')}  ` +
      `${`${(ops.slotbridge / ops.ioredis).toFixed(2)}x`.padStart(10)}  ${`${(ops.slotbridge / ops['node-redis']).toFixed(2)}x`.padStart(13)}`,
  );
}
