/**
 * Connection-stateful features on a real Sentinel group: subscriptions (RESP3 on the master connection,
 * RESP2 on a dedicated one), a blocked BLPOP, the client-side cache, MULTI and WATCH all move to the new
 * master after a failover (SENTINEL FAILOVER, then kill -9 of the master), with the delivery gap measured.
 */
import diagnostics from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { DeliveryProbe } from '../helpers/delivery-probe.js';

let group: SentinelGroupHandle;
let publisher: RedisClient;
const clients: RedisClient[] = [];

function client(extra: Record<string, unknown> = {}): RedisClient {
  const c = createClient({
    sentinel: { hosts: group.sentinelAddresses(), name: group.name },
    commandTimeout: 5_000,
    connectTimeout: 1_000,
    reconnect: { kind: 'constant', delay: 100 },
    ...extra,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  group = await startSentinelGroup({ replicas: 1, downAfterMs: 1_000, failoverTimeoutMs: 4_000 });
  publisher = createClient({
    sentinel: { hosts: group.sentinelAddresses(), name: group.name },
    commandTimeout: 5_000,
    connectTimeout: 1_000,
  });
  await publisher.connect();
}, 60_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

afterAll(async () => {
  publisher?.disconnect();
  await group?.stop();
}, 30_000);

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

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('stateful features on a sentinel-managed master', () => {
  it('before any failover: pub/sub, a BLPOP that does not delay others, MULTI, WATCH', async () => {
    const redis = client();
    const received: string[] = [];
    await redis.subscribe('st:hello', (m) => received.push(m.message));
    await publisher.publish('st:hello', 'hi');
    await until(() => received.length === 1, 'the message');
    await redis.del('st:q');
    const popped = redis.blpop('st:q', 10);
    for (let i = 0; i < 10; i++) expect(await redis.incr('st:n')).toBeGreaterThan(0);
    await publisher.rpush('st:q', 'job');
    expect(await popped).toEqual({ key: 'st:q', element: 'job' });
    expect(await redis.multi().set('st:a', '1').get('st:a').exec()).toEqual(['OK', '1']);
    const aborted = await redis.isolated(async (c) => {
      await c.watch('st:a');
      await publisher.set('st:a', '2');
      return c.multi().set('st:a', '3').exec();
    });
    expect(aborted).toBeNull();
  });

  it('SENTINEL FAILOVER: subscriptions, a blocked BLPOP and the cache move to the new master (gap measured)', async () => {
    const resp3 = client({ clientCache: true });
    const resp2 = client({ protocol: 2 });
    const probe3 = new DeliveryProbe((message) => publisher.publish('st:feed', message));
    const probe2 = new DeliveryProbe((message) => publisher.publish('st:feed2', message));
    await resp3.subscribe('st:feed', probe3.receive);
    await resp2.psubscribe('st:feed2*', probe2.receive);
    const moved: Array<{ count: number; ms: number }> = [];
    resp3.on('resubscribed', (info) => moved.push(info));
    resp2.on('resubscribed', (info) => moved.push(info));
    // The cache holds a value read on the old master.
    await publisher.set('st:cached', 'old');
    await resp3.get('st:cached');
    expect(await resp3.get('st:cached')).toBe('old');
    const flushesBefore = resp3.cacheStats()?.flushes ?? 0;
    await resp3.del('st:bq');
    probe3.start();
    probe2.start();
    await Promise.all([probe3.fresh(), probe2.fresh()]);
    const blpops = await countSent('BLPOP', async () => {
      const popped = resp3.blpop('st:bq', 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const previous = await group.master();
      const started = performance.now();
      const promoted = await group.failover();
      expect(promoted).not.toBe(previous);
      await Promise.all([probe3.fresh(), probe2.fresh()]);
      const [report3, report2] = await Promise.all([probe3.stop(), probe2.stop()]);
      console.log(
        `[sentinel pubsub] SENTINEL FAILOVER (${Math.round(performance.now() - started)} ms until both ` +
          `subscribers received again): RESP3 ${JSON.stringify(report3)}; RESP2 ${JSON.stringify(report2)}; ` +
          `moves ${JSON.stringify(moved)}`,
      );
      await publisher.rpush('st:bq', 'after-failover');
      expect(await popped).toEqual({ key: 'st:bq', element: 'after-failover' });
      expect(await promoted.cli('PUBSUB', 'NUMSUB', 'st:feed')).toBe('st:feed\n1');
      expect(await promoted.cli('PUBSUB', 'NUMPAT')).toBe('1');
    });
    expect(blpops).toBeGreaterThanOrEqual(2); // released by the demoted master, sent again to the new one
    // The cache was flushed with the move; reads and invalidations work on the new master.
    expect(resp3.cacheStats()?.flushes ?? 0).toBeGreaterThan(flushesBefore);
    await publisher.set('st:cached', 'new');
    expect(await resp3.get('st:cached')).toBe('new');
    expect(await resp3.get('st:cached')).toBe('new');
    const invalidations = resp3.cacheStats()?.invalidations ?? 0;
    await publisher.set('st:cached', 'newer');
    await until(() => (resp3.cacheStats()?.invalidations ?? 0) > invalidations, 'the invalidation');
    expect(await resp3.get('st:cached')).toBe('newer');
    // Transactions and WATCH on the new master.
    expect(await resp3.multi().incr('st:after').exec()).toEqual([expect.any(Number)]);
  });

  it('kill -9 of the master: the subscriber receives again from the new master (gap measured)', async () => {
    const redis = client();
    const probe = new DeliveryProbe((message) => publisher.publish('st:killed', message));
    await redis.subscribe('st:killed', probe.receive);
    probe.start();
    await probe.fresh();
    const killed = await group.killMaster();
    const started = performance.now();
    try {
      await group.waitForNewMaster(killed);
      const elected = Math.round(performance.now() - started);
      await probe.fresh(15_000);
      const report = await probe.stop();
      console.log(
        `[sentinel pubsub] kill -9 of the master: new master elected (as seen by the lab) ${elected} ms after ` +
          `the kill, delivery resumed ${Math.round(performance.now() - started)} ms after it; ${JSON.stringify(report)}`,
      );
      expect(report.received).toBeGreaterThan(0);
      expect((await group.master()).port).not.toBe(killed.port);
    } finally {
      await group.restartAsReplica(killed);
    }
  });
});
