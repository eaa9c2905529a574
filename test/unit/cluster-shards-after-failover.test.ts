/**
 * Regression (issue 11): after kill -9 of a primary, Redis 7.2/7.4 list the failed old primary and
 * the promoted replica in ONE shard, both with role master, and take the shard's slot list from the
 * first node listed — the failed one, which owns nothing any more — so the shard reads `slots []`.
 * CLUSTER SLOTS from the same node still names the promoted node. The client must not conclude that
 * the range has no owner.
 */
import { describe, expect, test } from 'vitest';
import { parseClusterShards, parseClusterSlots, SlotMap } from '../../src/topology/cluster/index.js';
import {
  coveredSlotCount,
  needsSlotsCrossCheck,
  preferCoveringView,
} from '../../src/topology/cluster/shards-cross-check.js';

const answeredBy = { host: '127.0.0.1', port: 7000 };
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const OLD = 'e'.repeat(40);
const PROMOTED = 'f'.repeat(40);
const RB = '1'.repeat(40);
const RC = '2'.repeat(40);

/** One node of a RESP2 CLUSTER SHARDS reply, in the field order Redis 7.2 writes. */
function node(
  id: string,
  port: number,
  role: 'master' | 'replica',
  health: string,
  offset: number,
): unknown[] {
  return [
    'id',
    id,
    'port',
    port,
    'ip',
    '127.0.0.1',
    'endpoint',
    '127.0.0.1',
    'role',
    role,
    'replication-offset',
    offset,
    'health',
    health,
  ];
}

// The shape seen from a surviving node of the lab cluster on Redis 7.2.6 right after the promotion:
// `slots [] · old-primary master fail · promoted master online`, the other shards intact.
const SHARDS_AFTER_KILL = [
  [
    'slots',
    [],
    'nodes',
    [node(OLD, 7000, 'master', 'fail', 1200), node(PROMOTED, 7003, 'master', 'online', 1300)],
  ],
  [
    'slots',
    [5461, 10922],
    'nodes',
    [node(B, 7001, 'master', 'online', 1300), node(RB, 7004, 'replica', 'online', 1300)],
  ],
  [
    'slots',
    [10923, 16383],
    'nodes',
    [node(C, 7002, 'master', 'online', 1300), node(RC, 7005, 'replica', 'online', 1300)],
  ],
];

// CLUSTER SLOTS from the same node at the same moment: built from the slot table, it has the owner.
const SLOTS_AFTER_KILL = [
  [0, 5460, ['127.0.0.1', 7003, PROMOTED, []]],
  [5461, 10922, ['127.0.0.1', 7001, B, []], ['127.0.0.1', 7004, RB, []]],
  [10923, 16383, ['127.0.0.1', 7002, C, []], ['127.0.0.1', 7005, RC, []]],
];

describe('CLUSTER SHARDS after kill -9 of a primary (Redis 7.2 / 7.4 shape)', () => {
  test('two masters in one shard: the healthy one is the primary, the failed one never a route', () => {
    const view = parseClusterShards(SHARDS_AFTER_KILL as never, { answeredBy });
    const shard = view.shards.find((s) => s.primary.id === PROMOTED);
    expect(shard).toBeDefined();
    expect(shard?.replicas).toEqual([expect.objectContaining({ id: OLD, role: 'replica', healthy: false })]);
    expect(view.shards.some((s) => s.primary.id === OLD)).toBe(false);
  });

  test('the SHARDS view alone leaves a third of the keyspace uncovered: it is cross-checked', () => {
    const view = parseClusterShards(SHARDS_AFTER_KILL as never, { answeredBy });
    expect(coveredSlotCount(view)).toBe(16384 - 5461);
    expect(needsSlotsCrossCheck(view)).toBe(true);
  });

  test('CLUSTER SLOTS names the promoted node for 0-5460: that view wins, every slot has an owner', () => {
    const shards = parseClusterShards(SHARDS_AFTER_KILL as never, { answeredBy });
    const slots = parseClusterSlots(SLOTS_AFTER_KILL as never, { answeredBy });
    const chosen = preferCoveringView(shards, slots);
    const map = SlotMap.fromView(chosen);
    expect(map.coveredSlots()).toBe(16384);
    expect(map.shardOf(3343)?.primary).toMatchObject({ id: PROMOTED, port: 7003 });
  });

  test('a full SHARDS view is kept (replica health and hostnames), and so is it on a tie', () => {
    const healthy = [
      [
        'slots',
        [0, 5460],
        'nodes',
        [node(PROMOTED, 7003, 'master', 'online', 1), node(OLD, 7000, 'replica', 'fail', 0)],
      ],
      ...SHARDS_AFTER_KILL.slice(1),
    ];
    const shards = parseClusterShards(healthy as never, { answeredBy });
    expect(needsSlotsCrossCheck(shards)).toBe(false);
    const slots = parseClusterSlots(SLOTS_AFTER_KILL as never, { answeredBy });
    expect(preferCoveringView(shards, slots)).toBe(shards);
    const broken = parseClusterShards(SHARDS_AFTER_KILL as never, { answeredBy });
    expect(preferCoveringView(broken, undefined)).toBe(broken);
    // A SLOTS view that also lacks the range (the shard really is down) changes nothing.
    const alsoBroken = parseClusterSlots(SLOTS_AFTER_KILL.slice(1) as never, { answeredBy });
    expect(preferCoveringView(broken, alsoBroken)).toBe(broken);
  });

  test('RESP3 maps: the same choice of primary', () => {
    const resp3 = SHARDS_AFTER_KILL.map(
      (shard) =>
        new Map<string, unknown>([
          ['slots', shard[1]],
          ['nodes', (shard[3] as unknown[][]).map((flat) => new Map(pairs(flat)))],
        ]),
    );
    const view = parseClusterShards(resp3 as never, { answeredBy });
    expect(view.shards.map((s) => s.primary.id)).toEqual([PROMOTED, B, C]);
  });
});

function pairs(flat: unknown[]): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}
