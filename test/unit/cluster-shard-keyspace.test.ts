import { describe, expect, test } from 'vitest';
import { ConnectionError } from '../../src/errors.js';
import { ReplyError, type RespValue } from '../../src/resp/index.js';
import type { ClusterView } from '../../src/topology/cluster/cluster-view.js';
import { ShardKeyspace, type ShardKeyspaceHost } from '../../src/topology/cluster/shard-keyspace.js';
import { type NodeEntry, SlotMap } from '../../src/topology/cluster/slot-map.js';

function node(id: string, port: number, role: 'primary' | 'replica') {
  return {
    id,
    host: '127.0.0.1',
    port,
    hostname: undefined,
    role,
    primaryId: undefined,
    healthy: true,
    flags: [],
  };
}

/** Shard A (slots 0-8191) with primary a1 and replica a2; shard B (8192-16383) b1/b2. */
function view(aPrimary: 'a1' | 'a2'): ClusterView {
  const a =
    aPrimary === 'a1'
      ? [node('a1', 7001, 'primary'), node('a2', 7002, 'replica')]
      : [node('a2', 7002, 'primary'), node('a1', 7001, 'replica')];
  return {
    source: 'cluster-shards',
    migrations: [],
    shards: [
      { primary: a[0], replicas: [a[1]], slots: [[0, 8191]] },
      {
        primary: node('b1', 7003, 'primary'),
        replicas: [node('b2', 7004, 'replica')],
        slots: [[8192, 16383]],
      },
    ],
  };
}

function fakeHost(answer: (node: NodeEntry) => RespValue | Error) {
  const sent: string[] = [];
  let refreshes = 0;
  const host: ShardKeyspaceHost & { map: SlotMap; onRefresh?: () => void } = {
    map: SlotMap.fromView(view('a1')),
    slotMap: () => host.map,
    sendToNodeOnce: async (target) => {
      sent.push(target.key);
      const reply = answer(target);
      if (reply instanceof Error) throw reply;
      return reply;
    },
    refresh: async () => {
      refreshes++;
      host.onRefresh?.();
    },
    maxAttempts: 4,
    closed: false,
  };
  return { host, sent, refreshes: () => refreshes };
}

describe('ShardKeyspace', () => {
  test('follows its shard to the promoted replica by node id', async () => {
    const { host, sent } = fakeHost(() => 'ok');
    const part = new ShardKeyspace(host, host.map.shards[0], 0);
    expect(await part.send(['SCAN', '0'])).toEqual({ node: '127.0.0.1:7001', reply: 'ok' });
    host.map = SlotMap.fromView(view('a2'));
    expect((await part.send(['SCAN', '0'])).node).toBe('127.0.0.1:7002');
    expect(sent).toEqual(['127.0.0.1:7001', '127.0.0.1:7002']);
  });

  test('retries transient failures after a refresh, then gives up with a typed error naming the nodes', async () => {
    let down = true;
    const { host, sent, refreshes } = fakeHost((target) =>
      down && target.port === 7001 ? new ConnectionError('ERR_CONNECTION_CLOSED', 'gone', target.key) : 'ok',
    );
    host.onRefresh = () => {
      if (sent.length === 2) host.map = SlotMap.fromView(view('a2'));
    };
    const part = new ShardKeyspace(host, host.map.shards[0], 0);
    expect((await part.send(['SCAN', '0'])).node).toBe('127.0.0.1:7002');
    expect(refreshes()).toBe(2);

    const stuck = fakeHost(() => new ReplyError('CLUSTERDOWN The cluster is down'));
    const error = await new ShardKeyspace(stuck.host, stuck.host.map.shards[1], 8192)
      .send(['SCAN', '0'])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'ERR_CLUSTER_MAX_REDIRECTIONS',
      chain: Array(4).fill('127.0.0.1:7003'),
    });
    down = false;
  });

  test('a final reply error (not a cluster transient) is thrown at once', async () => {
    const { host, sent } = fakeHost(() => new ReplyError('ERR syntax error'));
    await expect(new ShardKeyspace(host, host.map.shards[0], 0).send(['SCAN', 'x'])).rejects.toBeInstanceOf(
      ReplyError,
    );
    expect(sent).toHaveLength(1);
  });
});
