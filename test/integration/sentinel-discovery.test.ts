import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableNodeError } from '../../src/address/index.js';
import { createClient, type RedisClient } from '../../src/client/index.js';
import {
  findFreePort,
  type RedisServerHandle,
  type SentinelGroupHandle,
  startSentinelGroup,
  startServer,
} from '../../src/lab/index.js';
import { SentinelError, SentinelTopology } from '../../src/topology/index.js';

let group: SentinelGroupHandle;
const closers: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  group = await startSentinelGroup();
});

afterAll(async () => {
  await group?.stop();
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function client(config: Parameters<typeof createClient>[0]): RedisClient {
  const c = createClient(config);
  closers.push(() => c.disconnect());
  return c;
}

function topology(hosts: string[], name = group.name): SentinelTopology {
  const t = new SentinelTopology({
    name,
    sentinels: hosts.map((address) => {
      const [host, port] = address.split(':');
      return { host: host ?? '', port: Number(port) };
    }),
    node: { connectTimeout: 2_000, commandTimeout: 3_000 },
  });
  closers.push(() => t.disconnect());
  return t;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sentinel discovery', () => {
  it('finds the master through the sentinels and serves commands there', async () => {
    const redis = client({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
    await redis.connect();
    expect(redis.kind).toBe('sentinel');
    await redis.set('discovery', 'yes');
    expect(await redis.get('discovery')).toBe('yes');
    const role = (await redis.call('ROLE')) as unknown[];
    expect(role[0]).toBe('master');
    const master = await group.master();
    expect(await master.cli('GET', 'discovery')).toBe('yes');
    // client.server is the master's handshake answer, keyed in servers() by its announced address.
    const info = await master.cli('INFO', 'server');
    expect(redis.server).toMatchObject({
      flavor: expect.stringMatching(/^(redis|valkey)$/),
      mode: 'standalone',
    });
    expect(info).toContain(`_version:${redis.server?.version}`);
    expect([...redis.servers().keys()]).toEqual([master.address]);
  });

  it('accepts a redis-sentinel:// URL', async () => {
    const [first, ...others] = group.sentinelAddresses();
    const url = `redis-sentinel://${first}?${others.map((a) => `node=${a}`).join('&')}&sentinelServiceName=${group.name}`;
    const redis = client(url);
    expect(await redis.call('PING')).toBe('PONG');
  });

  it('queues commands issued before connect() and learns the other sentinels', async () => {
    const t = topology([group.sentinelAddresses()[0] ?? '']);
    const reply = t.dispatch(['PING']);
    expect(await reply).toBe('PONG');
    await waitFor(() => t.sentinelAddresses.length === 3);
    expect(new Set(t.sentinelAddresses)).toEqual(new Set(group.sentinelAddresses()));
  });

  it('an unknown master name is a typed error naming the sentinels asked, without retrying', async () => {
    const redis = client({ sentinel: { hosts: group.sentinelAddresses(), name: 'no-such-master' } });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentinelError);
    expect(error).toMatchObject({ code: 'ERR_SENTINEL_UNKNOWN_MASTER', masterName: 'no-such-master' });
    for (const address of group.sentinelAddresses()) expect((error as Error).message).toContain(address);
    await expect(redis.get('k')).rejects.toMatchObject({ code: 'ERR_SENTINEL_UNKNOWN_MASTER' });
  });

  it('sentinels that are all down: one error listing each and why', async () => {
    const ports = [await findFreePort(), await findFreePort()];
    const hosts = ports.map((port) => `127.0.0.1:${port}`);
    const redis = client({ sentinel: { hosts, name: group.name }, connectTimeout: 1_000 });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_SENTINEL_UNREACHABLE', tried: hosts });
    for (const host of hosts) expect((error as Error).message).toMatch(new RegExp(`${host}: .*refused`, 'i'));
  });

  it('a sentinel that reports an unreachable master: a typed error naming the sentinel and the address', async () => {
    const deadPort = await findFreePort();
    const lone: RedisServerHandle = await startServer({
      sentinel: true,
      readyLog: /Sentinel ID is/,
      args: [`sentinel monitor ghost 127.0.0.1 ${deadPort} 1`],
    });
    closers.push(() => lone.stop());
    const redis = client({ sentinel: { hosts: [lone.address], name: 'ghost' }, connectTimeout: 1_000 });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableNodeError);
    expect(error).toMatchObject({ code: 'ERR_NODE_UNREACHABLE' });
    expect((error as UnreachableNodeError).node).toMatchObject({
      announced: { host: '127.0.0.1', port: deadPort },
      source: 'sentinel-master',
      announcedBy: lone.address,
      role: 'master',
    });
    expect((error as Error).message).toContain(lone.address);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).toContain(`127.0.0.1:${deadPort}`);
  });

  it("readFrom 'replica' sends reads to the replicas and writes to the master", async () => {
    const redis = client({
      sentinel: { hosts: group.sentinelAddresses(), name: group.name, readFrom: 'replica' },
    });
    await redis.connect();
    await redis.set('read-from', 'r');
    const master = await group.master();
    const replicas = await group.replicas();
    const getCalls = async (server: RedisServerHandle): Promise<number> => {
      const match = /cmdstat_get:calls=(\d+)/.exec(await server.cli('INFO', 'commandstats'));
      return Number(match?.[1] ?? 0);
    };
    const before = await Promise.all([master, ...replicas].map(getCalls));
    for (let i = 0; i < 20; i++) await redis.get('read-from');
    const after = await Promise.all([master, ...replicas].map(getCalls));
    expect(after[0]).toBe(before[0]);
    const replicaReads = after.slice(1).reduce((sum, n, i) => sum + n - (before[i + 1] ?? 0), 0);
    expect(replicaReads).toBe(20);
    expect(await master.cli('GET', 'read-from')).toBe('r');
  });

  it('survives the loss of every configured sentinel when a discovered one is up', async () => {
    const configured = group.sentinels[0];
    if (configured === undefined) throw new Error('no sentinel');
    const t = topology([configured.address]);
    await t.connect();
    await waitFor(() => t.sentinelAddresses.length === 3);
    await group.stopSentinel(0);
    try {
      const promoted = await group.failover();
      await waitFor(async () => {
        const reply = await t.dispatch(['SET', 'after-loss', 'ok']).catch(() => undefined);
        return reply === 'OK' && t.masterAddress?.port === promoted.port;
      }, 15_000);
      expect(await promoted.cli('GET', 'after-loss')).toBe('ok');
      expect(await group.role(promoted)).toBe('master');
    } finally {
      await group.restartSentinel(0);
      await group.waitSettled();
    }
  });
});
