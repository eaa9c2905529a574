import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { ReplyError } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer({ users: ['user alice on >wonderland ~* &* +@all'] });
const client = useClients();

describe.each([3, 2] as const)('single server over RESP%i', (protocol) => {
  it('runs typed commands with the same reply shapes on either protocol', async () => {
    const redis = client({ port: lab.server.port, protocol });
    await redis.connect();
    const key = `p${protocol}`;
    await redis.del(`${key}:s`, `${key}:h`, `${key}:z`, `${key}:n`, `${key}:l`, `${key}:set`);
    expect(await redis.set(`${key}:s`, 'v1')).toBe('OK');
    expect(await redis.get(`${key}:s`)).toBe('v1');
    expect(await redis.set(`${key}:s`, 'v2', { condition: 'NX' })).toBeNull();
    expect(await redis.set(`${key}:s`, 'v3', { GET: true, EX: 100 })).toBe('v1');
    expect(await redis.ttl(`${key}:s`)).toBeGreaterThan(90);
    expect(await redis.get('missing:key')).toBeNull();
    expect(await redis.incr(`${key}:n`)).toBe(1);
    expect(await redis.incrby(`${key}:n`, 41)).toBe(42);
    expect(await redis.incrbyfloat(`${key}:n`, 0.5)).toBe('42.5');
    expect(await redis.hset(`${key}:h`, { a: '1', b: 2 })).toBe(2);
    expect(await redis.hgetall(`${key}:h`)).toEqual({ a: '1', b: '2' });
    expect(await redis.hgetall('missing:hash')).toEqual({});
    expect(await redis.zadd(`${key}:z`, { score: 1.5, member: 'x' }, { score: 3, member: 'y' })).toBe(2);
    expect(await redis.zscore(`${key}:z`, 'x')).toBe(1.5);
    expect(await redis.zrangeWithScores(`${key}:z`, 0, -1)).toEqual([
      { member: 'x', score: 1.5 },
      { member: 'y', score: 3 },
    ]);
    expect(await redis.rpush(`${key}:l`, 'a', 'b', 'c')).toBe(3);
    expect(await redis.lrange(`${key}:l`, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(await redis.sadd(`${key}:set`, 'm1', 'm2')).toBe(2);
    expect((await redis.smembers(`${key}:set`)).sort()).toEqual(['m1', 'm2']);
    expect(await redis.expire(`${key}:set`, 100)).toBe(true);
    expect(await redis.exists(`${key}:set`, `${key}:nope`)).toBe(1);
  });

  it('call() sends any command and rejects with a typed ReplyError', async () => {
    const redis = client({ port: lab.server.port, protocol });
    expect(await redis.call('ECHO', 'hi')).toBe('hi');
    await redis.call('SET', 'wrongtype', 'x');
    const error = await redis.call('LPUSH', 'wrongtype', 'y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe('WRONGTYPE');
  });
});

describe('single server', () => {
  it('pipelines return results in order with errors per entry', async () => {
    const redis = client({ port: lab.server.port });
    await redis.set('pipe:str', 'text');
    const results = await redis
      .pipeline()
      .set('pipe:a', '1')
      .incr('pipe:a')
      .call('INCR', 'pipe:str')
      .get('pipe:a')
      .exec();
    expect(results[0]).toBe('OK');
    expect(results[1]).toBe(2);
    expect(results[2]).toBeInstanceOf(ReplyError);
    expect(results[3]).toBe('2');
  });

  it('pipelines of many commands go out coalesced and all resolve', async () => {
    const redis = client({ port: lab.server.port });
    const pipeline = redis.pipeline();
    for (let i = 0; i < 2000; i++) pipeline.set(`bulk:${i}`, i);
    const results = await pipeline.exec();
    expect(results).toHaveLength(2000);
    expect(results.every((r) => r === 'OK')).toBe(true);
    const values = await Promise.all(Array.from({ length: 2000 }, (_, i) => redis.get(`bulk:${i}`)));
    expect(values[1999]).toBe('1999');
  });

  it('connects on first use and selects the database from the URL', async () => {
    const redis = client(`redis://127.0.0.1:${lab.server.port}/5?clientName=db5client`);
    await redis.set('dbkey', 'five');
    const other = client({ port: lab.server.port, db: 0 });
    expect(await other.get('dbkey')).toBeNull();
    expect(await redis.get('dbkey')).toBe('five');
    expect(await redis.call('CLIENT', 'GETNAME')).toBe('db5client');
  });

  it('authenticates with an ACL user, on RESP3 and RESP2', async () => {
    for (const protocol of [3, 2] as const) {
      const redis = client({ port: lab.server.port, username: 'alice', password: 'wonderland', protocol });
      expect(await redis.call('ACL', 'WHOAMI')).toBe('alice');
    }
  });

  it('a wrong password fails connect and every command with a typed error naming the server', async () => {
    const redis = client({ port: lab.server.port, username: 'alice', password: 'wrong' });
    const pending = redis.get('k');
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WRONGPASS' });
    expect((error as Error).message).toContain(`127.0.0.1:${lab.server.port}`);
    await expect(pending).rejects.toMatchObject({ code: 'WRONGPASS' });
    await expect(redis.get('k')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('rejects commands issued after quit()', async () => {
    const redis = client({ port: lab.server.port });
    await redis.set('q', '1');
    const inflight = redis.get('q');
    await redis.quit();
    expect(await inflight).toBe('1');
    await expect(redis.get('q')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('disconnect() settles every pending command at once', async () => {
    const redis = client({ port: lab.server.port });
    await redis.connect();
    const pending = [redis.call('DEBUG', 'SLEEP', '0.3'), redis.get('x'), redis.get('y')];
    redis.disconnect();
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('publishes connection events on diagnostics_channel', async () => {
    const seen: string[] = [];
    const onReady = (message: unknown) => seen.push(`ready ${(message as { address: string }).address}`);
    const onCommand = (message: unknown) => seen.push(`cmd ${(message as { args: string[] }).args[0]}`);
    diagnostics.subscribe('slotbridge:connection:ready', onReady);
    diagnostics.subscribe('slotbridge:connection:command-start', onCommand);
    try {
      const redis = client({ port: lab.server.port });
      await redis.ping();
      expect(seen).toContain(`ready 127.0.0.1:${lab.server.port}`);
      expect(seen).toContain('cmd PING');
    } finally {
      diagnostics.unsubscribe('slotbridge:connection:ready', onReady);
      diagnostics.unsubscribe('slotbridge:connection:command-start', onCommand);
    }
  });

  it('emits ready, and error only to listeners', async () => {
    const redis = client({ port: lab.server.port });
    const events: string[] = [];
    redis.on('ready', () => events.push('ready'));
    redis.on('end', () => events.push('end'));
    await redis.connect();
    await redis.quit();
    expect(events).toEqual(['ready', 'end']);
  });
});
