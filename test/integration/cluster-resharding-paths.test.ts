/**
 * Every command path against a real half-migrated slot (target IMPORTING, source MIGRATING, some keys
 * already MIGRATEd) with a client that learned the topology before the migration began, then the same
 * path once the migration completed (the client's view is stale: MOVED). One lab, one slot per path
 * (each path's hash tag), so the paths do not disturb each other. Periodic refresh is off: what the client
 * knows, it learnt from the redirects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterError, createClient, type RedisClient } from '../../src/client/index.js';
import type { LabClusterNode, SlotMigration } from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster({ replicasPerPrimary: 0 });
let client: RedisClient;
let cached: RedisClient;

beforeAll(async () => {
  const hosts = lab.cluster.seeds();
  client = createClient({ cluster: { hosts, refreshInterval: 0 } });
  cached = createClient({ cluster: { hosts, refreshInterval: 0 }, clientCache: true });
  await Promise.all([client.connect(), cached.connect()]);
  // Both learnt the topology before any migration: GET answers from the slot's owner.
  await Promise.all([client.get('warm'), cached.get('warm')]);
});

afterAll(() => {
  client?.disconnect();
  cached?.disconnect();
});

/**
 * Seeds keys of `{tag}` on their slot's owner, begins the migration to the next primary and MIGRATEs
 * `moved` there; every other key stays on the source.
 */
async function halfMigrated(
  tag: string,
  seed: (source: LabClusterNode) => Promise<unknown>,
  moved: string[],
): Promise<SlotMigration> {
  const migration = await lab.cluster.migration(keySlot(`{${tag}}`));
  await seed(migration.source);
  await migration.begin();
  const out = await migration.source.cli(
    'MIGRATE',
    '127.0.0.1',
    String(migration.target.port),
    '',
    '0',
    '5000',
    'KEYS',
    ...moved,
  );
  expect(out).toBe('OK');
  return migration;
}

/** Moves the slot's remaining keys and assigns it to the target everywhere. */
async function complete(migration: SlotMigration): Promise<void> {
  await migration.moveKeys();
  await migration.finish();
}

describe('a half-migrated slot, then the completed migration', () => {
  it('GET of a moved key and of a key still on the source', async () => {
    const k = (name: string) => `{get}:${name}`;
    const m = await halfMigrated('get', (n) => n.cli('MSET', k('moved'), 'm', k('stay'), 's'), [k('moved')]);
    expect(await client.get(k('moved'))).toBe('m');
    expect(await client.get(k('stay'))).toBe('s');
    await complete(m);
    expect(await client.get(k('moved'))).toBe('m');
    expect(await client.get(k('stay'))).toBe('s');
  });

  it('a pipeline with keys on both sides of the migration', async () => {
    const k = (name: string) => `{pipe}:${name}`;
    const m = await halfMigrated('pipe', (n) => n.cli('MSET', k('moved'), 'm', k('stay'), 's'), [k('moved')]);
    const run = async () => {
      const p = client.pipeline();
      p.get(k('moved'));
      p.get(k('stay'));
      p.incr(k('moved-counter'));
      return p.exec();
    };
    expect(await run()).toEqual(['m', 's', 1]);
    await complete(m);
    expect(await run()).toEqual(['m', 's', 2]);
  });

  it('EVAL, EVALSHA and FCALL on a moved key', async () => {
    const k = (name: string) => `{script}:${name}`;
    const lua = 'return redis.call("GET", KEYS[1])';
    const library =
      "#!lua name=rpaths\nredis.register_function('rpaths_get', function(keys) return redis.call('GET', keys[1]) end)";
    const primaries = await lab.cluster.primaries();
    const shas = await Promise.all(primaries.map((node) => node.cli('SCRIPT', 'LOAD', lua)));
    await Promise.all(primaries.map((node) => node.cli('FUNCTION', 'LOAD', 'REPLACE', library)));
    const m = await halfMigrated('script', (n) => n.cli('SET', k('moved'), 'm'), [k('moved')]);
    const all = () =>
      Promise.all([
        client.call('EVAL', lua, '1', k('moved')),
        client.call('EVALSHA', shas[0], '1', k('moved')),
        client.call('FCALL', 'rpaths_get', '1', k('moved')),
      ]);
    expect(await all()).toEqual(['m', 'm', 'm']);
    await complete(m);
    expect(await all()).toEqual(['m', 'm', 'm']);
  });

  it('BLPOP on the importing node with ASKING, then on the new owner', async () => {
    const k = (name: string) => `{blpop}:${name}`;
    const m = await halfMigrated(
      'blpop',
      async (n) => {
        await n.cli('RPUSH', k('moved'), 'a', 'b');
        await n.cli('RPUSH', k('stay'), 'c', 'd');
      },
      [k('moved')],
    );
    expect(await client.call('BLPOP', k('moved'), '2')).toEqual([k('moved'), 'a']);
    expect(await client.call('BLPOP', k('stay'), '2')).toEqual([k('stay'), 'c']);
    await complete(m);
    expect(await client.call('BLPOP', k('moved'), '2')).toEqual([k('moved'), 'b']);
    expect(await client.call('BLPOP', k('stay'), '2')).toEqual([k('stay'), 'd']);
  });

  it('BLMOVE and BZPOPMIN', async () => {
    const k = (name: string) => `{blmove}:${name}`;
    const m = await halfMigrated(
      'blmove',
      async (n) => {
        await n.cli('RPUSH', k('src'), 'a', 'b');
        await n.cli('RPUSH', k('dst'), 'z');
        await n.cli('ZADD', k('zset'), '1', 'one', '2', 'two');
      },
      [k('src'), k('dst'), k('zset')],
    );
    expect(await client.call('BLMOVE', k('src'), k('dst'), 'LEFT', 'RIGHT', '2')).toBe('a');
    const first = (await client.call('BZPOPMIN', k('zset'), '2')) as unknown[];
    expect(first.slice(0, 2)).toEqual([k('zset'), 'one']);
    expect(Number(first[2])).toBe(1);
    await complete(m);
    expect(await client.call('BLMOVE', k('src'), k('dst'), 'LEFT', 'RIGHT', '2')).toBe('b');
    const second = (await client.call('BZPOPMIN', k('zset'), '2')) as unknown[];
    expect(second.slice(0, 2)).toEqual([k('zset'), 'two']);
    expect(await client.call('LRANGE', k('dst'), '0', '-1')).toEqual(['z', 'a', 'b']);
  });

  it('XREADGROUP BLOCK on a moved stream', async () => {
    const k = (name: string) => `{xread}:${name}`;
    const m = await halfMigrated(
      'xread',
      async (n) => {
        await n.cli('XADD', k('stream'), '1-0', 'f', 'one');
        await n.cli('XADD', k('stream'), '2-0', 'f', 'two');
        await n.cli('XGROUP', 'CREATE', k('stream'), 'g', '0');
      },
      [k('stream')],
    );
    const read = () =>
      client.call(
        'XREADGROUP',
        'GROUP',
        'g',
        'c',
        'COUNT',
        '1',
        'BLOCK',
        '2000',
        'STREAMS',
        k('stream'),
        '>',
      );
    // RESP3 answers a map of stream -> entries; the entry ids are what the data says.
    const ids = (reply: unknown) =>
      JSON.stringify(reply, (_key, value) => (value instanceof Map ? Object.fromEntries(value) : value));
    expect(ids(await read())).toContain('"1-0"');
    await complete(m);
    expect(ids(await read())).toContain('"2-0"');
  });

  it('MULTI/EXEC is sent whole to the importing node, ASKING first', async () => {
    const k = (name: string) => `{multi}:${name}`;
    const m = await halfMigrated('multi', (n) => n.cli('SET', k('moved'), '10'), [k('moved')]);
    expect(await client.multi().incr(k('moved')).get(k('moved')).exec()).toEqual([11, '11']);
    await complete(m);
    expect(await client.multi().incr(k('moved')).get(k('moved')).exec()).toEqual([12, '12']);
  });

  it('WATCH in isolated() rejects with a typed, retryable error while the slot migrates', async () => {
    const k = (name: string) => `{watch}:${name}`;
    const m = await halfMigrated('watch', (n) => n.cli('MSET', k('moved'), '1', k('stay'), '5'), [
      k('moved'),
    ]);
    const section = (key: string) =>
      client.isolated(
        async (c) => {
          await c.watch(key);
          const value = Number(await c.get(key));
          return c
            .multi()
            .set(key, String(value + 1))
            .exec();
        },
        { key },
      );
    const error = await section(k('moved')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'ERR_CLUSTER_SLOT_MIGRATING', retryable: true });
    expect((error as Error).message).toContain('migrated');
    // A key the migration has not moved yet is served by the source, WATCH included.
    expect(await section(k('stay'))).toEqual(['OK']);
    await complete(m);
    // The first section after the move meets MOVED on its pinned connection: it rejects, and the client
    // learnt the owner, so the retry runs on the new node.
    const moved = await section(k('moved')).catch((caught: unknown) => caught);
    expect(moved).toMatchObject({ code: 'ERR_CLUSTER_SLOT_MIGRATING' });
    expect(await section(k('moved'))).toEqual(['OK']);
    expect(await client.get(k('moved'))).toBe('2');
  });

  it('SSUBSCRIBE + SPUBLISH on a migrating slot, and a new subscription after the move', async () => {
    const k = (name: string) => `{shard}:${name}`;
    const m = await halfMigrated('shard', (n) => n.cli('SET', k('moved'), 'x'), [k('moved')]);
    const heard: string[] = [];
    const first = await client.ssubscribe(k('during'), (message) => heard.push(message.message));
    expect(await client.spublish(k('during'), 'one')).toBe(1);
    await until(() => heard.includes('one'));
    await first.unsubscribe();
    await complete(m);
    const second = await client.ssubscribe(k('after'), (message) => heard.push(message.message));
    expect(await client.spublish(k('after'), 'two')).toBe(1);
    await until(() => heard.includes('two'));
    await second.unsubscribe();
  });

  it('SCAN across the migration yields the keys on both nodes', async () => {
    const k = (name: string) => `{scan}:${name}`;
    const m = await halfMigrated('scan', (n) => n.cli('MSET', k('a'), '1', k('b'), '2', k('c'), '3'), [
      k('a'),
      k('b'),
    ]);
    const walk = async () => {
      const keys = new Set<string>();
      for await (const key of client.scanIterator({ match: '{scan}:*' })) keys.add(key);
      return [...keys].sort();
    };
    expect(await walk()).toEqual([k('a'), k('b'), k('c')]);
    await complete(m);
    expect(await walk()).toEqual([k('a'), k('b'), k('c')]);
  });

  it('a cached read (clientCache) of a moved key', async () => {
    const k = (name: string) => `{cache}:${name}`;
    const m = await halfMigrated('cache', (n) => n.cli('MSET', k('moved'), 'm', k('stay'), 's'), [
      k('moved'),
    ]);
    expect(await cached.get(k('moved'))).toBe('m');
    expect(await cached.get(k('stay'))).toBe('s');
    await complete(m);
    expect(await cached.get(k('moved'))).toBe('m');
    expect(await cached.get(k('stay'))).toBe('s');
    await client.set(k('moved'), 'new');
    expect(await cached.get(k('moved'))).toBe('new');
  });
});

/** Waits (bounded by the test's timeout) until `condition` holds: for a pub/sub delivery. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
