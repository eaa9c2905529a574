import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LabCluster,
  type LabClusterNode,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
} from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';
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
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    restorePath?.();
  });

  /**
   * Reads across slots with `readFrom`, once the client's routing has settled: a replica shows as
   * 'loading' in the topology until its sync is seen by a refresh, and each connection learns its
   * server's zone just after its handshake, so warm-up rounds run (10 s at most) until `settled` holds
   * for a round; then 300 reads are counted per node.
   */
  async function readAcrossSlots(
    readFrom: unknown,
    settled: (reads: Map<LabClusterNode, number>) => boolean,
  ): Promise<Map<LabClusterNode, number>> {
    const redis = client({
      cluster: { hosts: cluster.seeds(), readFrom: readFrom as never, refreshInterval: 300 },
    });
    await redis.connect();
    for (let i = 0; i < 30; i++) await redis.set(`zone:${i}`, String(i));
    const nodes = [...zoneOf.keys()];
    const countReads = async (reads: number): Promise<Map<LabClusterNode, number>> => {
      for (const node of nodes) await node.cli('CONFIG', 'RESETSTAT');
      for (let i = 0; i < reads; i++) expect(await redis.get(`zone:${i % 30}`)).toBe(String(i % 30));
      const counts = await readsPerNode(nodes);
      return new Map(nodes.map((node, i) => [node, counts[i]]));
    };
    const deadline = performance.now() + 10_000;
    while (!settled(await countReads(30)) && performance.now() < deadline) await sleep(200);
    return countReads(300);
  }

  it('reads go to the nodes of the client zone: its replicas, or the primary when that is the one in the zone', async () => {
    const inZoneOnly = (reads: Map<LabClusterNode, number>) =>
      [...reads].every(([node, count]) => count === 0 || zoneOf.get(node) === 'eu-west-1a');
    const reads = await readAcrossSlots({ zone: 'eu-west-1a' }, inZoneOnly);
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
    const onlyOn = (wanted: (node: LabClusterNode) => boolean) => (reads: Map<LabClusterNode, number>) =>
      [...reads].every(([node, count]) => count === 0 || wanted(node));
    const replicaReads = await readAcrossSlots(
      { zone: 'us-east-1c' },
      onlyOn((node) => !primaries.has(node)),
    );
    for (const [node, count] of replicaReads) {
      if (primaries.has(node)) expect(count).toBe(0);
      else expect(count).toBeGreaterThan(0);
    }
    const primaryReads = await readAcrossSlots(
      { zone: 'us-east-1c', fallback: 'primary' },
      onlyOn((node) => primaries.has(node)),
    );
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
  }, 90_000);
  afterAll(async () => {
    await group?.stop();
    restorePath?.();
  });

  it('reads go to the replica in the client zone only', async () => {
    const redis = client({
      sentinel: { hosts: group.sentinelAddresses(), name: group.name, readFrom: { zone: 'eu-west-1a' } },
    });
    await redis.set('zone:s', 'v');
    // Warm-up until the replicas are connected, their zones learned and the write reached them (10 s at most).
    const deadline = performance.now() + 10_000;
    for (;;) {
      for (const server of group.servers) await server.cli('CONFIG', 'RESETSTAT');
      for (let i = 0; i < 20; i++) await redis.get('zone:s');
      const [, warmInZone] = await readsPerNode(group.servers);
      if (warmInZone === 20 || performance.now() > deadline) break;
      await sleep(200);
    }
    for (const server of group.servers) await server.cli('CONFIG', 'RESETSTAT');
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
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('says so once and reads as preferReplica', async () => {
    const primaries = new Set(await cluster.primaries());
    const redis = client({
      cluster: { hosts: cluster.seeds(), readFrom: { zone: 'eu-west-1a' }, refreshInterval: 300 },
    });
    const warnings = await warningsDuring('SLOTBRIDGE_NO_ZONE', async () => {
      await redis.connect();
      await redis.set('zone:none', 'v');
      // Warm-up until the replica is seen ready (a refresh sees its sync) and reads settle, 10 s at most.
      const deadline = performance.now() + 10_000;
      for (;;) {
        for (const node of cluster.nodes) await node.cli('CONFIG', 'RESETSTAT');
        for (let i = 0; i < 10; i++) await redis.get('zone:none');
        const warm = await readsPerNode(cluster.nodes);
        const onPrimaries = cluster.nodes.reduce(
          (sum, node, i) => sum + (primaries.has(node) ? warm[i] : 0),
          0,
        );
        if (onPrimaries === 0 || performance.now() > deadline) break;
        await sleep(200);
      }
      for (const node of cluster.nodes) await node.cli('CONFIG', 'RESETSTAT');
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
