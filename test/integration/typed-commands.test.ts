/**
 * Generated typed commands against a real redis-server: one or more representatives of every command
 * group, run over RESP3 and RESP2, asserting the values and that both protocols give the same JS shapes.
 */
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { type RedisClient, ReplyError, UnsupportedCommandError } from '../../src/client/index.js';
import { COMMAND_GROUPS } from '../../src/commands/generated/command-methods.js';
import { useClients } from '../helpers/clients.js';
import { startFakeServer } from '../helpers/fake-server.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const clusterLab = useServer({ args: { 'cluster-enabled': 'yes', 'cluster-node-timeout': '1000' } });
const client = useClients();

type Results = Record<string, Record<string, unknown>>;

/** Runs one scenario per command group and returns the replies (volatile ones reduced to their type). */
async function exercise(redis: RedisClient, cluster: RedisClient): Promise<Results> {
  await redis.flushall();
  const r: Results = {};
  r.string = {
    set: await redis.set('s', 'hello'),
    getex: await redis.getex('s', { expiration: { EX: 100 } }),
    setrange: await redis.setrange('s2', 0, 'hallo'),
    lcs: await redis.lcs('s', 's2'),
    lcsIdx: await redis.lcs('s', 's2', { IDX: true, MINMATCHLEN: 2 }),
    mget: await redis.mget('s', 'missing'),
    incrbyfloat: await redis.incrbyfloat('f', 1.25),
  };
  r.bitmap = {
    setbit: await redis.setbit('b', 7, 1),
    bitcount: await redis.bitcount('b'),
    bitfield: await redis.bitfield('bf', {
      operation: [{ write: { writeOperation: { INCRBY: { encoding: 'u8', offset: 0, increment: 5 } } } }],
    }),
    bitpos: await redis.bitpos('b', 1),
  };
  r.generic = {
    copy: await redis.copy('s', 's3'),
    expiretime: (await redis.expiretime('s')) > 0,
    objectEncoding: await redis.objectEncoding('s'),
    scan: await redis.scan(0, { MATCH: 's*', COUNT: 1000 }).then(([cursor, keys]) => [cursor, keys.sort()]),
    type: await redis.type('s'),
    sortRo: await redis.sortRo('nolist'),
  };
  await redis.hset('h', { a: '1', b: '2' });
  r.hash = {
    hgetall: await redis.hgetall('h'),
    hrandfieldCount: (await redis.hrandfield('h', { options: { count: 5 } })) as unknown,
    hscan: await redis.hscan('h', 0).then(([cursor, items]) => [cursor, items.length]),
    hincrbyfloat: await redis.hincrbyfloat('h', 'a', 0.5),
    hrandfieldWithValues: (await redis.hrandfieldWithValues('h', { count: 5 })).sort((x, y) =>
      x.field < y.field ? -1 : 1,
    ),
  };
  await redis.rpush('l1', 'a', 'b', 'c');
  r.list = {
    lmpop: await redis.lmpop(['nolist', 'l1'], 'LEFT', 2),
    lpos: await redis.lpos('l1', 'c', { COUNT: 0 }),
    lmove: await redis.lmove('l1', 'l2', 'LEFT', 'RIGHT'),
    blpop: await redis.blpop(['l2'], 1),
    lpopCount: await redis.lpop('nolist'),
    lpopWithCount: await redis.rpush('l3', 'x', 'y', 'z').then(() => redis.lpopCount('l3', 2)),
    rpopWithCount: await redis.rpopCount('l3', 5),
    popMissing: await redis.lpopCount('l3', 1),
  };
  await redis.sadd('set1', 'a', 'b');
  await redis.sadd('set2', 'b', 'c');
  r.set = {
    smismember: await redis.smismember('set1', 'a', 'z'),
    sintercard: await redis.sintercard(['set1', 'set2'], 10),
    sunion: (await redis.sunion('set1', 'set2')).sort(),
    spop: await redis.spop('nosuchset'),
  };
  await redis.zadd('z1', { score: 1.5, member: 'a' }, { score: 2, member: 'b' }, { score: 3, member: 'c' });
  await redis.zadd('z2', { score: 10, member: 'a' });
  r.sorted_set = {
    zadd: await redis.zadd('z3', { score: 1, member: 'x' }),
    zrange: await redis.zrange('z1', '(1.5', '+inf', { sortby: 'BYSCORE' }),
    zrangeWithScores: await redis.zrangeWithScores('z1', 0, -1, { REV: true }),
    zrangebyscoreWithScores: await redis.zrangebyscoreWithScores('z1', 2, 3, {
      LIMIT: { offset: 0, count: 1 },
    }),
    zunionWithScores: await redis.zunionWithScores(['z1', 'z2'], { AGGREGATE: 'MAX' }),
    zinter: await redis.zinter(['z1', 'z2']),
    zmscore: await redis.zmscore('z1', 'a', 'nope'),
    zpopmin: await redis.zpopmin('z1'),
    zpopmaxCount: await redis.zpopmax('z1', 5),
    zmpop: await redis.zmpop(['nozset', 'z2'], 'MIN'),
    bzpopmin: await redis.bzpopmin(['z3'], 1),
    zrandmember: await redis.zrandmember('nozset'),
    zaddOptions: await redis.zadd('z4', [{ score: 1, member: 'm' }], { condition: 'NX', CH: true }),
    zaddIncr: await redis.zaddIncr('z4', 2.5, 'm'),
    zaddIncrStopped: await redis.zaddIncr('z4', 1, 'm', { condition: 'NX' }),
    zrevrank: await redis.zrevrank('z4', 'm'),
    zrandmemberWithScores: await redis.zrandmemberWithScores('z4', { count: 5 }),
  };
  await redis.xadd('st', '1-1', [{ field: 'f', value: 'v1' }]);
  await redis.xadd('st', '2-1', [{ field: 'f', value: 'v2' }], {
    trim: { strategy: 'MAXLEN', threshold: 10 },
  });
  await redis.xgroupCreate('st', 'g', '0');
  const stream = (await redis.xinfoStream('st')) as Record<string, unknown>;
  r.stream = {
    xrange: await redis.xrange('st', '-', '+', 10),
    xread: await redis.xread({ key: ['st'], id: ['1-1'] }, { COUNT: 5 }),
    xreadgroup: await redis.xreadgroup(
      { group: 'g', consumer: 'c1' },
      { key: ['st'], id: ['>'] },
      { COUNT: 1 },
    ),
    xpending: await redis.xpending('st', 'g'),
    xinfoStream: { length: stream.length, first: stream['first-entry'], groups: stream.groups },
    xinfoGroups: await redis.xinfoGroups('st'),
    xinfoConsumers: (await redis.xinfoConsumers('st', 'g')).map((c) => [c.name, c.pending, typeof c.idle]),
    xinfoStreamFull: await redis.xinfoStream('st', { fullBlock: {} }).then((full) => {
      const groups = (full as { groups?: Array<Record<string, unknown>> }).groups ?? [];
      // Times are volatile: keep the structure (names, counts, ids) and the type of each time.
      return groups.map((group) => ({
        ...group,
        consumers: (group.consumers as Array<Record<string, unknown>>).map((c) => ({
          ...c,
          'seen-time': typeof c['seen-time'],
          'active-time': typeof c['active-time'],
          pending: (c.pending as unknown[][]).map((p) => [p[0], typeof p[1], p[2]]),
        })),
        pending: (group.pending as unknown[][]).map((p) => [p[0], p[1], typeof p[2], p[3]]),
      }));
    }),
    xautoclaim: await redis.xautoclaim('st', 'g', 'c2', 0, '0-0', { COUNT: 10 }),
  };
  await redis.geoadd('geo', [
    { longitude: 13.361389, latitude: 38.115556, member: 'Palermo' },
    { longitude: 15.087269, latitude: 37.502669, member: 'Catania' },
  ]);
  r.geo = {
    geopos: ((await redis.geopos('geo', 'Palermo', 'nowhere')) as Array<[number, number] | null>).map((p) =>
      p === null ? null : p.map((n) => Math.round(n)),
    ),
    geodist: await redis.geodist('geo', 'Palermo', 'Catania', 'km'),
    geosearch: await redis.geosearch(
      'geo',
      { FROMLONLAT: { longitude: 15, latitude: 37 } },
      { circle: { BYRADIUS: 200, unit: 'km' } },
      { order: 'ASC' },
    ),
    geohash: await redis.geohash('geo', 'Palermo'),
  };
  r.hyperloglog = {
    pfadd: await redis.pfadd('hll', 'a', 'b', 'c'),
    pfcount: await redis.pfcount('hll'),
    pfmerge: await redis.pfmerge('hll2', 'hll'),
  };
  r.pubsub = {
    publish: await redis.publish('nobody', 'hi'),
    pubsubNumsub: await redis.pubsubNumsub('nobody'),
    pubsubChannels: await redis.pubsubChannels('*'),
  };
  await redis.functionLoad(
    "#!lua name=typedlib\nredis.register_function('typedfn', function(keys, args) return #keys end)",
    { replace: true },
  );
  r.scripting = {
    eval: await redis.eval('return {KEYS[1], ARGV[1]}', ['k1'], ['a1']),
    evalOptions: await redis.eval('return {KEYS[1], ARGV[1]}', { keys: ['k1'], arguments: ['a1'] }),
    fcallOptions: await redis.fcall('typedfn', { keys: ['k1'] }),
    fcall: await redis.fcall('typedfn', ['k1', 'k2']),
    functionList: (await redis.functionList()).map((lib) => [
      lib.library_name,
      lib.functions?.map((f) => f.name),
    ]),
    functionStats: await redis.functionStats().then((stats) => Object.keys(stats.engines ?? {})),
    scriptExists: await redis.scriptExists('0000000000000000000000000000000000000000'),
  };
  r.server = {
    configGet: await redis.configGet('maxmemory-policy', 'lfu-log-factor'),
    infoParsed: (await redis.infoParsed('server')).server?.redis_version,
    info: (await redis.info('server'))?.includes('redis_version:'),
    dbsize: await redis.dbsize(),
    commandCount: (await redis.commandCount()) > 200,
    commandGetkeys: await redis.commandGetkeys('MSET', 'a', '1', 'b', '2'),
    commandDocs: await redis.commandDocs('GEOSEARCH', 'CLIENT', 'SET'),
    memoryUsage: typeof (await redis.memoryUsage('s')),
    memoryStats: typeof (await redis.memoryStats())['keys.count'],
    latencyLatest: await redis.latencyLatest(),
    slowlogLen: typeof (await redis.slowlogLen()),
    time: (await redis.time()).length,
    lastsave: typeof (await redis.lastsave()),
    aclWhoami: await redis.aclWhoami(),
    aclGetuser: await redis.aclGetuser('default').then((u) => [u?.flags?.includes('on'), typeof u?.commands]),
  };
  r.connection = {
    ping: await redis.ping(),
    echo: await redis.echo('hi'),
    clientId: typeof (await redis.clientId()),
    clientGetname: await redis.clientGetname(),
    clientNoEvict: await redis.clientNoEvict('OFF'),
    clientTrackinginfo: await redis.clientTrackinginfo(),
  };
  // SENTINEL subcommands need a server in sentinel mode: refused, unsent, on this one.
  r.sentinel = {
    sentinelMasters: await redis.sentinelMasters().catch((e: { code?: string }) => e.code),
  };
  r.transactions = {
    multi: await redis.multi().set('s', 'v').get('s').exec(),
  };
  r.cluster = {
    clusterKeyslot: await cluster.clusterKeyslot('somekey'),
    clusterMyid: (await cluster.clusterMyid()).length,
    clusterInfo: (await cluster.clusterInfo()).includes('cluster_state:'),
    clusterShards: await cluster.clusterShards().then((shards) => shards.map((s) => s.nodes?.[0]?.role)),
    clusterCountkeysinslot: await cluster.clusterCountkeysinslot(0),
  };
  return r;
}

describe('generated command groups against redis-server', () => {
  it('give the same values and JS shapes on RESP3 and RESP2', async () => {
    const runs: Results[] = [];
    for (const protocol of [3, 2] as const) {
      const redis = client({ port: lab.server.port, protocol });
      const cluster = client({ port: clusterLab.server.port, protocol });
      await Promise.all([redis.connect(), cluster.connect()]);
      runs.push(await exercise(redis, cluster));
    }
    const [resp3, resp2] = runs;
    expect(resp2).toEqual(resp3);
    expect(Object.keys(resp3).sort()).toEqual(Object.keys(COMMAND_GROUPS).sort());

    expect(resp3.string).toEqual({
      set: 'OK',
      getex: 'hello',
      setrange: 5,
      lcs: 'hllo',
      lcsIdx: {
        matches: [
          [
            [2, 4],
            [2, 4],
          ],
        ],
        len: 4,
      },
      mget: ['hello', null],
      incrbyfloat: '1.25',
    });
    expect(resp3.bitmap).toEqual({ setbit: 0, bitcount: 1, bitfield: [5], bitpos: 7 });
    expect(resp3.hash).toMatchObject({ hgetall: { a: '1', b: '2' }, hscan: ['0', 4], hincrbyfloat: '1.5' });
    expect((resp3.hash.hrandfieldCount as string[]).sort()).toEqual(['a', 'b']);
    expect(resp3.hash.hrandfieldWithValues).toEqual([
      { field: 'a', value: '1.5' },
      { field: 'b', value: '2' },
    ]);
    // XINFO STREAM FULL: each group (and consumer) an object on both protocols, as the type says.
    expect(resp3.stream.xinfoStreamFull).toEqual([
      expect.objectContaining({
        name: 'g',
        'last-delivered-id': '1-1',
        'pel-count': 1,
        pending: [['1-1', 'c1', 'number', 1]],
        consumers: [
          expect.objectContaining({
            name: 'c1',
            'pel-count': 1,
            'seen-time': 'number',
            pending: [['1-1', 'number', 1]],
          }),
        ],
      }),
    ]);
    // COMMAND DOCS: nested argument maps and subcommands are plain objects on both protocols.
    const docs = resp3.server.commandDocs as Record<string, Record<string, unknown>>;
    const geoArgs = docs.geosearch.arguments as Array<Record<string, unknown>>;
    const from = geoArgs.find((a) => a.name === 'from') as { arguments: Array<Record<string, unknown>> };
    expect(from.arguments.find((a) => a.token === 'FROMLONLAT')).toMatchObject({
      type: 'block',
      arguments: [
        { name: 'longitude', type: 'double' },
        { name: 'latitude', type: 'double' },
      ],
    });
    const subcommands = docs.client.subcommands as Record<string, Record<string, unknown>>;
    expect(subcommands['client|kill']).toMatchObject({ group: 'connection' });
    expect(Object.getPrototypeOf(subcommands['client|kill'])).toBe(Object.prototype);
    expect(resp3.list).toEqual({
      lmpop: ['l1', ['a', 'b']],
      lpos: [0],
      lmove: 'c',
      blpop: { key: 'l2', element: 'c' },
      lpopCount: null,
      lpopWithCount: ['x', 'y'],
      rpopWithCount: ['z'],
      popMissing: null,
    });
    expect(resp3.sorted_set).toEqual({
      zadd: 1,
      zrange: ['b', 'c'],
      zrangeWithScores: [
        { member: 'c', score: 3 },
        { member: 'b', score: 2 },
        { member: 'a', score: 1.5 },
      ],
      zrangebyscoreWithScores: [{ member: 'b', score: 2 }],
      zunionWithScores: [
        { member: 'b', score: 2 },
        { member: 'c', score: 3 },
        { member: 'a', score: 10 },
      ],
      zinter: ['a'],
      zmscore: [1.5, null],
      zpopmin: [{ member: 'a', score: 1.5 }],
      zpopmaxCount: [
        { member: 'c', score: 3 },
        { member: 'b', score: 2 },
      ],
      zmpop: ['z2', [['a', 10]]],
      bzpopmin: { key: 'z3', member: 'x', score: 1 },
      zrandmember: null,
      zaddOptions: 1,
      zaddIncr: 3.5,
      zaddIncrStopped: null,
      zrevrank: 0,
      zrandmemberWithScores: [{ member: 'm', score: 3.5 }],
    });
    expect(resp3.stream).toMatchObject({
      xrange: [
        ['1-1', ['f', 'v1']],
        ['2-1', ['f', 'v2']],
      ],
      xread: { st: [['2-1', ['f', 'v2']]] },
      xreadgroup: { st: [['1-1', ['f', 'v1']]] },
      xpending: [1, '1-1', '1-1', [['c1', '1']]],
      xinfoStream: { length: 2, first: ['1-1', ['f', 'v1']], groups: 1 },
    });
    expect(resp3.geo).toMatchObject({ geopos: [[13, 38], null], geosearch: ['Catania', 'Palermo'] });
    expect(Number(resp3.geo.geodist)).toBeCloseTo(166.27, 1);
    expect(resp3.hyperloglog).toEqual({ pfadd: 1, pfcount: 3, pfmerge: 'OK' });
    expect(resp3.sentinel).toEqual({ sentinelMasters: 'ERR_UNSUPPORTED_COMMAND' });
    expect(resp3.pubsub).toEqual({ publish: 0, pubsubNumsub: ['nobody', 0], pubsubChannels: [] });
    expect(resp3.scripting).toEqual({
      eval: ['k1', 'a1'],
      evalOptions: ['k1', 'a1'],
      fcall: 2,
      fcallOptions: 1,
      functionList: [['typedlib', ['typedfn']]],
      functionStats: ['LUA'],
      scriptExists: [0],
    });
    expect(resp3.server).toMatchObject({
      configGet: { 'maxmemory-policy': 'noeviction', 'lfu-log-factor': '10' },
      info: true,
      commandCount: true,
      commandGetkeys: ['a', 'b'],
      memoryUsage: 'number',
      memoryStats: 'number',
      time: 2,
      aclWhoami: 'default',
      aclGetuser: [true, 'string'],
    });
    expect(resp3.connection).toEqual({
      ping: 'PONG',
      echo: 'hi',
      clientId: 'number',
      clientGetname: null,
      clientNoEvict: 'OK',
      clientTrackinginfo: { flags: ['off'], redirect: -1, prefixes: [] },
    });
    expect(resp3.cluster).toEqual({
      clusterKeyslot: 11058,
      clusterMyid: 40,
      clusterInfo: true,
      clusterShards: ['master'],
      clusterCountkeysinslot: 0,
    });
  });

  it('report the server version on RESP3 (HELLO) and RESP2 (INFO server, asked once)', async () => {
    // Redis says redis_version; Valkey also says valkey_version (its own) and a Redis-compatible redis_version.
    const info = (await client({ port: lab.server.port }).infoParsed('server')).server ?? {};
    const expected = info.valkey_version ?? info.redis_version;
    expect(expected).toMatch(/^\d+\.\d+\.\d+$/);
    for (const protocol of [3, 2] as const) {
      const redis = client({ port: lab.server.port, protocol });
      expect(redis.serverVersion).toBeUndefined();
      await redis.connect();
      expect(redis.serverVersion).toBe(expected);
      expect(redis.server?.version).toBe(expected);
      expect(redis.server?.flavor).toBe(info.server_name === 'valkey' ? 'valkey' : 'redis');
    }
  });

  it('withBuffers() returns bulk strings as Buffers, binary-safe, on both protocols', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]);
    for (const protocol of [3, 2] as const) {
      const redis = client({ port: lab.server.port, protocol });
      const raw = redis.withBuffers();
      await redis.del('bin', 'binh', 'binz');
      expect(await raw.set('bin', bytes)).toEqual(Buffer.from('OK'));
      expect(await raw.get('bin')).toEqual(bytes);
      expect(await redis.get('bin')).toBe(bytes.toString());
      await redis.hset('binh', [Buffer.from('f'), bytes]);
      expect(await raw.hgetall('binh')).toEqual({ f: bytes });
      await redis.zadd('binz', { score: 2.5, member: bytes });
      expect(await raw.zrangeWithScores('binz', 0, -1)).toEqual([{ member: bytes, score: 2.5 }]);
      expect(await raw.mget('bin', 'none')).toEqual([bytes, null]);
      expect(await raw.incr('counter')).toBeTypeOf('number');
      expect(await raw.call('GET', 'bin')).toEqual(bytes);
      expect(raw.withBuffers()).toBe(raw);
    }
  });

  it('rejects a command newer than the server before sending it, naming the version needed', async () => {
    const seen: string[] = [];
    const fake = await startFakeServer((socket: net.Socket, chunk: Buffer) => {
      const text = chunk.toString('latin1');
      seen.push(text);
      if (text.includes('HELLO')) {
        socket.write('%2\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n6.2.0\r\n');
      } else {
        socket.write('+OK\r\n');
      }
    });
    try {
      const redis = client({ port: fake.port });
      await redis.connect();
      expect(redis.serverVersion).toBe('6.2.0');
      const error = await redis.lmpop(['a'], 'LEFT').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnsupportedCommandError);
      expect(error).toMatchObject({
        code: 'ERR_UNSUPPORTED_COMMAND',
        command: 'LMPOP',
        since: '7.0.0',
        flavor: 'redis',
        serverVersion: '6.2.0',
      });
      expect((error as Error).message).toContain('7.0.0');
      const noEvict = await redis.clientNoEvict('ON').catch((e: unknown) => e);
      expect(noEvict).toMatchObject({ code: 'ERR_UNSUPPORTED_COMMAND', command: 'CLIENT NO-EVICT' });
      // A pipeline checks too; call() sends anything; commands old enough are sent.
      const [piped] = await redis.pipeline().lmpop(['a'], 'LEFT').exec();
      expect(piped).toBeInstanceOf(UnsupportedCommandError);
      expect(await redis.call('LMPOP', '1', 'a', 'LEFT')).toBe('OK');
      expect(await redis.getdel('k')).toBe('OK');
      const sent = seen.join('');
      expect(sent.match(/LMPOP/g)?.length).toBe(1);
      expect(sent).not.toContain('NO-EVICT');
      expect(sent).toContain('GETDEL');
    } finally {
      await fake.close();
    }
  });

  it('rejects arguments that do not fit the grammar without sending anything', async () => {
    const redis = client({ port: lab.server.port });
    await expect(redis.get({ no: 'key' } as never)).rejects.toBeInstanceOf(TypeError);
    await expect(redis.geosearch('g', {} as never, 'x' as never)).rejects.toBeInstanceOf(TypeError);
    await expect(redis.zrange('nokey', 0, -1)).resolves.toEqual([]);
    await expect(redis.call('NOSUCHCOMMAND')).rejects.toBeInstanceOf(ReplyError);
  });
});
