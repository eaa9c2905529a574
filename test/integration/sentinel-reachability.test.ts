/**
 * The seed's problem with Sentinel, on loopback: the group lives on a private network (every node and
 * sentinel announced at 127.0.0.2, where a gate lets only the group's own processes in), each process is
 * exposed on 127.0.0.1 at its port. Without a mapping the client fails fast with the explained error; with
 * `discover` (matched by run id / SENTINEL MYID) or `map` it finds the master and follows a failover.
 */
import diagnostics from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableNodeError } from '../../src/address/index.js';
import { diagnose } from '../../src/cli/doctor.js';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { PRIVATE_ANNOUNCE_HOST, type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';

let group: SentinelGroupHandle;
const clients: RedisClient[] = [];

beforeAll(async () => {
  group = await startSentinelGroup({ privateNetwork: true, downAfterMs: 1_000, failoverTimeoutMs: 4_000 });
});

afterAll(async () => {
  await group?.stop();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

function client(config: Parameters<typeof createClient>[0]): RedisClient {
  const c = createClient(config);
  clients.push(c);
  return c;
}

async function runIdOf(server: { cli(...args: string[]): Promise<string> }): Promise<string> {
  return /run_id:(\w+)/.exec(await server.cli('INFO', 'server'))?.[1] ?? '';
}

/**
 * Addresses at the private announce host that this process's slotbridge connections failed to reach,
 * from the connection layer's diagnostics channel: the client's own knocks only. (The gate's refusal
 * count counts every refused peer, this process's or a server's without its bind-source-addr: once, on
 * Valkey 8, it refused 54 during a failover and could not say whose.)
 */
function watchPrivateKnocks(): { knocks: string[]; stop: () => void } {
  const knocks: string[] = [];
  const onError = (message: unknown) => {
    const address = (message as { address?: string }).address ?? '';
    if (address.startsWith(`${PRIVATE_ANNOUNCE_HOST}:`)) knocks.push(address);
  };
  diagnostics.subscribe('slotbridge:connection:error', onError);
  return { knocks, stop: () => diagnostics.unsubscribe('slotbridge:connection:error', onError) };
}

/** Writes through the client until one lands on `master` (the client followed the failover). */
async function writesReach(redis: RedisClient, master: { cli(...args: string[]): Promise<string> }) {
  const deadline = Date.now() + 15_000;
  for (let i = 0; Date.now() < deadline; i++) {
    const value = `v${i}`;
    if ((await redis.set('reach:follow', value).catch(() => undefined)) === 'OK') {
      if ((await master.cli('GET', 'reach:follow')) === value) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the client did not follow the failover');
}

describe('sentinel group on a private network', () => {
  it('the sentinels announce addresses this machine cannot reach', async () => {
    const announced = await group.sentinels[0]!.cli('SENTINEL', 'get-master-addr-by-name', group.name);
    expect(announced.split('\n')[0]).toBe(PRIVATE_ANNOUNCE_HOST);
  });

  it('without a mapping: fails fast with UnreachableNodeError naming the master and the sentinel', async () => {
    const refusedBefore = group.refusedConnections();
    const master = await group.master();
    const redis = client({
      sentinel: { hosts: [group.sentinelAddresses()[0]!], name: group.name },
      connectTimeout: 2_000,
    });
    const started = performance.now();
    const error = await redis.connect().catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(UnreachableNodeError);
    const node = (error as UnreachableNodeError).node;
    expect(node).toMatchObject({
      announced: { host: PRIVATE_ANNOUNCE_HOST, port: master.port },
      source: 'sentinel-master',
      role: 'master',
      announcedBy: group.sentinelAddresses()[0],
    });
    const message = (error as Error).message;
    expect(message).toContain(`announced it as ${PRIVATE_ANNOUNCE_HOST}:${master.port}`);
    expect(message).toContain('SENTINEL get-master-addr-by-name');
    expect(message).toContain(`The server at ${group.sentinelAddresses()[0]}`);
    expect(message).toMatch(/addresses\.map.*addresses\.discover.*slotbridge proxy/);
    expect(group.refusedConnections()).toBeGreaterThan(refusedBefore);
    await expect(redis.get('k')).rejects.toBeInstanceOf(Error);
  });

  it('with discover: finds the master by run id over the exposed ports and follows a failover', async () => {
    const redis = client({
      sentinel: { hosts: [group.sentinelAddresses()[0]!], name: group.name },
      addresses: { discover: { host: '127.0.0.1', ports: group.exposedPorts(), probeTimeout: 1_000 } },
      connectTimeout: 1_000,
      commandTimeout: 3_000,
    });
    const refusedBefore = group.refusedConnections();
    const watch = watchPrivateKnocks();
    await redis.connect();
    const master = await group.master();
    await redis.set('reach:discover', 'yes');
    expect(await master.cli('GET', 'reach:discover')).toBe('yes');
    const promoted = await group.failover();
    await writesReach(redis, promoted);
    expect(await group.role(promoted)).toBe('master');
    // Never once did the client knock on an announced (private) address.
    watch.stop();
    console.log(`[reach] gate refusals during the test: ${group.refusedConnections() - refusedBefore}`);
    expect(watch.knocks).toEqual([]);
    expect(await runIdOf(promoted)).not.toBe('');
  });

  it('with discover: reaches learned sentinels by SENTINEL MYID when the configured one is down', async () => {
    const redis = client({
      sentinel: { hosts: [group.sentinelAddresses()[0]!], name: group.name },
      addresses: { discover: { host: '127.0.0.1', ports: group.exposedPorts(), probeTimeout: 1_000 } },
      connectTimeout: 1_000,
      commandTimeout: 3_000,
    });
    await redis.connect();
    await redis.set('reach:sentinels', '1');
    // Let it learn the other sentinels (announced at the private address).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await group.stopSentinel(0);
    const refusedBefore = group.refusedConnections();
    try {
      const promoted = await group.failover();
      // The old master is demoted: READONLY or +switch-master; either way the sentinels must be asked,
      // and only the learned ones (private addresses, mapped by identity) are up.
      await writesReach(redis, promoted);
      expect(group.refusedConnections()).toBe(refusedBefore);
    } finally {
      await group.restartSentinel(0);
      await group.waitSettled();
    }
  });

  it('with a static map: finds the master and follows a failover', async () => {
    const redis = client({
      sentinel: { hosts: group.sentinelAddresses(), name: group.name },
      addresses: { map: { [PRIVATE_ANNOUNCE_HOST]: '127.0.0.1' } },
      commandTimeout: 3_000,
    });
    await redis.connect();
    await redis.set('reach:map', 'yes');
    expect(await (await group.master()).cli('GET', 'reach:map')).toBe('yes');
    const promoted = await group.failover();
    await writesReach(redis, promoted);
  });
});

describe('slotbridge doctor on a sentinel group behind a private network', () => {
  it('names the unreachable master, replicas and sentinels, and proposes discover over the exposed ports', async () => {
    const hosts = group.sentinelAddresses();
    const url = `redis-sentinel://${hosts[0]}?${hosts
      .slice(1)
      .map((h) => `node=${h}`)
      .join('&')}&sentinelServiceName=${group.name}`;
    // Right after the failovers above the sentinels may not yet agree on the master or know its run id.
    await group.waitSettled();
    let report = await diagnose(url, { timeout: 1000 });
    for (let i = 0; i < 50 && report.nodes.find((node) => node.role === 'master')?.id === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      report = await diagnose(url, { timeout: 1000 });
    }
    expect(report.kind).toBe('sentinel');
    expect(report.ok).toBe(false);
    const master = report.nodes.find((node) => node.role === 'master')!;
    expect(master.announced.startsWith(`${PRIVATE_ANNOUNCE_HOST}:`)).toBe(true);
    expect(master.reachable).toBe(false);
    expect(master.id).toBe(await runIdOf(await group.master()));
    expect(report.nodes.filter((node) => node.role === 'replica')).toHaveLength(2);
    expect(report.proxyCommand).toMatch(/--sentinel .* --name /);

    const exposed = await diagnose(url, {
      timeout: 1000,
      expose: { host: '127.0.0.1', ports: group.exposedPorts().join(',') },
    });
    expect(exposed.nodes.find((node) => node.role === 'master')!.exposedAs).toBe(
      `127.0.0.1:${(await group.master()).port}`,
    );
    expect(exposed.suggestedAddresses).toEqual({
      discover: { host: '127.0.0.1', ports: group.exposedPorts().join(',') },
    });
  });
});
