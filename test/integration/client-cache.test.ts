import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(extra: Record<string, unknown> = {}): RedisClient {
  const c = openClient({ port: lab.server.port, reconnect: { kind: 'constant', delay: 20 }, ...extra });
  return c;
}

/** Counts the commands named `name` that reach a socket while `fn` runs. */
async function countSent(name: string, fn: () => Promise<void>): Promise<number> {
  let count = 0;
  const channel = diagnostics.channel('slotbridge:connection:command-start');
  const onStart = (message: unknown) => {
    if (String((message as { args: unknown[] }).args[0]).toUpperCase() === name) count++;
  };
  channel.subscribe(onStart);
  try {
    await fn();
  } finally {
    channel.unsubscribe(onStart);
  }
  return count;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('client-side caching (RESP3, CLIENT TRACKING)', () => {
  it('serves repeated reads from memory and counts hits and misses', async () => {
    const redis = client({ clientCache: true });
    await redis.set('cc:a', '1');
    await redis.get('cc:a'); // tracking is switched on with the first read
    const sent = await countSent('GET', async () => {
      expect(await redis.get('cc:a')).toBe('1');
      for (let i = 0; i < 5; i++) expect(await redis.get('cc:a')).toBe('1');
    });
    expect(sent).toBe(1);
    const stats = redis.cacheStats();
    expect(stats?.enabled).toBe(true);
    expect(stats?.hits).toBe(5);
    expect(stats?.entries).toBe(1);
  });

  it('a value changed by another client is never served stale after the invalidation arrives', async () => {
    const reader = client({ clientCache: true });
    const writer = client();
    await writer.set('cc:v', 0);
    await reader.get('cc:v');
    await reader.get('cc:v'); // cached now
    for (let i = 1; i <= 20; i++) {
      const before = reader.cacheStats()?.invalidations ?? 0;
      await writer.set('cc:v', i);
      await until(() => (reader.cacheStats()?.invalidations ?? 0) > before, `invalidation ${i}`);
      // After the invalidation, the very next read sees the new value (and caches it again).
      expect(await reader.get('cc:v')).toBe(String(i));
      expect(await reader.get('cc:v')).toBe(String(i));
    }
    // Hashes and lists too; and the client's own writes are read back at once.
    await reader.call('HSET', 'cc:h', 'f', 'a');
    expect(await reader.hgetall('cc:h')).toEqual({ f: 'a' });
    await reader.call('HSET', 'cc:h', 'f', 'b');
    expect(await reader.hgetall('cc:h')).toEqual({ f: 'b' });
  });

  it('bounds the cache by entries and forgets everything on reconnect', async () => {
    const redis = client({ clientCache: { maxEntries: 3 } });
    const admin = client();
    await redis.get('cc:warm');
    for (let i = 0; i < 5; i++) await redis.get(`cc:e${i}`);
    let stats = redis.cacheStats();
    expect(stats?.entries).toBe(3);
    expect(stats?.evictions).toBeGreaterThanOrEqual(2);
    // Lists returned from the cache are copies: mutating one does not alter the cache.
    await admin.rpush('cc:l', 'x');
    await redis.lrange('cc:l', 0, -1);
    (await redis.lrange('cc:l', 0, -1)).push('mutated');
    expect(await redis.lrange('cc:l', 0, -1)).toEqual(['x']);
    const id = await redis.call('CLIENT', 'ID');
    const ready = new Promise((resolve) => redis.once('ready', resolve));
    await admin.call('CLIENT', 'KILL', 'ID', String(id));
    await ready;
    stats = redis.cacheStats();
    expect(stats?.entries).toBe(0);
    expect(stats?.flushes).toBeGreaterThanOrEqual(1);
    // Tracking is back on after the reconnect: a change by another client invalidates again.
    await redis.get('cc:e4');
    await until(async () => {
      await redis.get('cc:e4');
      return (redis.cacheStats()?.entries ?? 0) > 0;
    }, 'a cached entry after the reconnect');
    const before = redis.cacheStats()?.invalidations ?? 0;
    await admin.set('cc:e4', 'new');
    await until(() => (redis.cacheStats()?.invalidations ?? 0) > before, 'the invalidation after reconnect');
    expect(await redis.get('cc:e4')).toBe('new');
  });

  it('stays off on RESP2 (no invalidation pushes) and reads go to the server', async () => {
    const redis = client({ clientCache: true, protocol: 2 });
    await redis.get('cc:r2');
    await redis.get('cc:r2');
    expect(redis.cacheStats()?.enabled).toBe(false);
    expect(redis.cacheStats()?.entries).toBe(0);
  });
});
