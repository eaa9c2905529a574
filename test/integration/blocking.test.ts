import { describe, expect, it } from 'vitest';
import { blockingPlan } from '../../src/client/blocking/blocking-plan.js';
import { AbortError, type RedisClient } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(extra: Record<string, unknown> = {}): RedisClient {
  const c = openClient({ port: lab.server.port, ...extra });
  return c;
}

async function blockedClients(observer: RedisClient): Promise<number> {
  const info = String(await observer.call('INFO', 'clients'));
  return Number(/blocked_clients:(\d+)/.exec(info)?.[1]);
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('blocking plan', () => {
  it('finds the server timeout of each blocking command', () => {
    expect(blockingPlan(['BLPOP', 'a', 'b', '1.5'])).toEqual({ placement: 'dedicated', serverTimeout: 1500 });
    expect(blockingPlan(['blmove', 'a', 'b', 'LEFT', 'RIGHT', 0])).toEqual({
      placement: 'dedicated',
      serverTimeout: 0,
    });
    expect(blockingPlan(['BLMPOP', '2', '1', 'k', 'LEFT'])).toEqual({
      placement: 'dedicated',
      serverTimeout: 2000,
    });
    expect(blockingPlan(['XREAD', 'COUNT', 1, 'BLOCK', 250, 'STREAMS', 's', '$'])).toEqual({
      placement: 'dedicated',
      serverTimeout: 250,
    });
    expect(blockingPlan(['XREAD', 'STREAMS', 'BLOCK', '0'])).toBeUndefined(); // a stream named BLOCK
    expect(blockingPlan(['WAIT', 1, 100])).toEqual({ placement: 'same', serverTimeout: 100 });
    expect(blockingPlan(['GET', 'k'])).toBeUndefined();
    expect(blockingPlan(['BITCOUNT', 'k'])).toBeUndefined();
  });
});

describe('blocking commands on a single server', () => {
  it('a BLPOP waiting 10 s does not delay other commands', async () => {
    const redis = client();
    const observer = client();
    const order: string[] = [];
    const popped = redis.blpop('bq:wait', 10).then((value) => {
      order.push('blpop');
      return value;
    });
    await waitFor(async () => (await blockedClients(observer)) === 1, 'the BLPOP to block');
    for (let i = 0; i < 20; i++) await redis.set(`bq:k${i}`, i);
    expect(await redis.get('bq:k19')).toBe('19');
    order.push('others');
    await redis.rpush('bq:wait', 'job');
    expect(await popped).toEqual({ key: 'bq:wait', element: 'job' });
    expect(order).toEqual(['others', 'blpop']);
  });

  it('an aborted BLPOP rejects with AbortError and frees its connection', async () => {
    const redis = client({ maxBlockingConnections: 1 });
    const observer = client();
    const controller = new AbortController();
    const popped = redis.withOptions({ signal: controller.signal }).blpop('bq:never', 0);
    await waitFor(async () => (await blockedClients(observer)) === 1, 'the BLPOP to block');
    controller.abort(new Error('shutting down'));
    const error = await popped.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).code).toBe('ERR_ABORTED');
    expect(await blockedClients(observer)).toBe(0);
    // The single pooled connection is free again: the next blocking command gets it and is served.
    await observer.rpush('bq:next', 'x');
    expect(await redis.blpop('bq:next', 1)).toEqual({ key: 'bq:next', element: 'x' });
    expect(redis.blocking()).toBeDefined();
  });

  it('abort while waiting for a free pooled connection, and abort before sending', async () => {
    const redis = client({ maxBlockingConnections: 1 });
    const holder = new AbortController();
    const first = redis.withOptions({ signal: holder.signal }).brpop('bq:hold', 0);
    const queued = new AbortController();
    const second = redis.withOptions({ signal: queued.signal }).brpop('bq:hold2', 0);
    queued.abort();
    expect(await second.catch((e: unknown) => e)).toBeInstanceOf(AbortError);
    holder.abort();
    expect(await first.catch((e: unknown) => e)).toBeInstanceOf(AbortError);
    expect(
      await redis.sendCommand(['BLPOP', 'x', 0], { signal: AbortSignal.abort() }).catch((e: unknown) => e),
    ).toBeInstanceOf(AbortError);
  });

  it('a blocking timeout returns null (client timeout = server timeout + margin, not commandTimeout)', async () => {
    const redis = client({ commandTimeout: 50 });
    expect(await redis.bzpopmin('bq:z', 0.3)).toBeNull();
    await redis.call('ZADD', 'bq:z', 2, 'm');
    expect(await redis.bzpopmin(['bq:none', 'bq:z'], 1)).toEqual({ key: 'bq:z', member: 'm', score: 2 });
    expect(await redis.call('XREAD', 'BLOCK', 100, 'STREAMS', 'bq:stream', '$')).toBeNull();
  });
});
