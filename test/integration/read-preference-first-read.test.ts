import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LabCluster,
  type LabClusterNode,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
} from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/command-routing.js';
import { useClients } from '../helpers/clients.js';
import { waitReplicated } from '../helpers/replication.js';
import { useValkeyOnPath } from '../helpers/valkey.js';

/**
 * readFrom holds from the first read after connect() resolves: GET and MGET (split per slot in a
 * cluster) counted on the servers (INFO commandstats, reset with CONFIG RESETSTAT before the client
 * exists), on a cluster and on a sentinel group. Valkey 8, so that `{ zone }` has zones to match.
 * Nothing waits between connect() and the reads.
 */
const client = useClients();
const KEYS = Array.from({ length: 30 }, (_, i) => `first-read:${i}`);
const VALUES = KEYS.map((_, i) => `v${i}`);
const NOTHING = KEYS.map(() => null);

/** Calls of the read commands the tests send, on one node (or summed). */
interface Reads {
  get: number;
  mget: number;
  keys: number;
}
const NONE: Readonly<Reads> = Object.freeze({ get: 0, mget: 0, keys: 0 });

interface Counted {
  cli(...args: string[]): Promise<string>;
}

function calls(info: string, command: string): number {
  const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return match ? Number(match[1]) : 0;
}

async function resetStats(nodes: readonly Counted[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.cli('CONFIG', 'RESETSTAT')));
}

/** GET, MGET and KEYS calls each node served since its last CONFIG RESETSTAT. */
async function readCounts<T extends Counted>(nodes: readonly T[]): Promise<Map<T, Reads>> {
  const infos = await Promise.all(nodes.map((node) => node.cli('INFO', 'commandstats')));
  return new Map(
    nodes.map((node, i) => [
      node,
      { get: calls(infos[i], 'get'), mget: calls(infos[i], 'mget'), keys: calls(infos[i], 'keys') },
    ]),
  );
}

/** GET, MGET and KEYS calls summed over the nodes reads should reach (`wanted`) and over the others. */
async function splitCounts<T extends Counted>(
  nodes: readonly T[],
  wanted: (node: T) => boolean,
): Promise<Record<'wanted' | 'others', Reads>> {
  const split = { wanted: { ...NONE }, others: { ...NONE } };
  for (const [node, count] of await readCounts(nodes)) {
    const side = wanted(node) ? split.wanted : split.others;
    side.get += count.get;
    side.mget += count.mget;
    side.keys += count.keys;
  }
  return split;
}

/** The first reads of a fresh client: every GET at once, then one MGET across every slot, then KEYS (every shard). */
async function firstReads(
  redis: ReturnType<typeof client>,
  values: readonly (string | null)[],
): Promise<void> {
  await redis.connect();
  const gets = await Promise.all(KEYS.map((key) => redis.get(key)));
  expect(gets).toEqual(values);
  expect(await redis.mget(...KEYS)).toEqual(values);
  const found = (await redis.call('KEYS', 'first-read:*')) as string[];
  expect(found.sort()).toEqual(KEYS.filter((_, i) => values[i] !== null).sort());
}

describe('readFrom from the first read: cluster (Valkey 8, 3 primaries + 3 replicas)', () => {
  let cluster: LabCluster;
  let restorePath: () => void;
  let primaries: Set<LabClusterNode>;
  let nodes: LabClusterNode[];
  /** MGET parts: one per slot of KEYS. */
  let slotCount: number;
  const zoneOf = new Map<LabClusterNode, string>();

  beforeAll(async () => {
    restorePath = useValkeyOnPath();
    // A fresh cluster: nothing written, and no replication PING for the file's duration, so the nodes'
    // CLUSTER SHARDS keep calling every (in sync) replica `loading` (replication-offset 0) — the state of
    // any new cluster or added replica before its first write, for 10 s (repl-ping-replica-period).
    cluster = await startCluster({
      primaries: 3,
      replicasPerPrimary: 1,
      args: { 'repl-ping-replica-period': '3600' },
    });
    const primaryList = await cluster.primaries();
    primaries = new Set(primaryList);
    // Shards 0 and 1: replica in eu-west-1a, primary in 1b. Shard 2: primary in 1a, replica in 1b.
    for (let i = 0; i < primaryList.length; i++) {
      const replica = await cluster.replicaOf(primaryList[i]);
      zoneOf.set(primaryList[i], i < 2 ? 'eu-west-1b' : 'eu-west-1a');
      zoneOf.set(replica, i < 2 ? 'eu-west-1a' : 'eu-west-1b');
    }
    nodes = [...zoneOf.keys()];
    for (const [node, zone] of zoneOf) await node.cli('CONFIG', 'SET', 'availability-zone', zone);
    slotCount = new Set(KEYS.map((key) => keySlot(key))).size;
    const shards = await cluster.nodes[0].cli('CLUSTER', 'SHARDS');
    expect(shards.match(/^loading$/gm)).toHaveLength(3);
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    restorePath?.();
  });

  for (const readFrom of ['replica', 'preferReplica'] as const) {
    it(`readFrom '${readFrom}': GET, every MGET part and KEYS per shard on replicas from the first read`, async () => {
      await resetStats(nodes);
      await firstReads(client({ cluster: { hosts: cluster.seeds(), readFrom } }), NOTHING);
      const split = await splitCounts(nodes, (node) => !primaries.has(node));
      expect(split).toEqual({ wanted: { get: KEYS.length, mget: slotCount, keys: 3 }, others: NONE });
    });
  }

  it("readFrom { zone }: GET, MGET parts and KEYS on the client zone's nodes from the first read", async () => {
    await resetStats(nodes);
    await firstReads(
      client({ cluster: { hosts: cluster.seeds(), readFrom: { zone: 'eu-west-1a' } } }),
      NOTHING,
    );
    // Shards 0 and 1 read from their replica, shard 2 from its primary: the nodes in eu-west-1a.
    const split = await splitCounts(nodes, (node) => zoneOf.get(node) === 'eu-west-1a');
    expect(split).toEqual({ wanted: { get: KEYS.length, mget: slotCount, keys: 3 }, others: NONE });
  });
});

describe('readFrom from the first read: sentinel group (Valkey 8, master + 2 replicas)', () => {
  let group: SentinelGroupHandle;
  let restorePath: () => void;

  beforeAll(async () => {
    restorePath = useValkeyOnPath();
    group = await startSentinelGroup({ replicas: 2 });
    await group.servers[0].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1b');
    await group.servers[1].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1a');
    await group.servers[2].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1b');
    const writer = client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
    for (let i = 0; i < KEYS.length; i++) await writer.set(KEYS[i], VALUES[i]);
    writer.disconnect();
    for (const replica of group.servers.slice(1)) await waitReplicated(group.servers[0], replica);
  }, 90_000);
  afterAll(async () => {
    await group?.stop();
    restorePath?.();
  });

  for (const readFrom of ['replica', 'preferReplica'] as const) {
    it(`readFrom '${readFrom}': GET, MGET and KEYS on replicas from the first read`, async () => {
      await resetStats(group.servers);
      await firstReads(
        client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name, readFrom } }),
        VALUES,
      );
      const [master, ...replicas] = [...(await readCounts(group.servers)).values()];
      expect(master).toEqual(NONE);
      expect(replicas.reduce((sum, count) => sum + count.get, 0)).toBe(KEYS.length);
      expect(replicas.reduce((sum, count) => sum + count.mget, 0)).toBe(1);
      expect(replicas.reduce((sum, count) => sum + count.keys, 0)).toBe(1);
    });
  }

  it("readFrom { zone }: GET, MGET and KEYS on the client zone's replica from the first read, before the master of that zone", async () => {
    // servers[1] alone in eu-west-1a; in eu-west-1b the replica servers[2] wins over the master servers[0].
    for (const [zone, reader] of [
      ['eu-west-1a', 1],
      ['eu-west-1b', 2],
    ] as const) {
      await resetStats(group.servers);
      await firstReads(
        client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name, readFrom: { zone } } }),
        VALUES,
      );
      const counts = [...(await readCounts(group.servers)).values()];
      expect({ zone, counts }).toEqual({
        zone,
        counts: counts.map((_, i) => (i === reader ? { get: KEYS.length, mget: 1, keys: 1 } : NONE)),
      });
    }
  });
});
