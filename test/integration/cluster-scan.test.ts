/**
 * Cluster-wide SCAN against a real lab cluster: every primary walked, MATCH/TYPE passed through, and the
 * walk surviving a manual failover and a kill -9 of the shard it is walking (it continues on the
 * promoted node; only that shard's keys may repeat).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import type { LabClusterNode } from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster({ nodeTimeoutMs: 1000 });
let client: RedisClient;
const KEYS = Array.from({ length: 2000 }, (_, i) => `scan:${i}`);

beforeAll(async () => {
  client = createClient({ cluster: { hosts: lab.cluster.seeds(), refreshInterval: 200 } });
  await client.connect();
  const pipeline = client.pipeline();
  for (const key of KEYS) pipeline.call('SET', key, '1');
  for (let i = 0; i < 30; i++) pipeline.call('HSET', `scanh:${i}`, 'f', 'v');
  await pipeline.exec();
});

afterAll(async () => {
  await client.quit();
});

async function scanCalls(node: LabClusterNode): Promise<number> {
  return Number(/cmdstat_scan:calls=(\d+)/.exec(await node.cli('INFO', 'commandstats'))?.[1] ?? 0);
}

/** Slots owned by `node`, asked from the server. */
async function slotsOf(node: LabClusterNode): Promise<Set<number>> {
  const info = await lab.cluster.nodesInfo();
  const slots = new Set<number>();
  for (const [a, b] of info.find((entry) => entry.id === node.id)?.slots ?? []) {
    for (let slot = a; slot <= b; slot++) slots.add(slot);
  }
  return slots;
}

/** The keys the cluster holds now (asked through the client, so from each slot's current primary). */
async function stillStored(keys: string[]): Promise<Set<string>> {
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.call('EXISTS', key);
  const results = await pipeline.exec();
  return new Set(keys.filter((_, i) => results[i] === 1));
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const key of keys) {
    if (seen.has(key)) repeated.push(key);
    seen.add(key);
  }
  return repeated;
}

describe('scanIterator on a cluster', () => {
  test('walks every primary: each key once, MATCH and TYPE applied', async () => {
    const keys: string[] = [];
    for await (const key of client.scanIterator({ match: 'scan:*', count: 200 })) keys.push(key);
    expect(new Set(keys)).toEqual(new Set(KEYS));
    expect(duplicates(keys)).toEqual([]);
    const hashes: string[] = [];
    for await (const key of client.scanIterator({ type: 'hash', count: 500 })) hashes.push(key);
    expect(hashes.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `scanh:${i}`).sort());
    for (const primary of await lab.cluster.primaries()) expect(await scanCalls(primary)).toBeGreaterThan(0);
  });

  test('a manual failover mid-scan: the shard continues on the promoted node, nothing is missed', async () => {
    const keys: string[] = [];
    let promoted: LabClusterNode | undefined;
    let failedShardSlots = new Set<number>();
    for await (const key of client.scanIterator({ match: 'scan:*', count: 20 })) {
      keys.push(key);
      if (keys.length === 100) {
        const owner = await lab.cluster.ownerOf(keySlot(key));
        failedShardSlots = await slotsOf(owner);
        const changed = new Promise((resolve) => client.once('topology', resolve));
        promoted = await lab.cluster.failover(owner);
        await changed;
        expect(await scanCalls(promoted)).toBe(0);
      }
    }
    expect(promoted).toBeDefined();
    expect(await scanCalls(promoted as LabClusterNode)).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set(KEYS));
    for (const key of duplicates(keys)) expect(failedShardSlots.has(keySlot(key)), key).toBe(true);
  });

  test('kill -9 of the primary being walked: the walk waits for the promotion and completes', async () => {
    const keys: string[] = [];
    let killed: Promise<LabClusterNode> | undefined;
    for await (const key of client.scanIterator({ match: 'scan:*', count: 20 })) {
      keys.push(key);
      if (keys.length === 100) {
        killed = lab.cluster.ownerOf(keySlot(key)).then((owner) => lab.cluster.killPrimary(owner));
        // Awaited below; handled here too so a lab failure is reported by the test, not as unhandled.
        killed.catch(() => undefined);
      }
      // Give the kill a head start so the walk really hits the dead node.
      if (keys.length === 120) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const promoted = await (killed as Promise<LabClusterNode>);
    expect(await scanCalls(promoted)).toBeGreaterThan(0);
    // Replication is asynchronous: a kill -9 may take writes the replica had not received with it
    // (seen once in ~30 runs on Valkey 8.0.1: the promoted node answered SCAN with an empty keyspace).
    // The walk's promise is every key present during the whole walk, so the expectation is the keys the
    // cluster still holds — and only the killed shard may have lost any.
    const present = await stillStored(KEYS);
    const promotedSlots = await slotsOf(promoted);
    const lost = KEYS.filter((key) => !present.has(key));
    for (const key of lost)
      expect(promotedSlots.has(keySlot(key)), `${key} lost outside the killed shard`).toBe(true);
    if (lost.length > 0)
      console.error(`[cluster-scan] the server lost ${lost.length} keys in the kill -9 failover`);
    expect(new Set(keys)).toEqual(present);
  }, 60_000);
});
