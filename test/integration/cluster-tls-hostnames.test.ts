/**
 * TLS through an address map, with certificate verification on: every node of a real TLS cluster
 * announces a hostname (`cluster-announce-hostname`, `cluster-preferred-endpoint-type hostname`) and
 * has a certificate valid for that name only (not for 127.0.0.1). The client reaches each name through
 * `addresses.map` (name → 127.0.0.1, the announced port kept), so every socket goes to an IP address
 * and must present the announced name as TLS servername: the seed connection, the pooled node
 * connections, a view refresh over a fresh connection, and the nodes met after a failover.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientConfig, createClient, type RedisClient } from '../../src/client/index.js';
import type { LabClusterNode } from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const nameOf = (index: number): string => `node-${index}.cluster.slotbridge.test`;
const lab = useCluster({ tls: true, hostnames: nameOf });
const clients: RedisClient[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

/** The node's announced address as a TLS client sees it: its hostname and its TLS port. */
function announced(node: LabClusterNode): string {
  return `${nameOf(lab.cluster.nodes.indexOf(node))}:${node.tlsPort}`;
}

function client(extra: Partial<ClientConfig> = {}): RedisClient {
  const nodes = lab.cluster.nodes;
  const map: Record<string, string> = {};
  nodes.forEach((_, index) => {
    map[nameOf(index)] = '127.0.0.1';
  });
  const redis = createClient({
    cluster: { hosts: [announced(nodes[0])], refreshInterval: 0 },
    tls: { ca: lab.cluster.tlsCa, rejectUnauthorized: true },
    addresses: { map, mapConfiguredHosts: true },
    connectTimeout: 5_000,
    ...extra,
  });
  redis.on('error', () => undefined);
  clients.push(redis);
  return redis;
}

/** One key per current primary. */
async function keysPerPrimary(): Promise<Map<LabClusterNode, string>> {
  const primaries = await lab.cluster.primaries();
  const keys = new Map<LabClusterNode, string>();
  for (let i = 0; keys.size < primaries.length; i++) {
    const key = `tls:${i}`;
    const owner = await lab.cluster.ownerOf(keySlot(key));
    if (!keys.has(owner)) keys.set(owner, key);
  }
  return keys;
}

function topologyOf(redis: RedisClient): { refresh(): Promise<void> } {
  return (redis as unknown as { topology: { refresh(): Promise<void> } }).topology;
}

async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a TLS cluster announcing hostnames, reached through a map, certificates verified', () => {
  it('the seed and every shard verify under their announced names; routing keeps the names', async () => {
    const redis = client();
    await redis.connect();
    for (const [node, key] of await keysPerPrimary()) {
      expect(await redis.set(key, node.id)).toBe('OK');
      expect(await redis.get(key)).toBe(node.id);
    }
    const servers = [...redis.servers().keys()];
    for (const primary of await lab.cluster.primaries()) expect(servers).toContain(announced(primary));
    expect(servers.every((address) => address.startsWith('node-'))).toBe(true);
  });

  it('control: a servername the certificates do not carry is refused (verification is on)', async () => {
    const redis = client({
      addresses: {
        map: Object.fromEntries(lab.cluster.nodes.map((_, index) => [nameOf(index), '127.0.0.1'])),
        mapConfiguredHosts: true,
        servername: () => 'elsewhere.slotbridge.test',
      },
      reconnect: false,
    });
    const error = await redis.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/certificate|altnames|elsewhere/i);
  });

  it('a refresh over fresh connections (every pooled connection gone) verifies each node', async () => {
    const redis = client({ reconnect: false });
    await redis.connect();
    const keys = await keysPerPrimary();
    for (const key of keys.values()) await redis.set(key, 'before');
    // Every client connection of every node is closed: the pool holds no ready connection, so the
    // refresh asks each node over a new, short-lived connection.
    await Promise.all(lab.cluster.nodes.map((node) => node.cli('CLIENT', 'KILL', 'TYPE', 'normal')));
    await eventually('the client saw its connections closed', () => redis.servers().size === 0);
    await topologyOf(redis).refresh();
    for (const key of keys.values()) expect(await redis.get(key)).toBe('before');
  });

  it('a failover: the promoted replica is reached under its own name, the view follows', async () => {
    const redis = client();
    await redis.connect();
    const [[owner, key]] = [...(await keysPerPrimary())];
    await redis.set(key, 'before');
    const promoted = await lab.cluster.failover(owner);
    expect(await redis.set(key, 'after')).toBe('OK');
    expect(await redis.get(key)).toBe('after');
    // Right after CLUSTER FAILOVER the other nodes learn the new epoch by gossip; a refresh may still
    // hear the old view from a majority (seen once on Valkey 8.0.1), so the view must follow within
    // refreshes, over fresh verified connections to the promoted node's own name.
    const deadline = Date.now() + 10_000;
    for (;;) {
      await topologyOf(redis).refresh();
      if ([...redis.servers().keys()].includes(announced(promoted)) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([...redis.servers().keys()]).toContain(announced(promoted));
    for (const other of (await keysPerPrimary()).values()) {
      expect(await redis.set(other, 'again')).toBe('OK');
    }
  });
});
