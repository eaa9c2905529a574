/**
 * Configuration is resolved once: normalizeConfig returns every option with its default filled in (from
 * src/defaults.ts), frozen, and the layers below receive that; `client.config` shows it without secrets.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.js';
import { connectionOptionsFrom } from '../../src/client/create-topology.js';
import { normalizeConfig } from '../../src/client/normalize-config.js';
import { resolveConnectionOptions } from '../../src/connection/options.js';

describe('resolved configuration', () => {
  it('fills every shared option with its default', () => {
    expect(normalizeConfig('redis://h:1')).toEqual({
      kind: 'standalone',
      host: 'h',
      port: 1,
      username: undefined,
      password: undefined,
      db: 0,
      clientName: undefined,
      protocol: 3,
      tls: undefined,
      connectTimeout: 10_000,
      commandTimeout: 10_000,
      reconnect: { kind: 'exponential', base: 50, maxDelay: 2000, jitter: 0.2 },
      retryOnReconnect: 'readonly',
      maxRetriesPerCommand: 1,
      maxOfflineQueue: 10_000,
      maxPending: 100_000,
      pendingOverflow: 'reject',
      limits: { maxBulkLength: 512 * 1024 * 1024, maxAggregateLength: 2 ** 32 - 1, maxDepth: 128 },
      addresses: undefined,
      maxBlockingConnections: 4,
      clientCache: false,
      keepAlive: 30_000,
      healthCheck: { interval: 10_000, timeout: 5_000 },
      credentials: undefined,
      keyPrefix: undefined,
      prefixChannels: false,
    });
  });

  it('fills cluster, sentinel and client-cache defaults, keeping what was given', () => {
    expect(normalizeConfig({ cluster: { hosts: ['a'] }, clientCache: true })).toMatchObject({
      hosts: [{ host: 'a', port: 6379 }],
      readFrom: 'primary',
      maxRedirections: 16,
      refreshInterval: 10_000,
      preferHostname: false,
      splitMultiSlotWrites: false,
      clientCache: { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 },
    });
    expect(normalizeConfig({ clientCache: { maxEntries: 5 }, healthCheck: { timeout: 7 } })).toMatchObject({
      clientCache: { maxEntries: 5, maxBytes: 64 * 1024 * 1024 },
      healthCheck: { interval: 10_000, timeout: 7 },
    });
    expect(normalizeConfig({ sentinel: { hosts: ['s'], name: 'm' } })).toMatchObject({
      readFrom: 'primary',
      sentinelConnectTimeout: 2_000,
      connectTimeout: 10_000,
    });
    // A connectTimeout the user gives applies to the sentinels too (as before the config was resolved).
    expect(normalizeConfig({ sentinel: { hosts: ['s'], name: 'm' }, connectTimeout: 7_000 })).toMatchObject({
      sentinelConnectTimeout: 7_000,
    });
  });

  it('is frozen, nested objects included, without freezing what the caller passed', () => {
    const tls = { servername: 'x' };
    const config = normalizeConfig({ cluster: { hosts: ['a:1'], readFrom: { zone: 'z' } }, tls, limits: {} });
    expect(Object.isFrozen(config)).toBe(true);
    if (config.kind !== 'cluster') throw new Error('expected a cluster config');
    for (const nested of [config.hosts, config.hosts[0], config.limits, config.reconnect, config.readFrom]) {
      expect(Object.isFrozen(nested)).toBe(true);
    }
    expect(Object.isFrozen(config.tls)).toBe(true);
    expect(Object.isFrozen(tls)).toBe(false);
    expect(config.tls).toEqual(tls);
    expect(() => {
      (config as { commandTimeout: number }).commandTimeout = 1;
    }).toThrow(TypeError);
  });

  it('hands the connection layer every value, so it fills no default of its own', () => {
    const config = normalizeConfig({ commandTimeout: 0, maxOfflineQueue: 3, keepAlive: 0 });
    const options = connectionOptionsFrom(config);
    const resolved = resolveConnectionOptions(options);
    expect(options).toMatchObject({
      commandTimeout: 0,
      maxOfflineQueue: 3,
      keepAlive: 0,
      connectTimeout: 10_000,
    });
    expect(resolved).toMatchObject({
      commandTimeout: 0,
      maxOfflineQueue: 3,
      keepAlive: 0,
      db: 0,
      protocol: 3,
    });
    // Unset options stay absent: a spread of these options never overwrites a value with undefined.
    expect(Object.keys(options)).not.toContain('password');
  });

  it('client.config hides passwords, credentials providers and TLS private keys', () => {
    const provider = async () => ({ password: 'rotating' });
    const client = createClient({
      sentinel: { hosts: ['s'], name: 'm', password: 'sentinel-secret', tls: { key: 'PRIVATE', ca: 'CA' } },
      password: 'data-secret',
      credentials: provider,
      tls: { key: Buffer.from('PRIVATE'), passphrase: 'pass', cert: 'CERT' },
    });
    const shown = client.config;
    expect(JSON.stringify(shown)).not.toMatch(/secret|PRIVATE|"pass"/);
    expect(shown).toMatchObject({
      password: '[redacted]',
      credentials: true,
      tls: { key: '[redacted]', passphrase: '[redacted]', cert: 'CERT' },
      sentinelPassword: '[redacted]',
      sentinelTls: { key: '[redacted]', ca: 'CA' },
      commandTimeout: 10_000,
    });
    expect(Object.isFrozen(shown)).toBe(true);
    expect(createClient('redis://h').config.password).toBeUndefined();
    client.disconnect();
  });
});
