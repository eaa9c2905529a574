import { Cluster as IoredisCluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { leakedPorts, useClusterProxy } from '../helpers/proxy.js';

// Manual refresh only: the test proves that a reply naming a new node triggers the refresh itself.
const fixture = useClusterProxy({}, { refreshIntervalMs: 0 });

describe('slotbridge proxy across topology changes (loopback)', () => {
  it('a failover: ports stay with their node ids, ioredis keeps working, replies show the promoted node', async () => {
    const entry = fixture.proxy.entry;
    const client = new IoredisCluster([{ host: entry.host, port: entry.port }], {
      redisOptions: { connectTimeout: 2000 },
      retryDelayOnMoved: 50,
    });
    try {
      for (let i = 0; i < 50; i++) await client.set(`fo:${i}`, `v${i}`);
      const portsBefore = new Map(fixture.proxy.portTable().map((row) => [row.node.id, row.proxyPort]));
      const [primary] = await fixture.cluster.primaries();
      const promoted = await fixture.cluster.failover(primary);

      let ok = 0;
      for (let i = 0; i < 50; i++) {
        const value = await client.get(`fo:${i}`).catch(() => undefined);
        if (value === `v${i}`) ok++;
      }
      expect(ok).toBe(50);
      await client.set('fo:after', 'yes');
      expect(await client.get('fo:after')).toBe('yes');

      const portsAfter = new Map(fixture.proxy.portTable().map((row) => [row.node.id, row.proxyPort]));
      for (const [id, port] of portsBefore) expect(portsAfter.get(id)).toBe(port);
      const promotedPort = portsAfter.get(promoted.id) ?? 0;
      const connection = new Connection({
        host: '127.0.0.1',
        port: promotedPort,
        protocol: 2,
        reconnect: false,
      });
      try {
        await connection.connect();
        const role = (await connection.send(['ROLE'])) as unknown[];
        expect(role[0]).toBe('master');
        const nodes = String(await connection.send(['CLUSTER', 'NODES']));
        expect(nodes).toContain(`127.0.0.1:${promotedPort}@0 myself,master`);
        expect(leakedPorts(nodes, fixture.backendPorts())).toEqual([]);
      } finally {
        connection.disconnect();
      }
    } finally {
      client.disconnect();
    }
  });

  it('a node added to the cluster gets a port before the reply naming it is forwarded', async () => {
    const before = fixture.proxy.portTable().length;
    const added = await fixture.cluster.addNode();
    expect(fixture.proxy.directory.byId(added.id)).toBeUndefined();
    const connection = new Connection({
      host: '127.0.0.1',
      port: fixture.proxy.entry.port,
      protocol: 3,
      reconnect: false,
    });
    try {
      await connection.connect();
      const nodes = String(await connection.send(['CLUSTER', 'NODES']));
      const port = fixture.proxy.directory.byId(added.id)?.proxyPort;
      expect(port).toBeDefined();
      expect(nodes).toContain(`${added.id} 127.0.0.1:${port}@0`);
      expect(leakedPorts(nodes, fixture.backendPorts())).toEqual([]);
      expect(fixture.proxy.portTable()).toHaveLength(before + 1);
      // The new port answers, paired with the new node.
      const direct = new Connection({ host: '127.0.0.1', port, protocol: 2, reconnect: false });
      await direct.connect();
      expect(await direct.send(['CLUSTER', 'MYID'])).toBe(added.id);
      direct.disconnect();
      expect(fixture.logs.some((line) => line.includes(`node ${added.id.slice(0, 8)} joined`))).toBe(true);
    } finally {
      connection.disconnect();
    }
  });

  it('a slot migration: ASK and MOVED through the proxy name proxy ports', async () => {
    const slot = 1000;
    const migration = await fixture.cluster.migration(slot);
    await migration.begin();
    const sourcePort = fixture.proxy.directory.byId(migration.source.id)?.proxyPort ?? 0;
    const targetPort = fixture.proxy.directory.byId(migration.target.id)?.proxyPort ?? 0;
    const connection = new Connection({ host: '127.0.0.1', port: sourcePort, protocol: 2, reconnect: false });
    try {
      await connection.connect();
      // A key of that slot that does not exist on the source: ASK to the target.
      const missing = await findKeyInSlot(connection, slot);
      const ask = await connection.send(['GET', missing]).catch((error: Error) => error);
      expect(ask).toBeInstanceOf(Error);
      expect((ask as Error).message).toBe(`ASK ${slot} 127.0.0.1:${targetPort}`);
      await migration.moveKeys();
      await migration.finish();
      const moved = await connection.send(['GET', missing]).catch((error: Error) => error);
      expect((moved as Error).message).toBe(`MOVED ${slot} 127.0.0.1:${targetPort}`);
    } finally {
      connection.disconnect();
    }
  });
});

/** A key that hashes to `slot` (asked from the server, which knows the hash function). */
async function findKeyInSlot(connection: Connection, slot: number): Promise<string> {
  for (let i = 0; i < 100_000; i++) {
    const key = `k${i}`;
    if ((await connection.send(['CLUSTER', 'KEYSLOT', key])) === slot) return key;
  }
  throw new Error(`no key found for slot ${slot}`);
}
