/**
 * Positive checks of the proxy's address rewriting against a real lab cluster: each reply that carries an
 * address is fetched twice — from the node directly and through the node's proxy port — and compared
 * field by field. The proxy's reply must be the direct one with every node address replaced by the
 * advertised host and that node's proxy port (and nothing else changed but values that move on their own:
 * replication offsets, ping times). Covers CLUSTER SLOTS/SHARDS/NODES/REPLICAS, ROLE, INFO replication,
 * MOVED and ASK (plain, at MULTI queue time and as EXEC's reply), and TRYAGAIN (a multi-key command during
 * a slot migration), in RESP2 and RESP3. The proxy advertises 127.0.0.2, so hosts and ports both show.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { Connection } from '../../src/connection/index.js';
import type { LabClusterNode } from '../../src/lab/index.js';
import type { RespValue } from '../../src/resp/index.js';
import { useClusterProxy } from '../helpers/proxy.js';

const ADVERTISED = '127.0.0.2';
const BACKEND_HOST = '127.0.0.1';
const fixture = useClusterProxy({}, { advertiseHost: ADVERTISED });

const PROTOCOLS = [2, 3] as const;
type Protocol = (typeof PROTOCOLS)[number];

/** The proxy port of a node, by id or by backend port. */
function proxyPortOf(node: { id?: string; port?: number }): number {
  const row = fixture.proxy
    .portTable()
    .find((r) => (node.id !== undefined ? r.node.id === node.id : r.node.port === node.port));
  if (row === undefined) throw new Error(`no proxy port for ${JSON.stringify(node)}`);
  return row.proxyPort;
}

async function open(port: number, protocol: Protocol): Promise<Connection> {
  const connection = new Connection({
    host: '127.0.0.1',
    port,
    protocol,
    reconnect: false,
    commandTimeout: 10_000,
  });
  await connection.connect();
  return connection;
}

/** A direct connection to `node` and one through its proxy port, same protocol. */
async function pair(
  node: { id: string; port: number },
  protocol: Protocol,
): Promise<[Connection, Connection]> {
  return [await open(node.port, protocol), await open(proxyPortOf(node), protocol)];
}

/**
 * One command through the proxy and directly, normalized, from one server state. A node's own answer moves
 * while the cluster settles (CLUSTER SLOTS, in Redis and Valkey alike, leaves out a replica until the node
 * has heard its replication offset), so the direct reply is read before and after the proxied one, and
 * the three reads are repeated until the two direct ones agree: then the proxied one saw that state too.
 */
async function sameState(
  direct: Connection,
  proxied: Connection,
  args: string[],
  normalize: (reply: RespValue, mapAddresses: boolean) => unknown,
): Promise<{ proxiedReply: unknown; directReply: unknown }> {
  for (let round = 1; ; round++) {
    const before = normalize(await direct.send(args), true);
    const proxiedReply = normalize(await proxied.send(args), false);
    const after = normalize(await direct.send(args), true);
    if (isDeepStrictEqual(before, after) || round === 50) return { proxiedReply, directReply: after };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The reply, or the error's text when the server answered with an error. */
async function outcome(connection: Connection, args: string[]): Promise<RespValue | string> {
  try {
    return await connection.send(args);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const text = (value: RespValue | undefined): string =>
  Buffer.isBuffer(value) ? value.toString() : String(value);

/** Key/value pairs of a RESP3 map or a RESP2 flat array, in order. */
function pairsOf(value: RespValue): Array<[string, RespValue]> {
  if (value instanceof Map) return [...value].map(([k, v]) => [text(k), v]);
  const list = value as RespValue[];
  const out: Array<[string, RespValue]> = [];
  for (let i = 0; i < list.length; i += 2) out.push([text(list[i]), list[i + 1]]);
  return out;
}

/** Rebuilds pairs in the shape they came in (Map for RESP3, flat array for RESP2). */
function sameShape(original: RespValue, pairs: Array<[string, RespValue]>): RespValue {
  if (original instanceof Map) return new Map(pairs);
  return pairs.flat();
}

/** The expected proxy form of a backend `host`/`port` pair. */
function mapped(host: string, port: number): [string, number] {
  expect(host).toBe(BACKEND_HOST);
  return [ADVERTISED, proxyPortOf({ port })];
}

// --- CLUSTER SLOTS: [start, end, [ip, port, id, meta?], ...] ---
function expectedSlots(direct: RespValue): RespValue {
  return (direct as RespValue[][]).map((range) => [
    range[0],
    range[1],
    ...(range.slice(2) as RespValue[][]).map((node) => {
      const [host, port] = mapped(text(node[0]), Number(node[1]));
      expect(proxyPortOf({ id: text(node[2]) })).toBe(port);
      return [host, port, ...node.slice(2)];
    }),
  ]);
}

// --- CLUSTER SHARDS: [{ slots, nodes: [{ id, port, ip, endpoint, role, replication-offset, health }] }] ---
const VOLATILE = new Set(['replication-offset']);
function shardNode(node: RespValue, mapAddresses: boolean): RespValue {
  const pairs = pairsOf(node);
  const id = text(pairs.find(([k]) => k === 'id')?.[1]);
  return sameShape(
    node,
    pairs.map(([key, value]): [string, RespValue] => {
      if (VOLATILE.has(key)) return [key, '#'];
      if (!mapAddresses) return [key, value];
      if (key === 'port') return [key, proxyPortOf({ id })];
      if (key === 'ip' || key === 'endpoint') return [key, ADVERTISED];
      if (key === 'tls-port' || key === 'hostname') throw new Error(`unexpected ${key} in the lab cluster`);
      return [key, value];
    }),
  );
}
function normalizeShards(reply: RespValue, mapAddresses: boolean): RespValue {
  return (reply as RespValue[])
    .map((shard) =>
      sameShape(
        shard,
        pairsOf(shard).map(([key, value]): [string, RespValue] =>
          key === 'nodes'
            ? [key, (value as RespValue[]).map((n) => shardNode(n, mapAddresses))]
            : [key, value],
        ),
      ),
    )
    .sort((a, b) => JSON.stringify(pairsOf(a)).localeCompare(JSON.stringify(pairsOf(b))));
}

// --- CLUSTER NODES / REPLICAS: "id ip:port@cport flags master ping-sent pong-recv epoch link slots..." ---
function normalizeNodes(reply: RespValue, mapAddresses: boolean): string[] {
  return text(reply)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = line.trim().split(' ');
      fields[4] = '#';
      fields[5] = '#';
      if (mapAddresses) {
        const address = /^(.+):(\d+)@(\d+)$/.exec(fields[1]);
        if (address === null) throw new Error(`unexpected address field ${fields[1]}`);
        expect(address[1]).toBe(BACKEND_HOST);
        // The proxy has no cluster bus to offer: the bus port reads 0.
        fields[1] = `${ADVERTISED}:${proxyPortOf({ id: fields[0] })}@0`;
      }
      return fields.join(' ');
    })
    .sort();
}

// --- ROLE ---
function normalizeRole(reply: RespValue, mapAddresses: boolean): RespValue {
  const role = reply as RespValue[];
  if (text(role[0]) === 'master') {
    const replicas = (role[2] as RespValue[][]).map((r) => {
      const [host, port] = mapAddresses
        ? mapped(text(r[0]), Number(text(r[1])))
        : [text(r[0]), Number(text(r[1]))];
      return [host, String(port), '#'];
    });
    return [role[0], '#', replicas.sort()];
  }
  const [host, port] = mapAddresses
    ? mapped(text(role[1]), Number(role[2]))
    : [text(role[1]), Number(role[2])];
  return [role[0], host, port, role[3], '#'];
}

// --- INFO replication ---
const VOLATILE_INFO = /offset|histlen|seconds_ago|_lag|repl_backlog_size/;
function normalizeInfo(reply: RespValue, mapAddresses: boolean): string[] {
  return text(reply)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0) return line;
      const key = line.slice(0, colon);
      const value = line.slice(colon + 1);
      if (/^slave\d+$/.test(key)) {
        const fields = new Map(value.split(',').map((kv) => kv.split('=') as [string, string]));
        if (mapAddresses) {
          const [host, port] = mapped(fields.get('ip') ?? '', Number(fields.get('port')));
          fields.set('ip', host);
          fields.set('port', String(port));
        }
        fields.set('offset', '#');
        fields.set('lag', '#');
        return `${key}:${[...fields].map(([k, v]) => `${k}=${v}`).join(',')}`;
      }
      if (mapAddresses && key === 'master_host') {
        expect(value).toBe(BACKEND_HOST);
        return `${key}:${ADVERTISED}`;
      }
      if (mapAddresses && key === 'master_port') return `${key}:${proxyPortOf({ port: Number(value) })}`;
      if (VOLATILE_INFO.test(key)) return `${key}:#`;
      return line;
    });
}

/** A redirect's text with the backend target replaced by the proxy's. */
function expectedRedirect(direct: RespValue | string): string {
  const match = /^error: (MOVED|ASK) (\d+) (.+):(\d+)$/.exec(String(direct));
  if (match === null) throw new Error(`expected a MOVED/ASK error, got ${String(direct)}`);
  const [host, port] = mapped(match[3], Number(match[4]));
  return `error: ${match[1]} ${match[2]} ${host}:${port}`;
}

describe("proxy rewrite fidelity: every address is the proxy's, everything else as the server sent it", () => {
  for (const protocol of PROTOCOLS) {
    it(`RESP${protocol}: CLUSTER SLOTS/SHARDS/NODES/REPLICAS, ROLE, INFO replication on every node`, async () => {
      for (const { node } of fixture.proxy.portTable()) {
        const [direct, proxied] = await pair(node, protocol);
        try {
          const primaryId = node.role === 'primary' ? node.id : (node.primaryId ?? '');
          const checks: Array<[string[], (reply: RespValue, mapAddresses: boolean) => unknown]> = [
            [['CLUSTER', 'SLOTS'], (reply, map) => (map ? expectedSlots(reply) : reply)],
            [['CLUSTER', 'SHARDS'], normalizeShards],
            [['CLUSTER', 'NODES'], normalizeNodes],
            [['CLUSTER', 'REPLICAS', primaryId], normalizeNodes],
            [['ROLE'], normalizeRole],
            [['INFO', 'replication'], normalizeInfo],
          ];
          for (const [args, normalize] of checks) {
            const { proxiedReply, directReply } = await sameState(direct, proxied, args, normalize);
            expect(proxiedReply, args.join(' ')).toEqual(directReply);
          }
        } finally {
          direct.disconnect();
          proxied.disconnect();
        }
      }
    });

    it(`RESP${protocol}: MOVED, ASK and TRYAGAIN — plain, in MULTI, as EXEC's reply — during a real slot migration`, async () => {
      const cluster = fixture.cluster;
      const tag = `{fidelity${protocol}}`;
      const slot = Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', `${tag}k`));
      const migration = await cluster.migration(slot);
      const source: LabClusterNode = migration.source;
      const other = (await cluster.primaries()).find((p) => p !== source && p !== migration.target);
      if (other === undefined) throw new Error('expected three primaries');
      await source.cli('SET', `${tag}a`, 'A');
      await source.cli('SET', `${tag}b`, 'B');
      const [direct, proxied] = await pair(source, protocol);
      const [directOther, proxiedOther] = await pair(other, protocol);
      const both = async (args: string[]) => [await outcome(direct, args), await outcome(proxied, args)];
      try {
        // MOVED: a node that does not own the slot, plain and at MULTI queue time (then EXECABORT).
        for (const c of [directOther, proxiedOther]) await c.send(['MULTI']);
        const movedPlain = [
          await outcome(directOther, ['GET', `${tag}k`]),
          await outcome(proxiedOther, ['GET', `${tag}k`]),
        ];
        expect(movedPlain[0]).toMatch(/^error: MOVED /);
        expect(movedPlain[1]).toBe(expectedRedirect(movedPlain[0]));
        const execAbort = [await outcome(directOther, ['EXEC']), await outcome(proxiedOther, ['EXEC'])];
        expect(execAbort[0]).toMatch(/^error: EXECABORT/);
        expect(execAbort[1]).toBe(execAbort[0]);
        const moved = [
          await outcome(directOther, ['GET', `${tag}k`]),
          await outcome(proxiedOther, ['GET', `${tag}k`]),
        ];
        expect(moved[1]).toBe(expectedRedirect(moved[0]));

        // A transaction queued before the migration starts, executed during it: EXEC's reply is ASK.
        for (const c of [direct, proxied]) {
          await c.send(['MULTI']);
          expect(text(await c.send(['GET', `${tag}k`]))).toBe('QUEUED');
        }
        await migration.begin();
        const askExec = await both(['EXEC']);
        expect(askExec[0]).toMatch(/^error: ASK /);
        expect(askExec[1]).toBe(expectedRedirect(askExec[0]));
        const ask = await both(['GET', `${tag}k`]);
        expect(ask[0]).toMatch(/^error: ASK /);
        expect(ask[1]).toBe(expectedRedirect(ask[0]));

        // One of two keys moved: a multi-key command gets TRYAGAIN (no address: passed as it is).
        const keys = (await source.cli('CLUSTER', 'GETKEYSINSLOT', String(slot), '10')).split('\n');
        await source.cli(
          'MIGRATE',
          '127.0.0.1',
          String(migration.target.port),
          '',
          '0',
          '5000',
          'KEYS',
          keys[0],
        );
        const tryAgain = await both(['MGET', `${tag}a`, `${tag}b`]);
        expect(tryAgain[0]).toMatch(/^error: TRYAGAIN /);
        expect(tryAgain[1]).toBe(tryAgain[0]);

        // A transaction queued during the migration (on the key still on the source, so it is accepted),
        // executed after the migration finished: EXEC's reply is MOVED.
        const remaining = keys[1];
        for (const c of [direct, proxied]) {
          await c.send(['MULTI']);
          expect(text(await c.send(['GET', remaining]))).toBe('QUEUED');
        }
        await migration.moveKeys();
        await migration.finish();
        const movedExec = await both(['EXEC']);
        expect(movedExec[0]).toMatch(new RegExp(`^error: MOVED ${slot} `));
        expect(movedExec[1]).toBe(expectedRedirect(movedExec[0]));
      } finally {
        for (const c of [direct, proxied, directOther, proxiedOther]) c.disconnect();
      }
    });
  }

  it('TRYAGAIN from a real cluster: the slotbridge client backs off and retries until the migration ends', async () => {
    const cluster = fixture.cluster;
    const tag = '{fidelity-client}';
    const slot = Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', `${tag}a`));
    const migration = await cluster.migration(slot);
    await migration.source.cli('SET', `${tag}a`, 'A');
    await migration.source.cli('SET', `${tag}b`, 'B');
    const client = createClient({ cluster: { hosts: [cluster.nodes[0].address] } });
    try {
      await client.connect();
      await migration.begin();
      await migration.moveKeys(1);
      // Half the slot's keys moved: the server answers TRYAGAIN until the rest move.
      const direct = await migration.source.cli('MGET', `${tag}a`, `${tag}b`);
      expect(direct).toMatch(/TRYAGAIN/);
      const pending = client.mget(`${tag}a`, `${tag}b`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await migration.moveKeys();
      await migration.finish();
      expect(await pending).toEqual(['A', 'B']);
    } finally {
      await client.quit();
    }
  });
});
