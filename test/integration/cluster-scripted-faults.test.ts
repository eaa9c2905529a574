/**
 * Cluster faults a real cluster cannot produce on demand, against scripted fake nodes: TRYAGAIN,
 * CLUSTERDOWN/LOADING (transient and persistent), a MOVED loop, a periodic refresh picking up a change,
 * and topology agreement when nodes disagree.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { ClusterError, createClient, type RedisClient, ReplyError } from '../../src/client/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import {
  errorReply,
  type FakeCluster,
  type FakeSlotRange,
  startFakeCluster,
} from '../helpers/fake-cluster.js';

let fake: FakeCluster | undefined;
let client: RedisClient | undefined;

afterEach(async () => {
  client?.disconnect();
  client = undefined;
  await fake?.close();
  fake = undefined;
});

async function connect(
  nodes: number,
  cluster: { maxRedirections?: number; refreshInterval?: number } = {},
  slots?: FakeSlotRange[],
): Promise<{ fake: FakeCluster; client: RedisClient }> {
  fake = await startFakeCluster(nodes);
  if (slots !== undefined) for (const node of fake.nodes) node.slots = slots;
  client = createClient({
    cluster: { hosts: [fake.nodes[0].address], refreshInterval: 0, ...cluster },
    reconnect: false,
    commandTimeout: 5_000,
  });
  await client.connect();
  return { fake, client };
}

const gets = (received: string[][]) => received.filter((args) => args[0] === 'GET');

describe('retried cluster errors', () => {
  test('TRYAGAIN is retried after a delay on the same node', async () => {
    const { fake, client } = await connect(1);
    const times: number[] = [];
    fake.nodes[0].onCommand = (args) => {
      if (args[0] !== 'GET') return undefined;
      times.push(performance.now());
      return times.length <= 2
        ? errorReply('TRYAGAIN Multiple keys request during rehashing of slot')
        : '$1\r\nv\r\n';
    };
    expect(await client.call('GET', 'k')).toBe('v');
    expect(gets(fake.nodes[0].received)).toHaveLength(3);
    // A retry waits (it is not an immediate resend): at least the first backoff step between attempts.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(5);
  });

  test.each(['CLUSTERDOWN The cluster is down', 'LOADING Redis is loading the dataset in memory'])(
    'a passing %s: back off, refresh the topology, retry, succeed',
    async (message) => {
      const { fake, client } = await connect(1);
      let calls = 0;
      fake.nodes[0].onCommand = (args) => {
        if (args[0] !== 'GET') return undefined;
        calls++;
        return calls === 1 ? errorReply(message) : '$2\r\nok\r\n';
      };
      const queriesBefore = fake.viewQueries();
      expect(await client.call('GET', 'k')).toBe('ok');
      expect(calls).toBe(2);
      expect(fake.viewQueries()).toBeGreaterThan(queriesBefore);
    },
  );

  test('a CLUSTERDOWN that persists ends, bounded, in a typed error with the cause and the chain', async () => {
    const { fake, client } = await connect(1, { maxRedirections: 3 });
    fake.nodes[0].onCommand = (args) =>
      args[0] === 'GET' ? errorReply('CLUSTERDOWN The cluster is down') : undefined;
    const error = await client.call('GET', 'k').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'ERR_CLUSTER_MAX_REDIRECTIONS' });
    expect((error as ClusterError).cause).toBeInstanceOf(ReplyError);
    expect(((error as ClusterError).cause as ReplyError).code).toBe('CLUSTERDOWN');
    expect((error as ClusterError).chain).toEqual(Array(4).fill(fake.nodes[0].address));
    expect(gets(fake.nodes[0].received)).toHaveLength(4);
  });
});

describe('redirect limit', () => {
  test('a MOVED loop stops at maxRedirections with ERR_CLUSTER_MAX_REDIRECTIONS naming the chain', async () => {
    // Both nodes own slots, so no refresh in between retires either connection.
    const { fake, client } = await connect(2, {}, [
      { start: 0, end: 8191, owner: 0 },
      { start: 8192, end: 16383, owner: 1 },
    ]);
    const slot = keySlot('loop');
    expect(slot).toBeLessThanOrEqual(8191);
    const [a, b] = fake.nodes;
    a.onCommand = (args) => (args[0] === 'GET' ? errorReply(`MOVED ${slot} ${b.address}`) : undefined);
    b.onCommand = (args) => (args[0] === 'GET' ? errorReply(`MOVED ${slot} ${a.address}`) : undefined);
    const error = await client.call('GET', 'loop').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_MAX_REDIRECTIONS');
    const chain = (error as ClusterError).chain;
    expect(chain).toHaveLength(17);
    expect(chain.slice(0, 4)).toEqual([a.address, b.address, a.address, b.address]);
    expect((error as Error).message).toContain(`${a.address} -> ${b.address}`);
    expect(gets(a.received).length + gets(b.received).length).toBe(17);
  });
});

describe('topology refresh', () => {
  test('the periodic refresh picks up a change no command revealed', async () => {
    const { fake, client } = await connect(2, { refreshInterval: 100 });
    const [a, b] = fake.nodes;
    const change = new Promise<{ movedSlots: number; added: string[] }>((resolve) =>
      client.once('topology', resolve),
    );
    for (const node of fake.nodes) node.slots = [{ start: 0, end: 16383, owner: 1 }];
    expect(await change).toMatchObject({ movedSlots: 16384, added: [b.address] });
    a.onCommand = (args) =>
      args[0] === 'GET' ? errorReply(`MOVED ${keySlot('k')} ${b.address}`) : undefined;
    b.onCommand = (args) => (args[0] === 'GET' ? '$1\r\nb\r\n' : undefined);
    expect(await client.call('GET', 'k')).toBe('b');
    expect(gets(a.received)).toEqual([]);
  });

  test.each([
    { sayB: [0, 1], expected: 'b', label: 'two of three see the change: it is applied' },
    { sayB: [0], expected: 'a', label: 'only one of three sees it: the majority view stays' },
    { sayB: [0], empty: [1, 2], expected: 'b', label: 'views that assign no slot get no vote' },
  ])('topology agreement: $label', async ({ sayB, expected, empty = [] }) => {
    fake = await startFakeCluster(3);
    const thirds = (owner0: number) => [
      { start: 0, end: 5460, owner: owner0 },
      { start: 5461, end: 10922, owner: 1 },
      { start: 10923, end: 16383, owner: 2 },
    ];
    for (const node of fake.nodes) node.slots = thirds(0);
    client = createClient({
      cluster: { hosts: [fake.nodes[0].address], refreshInterval: 0 },
      reconnect: false,
    });
    await client.connect();
    // View B: slots 0-5460 moved from node 0 to node 1; view A: unchanged.
    for (const index of sayB) fake.nodes[index].slots = thirds(1);
    fake.nodes[0].onCommand = (args) => (args[0] === 'GET' ? '$1\r\na\r\n' : undefined);
    fake.nodes[1].onCommand = (args) => (args[0] === 'GET' ? '$1\r\nb\r\n' : undefined);
    for (const index of empty) fake.nodes[index].slots = [];
    const low = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'].find((key) => keySlot(key) <= 5460);
    expect(low).toBeDefined();
    const topology = (
      client as unknown as {
        topology: { refresh(): Promise<void> };
      }
    ).topology;
    // Each refresh asks all three (in random order) and must settle on the majority every time.
    for (let round = 0; round < 5; round++) {
      await topology.refresh();
      expect(await client.call('GET', low as string)).toBe(expected);
    }
  });
});
