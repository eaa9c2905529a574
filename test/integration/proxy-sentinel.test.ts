import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { ClusterProxy } from '../../src/proxy/index.js';
import type { RespValue } from '../../src/resp/index.js';
import { randomRangeStart } from '../helpers/port-range.js';
import { leakedPorts } from '../helpers/proxy.js';

let group: SentinelGroupHandle | undefined;
let proxy: ClusterProxy | undefined;
const logs: string[] = [];

beforeAll(async () => {
  group = await startSentinelGroup({ downAfterMs: 1000, failoverTimeoutMs: 3000 });
  const first = randomRangeStart();
  proxy = new ClusterProxy({
    seeds: [{ host: '127.0.0.1', port: group.sentinels[0].port }],
    sentinelName: group.name,
    advertiseHost: '127.0.0.1',
    ports: { first, last: first + 99 },
    refreshIntervalMs: 1000,
    log: (line) => logs.push(line),
  });
  await proxy.start();
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await group?.stop();
});

function started(): { group: SentinelGroupHandle; proxy: ClusterProxy } {
  if (group === undefined || proxy === undefined) throw new Error('not started');
  return { group, proxy };
}

/** Backend ports of every data node and sentinel, as strings. */
function backendPorts(): string[] {
  const { group } = started();
  return [...group.servers, ...group.sentinels].map((server) => String(server.port));
}

function flatten(value: RespValue): string {
  if (Array.isArray(value)) return value.map(flatten).join(' ');
  if (value instanceof Map) return [...value].map(([k, v]) => `${flatten(k)} ${flatten(v)}`).join(' ');
  if (Buffer.isBuffer(value)) return value.toString();
  return String(value);
}

async function ask(port: number, protocol: 2 | 3, commands: string[][]): Promise<string> {
  const connection = new Connection({ host: '127.0.0.1', port, protocol, reconnect: false });
  try {
    await connection.connect();
    const replies: string[] = [];
    for (const command of commands) replies.push(flatten(await connection.send(command)));
    return replies.join('\n');
  } finally {
    connection.disconnect();
  }
}

describe('slotbridge proxy --sentinel (loopback sentinel group)', () => {
  it('gives every sentinel and data node a port; the entry is a sentinel', () => {
    const { proxy, group } = started();
    const table = proxy.portTable();
    expect(table.filter((row) => row.node.role === 'sentinel')).toHaveLength(group.sentinels.length);
    expect(table.filter((row) => row.node.role !== 'sentinel')).toHaveLength(group.servers.length);
    expect(proxy.directory.byId(table[0].node.id)?.role).toBe('sentinel');
    expect(proxy.entry.port).toBe(table[0].proxyPort);
  });

  it('SENTINEL replies, sentinel INFO and ROLE of data nodes carry proxy ports only, in RESP2 and RESP3', async () => {
    const { proxy, group } = started();
    const ports = new Set(proxy.portTable().map((row) => row.proxyPort));
    for (const protocol of [2, 3] as const) {
      const text = await ask(proxy.entry.port, protocol, [
        ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', group.name],
        ['SENTINEL', 'MASTER', group.name],
        ['SENTINEL', 'MASTERS'],
        ['SENTINEL', 'REPLICAS', group.name],
        ['SENTINEL', 'SLAVES', group.name],
        ['SENTINEL', 'SENTINELS', group.name],
        ['INFO', 'sentinel'],
      ]);
      expect(leakedPorts(text, backendPorts())).toEqual([]);
      const [host, port] = (
        await ask(proxy.entry.port, protocol, [['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', group.name]])
      ).split(' ');
      expect(host).toBe('127.0.0.1');
      expect(ports.has(Number(port))).toBe(true);
      const role = await ask(Number(port), protocol, [['ROLE'], ['INFO', 'replication']]);
      expect(role.startsWith('master')).toBe(true);
      expect(leakedPorts(role, backendPorts())).toEqual([]);
    }
  });

  it('ioredis with sentinels through the proxy follows a SENTINEL FAILOVER; every address it sees is a proxy port', async () => {
    const { proxy, group } = started();
    const ports = new Set(proxy.portTable().map((row) => row.proxyPort));
    const client = new Redis({
      sentinels: [{ host: '127.0.0.1', port: proxy.entry.port }],
      name: group.name,
      failoverDetector: true,
      sentinelRetryStrategy: () => 100,
      retryStrategy: () => 100,
      connectTimeout: 2000,
    });
    const events: string[] = [];
    const watcher = new Redis({ host: '127.0.0.1', port: proxy.entry.port });
    try {
      await watcher.subscribe('+switch-master');
      watcher.on('message', (_channel: string, message: string) => events.push(message));
      await client.set('sentinel:k', 'before');
      expect(ports.has(client.stream.remotePort ?? 0)).toBe(true);
      const before = client.stream.remotePort;

      const promoted = await group.failover();
      let value: string | null = null;
      for (let i = 0; i < 100 && value !== 'after'; i++) {
        value = await client
          .set('sentinel:k', 'after')
          .then(() => client.get('sentinel:k'))
          .catch(() => null);
        if (value !== 'after') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(value).toBe('after');
      const promotedPort = proxy.directory.byAnnounced('127.0.0.1', promoted.port)?.proxyPort;
      expect(client.stream.remotePort).toBe(promotedPort);
      expect(client.stream.remotePort).not.toBe(before);
      expect(await client.call('ROLE').then((role) => (role as string[])[0])).toBe('master');

      for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(events.length).toBeGreaterThan(0);
      const words = events[0].split(' ');
      expect(words).toEqual([group.name, '127.0.0.1', String(before), '127.0.0.1', String(promotedPort)]);
      expect(leakedPorts(events.join('\n'), backendPorts())).toEqual([]);
    } finally {
      client.disconnect();
      watcher.disconnect();
    }
  }, 60_000);
});
