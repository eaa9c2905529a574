/**
 * The stateful paths across a kill -9 failover, with a client that learned the topology before: the
 * first command of each path after the promotion returns what the data says (the key's shard moved to
 * the promoted replica; the client learns it from its connection loss and a refresh, or a MOVED).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster({ nodeTimeoutMs: 1_000 });
let client: RedisClient;

beforeAll(async () => {
  client = createClient({ cluster: { hosts: lab.cluster.seeds(), refreshInterval: 0 } });
  await client.connect();
});

afterAll(() => {
  client?.disconnect();
});

it('GET, BLPOP, MULTI/EXEC, WATCH in isolated() and SCAN after a kill -9 failover', async () => {
  const k = (name: string) => `{kill}:${name}`;
  await client.set(k('value'), 'v');
  await client.rpush(k('list'), 'a', 'b');
  await client.set(k('counter'), '1');
  // Replicated before the kill: the replica holds every write above.
  const owner = await lab.cluster.ownerOf(keySlot(k('value')));
  const replica = await lab.cluster.replicaOf(owner);
  const offset = async (node: typeof owner) =>
    Number(/master_repl_offset:(\d+)/.exec(await node.cli('INFO', 'replication'))?.[1] ?? -1);
  const written = await offset(owner);
  while ((await offset(replica)) < written) await new Promise((resolve) => setTimeout(resolve, 20));
  await lab.cluster.killPrimary(owner);
  expect(await client.get(k('value'))).toBe('v');
  expect(await client.call('BLPOP', k('list'), '2')).toEqual([k('list'), 'a']);
  expect(await client.multi().incr(k('counter')).get(k('counter')).exec()).toEqual([2, '2']);
  const watched = await client.isolated(
    async (c) => {
      await c.watch(k('counter'));
      const value = Number(await c.get(k('counter')));
      return c
        .multi()
        .set(k('counter'), String(value + 1))
        .exec();
    },
    { key: k('counter') },
  );
  expect(watched).toEqual(['OK']);
  const keys = new Set<string>();
  for await (const key of client.scanIterator({ match: '{kill}:*' })) keys.add(key);
  expect([...keys].sort()).toEqual([k('counter'), k('list'), k('value')]);
}, 60_000);
