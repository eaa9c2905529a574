/**
 * Connection-stateful features on a real lab cluster: pub/sub (classic and sharded) across a failover and
 * a slot migration with the delivery gap measured, blocking commands on dedicated per-node connections,
 * MULTI/EXEC and WATCH (same slot, cross-slot rejected, redirected transaction re-sent), scripts routed by
 * key with the NOSCRIPT fallback per node, and client-side caching per node connection.
 */
import diagnostics from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ClusterError, createClient, type RedisClient } from '../../src/client/index.js';
import { Connection } from '../../src/connection/index.js';
import type { LabClusterNode } from '../../src/lab/index.js';
import type { RespValue } from '../../src/resp/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { DeliveryProbe } from '../helpers/delivery-probe.js';

const lab = useCluster({ nodeTimeoutMs: 1_000 });
const clients: RedisClient[] = [];
let publisher: RedisClient;

function client(extra: Record<string, unknown> = {}, refreshInterval = 1_000): RedisClient {
  const c = createClient({
    cluster: { hosts: lab.cluster.seeds(), refreshInterval },
    reconnect: { kind: 'constant', delay: 50 },
    ...extra,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  publisher = createClient({ cluster: { hosts: lab.cluster.seeds(), refreshInterval: 1_000 } });
  await publisher.connect();
});

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

afterAll(() => {
  publisher?.disconnect();
});

/** The primary whose shared connection carries `channel` (PUBSUB NUMSUB is local to each node). */
async function carrierOf(channel: string): Promise<LabClusterNode> {
  for (const node of await lab.cluster.primaries()) {
    const reply = await node.cli('PUBSUB', 'NUMSUB', channel);
    if (reply.split('\n')[1] === '1') return node;
  }
  throw new Error(`no primary has a subscriber on ${channel}`);
}

/** Counts the commands named `name` written to any socket while `fn` runs. */
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

/** The next `resubscribed` event (subscriptions moved or restored); rejects after 10 s. */
function nextResubscribe(redis: RedisClient): Promise<{ count: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the subscriptions were not moved within 10 s')), 10_000);
    redis.once('resubscribed', (info: { count: number; ms: number }) => {
      clearTimeout(timer);
      resolve(info);
    });
  });
}

describe('pub/sub on a cluster', () => {
  it('RESP3 classic SUBSCRIBE keeps receiving after a CLUSTER FAILOVER of its carrier (gap measured)', async () => {
    const redis = client();
    const probe = new DeliveryProbe((message) => publisher.publish('cl:news', message));
    await redis.subscribe('cl:news', probe.receive);
    probe.start();
    await probe.fresh();
    const carrier = await carrierOf('cl:news');
    const moved = nextResubscribe(redis);
    const started = performance.now();
    const promoted = await lab.cluster.failover(carrier);
    const info = await moved; // the client noticed the new primaries and moved the subscription
    await probe.fresh();
    const report = await probe.stop();
    console.log(
      `[cluster pubsub] classic SUBSCRIBE, CLUSTER FAILOVER ${carrier.address} -> ${promoted.address}: ` +
        `moved ${info.ms} ms after the reroute, ${Math.round(performance.now() - started)} ms after the failover ` +
        `began; ${JSON.stringify(report)}`,
    );
    expect(info.count).toBe(1);
    expect(report.received).toBeGreaterThan(0);
    // The old primary (now a replica) is no longer the carrier: a current primary is.
    expect((await carrierOf('cl:news')).id).not.toBe(carrier.id);
  });

  it('RESP2 sharded SSUBSCRIBE keeps receiving after a CLUSTER FAILOVER of its owner (gap measured)', async () => {
    const redis = client({ protocol: 2 });
    const channel = '{shf}:events';
    const probe = new DeliveryProbe((message) => publisher.spublish(channel, message));
    await redis.ssubscribe(channel, probe.receive);
    probe.start();
    await probe.fresh();
    const owner = await lab.cluster.ownerOf(keySlot(channel));
    const moved = nextResubscribe(redis);
    const promoted = await lab.cluster.failover(owner);
    const info = await moved;
    await probe.fresh();
    const report = await probe.stop();
    console.log(
      `[cluster pubsub] RESP2 SSUBSCRIBE, CLUSTER FAILOVER ${owner.address} -> ${promoted.address}: moved in ` +
        `${info.ms} ms; ${JSON.stringify(report)}`,
    );
    expect(report.received).toBeGreaterThan(0);
    const numsub = await promoted.cli('PUBSUB', 'SHARDNUMSUB', channel);
    expect(numsub.split('\n')[1]).toBe('1');
  });

  it('RESP3 classic SUBSCRIBE survives kill -9 of its carrier (gap measured)', async () => {
    const redis = client();
    const probe = new DeliveryProbe((message) => publisher.publish('cl:killed', message));
    await redis.subscribe('cl:killed', probe.receive);
    probe.start();
    await probe.fresh();
    const carrier = await carrierOf('cl:killed');
    const started = performance.now();
    const promoted = await lab.cluster.killPrimary(carrier);
    try {
      const elected = Math.round(performance.now() - started);
      await probe.fresh(10_000);
      const report = await probe.stop();
      console.log(
        `[cluster pubsub] classic SUBSCRIBE, kill -9 of ${carrier.address} (replica ${promoted.address} elected ` +
          `${elected} ms after, as seen by the lab): delivery resumed ${Math.round(performance.now() - started)} ms ` +
          `after the kill; ${JSON.stringify(report)}`,
      );
      expect(report.received).toBeGreaterThan(0);
    } finally {
      await probe.stop();
      await lab.cluster.restartNode(carrier);
    }
  });

  it('the server drops sharded subscriptions of a migrated slot (sunsubscribe push)', async () => {
    const channel = '{shm-raw}:x';
    const slot = keySlot(channel);
    const owner = await lab.cluster.ownerOf(slot);
    const raw = new Connection({ port: owner.port });
    const pushes: RespValue[][] = [];
    raw.on('push', (frame: RespValue[]) => pushes.push(frame));
    await raw.connect();
    try {
      await raw.send(['SSUBSCRIBE', channel]);
      await lab.cluster.migrateSlot(slot);
      const deadline = Date.now() + 5_000;
      while (pushes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(pushes).toContainEqual(['sunsubscribe', channel, 0]);
    } finally {
      raw.disconnect();
    }
  });

  it.each([3, 2] as const)(
    'RESP%i sharded SSUBSCRIBE follows a migration of its slot (gap measured)',
    async (protocol) => {
      // No periodic refresh: the client learns of the move only from the server (sunsubscribe, then MOVED).
      const redis = client({ protocol }, 0);
      const channel = `{shm${protocol}}:events`;
      const slot = keySlot(channel);
      const probe = new DeliveryProbe((message) => publisher.spublish(channel, message));
      await redis.ssubscribe(channel, probe.receive);
      probe.start();
      await probe.fresh();
      const source = await lab.cluster.ownerOf(slot);
      await lab.cluster.migrateSlot(slot);
      await probe.fresh();
      const report = await probe.stop();
      const target = await lab.cluster.ownerOf(slot);
      console.log(
        `[cluster pubsub] RESP${protocol} SSUBSCRIBE, slot ${slot} migrated ${source.address} -> ` +
          `${target.address}: ${JSON.stringify(report)}`,
      );
      expect(target.id).not.toBe(source.id);
      expect((await target.cli('PUBSUB', 'SHARDNUMSUB', channel)).split('\n')[1]).toBe('1');
      expect((await source.cli('PUBSUB', 'SHARDNUMSUB', channel)).split('\n')[1]).toBe('0');
    },
  );
});

describe('blocking commands on a cluster', () => {
  it('a BLPOP waiting 10 s does not delay other commands, even on the same node', async () => {
    const redis = client();
    await redis.del('{bq}:wait');
    const order: string[] = [];
    const popped = redis.blpop('{bq}:wait', 10).then((value) => {
      order.push('blpop');
      return value;
    });
    for (let i = 0; i < 20; i++) {
      await redis.set(`{bq}:other${i}`, String(i));
      expect(await redis.get(`{bq}:other${i}`)).toBe(String(i));
    }
    order.push('others');
    await publisher.rpush('{bq}:wait', 'job');
    expect(await popped).toEqual({ key: '{bq}:wait', element: 'job' });
    expect(order).toEqual(['others', 'blpop']);
  });

  it('an aborted BLPOP frees its dedicated connection', async () => {
    const redis = client({ maxBlockingConnections: 1 });
    const controller = new AbortController();
    const blocked = redis.withOptions({ signal: controller.signal }).blpop('{ba}:q', 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(blocked).rejects.toBeInstanceOf(AbortError);
    await publisher.rpush('{ba}:q', 'x');
    expect(await redis.blpop('{ba}:q', 1)).toEqual({ key: '{ba}:q', element: 'x' });
  });

  it('a BLPOP blocked on a primary that fails over is sent again to the new primary', async () => {
    const redis = client();
    const key = '{bf}:q';
    await redis.del(key);
    const sent = await countSent('BLPOP', async () => {
      const popped = redis.blpop(key, 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const owner = await lab.cluster.ownerOf(keySlot(key));
      await lab.cluster.failover(owner);
      await publisher.rpush(key, 'after-failover');
      expect(await popped).toEqual({ key, element: 'after-failover' });
    });
    // Released by the demoted primary (UNBLOCKED), then sent again (MOVED from it, then to the new owner).
    expect(sent).toBeGreaterThanOrEqual(2);
  });
});

describe('blocking commands across a slot migration', () => {
  it('a BLPOP blocked on a key whose slot migrates is redirected by the server and sent to the new owner', async () => {
    const redis = client({}, 0);
    const key = '{bm}:q';
    await redis.del(key);
    const slot = keySlot(key);
    const before = await lab.cluster.ownerOf(slot);
    const sent = await countSent('BLPOP', async () => {
      const popped = redis.blpop(key, 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await lab.cluster.migrateSlot(slot);
      await publisher.rpush(key, 'moved');
      expect(await popped).toEqual({ key, element: 'moved' });
    });
    expect(sent).toBeGreaterThanOrEqual(2);
    expect((await lab.cluster.ownerOf(slot)).id).not.toBe(before.id);
  });
});

describe('transactions on a cluster', () => {
  it('MULTI/EXEC with keys of one slot runs on that slot owner', async () => {
    const redis = client();
    await redis.del('{tx}:n');
    const results = await redis.multi().set('{tx}:a', '1').incr('{tx}:n').get('{tx}:a').exec();
    expect(results).toEqual(['OK', 1, '1']);
  });

  it('keys of different slots are rejected before anything is sent (ERR_CLUSTER_CROSSSLOT)', async () => {
    const redis = client();
    expect(keySlot('tx:left')).not.toBe(keySlot('tx:right'));
    await redis.del('tx:left');
    const error = await redis
      .multi()
      .set('tx:left', '1')
      .set('tx:right', '2')
      .exec()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
    expect(await redis.get('tx:left')).toBeNull();
  });

  it('WATCH in isolated(): a concurrent write makes exec() return null', async () => {
    const redis = client();
    const key = '{w}:balance';
    await redis.set(key, '100');
    const result = await redis.isolated(
      async (c) => {
        await c.watch(key);
        const balance = Number(await c.get(key));
        await publisher.set(key, '50'); // another client writes the watched key
        return c
          .multi()
          .set(key, String(balance - 10))
          .exec();
      },
      { key },
    );
    expect(result).toBeNull();
    expect(await redis.get(key)).toBe('50');
    const crossSlot = await redis
      .isolated(async (c) => c.multi().set('{w}:a', '1').set('{other}:b', '2').exec(), { key })
      .catch((e: unknown) => e);
    expect((crossSlot as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
  });

  it('a transaction redirected while queueing (slot moved, nothing ran) is sent again to the new owner', async () => {
    const redis = client({}, 0);
    const key = '{txm}:n';
    await redis.set(key, '5'); // routing knows the slot's owner now
    const slot = keySlot(key);
    const before = await lab.cluster.ownerOf(slot);
    await lab.cluster.migrateSlot(slot); // the client is not told
    const multis = await countSent('MULTI', async () => {
      expect(await redis.multi().incr(key).get(key).exec()).toEqual([6, '6']);
    });
    expect(multis).toBe(2); // refused with MOVED on the old owner, then run on the new one
    const after = await lab.cluster.ownerOf(slot);
    expect(after.id).not.toBe(before.id);
    expect(await after.cli('GET', key)).toBe('6');
  });
});

describe('scripts on a cluster', () => {
  it('EVALSHA is routed by key, falls back to EVAL on each node that lacks the script', async () => {
    const redis = client();
    const incrBy = redis.defineScript('return redis.call("INCRBY", KEYS[1], ARGV[1])', { numberOfKeys: 1 });
    await redis.call('SCRIPT', 'FLUSH'); // every primary forgets it
    const keys = ['sc:a', 'sc:b', 'sc:c', 'sc:d', 'sc:e', 'sc:f'];
    await redis.del(...keys.map((key) => key));
    for (const key of keys) expect(await incrBy.run(key, 2)).toBe(2);
    for (const key of keys) expect(await incrBy.run(key, 3)).toBe(5);
    const owners = new Set(
      await Promise.all(keys.map(async (key) => (await lab.cluster.ownerOf(keySlot(key))).id)),
    );
    expect(owners.size).toBeGreaterThan(1);
    for (const node of await lab.cluster.primaries()) {
      if (owners.has(node.id)) expect(await node.cli('SCRIPT', 'EXISTS', incrBy.sha)).toBe('1');
    }
    const twoKeys = redis.defineScript('return 1', { numberOfKeys: 2 });
    const error = await twoKeys.run('sc:a', 'sc:b').catch((e: unknown) => e);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
  });
});

describe('stream consumers on a cluster', () => {
  it('a consumer-group iterator reads with blocking XREADGROUP on the stream node', async () => {
    const redis = client();
    const stream = '{sc}:jobs';
    const consumer = redis.streamConsumer({ stream, group: 'g', consumer: 'c1', block: 200 });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const entry of consumer) {
        await entry.ack();
        seen.push(String(entry.fields.n));
        if (seen.length === 3) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 3; i++) await publisher.xadd(stream, '*', [{ field: 'n', value: i }]);
    await reading;
    expect(seen).toEqual(['0', '1', '2']);
    expect(((await redis.call('XPENDING', stream, 'g')) as unknown[])[0]).toBe(0);
  });
});

describe('client-side caching on a cluster', () => {
  it('each node connection tracks its keys: a write by another client invalidates the cached value', async () => {
    const redis = client({ clientCache: true });
    const keys = ['cc:a', 'cc:b', 'cc:c', 'cc:d'];
    for (const key of keys) await publisher.set(key, 'v1');
    for (const key of keys) expect(await redis.get(key)).toBe('v1'); // miss; tracking starts per node
    for (const key of keys) expect(await redis.get(key)).toBe('v1'); // miss, now cached
    const hitsBefore = redis.cacheStats()?.hits ?? 0;
    for (const key of keys) expect(await redis.get(key)).toBe('v1');
    expect((redis.cacheStats()?.hits ?? 0) - hitsBefore).toBe(keys.length);
    const invalidationsBefore = redis.cacheStats()?.invalidations ?? 0;
    for (const key of keys) await publisher.set(key, 'v2');
    const deadline = Date.now() + 5_000;
    while ((redis.cacheStats()?.invalidations ?? 0) - invalidationsBefore < keys.length) {
      if (Date.now() > deadline) throw new Error(`invalidations: ${JSON.stringify(redis.cacheStats())}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const key of keys) expect(await redis.get(key)).toBe('v2');
    const owners = new Set(
      await Promise.all(keys.map(async (key) => (await lab.cluster.ownerOf(keySlot(key))).id)),
    );
    expect(owners.size).toBeGreaterThan(1);
  });
});
