import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../src/connection/index.js';
import { CredentialsError } from '../../src/errors.js';
import {
  type LabCluster,
  type RedisServerHandle,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
  startServer,
} from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';
import { startLoad } from '../helpers/load.js';

/**
 * Rotating credentials: an ACL user's password is rotated on real servers while a load runs. The provider
 * is asked on every (re)connect and before expiresAt; live connections re-AUTH on the same socket (same
 * CLIENT ID, the server counts the AUTH), so no command fails.
 */
const USER = 'rot';
const LIFETIME_MS = 1500;
const client = useClients();

/** A secret manager stand-in: the current password, handed out with a short lifetime. */
function rotatingSecret(initial: string) {
  const state = { password: initial, calls: 0 };
  const provider = async function vaultSecret(): Promise<Credentials> {
    state.calls++;
    return { username: USER, password: state.password, expiresAt: Date.now() + LIFETIME_MS };
  };
  return { state, provider };
}

function authCalls(info: string): number {
  const match = /cmdstat_auth:calls=(\d+)/.exec(info);
  return match ? Number(match[1]) : 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rotating credentials: single server', () => {
  let server: RedisServerHandle;
  beforeAll(async () => {
    server = await startServer({ users: [`${USER} on >pw1 ~* &* +@all`] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('re-authenticates live connections before expiry and reconnects with the new password; no command fails', async () => {
    const secret = rotatingSecret('pw1');
    const redis = client({ port: server.port, credentials: secret.provider, retryOnReconnect: 'all' });
    await redis.connect();
    const idBefore = await redis.call('CLIENT', 'ID');
    const authBefore = authCalls(await server.cli('INFO', 'commandstats'));
    const load = startLoad(redis, 500);
    await sleep(300);
    // Rotation: the new password is added, the provider hands it out, the old one is removed.
    await server.cli('ACL', 'SETUSER', USER, '>pw2');
    secret.state.password = 'pw2';
    await sleep(LIFETIME_MS + 300);
    await server.cli('ACL', 'SETUSER', USER, '<pw1');
    // The live connection re-authenticated on its own socket.
    expect(await redis.call('CLIENT', 'ID')).toBe(idBefore);
    expect(authCalls(await server.cli('INFO', 'commandstats'))).toBeGreaterThan(authBefore);
    // A reconnect (the server drops the client) must ask the provider again: the old password is gone.
    const callsBeforeKill = secret.state.calls;
    await server.cli('CLIENT', 'KILL', 'USER', USER);
    await sleep(500);
    const report = await load.stop();
    expect(report.sent).toBeGreaterThan(500);
    expect(report.errorCodes).toEqual({});
    expect(report.errors).toBe(0);
    expect(await redis.call('CLIENT', 'ID')).not.toBe(idBefore);
    expect(secret.state.calls).toBeGreaterThan(callsBeforeKill);
    expect(await redis.call('ACL', 'WHOAMI')).toBe(USER);
  });

  it('a provider that throws gives a CredentialsError naming it', async () => {
    const redis = client({
      port: server.port,
      credentials: async function secretsManagerToken(): Promise<Credentials> {
        throw new Error('token endpoint unreachable');
      },
    });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ code: 'ERR_CREDENTIALS', provider: 'secretsManagerToken' });
    expect((error as Error).message).toContain('secretsManagerToken');
    expect((error as Error).message).toContain('token endpoint unreachable');
    expect((error as Error).message).toContain(server.address);
    await expect(redis.get('k')).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('a provider that returns no password is refused with the same typed error', async () => {
    const redis = client({
      port: server.port,
      credentials: (() => ({ username: USER })) as never,
    });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CREDENTIALS', provider: 'credentials' });
    expect((error as Error).message).toMatch(/no password/);
  });
});

describe('rotating credentials: cluster', () => {
  let cluster: LabCluster;
  beforeAll(async () => {
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0 });
    for (const node of cluster.nodes)
      await node.cli('ACL', 'SETUSER', USER, 'on', '>pw1', '~*', '&*', '+@all');
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('every node connection re-authenticates under load; no command fails', async () => {
    const secret = rotatingSecret('pw1');
    const redis = client({
      cluster: { hosts: cluster.seeds() },
      credentials: secret.provider,
      retryOnReconnect: 'all',
    });
    await redis.connect();
    const before = await Promise.all(
      cluster.nodes.map(async (node) => authCalls(await node.cli('INFO', 'commandstats'))),
    );
    const load = startLoad(redis, 500);
    await sleep(300);
    for (const node of cluster.nodes) await node.cli('ACL', 'SETUSER', USER, '>pw2');
    secret.state.password = 'pw2';
    await sleep(LIFETIME_MS + 300);
    for (const node of cluster.nodes) await node.cli('ACL', 'SETUSER', USER, '<pw1');
    const after = await Promise.all(
      cluster.nodes.map(async (node) => authCalls(await node.cli('INFO', 'commandstats'))),
    );
    for (let i = 0; i < after.length; i++) expect(after[i]).toBeGreaterThan(before[i]);
    for (const node of cluster.nodes) await node.cli('CLIENT', 'KILL', 'USER', USER);
    await sleep(700);
    const report = await load.stop();
    expect(report.errorCodes).toEqual({});
    expect(report.ok).toBe(report.sent);
  });
});

describe('rotating credentials: sentinel', () => {
  let group: SentinelGroupHandle;
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1, serverArgs: [`user ${USER} on >pw1 ~* &* +@all`] });
    for (const sentinel of group.sentinels) {
      await sentinel.cli('ACL', 'SETUSER', 'watcher', 'on', '>spw1', '+@all');
    }
  }, 60_000);
  afterAll(async () => {
    await group?.stop();
  });

  it('sentinels get their own provider; data nodes theirs', async () => {
    const data = rotatingSecret('pw1');
    let sentinelCalls = 0;
    const redis = client({
      sentinel: {
        hosts: group.sentinelAddresses(),
        name: group.name,
        credentials: async () => {
          sentinelCalls++;
          return { username: 'watcher', password: 'spw1' };
        },
      },
      credentials: data.provider,
      retryOnReconnect: 'all',
    });
    await redis.set('sentinel:cred', '1');
    expect(await redis.call('ACL', 'WHOAMI')).toBe(USER);
    expect(sentinelCalls).toBeGreaterThan(0);
    const sentinelClients = (await Promise.all(group.sentinels.map((s) => s.cli('CLIENT', 'LIST')))).join(
      '\n',
    );
    expect(sentinelClients).toMatch(/user=watcher/);
    const load = startLoad(redis, 300);
    const master = await group.master();
    const authBefore = authCalls(await master.cli('INFO', 'commandstats'));
    await master.cli('ACL', 'SETUSER', USER, '>pw2');
    data.state.password = 'pw2';
    await sleep(LIFETIME_MS + 300);
    await master.cli('ACL', 'SETUSER', USER, '<pw1');
    expect(authCalls(await master.cli('INFO', 'commandstats'))).toBeGreaterThan(authBefore);
    const report = await load.stop();
    expect(report.errorCodes).toEqual({});
  });
});
