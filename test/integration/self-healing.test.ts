import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster, SentinelGroupHandle } from '../../src/lab/index.js';
import { startCluster, startSentinelGroup } from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';
import { startLoad } from '../helpers/load.js';
import { recordResult } from '../helpers/results.js';

/**
 * Self-healing topology on loopback: every node of the cluster is restarted on a new port (same node id,
 * so every announced address changes) while the client's only stable address is its configured host, a
 * forwarder like a Kubernetes Service that always points at a live node. The client must go back to the
 * configured host when every node it knows stops answering, and rebuild its view without a restart.
 */
const client = useClients();

/** A TCP forwarder on a fixed port whose target can change: the "Service" in front of the pods. */
async function startService(target: () => number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = createConnection({ host: '127.0.0.1', port: target() });
    sockets.add(inbound).add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('service did not bind');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let cluster: LabCluster;
let service: { port: number; close(): Promise<void> };

beforeAll(async () => {
  cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0, nodeTimeoutMs: 2000 });
  // The service points at the first node's current port, wherever it moved.
  service = await startService(() => cluster.nodes[0].port);
}, 60_000);
afterAll(async () => {
  await service?.close();
  await cluster?.stop();
});

describe('self-healing cluster view', () => {
  it('every node restarts at once on a new address; the client goes back to its configured host and recovers on its own', async () => {
    const redis = client({
      cluster: { hosts: [`127.0.0.1:${service.port}`], refreshInterval: 1000 },
      retryOnReconnect: 'all',
      commandTimeout: 2000,
      reconnect: { kind: 'constant', delay: 200 },
    });
    await redis.connect();
    const before = new Set(cluster.nodes.map((node) => node.port));
    const load = startLoad(redis, 200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stoppedAt = performance.now();
    await cluster.moveAllNodes();
    const movedAt = performance.now();
    for (const node of cluster.nodes) expect(before.has(node.port)).toBe(false);
    // Recovered: a full round of writes and reads across slots succeeds.
    let recoveredAt = 0;
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => redis.set(`heal:${i}`, String(i))),
      );
      if (results.every((result) => result.status === 'fulfilled')) {
        recoveredAt = performance.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = await load.stop();
    expect(recoveredAt).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) expect(await redis.get(`heal:${i}`)).toBe(String(i));
    recordResult('self-healing-cluster-loopback', {
      nodes: cluster.nodes.length,
      // How long the lab took to restart every node and see the cluster healthy again ...
      clusterRestartMs: Math.round(movedAt - stoppedAt),
      // ... the client's outage under load: from the restart to its last failed command ...
      clientOutageMs: Math.round(report.lastTroubleAt - stoppedAt),
      // ... and the first full round across slots after the cluster was healthy.
      fullRoundAfterClusterHealthyMs: Math.round(recoveredAt - movedAt),
      load: { sent: report.sent, ok: report.ok, errors: report.errors, errorCodes: report.errorCodes },
    });
  }, 120_000);
});

describe('self-healing sentinel view', () => {
  let group: SentinelGroupHandle;
  let sentinelService: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1 });
    sentinelService = await startService(() => group.sentinels[0].port);
  }, 60_000);
  afterAll(async () => {
    await sentinelService?.close();
    await group?.stop();
  });

  it('every sentinel restarts at once on a new address, then the master fails over; the client follows on its own', async () => {
    const redis = client({
      sentinel: { hosts: [`127.0.0.1:${sentinelService.port}`], name: group.name },
      retryOnReconnect: 'all',
      commandTimeout: 3000,
    });
    await redis.set('heal:s', '0');
    const before = new Set(group.sentinels.map((sentinel) => sentinel.port));
    const load = startLoad(redis, 200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stoppedAt = performance.now();
    await group.moveAllSentinels();
    const sentinelsBackAt = performance.now();
    for (const sentinel of group.sentinels) expect(before.has(sentinel.port)).toBe(false);
    const promoted = await group.failover();
    const failedOverAt = performance.now();
    let recoveredAt = 0;
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      const ok = await redis.set('heal:s', '1').then(
        () => true,
        () => false,
      );
      if (ok && (await redis.call('ROLE').then((role) => (role as unknown[])[0])) === 'master') {
        recoveredAt = performance.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = await load.stop();
    expect(recoveredAt).toBeGreaterThan(0);
    expect(await promoted.cli('GET', 'heal:s')).toBe('1');
    recordResult('self-healing-sentinel-loopback', {
      sentinels: group.sentinels.length,
      sentinelRestartMs: Math.round(sentinelsBackAt - stoppedAt),
      failoverMs: Math.round(failedOverAt - sentinelsBackAt),
      writesOnNewMasterAfterFailoverMs: Math.round(recoveredAt - failedOverAt),
      load: { sent: report.sent, ok: report.ok, errors: report.errors, errorCodes: report.errorCodes },
    });
  }, 120_000);
});
