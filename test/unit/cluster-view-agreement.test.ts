import { describe, expect, test } from 'vitest';
import type { ClusterNodeInfo, ClusterView } from '../../src/topology/cluster/cluster-view.js';
import { chooseView, ownershipKey, type ViewAnswer } from '../../src/topology/cluster/view-agreement.js';

function node(id: string, port: number, extra: Partial<ClusterNodeInfo> = {}): ClusterNodeInfo {
  return {
    id,
    host: '127.0.0.1',
    port,
    hostname: undefined,
    role: 'primary',
    primaryId: undefined,
    healthy: true,
    flags: [],
    ...extra,
  };
}

/** Three shards; `owner` is the primary of the first shard (A before a failover, A' after). */
function view(owner: ClusterNodeInfo, options: { replicas?: number; split?: boolean } = {}): ClusterView {
  const replicas = Array.from({ length: options.replicas ?? 1 }, (_, i) =>
    node(`r${i}`, 7100 + i, { role: 'replica' }),
  );
  const first: Array<readonly [number, number]> = options.split
    ? [
        [2000, 5460],
        [0, 1999],
      ]
    : [[0, 5460]];
  return {
    source: 'cluster-nodes',
    migrations: [],
    shards: [
      { primary: owner, replicas, slots: first },
      { primary: node('b', 7002), replicas: [], slots: [[5461, 10922]] },
      { primary: node('c', 7003), replicas: [], slots: [[10923, 16383]] },
    ],
  };
}

const answer = (from: string, v: ClusterView): ViewAnswer => ({ from, view: v });
const before = node('a', 7001, { configEpoch: 1 });
const after = node('a2', 7004, { configEpoch: 7 });

describe('ownershipKey', () => {
  test('ignores replicas and how ranges are split; differs when an owner changes', () => {
    expect(ownershipKey(view(before, { replicas: 0 }))).toBe(ownershipKey(view(before, { replicas: 2 })));
    expect(ownershipKey(view(before, { split: true }))).toBe(ownershipKey(view(before)));
    expect(ownershipKey(view(before))).not.toBe(ownershipKey(view(after)));
  });
});

describe('chooseView', () => {
  test('all agree: the first answer, one ownership', () => {
    const choice = chooseView([answer('x', view(before)), answer('y', view(before, { replicas: 0 }))]);
    expect(choice).toMatchObject({ votes: 2, distinct: 1 });
    expect(choice.chosen.from).toBe('x');
  });

  test('the view most nodes hold wins over an earlier lone one, even with a higher epoch', () => {
    const choice = chooseView([
      answer('stale', view(after)),
      answer('y', view(before)),
      answer('z', view(before)),
    ]);
    expect(choice.chosen.from).toBe('y');
    expect(choice).toMatchObject({ votes: 2, distinct: 2 });
  });

  test('a tie goes to the highest config epoch among the slot owners (the promoted node)', () => {
    for (const order of [
      [answer('old', view(before)), answer('new', view(after))],
      [answer('new', view(after)), answer('old', view(before))],
    ]) {
      expect(chooseView(order).chosen.from).toBe('new');
    }
  });

  test('without epochs (CLUSTER SHARDS/SLOTS), a tie goes to the view whose owners are not failing', () => {
    const failing = node('a', 7001, { healthy: false });
    const promoted = node('a2', 7004);
    expect(chooseView([answer('old', view(failing)), answer('new', view(promoted))]).chosen.from).toBe('new');
  });

  test('then to the view covering more slots, then to the earliest answer', () => {
    const partial = view(node('a2', 7004));
    partial.shards[0] = { ...partial.shards[0], slots: [[0, 100]] };
    expect(chooseView([answer('partial', partial), answer('full', view(before))]).chosen.from).toBe('full');
    const other = node('a3', 7005);
    expect(chooseView([answer('one', view(other)), answer('two', view(node('a2', 7004)))]).chosen.from).toBe(
      'one',
    );
  });

  test('an empty list is a programming error', () => {
    expect(() => chooseView([])).toThrow();
  });
});

test('CLUSTER NODES lines carry the config epoch used as a tie-break', async () => {
  const { parseClusterNodesLine } = await import('../../src/topology/cluster/index.js');
  const line = parseClusterNodesLine(
    'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:7001@17001 master - 0 1426238316232 7 connected 0-5460',
    { answeredBy: { host: '127.0.0.1', port: 7001 } },
  );
  expect(line?.node?.configEpoch).toBe(7);
});
