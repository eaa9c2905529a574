/**
 * keyPrefix against real servers, a single one and a cluster: every key argument gets the prefix (typed
 * commands, call(), scripts' KEYS, XREAD STREAMS, pipelines, transactions, isolated connections), ARGV and
 * channels do not, and replies naming keys come back without it. A plain client sees the real names. In
 * the cluster the slot is that of the prefixed key (no MOVED is ever needed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/client/index.js';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useClients } from '../helpers/clients.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { useServer } from '../helpers/lab.js';

const single = useServer();
const cluster = useCluster();
const openClient = useClients();

const PREFIX = 'app:';

type Topology = 'single' | 'cluster';

function clients(topology: Topology): { prefixed: RedisClient; plain: RedisClient } {
  const where =
    topology === 'single' ? { port: single.server.port } : { cluster: { hosts: cluster.cluster.seeds() } };
  return { prefixed: openClient({ ...where, keyPrefix: PREFIX }), plain: openClient(where) };
}

describe.each(['single', 'cluster'] as const)('keyPrefix on a %s server', (topology) => {
  // One hash tag keeps multi-key commands on one slot in the cluster; a per-topology tag keeps the two
  // suites' keys apart on the single server's side too.
  const t = `{kp-${topology}}`;

  it('typed commands and call() prefix every key, values untouched; a plain client sees the real names', async () => {
    const { prefixed, plain } = clients(topology);
    await prefixed.set(`${t}a`, 'value-a');
    await prefixed.call('MSET', `${t}b`, 'value-b', `${t}c`, 'value-c');
    expect(await plain.get(`${PREFIX}${t}a`)).toBe('value-a');
    expect(await plain.call('MGET', `${PREFIX}${t}b`, `${PREFIX}${t}c`)).toEqual(['value-b', 'value-c']);
    expect(await plain.exists(`${t}a`)).toBe(0);
    expect(await prefixed.get(`${t}a`)).toBe('value-a');
    expect(await prefixed.call('RENAME', `${t}a`, `${t}renamed`)).toBe('OK');
    expect(await plain.get(`${PREFIX}${t}renamed`)).toBe('value-a');
    expect(await prefixed.del(`${t}renamed`, `${t}b`, `${t}c`)).toBe(3);
  });

  it("scripts: KEYS get the prefix, ARGV does not (EVAL, and defineScript's EVALSHA)", async () => {
    const { prefixed, plain } = clients(topology);
    const lua = 'redis.call("SET", KEYS[1], ARGV[1]) return {KEYS[1], ARGV[1]}';
    expect(await prefixed.call('EVAL', lua, 1, `${t}script`, 'arg')).toEqual([`${PREFIX}${t}script`, 'arg']);
    const script = prefixed.defineScript(lua, { numberOfKeys: 1 });
    expect(await script.run(`${t}script2`, 'arg2')).toEqual([`${PREFIX}${t}script2`, 'arg2']);
    expect(await plain.get(`${PREFIX}${t}script2`)).toBe('arg2');
  });

  it("XREAD STREAMS keys are prefixed and the reply's stream names are not", async () => {
    const { prefixed, plain } = clients(topology);
    await prefixed.call('XADD', `${t}stream`, '*', 'f', 'v');
    expect(await plain.call('XLEN', `${PREFIX}${t}stream`)).toBe(1);
    const reply = await prefixed.call('XREAD', 'COUNT', 1, 'STREAMS', `${t}stream`, '0');
    const names = reply instanceof Map ? [...reply.keys()] : (reply as unknown[][]).map((pair) => pair[0]);
    expect(names).toEqual([`${t}stream`]);
  });

  it('blocking and multi-pop replies name the key without the prefix (BLPOP, BLMPOP, LMPOP)', async () => {
    const { prefixed, plain } = clients(topology);
    await plain.call('RPUSH', `${PREFIX}${t}list`, 'x', 'y', 'z');
    expect(await prefixed.call('BLPOP', `${t}empty`, `${t}list`, 1)).toEqual([`${t}list`, 'x']);
    expect(await prefixed.call('BLMPOP', 1, 2, `${t}empty`, `${t}list`, 'LEFT')).toEqual([`${t}list`, ['y']]);
    expect(await prefixed.call('LMPOP', 1, `${t}list`, 'LEFT')).toEqual([`${t}list`, ['z']]);
  });

  it('scanIterator lists only the prefixed keys, without the prefix', async () => {
    const { prefixed, plain } = clients(topology);
    await plain.set(`${t}outside`, '1');
    await prefixed.set(`${t}inside1`, '1');
    await prefixed.set(`${t}inside2`, '1');
    const seen = new Set<string>();
    for await (const key of prefixed.scanIterator({ match: `${t}*side*`, count: 100 })) seen.add(key);
    expect([...seen].sort()).toEqual([`${t}inside1`, `${t}inside2`]);
  });

  it('pipelines and transactions prefix keys and strip replies', async () => {
    const { prefixed, plain } = clients(topology);
    const [set, got] = await prefixed.pipeline().set(`${t}p`, 'piped').get(`${t}p`).exec();
    expect([set, got]).toEqual(['OK', 'piped']);
    expect(await plain.get(`${PREFIX}${t}p`)).toBe('piped');
    const results = await prefixed
      .multi()
      .call('RPUSH', `${t}tx`, 'a')
      .call('LMPOP', 1, `${t}tx`, 'LEFT')
      .exec();
    expect(results).toEqual([1, [`${t}tx`, ['a']]]);
  });

  it('isolated(): WATCH and the transaction use prefixed keys', async () => {
    const { prefixed, plain } = clients(topology);
    await prefixed.set(`${t}balance`, '10');
    const result = await prefixed.isolated(
      async (c) => {
        await c.watch(`${t}balance`);
        const balance = Number(await c.get(`${t}balance`));
        return c
          .multi()
          .set(`${t}balance`, String(balance - 3))
          .exec();
      },
      { key: `${PREFIX}${t}balance` },
    );
    expect(result).toEqual(['OK']);
    expect(await plain.get(`${PREFIX}${t}balance`)).toBe('7');
  });

  it('channels are not prefixed: PUBLISH reaches a plain subscriber of the bare name', async () => {
    const { prefixed, plain } = clients(topology);
    const sub = plain.subscribe(`${t}news`);
    await sub.ready;
    const iterator = sub[Symbol.asyncIterator]();
    // (In a cluster PUBLISH's count is only the receiving node's subscribers: read the message instead.)
    await prefixed.call('PUBLISH', `${t}news`, 'hello');
    expect((await iterator.next()).value).toMatchObject({ channel: `${t}news`, message: 'hello' });
    await iterator.return?.();
  });
});

describe('keyPrefix specifics', () => {
  it('KEYS and SCAN (single server) list only prefixed keys, the prefix stripped', async () => {
    const prefixed = openClient({ port: single.server.port, keyPrefix: 'only:' });
    const plain = openClient({ port: single.server.port });
    await plain.set('notmine', '1');
    await prefixed.set('k1', '1');
    await prefixed.set('k2', '1');
    expect(((await prefixed.call('KEYS', '*')) as string[]).sort()).toEqual(['k1', 'k2']);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = (await prefixed.call('SCAN', cursor, 'COUNT', 1000)) as [string, string[]];
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    expect(keys.sort()).toEqual(['k1', 'k2']);
  });

  it('in a cluster the slot is computed on the prefixed key: no MOVED is ever answered', async () => {
    const prefixed = openClient({ cluster: { hosts: cluster.cluster.seeds() }, keyPrefix: PREFIX });
    await prefixed.connect();
    const keys = Array.from({ length: 200 }, (_, i) => `slot-${i}`);
    // Keys whose bare slot differs from their prefixed slot: routed by the bare name they would be MOVED.
    const moved = keys.filter((key) => keySlot(key) !== keySlot(PREFIX + key));
    expect(moved.length).toBeGreaterThan(150);
    const movedBefore = await movedReplies();
    await Promise.all(keys.map((key) => prefixed.set(key, key)));
    expect(await movedReplies()).toBe(movedBefore);
    for (const key of moved.slice(0, 5)) {
      const owner = await cluster.cluster.ownerOf(keySlot(PREFIX + key));
      expect(await owner.cli('GET', PREFIX + key)).toBe(key);
    }
  });
});

describe('keyPrefix behind sentinel', () => {
  let group: SentinelGroupHandle | undefined;
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1, sentinels: 1 });
  }, 60_000);
  afterAll(async () => group?.stop(), 30_000);

  it('the master gets the prefixed keys; BLPOP on a dedicated connection answers the bare key', async () => {
    const where = { sentinel: { hosts: group!.sentinelAddresses(), name: group!.name } };
    const prefixed = openClient({ ...where, keyPrefix: PREFIX });
    const plain = openClient(where);
    await prefixed.set('s1', 'via-sentinel');
    expect(await plain.get(`${PREFIX}s1`)).toBe('via-sentinel');
    await plain.call('RPUSH', `${PREFIX}sq`, 'job');
    expect(await prefixed.call('BLPOP', 'sq', 1)).toEqual(['sq', 'job']);
  }, 60_000);
});

describe('prefixChannels', () => {
  it('PUBLISH and subscribe prefix the channel; messages arrive with the names as subscribed', async () => {
    const where = { port: single.server.port };
    const prefixed = openClient({ ...where, keyPrefix: PREFIX, prefixChannels: true });
    const plain = openClient(where);
    const got: string[] = [];
    const bare = await plain.subscribe(`${PREFIX}ch`, (m) => got.push(`plain ${m.channel} ${m.message}`));
    expect(await prefixed.publish('ch', 'one')).toBe(1);
    const direct = await prefixed.subscribe('ch', (m) => got.push(`sub ${m.channel} ${m.message}`));
    const pattern = await prefixed.psubscribe('c*', (m) =>
      got.push(`psub ${m.pattern} ${m.channel} ${m.message}`),
    );
    // 3 receivers: the plain subscriber, the prefixed channel and the prefixed pattern.
    expect(await plain.publish(`${PREFIX}ch`, 'two')).toBe(3);
    // A channel outside the prefix reaches no prefixed subscription.
    expect(await plain.publish('ch', 'three')).toBe(0);
    const received = prefixed.subscribe('done');
    await received.ready;
    await plain.publish(`${PREFIX}done`, 'end');
    const iterator = received[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ channel: 'done', message: 'end' });
    expect(got.sort()).toEqual([
      `plain ${PREFIX}ch one`,
      `plain ${PREFIX}ch two`,
      'psub c* ch two',
      'sub ch two',
    ]);
    await Promise.all([bare.unsubscribe(), direct.unsubscribe(), pattern.unsubscribe(), iterator.return?.()]);
  });

  it('sharded channels in a cluster: SPUBLISH and ssubscribe on the slot of the prefixed name', async () => {
    const where = { cluster: { hosts: cluster.cluster.seeds() } };
    const prefixed = openClient({ ...where, keyPrefix: PREFIX, prefixChannels: true });
    const plain = openClient(where);
    const shard = prefixed.ssubscribe('orders');
    await shard.ready;
    expect(await plain.call('SPUBLISH', `${PREFIX}orders`, 'o1')).toBe(1);
    const iterator = shard[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ channel: 'orders', message: 'o1' });
    expect(await prefixed.call('SPUBLISH', 'orders', 'o2')).toBe(1);
    expect((await iterator.next()).value).toMatchObject({ channel: 'orders', message: 'o2' });
    await iterator.return?.();
  });

  it('needs keyPrefix', () => {
    expect(() => openClient({ port: single.server.port, prefixChannels: true })).toThrow(/needs keyPrefix/);
  });
});

/** MOVED error replies counted by every primary (INFO errorstats). */
async function movedReplies(): Promise<number> {
  let total = 0;
  for (const node of await cluster.cluster.primaries()) {
    total += Number(/errorstat_MOVED:count=(\d+)/.exec(await node.cli('INFO', 'errorstats'))?.[1] ?? 0);
  }
  return total;
}
