import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/client/normalize-config.js';

describe('sentinel config', () => {
  it('keeps sentinel credentials, TLS and readFrom apart from the data nodes', () => {
    const config = normalizeConfig({
      password: 'data',
      sentinel: {
        hosts: ['s1:26379', 's2'],
        name: 'mymaster',
        password: 'sentinel',
        readFrom: 'preferReplica',
      },
    });
    expect(config).toMatchObject({
      kind: 'sentinel',
      password: 'data',
      sentinelPassword: 'sentinel',
      readFrom: 'preferReplica',
      hosts: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
    });
  });

  it('rejects a bad readFrom, unknown sentinel options and a bad sentinel.tls, naming the field', () => {
    const base = { hosts: ['s1'], name: 'm' };
    expect(() => normalizeConfig({ sentinel: { ...base, readFrom: 'slave' as 'replica' } })).toThrow(
      expect.objectContaining({ field: 'sentinel.readFrom' }),
    );
    expect(() => normalizeConfig({ sentinel: { ...base, nodes: [] } as never })).toThrow(
      expect.objectContaining({ field: 'sentinel.nodes' }),
    );
    expect(() => normalizeConfig({ sentinel: { ...base, tls: 'yes' as never } })).toThrow(
      expect.objectContaining({ field: 'sentinel.tls' }),
    );
  });
});
