import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';

let group: SentinelGroupHandle;

beforeAll(async () => {
  group = await startSentinelGroup();
});

afterAll(async () => {
  await group?.stop();
});

describe('lab sentinel group', () => {
  it('starts a primary with two replicas watched by three sentinels', async () => {
    const master = await group.master();
    expect(master).toBe(group.servers[0]);
    expect(await group.role(master)).toBe('master');
    for (const replica of await group.replicas()) expect(await group.role(replica)).toBe('slave');
    const peers = await group.sentinels[0]?.cli('SENTINEL', 'SENTINELS', group.name);
    expect(peers?.split('\n').filter((line) => line === 'ip')).toHaveLength(2);
  });

  it('fails over on request, and after kill -9 of the master; the old master comes back as a replica', async () => {
    const before = await group.master();
    const promoted = await group.failover();
    expect(promoted).not.toBe(before);
    expect(await group.role(promoted)).toBe('master');

    const killed = await group.killMaster();
    expect(killed).toBe(promoted);
    const elected = await group.waitForNewMaster(killed);
    expect(elected).not.toBe(killed);
    await group.restartAsReplica(killed);
    expect(await group.role(killed)).toBe('slave');
  });

  it('stops and restarts a sentinel on the same port', async () => {
    const sentinel = group.sentinels[2];
    await group.stopSentinel(2);
    await expect(sentinel?.cli('PING')).rejects.toThrow();
    await group.restartSentinel(2);
    expect(await sentinel?.cli('PING')).toBe('PONG');
    await group.waitSettled();
  });
});
