/**
 * Type-level tests of the typed command methods: checked by `tsc --noEmit` (which includes test/), so a
 * wrong argument accepted or a reply type changed fails the type check. The functions below are never
 * called; the single runtime test only checks that they exist.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BufferClient, Pipeline, RedisClient, ScoredMember } from '../../src/client/index.js';

declare const client: RedisClient;
declare const buffers: BufferClient;

async function replyTypes() {
  // strings
  expectTypeOf(await client.get('k')).toEqualTypeOf<string | null>();
  expectTypeOf(await client.set('k', 'v', { EX: 10, condition: 'NX' })).toEqualTypeOf<string | null>();
  expectTypeOf(await client.getex('k', { expiration: { EX: 5 } })).toEqualTypeOf<string | null>();
  expectTypeOf(await client.incrbyfloat('k', 1.5)).toEqualTypeOf<string | null>();
  expectTypeOf(await client.lcs('a', 'b')).toEqualTypeOf<
    string | number | { matches?: [number[], number[], ...number[]][]; len?: number }
  >();
  // generic
  expectTypeOf(await client.scan(0, { MATCH: 'user:*', COUNT: 100, TYPE: 'hash' })).toEqualTypeOf<
    [string, string[]]
  >();
  expectTypeOf(await client.expiretime('k')).toEqualTypeOf<number>();
  expectTypeOf(await client.objectEncoding('k')).toEqualTypeOf<string | null>();
  expectTypeOf(await client.copy('a', 'b', { REPLACE: true, DB: 1 })).toEqualTypeOf<0 | 1>();
  // hashes
  expectTypeOf(await client.hgetall('h')).toEqualTypeOf<Record<string, string>>();
  expectTypeOf(await client.hmget('h', 'a', 'b')).toEqualTypeOf<Array<string | null>>();
  expectTypeOf(await client.hscan('h', '0')).toEqualTypeOf<[string, string[]]>();
  // lists
  expectTypeOf(await client.lmpop(['a', 'b'], 'LEFT', 2)).toEqualTypeOf<null | [string, string[]]>();
  expectTypeOf(await client.blpop(['a'], 1)).toEqualTypeOf<null | { key: string; element: string }>();
  expectTypeOf(await client.lpos('l', 'x', { RANK: 1, COUNT: 2 })).toEqualTypeOf<null | number | number[]>();
  // sets
  expectTypeOf(await client.smismember('s', 'a', 'b')).toEqualTypeOf<Array<0 | 1>>();
  expectTypeOf(await client.sintercard(['a', 'b'], 10)).toEqualTypeOf<number>();
  // sorted sets
  expectTypeOf(await client.zrange('z', 0, -1, { REV: true })).toEqualTypeOf<string[]>();
  expectTypeOf(
    await client.zrangeWithScores('z', '-inf', '+inf', { sortby: 'BYSCORE', LIMIT: { offset: 0, count: 5 } }),
  ).toEqualTypeOf<ScoredMember[]>();
  expectTypeOf(await client.zunionWithScores(['a', 'b'], { AGGREGATE: 'MAX' })).toEqualTypeOf<
    ScoredMember[]
  >();
  expectTypeOf(await client.zpopmin('z', 2)).toEqualTypeOf<ScoredMember[]>();
  expectTypeOf(await client.zmscore('z', 'a', 'b')).toEqualTypeOf<Array<number | null>>();
  // streams
  expectTypeOf(await client.xadd('s', '*', [{ field: 'f', value: 'v' }], { NOMKSTREAM: true })).toEqualTypeOf<
    string | null
  >();
  expectTypeOf(await client.xrange('s', '-', '+', 10)).toEqualTypeOf<[string, string[]][]>();
  expectTypeOf(
    await client.xreadgroup(
      { group: 'g', consumer: 'c' },
      { key: ['s'], id: ['>'] },
      { COUNT: 1, BLOCK: 10 },
    ),
  ).toEqualTypeOf<null | Record<string, [string, string[] | null][]>>();
  // geo, hyperloglog, bitmap
  expectTypeOf(await client.geopos('g', 'a')).toEqualTypeOf<Array<null | [number, number]>>();
  expectTypeOf(await client.pfcount('h1', 'h2')).toEqualTypeOf<number>();
  expectTypeOf(
    await client.bitcount('b', { range: { start: 0, endUnitBlock: { end: -1, unit: 'BIT' } } }),
  ).toEqualTypeOf<number>();
  // server, cluster, connection, scripting, pubsub, transactions
  expectTypeOf(await client.configGet('maxmemory', 'save')).toEqualTypeOf<Record<string, string>>();
  expectTypeOf(await client.infoParsed('server')).toEqualTypeOf<Record<string, Record<string, string>>>();
  expectTypeOf(await client.clientNoEvict('ON')).toEqualTypeOf<'OK'>();
  expectTypeOf(await client.clusterKeyslot('k')).toEqualTypeOf<number>();
  expectTypeOf(await client.scriptExists('abc')).toEqualTypeOf<Array<0 | 1>>();
  expectTypeOf(await client.eval('return 1', ['k'], ['a'])).toEqualTypeOf<
    import('../../src/resp/index.js').RespValue
  >();
  expectTypeOf(await client.publish('ch', 'msg')).toEqualTypeOf<number>();
  expectTypeOf(await client.replicaof('NO ONE')).toEqualTypeOf<string>();
  // binary views
  expectTypeOf(await buffers.get('k')).toEqualTypeOf<Buffer | null>();
  expectTypeOf(await buffers.hgetall('h')).toEqualTypeOf<Record<string, Buffer>>();
  expectTypeOf(await buffers.zrangeWithScores('z', 0, -1)).toEqualTypeOf<
    Array<{ member: Buffer; score: number }>
  >();
  expectTypeOf(await buffers.set('k', Buffer.from([0xff]))).toEqualTypeOf<Buffer | null>();
  expectTypeOf(await buffers.clientNoEvict('ON')).toEqualTypeOf<'OK'>();
  expectTypeOf(await buffers.incr('n')).toEqualTypeOf<number>();
  // pipelines derive from the same table
  const [a, b] = await client.pipeline().get('a').zrangeWithScores('z', 0, 1).exec();
  expectTypeOf(a).toEqualTypeOf<string | null | Error>();
  expectTypeOf(b).toEqualTypeOf<ScoredMember[] | Error>();
  expectTypeOf(client.pipeline().hgetall('h')).toEqualTypeOf<Pipeline<[Record<string, string>]>>();
}

function argumentErrors() {
  // @ts-expect-error a key is required
  client.get();
  // @ts-expect-error keys are strings or Buffers, not objects
  client.get({ key: 'k' });
  // @ts-expect-error condition is NX or XX
  client.set('k', 'v', { condition: 'XY' });
  // @ts-expect-error LIMIT is { offset, count }
  client.zrange('z', 0, 1, { LIMIT: 5 });
  // @ts-expect-error sortby is BYSCORE or BYLEX
  client.zrange('z', 0, 1, { sortby: 'BYRANK' });
  // @ts-expect-error WITHSCORES is not an option: use zrangeWithScores
  client.zrange('z', 0, 1, { WITHSCORES: true });
  // @ts-expect-error where is LEFT or RIGHT
  client.lmpop(['a'], 'UP');
  // @ts-expect-error COUNT is a number
  client.scan(0, { COUNT: 'many' });
  // @ts-expect-error stream entries are { field, value } objects
  client.xadd('s', '*', ['f', 'v']);
  // @ts-expect-error the GEOSEARCH origin is FROMMEMBER or FROMLONLAT
  client.geosearch('g', { member: 'x' }, { circle: { BYRADIUS: 1, unit: 'km' } });
  // @ts-expect-error units are m, km, ft or mi
  client.geosearch('g', { FROMMEMBER: 'x' }, { circle: { BYRADIUS: 1, unit: 'miles' } });
  // @ts-expect-error CLIENT NO-EVICT takes ON or OFF
  client.clientNoEvict(true);
  // @ts-expect-error numkeys is computed from the key list, not passed
  client.zinter(2, ['a', 'b']);
  // @ts-expect-error SELECT is not offered: use the db option
  client.select(1);
  // @ts-expect-error EXEC is taken by Pipeline.exec()
  client.pipeline().exec('x');
}

describe('typed command methods (type-level)', () => {
  it('are checked by tsc --noEmit', () => {
    expect(typeof replyTypes).toBe('function');
    expect(typeof argumentErrors).toBe('function');
  });
});
