import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { Cluster as IoredisCluster } from 'ioredis';
import { createCluster } from 'redis';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import type { RespValue } from '../../src/resp/index.js';
import { leakedPorts, useClusterProxy } from '../helpers/proxy.js';

const run = promisify(execFile);
const fixture = useClusterProxy();

/** Every string and number inside a reply, as text (to look for ports). */
function flatten(value: RespValue): string {
  if (Array.isArray(value)) return value.map(flatten).join(' ');
  if (value instanceof Map) return [...value].map(([k, v]) => `${flatten(k)} ${flatten(v)}`).join(' ');
  if (Buffer.isBuffer(value)) return value.toString();
  return String(value);
}

/** Runs `redis-cli -c` against the entry port with commands on stdin; returns stdout lines. */
function redisCliScript(port: number, script: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', ['-c', '-p', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.split('\n').filter((line) => line !== ''));
      else reject(new Error(`redis-cli exited with ${code}: ${out}`));
    });
    child.stdin.end(script);
  });
}

function proxyPorts(): Set<number> {
  return new Set(fixture.proxy.portTable().map((row) => row.proxyPort));
}

describe('slotbridge proxy in front of a real cluster (loopback)', () => {
  it('gives every node (3 primaries, 3 replicas) its own port from the range', () => {
    const table = fixture.proxy.portTable();
    expect(table).toHaveLength(6);
    expect(new Set(table.map((row) => row.node.id)).size).toBe(6);
    expect(table.filter((row) => row.node.role === 'primary')).toHaveLength(3);
    expect(fixture.proxy.describe()).toMatch(/6 nodes, entry 127\.0\.0\.1:\d+/);
  });

  it('redis-cli -c: SET/GET 300 keys across all shards, following MOVED to proxy ports only', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `cli:${i}`);
    const script = `${keys.map((key) => `SET ${key} v-${key}`).join('\n')}\n${keys.map((key) => `GET ${key}`).join('\n')}\n`;
    const lines = await redisCliScript(fixture.proxy.entry.port, script);
    const redirects = lines.filter((line) => line.startsWith('-> Redirected'));
    expect(redirects.length).toBeGreaterThan(0);
    const ports = proxyPorts();
    for (const line of redirects) expect(ports.has(Number(line.split(':').pop()))).toBe(true);
    const replies = lines.filter((line) => !line.startsWith('-> Redirected'));
    expect(replies.slice(300)).toEqual(keys.map((key) => `v-${key}`));
    const verbose = await run('redis-cli', ['-c', '-p', String(fixture.proxy.entry.port), 'GET', 'cli:7']);
    expect(verbose.stdout.trim()).toBe('v-cli:7');
  });

  it('CLUSTER SLOTS, SHARDS, NODES, REPLICAS, ROLE and INFO carry proxy ports only, in RESP2 and RESP3', async () => {
    const ports = proxyPorts();
    for (const protocol of [2, 3] as const) {
      for (const row of fixture.proxy.portTable()) {
        const connection = new Connection({
          host: '127.0.0.1',
          port: row.proxyPort,
          protocol,
          reconnect: false,
        });
        try {
          await connection.connect();
          expect(connection.protocol).toBe(protocol);
          const replies = [
            await connection.send(['CLUSTER', 'SLOTS']),
            await connection.send(['CLUSTER', 'SHARDS']),
            await connection.send(['CLUSTER', 'NODES']),
            await connection.send([
              'CLUSTER',
              'REPLICAS',
              row.node.role === 'primary' ? row.node.id : (row.node.primaryId ?? ''),
            ]),
            await connection.send(['ROLE']),
            await connection.send(['INFO', 'replication']),
          ];
          const text = replies.map(flatten).join('\n');
          expect(leakedPorts(text, fixture.backendPorts())).toEqual([]);
          const nodes = String(replies[2]);
          const mentioned = [...nodes.matchAll(/127\.0\.0\.1:(\d+)@/g)].map((match) => Number(match[1]));
          expect(mentioned).toHaveLength(6);
          for (const port of mentioned) expect(ports.has(port)).toBe(true);
          expect(nodes).toContain(`127.0.0.1:${row.proxyPort}@0 myself`);
        } finally {
          connection.disconnect();
        }
      }
    }
  });

  it('ioredis Cluster given only the entry: SET/GET across slots, pipeline, MULTI/EXEC, BLPOP, pub/sub', async () => {
    const entry = fixture.proxy.entry;
    const options = { shardedSubscribers: true, redisOptions: { connectTimeout: 2000 } };
    const a = new IoredisCluster([{ host: entry.host, port: entry.port }], options);
    const b = new IoredisCluster([{ host: entry.host, port: entry.port }], options);
    const sub = new IoredisCluster([{ host: entry.host, port: entry.port }], options);
    try {
      for (let i = 0; i < 100; i++) await a.set(`io:${i}`, `v${i}`);
      const values = await Promise.all(Array.from({ length: 100 }, (_, i) => a.get(`io:${i}`)));
      expect(values).toEqual(Array.from({ length: 100 }, (_, i) => `v${i}`));
      const ports = proxyPorts();
      for (const node of a.nodes('all')) expect(ports.has(Number(node.options.port))).toBe(true);

      const pipeline = await a.pipeline().set('{p}x', '1').incr('{p}x').get('{p}x').exec();
      expect(pipeline?.map(([, value]) => value)).toEqual(['OK', 2, '2']);
      const multi = await a.multi().set('{m}x', 'a').append('{m}x', 'b').get('{m}x').exec();
      expect(multi?.map(([, value]) => value)).toEqual(['OK', 2, 'ab']);

      await a.del('io:queue');
      const blocked = a.blpop('io:queue', 5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await b.lpush('io:queue', 'job');
      expect(await blocked).toEqual(['io:queue', 'job']);

      const message = new Promise<string>((resolve) =>
        sub.on('message', (_channel, text: string) => resolve(text)),
      );
      await sub.subscribe('io:news');
      await b.publish('io:news', 'hello');
      expect(await message).toBe('hello');

      const smessage = new Promise<string>((resolve) =>
        sub.on('smessage', (_channel, text: string) => resolve(text)),
      );
      await sub.ssubscribe('io:shard');
      await b.spublish('io:shard', 'sharded hello');
      expect(await smessage).toBe('sharded hello');
    } finally {
      a.disconnect();
      b.disconnect();
      sub.disconnect();
    }
  });

  it('node-redis createCluster given only the entry: SET/GET, MULTI/EXEC, BLPOP, SUBSCRIBE and SSUBSCRIBE', async () => {
    const url = `redis://${fixture.proxy.entry.host}:${fixture.proxy.entry.port}`;
    const cluster = createCluster({ rootNodes: [{ url }], defaults: { socket: { connectTimeout: 2000 } } });
    const other = createCluster({ rootNodes: [{ url }] });
    cluster.on('error', () => {});
    other.on('error', () => {});
    await cluster.connect();
    await other.connect();
    try {
      for (let i = 0; i < 100; i++) await cluster.set(`nr:${i}`, `v${i}`);
      expect(await Promise.all(Array.from({ length: 100 }, (_, i) => cluster.get(`nr:${i}`)))).toEqual(
        Array.from({ length: 100 }, (_, i) => `v${i}`),
      );
      const ports = proxyPorts();
      for (const master of cluster.masters) expect(ports.has(Number(master.port))).toBe(true);

      const results = await cluster.multi().set('{t}k', '1').incr('{t}k').get('{t}k').exec();
      expect(results).toEqual(['OK', 2, '2']);

      await cluster.del('nr:queue');
      const blocked = cluster.blPop('nr:queue', 5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.lPush('nr:queue', 'job');
      expect(await blocked).toEqual({ key: 'nr:queue', element: 'job' });

      const message = new Promise<string>((resolve) => {
        void cluster.subscribe('nr:news', (text) => resolve(text));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.publish('nr:news', 'hello');
      expect(await message).toBe('hello');

      const sharded = new Promise<string>((resolve) => {
        void cluster.sSubscribe('nr:shard', (text) => resolve(text));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.sPublish('nr:shard', 'sharded hello');
      expect(await sharded).toBe('sharded hello');
    } finally {
      await cluster.close().catch(() => undefined);
      await other.close().catch(() => undefined);
    }
  });

  it('RESP3: pushes pass out of band, the next reply is still paired; inline commands work', async () => {
    const port = fixture.proxy.entry.port;
    const subscriber = await rawClient(port);
    const publisher = new Connection({ host: '127.0.0.1', port, protocol: 2, reconnect: false });
    try {
      await publisher.connect();
      await subscriber.request('HELLO 3\r\n', (text) => text.includes('proto'));
      await subscriber.request('SUBSCRIBE state:ch\r\n', (text) => text.includes('subscribe'));
      expect(await publisher.send(['PUBLISH', 'state:ch', 'x'])).toBeGreaterThanOrEqual(1);
      const text = await subscriber.request('PING\r\n', (all) => all.includes('+PONG'));
      expect(text).toContain('>3\r\n$7\r\nmessage\r\n$8\r\nstate:ch\r\n$1\r\nx\r\n');
      expect(text.indexOf('>3\r\n$7\r\nmessage')).toBeLessThan(text.indexOf('+PONG'));
    } finally {
      subscriber.close();
      publisher.disconnect();
    }
    const inline = await run('redis-cli', ['-p', String(port), 'PING']);
    expect(inline.stdout.trim()).toBe('PONG');
    expect(fixture.proxy.metrics.rewrites).toBeGreaterThan(0);
  });

  it('RESP2 subscribed mode: messages are not paired, PING and UNSUBSCRIBE replies keep their order', async () => {
    const port = fixture.proxy.entry.port;
    const client = await rawClient(port);
    const publisher = new Connection({ host: '127.0.0.1', port, protocol: 2, reconnect: false });
    try {
      await publisher.connect();
      await client.request('SUBSCRIBE r2:ch\r\n', (text) => text.includes(':1'));
      await publisher.send(['PUBLISH', 'r2:ch', 'm1']);
      const text = await client.request('PING\r\nUNSUBSCRIBE r2:ch\r\nCLUSTER MYID\r\n', (all) =>
        /\$40\r\n[0-9a-f]{40}/.test(all),
      );
      expect(text).toContain('$7\r\nmessage\r\n$5\r\nr2:ch\r\n$2\r\nm1\r\n');
      expect(text).toContain('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
      const nodes = await client.request('CLUSTER NODES\r\n', (all) => all.includes('myself'));
      expect(leakedPorts(nodes, fixture.backendPorts())).toEqual([]);
    } finally {
      client.close();
      publisher.disconnect();
    }
  });
});

interface RawClient {
  /** Sends `bytes`, resolves with everything received since, once `done(text)` holds. */
  request(bytes: string, done: (text: string) => boolean): Promise<string>;
  close(): void;
}

function rawClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      let received = '';
      let waiter: (() => void) | undefined;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        waiter?.();
      });
      resolve({
        request: (bytes, done) =>
          new Promise((resolveRequest, rejectRequest) => {
            received = '';
            const timer = setTimeout(
              () => rejectRequest(new Error(`no complete reply: ${JSON.stringify(received)}`)),
              5000,
            );
            waiter = () => {
              if (!done(received)) return;
              clearTimeout(timer);
              waiter = undefined;
              resolveRequest(received);
            };
            socket.write(bytes);
          }),
        close: () => socket.destroy(),
      });
    });
    socket.once('error', reject);
  });
}
