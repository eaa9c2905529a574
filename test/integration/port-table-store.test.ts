/**
 * The proxy's port table kept in a real server (RedisPortTable): replicas racing to claim the same nodes
 * all end with one identical table and no port given twice; a full range is a typed error; a replaced
 * node gets a new port and the old one is never handed out again; rows lost to FLUSHALL are written
 * back; a user without HSETNX gets a permanent error naming the rights it needs. And the file table.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { type RedisServerHandle, startServer } from '../../src/lab/index.js';
import {
  FilePortTable,
  PortRangeFullError,
  RedisPortTable,
  type RedisPortTableOptions,
} from '../../src/proxy/index.js';
import { makeImmutable, makeMutable } from '../helpers/immutable-dir.js';

let server: RedisServerHandle;

const connections: Connection[] = [];

beforeAll(async () => {
  server = await startServer({
    users: ['default on nopass ~* &* +@all', 'nohsetnx on >pw ~* +@all -hsetnx'],
  });
}, 30_000);

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await server?.stop();
});

/** A table on its own connection (each replica has its own), `user` optional. */
async function table(
  key: string,
  range: { first: number; last: number },
  extra: Partial<RedisPortTableOptions> = {},
  user?: { username: string; password: string },
): Promise<RedisPortTable> {
  const connection = new Connection({ host: server.host, port: server.port, protocol: 2, ...user });
  connection.on('error', () => {});
  connections.push(connection);
  await connection.connect();
  return new RedisPortTable({ range, key, send: (args) => connection.send(args), ...extra });
}

async function stored(key: string): Promise<Map<string, string>> {
  const text = await server.cli('HGETALL', key);
  const lines = text === '' ? [] : text.split('\n');
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) map.set(lines[i], lines[i + 1]);
  return map;
}

const ids = (n: number, prefix = 'n') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('RedisPortTable on a real server', () => {
  it('four replicas claiming the same 40 nodes at once end with one table, no port given twice', async () => {
    const key = '{t}:race';
    const range = { first: 40_000, last: 40_199 };
    const tables = await Promise.all([1, 2, 3, 4].map(() => table(key, range)));
    const nodes = ids(40);
    // Each replica claims every node, in its own order, all at once.
    await Promise.all(
      tables.flatMap((t, i) => {
        const order = i % 2 === 0 ? nodes : [...nodes].reverse();
        return order.map((id) => t.claim(id));
      }),
    );
    const reference = new Map(nodes.map((id) => [id, tables[0].portOf(id)]));
    for (const t of tables) for (const id of nodes) expect(t.portOf(id), id).toBe(reference.get(id));
    const ports = [...reference.values()];
    expect(new Set(ports).size).toBe(nodes.length);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(range.first);
    // The store agrees: node:<id> → port, and port:<n> names that node.
    const hash = await stored(key);
    for (const id of nodes) {
      const port = hash.get(`node:${id}`);
      expect(port).toBe(String(reference.get(id)));
      expect(hash.get(`port:${port}`)).toBe(id);
    }
    // A fifth replica starting now reads the same table without claiming anything.
    const late = await table(key, range);
    const loaded = await late.load();
    expect(new Map(loaded)).toEqual(reference);
    const retired = [...hash.keys()].filter((field) => field.startsWith('port:')).length - nodes.length;
    console.log(
      `[port-table] 4 replicas x 40 nodes racing: 40 rows, identical; ${retired} port(s) retired by lost races`,
    );
  });

  it('a full range rejects with PortRangeFullError (ERR_PORT_RANGE_FULL); known nodes keep their ports', async () => {
    const key = '{t}:full';
    const range = { first: 40_300, last: 40_304 };
    const a = await table(key, range, { reserved: [40_302] });
    const b = await table(key, range, { reserved: [40_302] });
    const ports = [await a.claim('a'), await a.claim('b'), await b.claim('c'), await b.claim('d')];
    expect(ports.sort()).toEqual([40_300, 40_301, 40_303, 40_304]);
    for (const t of [a, b]) {
      const error = await t.claim('e').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortRangeFullError);
      expect(error).toMatchObject({ code: 'ERR_PORT_RANGE_FULL', nodeId: 'e' });
      expect((error as Error).message).toMatch(/40300-40304.*widen --ports/);
    }
    expect(await a.claim('c')).toBe(b.portOf('c'));
    expect(await b.claim('a')).toBe(a.portOf('a'));
  });

  it("a replaced node (new id) gets a new port; the old id's port is never handed to another node", async () => {
    const key = '{t}:replaced';
    const range = { first: 40_400, last: 40_409 };
    const first = await table(key, range);
    const old = await first.claim('old-node');
    await first.claim('stays');
    // A restart later: the old node is gone, its replacement has a new id.
    const restarted = await table(key, range);
    const fresh = await restarted.claim('new-node');
    expect(fresh).not.toBe(old);
    expect(await restarted.claim('old-node')).toBe(old);
    for (const id of ids(7, 'x')) expect(await restarted.claim(id)).not.toBe(old);
  });

  it('rows lost to FLUSHALL are written back by the next load, so no port is given twice', async () => {
    const key = '{t}:flushed';
    const range = { first: 40_500, last: 40_509 };
    const t = await table(key, range);
    const a = await t.claim('a');
    const b = await t.claim('b');
    await server.cli('FLUSHALL');
    await t.load();
    const hash = await stored(key);
    expect(hash.get('node:a')).toBe(String(a));
    expect(hash.get(`port:${b}`)).toBe('b');
    const other = await table(key, range);
    const c = await other.claim('c');
    expect([a, b]).not.toContain(c);
  });

  it('after FLUSHALL, a row another replica re-claimed first is not written twice: the conflict is logged', async () => {
    const key = '{t}:conflict';
    const range = { first: 40_800, last: 40_809 };
    const lines: string[] = [];
    const old = await table(key, range, { log: (line) => lines.push(line) });
    const a = await old.claim('a');
    await server.cli('FLUSHALL');
    // A replica started after the flush knows nothing of 'a' and gives its port to 'c'.
    const fresh = await table(key, range);
    expect(await fresh.claim('c')).toBe(a);
    await old.load();
    const hash = await stored(key);
    expect(hash.get(`port:${a}`)).toBe('c');
    expect(hash.get('node:c')).toBe(String(a));
    expect(hash.has('node:a')).toBe(false);
    expect(lines.some((line) => line.includes(`gave port ${a} to c`))).toBe(true);
  });

  it('a user without HSETNX gets a permanent ERR_PORT_TABLE naming the rights it needs', async () => {
    const t = await table(
      '{t}:acl',
      { first: 40_600, last: 40_609 },
      {},
      {
        username: 'nohsetnx',
        password: 'pw',
      },
    );
    const error = await t.claim('a').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_PORT_TABLE', permanent: true });
    expect((error as Error).message).toMatch(/NOPERM.*\+hsetnx.*--port-table file:PATH/);
  });

  it('a store that never answers fails the first load after its timeout with ERR_PORT_TABLE', async () => {
    let calls = 0;
    const t = new RedisPortTable({
      range: { first: 40_700, last: 40_709 },
      send: async () => {
        calls++;
        throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
      },
      firstLoadTimeoutMs: 1200,
    });
    const started = Date.now();
    await expect(t.claim('a')).rejects.toMatchObject({ code: 'ERR_PORT_TABLE', permanent: false });
    expect(calls).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

describe('FilePortTable', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slotbridge-port-table-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('survives a restart, and two tables on one file claiming at once agree', async () => {
    const file = path.join(dir, 'ports.txt');
    const range = { first: 41_000, last: 41_099 };
    const a = new FilePortTable(file, range);
    const b = new FilePortTable(file, range);
    const nodes = ids(20);
    await Promise.all([...nodes.map((id) => a.claim(id)), ...[...nodes].reverse().map((id) => b.claim(id))]);
    for (const id of nodes) expect(b.portOf(id)).toBe(a.portOf(id));
    expect(new Set(nodes.map((id) => a.portOf(id))).size).toBe(nodes.length);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`n000 ${a.portOf('n000')}`);
    const restarted = new FilePortTable(file, range);
    expect(new Map(await restarted.load())).toEqual(new Map(a.entries()));
    await expect(
      new FilePortTable(file, { first: 41_000, last: 41_019 }).claim('one-more'),
    ).rejects.toMatchObject({ code: 'ERR_PORT_RANGE_FULL' });
  });

  it('a read-only table (a ConfigMap) serves the rows it has; a node it lacks gets a per-node error', async ({
    skip,
  }) => {
    const roDir = path.join(dir, 'read-only');
    await import('node:fs/promises').then((fs) => fs.mkdir(roDir));
    const file = path.join(roDir, 'ports');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'listed 31005\n'));
    // Immutable: not even root may create the lock file or replace the table (EPERM).
    const reason = makeImmutable(roDir);
    if (reason !== undefined) {
      console.warn(`[port-table] read-only case skipped: ${reason}`);
      skip();
      return;
    }
    try {
      const t = new FilePortTable(file, { first: 31_000, last: 31_010 });
      expect(await t.claim('listed')).toBe(31_005);
      const error = await t.claim('missing').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_PORT_TABLE', permanent: true, nodeOnly: true });
      expect((error as Error).message).toMatch(/node missing is not in it.*add a row "missing <port>"/);
    } finally {
      makeMutable(roDir);
    }
  });

  it('a malformed row is a permanent ERR_PORT_TABLE naming the line', async () => {
    const file = path.join(dir, 'bad.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '# ok\nabc 31000\nnot-a-row\n'));
    await expect(new FilePortTable(file, { first: 31_000, last: 31_010 }).load()).rejects.toMatchObject({
      code: 'ERR_PORT_TABLE',
      permanent: true,
      message: expect.stringMatching(/line 3/),
    });
  });
});
