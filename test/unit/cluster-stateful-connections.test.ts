import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { ConnectionError, clientClosedError } from '../../src/errors.js';
import { ClusterError } from '../../src/topology/cluster/cluster-error.js';
import { ClusterStatefulConnections } from '../../src/topology/cluster/cluster-stateful-connections.js';
import type { ClusterNodeInfo, ClusterShardInfo } from '../../src/topology/cluster/cluster-view.js';
import { keySlot } from '../../src/topology/cluster/command-routing.js';
import { type NodeEntry, SlotMap } from '../../src/topology/cluster/slot-map.js';

function node(port: number): ClusterNodeInfo {
  return {
    id: `id${port}`,
    host: '127.0.0.1',
    port,
    hostname: undefined,
    role: 'primary',
    primaryId: undefined,
    healthy: true,
    flags: [],
  };
}

function map(...shards: Array<[number, Array<readonly [number, number]>]>): SlotMap {
  const infos: ClusterShardInfo[] = shards.map(([port, slots]) => ({
    primary: node(port),
    replicas: [],
    slots,
  }));
  return SlotMap.fromView({ source: 'cluster-shards', shards: infos, migrations: [] });
}

/** A connection stand-in: ready, with events, never touching a socket. */
class FakeConnection extends EventEmitter {
  readonly state = 'ready';
  constructor(readonly port: number) {
    super();
  }
}

function setup(initial: SlotMap) {
  const emitter = new EventEmitter();
  let current = initial;
  const connections = new Map<string, FakeConnection>();
  const reroutes: number[] = [];
  emitter.on('reroute', () => reroutes.push(Date.now()));
  const stateful = new ClusterStatefulConnections({
    emitter,
    maxRedirections: 16,
    connect: async () => undefined,
    slots: () => current,
    primaryConnection: (entry: NodeEntry) => {
      let connection = connections.get(entry.key);
      if (connection === undefined) {
        connection = new FakeConnection(entry.port);
        connections.set(entry.key, connection);
      }
      return connection as unknown as Connection;
    },
    refresh: async () => undefined,
    isClosed: () => false,
  });
  stateful.viewApplied(initial);
  return {
    stateful,
    reroutes,
    apply(next: SlotMap) {
      current = next;
      stateful.viewApplied(next);
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ClusterStatefulConnections', () => {
  it('hands out the connection of the slot owner; keyless requests stick to one primary', async () => {
    const { stateful } = setup(map([7001, [[0, 8191]]], [7002, [[8192, 16383]]]));
    const low = 'a'; // find keys on each side
    const owner = keySlot(low) <= 8191 ? 7001 : 7002;
    expect(((await stateful.sharedConnection(low)) as unknown as FakeConnection).port).toBe(owner);
    const first = await stateful.sharedConnection();
    for (let i = 0; i < 10; i++) expect(await stateful.sharedConnection()).toBe(first);
  });

  it('emits one reroute when slot owners change, none when a refresh changes nothing', async () => {
    const { reroutes, apply } = setup(map([7001, [[0, 8191]]], [7002, [[8192, 16383]]]));
    apply(map([7001, [[0, 8191]]], [7002, [[8192, 16383]]]));
    await tick();
    expect(reroutes.length).toBe(0);
    // One slot migrated, and in the same turn a failover of the other shard: one event.
    apply(
      map(
        [7001, [[0, 8190]]],
        [
          7002,
          [
            [8191, 8191],
            [8192, 16383],
          ],
        ],
      ),
    );
    apply(map([7003, [[0, 8190]]], [7002, [[8191, 16383]]]));
    await tick();
    expect(reroutes.length).toBe(1);
  });

  it('emits reroute when a connection it handed out closes for good', async () => {
    const { stateful, reroutes } = setup(map([7001, [[0, 16383]]]));
    const connection = (await stateful.sharedConnection('k')) as unknown as FakeConnection;
    connection.emit('end');
    await tick();
    expect(reroutes.length).toBe(1);
  });

  it('rejects keys of different slots before anything is sent', () => {
    const { stateful } = setup(map([7001, [[0, 16383]]]));
    expect(() => stateful.checkSameSlot(['{u1}.a', '{u1}.b'], 'The transaction')).not.toThrow();
    let error: unknown;
    try {
      stateful.checkSameSlot(['a', 'b'], 'The transaction');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
  });

  it('opens a connection like the shared one: same target and credentials, no READONLY, no push handler', () => {
    const { stateful } = setup(map([7001, [[0, 16383]]]));
    const shared = new Connection({
      host: '10.1.2.3',
      port: 7001,
      password: 'secret',
      readOnly: true,
      onPush: () => undefined,
      failFastUntilReady: true,
    });
    const like = stateful.openConnectionLike(shared);
    expect(like.options.host).toBe('10.1.2.3');
    expect(like.options.port).toBe(7001);
    expect(like.options.password).toBe('secret');
    expect(like.options.readOnly).toBe(false);
    expect(like.options.onPush).toBeUndefined();
    expect(like.options.failFastUntilReady).toBe(false);
  });

  describe('a shared connection retired by a refresh before it was ready', () => {
    /** Connecting until the test's refresh retires it: connect() then rejects as Connection.disconnect() makes it. */
    class RetiredWhileConnecting extends EventEmitter {
      state = 'connecting';
      constructor(
        readonly port: number,
        private readonly onConnect: () => void,
      ) {
        super();
      }
      connect(): Promise<void> {
        this.state = 'closed';
        this.onConnect();
        return Promise.reject(
          clientClosedError(
            `Connection to 127.0.0.1:${this.port}`,
            'disconnect() was called before the reply arrived',
          ),
        );
      }
    }

    function retiring(closed: () => boolean, failure?: Error) {
      const emitter = new EventEmitter();
      // A failover seen half-way: the refresh that retires 7001's connection gives the slots to 7002.
      let current = map([7001, [[0, 16383]]]);
      const handed: number[] = [];
      const stateful = new ClusterStatefulConnections({
        emitter,
        maxRedirections: 16,
        connect: async () => undefined,
        slots: () => current,
        primaryConnection: (entry: NodeEntry) => {
          handed.push(entry.port);
          if (entry.port === 7002) return new FakeConnection(7002) as unknown as Connection;
          const connection = new RetiredWhileConnecting(7001, () => {
            current = map([7002, [[0, 16383]]]);
          });
          if (failure !== undefined) connection.connect = () => Promise.reject(failure);
          return connection as unknown as Connection;
        },
        refresh: async () => undefined,
        isClosed: closed,
      });
      return { stateful, handed };
    }

    it("asks the slot map again and hands out the new owner's connection (nothing was sent on the old one)", async () => {
      const { stateful, handed } = retiring(() => false);
      const connection = (await stateful.sharedConnection('a')) as unknown as FakeConnection;
      expect(connection.port).toBe(7002);
      expect(handed).toEqual([7001, 7002]);
    });

    it('rejects with ERR_CLIENT_CLOSED when the client itself was closed', async () => {
      const { stateful, handed } = retiring(() => true);
      await expect(stateful.sharedConnection('a')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
      expect(handed).toEqual([7001]);
    });

    it('rejects with any other failure of the connection (a refused handshake is not a retirement)', async () => {
      const refused = new ConnectionError('ERR_CONNECTION_LOST', 'refused');
      const { stateful, handed } = retiring(() => false, refused);
      await expect(stateful.sharedConnection('a')).rejects.toBe(refused);
      expect(handed).toEqual([7001]);
    });
  });
});
