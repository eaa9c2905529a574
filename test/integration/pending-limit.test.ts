import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabCluster, type RedisServerHandle, startCluster, startServer } from '../../src/lab/index.js';
import { useClients } from '../helpers/clients.js';

/**
 * maxPending against a frozen server (SIGSTOP: sockets stay open, nothing is answered), the case that
 * grew an app to +1 GB in 8 s: the client holds at most maxPending commands; the excess rejects at once
 * with ERR_PENDING_LIMIT (or, with pendingOverflow 'wait', waits), and everything settles after SIGCONT.
 */
const MAX = 2000;
const VALUE = 'v'.repeat(100);

let server: RedisServerHandle;
const client = useClients();

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server?.resume());
afterAll(async () => {
  server?.resume();
  await server?.stop();
});

/** Counts of settled outcomes so far, by reply or error code. */
function tally(promises: Promise<unknown>[]) {
  const counts = { ok: 0, limit: 0, other: [] as unknown[], settled: 0 };
  for (const promise of promises) {
    promise.then(
      (reply) => {
        counts.settled++;
        if (reply === 'OK') counts.ok++;
        else counts.other.push(reply);
      },
      (error: { code?: string }) => {
        counts.settled++;
        if (error?.code === 'ERR_PENDING_LIMIT') counts.limit++;
        else counts.other.push(error);
      },
    );
  }
  return counts;
}

describe('maxPending (SIGSTOP)', () => {
  it('rejects exactly the excess at once with ERR_PENDING_LIMIT, then every accepted SET resolves', async () => {
    const redis = client({ port: server.port, maxPending: MAX, commandTimeout: 0, healthCheck: false });
    await redis.connect();
    server.pause();
    const sets: Promise<unknown>[] = [];
    for (let i = 0; i < 3 * MAX; i++) sets.push(redis.set(`pending:${i}`, VALUE));
    const counts = tally(sets);
    await turn();
    // Nothing was answered: the settled ones are exactly the refused excess.
    expect(counts.limit).toBe(2 * MAX);
    expect(counts.settled).toBe(2 * MAX);
    expect(redis.health().pending).toBe(MAX);
    expect(redis.health().maxPending).toBe(MAX);
    // A withBuffers() view shares the bound.
    const error = await redis
      .withBuffers()
      .get('pending:0')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'ERR_PENDING_LIMIT' });
    expect((error as Error).message).toMatch(/not keeping up.*raise maxPending.*pendingOverflow: 'wait'/s);

    server.resume();
    await Promise.allSettled(sets);
    expect(counts).toMatchObject({ ok: MAX, limit: 2 * MAX, other: [], settled: 3 * MAX });
    expect(redis.health().pending).toBe(0);
    // The accepted ones are the first MAX, in order; the refused ones never reached the server.
    expect(await redis.exists(`pending:${MAX - 1}`)).toBe(1);
    expect(await redis.exists(`pending:${MAX}`)).toBe(0);
  });

  it("with pendingOverflow 'wait' the excess waits for room and every SET resolves after SIGCONT", async () => {
    const redis = client({
      port: server.port,
      maxPending: MAX,
      pendingOverflow: 'wait',
      commandTimeout: 0,
      healthCheck: false,
    });
    await redis.connect();
    server.pause();
    const sets: Promise<unknown>[] = [];
    for (let i = 0; i < 3 * MAX; i++) sets.push(redis.set(`waiting:${i}`, VALUE));
    const counts = tally(sets);
    await turn();
    expect(counts.settled).toBe(0);
    expect(redis.health().pending).toBe(MAX);

    server.resume();
    await Promise.allSettled(sets);
    expect(counts).toMatchObject({ ok: 3 * MAX, limit: 0, other: [], settled: 3 * MAX });
    expect(redis.health().pending).toBe(0);
    expect(await redis.exists(`waiting:${3 * MAX - 1}`)).toBe(1);
  });

  it("a command waiting for room under 'wait' still times out after commandTimeout", async () => {
    const redis = client({
      port: server.port,
      maxPending: 1,
      pendingOverflow: 'wait',
      commandTimeout: 200,
      healthCheck: false,
    });
    await redis.connect();
    server.pause();
    // The first holds the only slot with no deadline of its own, so the second can only time out waiting.
    const first = redis.sendCommand(['SET', 'waiting:first', VALUE], { timeout: 0 });
    const second = await redis.set('waiting:second', VALUE).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'ERR_TIMEOUT' });
    expect((second as Error).message).toMatch(/waited 200 ms .* for room under maxPending=1/);
    expect(redis.health().pending).toBe(1);
    server.resume();
    expect(await first).toBe('OK');
    expect(redis.health().pending).toBe(0);
    expect(await redis.exists('waiting:second')).toBe(0);
  });
});

describe('maxPending: every way a command settles frees its slot', () => {
  it('error replies, refused arguments, timeouts, a lost socket and disconnect() each give the slot back', async () => {
    const redis = client({ port: server.port, maxPending: 2, commandTimeout: 0, healthCheck: false });
    await redis.connect();
    const twoFit = async () => {
      expect(redis.health().pending).toBe(0);
      expect(await Promise.all([redis.set('slot:a', '1'), redis.set('slot:b', '2')])).toEqual(['OK', 'OK']);
      expect(redis.health().pending).toBe(0);
    };
    await twoFit();
    // An error reply, and a command refused before sending.
    await redis.set('slot:text', 'x');
    await expect(redis.incr('slot:text')).rejects.toMatchObject({ name: 'ReplyError' });
    await expect(redis.sendCommand(['SET', 'slot:x', Number.NaN])).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await twoFit();
    // Timed out while the server is frozen (the socket is reset, the other command is then lost).
    server.pause();
    const timedOut = redis.sendCommand(['GET', 'slot:a'], { timeout: 100 }).catch((e: unknown) => e);
    const lost = redis.set('slot:c', '3').catch((e: unknown) => e);
    expect(redis.health().pending).toBe(2);
    expect(await timedOut).toMatchObject({ code: 'ERR_TIMEOUT' });
    server.resume();
    await lost;
    await twoFit();
    // disconnect() with commands in flight.
    server.pause();
    const inFlight = [redis.get('slot:a'), redis.get('slot:b')].map((p) => p.catch((e: unknown) => e));
    expect(redis.health().pending).toBe(2);
    redis.disconnect();
    for (const error of await Promise.all(inFlight))
      expect(error).toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    expect(redis.health().pending).toBe(0);
    server.resume();
  });
});

describe('maxPending on a cluster (every node SIGSTOPped)', () => {
  let cluster: LabCluster;
  beforeAll(async () => {
    // A long node timeout: the frozen nodes must not judge each other failed when they resume.
    cluster = await startCluster({ primaries: 3, replicasPerPrimary: 0, nodeTimeoutMs: 60_000 });
  }, 60_000);
  afterAll(async () => {
    for (const node of cluster?.nodes ?? []) node.server.resume();
    await cluster?.stop();
  });

  it('one bound for the whole client, across shards: the excess rejects, the rest resolve', async () => {
    const redis = client({
      cluster: { hosts: cluster.seeds() },
      maxPending: MAX,
      commandTimeout: 0,
      healthCheck: false,
    });
    await redis.connect();
    for (const node of cluster.nodes) node.server.pause();
    const sets: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < 3 * MAX; i++) sets.push(redis.set(`cpending:${i}`, VALUE));
      const counts = tally(sets);
      await turn();
      expect(counts).toMatchObject({ limit: 2 * MAX, settled: 2 * MAX });
      expect(redis.health().pending).toBe(MAX);
      for (const node of cluster.nodes) node.server.resume();
      await Promise.allSettled(sets);
      expect(counts).toMatchObject({ ok: MAX, limit: 2 * MAX, other: [], settled: 3 * MAX });
      expect(redis.health().pending).toBe(0);
    } finally {
      for (const node of cluster.nodes) node.server.resume();
    }
  });
});
