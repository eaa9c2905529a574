/**
 * client.duplicate(overrides?): a new client with the original's resolved configuration (topology, db,
 * credentials, defaults), its own connections, some shared options replaced and validated.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer({ users: ['user alice on >wonderland ~* &* +@all'] });
const client = useClients();

describe('client.duplicate()', () => {
  it('connects to the same server, database and user, on connections of its own', async () => {
    const original = client({
      port: lab.server.port,
      db: 3,
      username: 'alice',
      password: 'wonderland',
      clientName: 'original',
      commandTimeout: 1234,
    });
    await original.set('dup:k', 'in-db-3');
    const copy = original.duplicate();
    expect(copy).not.toBe(original);
    expect(copy.config).toEqual(original.config);
    expect(await copy.get('dup:k')).toBe('in-db-3');
    expect(await copy.call('ACL', 'WHOAMI')).toBe('alice');
    expect(await copy.call('CLIENT', 'GETNAME')).toBe('original');
    expect(await copy.call('CLIENT', 'ID')).not.toBe(await original.call('CLIENT', 'ID'));
    // Closing one leaves the other working.
    await copy.quit();
    expect(await original.get('dup:k')).toBe('in-db-3');
    await original.quit();
  });

  it('replaces the options given, keeps every other one', async () => {
    const original = client({ port: lab.server.port, db: 3, clientName: 'original', commandTimeout: 1234 });
    const copy = original.duplicate({ clientName: 'blocking', db: 5 });
    expect(copy.config.commandTimeout).toBe(1234);
    expect(copy.config.db).toBe(5);
    expect(await copy.call('CLIENT', 'GETNAME')).toBe('blocking');
    expect(await copy.get('dup:k')).toBeNull();
    expect(await original.get('dup:k')).toBe('in-db-3');
    expect(await original.call('CLIENT', 'GETNAME')).toBe('original');
    copy.disconnect();
  });

  it('works on a closed client (its configuration outlives its connections)', async () => {
    const original = client({ port: lab.server.port, db: 3 });
    await original.quit();
    const copy = original.duplicate();
    expect(await copy.get('dup:k')).toBe('in-db-3');
    copy.disconnect();
  });

  it('rejects a topology option or an invalid value with a ConfigError naming it', () => {
    const original = client({ port: lab.server.port });
    expect(() => original.duplicate({ port: 1 } as never)).toThrow(ConfigError);
    expect(() => original.duplicate({ port: 1 } as never)).toThrow(/port.*keeps the original topology/);
    expect(() => original.duplicate({ db: -1 })).toThrow(/db/);
    expect(() => original.duplicate({ clientName: 'has space' })).toThrow(/clientName/);
  });
});
