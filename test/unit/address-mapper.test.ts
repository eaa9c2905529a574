import { describe, expect, it } from 'vitest';
import { ConfiguredAddressMapper, parsePorts, UnreachableNodeError } from '../../src/address/index.js';
import { ConfigError } from '../../src/errors.js';

const ctx = { source: 'cluster-shards' } as const;

describe('ConfiguredAddressMapper', () => {
  it('static map: host:port keys, host-only keys keep the port, IPv6 keys', async () => {
    const mapper = new ConfiguredAddressMapper({
      map: { '10.0.0.5:6379': 'localhost:30001', '10.0.0.6': 'gateway', '[fd00::1]:7000': '127.0.0.1:31000' },
    });
    expect(await mapper.resolve({ host: '10.0.0.5', port: 6379 }, ctx)).toEqual({
      host: 'localhost',
      port: 30001,
    });
    expect(await mapper.resolve({ host: '10.0.0.6', port: 6380 }, ctx)).toEqual({
      host: 'gateway',
      port: 6380,
    });
    expect(await mapper.resolve({ host: 'fd00::1', port: 7000 }, ctx)).toEqual({
      host: '127.0.0.1',
      port: 31000,
    });
    expect(await mapper.resolve({ host: '10.0.0.7', port: 6379 }, ctx)).toEqual({
      host: '10.0.0.7',
      port: 6379,
    });
  });

  it('function map: sync, async, and undefined keeps the announced address', async () => {
    const mapper = new ConfiguredAddressMapper({
      map: async ({ host, port }) => (host.startsWith('172.') ? `127.0.0.1:${port + 1000}` : undefined),
    });
    expect(await mapper.resolve({ host: '172.17.0.2', port: 6379 }, ctx)).toEqual({
      host: '127.0.0.1',
      port: 7379,
    });
    expect(await mapper.resolve({ host: '10.1.1.1', port: 6379 }, ctx)).toEqual({
      host: '10.1.1.1',
      port: 6379,
    });
    const sync = new ConfiguredAddressMapper({ map: () => ({ host: 'h', port: 1 }) });
    expect(await sync.resolve({ host: 'x', port: 2 }, ctx)).toMatchObject({ host: 'h', port: 1 });
  });

  it('a function map returning garbage is a ConfigError naming it', async () => {
    const mapper = new ConfiguredAddressMapper({ map: () => ({ nope: 1 }) as never });
    await expect(mapper.resolve({ host: 'x', port: 2 }, ctx)).rejects.toBeInstanceOf(ConfigError);
  });

  it('configured seed hosts are left alone unless mapConfiguredHosts', async () => {
    const map = { 'seed:6379': 'other:1' };
    const plain = new ConfiguredAddressMapper({ map });
    expect(await plain.resolve({ host: 'seed', port: 6379 }, { source: 'config' })).toEqual({
      host: 'seed',
      port: 6379,
    });
    const mapped = new ConfiguredAddressMapper({ map, mapConfiguredHosts: true });
    expect(await mapped.resolve({ host: 'seed', port: 6379 }, { source: 'config' })).toMatchObject({
      host: 'other',
      port: 1,
    });
  });

  it('resolve hook: candidates in order, the next one after a reported failure', async () => {
    const mapper = new ConfiguredAddressMapper({
      resolve: async (host, port) => [
        { host: `${host}-a`, port },
        { host: `${host}-b`, port },
      ],
    });
    const announced = { host: 'svc', port: 6379 };
    const first = await mapper.resolve(announced, ctx);
    expect(first).toMatchObject({ host: 'svc-a' });
    mapper.reportFailure(announced, first, new Error('ECONNREFUSED'));
    expect(await mapper.resolve(announced, ctx)).toMatchObject({ host: 'svc-b' });
  });

  it('servername: follows the announced name when the socket goes elsewhere, or as configured', async () => {
    const byDefault = new ConfiguredAddressMapper({ map: { 'redis-0.redis:6379': '127.0.0.1:30001' } });
    expect(await byDefault.resolve({ host: 'redis-0.redis', port: 6379 }, ctx)).toEqual({
      host: '127.0.0.1',
      port: 30001,
      servername: 'redis-0.redis',
    });
    const configured = new ConfiguredAddressMapper({
      map: { '10.0.0.5': '127.0.0.1' },
      servername: { '10.0.0.5': 'redis.internal' },
    });
    expect(await configured.resolve({ host: '10.0.0.5', port: 6379 }, ctx)).toMatchObject({
      servername: 'redis.internal',
    });
  });

  it('rejects malformed map entries eagerly', () => {
    expect(() => new ConfiguredAddressMapper({ map: { 'a:1': 'b:99999' } })).toThrow(ConfigError);
  });
});

describe('parsePorts', () => {
  it('reads ranges and lists', () => {
    expect(parsePorts('30001-30003')).toEqual([30001, 30002, 30003]);
    expect(parsePorts('1,5-6')).toEqual([1, 5, 6]);
    expect(parsePorts([7, 8])).toEqual([7, 8]);
  });
  it('rejects nonsense with the field named', () => {
    expect(() => parsePorts('abc')).toThrow(/addresses.discover.ports/);
    expect(() => parsePorts('5-1')).toThrow(ConfigError);
    expect(() => parsePorts('1-70000')).toThrow(ConfigError);
  });
});

describe('UnreachableNodeError', () => {
  it('explains which node, who announced it, the socket error and the ways out', () => {
    const cause = Object.assign(new Error('connect ENETUNREACH 172.17.0.5:6379'), { code: 'ENETUNREACH' });
    const error = new UnreachableNodeError({
      announced: { host: '172.17.0.5', port: 6379 },
      target: { host: '172.17.0.5', port: 6379 },
      source: 'cluster-shards',
      announcedBy: '127.0.0.1:30001',
      nodeId: '07c37dfeb235213a872192d90877d0cd55635b91',
      role: 'master',
      slots: '0-5460',
      cause,
    });
    expect(error.code).toBe('ERR_NODE_UNREACHABLE');
    expect(error.message).toContain('node 07c37dfeb235');
    expect(error.message).toContain('slots 0-5460');
    expect(error.message).toContain('127.0.0.1:30001 announced it as 172.17.0.5:6379 in CLUSTER SHARDS');
    expect(error.message).toContain('ENETUNREACH');
    expect(error.message).toMatch(/addresses\.map.*addresses\.discover.*slotbridge proxy.*slotbridge doctor/);
  });
});
