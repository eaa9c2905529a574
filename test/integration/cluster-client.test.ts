/**
 * The cluster client against a real lab cluster: discovery (seed order, all seeds dead), routing of every
 * key shape, fan-out with reply merging, multi-slot split, pipelines, MOVED after resharding, ASK during a
 * migration, replica reads, and the three topology replies parsed from the live server.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClusterError, createClient, type ReadFromNode, type RedisClient } from '../../src/client/index.js';
import { Connection } from '../../src/connection/index.js';
import {
  keySlot,
  parseClusterNodes,
  parseClusterShards,
  parseClusterSlots,
  SlotMap,
} from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster();
let client: RedisClient;

beforeAll(async () => {
  client = createClient({ cluster: { hosts: lab.cluster.seeds() } });
  await client.connect();
});

afterAll(async () => {
  await client.quit();
});

/** The node id that owns `key`'s slot, asked from the server itself. */
async function ownerId(key: string): Promise<string> {
  return (await lab.cluster.ownerOf(keySlot(key))).id;
}

describe('discovery', () => {
  test('a dead first seed is skipped and the next one is used', async () => {
    const other = createClient({ cluster: { hosts: ['127.0.0.1:1', lab.cluster.seeds()[2]] } });
    await other.connect();
    expect(await other.call('SET', 'seed:test', 'x')).toBe('OK');
    await other.quit();
  });

  test('all seeds dead: one error listing every host and its failure', async () => {
    const dead = createClient({ cluster: { hosts: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3'] } });
    const error = await dead.connect().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_NO_SEED');
    for (const port of [1, 2, 3]) expect((error as Error).message).toContain(`127.0.0.1:${port}:`);
    dead.disconnect();
  });

  test('commands issued before connect() are queued and served once ready', async () => {
    const lazy = createClient({ cluster: { hosts: lab.cluster.seeds() } });
    const results = await Promise.all([lazy.call('SET', 'lazy:a', '1'), lazy.call('GET', 'lazy:a')]);
    expect(results).toEqual(['OK', '1']);
    await lazy.quit();
  });

  test('CLUSTER SHARDS, SLOTS and NODES from the live server give the same slot map (RESP2 and RESP3)', async () => {
    const seed = lab.cluster.nodes[0];
    // Redis lists a replica in CLUSTER SLOTS only once its replication offset is non-zero: write first.
    await client.call('MSET', '{a}1', '1');
    await client.call('MSET', '{b}1', '1');
    await client.call('MSET', '{c}1', '1');
    // The seed learns the replicas' offsets by gossip: wait until its CLUSTER SLOTS lists every replica.
    const probe = new Connection({ host: '127.0.0.1', port: seed.port });
    await probe.connect();
    for (let i = 0; i < 200; i++) {
      const view = parseClusterSlots(await probe.send(['CLUSTER', 'SLOTS']), {
        answeredBy: { host: '127.0.0.1', port: seed.port },
      });
      if (view.shards.every((shard) => shard.replicas.length === 1)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await probe.quit();
    for (const protocol of [2, 3] as const) {
      const connection = new Connection({ host: '127.0.0.1', port: seed.port, protocol });
      await connection.connect();
      const answeredBy = { host: '127.0.0.1', port: seed.port };
      // A replica shows up in each reply once its link is established: poll until the views settle.
      let fingerprints: string[] = [];
      for (let i = 0; i < 50; i++) {
        const shards = SlotMap.fromView(
          parseClusterShards(await connection.send(['CLUSTER', 'SHARDS']), { answeredBy }),
        );
        const slots = SlotMap.fromView(
          parseClusterSlots(await connection.send(['CLUSTER', 'SLOTS']), { answeredBy }),
        );
        const nodes = SlotMap.fromView(
          parseClusterNodes(await connection.send(['CLUSTER', 'NODES']), { answeredBy }),
        );
        expect(shards.coveredSlots()).toBe(16384);
        fingerprints = [shards.fingerprint(), slots.fingerprint(), nodes.fingerprint()];
        if (fingerprints.every((f) => f === fingerprints[0]) && slots.allNodes().length === 6) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(fingerprints[0]).toBe(fingerprints[1]);
      expect(fingerprints[2]).toBe(fingerprints[1]);
      await connection.quit();
    }
  });
});

describe('routing', () => {
  test('keys go to the node owning their slot; hash tags share a slot', async () => {
    for (const key of ['user:1', 'user:2', '{user}.a', '{user}.b', 'x']) {
      await client.call('SET', key, key);
      const owner = await lab.cluster.ownerOf(keySlot(key));
      expect(await owner.cli('GET', key)).toBe(key);
    }
    expect(keySlot('{user}.a')).toBe(keySlot('{user}.b'));
    expect(await client.call('MSET', '{user}.a', '1', '{user}.b', '2')).toBe('OK');
  });

  test('EVAL numkeys, XREAD STREAMS, ZUNIONSTORE and SORT ... STORE route by their keys', async () => {
    expect(await client.call('EVAL', "return redis.call('SET', KEYS[1], ARGV[1])", '1', 'eval:k', 'v')).toBe(
      'OK',
    );
    expect(await client.call('GET', 'eval:k')).toBe('v');
    await client.call('XADD', '{s}stream', '*', 'f', 'v');
    const read = await client.call('XREAD', 'COUNT', '1', 'STREAMS', '{s}stream', '0');
    expect(read).toBeTruthy();
    await client.call('ZADD', '{z}a', '1', 'm');
    expect(await client.call('ZUNIONSTORE', '{z}dest', '1', '{z}a')).toBe(1);
    await client.call('RPUSH', '{l}list', '3', '1', '2');
    expect(await client.call('SORT', '{l}list', 'STORE', '{l}sorted')).toBe(3);
    expect(await client.call('LRANGE', '{l}sorted', '0', '-1')).toEqual(['1', '2', '3']);
  });

  test('keys in different slots: typed CROSSSLOT error before sending', async () => {
    const error = await client.call('SUNIONSTORE', 'dest', 'a', 'b').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
  });

  test('MSET/MSETNX across slots reject before sending unless split writes are opted in', async () => {
    const pairs = ['nosplit:a', '1', 'nosplit:b', '2'];
    expect(keySlot('nosplit:a')).not.toBe(keySlot('nosplit:b'));
    const error = await client.call('MSET', ...pairs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
    expect(await client.call('MGET', 'nosplit:a', 'nosplit:b')).toEqual([null, null]);
    const splitting = createClient({ cluster: { hosts: lab.cluster.seeds(), splitMultiSlotWrites: true } });
    try {
      const msetnx = await splitting.call('MSETNX', ...pairs).catch((caught: unknown) => caught);
      expect((msetnx as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
      expect(await splitting.call('MSET', ...pairs)).toBe('OK');
      expect(await client.call('MGET', 'nosplit:a', 'nosplit:b')).toEqual(['1', '2']);
    } finally {
      await splitting.quit();
    }
  });

  test('MSET (opted in)/MGET/DEL/EXISTS/TOUCH/UNLINK across slots are split and recombined in order', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `multi:${i}`);
    expect(new Set(keys.map(keySlot)).size).toBeGreaterThan(3);
    const splitting = createClient({ cluster: { hosts: lab.cluster.seeds(), splitMultiSlotWrites: true } });
    expect(await splitting.call('MSET', ...keys.flatMap((key, i) => [key, String(i)]))).toBe('OK');
    await splitting.quit();
    expect(await client.call('MGET', ...keys, 'multi:none')).toEqual([
      ...keys.map((_, i) => String(i)),
      null,
    ]);
    expect(await client.call('EXISTS', ...keys)).toBe(20);
    expect(await client.call('TOUCH', ...keys)).toBe(20);
    expect(await client.call('UNLINK', ...keys.slice(0, 5))).toBe(5);
    expect(await client.call('DEL', ...keys)).toBe(15);
  });

  test('DBSIZE sums every shard, KEYS merges, FLUSHALL reaches every primary', async () => {
    await client.call('FLUSHALL');
    const keys = Array.from({ length: 30 }, (_, i) => `count:${i}`);
    for (const key of keys) await client.call('SET', key, '1');
    expect(await client.call('DBSIZE')).toBe(30);
    expect(((await client.call('KEYS', 'count:*')) as string[]).sort()).toEqual([...keys].sort());
    expect(await client.call('FLUSHALL')).toBe('OK');
    for (const primary of await lab.cluster.primaries()) expect(await primary.cli('DBSIZE')).toBe('0');
    expect(await client.call('DBSIZE')).toBe(0);
  });

  test('a pipeline across slots returns results in order with per-entry errors', async () => {
    const pipeline = client.pipeline();
    for (let i = 0; i < 50; i++) pipeline.call('SET', `pipe:${i}`, String(i));
    pipeline.call('INCR', 'pipe:0');
    pipeline.call('LPUSH', 'pipe:1', 'x');
    for (let i = 0; i < 50; i++) pipeline.call('GET', `pipe:${i}`);
    const results = await pipeline.exec();
    expect(results.slice(0, 50)).toEqual(Array(50).fill('OK'));
    expect(results[50]).toBe(1);
    expect((results[51] as { code?: string }).code).toBe('WRONGTYPE');
    expect(results.slice(52)).toEqual(Array.from({ length: 50 }, (_, i) => (i === 0 ? '1' : String(i))));
  });
});

describe('redirects', () => {
  test('MOVED after a resharding is followed and the slot map is updated', async () => {
    const key = 'moved:key';
    await client.call('SET', key, 'before');
    const before = await ownerId(key);
    await lab.cluster.migrateSlot(keySlot(key));
    expect(await ownerId(key)).not.toBe(before);
    expect(await client.call('GET', key)).toBe('before');
    expect(await client.call('SET', key, 'after')).toBe('OK');
    expect(await client.call('GET', key)).toBe('after');
  });

  test('ASK during a migration: a moved key is read from the target, a new key is written there', async () => {
    const slot = keySlot('ask:{t}1');
    await client.call('SET', 'ask:{t}1', 'one');
    await client.call('SET', 'ask:{t}2', 'two');
    const migration = await lab.cluster.migration(slot);
    await migration.begin();
    const moved = await migration.moveKeys(1);
    expect(moved).toBe(1);
    // One key is on the target (ASK), the other still on the source.
    expect(await client.call('GET', 'ask:{t}1')).toBe('one');
    expect(await client.call('GET', 'ask:{t}2')).toBe('two');
    await migration.moveKeys();
    expect(await client.call('GET', 'ask:{t}2')).toBe('two');
    await migration.finish();
    expect(await client.call('MGET', 'ask:{t}1', 'ask:{t}2')).toEqual(['one', 'two']);
  });
});

describe('replica reads', () => {
  test("readFrom: 'replica' sends read-only commands to replicas and writes to primaries", async () => {
    const reader = createClient({ cluster: { hosts: lab.cluster.seeds(), readFrom: 'replica' } });
    await reader.connect();
    await reader.call('SET', 'replica:key', 'v');
    const owner = await lab.cluster.ownerOf(keySlot('replica:key'));
    const replica = await lab.cluster.replicaOf(owner);
    await replica.cli('WAIT', '0', '0').catch(() => '');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Number(
      /cmdstat_get:calls=(\d+)/.exec(await replica.cli('INFO', 'commandstats'))?.[1] ?? 0,
    );
    expect(await reader.call('GET', 'replica:key')).toBe('v');
    const after = Number(/cmdstat_get:calls=(\d+)/.exec(await replica.cli('INFO', 'commandstats'))?.[1] ?? 0);
    expect(after).toBe(before + 1);
    await reader.quit();
  });

  test('readFrom as a function: it sees the shard (primary first), its choice serves reads, writes skip it', async () => {
    const seen: ReadFromNode[][] = [];
    const commands: string[] = [];
    let wantReplica = true;
    const reader = createClient({
      cluster: {
        hosts: lab.cluster.seeds(),
        readFrom: (nodes, context) => {
          seen.push([...nodes]);
          commands.push(`${context.command}@${context.slot}`);
          return wantReplica ? nodes.find((node) => node.role === 'replica' && node.healthy) : undefined;
        },
      },
    });
    await reader.connect();
    const key = 'readfn:key';
    await reader.call('SET', key, 'v');
    expect(commands).toEqual([]);
    const owner = await lab.cluster.ownerOf(keySlot(key));
    const replica = await lab.cluster.replicaOf(owner);
    await owner.cli('WAIT', '1', '1000');
    const calls = async (node: typeof owner) =>
      Number(/cmdstat_get:calls=(\d+)/.exec(await node.cli('INFO', 'commandstats'))?.[1] ?? 0);
    const [replicaBefore, ownerBefore] = [await calls(replica), await calls(owner)];
    expect(await reader.call('GET', key)).toBe('v');
    expect([await calls(replica), await calls(owner)]).toEqual([replicaBefore + 1, ownerBefore]);
    expect(commands).toEqual([`GET@${keySlot(key)}`]);
    expect(seen[0].map((node) => [node.role, node.id])).toEqual([
      ['primary', owner.id],
      ['replica', replica.id],
    ]);
    expect(seen[0][1]).toMatchObject({ address: replica.address, host: '127.0.0.1', port: replica.port });
    wantReplica = false;
    expect(await reader.call('GET', key)).toBe('v');
    expect([await calls(replica), await calls(owner)]).toEqual([replicaBefore + 1, ownerBefore + 1]);
    await reader.quit();
  });

  test('a readFrom function that throws fails that read only', async () => {
    const reader = createClient({
      cluster: {
        hosts: lab.cluster.seeds(),
        readFrom: () => {
          throw new Error('picker broke');
        },
      },
    });
    await reader.connect();
    await expect(reader.call('GET', 'readfn:key')).rejects.toThrow('picker broke');
    expect(await reader.call('SET', 'readfn:other', '1')).toBe('OK');
    await reader.quit();
  });
});

describe('server info', () => {
  test('client.servers() has each connected node, keyed as announced; client.server is their common answer', async () => {
    const reader = createClient({ cluster: { hosts: lab.cluster.seeds(), readFrom: 'replica' } });
    await reader.connect();
    await reader.call('SET', 'server:info', 'v');
    await reader.call('GET', 'server:info');
    const servers = reader.servers();
    const primaries = (await lab.cluster.primaries()).map((node) => node.address).sort();
    const keys = [...servers.keys()];
    for (const primary of primaries) expect(keys).toContain(primary);
    const owner = await lab.cluster.ownerOf(keySlot('server:info'));
    expect(keys).toContain((await lab.cluster.replicaOf(owner)).address);
    const version = await lab.cluster.nodes[0].cli('INFO', 'server');
    for (const info of servers.values()) {
      expect(info).toMatchObject({ flavor: expect.stringMatching(/^(redis|valkey)$/), mode: 'cluster' });
      expect(version).toContain(info.version);
    }
    expect(reader.server).toEqual([...servers.values()][0]);
    expect(reader.serverVersion).toBe(reader.server?.version);
    await reader.quit();
  });
});
