/**
 * What happens to a command between the caller and a cluster node when that node dies (kill -9, automatic
 * failover): re-sent or rejected according to the fact carried on the failure (was it written?), and a
 * blocking command rides out the cluster's CLUSTERDOWN window like any other command.
 * The cluster requires full coverage here, so every node answers CLUSTERDOWN while a shard fails over.
 */
import calculateSlot from 'cluster-key-slot';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { Connection } from '../../src/connection/index.js';
import { ConnectionError } from '../../src/errors.js';
import type { LabClusterNode } from '../../src/lab/index.js';
import { ReplyError } from '../../src/resp/index.js';
import { useCluster } from '../helpers/cluster-lab.js';

const lab = useCluster({ nodeTimeoutMs: 1000, requireFullCoverage: true });
const closers: Array<() => void> = [];

afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function client(options: { retryOnReconnect?: 'none' | 'readonly' | 'all' } = {}): RedisClient {
  const c = createClient({ cluster: { hosts: lab.cluster.seeds() }, commandTimeout: 30_000, ...options });
  closers.push(() => c.disconnect());
  return c;
}

/** A hash tag whose slot `node` serves. */
async function tagOn(node: LabClusterNode): Promise<string> {
  for (let i = 0; ; i++) {
    const tag = `{t${i}}`;
    if ((await lab.cluster.ownerOf(calculateSlot(tag))).id === node.id) return tag;
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function direct(node: LabClusterNode, readOnly = false): Connection {
  const connection = new Connection({ port: node.port, reconnect: false, readOnly });
  connection.on('error', () => undefined);
  closers.push(() => connection.disconnect());
  return connection;
}

describe('cluster: re-sending after a node dies', () => {
  it('a blocking command during an automatic failover (kill -9) is retried through CLUSTERDOWN, not rejected', async () => {
    const redis = client();
    await redis.connect();
    const [victim, other] = await lab.cluster.primaries();
    const key = `${await tagOn(other)}:list`;
    const probe = direct(other);
    await probe.connect();
    const killed = lab.cluster.killPrimary(victim);
    try {
      // Wait for the window in which the cluster refuses every command (state fail until the promotion).
      let refusal: unknown;
      await until(async () => {
        refusal = await probe.send(['LLEN', key]).catch((e: unknown) => e);
        return refusal instanceof ReplyError && refusal.code === 'CLUSTERDOWN';
      });
      const popped = redis.blpop([key], 20);
      const read = redis.llen(key);
      await killed;
      // The normal path and the blocking path both waited the window out.
      expect(await read).toBe(0);
      await redis.rpush(key, 'x');
      expect(await popped).toEqual({ key, element: 'x' });
    } finally {
      await killed.catch(() => undefined);
      await lab.cluster.restartNode(victim);
    }
  }, 90_000);

  it('the written fact decides: never written is re-sent even with retryOnReconnect none, written only when allowed', async () => {
    const none = client({ retryOnReconnect: 'none' });
    const readonly = client();
    const [victim] = await lab.cluster.primaries();
    const tag = await tagOn(victim);
    const key = `${tag}:k`;
    await none.set(key, 'before');
    await readonly.get(key);
    // The value is on the replica that will be promoted.
    const replica = direct(await lab.cluster.replicaOf(victim), true);
    await until(async () => (await replica.send(['GET', key]).catch(() => null)) === 'before');
    victim.server.pause();
    // Written to the stopped primary's socket before it dies: it may have run them.
    const writtenNone = none.get(key).catch((e: unknown) => e);
    const writtenAllowed = readonly.get(key);
    // Larger than the socket buffers: the socket stops draining, so what follows is never written.
    const big = none.set(`${tag}:big`, Buffer.alloc(32 * 1024 * 1024, 120)).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const unwritten = none.get(key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      await lab.cluster.killPrimary(victim);
      const lost = await writtenNone;
      expect(lost).toBeInstanceOf(ConnectionError);
      expect(lost).toMatchObject({ code: 'ERR_CONNECTION_LOST', delivery: { written: true, resends: 0 } });
      expect(await big).toMatchObject({ code: 'ERR_CONNECTION_LOST', delivery: { written: true } });
      // Never written: re-routed to the promoted replica although retryOnReconnect is none.
      expect(await unwritten).toBe('before');
      // Written, retryable (GET under the default retryOnReconnect): re-sent once to the new primary.
      expect(await writtenAllowed).toBe('before');
    } finally {
      victim.server.resume();
      await lab.cluster.restartNode(victim);
    }
  }, 90_000);

  it('a closed cluster client rejects with the same error as every topology', async () => {
    const redis = client();
    await redis.connect();
    redis.disconnect();
    const error = await redis.get('closed:k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'ERR_CLIENT_CLOSED' });
  });
});
