/**
 * Faults under a load of ~1,000 commands/s: manual failover, kill -9 of a primary, slot migration while
 * writing, a node restarted on another port. Every command must settle; after recovery all succeed.
 * Error counts and recovery times are printed (the issue asks for them in the closing note).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { startLoad } from '../helpers/load.js';

const lab = useCluster({ nodeTimeoutMs: 1000 });
let client: RedisClient;

beforeAll(async () => {
  client = createClient({ cluster: { hosts: lab.cluster.seeds(), refreshInterval: 2000 } });
  await client.connect();
});

afterAll(async () => {
  await client.quit();
});

async function allSucceed(count = 300): Promise<void> {
  const results = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => client.call('SET', `after:${i}`, String(i))),
  );
  const failed = results.filter((result) => result.status === 'rejected');
  expect(failed.map((result) => (result as PromiseRejectedResult).reason?.message)).toEqual([]);
}

async function underLoad(name: string, fault: () => Promise<void>): Promise<{ errors: number }> {
  const load = startLoad(client, 1000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const faultAt = performance.now();
  await fault();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const report = await load.stop();
  expect(report.pending).toBe(0);
  const recovery = report.lastTroubleAt > faultAt ? Math.round(report.lastTroubleAt - faultAt) : 0;
  console.log(
    `[cluster-faults] ${name}: sent=${report.sent} ok=${report.ok} errors=${report.errors} ` +
      `${JSON.stringify(report.errorCodes)} recovery(last error/slow reply after fault)=${recovery} ms`,
  );
  await allSucceed();
  return { errors: report.errors };
}

describe('cluster under faults', () => {
  test('manual failover (CLUSTER FAILOVER)', async () => {
    const [primary] = await lab.cluster.primaries();
    await underLoad('manual failover', async () => {
      await lab.cluster.failover(primary);
    });
  }, 60_000);

  test('kill -9 of a primary, then restart it', async () => {
    const [primary] = await lab.cluster.primaries();
    await underLoad('kill -9 primary', async () => {
      await lab.cluster.killPrimary(primary);
    });
    await lab.cluster.restartNode(primary);
    await allSucceed();
  }, 60_000);

  test('slot migration while writing surfaces no error', async () => {
    const slot = 1000;
    const { errors } = await underLoad('slot migration', async () => {
      const migration = await lab.cluster.migration(slot);
      await migration.begin();
      await migration.moveKeys();
      await migration.finish();
      // Several slots, as a resharding does.
      for (const other of [2000, 7000, 12000]) await lab.cluster.migrateSlot(other);
    });
    expect(errors).toBe(0);
  }, 60_000);

  test('a node restarted on another port with the same id is followed', async () => {
    const [primary] = await lab.cluster.primaries();
    const oldAddress = primary.address;
    await underLoad('primary moved to a new port', async () => {
      await lab.cluster.moveNode(primary);
    });
    expect(primary.address).not.toBe(oldAddress);
    const owned = await client.call('CLUSTER', 'MYID');
    expect(typeof owned).toBe('string');
  }, 60_000);
});
