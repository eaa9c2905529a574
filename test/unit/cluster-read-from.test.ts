import { describe, expect, test } from 'vitest';
import { ReadFromChooser, type ReadFromNode } from '../../src/topology/cluster/read-from.js';
import { nodeEntry, type Shard } from '../../src/topology/cluster/slot-map.js';

const shard: Shard = {
  primary: nodeEntry({ host: '10.0.0.1', port: 6379, id: 'p' }),
  replicas: [
    nodeEntry({ host: '10.0.0.2', port: 6379, id: 'r1', healthy: false }),
    nodeEntry({ host: '10.0.0.3', port: 6379, id: 'r2' }),
  ],
};

describe('ReadFromChooser', () => {
  test('offers primary first then replicas with their health, and maps the choice to its index', () => {
    let offered: readonly ReadFromNode[] = [];
    const chooser = new ReadFromChooser((nodes) => {
      offered = nodes;
      return nodes.find((node) => node.role === 'replica' && node.healthy);
    });
    expect(chooser.pick(shard, 42, 'GET')).toBe(2);
    expect(offered.map((node) => [node.role, node.address, node.healthy])).toEqual([
      ['primary', '10.0.0.1:6379', true],
      ['replica', '10.0.0.2:6379', false],
      ['replica', '10.0.0.3:6379', true],
    ]);
    expect(Object.isFrozen(offered)).toBe(true);
  });

  test('undefined or a node not offered means the primary; a copy is matched by address', () => {
    expect(new ReadFromChooser(() => undefined).pick(shard, 1, 'GET')).toBe(0);
    const stranger = {
      address: '9.9.9.9:1',
      host: '9.9.9.9',
      port: 1,
      id: 'x',
      role: 'replica',
      healthy: true,
    };
    expect(new ReadFromChooser(() => stranger as ReadFromNode).pick(shard, 1, 'GET')).toBe(0);
    expect(new ReadFromChooser((nodes) => ({ ...nodes[1] })).pick(shard, 1, 'GET')).toBe(1);
  });

  test('passes the slot and command, and builds the candidates once per shard', () => {
    const contexts: unknown[] = [];
    const lists = new Set<readonly ReadFromNode[]>();
    const chooser = new ReadFromChooser((nodes, context) => {
      contexts.push(context);
      lists.add(nodes);
      return undefined;
    });
    chooser.pick(shard, 7, 'GET');
    chooser.pick(shard, 8, 'HGETALL');
    expect(contexts).toEqual([
      { slot: 7, command: 'GET' },
      { slot: 8, command: 'HGETALL' },
    ]);
    expect(lists.size).toBe(1);
  });

  test("a node's health is asked when the function reads it: a loading replica that said it is in sync is healthy", () => {
    const loading = nodeEntry({ host: '10.0.0.4', port: 6379, id: 'r3', healthy: false, loading: true });
    const synced = new Set<string>();
    const chooser = new ReadFromChooser(
      (nodes) => nodes.find((node) => node.role === 'replica' && node.healthy),
      (node) => node.healthy || (node.loading === true && synced.has(node.key)),
    );
    const fresh: Shard = { primary: shard.primary, replicas: [loading] };
    expect(chooser.pick(fresh, 1, 'GET')).toBe(0);
    synced.add(loading.key);
    // The same (cached, frozen) candidate list, now healthy: no refresh of the view needed.
    expect(chooser.pick(fresh, 1, 'GET')).toBe(1);
  });
});
