/**
 * What the handshake replies say about the server (HELLO's map, INFO server's text) and what the typed
 * command gate concludes from flavor, version and mode. The real servers' replies are checked in
 * test/integration/server-commands.test.ts; these are the rules, including servers newer than we test.
 */
import { describe, expect, it } from 'vitest';
import {
  availabilityOf,
  describeAvailability,
  missingRequirement,
} from '../../src/commands/server-version.js';
import { serverInfoFromHello, serverInfoFromInfo, withInfo } from '../../src/connection/server-info.js';

describe('server info from the handshake', () => {
  it('reads flavor, version and mode from HELLO (RESP3 map or RESP2 list)', () => {
    const valkey = new Map<string, unknown>([
      ['server', 'valkey'],
      ['version', '8.0.1'],
      ['proto', 3],
      ['mode', 'cluster'],
    ]);
    expect(serverInfoFromHello(valkey as never)).toEqual({
      flavor: 'valkey',
      version: '8.0.1',
      mode: 'cluster',
    });
    expect(serverInfoFromHello(['server', 'redis', 'version', '7.4.1', 'mode', 'sentinel'])).toEqual({
      flavor: 'redis',
      version: '7.4.1',
      mode: 'sentinel',
    });
    expect(serverInfoFromHello(new Map() as never)).toBeUndefined();
  });

  it('reads INFO server: Redis says redis_mode; Valkey says server_name, valkey_version and server_mode', () => {
    const redis = '# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux\r\n';
    expect(serverInfoFromInfo(redis)).toEqual({ flavor: 'redis', version: '7.0.15', mode: 'standalone' });
    const valkey =
      '# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\nserver_mode:cluster\r\n';
    const info = serverInfoFromInfo(valkey);
    expect(info).toEqual({
      flavor: 'valkey',
      version: '8.0.1',
      redisCompatibleVersion: '7.2.4',
      mode: 'cluster',
    });
    const hello = serverInfoFromHello(['server', 'valkey', 'version', '8.0.1', 'mode', 'cluster']);
    expect(withInfo(hello as never, valkey)).toEqual(info);
    expect(serverInfoFromInfo('# Server\r\nos:Linux\r\n')).toBeUndefined();
  });
});

describe('the typed-command gate', () => {
  const hexpire = availabilityOf('7.4.0');
  const waitaof = availabilityOf('7.2.0');
  const capa = { redis: null, valkey: '8.0.0' } as const;
  const sentinelPrimary = { redis: null, valkey: '8.0.0', sentinel: true } as const;

  it('refuses by version within a flavor, and by flavor', () => {
    expect(missingRequirement(waitaof, 'redis', '7.0.15')).toBe('Redis >= 7.2.0 or Valkey');
    expect(missingRequirement(waitaof, 'redis', '7.2.6')).toBeUndefined();
    expect(missingRequirement(waitaof, 'valkey', '8.0.1')).toBeUndefined();
    expect(missingRequirement(hexpire, 'valkey', '8.0.1')).toBe('Redis >= 7.4.0');
    expect(missingRequirement(hexpire, 'redis', '7.4.1')).toBeUndefined();
    expect(missingRequirement(capa, 'redis', '7.4.1')).toBe('Valkey >= 8.0.0');
    expect(missingRequirement(capa, 'valkey', '8.0.1')).toBeUndefined();
  });

  it('lets a server newer than the table knows decide for itself', () => {
    expect(missingRequirement(hexpire, 'valkey', '9.0.0')).toBeUndefined();
    expect(missingRequirement(capa, 'redis', '8.2.0')).toBeUndefined();
    expect(missingRequirement(capa, 'redis', '7.4.99')).toBe('Valkey >= 8.0.0');
  });

  it('refuses SENTINEL subcommands on a server not in sentinel mode', () => {
    expect(missingRequirement(sentinelPrimary, 'valkey', '8.0.1', 'sentinel')).toBeUndefined();
    expect(missingRequirement(sentinelPrimary, 'valkey', '8.0.1', 'standalone')).toBe(
      'a Sentinel (Valkey >= 8.0.0)',
    );
    expect(describeAvailability(availabilityOf('1.0.0'))).toBe('Redis >= 1.0.0 or Valkey');
  });
});
