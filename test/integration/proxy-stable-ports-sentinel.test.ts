/**
 * Stable ports in sentinel mode: the port table is a hash on the group's master (replicated to its
 * replicas), so a proxy restarted after a SENTINEL FAILOVER reads it from the new master and every
 * sentinel and data node keeps its port; a second proxy gets the identical table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { ClusterProxy, type ClusterProxyOptions } from '../../src/proxy/index.js';
import { randomRangeStart } from '../helpers/port-range.js';

const KEY = '{sbtest}:sentinel-ports';
let group: SentinelGroupHandle;
const proxies: ClusterProxy[] = [];

beforeAll(async () => {
  group = await startSentinelGroup({ downAfterMs: 1000, failoverTimeoutMs: 3000 });
}, 60_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
  await group?.stop();
});

async function startProxy(options: Partial<ClusterProxyOptions>): Promise<ClusterProxy> {
  const first = randomRangeStart();
  const proxy = new ClusterProxy({
    seeds: [{ host: '127.0.0.1', port: group.sentinels[0].port }],
    sentinelName: group.name,
    advertiseHost: '127.0.0.1',
    ports: { first, last: first + 19 },
    refreshIntervalMs: 0,
    log: () => {},
    ...options,
  });
  proxies.push(proxy);
  await proxy.start();
  return proxy;
}

const table = (proxy: ClusterProxy) =>
  new Map(proxy.portTable().map(({ node, proxyPort }) => [node.id, proxyPort]));

describe('proxy port table in sentinel mode', () => {
  it('lives on the master, survives a failover and a restart, and is shared by a second proxy', async () => {
    const ports = { first: randomRangeStart(), last: 0 };
    ports.last = ports.first + 19;
    const options: Partial<ClusterProxyOptions> = { ports, portTable: { store: 'redis', key: KEY } };
    const first = await startProxy({ ...options, listenHost: '127.0.0.1' });
    const before = table(first);
    // 3 sentinels, the master and 2 replicas.
    expect(before.size).toBe(6);
    const master = await group.master();
    const stored = await master.cli('HGETALL', KEY);
    for (const [id, port] of before) expect(stored).toContain(`node:${id}\n${port}`);

    await first.stop();
    const promoted = await group.failover();
    expect(promoted.port).not.toBe(master.port);
    // The new master has the table (replicated before the failover).
    expect(await promoted.cli('HGET', KEY, `node:${[...before.keys()][0]}`)).toBe(
      String([...before.values()][0]),
    );
    // The sentinels switch their view at the end of the failover (SENTINEL MASTER names the promoted
    // node, SENTINEL REPLICAS the old master): wait for it, so that both proxies list all six nodes.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const view = await group.sentinels[0].cli('SENTINEL', 'MASTER', group.name);
      if (view.includes(`port\n${promoted.port}\n`)) break;
      if (Date.now() > deadline)
        throw new Error(`the sentinel never switched to the promoted master: ${view}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const restarted = await startProxy({ ...options, listenHost: '127.0.0.1' });
    const second = await startProxy({ ...options, listenHost: '127.0.0.2' });
    // The same nodes, each on its port, whatever their roles now.
    expect(table(restarted)).toEqual(before);
    expect(table(second)).toEqual(before);
    // Roles follow the failover: until the sentinels switch, SENTINEL MASTER still names the old master
    // and SENTINEL REPLICAS the promoted node; the proxy takes the master clients are told to use.
    const roleOf = (proxy: ClusterProxy, port: number) =>
      proxy.portTable().find(({ node }) => node.role !== 'sentinel' && node.port === port)?.node.role;
    for (const proxy of [restarted, second]) {
      expect(roleOf(proxy, promoted.port)).toBe('primary');
    }
  }, 90_000);
});
