import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startServer } from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';
import { recordResult } from '../helpers/results.js';

/**
 * Half-open connections: the server stops answering without closing (SIGSTOP keeps its sockets open and
 * the kernel keeps acknowledging, as a middlebox that drops a flow silently does for the client). The idle
 * health check finds it, its commands settle per the re-send rules, and the client reconnects.
 */
const INTERVAL = 500;
const TIMEOUT = 1000;

let server: RedisServerHandle;
const client = useClients();

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  server?.resume();
  await server?.stop();
});

/** Resolves with the time the next connection error with `code` is published. */
function nextConnectionError(code: string): Promise<{ at: number; error: Error & { code?: string } }> {
  const channel = diagnostics.channel('slotbridge:connection:error');
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const error = (message as { payload: Error & { code?: string } }).payload;
      if (error?.code !== code) return;
      channel.unsubscribe(listener);
      resolve({ at: performance.now(), error });
    };
    channel.subscribe(listener);
  });
}

describe('half-open connections (SIGSTOP)', () => {
  it('an idle connection that stops answering is reset within interval + timeout, then reconnects', async () => {
    const redis = client({
      port: server.port,
      healthCheck: { interval: INTERVAL, timeout: TIMEOUT },
      connectTimeout: 1000,
      commandTimeout: 30_000,
    });
    await redis.set('half-open:k', 'v');
    const detected = nextConnectionError('ERR_HALF_OPEN');
    const stoppedAt = performance.now();
    server.pause();
    const { at, error } = await detected;
    const detectionMs = at - stoppedAt;
    expect(error.message).toContain(server.address);
    expect(error.message).toMatch(/no reply to PING within 1000 ms/);
    // The bound is interval + timeout after the last byte read; timers on a loaded machine may run late,
    // so allow one more interval for scheduling, never less than the bound itself.
    expect(detectionMs).toBeGreaterThanOrEqual(TIMEOUT);
    expect(detectionMs).toBeLessThan(INTERVAL + TIMEOUT + 1500);
    server.resume();
    const reconnectedAt = performance.now();
    expect(await redis.get('half-open:k')).toBe('v');
    recordResult('half-open-sigstop', {
      healthCheck: { interval: INTERVAL, timeout: TIMEOUT },
      detectionMs: Math.round(detectionMs),
      boundMs: INTERVAL + TIMEOUT,
      firstReplyAfterResumeMs: Math.round(performance.now() - reconnectedAt),
    });
  });

  it('commands sent behind the unanswered PING settle per the re-send rules', async () => {
    const redis = client({
      port: server.port,
      healthCheck: { interval: INTERVAL, timeout: TIMEOUT },
      connectTimeout: 1000,
      commandTimeout: 30_000,
    });
    await redis.set('half-open:r', 'kept');
    await redis.set('half-open:n', '0');
    const detected = nextConnectionError('ERR_HALF_OPEN');
    server.pause();
    // Let the check send its PING, then queue commands behind it on the frozen connection.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL + 200));
    const read = redis.get('half-open:r'); // read-only: re-sent after reconnecting
    const write = redis.incr('half-open:n'); // not idempotent: rejected, never applied twice
    const writeFailure = write.catch((e: unknown) => e);
    await detected;
    const failure = (await writeFailure) as Error & { code: string; cause?: { code?: string } };
    expect(failure.code).toBe('ERR_CONNECTION_LOST');
    expect(failure.cause?.code).toBe('ERR_HALF_OPEN');
    server.resume();
    expect(await read).toBe('kept');
    // The INCR reached the frozen server's socket buffer, so it may have run once after SIGCONT; never twice.
    expect(['0', '1']).toContain(await redis.get('half-open:n'));
  });

  it('healthCheck: false leaves an idle frozen connection alone (commands then rely on commandTimeout)', async () => {
    const redis = client({ port: server.port, healthCheck: false, commandTimeout: 800 });
    await redis.set('half-open:off', '1');
    server.pause();
    try {
      await new Promise((resolve) => setTimeout(resolve, INTERVAL + TIMEOUT + 300));
      const error = await redis.get('half-open:off').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_TIMEOUT' });
    } finally {
      server.resume();
    }
  });
});
