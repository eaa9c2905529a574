import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortDiscovery } from '../../src/address/index.js';
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
