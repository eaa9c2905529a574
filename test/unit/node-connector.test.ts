/**
 * The one node-connection factory: the mapping's TLS servername reaches every connection it opens,
 * and one set of failure codes decides what is explained as an unreachable node.
 */
import { describe, expect, it } from 'vitest';
import {
  explainConnectFailure,
  isReachFailure,
  type MappedAddress,
  NodeConnector,
  nodeConnectionOptions,
  UnreachableNodeError,
} from '../../src/address/index.js';
import { CommandTimeoutError, ConnectionError, TimeoutError } from '../../src/errors.js';

const mapped: MappedAddress = { host: '127.0.0.1', port: 7001, servername: 'node-1.example' };

describe('nodeConnectionOptions', () => {
  it('TLS on: the mapping servername is presented, the other TLS options kept', () => {
    const ca = Buffer.from('ca');
    const options = nodeConnectionOptions({ tls: { ca }, password: 'pw' }, mapped);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 7001, password: 'pw' });
    expect(options.tls).toEqual({ ca, servername: 'node-1.example' });
  });

  it('tls: true becomes an object with the servername; TLS off stays off', () => {
    expect(nodeConnectionOptions({ tls: true }, mapped).tls).toEqual({ servername: 'node-1.example' });
    expect(nodeConnectionOptions({}, mapped).tls).toBeUndefined();
  });

  it('no servername from the mapping: the configured TLS options as they are', () => {
    const tls = { servername: 'configured.example' };
    expect(nodeConnectionOptions({ tls }, { host: 'h', port: 1 }).tls).toBe(tls);
  });

  it('extra options apply over the base; host and port always come from the target', () => {
    const options = nodeConnectionOptions({ reconnect: { kind: 'constant', delay: 5 }, host: 'x' }, mapped, {
      reconnect: false,
    });
    expect(options.reconnect).toBe(false);
    expect(options.host).toBe('127.0.0.1');
  });

  it('a connector for another kind of node keeps the mapper, and its connections carry the servername', async () => {
    const mapper = { resolve: async () => mapped };
    const sentinels = new NodeConnector({ tls: true }, mapper).with({ tls: true, username: 'sentinel' });
    expect(sentinels.mapper).toBe(mapper);
    const { connection, target } = await sentinels.openAnnounced(
      { host: 'node-1.example', port: 7001 },
      { source: 'sentinel-sentinels' },
    );
    expect(target).toBe(mapped);
    expect(connection.address).toBe('127.0.0.1:7001');
    expect(sentinels.options(target).tls).toEqual({ servername: 'node-1.example' });
    connection.disconnect();
  });
});

describe('reach failures', () => {
  it('socket-level failures before a handshake are reach failures; TLS, auth and command timeouts are not', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ERR_CONNECTION_CLOSED']) {
      expect(isReachFailure(new ConnectionError(code, code))).toBe(true);
    }
    expect(isReachFailure(new TimeoutError('connect timed out'))).toBe(true);
    expect(isReachFailure(new ConnectionError('ERR_TLS_CERT_ALTNAME_INVALID', 'bad name'))).toBe(false);
    expect(isReachFailure(new ConnectionError('WRONGPASS', 'bad password'))).toBe(false);
    const commandTimeout = new CommandTimeoutError('slow', {
      command: 'GET',
      phase: 'awaiting reply',
      repliesAhead: 0,
      eventLoopBlockedMs: 0,
      timeoutMs: 10,
    });
    expect(isReachFailure(commandTimeout)).toBe(false);
  });

  it('explainConnectFailure: an unreachable node is explained, any other error passes as it is', () => {
    const node = {
      announced: { host: '10.0.0.5', port: 6379 },
      target: { host: '10.0.0.5', port: 6379 },
      source: 'cluster-shards' as const,
      announcedBy: '127.0.0.1:7000',
    };
    const refused = new ConnectionError('ECONNREFUSED', 'refused', '10.0.0.5:6379', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const explained = explainConnectFailure(refused, node);
    expect(explained).toBeInstanceOf(UnreachableNodeError);
    expect(explained.message).toContain('announced it as 10.0.0.5:6379 in CLUSTER SHARDS');
    expect((explained as UnreachableNodeError).node.cause).toBe(refused.cause);
    const tls = new ConnectionError('ERR_TLS_CERT_ALTNAME_INVALID', 'bad name');
    expect(explainConnectFailure(tls, node)).toBe(tls);
  });
});
