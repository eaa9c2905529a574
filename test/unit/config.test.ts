import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/client/normalize-config.js';
import { parseRedisUrl } from '../../src/client/parse-url.js';
import { ConfigError } from '../../src/errors.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseRedisUrl', () => {
  it('reads host, port, db, credentials', () => {
    expect(parseRedisUrl('redis://alice:s%40cret@cache.local:6380/3')).toEqual({
      username: 'alice',
      password: 's@cret',
      host: 'cache.local',
      port: 6380,
      db: 3,
    });
  });

  it('defaults the port and reads rediss as TLS', () => {
    expect(parseRedisUrl('rediss://h')).toEqual({ tls: true, host: 'h', port: 6379 });
    expect(parseRedisUrl('valkey://h:1')).toEqual({ host: 'h', port: 1 });
  });

  it('reads IPv6 hosts', () => {
    expect(parseRedisUrl('redis://[::1]:7000')).toEqual({ host: '::1', port: 7000 });
  });

  it('reads cluster URLs with extra nodes', () => {
    expect(parseRedisUrl('redis-cluster://h1:7000?node=h2:7001&node=h3:7002')).toEqual({
      cluster: { hosts: ['h1:7000', 'h2:7001', 'h3:7002'] },
    });
  });

  it('reads sentinel URLs with the service name', () => {
    expect(parseRedisUrl('redis-sentinel://s1:26379?node=s2:26380&sentinelServiceName=mymaster')).toEqual({
      sentinel: { hosts: ['s1:26379', 's2:26380'], name: 'mymaster' },
    });
    expect(configError(() => parseRedisUrl('redis-sentinel://s1:26379')).field).toBe(
      'url ?sentinelServiceName',
    );
  });

  it('reads unix socket URLs', () => {
    expect(parseRedisUrl('unix:///run/redis.sock?db=2')).toEqual({ unix: '/run/redis.sock', db: 2 });
    expect(parseRedisUrl('redis+unix:///tmp/r.sock')).toEqual({ unix: '/tmp/r.sock' });
  });

  it('rejects bad input with the field named', () => {
    expect(configError(() => parseRedisUrl('not a url')).field).toBe('url');
    expect(configError(() => parseRedisUrl('http://h')).message).toMatch(/unsupported scheme "http:"/);
    expect(configError(() => parseRedisUrl('redis://h/abc')).field).toBe('url path (database index)');
    expect(configError(() => parseRedisUrl('redis://h?bogus=1')).field).toBe('url ?bogus');
    expect(configError(() => parseRedisUrl('redis://h?protocol=4')).field).toBe('url ?protocol');
    expect(configError(() => parseRedisUrl('redis://h?node=x:1')).field).toBe('url ?node');
  });

  it('never shows the password in errors', () => {
    const error = configError(() => parseRedisUrl('redis://u:topsecret@h/x'));
    expect(error.message).not.toContain('topsecret');
  });
});

describe('normalizeConfig', () => {
  it('uses REDIS_URL, else localhost', () => {
    expect(normalizeConfig(undefined, { REDIS_URL: 'redis://example:7001/1' })).toMatchObject({
      kind: 'standalone',
      host: 'example',
      port: 7001,
      db: 1,
    });
    expect(normalizeConfig(undefined, {})).toMatchObject({
      kind: 'standalone',
      host: '127.0.0.1',
      port: 6379,
    });
  });

  it('lets explicit fields override the url', () => {
    expect(normalizeConfig({ url: 'redis://h:1/2', db: 4, clientName: 'app' })).toMatchObject({
      kind: 'standalone',
      host: 'h',
      port: 1,
      db: 4,
      clientName: 'app',
    });
  });

  it('makes the topology explicit', () => {
    expect(normalizeConfig({ unix: '/s' })).toMatchObject({ kind: 'unix', path: '/s' });
    expect(normalizeConfig({ cluster: { hosts: ['a:1', { host: 'b', port: 2 }] } })).toMatchObject({
      kind: 'cluster',
      hosts: [
        { host: 'a', port: 1 },
        { host: 'b', port: 2 },
      ],
    });
    expect(normalizeConfig({ sentinel: { hosts: ['s'], name: 'm' } })).toMatchObject({
      kind: 'sentinel',
      hosts: [{ host: 's', port: 26379 }],
      name: 'm',
    });
  });

  it('names the field at fault', () => {
    expect(configError(() => normalizeConfig({ port: 70000 })).field).toBe('port');
    expect(configError(() => normalizeConfig({ host: 'h', db: -1 })).field).toBe('db');
    expect(configError(() => normalizeConfig({ commandTimeout: '5' as never })).field).toBe('commandTimeout');
    expect(configError(() => normalizeConfig({ cluster: { hosts: [] } })).field).toBe('cluster.hosts');
    expect(configError(() => normalizeConfig({ cluster: { hosts: ['h:99999'] } })).field).toBe('port');
    expect(configError(() => normalizeConfig({ cluster: { hosts: ['a'] }, db: 2 })).field).toBe('db');
    expect(configError(() => normalizeConfig({ sentinel: { hosts: ['a'], name: '' } })).field).toBe(
      'sentinel.name',
    );
    expect(configError(() => normalizeConfig({ unix: '/s', host: 'h' } as never)).message).toMatch(
      /exactly one/,
    );
    expect(configError(() => normalizeConfig({ reconnect: { kind: 'sometimes' } } as never)).field).toBe(
      'reconnect.kind',
    );
    expect(configError(() => normalizeConfig({ limits: { maxBulk: 1 } } as never)).field).toBe(
      'limits.maxBulk',
    );
    expect(configError(() => normalizeConfig(42 as never)).field).toBe('config');
  });

  it('suggests the option meant by a typo', () => {
    const error = configError(() => normalizeConfig({ pasword: 'x' } as never));
    expect(error.field).toBe('pasword');
    expect(error.message).toMatch(/Did you mean "password"/);
  });
});

describe('addresses option', () => {
  it('URL form: map pairs and discover host:ports', () => {
    expect(
      parseRedisUrl(
        'redis-cluster://localhost:30001?map=10.0.0.5:6379=localhost:30001,10.0.0.6=gw&discover=localhost:30001-30006',
      ),
    ).toEqual({
      addresses: {
        map: { '10.0.0.5:6379': 'localhost:30001', '10.0.0.6': 'gw' },
        discover: { host: 'localhost', ports: '30001-30006' },
      },
      cluster: { hosts: ['localhost:30001'] },
    });
    expect(configError(() => parseRedisUrl('redis://h?map=oops')).field).toBe('url ?map');
  });

  it('validated eagerly', () => {
    expect(
      configError(() => normalizeConfig({ addresses: { discover: { host: '', ports: '1' } } })).field,
    ).toBe('addresses.discover.host');
    expect(
      configError(() => normalizeConfig({ addresses: { discover: { host: 'h', ports: 'x' } } })).field,
    ).toBe('addresses.discover.ports');
    expect(configError(() => normalizeConfig({ addresses: { mapp: {} } } as never)).field).toBe(
      'addresses.mapp',
    );
    expect(normalizeConfig({ addresses: { map: { a: 'b' } } })).toMatchObject({
      addresses: { map: { a: 'b' } },
    });
  });
});

describe('cluster options', () => {
  const hosts = ['127.0.0.1:7000'];

  it('accepts every cluster option, readFrom as a mode or a function', () => {
    const pick = () => undefined;
    expect(
      normalizeConfig({
        cluster: {
          hosts,
          readFrom: 'preferReplica',
          maxRedirections: 4,
          refreshInterval: 0,
          preferHostname: true,
          splitMultiSlotWrites: true,
        },
      }),
    ).toMatchObject({
      kind: 'cluster',
      readFrom: 'preferReplica',
      maxRedirections: 4,
      refreshInterval: 0,
      preferHostname: true,
      splitMultiSlotWrites: true,
    });
    expect(normalizeConfig({ cluster: { hosts, readFrom: pick } })).toMatchObject({ readFrom: pick });
    expect(normalizeConfig({ cluster: { hosts } })).toMatchObject({ splitMultiSlotWrites: false });
  });

  it('rejects bad values naming the option', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ readFrom: 'replicas' }, 'cluster.readFrom'],
      [{ readFrom: 1 }, 'cluster.readFrom'],
      [{ maxRedirections: 0 }, 'cluster.maxRedirections'],
      [{ maxRedirections: 1.5 }, 'cluster.maxRedirections'],
      [{ refreshInterval: -1 }, 'cluster.refreshInterval'],
      [{ preferHostname: 'yes' }, 'cluster.preferHostname'],
      [{ splitMultiSlotWrites: 1 }, 'cluster.splitMultiSlotWrites'],
      [{ splitMultislotWrites: true }, 'cluster.splitMultislotWrites'],
    ];
    for (const [extra, field] of cases) {
      const error = configError(() => normalizeConfig({ cluster: { hosts, ...extra } } as never));
      expect(error.field, JSON.stringify(extra)).toBe(field);
    }
    expect(
      configError(() => normalizeConfig({ cluster: { hosts, readFrom: 'replicas' } } as never)).message,
    ).toMatch(/primary, replica, preferReplica or a function/);
    expect(configError(() => normalizeConfig({ cluster: ['a:1'] } as never)).field).toBe('cluster');
  });
});
