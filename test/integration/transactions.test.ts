import { describe, expect, it } from 'vitest';
import {
  CommandRejectedError,
  type RedisClient,
  ReplyError,
  TransactionError,
} from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(protocol: 2 | 3 = 3): RedisClient {
  const c = openClient({ port: lab.server.port, protocol });
  return c;
}

describe.each([3, 2] as const)('transactions over RESP%i', (protocol) => {
  it('runs a typed chain atomically and returns typed results', async () => {
    const redis = client(protocol);
    await redis.del(`tx${protocol}:n`, `tx${protocol}:h`);
    const results = await redis
      .multi()
      .incr(`tx${protocol}:n`)
      .incrby(`tx${protocol}:n`, 10)
      .hset(`tx${protocol}:h`, { a: 1 })
      .hgetall(`tx${protocol}:h`)
      .get(`tx${protocol}:missing`)
      .exec();
    expect(results).toEqual([1, 11, 1, { a: '1' }, null]);
  });

  it('a command failing at run time gets its Error in its own slot; the others ran', async () => {
    const redis = client(protocol);
    await redis.set(`tx${protocol}:str`, 'x');
    const results = await redis
      .multi()
      .set(`tx${protocol}:a`, '1')
      .lpush(`tx${protocol}:str`, 'y')
      .get(`tx${protocol}:a`)
      .exec();
    if (results === null) throw new Error('the transaction was not expected to abort');
    expect(results[0]).toBe('OK');
    expect(results[1]).toBeInstanceOf(ReplyError);
    expect((results[1] as ReplyError).code).toBe('WRONGTYPE');
    expect(results[2]).toBe('1');
  });

  it('a command refused while queueing aborts everything with TransactionError (EXECABORT)', async () => {
    const redis = client(protocol);
    await redis.del(`tx${protocol}:never`);
    const error = await redis
      .multi()
      .set(`tx${protocol}:never`, '1')
      .call('GET') // wrong arity: refused at queue time
      .exec()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as TransactionError).code).toBe('ERR_EXECABORT');
    expect((error as TransactionError).errors[0]).toBeUndefined();
    expect((error as TransactionError).errors[1]).toBeInstanceOf(ReplyError);
    expect(await redis.get(`tx${protocol}:never`)).toBeNull();
    // The connection is usable afterwards (no dangling MULTI).
    expect(await redis.ping()).toBe('PONG');
  });

  it('WATCH in isolated(): a concurrent writer makes exec() resolve null, not an error', async () => {
    const redis = client(protocol);
    const writer = client();
    const key = `tx${protocol}:balance`;
    await redis.set(key, 100);
    const outcome = await redis.isolated(async (c) => {
      await c.watch(key);
      const balance = Number(await c.get(key));
      await writer.set(key, 5); // another client changes the watched key
      return c
        .multi()
        .set(key, balance - 10)
        .exec();
    });
    expect(outcome).toBeNull();
    expect(await redis.get(key)).toBe('5');
    // Without interference the same sequence commits.
    const committed = await redis.isolated(async (c) => {
      await c.watch(key);
      const balance = Number(await c.get(key));
      return c
        .multi()
        .set(key, balance - 1)
        .get(key)
        .exec();
    });
    expect(committed).toEqual(['OK', '4']);
  });
});

describe('isolated()', () => {
  it('does not see the client traffic and is closed for use after the callback', async () => {
    const redis = client();
    let escaped: import('../../src/client/index.js').IsolatedClient | undefined;
    const [, other] = await Promise.all([
      redis.isolated(async (c) => {
        escaped = c;
        await c.call('CLIENT', 'SETNAME', 'isolated-one');
        expect(await c.call('CLIENT', 'GETNAME')).toBe('isolated-one');
      }),
      redis.call('CLIENT', 'GETNAME'),
    ]);
    expect(other).not.toBe('isolated-one');
    const error = await escaped?.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandRejectedError);
  });

  it('a callback that throws closes its connection and rethrows', async () => {
    const redis = client();
    const boom = new Error('boom');
    await expect(
      redis.isolated(async (c) => {
        await c.watch('k');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await redis.isolated(async (c) => c.ping())).toBe('PONG');
  });
});
