import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHealth } from '../../src/client/index.js';
import { CommandTimeoutError } from '../../src/errors.js';
import { findFreePort, labServerBuild, type RedisServerHandle, startServer } from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';

/**
 * Timeouts that say why: the phase the command was in, the replies ahead of it, how long the event loop
 * was blocked meanwhile, and the server. client.health() gives the same view live.
 */
let server: RedisServerHandle;
const client = useClients();

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  server?.resume();
  await server?.stop();
});

/** Keeps the server busy for `ms` inside one script: later commands on the connection wait behind it. */
const BUSY_SCRIPT =
  "local t = redis.call('TIME'); local s = t[1] * 1000000 + t[2]; " +
  "repeat local n = redis.call('TIME') until (n[1] * 1000000 + n[2]) - s >= tonumber(ARGV[1]) * 1000; return 1";

function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: the event loop cannot run timers or read sockets.
  }
}

/** Blocks the event loop (synchronous redis-cli calls) until `done` holds for the server. */
function waitForServer(done: (cli: (...args: string[]) => string) => boolean): void {
  const cli = (...args: string[]) =>
    execFileSync(labServerBuild().cli, ['-p', String(server.port), ...args], { encoding: 'utf8' }).trim();
  while (!done(cli)) {
    // Busy: nothing of the client runs meanwhile.
  }
}

describe('timeouts that say why', () => {
  it('written and awaiting the reply: names the phase, the server and the measured loop stall', async () => {
    const redis = client({ port: server.port, commandTimeout: 400, healthCheck: false });
    await redis.connect(); // connectTimeout, not the short commandTimeout, bounds a loaded machine's handshake
    server.pause();
    try {
      const error = await redis.get('t:k').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommandTimeoutError);
      expect(error).toMatchObject({
        code: 'ERR_TIMEOUT',
        phase: 'awaiting-reply',
        repliesAhead: 0,
        address: server.address,
      });
      // Nothing here blocks the loop, but a starved machine delays timers, which the monitor rightly
      // counts: assert that the message reports the measured value, not a bound on it.
      const blockedMs = (error as CommandTimeoutError).eventLoopBlockedMs;
      expect((error as Error).message).toContain(
        blockedMs > 0
          ? `the event loop was blocked for ${blockedMs} ms meanwhile`
          : 'the event loop was not blocked',
      );
      expect((error as Error).message).toMatch(
        /GET to 127\.0\.0\.1:\d+ timed out after 400 ms: written and awaiting its reply/,
      );
    } finally {
      server.resume();
    }
  });

  it('waiting behind N earlier replies on the connection', async () => {
    const redis = client({ port: server.port, healthCheck: false });
    await redis.connect(); // connectTimeout, not the short commandTimeout, bounds a loaded machine's handshake
    const busy = redis.sendCommand(['EVAL', BUSY_SCRIPT, '0', '1200'], { timeout: 0 });
    const error = await redis.sendCommand(['GET', 't:k'], { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: 'behind-earlier-replies', repliesAhead: 1 });
    expect((error as Error).message).toMatch(/waiting behind 1 earlier reply on the connection/);
    // The reset connection settles the script too (not retried: it is not read-only).
    await expect(busy).rejects.toMatchObject({ code: 'ERR_CONNECTION_LOST' });
    // The server finishes the script before it answers anyone else: wait for it. Some builds answer
    // -BUSY meanwhile instead of queueing (Redis 7.2 did here, to the new connection's handshake).
    const deadline = performance.now() + 5_000;
    let answer: unknown;
    do {
      answer = await client({ port: server.port, commandTimeout: 5000 })
        .ping()
        .catch((e: unknown) => e);
      if (answer === 'PONG') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (performance.now() < deadline);
    expect(answer).toBe('PONG');
  });

  it('queued while the connection is not ready', async () => {
    const port = await findFreePort();
    const redis = client({ port, commandTimeout: 300 });
    const error = await redis.get('t:k').catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: 'queued', address: `127.0.0.1:${port}` });
    expect((error as Error).message).toMatch(
      /queued while waiting for the connection \(it was (connecting|reconnecting); never sent\)/,
    );
  });

  it('queued in a sentinel topology while no master is known: the same typed error', async () => {
    // A frozen server where the sentinel should be: the connection opens, nothing answers.
    server.pause();
    try {
      const redis = client({ sentinel: { hosts: [server.address], name: 'mymaster' }, commandTimeout: 300 });
      const error = await redis.get('t:k').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommandTimeoutError);
      expect(error).toMatchObject({ code: 'ERR_TIMEOUT', phase: 'queued', repliesAhead: 0 });
      expect((error as Error).message).toMatch(
        /queued while waiting for a master of "mymaster" \(the first discovery .*; never sent\); the event loop was/,
      );
    } finally {
      server.resume();
    }
  });

  it('queued in a cluster topology during discovery (a seed that never answers): times out at commandTimeout', async () => {
    // A frozen server as the only seed: the connection opens, the handshake is never answered, and the
    // seed's connect timeout (20 s) is far longer than the command's.
    server.pause();
    try {
      const redis = client({
        cluster: { hosts: [server.address] },
        commandTimeout: 300,
        connectTimeout: 20_000,
      });
      const started = performance.now();
      const error = await redis.get('t:k').catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(CommandTimeoutError);
      expect(error).toMatchObject({ code: 'ERR_TIMEOUT', phase: 'queued', repliesAhead: 0, timeoutMs: 300 });
      expect((error as Error).message).toMatch(
        /queued while waiting for the cluster \(the first discovery .*; never sent\); the event loop was/,
      );
      // Its own deadline, not the discovery's: well before the seed's connect timeout would end discovery.
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      server.resume();
    }
  });

  it('a blocked event loop is measured and named as the likely cause', async () => {
    const redis = client({ port: server.port, commandTimeout: 500, healthCheck: false });
    await redis.connect(); // connectTimeout, not the short commandTimeout, bounds a loaded machine's handshake
    server.pause();
    try {
      const pending = redis.get('t:k').catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      blockEventLoop(700);
      const error = (await pending) as CommandTimeoutError;
      expect(error.phase).toBe('awaiting-reply');
      expect(error.eventLoopBlockedMs).toBeGreaterThanOrEqual(600);
      expect(error.message).toMatch(
        /event loop was blocked for \d+ ms meanwhile \(the process, not the server/,
      );
    } finally {
      server.resume();
    }
  });

  it('a reply that arrived while the loop was blocked is delivered, not timed out', async () => {
    const redis = client({ port: server.port, commandTimeout: 300, healthCheck: false });
    await redis.connect();
    await redis.sendCommand(['DEL', 't:blocked'], { timeout: 0 });
    const issued = performance.now();
    const pending = redis.incr('t:blocked');
    // The client writes in a nextTick queued by incr(); this one runs right after it, before any socket
    // read. Block there until the server has run the INCR and answered, so the reply is surely in the
    // socket's receive buffer (a busy machine may starve the server too), and until well past the deadline.
    process.nextTick(() => {
      waitForServer((cli) => cli('GET', 't:blocked') === '1');
      // A later command on another connection is served after the server's write of the INCR's reply.
      waitForServer((cli) => cli('PING') === 'PONG');
      blockEventLoop(issued + 600 - performance.now());
    });
    expect(await pending).toBe(1);
  });

  it('client.health() shows the same live view, and formatHealth() prints it', async () => {
    const redis = client({ port: server.port, commandTimeout: 5000, healthCheck: false });
    await redis.connect(); // connectTimeout, not the short commandTimeout, bounds a loaded machine's handshake
    server.pause();
    try {
      const pending = redis.get('t:k').catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = redis.health();
      expect(health.connections).toHaveLength(1);
      expect(health.connections[0]).toMatchObject({
        address: server.address,
        state: 'ready',
        inFlight: 1,
        queued: 0,
      });
      expect(health.oldestPendingMs).toBeGreaterThanOrEqual(250);
      expect(health.eventLoop.monitoring).toBe(true);
      const text = formatHealth(health).join('\n');
      expect(text).toContain(`${server.address} ready`);
      expect(text).toMatch(/1 in flight/);
      server.resume();
      await pending;
    } finally {
      server.resume();
    }
    redis.disconnect();
    expect(redis.health().connections).toHaveLength(0);
  });
});
