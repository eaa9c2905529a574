import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LabCluster,
  type LabClusterNode,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
} from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';
import { waitReplicated } from '../helpers/replication.js';
import { useValkeyOnPath } from '../helpers/valkey.js';

/**
 * Zone-aware reads on Valkey 8 servers with `availability-zone` set per node (CONFIG SET; Valkey 8.0
 * reports it in INFO server as availability_zone): reads go to ready nodes of the client's zone, else to
 * the fallback. A server that reports no zone is said once, and reads go as preferReplica.
 */
const client = useClients();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function getCalls(info: string): number {
  const match = /cmdstat_get:calls=(\d+)/.exec(info);
  return match ? Number(match[1]) : 0;
}

async function readsPerNode(
  nodes: readonly { cli(...args: string[]): Promise<string> }[],
): Promise<number[]> {
  return Promise.all(nodes.map(async (node) => getCalls(await node.cli('INFO', 'commandstats'))));
}

/** Collects Node warnings with `code` while `run` runs. */
async function warningsDuring(code: string, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code === code) seen.push(warning.message);
  };
  process.on('warning', listener);
  try {
    await run();
    await sleep(50);
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

describe('zone-aware reads: Valkey 8 cluster', () => {
  let cluster: LabCluster;
  let restorePath: () => void;
  const zoneOf = new Map<LabClusterNode, string>();

  beforeAll(async () => {
    restorePath = useValkeyOnPath();
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 1 });
    const primaries = await cluster.primaries();
    // Shards 0 and 1: replica in eu-west-1a, primary in 1b. Shard 2: primary in 1a, replica in 1b.
    for (let i = 0; i < primaries.length; i++) {
      const replica = await cluster.replicaOf(primaries[i]);
      zoneOf.set(primaries[i], i < 2 ? 'eu-west-1b' : 'eu-west-1a');
      zoneOf.set(replica, i < 2 ? 'eu-west-1a' : 'eu-west-1b');
    }
    for (const [node, zone] of zoneOf) await node.cli('CONFIG', 'SET', 'availability-zone', zone);
    expect(await cluster.nodes[0].cli('INFO', 'server')).toMatch(/server_name:valkey/);
    const writer = client({ cluster: { hosts: cluster.seeds() } });
    for (let i = 0; i < 30; i++) await writer.set(`zone:${i}`, String(i));
    writer.disconnect();
    for (const primary of primaries) await waitReplicated(primary, await cluster.replicaOf(primary));
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    restorePath?.();
  });

  /**
   * 300 reads across slots with `readFrom`, counted per node, from the first read after connect() (the
   * client learns every node's zone, and asks each replica whether it is in sync, before it resolves).
   */
  async function readAcrossSlots(readFrom: unknown): Promise<Map<LabClusterNode, number>> {
    const nodes = [...zoneOf.keys()];
    for (const node of nodes) await node.cli('CONFIG', 'RESETSTAT');
    const redis = client({ cluster: { hosts: cluster.seeds(), readFrom: readFrom as never } });
    await redis.connect();
    for (let i = 0; i < 300; i++) expect(await redis.get(`zone:${i % 30}`)).toBe(String(i % 30));
    const counts = await readsPerNode(nodes);
    return new Map(nodes.map((node, i) => [node, counts[i]]));
  }

  it('reads go to the nodes of the client zone: its replicas, or the primary when that is the one in the zone', async () => {
    const reads = await readAcrossSlots({ zone: 'eu-west-1a' });
    let total = 0;
    for (const [node, count] of reads) {
      total += count;
      if (zoneOf.get(node) !== 'eu-west-1a') expect(count).toBe(0);
    }
    expect(total).toBe(300);
    const inZone = [...reads].filter(([node]) => zoneOf.get(node) === 'eu-west-1a');
    for (const [, count] of inZone) expect(count).toBeGreaterThan(0);
  });

  it('no node in the zone: the fallback (preferReplica by default, or primary)', async () => {
    const primaries = new Set(await cluster.primaries());
    const replicaReads = await readAcrossSlots({ zone: 'us-east-1c' });
    for (const [node, count] of replicaReads) {
      if (primaries.has(node)) expect(count).toBe(0);
      else expect(count).toBeGreaterThan(0);
    }
    const primaryReads = await readAcrossSlots({ zone: 'us-east-1c', fallback: 'primary' });
    for (const [node, count] of primaryReads) {
      if (primaries.has(node)) expect(count).toBeGreaterThan(0);
      else expect(count).toBe(0);
    }
  });
});

describe('zone-aware reads: Valkey 8 sentinel group', () => {
  let group: SentinelGroupHandle;
  let restorePath: () => void;

  beforeAll(async () => {
    restorePath = useValkeyOnPath();
    group = await startSentinelGroup({ replicas: 2 });
    await group.servers[0].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1b');
    await group.servers[1].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1a');
    await group.servers[2].cli('CONFIG', 'SET', 'availability-zone', 'eu-west-1b');
    const writer = client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
    await writer.set('zone:s', 'v');
    writer.disconnect();
    for (const replica of group.servers.slice(1)) await waitReplicated(group.servers[0], replica);
  }, 90_000);
  afterAll(async () => {
    await group?.stop();
    restorePath?.();
  });

  it('reads go to the replica in the client zone only', async () => {
    const redis = client({
      sentinel: { hosts: group.sentinelAddresses(), name: group.name, readFrom: { zone: 'eu-west-1a' } },
    });
    for (const server of group.servers) await server.cli('CONFIG', 'RESETSTAT');
    await redis.connect();
    for (let i = 0; i < 100; i++) expect(await redis.get('zone:s')).toBe('v');
    const [master, inZone, otherZone] = await readsPerNode(group.servers);
    expect(inZone).toBe(100);
    expect(master).toBe(0);
    expect(otherZone).toBe(0);
  });
});

describe('zone-aware reads: a server that reports no zone (Redis 7.0)', () => {
  let cluster: LabCluster;

  beforeAll(async () => {
    // Debian's redis-server on PATH ('' = PATH), whatever SLOTBRIDGE_SERVER says (the matrix sets it to Valkey too).
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 1, server: '' });
    expect(await cluster.nodes[0].cli('INFO', 'server')).not.toMatch(/availability_zone/);
    const writer = client({ cluster: { hosts: cluster.seeds() } });
    await writer.set('zone:none', 'v');
    writer.disconnect();
    for (const primary of await cluster.primaries())
      await waitReplicated(primary, await cluster.replicaOf(primary));
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('says so once and reads as preferReplica', async () => {
    const primaries = new Set(await cluster.primaries());
    const redis = client({ cluster: { hosts: cluster.seeds(), readFrom: { zone: 'eu-west-1a' } } });
    for (const node of cluster.nodes) await node.cli('CONFIG', 'RESETSTAT');
    const warnings = await warningsDuring('SLOTBRIDGE_NO_ZONE', async () => {
      await redis.connect();
      for (let i = 0; i < 50; i++) expect(await redis.get('zone:none')).toBe('v');
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/reports no availability zone.*reads go as preferReplica/);
    const counts = await readsPerNode(cluster.nodes);
    cluster.nodes.forEach((node, i) => {
      if (primaries.has(node)) expect(counts[i]).toBe(0);
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
  });
});
