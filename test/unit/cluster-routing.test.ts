import { describe, expect, test } from 'vitest';
import { allCommands, extractKeyIndexes } from '../../src/commands/index.js';
import { ClusterError, keySlot, planCommand } from '../../src/topology/cluster/index.js';

describe('planCommand', () => {
  test('key slot is CRC16 with hash tags', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('{}x')).toBe(keySlot('{}x'));
    expect(keySlot(Buffer.from('foo'))).toBe(12182);
  });

  test('the single-key fast path agrees with the key specs for every command that takes it', () => {
    const fast = allCommands().filter((info) => info.singleKeyFirst);
    expect(fast.map((info) => info.name)).toEqual(expect.arrayContaining(['GET', 'SET', 'HSET', 'INCR']));
    expect(fast.map((info) => info.name)).not.toEqual(expect.arrayContaining(['MGET']));
    for (const info of fast) {
      const words = info.name.split(' ');
      const args = [...words, '{a}k', '{b}x', '{c}y', '{d}z'];
      // The fast path reads args[1]: a subcommand's key would sit after its name, so none may take it.
      expect(words).toHaveLength(1);
      expect(extractKeyIndexes(info, args, { includeNotKeys: true })).toEqual([1]);
      expect(planCommand(args)).toMatchObject({ kind: 'slot', slot: keySlot('{a}k') });
    }
  });

  test('keys located from the specs: EVAL numkeys, XREAD STREAMS, keyless, fan-out', () => {
    expect(planCommand(['GET', 'foo'])).toMatchObject({ kind: 'slot', slot: 12182 });
    expect(planCommand(['EVAL', 's', '1', 'foo', 'bar'])).toMatchObject({ kind: 'slot', slot: 12182 });
    expect(planCommand(['EVAL', 's', '0'])).toMatchObject({ kind: 'any' });
    expect(planCommand(['XREAD', 'COUNT', '1', 'STREAMS', 'foo', '0'])).toMatchObject({
      kind: 'slot',
      slot: 12182,
    });
    expect(planCommand(['DBSIZE'])).toMatchObject({ kind: 'all-shards' });
    expect(planCommand(['SCRIPT', 'LOAD', 'return 1'])).toMatchObject({ kind: 'all-nodes' });
    expect(planCommand(['NOSUCHCOMMAND', 'x'])).toMatchObject({ kind: 'any' });
  });

  test('MSET across slots: CROSSSLOT by default, split only with the opt-in; MSETNX never split', () => {
    const mset = ['MSET', 'a', '1', 'b', '2'];
    expect(() => planCommand(mset)).toThrow(
      expect.objectContaining({ code: 'ERR_CLUSTER_CROSSSLOT', message: expect.stringContaining('atomic') }),
    );
    expect(planCommand(mset, true).kind).toBe('split');
    expect(planCommand(['MSET', '{a}1', '1', '{a}2', '2']).kind).toBe('slot');
    for (const optIn of [false, true]) {
      expect(() => planCommand(['MSETNX', 'a', '1', 'b', '2'], optIn)).toThrow(
        expect.objectContaining({ code: 'ERR_CLUSTER_CROSSSLOT' }),
      );
    }
  });

  test('reads, deletions and touches across slots are always split', () => {
    for (const name of ['MGET', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH']) {
      const plan = planCommand([name, 'a', 'b', '{a}x']);
      expect(plan.kind, name).toBe('split');
      if (plan.kind === 'split') expect(plan.parts.map((part) => part.keyPositions)).toContainEqual([0, 2]);
    }
  });

  test('MULTI_SHARD commands are split per slot; others with keys in several slots are rejected', () => {
    const plan = planCommand(['MSET', 'a', '1', 'b', '2', '{a}x', '3'], true);
    expect(plan.kind).toBe('split');
    if (plan.kind !== 'split') return;
    const a = plan.parts.find((part) => part.slot === keySlot('a'));
    expect(a?.args).toEqual(['MSET', 'a', '1', '{a}x', '3']);
    expect(a?.keyPositions).toEqual([0, 2]);
    expect(() => planCommand(['RENAME', 'a', 'b'])).toThrow(ClusterError);
    try {
      planCommand(['SINTERSTORE', 'a', 'b']);
    } catch (error) {
      expect((error as ClusterError).code).toBe('ERR_CLUSTER_CROSSSLOT');
    }
  });
});
