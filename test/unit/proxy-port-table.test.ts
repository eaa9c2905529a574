/**
 * The port table's parts that need no server: `--port-table` parsing (bad values are typed errors,
 * and the CLI turns them into usage errors) and the memory table (a worker's, fed by its primary).
 */
import { describe, expect, it } from 'vitest';
import { runProxyCommand } from '../../src/cli/proxy-command.js';
import { UsageError } from '../../src/cli/usage.js';
import { ConfigError } from '../../src/errors.js';
import { MemoryPortTable, PortRangeFullError, parsePortTableOption } from '../../src/proxy/index.js';

describe('--port-table', () => {
  it('parses memory, redis, redis:KEY and file:PATH', () => {
    expect(parsePortTableOption('memory')).toEqual({ store: 'memory' });
    expect(parsePortTableOption('redis')).toEqual({ store: 'redis' });
    expect(parsePortTableOption('redis:{team}:ports')).toEqual({ store: 'redis', key: '{team}:ports' });
    expect(parsePortTableOption('file:/etc/slotbridge/ports')).toEqual({
      store: 'file',
      path: '/etc/slotbridge/ports',
    });
  });

  it('refuses anything else with a ConfigError naming the forms; the CLI exits with a usage error', async () => {
    for (const bad of ['', 'cluster', 'redis:', 'file:', 'Memory']) {
      expect(() => parsePortTableOption(bad)).toThrow(ConfigError);
    }
    expect(() => parsePortTableOption('etcd')).toThrow(/memory, redis, redis:KEY or file:PATH/);
    await expect(
      runProxyCommand([
        '--cluster',
        'redis://127.0.0.1:1',
        '--advertise',
        '127.0.0.1',
        '--ports',
        '31000-31001',
        '--port-table',
        'etcd',
      ]),
    ).rejects.toBeInstanceOf(UsageError);
  });
});

describe('MemoryPortTable', () => {
  it('gives ports in order, skips reserved ones, never reuses one, and says when the range is full', async () => {
    const table = new MemoryPortTable({ first: 100, last: 103 }, [101]);
    const heard: string[] = [];
    table.onChange((id, port) => heard.push(`${id}=${port}`));
    expect(await table.claim('a')).toBe(100);
    expect(await table.claim('b')).toBe(102);
    expect(await table.claim('a')).toBe(100);
    // A port in use for b: b moves, its old port stays retired.
    expect(table.replace('b')).toBe(103);
    await expect(table.claim('c')).rejects.toBeInstanceOf(PortRangeFullError);
    expect(heard).toEqual(['a=100', 'b=102', 'b=103']);
    expect(table.shared).toBe(false);
  });

  it("a worker's table takes the rows its primary assigns and claims nothing new for them", async () => {
    const worker = new MemoryPortTable({ first: 100, last: 199 });
    worker.assign('x', 150);
    worker.assign('y', 120);
    expect(await worker.claim('x')).toBe(150);
    expect(worker.portOf('y')).toBe(120);
    expect(await worker.claim('z')).toBe(100);
    expect(new Map(worker.entries())).toEqual(
      new Map([
        ['x', 150],
        ['y', 120],
        ['z', 100],
      ]),
    );
  });
});
