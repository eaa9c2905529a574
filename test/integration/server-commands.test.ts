/**
 * Every server of the matrix at once (Debian's redis-server on PATH, and Redis 7.2.6, 7.4.1 and Valkey 8.0.1
 * from ../shared/servers when that folder exists): the client tells them apart from the handshake
 * (client.server), the typed API has exactly the commands each one lists (COMMAND LIST), each command added
 * after Redis 7.0 works on a server that has it and is refused, unsent, on one that lacks it.
 */
import diagnostics from 'node:diagnostics_channel';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClient, type ServerInfo, UnsupportedCommandError } from '../../src/client/index.js';
import type { CommandDefinition } from '../../src/commands/command-definition.js';
import { generatedCommands } from '../../src/commands/generated/command-methods.js';
import { missingRequirement } from '../../src/commands/server-version.js';
import { type RedisServerHandle, startServer } from '../../src/lab/index.js';
import { findServersDir } from '../../src/lab/server-build.js';
import type { RespArg } from '../../src/resp/index.js';
import { useClients } from '../helpers/clients.js';

// The servers folder as the lab finds it (SLOTBRIDGE_SERVERS_DIR, <repo>/../shared/servers, /work/shared/servers).
const SERVERS_DIR = findServersDir().dir;

interface Server {
  readonly name: string;
  readonly binary: string;
  readonly flavor: 'redis' | 'valkey';
  /** Only the flavor's major.minor is pinned for the PATH server (whatever Debian ships). */
  readonly version: RegExp;
  readonly redisCompatibleVersion?: string;
  handle?: RedisServerHandle;
  cluster?: RedisServerHandle;
}

const candidates: Server[] = [
  { name: 'redis (PATH)', binary: 'redis-server', flavor: 'redis', version: /^7\.0\.\d+$/ },
  { name: 'redis-7.2.6', binary: 'redis-7.2.6', flavor: 'redis', version: /^7\.2\.6$/ },
  { name: 'redis-7.4.1', binary: 'redis-7.4.1', flavor: 'redis', version: /^7\.4\.1$/ },
  {
    name: 'valkey-8.0.1',
    binary: 'valkey-8.0.1',
    flavor: 'valkey',
    version: /^8\.0\.1$/,
    redisCompatibleVersion: '7.2.4',
  },
];
const servers = candidates
  .map((server) =>
    server.binary === 'redis-server'
      ? server
      : { ...server, binary: join(SERVERS_DIR ?? '/nonexistent', server.binary, 'bin', 'redis-server') },
  )
  .filter((server) => server.binary === 'redis-server' || existsSync(server.binary));
if (servers.length < candidates.length) {
  console.log(`only ${servers.map((s) => s.name).join(', ')}: ../shared/servers is absent`);
}

/** The lab's build setting for a server: its bin folder, or '' for the redis-server on PATH. */
function buildOf(server: Server): string {
  return server.binary === 'redis-server' ? '' : dirname(server.binary);
}

beforeAll(async () => {
  await Promise.all(
    servers.map(async (server) => {
      server.handle = await startServer({ server: buildOf(server) });
      server.cluster = await startServer({
        server: buildOf(server),
        args: { 'cluster-enabled': 'yes', 'cluster-node-timeout': '1000' },
      });
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.flatMap((s) => [s.handle?.stop(), s.cluster?.stop()]));
});

const client = useClients();

function byName(name: string): Server | undefined {
  return servers.find((server) => server.name === name);
}

function connectTo(server: Server, protocol: 2 | 3 = 3, cluster = false): RedisClient {
  const handle = cluster ? server.cluster : server.handle;
  return client({ port: (handle as RedisServerHandle).port, protocol });
}

/** The commands a connection handed to its socket while `run` ran (the command-start channel). */
async function sentDuring(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listener = (message: unknown) => {
    const args = (message as { args: readonly RespArg[] }).args;
    sent.push(args.map(String).join(' '));
  };
  diagnostics.subscribe('slotbridge:connection:command-start', listener);
  try {
    await run().catch(() => undefined);
  } finally {
    diagnostics.unsubscribe('slotbridge:connection:command-start', listener);
  }
  return sent;
}

async function refused(redis: RedisClient, run: () => Promise<unknown>): Promise<UnsupportedCommandError> {
  let error: unknown;
  const sent = await sentDuring(async () => {
    error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
  });
  expect(sent, 'nothing reaches the socket').toEqual([]);
  expect(error).toBeInstanceOf(UnsupportedCommandError);
  const info = redis.server as ServerInfo;
  expect(error).toMatchObject({
    code: 'ERR_UNSUPPORTED_COMMAND',
    flavor: info.flavor,
    serverVersion: info.version,
  });
  return error as UnsupportedCommandError;
}

describe.each(servers)('$name', (server) => {
  it('is told apart by the handshake: client.server on RESP3 (HELLO) and RESP2 (INFO server)', async () => {
    const infos: Array<ServerInfo | undefined> = [];
    for (const protocol of [3, 2] as const) {
      const redis = connectTo(server, protocol);
      expect(redis.server).toBeUndefined();
      await redis.connect();
      infos.push(redis.server);
      const info = (await redis.infoParsed('server')).server ?? {};
      // What the server itself says in INFO: Redis has redis_mode, Valkey server_mode and valkey_version.
      if (server.flavor === 'valkey') {
        expect(info).toMatchObject({ server_name: 'valkey', server_mode: 'standalone' });
        expect(info.valkey_version).toBe(redis.server?.version);
        expect(info.redis_version).toBe(server.redisCompatibleVersion);
        expect(info.redis_mode).toBeUndefined();
      } else {
        expect(info.redis_mode).toBe('standalone');
        expect(info.redis_version).toBe(redis.server?.version);
      }
      expect(redis.serverVersion).toBe(redis.server?.version);
      expect([...redis.servers().keys()]).toEqual([`127.0.0.1:${server.handle?.port}`]);
    }
    const expected = {
      flavor: server.flavor,
      version: expect.stringMatching(server.version),
      mode: 'standalone',
      ...(server.redisCompatibleVersion === undefined
        ? {}
        : { redisCompatibleVersion: server.redisCompatibleVersion }),
    };
    expect(infos[0]).toEqual(expected);
    expect(infos[1]).toEqual(infos[0]);
    const clustered = connectTo(server, 3, true);
    await clustered.connect();
    expect(clustered.server?.mode).toBe('cluster');
  });

  it('has a typed method for exactly the commands COMMAND LIST names (its flavor and version)', async () => {
    const redis = connectTo(server);
    await redis.connect();
    const info = redis.server as ServerInfo;
    const listed = (await redis.call('COMMAND', 'LIST')) as string[];
    const containers = new Set(listed.filter((n) => n.includes('|')).map((n) => n.split('|')[0]));
    const expected = listed
      .filter((name) => !containers.has(name))
      .map((name) => camel(name))
      .sort();
    const table = generatedCommands as unknown as Record<string, CommandDefinition>;
    const typed = Object.keys(table)
      .filter((name) => !/With(Scores|Values)$/.test(name))
      .filter((name) => {
        const availability = table[name].availability;
        return (
          availability !== undefined &&
          missingRequirement(availability, info.flavor, info.version, info.mode) === undefined
        );
      })
      .sort();
    expect(typed).toEqual(expected);
    // The counts README states (sentinel subcommands aside).
    const counts: Record<string, number> = {
      'redis (PATH)': 351,
      'redis-7.2.6': 355,
      'redis-7.4.1': 364,
      'valkey-8.0.1': 358,
    };
    expect(typed.length).toBe(counts[server.name]);
  });
});

function camel(name: string): string {
  return name
    .toLowerCase()
    .split(/[|_-]/)
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

describe('commands added after Redis 7.0', () => {
  it.skipIf(byName('redis-7.2.6') === undefined)(
    'Redis 7.2: WAITAOF, CLIENT NO-TOUCH, CLIENT SETINFO, CLUSTER MYSHARDID work',
    async () => {
      const server = byName('redis-7.2.6') as Server;
      for (const protocol of [3, 2] as const) {
        const redis = connectTo(server, protocol);
        expect(await redis.waitaof(0, 0, 0)).toEqual([0, 0]);
        expect(await redis.clientNoTouch('ON')).toBe('OK');
        expect(await redis.clientSetinfo({ 'lib-name': 'slotbridge' })).toBe('OK');
        expect(await redis.clientInfo()).toContain('lib-name=slotbridge');
        await redis.del('zr');
        await redis.zadd('zr', { score: 1.5, member: 'a' }, { score: 2.5, member: 'b' });
        expect(await redis.zrankWithScore('zr', 'b')).toEqual({ rank: 1, score: 2.5 });
        expect(await redis.zrevrankWithScore('zr', 'b')).toEqual({ rank: 0, score: 2.5 });
        expect(await redis.zrankWithScore('zr', 'nobody')).toBeNull();
        const clustered = connectTo(server, protocol, true);
        expect(await clustered.clusterMyshardid()).toMatch(/^[0-9a-f]{40}$/);
      }
    },
  );

  it('Redis 7.2 additions are refused, unsent, by Redis 7.0', async () => {
    const server = byName('redis (PATH)') as Server;
    const redis = connectTo(server);
    await redis.connect();
    const error = await refused(redis, () => redis.waitaof(0, 0, 0));
    expect(error).toMatchObject({ command: 'WAITAOF', since: '7.2.0', needs: 'Redis >= 7.2.0 or Valkey' });
    expect(error.message).toMatch(
      /WAITAOF needs Redis >= 7\.2\.0 or Valkey, but the server at .* runs Redis 7\.0\.\d+/,
    );
    await refused(redis, () => redis.clientNoTouch('ON'));
    await refused(redis, () => redis.clientSetinfo({ 'lib-name': 'x' }));
    await refused(redis, () => redis.zrankWithScore('zr', 'a'));
    await refused(redis, () => redis.zrevrankWithScore('zr', 'a'));
    const clustered = connectTo(server, 3, true);
    await clustered.connect();
    await refused(clustered, () => clustered.clusterMyshardid());
    // A pipeline is checked too; call() sends anything.
    const [piped] = await redis.pipeline().waitaof(0, 0, 0).exec();
    expect(piped).toBeInstanceOf(UnsupportedCommandError);
    await expect(redis.call('WAITAOF', '0', '0', '0')).rejects.toThrow(/unknown command/i);
  });

  it.skipIf(byName('redis-7.4.1') === undefined)(
    'Redis 7.4: hash-field expiration, FIELDS count computed, per-field codes, on RESP3 and RESP2',
    async () => {
      const server = byName('redis-7.4.1') as Server;
      for (const protocol of [3, 2] as const) {
        const redis = connectTo(server, protocol);
        await redis.del('h');
        await redis.hset('h', { a: '1', b: '2', c: '3' });
        const sent = await sentDuring(() => redis.hexpire('h', 100, ['a', 'zz'], { condition: 'NX' }));
        expect(sent).toEqual(['HEXPIRE h 100 NX FIELDS 2 a zz']);
        expect(await redis.hexpire('h', 100, ['a', 'b', 'zz'], { condition: 'NX' })).toEqual([0, 1, -2]);
        expect(await redis.hpexpire('h', 200_000, ['a'], { condition: 'GT' })).toEqual([1]);
        const ttl = await redis.httl('h', 'a', 'b', 'c', 'zz');
        expect(ttl.slice(2)).toEqual([-1, -2]);
        expect(ttl[0]).toBeGreaterThan(100);
        expect(ttl[1]).toBeLessThanOrEqual(100);
        expect((await redis.hpttl('h', 'b'))[0]).toBeGreaterThan(1000);
        const at = Math.floor(Date.now() / 1000) + 1000;
        expect(await redis.hexpireat('h', at, ['c'])).toEqual([1]);
        expect(await redis.hexpiretime('h', 'c')).toEqual([at]);
        expect(await redis.hpexpireat('h', at * 1000, ['c'], { condition: 'XX' })).toEqual([1]);
        expect(await redis.hpexpiretime('h', 'c')).toEqual([at * 1000]);
        expect(await redis.hpersist('h', 'a', 'zz')).toEqual([1, -2]);
        expect(await redis.hpersist('h', 'a')).toEqual([-1]);
        expect(await redis.hexpire('h', 0, ['b'])).toEqual([2]);
        expect((await redis.hkeys('h')).sort()).toEqual(['a', 'c']);
      }
    },
  );

  it.skipIf(byName('redis-7.4.1') === undefined)(
    'the hand-written Redis 7.4 specs agree with what Redis 7.4 answers to COMMAND INFO',
    async () => {
      const server = byName('redis-7.4.1') as Server;
      const redis = connectTo(server);
      const { getCommand } = await import('../../src/commands/index.js');
      for (const name of [
        'HEXPIRE',
        'HPEXPIRE',
        'HEXPIREAT',
        'HPEXPIREAT',
        'HTTL',
        'HPTTL',
        'HEXPIRETIME',
        'HPEXPIRETIME',
        'HPERSIST',
      ]) {
        const [info] = (await redis.call('COMMAND', 'INFO', name)) as Array<[string, number, string[]]>;
        const ours = getCommand(name);
        expect(ours?.arity, name).toBe(info[1]);
        expect(
          ours
            ?.flagNames()
            .map((f) => f.toLowerCase())
            .sort(),
          name,
        ).toEqual([...info[2]].sort());
        expect(ours?.keySpecs[0]?.beginSearch, name).toEqual({ type: 'index', pos: 1 });
      }
    },
  );

  it('Redis 7.4 hash-field expiration is refused, unsent, by Redis before 7.4 and by Valkey 8', async () => {
    for (const name of ['redis (PATH)', 'redis-7.2.6', 'valkey-8.0.1']) {
      const server = byName(name);
      if (server === undefined) continue;
      const redis = connectTo(server);
      await redis.connect();
      const error = await refused(redis, () => redis.hexpire('h', 10, ['a']));
      expect(error).toMatchObject({ command: 'HEXPIRE', needs: 'Redis >= 7.4.0' });
      expect(error.since).toBe(server.flavor === 'valkey' ? null : '7.4.0');
      await refused(redis, () => redis.hpexpire('h', 10, ['a']));
      await refused(redis, () => redis.hexpireat('h', 10, ['a']));
      await refused(redis, () => redis.hpexpireat('h', 10, ['a']));
      await refused(redis, () => redis.httl('h', 'a'));
      await refused(redis, () => redis.hpttl('h', 'a'));
      await refused(redis, () => redis.hexpiretime('h', 'a'));
      await refused(redis, () => redis.hpexpiretime('h', 'a'));
      await refused(redis, () => redis.hpersist('h', 'a'));
    }
  });

  it.skipIf(byName('valkey-8.0.1') === undefined)(
    "Valkey 8: CLIENT CAPA, SCRIPT SHOW, CLUSTER SLOT-STATS work, and Redis 7.2's commands too",
    async () => {
      const server = byName('valkey-8.0.1') as Server;
      // CLUSTER SLOT-STATS reports the slots the node serves: give this lone node two of them.
      await connectTo(server, 3, true).call('CLUSTER', 'ADDSLOTSRANGE', '100', '101');
      for (const protocol of [3, 2] as const) {
        const redis = connectTo(server, protocol);
        expect(await redis.clientCapa('redirect')).toBe('OK');
        const sha = await redis.scriptLoad('return 42');
        expect(await redis.scriptShow(sha as string)).toBe('return 42');
        expect(await redis.waitaof(0, 0, 0)).toEqual([0, 0]);
        expect(await redis.clientNoTouch('OFF')).toBe('OK');
        const clustered = connectTo(server, protocol, true);
        const stats = await clustered.clusterSlotStats({ SLOTSRANGE: { startSlot: 100, endSlot: 101 } });
        expect(stats).toEqual([
          [100, { 'key-count': 0 }],
          [101, { 'key-count': 0 }],
        ]);
      }
    },
  );

  it("Valkey 8's own commands are refused, unsent, by Redis", async () => {
    for (const name of ['redis (PATH)', 'redis-7.4.1']) {
      const server = byName(name);
      if (server === undefined) continue;
      const redis = connectTo(server);
      await redis.connect();
      const error = await refused(redis, () => redis.clientCapa('redirect'));
      expect(error).toMatchObject({ command: 'CLIENT CAPA', since: null, needs: 'Valkey >= 8.0.0' });
      await refused(redis, () => redis.scriptShow('0000000000000000000000000000000000000000'));
      const clustered = connectTo(server, 3, true);
      await clustered.connect();
      await refused(clustered, () =>
        clustered.clusterSlotStats({ SLOTSRANGE: { startSlot: 0, endSlot: 1 } }),
      );
    }
  });
});

describe('SENTINEL subcommands', () => {
  /** A sentinel of `server`'s build watching its standalone server, started for one test. */
  async function withSentinel(server: Server, run: (sentinel: RedisClient) => Promise<void>): Promise<void> {
    const handle = await startServer({
      server: buildOf(server),
      sentinel: true,
      // Logged by a sentinel once it serves (it does not log redis-server's "Ready to accept connections").
      readyLog: /Sentinel ID is/,
      args: [`sentinel monitor watched 127.0.0.1 ${server.handle?.port} 1`],
    });
    try {
      await run(client({ port: handle.port }));
    } finally {
      await handle.stop();
    }
  }

  it('work on a Sentinel: the MASTER names on Redis, the PRIMARY names too on Valkey, refused elsewhere', async () => {
    for (const server of servers.filter((s) => s.name === 'redis (PATH)' || s.name === 'valkey-8.0.1')) {
      await withSentinel(server, async (sentinel) => {
        await sentinel.connect();
        expect(sentinel.server).toMatchObject({ flavor: server.flavor, mode: 'sentinel' });
        // The typed SENTINEL subcommands are exactly the ones this sentinel lists.
        const info = sentinel.server as ServerInfo;
        const listed = ((await sentinel.call('COMMAND', 'LIST')) as string[])
          .filter((name) => name.startsWith('sentinel|'))
          .map(camel)
          .sort();
        const table = generatedCommands as unknown as Record<string, CommandDefinition>;
        const typed = Object.keys(table)
          .filter((name) => table[name].availability?.sentinel === true)
          .filter((name) => {
            const availability = table[name].availability;
            return (
              availability !== undefined &&
              missingRequirement(availability, info.flavor, info.version, info.mode) === undefined
            );
          })
          .sort();
        expect(typed).toEqual(listed);
        expect(typed.length).toBe(server.flavor === 'valkey' ? 25 : 21);
        const port = String(server.handle?.port);
        expect(await sentinel.sentinelGetMasterAddrByName('watched')).toEqual(['127.0.0.1', port]);
        expect((await sentinel.sentinelMasters()).map((m) => [m.name, m.port])).toEqual([['watched', port]]);
        if (server.flavor === 'valkey') {
          expect(await sentinel.sentinelGetPrimaryAddrByName('watched')).toEqual(['127.0.0.1', port]);
          expect((await sentinel.sentinelPrimaries()).map((m) => m.name)).toEqual(['watched']);
          expect((await sentinel.sentinelPrimary('watched')).port).toBe(port);
          const down = await sentinel.sentinelIsPrimaryDownByAddr('127.0.0.1', Number(port), 0, '*');
          expect(down).toEqual([0, '*', 0]);
        } else {
          const error = await refused(sentinel, () => sentinel.sentinelGetPrimaryAddrByName('watched'));
          expect(error.needs).toBe('a Sentinel (Valkey >= 8.0.0)');
          await refused(sentinel, () => sentinel.sentinelPrimaries());
          await refused(sentinel, () => sentinel.sentinelPrimary('watched'));
          await refused(sentinel, () =>
            sentinel.sentinelIsPrimaryDownByAddr('127.0.0.1', Number(port), 0, '*'),
          );
          // The MASTER names are Redis's (and Valkey's) own.
          expect(await sentinel.sentinelIsMasterDownByAddr('127.0.0.1', Number(port), 0, '*')).toEqual([
            0,
            '*',
            0,
          ]);
        }
      });
      // A data node is not a Sentinel: refused there before sending.
      const redis = connectTo(server);
      await redis.connect();
      const error = await refused(redis, () => redis.sentinelMasters());
      expect(error.message).toContain('needs a Sentinel');
    }
  });
});
