import { describe, expect, it } from 'vitest';
import { connectionOptionsFrom } from '../../src/client/create-topology.js';
import { normalizeConfig } from '../../src/client/normalize-config.js';
import { resolveConnectionOptions } from '../../src/connection/options.js';

describe('healthCheck, keepAlive and credentials options', () => {
  it('default to a 10 s idle PING with a 5 s timeout and 30 s keep-alive', () => {
    const resolved = resolveConnectionOptions({});
    expect(resolved.healthCheck).toEqual({ interval: 10_000, timeout: 5_000 });
    expect(resolved.keepAlive).toBe(30_000);
    expect(resolveConnectionOptions({ healthCheck: false }).healthCheck.interval).toBe(0);
  });

  it('reach every connection of the topology', () => {
    const provider = async () => ({ password: 'p' });
    const config = normalizeConfig({
      cluster: { hosts: ['127.0.0.1:7000'] },
      healthCheck: { interval: 1000 },
      keepAlive: 0,
      credentials: provider,
    });
    const options = connectionOptionsFrom(config);
    expect(options.healthCheck).toEqual({ interval: 1000, timeout: 5000 });
    expect(options.keepAlive).toBe(0);
    expect(options.credentials).toBe(provider);
  });

  it('are validated with the option named', () => {
    expect(() => normalizeConfig({ healthCheck: { interval: -1 } })).toThrow(/healthCheck.interval/);
    expect(() => normalizeConfig({ healthCheck: { every: 1 } } as never)).toThrow(/healthCheck.every/);
    expect(() => normalizeConfig({ healthCheck: { timeout: 0 } })).toThrow(/healthCheck.timeout/);
    expect(() => normalizeConfig({ credentials: 'secret' } as never)).toThrow(/"credentials"/);
    expect(() =>
      normalizeConfig({ sentinel: { hosts: ['h:1'], name: 'm', credentials: 1 } } as never),
    ).toThrow(/sentinel.credentials/);
  });
});
