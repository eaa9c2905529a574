/**
 * Stable ports: with the port table kept in the cluster (`portTable: { store: 'redis' }`), a proxy
 * restarted under load — an ioredis Cluster client running SET/GET through it, a primary failover in
 * between so that the order a fresh allocator would follow has changed — gives every node the port it
 * had, and a second proxy sharing the store gives the identical table. A proxy with a memory table
 * started at the same moment gives a different table (what the store prevents). A range too small for
 * the cluster: the proxy still starts, the nodes without a port are logged and counted.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster as IoredisCluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { type LabCluster, startCluster } from '../../src/lab/index.js';
import { ClusterProxy, type ClusterProxyOptions } from '../../src/proxy/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { makeImmutable, makeMutable } from '../helpers/immutable-dir.js';
import { randomRangeStart } from '../helpers/port-range.js';
import { recordResult } from '../helpers/results.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KEY = '{sbtest}:proxy-ports';
/** Commands per second of the load client. */
const RATE = 200;

let cluster: LabCluster;
const proxies: ClusterProxy[] = [];
const logs: string[] = [];

function randomRange(): { first: number; last: number } {
  const first = randomRangeStart();
  return { first, last: first + 19 };
}

async function startProxy(options: Partial<ClusterProxyOptions>): Promise<ClusterProxy> {
  const proxy = new ClusterProxy({
    seeds: [{ host: '127.0.0.1', port: cluster.nodes[0].port }],
    advertiseHost: '127.0.0.1',
    ports: { first: 0, last: 0 },
    refreshIntervalMs: 1000,
    log: (line) => logs.push(line),
    ...options,
  });
  proxies.push(proxy);
  await proxy.start();
  return proxy;
}

function table(proxy: ClusterProxy): Map<string, number> {
  return new Map(proxy.portTable().map(({ node, proxyPort }) => [node.id, proxyPort]));
}

beforeAll(async () => {
  cluster = await startCluster({ nodeTimeoutMs: 1000, timeoutMs: 20_000 });
}, 60_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.stop();
  await cluster?.stop();
});

describe('proxy port table kept in the cluster', () => {
  it('a restart under load keeps every port; a second proxy sharing the store gets the identical table', async () => {
    const range = randomRange();
    const shared: Partial<ClusterProxyOptions> = {
      ports: range,
      portTable: { store: 'redis', key: KEY },
      drainTimeoutMs: 500,
    };
    const first = await startProxy({ ...shared, listenHost: '127.0.0.1', advertiseHost: '127.0.0.1' });
    const before = table(first);
    expect(before.size).toBe(6);

    const client = new IoredisCluster([{ host: '127.0.0.1', port: range.first }], {
      slotsRefreshTimeout: 2000,
      clusterRetryStrategy: () => 100,
      redisOptions: { connectTimeout: 2000, maxRetriesPerRequest: 20 },
    });
    client.on('error', () => {});
    const outcomes: Array<{ issuedAt: number; settledAt: number; error?: string; wrong?: boolean }> = [];
    let stop = false;
    const loop = (async () => {
      const start = Date.now();
      let issued = 0;
      while (!stop) {
        const due = Math.floor(((Date.now() - start) * RATE) / 1000);
        for (; issued < due; issued++) {
          const key = `stable:${(issued * 7919) % 2000}`;
          const outcome: (typeof outcomes)[number] = { issuedAt: Date.now(), settledAt: 0 };
          outcomes.push(outcome);
          const isSet = issued % 2 === 0;
          const command = isSet ? client.set(key, `v:${key}`) : client.get(key);
          command.then(
            (reply) => {
              outcome.settledAt = Date.now();
              if (!isSet && reply !== null && reply !== `v:${key}`) outcome.wrong = true;
            },
            (error: Error) => {
              outcome.settledAt = Date.now();
              outcome.error = error.message;
            },
          );
        }
        await sleep(10);
      }
    })();

    await sleep(1500);
    // A failover changes which nodes are primaries: a fresh allocator (primaries by first slot, then
    // replicas) would now give other ports.
    const [primary] = await cluster.primaries();
    await cluster.failover(primary);
    await sleep(1500);
    const stoppedAt = Date.now();
    await first.stop();
    const restarted = await startProxy({ ...shared, listenHost: '127.0.0.1', advertiseHost: '127.0.0.1' });
    const restartedAt = Date.now();
    const after = table(restarted);
    const second = await startProxy({ ...shared, listenHost: '127.0.0.2', advertiseHost: '127.0.0.2' });
    const control = await startProxy({
      ports: range,
      portTable: { store: 'memory' },
      listenHost: '127.0.0.3',
      advertiseHost: '127.0.0.3',
    });
    await sleep(4000);
    stop = true;
    await loop;
    const deadline = Date.now() + 20_000;
    while (outcomes.some((o) => o.settledAt === 0) && Date.now() < deadline) await sleep(50);
    client.disconnect();

    expect(after).toEqual(before);
    expect(table(second)).toEqual(before);
    // The check can fail: without the store, the same moment gives a different table.
    const memory = table(control);
    expect([...before].some(([id, port]) => memory.get(id) !== port)).toBe(true);

    const pending = outcomes.filter((o) => o.settledAt === 0).length;
    const failed = outcomes.filter((o) => o.error !== undefined);
    const wrong = outcomes.filter((o) => o.wrong).length;
    const lastFailure = Math.max(stoppedAt, ...failed.map((o) => o.settledAt));
    const lateFailures = outcomes.filter((o) => o.issuedAt >= restartedAt + 2000 && o.error !== undefined);
    console.log(
      `[proxy-stable-ports] ${outcomes.length} commands at ${RATE}/s; proxy down ${restartedAt - stoppedAt} ms; ` +
        `${failed.length} errors (${[...new Set(failed.map((o) => o.error))].slice(0, 3).join(' | ')}); ` +
        `last error ${lastFailure - restartedAt} ms after the restart; ${wrong} wrong replies; ${pending} pending; ` +
        `table of ${after.size} nodes identical after the restart and on the second proxy`,
    );
    recordResult('proxy-stable-ports-restart', {
      description:
        'ClusterProxy with the port table in the cluster restarted under an ioredis Cluster load (after a primary failover); a second proxy sharing the store; a memory-table proxy as control.',
      rate: RATE,
      commands: outcomes.length,
      downMs: restartedAt - stoppedAt,
      errors: failed.length,
      wrongReplies: wrong,
      pending,
      nodes: after.size,
      sameTableAfterRestart: true,
      sameTableOnSecondProxy: true,
      memoryTableDiffers: true,
    });
    expect(pending).toBe(0);
    expect(wrong).toBe(0);
    // ioredis retries on the same ports; once the restarted proxy listens they lead to the same nodes.
    expect(lateFailures.map((o) => o.error)).toEqual([]);
  }, 90_000);

  it('a range smaller than the cluster: the proxy starts, the nodes left without a port are logged and counted', async () => {
    const first = randomRangeStart() + 50;
    const proxy = await startProxy({
      ports: { first, last: first + 3 },
      portTable: { store: 'redis', key: '{sbtest}:small-range' },
      listenHost: '127.0.0.4',
      metricsPort: first + 3,
    });
    expect(proxy.portTable().length).toBe(3);
    expect(proxy.metrics.portRangeFull).toBeGreaterThanOrEqual(3);
    // Clients see port 0 where a node without a port would be (as for any unknown address).
    const connection = new Connection({ host: '127.0.0.4', port: first, protocol: 2 });
    await connection.connect();
    const nodes = String(await connection.send(['CLUSTER', 'NODES']));
    connection.disconnect();
    const portsShown = nodes
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[1].split('@')[0]);
    expect(portsShown.filter((address) => address.endsWith(':0'))).toHaveLength(3);
    expect(portsShown.filter((address) => /^127\.0\.0\.1:\d{5}$/.test(address))).toHaveLength(3);
    expect(logs.filter((line) => /ERR_PORT_RANGE_FULL|no free port left/.test(line)).length).toBe(3);
    const text = await fetch(`http://127.0.0.4:${first + 3}/metrics`).then((response) => response.text());
    expect(text).toMatch(/slotbridge_proxy_port_range_full_total [1-9]/);
  }, 30_000);

  it('a port of the shared table in use on this host is not moved: it opens once free, at a refresh', async () => {
    const range = randomRange();
    const shared: Partial<ClusterProxyOptions> = {
      ports: range,
      portTable: { store: 'redis', key: '{sbtest}:busy' },
    };
    const first = await startProxy({ ...shared, listenHost: '127.0.0.5' });
    const expected = table(first);
    const busyPort = [...expected.values()][2];
    const blocker = createServer(() => {});
    await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.6', resolve));
    const second = await startProxy({ ...shared, listenHost: '127.0.0.6' });
    expect(table(second)).toEqual(expected);
    expect(
      logs.some((line) => line.includes(`port ${busyPort} of node`) && line.includes('in use here')),
    ).toBe(true);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    let reply = '';
    for (let i = 0; i < 50 && reply !== 'PONG'; i++) {
      await sleep(100);
      const connection = new Connection({ host: '127.0.0.6', port: busyPort, protocol: 2, reconnect: false });
      connection.on('error', () => {});
      reply = await connection
        .connect()
        .then(() => connection.send(['PING']))
        .then(String, () => '')
        .finally(() => connection.disconnect());
    }
    expect(reply).toBe('PONG');
    expect(table(second)).toEqual(expected);
  }, 30_000);

  it('a table the proxy cannot use stops start-up with ERR_PORT_TABLE, after asking once (not once per seed)', async () => {
    const key = '{sbtest}:not-a-hash';
    const owner = cluster.nodes[0];
    await owner.cli('-c', 'SET', key, 'x');
    const first = randomRangeStart();
    const proxy = new ClusterProxy({
      seeds: cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      advertiseHost: '127.0.0.1',
      listenHost: '127.0.0.7',
      ports: { first, last: first + 19 },
      portTable: { store: 'redis', key, firstLoadTimeoutMs: 60_000 },
      refreshIntervalMs: 0,
      log: (line) => logs.push(line),
    });
    const started = Date.now();
    const error = await proxy.start().catch((e: unknown) => e);
    await proxy.stop();
    expect(error).toMatchObject({ code: 'ERR_PORT_TABLE', permanent: true });
    expect((error as Error).message).toMatch(/WRONGTYPE/);
    // Not retried: a key of another type will not become a hash by waiting.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);

  it('/healthz answers while the process is up; /readyz is 200 once serving and 503 while stopping', async () => {
    const range = randomRange();
    const metricsPort = range.last;
    const proxy = await startProxy({ ports: { first: range.first, last: range.last - 1 }, metricsPort });
    const get = (path: string) => fetch(`http://127.0.0.1:${metricsPort}${path}`).then((r) => r.status);
    expect(await get('/healthz')).toBe(200);
    expect(await get('/readyz')).toBe(200);
    // A client with a reply in flight keeps stop() draining: /readyz says 503 meanwhile. The BLPOP goes
    // to the port of the key's owner (elsewhere it would get MOVED at once and nothing would be in flight).
    const owner = await cluster.ownerOf(keySlot('{b}:nothing'));
    const ownerPort = table(proxy).get(owner.id);
    if (ownerPort === undefined) throw new Error(`no proxy port for ${owner.id}`);
    const { createConnection } = await import('node:net');
    const socket = createConnection({ host: '127.0.0.1', port: ownerPort });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('*3\r\n$5\r\nBLPOP\r\n$11\r\n{b}:nothing\r\n$1\r\n3\r\n');
    await sleep(200);
    const stopping = proxy.stop();
    expect(await get('/readyz')).toBe(503);
    expect(await get('/healthz')).toBe(200);
    await stopping;
    socket.destroy();
  }, 30_000);
  it('a read-only table file (a ConfigMap) listing 3 of 6 nodes: those are served on their ports, the others logged', async ({
    skip,
  }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slotbridge-ro-table-'));
    const range = randomRange();
    const listed = cluster.nodes.slice(0, 3);
    const file = path.join(dir, 'ports');
    await writeFile(file, listed.map((node, i) => `${node.id} ${range.first + 10 + i}\n`).join(''));
    const reason = makeImmutable(dir);
    if (reason !== undefined) {
      console.warn(`[proxy-stable-ports] read-only case skipped: ${reason}`);
      skip();
      return;
    }
    try {
      const proxy = await startProxy({
        ports: range,
        portTable: { store: 'file', path: file },
        listenHost: '127.0.0.9',
      });
      expect(table(proxy)).toEqual(new Map(listed.map((node, i) => [node.id, range.first + 10 + i])));
      const missing = logs.filter((line) => line.includes(file) && line.includes('is not in it'));
      expect(missing).toHaveLength(3);
      expect(proxy.metrics.portTableErrors).toBeGreaterThanOrEqual(3);
    } finally {
      makeMutable(dir);
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  // Last: it kills a primary of the shared cluster.
  it("the table's shard failing over: a proxy starting meanwhile waits for the promotion and reads the same table", async () => {
    const key = '{sbtest}:failover-ports';
    const range = randomRange();
    const shared: Partial<ClusterProxyOptions> = {
      seeds: cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      ports: range,
      portTable: { store: 'redis', key },
      listenHost: '127.0.0.8',
    };
    const first = await startProxy(shared);
    const before = table(first);
    await first.stop();
    const owner = await cluster.ownerOf(keySlot(key));
    let starting: Promise<ClusterProxy> | undefined;
    let killedAt = 0;
    let startedAt = 0;
    const promoted = await cluster.killPrimary(owner, {
      onKilled: () => {
        killedAt = Date.now();
        starting = startProxy(shared).then((proxy) => {
          startedAt = Date.now();
          return proxy;
        });
      },
    });
    const promotedAt = Date.now();
    const second = await (starting as Promise<ClusterProxy>);
    console.log(
      `[proxy-stable-ports] the table's shard failed over: promotion ${promotedAt - killedAt} ms after the kill, the proxy started ${startedAt - killedAt} ms after it`,
    );
    expect(table(second)).toEqual(before);
    // It could not read the table from the dead primary: it said so and waited for the promotion.
    expect(logs.some((line) => line.includes(`port table ${key}`) && line.endsWith('retrying'))).toBe(true);
    expect(await promoted.cli('HGET', key, `node:${owner.id}`)).toBe(String(before.get(owner.id)));
  }, 60_000);
});
