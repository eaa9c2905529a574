/**
 * `slotbridge proxy --workers 2`, run as its users run it (the command line, its own processes), in front
 * of a lab cluster: redis-cli -c and ioredis work; a connection served by either worker gets the same
 * rewritten topology and MOVED; a node learned through one worker's MOVED is known to the other without
 * a second discovery; a failover reaches both workers' tables; kill -9 of a worker leaves the other
 * serving and the worker is replaced; SIGTERM stops the whole group. With `--port-table redis` (the
 * CLI's default) the primary holds the group's table: a group restarted after a failover gives every
 * node its port again (a memory table would not), even one whose port was busy at the restart (bound
 * once free, never moved), and the primary serves `/readyz` (503 while draining).
 *
 * Which worker holds a connection is read from the primary's metrics
 * (`slotbridge_proxy_worker_connections_total{worker=...}`): a connection is opened, then the counter
 * that moved names its worker.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { Cluster as IoredisCluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, type LabCluster, startCluster } from '../../src/lab/index.js';
import { randomRangeStart } from '../helpers/port-range.js';

const run = promisify(execFile);
let cluster: LabCluster;

beforeAll(async () => {
  cluster = await startCluster({
    primaries: 3,
    replicasPerPrimary: 1,
    nodeTimeoutMs: 1000,
    timeoutMs: 30_000,
  });
});

afterAll(async () => {
  await cluster?.stop();
});

interface RunningProxy {
  child: ChildProcess;
  output: () => string;
  entry: number;
  metrics: number;
  first: number;
  last: number;
  /** Worker slot → connections it accepted so far. */
  accepted(): Promise<Map<string, number>>;
  /** Worker slot → pid. */
  pids(): Promise<Map<string, number>>;
  refreshes(): Promise<number>;
}

async function startProxy(
  refreshMs: number,
  extra: readonly string[] = [],
  first = randomRangeStart(),
): Promise<RunningProxy> {
  const entry = await findFreePort();
  const metrics = await findFreePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'proxy',
      '--workers',
      '2',
      '--cluster',
      `redis://127.0.0.1:${cluster.nodes[0].port}`,
      '--advertise',
      '127.0.0.1',
      '--ports',
      `${first}-${first + 99}`,
      '--entry-port',
      String(entry),
      '--metrics-port',
      String(metrics),
      '--refresh-interval',
      String(refreshMs),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/try: redis-cli/.test(text)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`proxy exited with ${code}: ${text}`));
    });
  });
  const metricsHost = extra.includes('--listen') ? extra[extra.indexOf('--listen') + 1] : '127.0.0.1';
  const scrape = async (): Promise<string> =>
    (await fetch(`http://${metricsHost}:${metrics}/metrics`)).text();
  const perWorker = (body: string, name: string): Map<string, { pid: number; value: number }> => {
    const rows = new Map<string, { pid: number; value: number }>();
    for (const match of body.matchAll(
      new RegExp(`^${name}\\{worker="(\\d+)",pid="(\\d+)"\\} (\\d+)$`, 'gm'),
    )) {
      rows.set(match[1], { pid: Number(match[2]), value: Number(match[3]) });
    }
    return rows;
  };
  return {
    child,
    output: () => text,
    entry,
    metrics,
    first,
    last: first + 99,
    accepted: async () =>
      new Map(
        [...perWorker(await scrape(), 'slotbridge_proxy_worker_connections_total')].map(([k, v]) => [
          k,
          v.value,
        ]),
      ),
    pids: async () =>
      new Map(
        [...perWorker(await scrape(), 'slotbridge_proxy_worker_connections_total')].map(([k, v]) => [
          k,
          v.pid,
        ]),
      ),
    refreshes: async () =>
      Number(/^slotbridge_proxy_topology_refreshes_total (\d+)$/m.exec(await scrape())?.[1] ?? Number.NaN),
  };
}

async function stopProxy(proxy: RunningProxy): Promise<number | null> {
  if (proxy.child.exitCode !== null) return proxy.child.exitCode;
  const exited = new Promise<number | null>((resolve) => proxy.child.once('exit', (code) => resolve(code)));
  proxy.child.kill('SIGTERM');
  return exited;
}

/** A connection to `port` held by worker `slot` (connections are opened until one lands there). */
async function connectionOn(proxy: RunningProxy, port: number, slot: string): Promise<Redis> {
  const spare: Redis[] = [];
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await proxy.accepted();
      const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
      await client.connect();
      await client.ping();
      const after = await proxy.accepted();
      if ((after.get(slot) ?? 0) > (before.get(slot) ?? 0)) return client;
      spare.push(client);
    }
    throw new Error(`no connection landed on worker ${slot}`);
  } finally {
    for (const client of spare) client.disconnect();
  }
}

/** CLUSTER NODES without the fields that change between two asks (ping/pong times, link state). */
function stableNodes(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const f = line.split(' ');
      return [f[0], f[1], f[2].replace('myself,', ''), f[3], ...f.slice(6, 7), ...f.slice(8)].join(' ');
    })
    .sort()
    .join('\n');
}

/** Node id (first 8 characters) → proxy port, from the start-up table a group prints. */
function printedTable(output: string): Map<string, number> {
  const rows = new Map<string, number>();
  for (const match of output.matchAll(/^ {2}[\d.]+:(\d+) \(advertised [^)]+\) -> (\S+) /gm)) {
    rows.set(match[2], Number(match[1]));
  }
  return rows;
}

/** Every port in a reply that names the proxy's host, as numbers. */
function advertisedPorts(text: string): number[] {
  return [...text.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
}

describe('slotbridge proxy --workers 2', () => {
  it('serves redis-cli -c and ioredis; both workers rewrite topology replies and MOVED identically; a node one worker learns is known to the other', async () => {
    const proxy = await startProxy(0);
    const clients: Redis[] = [];
    try {
      expect(proxy.output()).toMatch(/workers: 2 \(pids \d+, \d+; primary \d+\)/);
      const set = await run('redis-cli', ['-c', '-p', String(proxy.entry), 'SET', 'workers:cli', 'hello']);
      expect(set.stdout.trim()).toBe('OK');
      const get = await run('redis-cli', ['-c', '-p', String(proxy.entry), 'GET', 'workers:cli']);
      expect(get.stdout.trim()).toBe('hello');

      const io = new IoredisCluster([{ host: '127.0.0.1', port: proxy.entry }]);
      try {
        for (let i = 0; i < 200; i++) await io.set(`workers:io:${i}`, String(i));
        for (let i = 0; i < 200; i++) expect(await io.get(`workers:io:${i}`)).toBe(String(i));
      } finally {
        io.disconnect();
      }

      // Both workers, one connection each, to the proxy port of the node owning the key's slot.
      const key = 'workers:moved';
      const slot = Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', key));
      const owner = await cluster.ownerOf(slot);
      const table = proxy.output();
      const ownerPort = Number(
        new RegExp(`:(\\d+) \\(advertised [^)]+\\) -> ${owner.id.slice(0, 8)} `).exec(table)?.[1],
      );
      expect(ownerPort).toBeGreaterThanOrEqual(proxy.first);
      const one = await connectionOn(proxy, ownerPort, '1');
      clients.push(one);
      const two = await connectionOn(proxy, ownerPort, '2');
      clients.push(two);

      const slotsOne = JSON.stringify(await one.call('CLUSTER', 'SLOTS'));
      const slotsTwo = JSON.stringify(await two.call('CLUSTER', 'SLOTS'));
      expect(slotsOne).toBe(slotsTwo);
      const nodesOne = String(await one.call('CLUSTER', 'NODES'));
      const nodesTwo = String(await two.call('CLUSTER', 'NODES'));
      expect(stableNodes(nodesOne)).toBe(stableNodes(nodesTwo));
      for (const port of [...advertisedPorts(nodesOne), ...advertisedPorts(slotsOne)]) {
        expect(port).toBeGreaterThanOrEqual(proxy.first);
        expect(port).toBeLessThanOrEqual(proxy.last);
      }

      // The slot moves to a node added after start-up: no periodic refresh (--refresh-interval 0), so
      // worker 1 learns it from the MOVED it has to rewrite, through the primary's one refresh.
      await one.set(key, 'value');
      const added = await cluster.addNode();
      await cluster.migrateSlot(slot, added);
      const refreshesBefore = await proxy.refreshes();
      const movedOne = await one.get(key).then(
        () => 'no error',
        (error: Error) => error.message,
      );
      const match = /^MOVED (\d+) 127\.0\.0\.1:(\d+)$/.exec(movedOne);
      expect(match, movedOne).not.toBeNull();
      const newPort = Number(match?.[2]);
      expect(newPort).not.toBe(ownerPort);
      expect(newPort).toBeGreaterThanOrEqual(proxy.first);
      expect(newPort).toBeLessThanOrEqual(proxy.last);
      expect(await proxy.refreshes()).toBe(refreshesBefore + 1);
      // Worker 2 was sent the new table: the same MOVED, with no refresh of its own.
      const movedTwo = await two.get(key).then(
        () => 'no error',
        (error: Error) => error.message,
      );
      expect(movedTwo).toBe(movedOne);
      expect(await proxy.refreshes()).toBe(refreshesBefore + 1);
      // The new port answers on both workers.
      const newOne = await connectionOn(proxy, newPort, '1');
      clients.push(newOne);
      const newTwo = await connectionOn(proxy, newPort, '2');
      clients.push(newTwo);
      expect(await newOne.get(key)).toBe('value');
      expect(await newTwo.get(key)).toBe('value');
    } finally {
      for (const client of clients) client.disconnect();
      expect(await stopProxy(proxy)).toBe(0);
    }
  }, 120_000);

  it('a group whose discovery fails exits 1 with the reason and leaves no worker behind', async () => {
    const port = await findFreePort();
    const failed = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'proxy',
        '--workers',
        '2',
        '--cluster',
        `redis://127.0.0.1:${port}`,
        '--advertise',
        '127.0.0.1',
        '--ports',
        `${port + 1}-${port + 2}`,
      ],
      { timeout: 30_000 },
    ).then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('no cluster node answered CLUSTER NODES');
    // Its workers stopped when told, rather than waiting for a start that never comes until killed.
    expect(failed?.stdout).not.toContain('did not stop in time');
    const { stdout } = await run('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(`--ports ${port + 1}-${port + 2}`);
  }, 60_000);

  it('a failover reaches both workers; kill -9 of a worker leaves the other serving and it is replaced; SIGTERM stops the group', async () => {
    const proxy = await startProxy(500);
    const clients: Redis[] = [];
    try {
      // A primary with a replica (the node the first test added has none).
      const info = await cluster.nodesInfo();
      const chosen = info.find((n) => n.flags.includes('master') && info.some((r) => r.primaryId === n.id));
      const primary = cluster.nodes.find((node) => node.id === chosen?.id);
      if (primary === undefined) throw new Error('no primary with a replica');
      const promoted = await cluster.failover(primary);
      // The entry port pairs a connection with a primary as the worker's table says: after two refresh
      // periods, on both workers, only primaries (the promoted replica among them), never the old one.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const seen = new Set<string>();
      const served = new Set<string>();
      for (let i = 0; i < 12 || served.size < 2; i++) {
        if (i > 40) throw new Error(`entry connections reached only workers ${[...served].join(', ')}`);
        const before = await proxy.accepted();
        const client = new Redis({ port: proxy.entry, host: '127.0.0.1', maxRetriesPerRequest: 0 });
        try {
          const role = (await client.call('ROLE')) as unknown[];
          expect(role[0]).toBe('master');
          seen.add(String(await client.call('CLUSTER', 'MYID')));
        } finally {
          client.disconnect();
        }
        const after = await proxy.accepted();
        for (const [slot, count] of after) if (count > (before.get(slot) ?? 0)) served.add(slot);
      }
      expect(seen.has(primary.id)).toBe(false);
      expect(seen.has(promoted.id)).toBe(true);

      // A connection on worker 2, and load through the entry on both.
      const survivor = await connectionOn(proxy, proxy.entry, '2');
      clients.push(survivor);
      const survivorId = await survivor.call('CLIENT', 'ID');
      const pids = await proxy.pids();
      const victim = pids.get('1') as number;
      const io = new IoredisCluster([{ host: '127.0.0.1', port: proxy.entry }]);
      let stop = false;
      let ok = 0;
      const load = (async () => {
        for (let i = 0; !stop; i++) {
          await io.set(`workers:kill:${i % 500}`, String(i)).then(
            () => ok++,
            () => {},
          );
        }
      })();
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        process.kill(victim, 'SIGKILL');
        // The surviving worker's connection never noticed.
        expect(await survivor.call('CLIENT', 'ID')).toBe(survivorId);
        for (let i = 0; ; i++) {
          const now = await proxy.pids().catch(() => new Map<string, number>());
          if (now.size === 2 && now.get('1') !== victim && now.get('1') !== undefined) break;
          if (i > 100) throw new Error(`the killed worker was not replaced: ${proxy.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const okAfterRestart = ok;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(ok).toBeGreaterThan(okAfterRestart);
      } finally {
        stop = true;
        await load;
        io.disconnect();
      }
      expect(proxy.output()).toMatch(
        new RegExp(`worker 1 \\(pid ${victim}\\) exited \\(signal SIGKILL\\); restarting it`),
      );
      const fresh = await connectionOn(proxy, proxy.entry, '1');
      clients.push(fresh);
      expect(await fresh.ping()).toBe('PONG');
      const body = await (await fetch(`http://127.0.0.1:${proxy.metrics}/metrics`)).text();
      expect(body).toMatch(/^slotbridge_proxy_worker_restarts_total 1$/m);
      expect(body).toMatch(/^slotbridge_proxy_workers 2$/m);

      const last = await proxy.pids();
      for (const client of clients) client.disconnect();
      clients.length = 0;
      expect(await stopProxy(proxy)).toBe(0);
      expect(proxy.output()).toContain('slotbridge proxy: stopped');
      for (const pid of last.values()) {
        expect(() => process.kill(pid, 0)).toThrow();
      }
    } finally {
      for (const client of clients) client.disconnect();
      await stopProxy(proxy);
    }
  }, 120_000);

  it('--port-table redis: the primary holds the table; a group restarted after a failover gives every node its port again; /readyz is 503 while draining', async () => {
    const key = `{sbworkers}:ports:${Date.now()}`;
    const first = randomRangeStart();
    const table = ['--port-table', `redis:${key}`];
    const before = await startProxy(1000, table, first);
    let beforeRows: Map<string, number>;
    try {
      expect(before.output()).toContain(`port table: hash ${key} (held by the primary)`);
      beforeRows = printedTable(before.output());
      const nodes = await cluster.nodesInfo();
      expect(beforeRows.size).toBe(nodes.length);
      // The rows are in the servers (written by the primary alone: each node once, one port each).
      const stored = String(await cluster.nodes[0].cli('-c', 'HGETALL', key))
        .trim()
        .split('\n');
      const storedRows = new Map<string, number>();
      for (let i = 0; i + 1 < stored.length; i += 2) {
        if (stored[i].startsWith('node:')) storedRows.set(stored[i].slice(5, 13), Number(stored[i + 1]));
      }
      expect(storedRows).toEqual(beforeRows);
      const get = (path: string) =>
        fetch(`http://127.0.0.1:${before.metrics}${path}`).then((response) => response.status);
      expect(await get('/healthz')).toBe(200);
      expect(await get('/readyz')).toBe(200);
      // A reply in flight on a worker keeps the group draining: the primary says 503 meanwhile.
      const blocking = 'workers:ready';
      const owner = await cluster.ownerOf(Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', blocking)));
      const waiter = new Redis({
        host: '127.0.0.1',
        port: beforeRows.get(owner.id.slice(0, 8)),
        maxRetriesPerRequest: 0,
      });
      waiter.on('error', () => {});
      const pending = waiter.blpop(blocking, 3).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = stopProxy(before);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await get('/readyz')).toBe(503);
      expect(await get('/healthz')).toBe(200);
      expect(await exited).toBe(0);
      await pending;
      waiter.disconnect();
    } finally {
      await stopProxy(before);
    }

    // A failover: a fresh allocation (primaries first) would now give other ports.
    const info = await cluster.nodesInfo();
    const chosen = info.find((n) => n.flags.includes('master') && info.some((r) => r.primaryId === n.id));
    const primary = cluster.nodes.find((node) => node.id === chosen?.id);
    if (primary === undefined) throw new Error('no primary with a replica');
    await cluster.failover(primary);

    // One node's port is taken on this host meanwhile: a shared table never moves it (another replica's
    // table would differ); the workers bind it once it is free, at a refresh.
    const [busyId, busyPort] = [...beforeRows][2];
    const blocker = createServer(() => {});
    await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.1', resolve));
    let after: RunningProxy;
    try {
      after = await startProxy(1000, table, first);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const control = await startProxy(
      1000,
      ['--port-table', 'memory', '--listen', '127.0.0.2', '--advertise', '127.0.0.2'],
      first,
    );
    try {
      const afterRows = printedTable(after.output());
      expect(afterRows).toEqual(beforeRows);
      expect(after.output()).toContain(`port ${busyPort} of node ${busyId}`);
      expect(after.output()).toMatch(/in use here; trying again at each refresh/);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      // Both workers bound every row of the primary's table: each port leads to its node.
      for (const slot of ['1', '2']) {
        for (const [id, port] of afterRows) {
          const client = await connectionOn(after, port, slot);
          try {
            expect(String(await client.call('CLUSTER', 'MYID')).slice(0, 8)).toBe(id);
          } finally {
            client.disconnect();
          }
        }
      }
      // The check can fail: a memory table at the same moment gives a different table.
      const memory = printedTable(control.output());
      expect([...beforeRows].some(([id, port]) => memory.get(id) !== port)).toBe(true);
    } finally {
      expect(await stopProxy(after)).toBe(0);
      await stopProxy(control);
    }
  }, 120_000);
});
