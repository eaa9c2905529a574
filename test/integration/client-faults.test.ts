import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { ConnectionError, ProtocolError, TimeoutError } from '../../src/errors.js';
import { findFreePort, startServer } from '../../src/lab/index.js';
import { resp2Server, startFakeServer } from '../helpers/fake-server.js';

const clients: RedisClient[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

function client(config: Parameters<typeof createClient>[0]): RedisClient {
  const c = createClient(config);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('faults', () => {
  it('a refused connection names the address and the reason', async () => {
    const port = await findFreePort();
    const redis = client({ port, reconnect: false });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toMatch(/is the server running/);
    await expect(redis.get('k')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('a host that does not resolve fails with a typed error', async () => {
    const redis = client({
      host: 'no-such-host.invalid',
      port: 6379,
      reconnect: false,
      connectTimeout: 2000,
    });
    const error = await redis.connect().catch((e: unknown) => e);
    expect((error as { code: string }).code).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect((error as Error).message).toContain('no-such-host.invalid:6379');
  });

  it('commands queued while a server is down time out instead of hanging', async () => {
    const port = await findFreePort();
    const redis = client({ port, commandTimeout: 300 });
    const started = performance.now();
    await expect(redis.get('k')).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('the offline queue is bounded', async () => {
    const port = await findFreePort();
    const redis = client({ port, maxOfflineQueue: 2, commandTimeout: 200 });
    const a = redis.get('a');
    const b = redis.get('b');
    await expect(redis.get('c')).rejects.toMatchObject({ code: 'ERR_QUEUE_FULL' });
    await expect(Promise.allSettled([a, b])).resolves.toHaveLength(2);
  });

  it('a server that stops answering: the command times out, the connection is reset and recovers', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const redis = client({ port: server.port, commandTimeout: 300 });
    await redis.set('k', 'v');
    server.pause();
    const error = await redis.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain(server.address);
    server.resume();
    expect(await redis.get('k')).toBe('v');
  });

  it('the server restarting with commands in flight: reads are retried, writes rejected as not safe', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const redis = client({ port: server.port, commandTimeout: 8000 });
    await redis.set('k', 'before');
    server.pause();
    const read = redis.get('k');
    const write = redis.incr('counter').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.kill('SIGKILL');
    await server.restart();
    // The read is re-sent first on the new connection; the restarted server (no persistence) is empty.
    expect(await read).toBeNull();
    const error = await write;
    expect(error).toMatchObject({ code: 'ERR_CONNECTION_LOST' });
    expect((error as Error).message).toMatch(/not retried/);
    expect(await redis.set('k', 'after')).toBe('OK');
  });

  it('re-sending follows the written fact: never written is re-sent even with retryOnReconnect none; written only when allowed', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const none = client({ port: server.port, commandTimeout: 8000, retryOnReconnect: 'none' });
    const readonly = client({ port: server.port, commandTimeout: 8000 });
    const noRetries = client({ port: server.port, commandTimeout: 8000, maxRetriesPerCommand: 0 });
    await none.set('wf:k', 'before');
    await readonly.ping();
    await noRetries.ping();
    server.pause();
    // Written (handed to the socket) before the server died: the server may have run them.
    const writtenNone = none.get('wf:k').catch((e: unknown) => e);
    const writtenAllowed = readonly.get('wf:k');
    const writtenNoBudget = noRetries.get('wf:k').catch((e: unknown) => e);
    // A value larger than the socket buffers: the socket stops draining, so what follows is never written.
    const big = none.set('wf:big', Buffer.alloc(32 * 1024 * 1024, 120)).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const unwritten = none.get('wf:k');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(none.health().connections[0]).toMatchObject({ unwritten: 1 });
    await server.kill('SIGKILL');
    await server.restart();
    // Not retryable (retryOnReconnect none) and written: rejected, the failure says it was written.
    expect(await writtenNone).toMatchObject({
      code: 'ERR_CONNECTION_LOST',
      delivery: { written: true, resends: 0 },
    });
    expect(await big).toMatchObject({ code: 'ERR_CONNECTION_LOST', delivery: { written: true } });
    // Never written: re-sent whatever retryOnReconnect says (the restarted server, no persistence, is empty).
    expect(await unwritten).toBeNull();
    // Written but retryable (retryOnReconnect readonly, the default, and GET is read-only): re-sent once.
    expect(await writtenAllowed).toBeNull();
    // Retryable, but maxRetriesPerCommand 0 leaves no re-send.
    expect(await writtenNoBudget).toMatchObject({
      code: 'ERR_CONNECTION_LOST',
      delivery: { written: true, resends: 0 },
    });
  });

  it('a closed client rejects with one error on every topology: ConnectionError ERR_CLIENT_CLOSED', async () => {
    const port = await findFreePort();
    const configs: Array<Exclude<Parameters<typeof createClient>[0], string | undefined>> = [
      { port },
      { cluster: { hosts: [`127.0.0.1:${port}`] } },
      { sentinel: { hosts: [`127.0.0.1:${port}`], name: 'mymaster' } },
    ];
    for (const config of configs) {
      const redis = client({ ...config, connectTimeout: 60_000, commandTimeout: 60_000 });
      // Queued while nothing answers, then the client is closed: the queued command and a later one.
      const queued = redis.get('k').catch((e: unknown) => e);
      redis.disconnect();
      const later = await redis.get('k').catch((e: unknown) => e);
      for (const error of [await queued, later]) {
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).toMatchObject({ name: 'ConnectionError', code: 'ERR_CLIENT_CLOSED' });
      }
    }
  });

  it('TLS to a plain server fails with a typed error, no hang', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const redis = client({ port: server.port, tls: true, reconnect: false, connectTimeout: 3000 });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toHaveProperty('code');
    expect((error as Error).message).toContain(server.address);
  });

  it('malformed bytes from the server reject with a ProtocolError', async () => {
    const fake = await startFakeServer(
      resp2Server((socket) => {
        socket.write('?garbage\r\n');
      }),
    );
    cleanups.push(() => fake.close());
    const redis = client({ port: fake.port, reconnect: false });
    const error = await redis.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain(fake.address);
  });

  it('a reply bigger than the limit is a ProtocolError, not memory exhaustion', async () => {
    const fake = await startFakeServer(
      resp2Server((socket) => {
        socket.write('$1073741824\r\n');
      }),
    );
    cleanups.push(() => fake.close());
    const redis = client({ port: fake.port, reconnect: false, limits: { maxBulkLength: 1024 } });
    const error = await redis.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
  });

  it('the server closing mid-reply rejects the command and says so', async () => {
    const fake = await startFakeServer(
      resp2Server((socket) => {
        socket.end('$10\r\nhalf');
      }),
    );
    cleanups.push(() => fake.close());
    const redis = client({ port: fake.port, reconnect: false });
    const error = await redis.incr('k').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CONNECTION_LOST' });
    expect((error as Error).message).toMatch(/in the middle of a reply/);
  });

  it('falls back to RESP2 when the server refuses HELLO', async () => {
    const fake = await startFakeServer(
      resp2Server((socket, text) => {
        socket.write(text.includes('PING') ? '+PONG\r\n' : '-ERR unexpected\r\n');
      }),
    );
    cleanups.push(() => fake.close());
    const redis = client({ port: fake.port, reconnect: false });
    expect(await redis.ping()).toBe('PONG');
    // Without HELLO, INFO server tells the server apart; the typed-command gate then uses it.
    expect(redis.server).toEqual({ flavor: 'redis', version: '5.0.14', mode: 'standalone' });
    await expect(redis.lmpop(['a'], 'LEFT')).rejects.toMatchObject({ code: 'ERR_UNSUPPORTED_COMMAND' });
  });

  it('reconnect gives up after maxAttempts and rejects what waits', async () => {
    const port = await findFreePort();
    const redis = client({
      port,
      reconnect: { kind: 'constant', delay: 20, maxAttempts: 2 },
      commandTimeout: 0,
    });
    const error = await redis.get('k').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_RECONNECT_GAVE_UP' });
    expect((error as Error).message).toContain('after 2 attempt');
  });
});

describe('regressions', () => {
  it('a read re-queued after another command timed out still times out when the server never returns', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const redis = client({ port: server.port, commandTimeout: 1500 });
    await redis.set('k', 'v');
    server.pause();
    const short = redis.sendCommand(['GET', 'k'], { timeout: 200 }).catch((e: unknown) => e);
    const long = redis.get('k').catch((e: unknown) => e);
    expect(await short).toBeInstanceOf(TimeoutError);
    await server.kill('SIGKILL');
    const error = await long;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/while waiting for the connection/);
  });
});

describe('bad arguments', () => {
  it('an argument the encoder cannot write rejects that command only; the connection keeps working', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const redis = client({ port: server.port });
    const error = await redis.call('SET', 'k', { a: 1 } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect((error as Error).message).toMatch(/Argument 2 of SET is an object/);
    await expect(redis.sendCommand([])).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(redis.call('SET', 'k', Number.NaN)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(await redis.set('k', 'fine')).toBe('OK');
    expect(await redis.get('k')).toBe('fine');
  });
});
