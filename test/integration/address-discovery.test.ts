import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfiguredAddressMapper, PortDiscovery } from '../../src/address/index.js';
import { findFreePort, type RedisServerHandle, startServer } from '../../src/lab/index.js';

describe('PortDiscovery against real servers', () => {
  let servers: RedisServerHandle[] = [];
  let deadPort = 0;

  beforeAll(async () => {
    servers = await Promise.all([startServer(), startServer()]);
    deadPort = await findFreePort();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('identifies each exposed port by run id and reports ports that do not answer', async () => {
    const discovery = new PortDiscovery({
      host: '127.0.0.1',
      ports: [servers[0].port, servers[1].port, deadPort],
      probeTimeout: 1000,
    });
    await discovery.probe();
    expect(discovery.nodes).toHaveLength(2);
    expect(discovery.failures.map((f) => f.exposed.port)).toEqual([deadPort]);
    const runId = (await servers[1].cli('INFO', 'server')).match(/run_id:(\w+)/)![1];
    const found = discovery.find({ host: '10.9.9.9', port: 6379 }, runId);
    expect(found?.exposed).toEqual({ host: '127.0.0.1', port: servers[1].port });
    expect(found?.mode).toBe('standalone');
    expect(found?.role).toBe('master');
  });
});

/**
 * An exposed port in front of `target` that resets its first `resets` connections, as a failover
 * leader's CLIENT KILL (or a probe timing out on a loaded machine) does to a discovery probe.
 */
async function flakyPort(
  target: number,
  resets: number,
): Promise<{ port: number; accepted: () => number; close: () => void }> {
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    if (accepted <= resets) {
      socket.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
    socket.on('close', close);
    upstream.on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, accepted: () => accepted, close: () => server.close() };
}

describe('discover: a node the probes cannot place yet', () => {
  let server: RedisServerHandle;
  let runId = '';
  // Announced addresses are only looked up here, never dialed.
  const announced = { host: '127.0.0.2', port: 6379 };

  beforeAll(async () => {
    server = await startServer();
    runId = (await server.cli('INFO', 'server')).match(/run_id:(\w+)/)![1]!;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is probed again while its port does not answer, instead of being dialed at its announced address', async () => {
    const flaky = await flakyPort(server.port, 2);
    try {
      const mapper = new ConfiguredAddressMapper({
        discover: { host: '127.0.0.1', ports: [flaky.port], probeTimeout: 1000 },
      });
      const target = await mapper.resolve(announced, { source: 'switch-master', nodeId: runId });
      expect(target).toEqual({ host: '127.0.0.1', port: flaky.port });
      expect(flaky.accepted()).toBe(3);
    } finally {
      flaky.close();
    }
  });

  it('when every exposed port answered and none is that node, its announced address is kept at once', async () => {
    const mapper = new ConfiguredAddressMapper({
      discover: { host: '127.0.0.1', ports: [server.port], probeTimeout: 1000 },
    });
    const started = performance.now();
    const target = await mapper.resolve(announced, { source: 'switch-master', nodeId: 'not-a-run-id' });
    expect(target).toEqual(announced);
    // The lookup's own probe only: no rate-limited re-probe (1 s apart) when nothing failed to answer.
    expect(performance.now() - started).toBeLessThan(900);
  });
});
