/**
 * A refresh never adopts a view older than a MOVED just taught: a refreshed view that still gives the slot
 * to the node that answered MOVED keeps the taught owner; any other view is adopted and the memory ends.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterNodeInfo, ClusterShardInfo } from '../../src/topology/cluster/cluster-view.js';
import { MovedMemory } from '../../src/topology/cluster/moved-memory.js';
import { SlotMap } from '../../src/topology/cluster/slot-map.js';

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

describe('MovedMemory', () => {
  it('keeps the owner a MOVED taught against a view that gives the slot back to the sender', () => {
    const current = map([7000, [[0, 99]]], [7001, [[100, 199]]]);
    current.moveSlot(5, '127.0.0.1', 7001); // MOVED 5 127.0.0.1:7001, answered by 7000
    const memory = new MovedMemory();
    memory.learn(5, '127.0.0.1:7000');
    const stale = map([7000, [[0, 99]]], [7001, [[100, 199]]]);
    expect(memory.correct(stale, current)).toBe(1);
    expect(stale.shardOf(5)?.primary.key).toBe('127.0.0.1:7001');
    expect(stale.shardOf(6)?.primary.key).toBe('127.0.0.1:7000');
  });

  it('adopts a view that agrees or names another owner, and forgets the slot', () => {
    const current = map([7000, [[0, 99]]], [7001, [[100, 199]]]);
    current.moveSlot(5, '127.0.0.1', 7001);
    const memory = new MovedMemory();
    memory.learn(5, '127.0.0.1:7000');
    const fresh = map(
      [
        7000,
        [
          [0, 4],
          [6, 99],
        ],
      ],
      [
        7001,
        [
          [5, 5],
          [100, 199],
        ],
      ],
    );
    expect(memory.correct(fresh, current)).toBe(0);
    // Forgotten: a later view giving slot 5 to 7000 (moved back) is adopted.
    const back = map([7000, [[0, 99]]], [7001, [[100, 199]]]);
    expect(memory.correct(back, fresh)).toBe(0);
    expect(back.shardOf(5)?.primary.key).toBe('127.0.0.1:7000');
  });
});
