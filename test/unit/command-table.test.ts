import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allCommands,
  extractKeyIndexes,
  extractKeys,
  getCommand,
  isRetryableOnReconnect,
  lookupCommand,
} from '../../src/commands/command-table.js';
import type { RespArg } from '../../src/resp/index.js';

/** [command as typed, keys expected] */
const KEY_CASES: [string[], string[]][] = [
  [['GET', 'k'], ['k']],
  [['SET', 'k', 'v', 'EX', '10', 'GET'], ['k']],
  [
    ['MSET', 'a', '1', 'b', '2', 'c', '3'],
    ['a', 'b', 'c'],
  ],
  [
    ['MGET', 'a', 'b', 'c'],
    ['a', 'b', 'c'],
  ],
  [
    ['DEL', 'a', 'b'],
    ['a', 'b'],
  ],
  [['HSET', 'h', 'f1', 'v1', 'f2', 'v2'], ['h']],
  [
    ['RENAME', 'from', 'to'],
    ['from', 'to'],
  ],
  [
    ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
    ['src', 'dst'],
  ],
  [
    ['BITOP', 'AND', 'dst', 'a', 'b'],
    ['dst', 'a', 'b'],
  ],
  [
    ['BLPOP', 'a', 'b', '0'],
    ['a', 'b'],
  ],
  [
    ['BRPOPLPUSH', 'src', 'dst', '1.5'],
    ['src', 'dst'],
  ],
  [
    ['EVAL', 'return 1', '2', 'k1', 'k2', 'arg'],
    ['k1', 'k2'],
  ],
  [['EVAL', 'return 1', '0', 'arg'], []],
  [['EVALSHA', 'abc', '1', 'k', 'arg'], ['k']],
  [['EVAL_RO', 'return 1', '1', 'k'], ['k']],
  [
    ['FCALL', 'fn', '2', 'a', 'b', 'x'],
    ['a', 'b'],
  ],
  [['FCALL_RO', 'fn', '1', 'a'], ['a']],
  [
    ['XREAD', 'COUNT', '10', 'BLOCK', '0', 'STREAMS', 's1', 's2', '0', '$'],
    ['s1', 's2'],
  ],
  [['xread', 'streams', 's1', '0'], ['s1']],
  [['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's1', '>'], ['s1']],
  [['XADD', 's', '*', 'f', 'v'], ['s']],
  [['XGROUP', 'CREATE', 's', 'g', '$'], ['s']],
  [['XINFO', 'STREAM', 's', 'FULL'], ['s']],
  [
    ['ZUNIONSTORE', 'dst', '2', 'a', 'b', 'WEIGHTS', '1', '2'],
    ['dst', 'a', 'b'],
  ],
  [
    ['ZINTERSTORE', 'dst', '3', 'a', 'b', 'c', 'AGGREGATE', 'MAX'],
    ['dst', 'a', 'b', 'c'],
  ],
  [
    ['ZDIFFSTORE', 'dst', '2', 'a', 'b'],
    ['dst', 'a', 'b'],
  ],
  [
    ['ZUNION', '2', 'a', 'b', 'WITHSCORES'],
    ['a', 'b'],
  ],
  [
    ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'],
    ['a', 'b'],
  ],
  [
    ['LMPOP', '2', 'a', 'b', 'LEFT', 'COUNT', '2'],
    ['a', 'b'],
  ],
  [['ZMPOP', '1', 'z', 'MIN'], ['z']],
  [
    ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT'],
    ['a', 'b'],
  ],
  [['BZMPOP', '1.5', '1', 'z', 'MAX'], ['z']],
  [['MIGRATE', 'host', '6379', 'k', '0', '5000'], ['k']],
  [['MIGRATE', 'host', '6379', 'k', '0', '5000', 'COPY', 'REPLACE'], ['k']],
  [
    ['MIGRATE', 'host', '6379', '', '0', '5000', 'REPLACE', 'KEYS', 'a', 'b'],
    ['a', 'b'],
  ],
  // AUTH2's password is "KEYS": skipped as an option argument, the real KEYS follows.
  [
    ['MIGRATE', 'host', '6379', '', '0', '5000', 'AUTH2', 'user', 'KEYS', 'KEYS', 'a', 'b'],
    ['a', 'b'],
  ],
  [['OBJECT', 'ENCODING', 'k'], ['k']],
  [['object', 'freq', 'k'], ['k']],
  [['MEMORY', 'USAGE', 'k', 'SAMPLES', '5'], ['k']],
  [['SORT', 'k'], ['k']],
  [
    ['SORT', 'k', 'BY', 'w_*', 'LIMIT', '0', '10', 'GET', '#', 'GET', 'o_*', 'DESC', 'ALPHA', 'STORE', 'dst'],
    ['k', 'dst'],
  ],
  [
    ['sort', 'k', 'store', 'first', 'STORE', 'last'],
    ['k', 'last'],
  ],
  [['SORT', 'k', 'GET', 'STORE'], ['k']], // "STORE" is GET's pattern here
  [['SORT_RO', 'k', 'BY', 'w_*', 'GET', '#'], ['k']],
  [
    ['GEORADIUS', 'g', '15', '37', '200', 'km', 'STORE', 'dst'],
    ['g', 'dst'],
  ],
  [
    ['GEORADIUS', 'g', '15', '37', '200', 'km', 'WITHDIST', 'STOREDIST', 'dst'],
    ['g', 'dst'],
  ],
  [
    ['GEORADIUSBYMEMBER', 'g', 'm', '100', 'km', 'STORE', 'dst'],
    ['g', 'dst'],
  ],
  [
    ['GEOSEARCHSTORE', 'dst', 'src', 'FROMMEMBER', 'm', 'BYRADIUS', '1', 'km'],
    ['dst', 'src'],
  ],
  [
    ['WATCH', 'a', 'b'],
    ['a', 'b'],
  ],
  [
    ['PFCOUNT', 'a', 'b'],
    ['a', 'b'],
  ],
  [
    ['COPY', 'a', 'b', 'REPLACE'],
    ['a', 'b'],
  ],
  [['PING'], []],
  [['DBSIZE'], []],
  [['INFO', 'server'], []],
  [['FLUSHALL', 'ASYNC'], []],
  [['CLUSTER', 'SLOTS'], []],
  [['SCRIPT', 'LOAD', 'return 1'], []],
  [['CONFIG', 'GET', 'maxmemory'], []],
  [['PUBLISH', 'ch', 'msg'], []],
  [['SPUBLISH', 'ch', 'msg'], []], // shard channels are not keys by default
];

describe('extractKeys', () => {
  for (const [args, keys] of KEY_CASES) {
    it(`${args.join(' ')} → [${keys.join(', ')}]`, () => {
      expect(lookupCommand(args), 'command known').toBeDefined();
      expect(extractKeys(args)).toEqual(keys);
    });
  }

  it('returns argument positions', () => {
    const args = ['ZUNIONSTORE', 'dst', '2', 'a', 'b'];
    expect(extractKeyIndexes(lookupCommand(args)!, args)).toEqual([1, 3, 4]);
    const xread = ['XREAD', 'STREAMS', 'a', 'b', 'c', '0', '0', '0'];
    expect(extractKeyIndexes(lookupCommand(xread)!, xread)).toEqual([2, 3, 4]);
  });

  it('returns shard channels when asked to include NOT_KEY specs', () => {
    expect(extractKeys(['SPUBLISH', 'ch', 'msg'], { includeNotKeys: true })).toEqual(['ch']);
    expect(extractKeys(['SSUBSCRIBE', 'a', 'b'], { includeNotKeys: true })).toEqual(['a', 'b']);
    expect(extractKeys(['SSUBSCRIBE', 'a', 'b'])).toEqual([]);
  });

  it('accepts Buffers, numbers and bigints as arguments', () => {
    const key = Buffer.from('k');
    expect(extractKeys([Buffer.from('get'), key])).toEqual([key]);
    expect(extractKeys(['EVAL', 's', 2, 'a', 'b'])).toEqual(['a', 'b']);
    expect(extractKeys(['EVAL', 's', 1n, 'a', 'b'])).toEqual(['a']);
    expect(extractKeys(['EVAL', 's', Buffer.from('1'), 'a'])).toEqual(['a']);
    expect(extractKeys(['XREAD', Buffer.from('streams'), 'a', '0'])).toEqual(['a']);
    expect(extractKeys(['MSET', 1, 2, 3, 4])).toEqual([1, 3]);
  });

  it('returns what it safely can from malformed arguments', () => {
    expect(extractKeys(['GET'])).toEqual([]);
    expect(extractKeys(['EVAL', 's', 'two', 'a'])).toEqual([]);
    expect(extractKeys(['EVAL', 's', '-1', 'a'])).toEqual([]);
    expect(extractKeys(['EVAL', 's', '01', 'a'])).toEqual([]);
    expect(extractKeys(['EVAL', 's', 1.5, 'a'])).toEqual([]);
    expect(extractKeys(['EVAL', 's', '5', 'a'])).toEqual(['a']);
    expect(extractKeys(['EVAL', 's', '999999999999999', 'a'])).toEqual(['a']);
    expect(extractKeys(['EVAL', 's'])).toEqual([]);
    expect(extractKeys(['XREAD', 'STREAMS'])).toEqual([]);
    expect(extractKeys(['XREAD', 'COUNT', '1'])).toEqual([]);
    expect(extractKeys(['ZUNIONSTORE', 'dst'])).toEqual(['dst']);
    expect(extractKeys(['MIGRATE', 'host', '6379', 'k', '0', '5000', 'KEYS', 'a'])).toEqual([]);
    expect(extractKeys(['SORT'])).toEqual([]);
    expect(extractKeys(['SORT', 'k', 'STORE'])).toEqual(['k']);
  });

  it('returns [] for unknown commands', () => {
    expect(extractKeys(['NOSUCHCOMMAND', 'a'])).toEqual([]);
    expect(extractKeys([])).toEqual([]);
  });
});

describe('lookupCommand', () => {
  it('resolves subcommands case-insensitively', () => {
    expect(lookupCommand(['cluster', 'slots'])?.name).toBe('CLUSTER SLOTS');
    expect(lookupCommand(['CLUSTER', 'Slots'])?.name).toBe('CLUSTER SLOTS');
    expect(lookupCommand([Buffer.from('Config'), Buffer.from('get'), 'x'])?.name).toBe('CONFIG GET');
    expect(lookupCommand(['SENTINEL', 'get-master-addr-by-name', 'm'])?.name).toBe(
      'SENTINEL GET-MASTER-ADDR-BY-NAME',
    );
    expect(lookupCommand(['Get', 'k'])?.name).toBe('GET');
    expect(lookupCommand(['cluster', 'slots'])?.container).toBe('CLUSTER');
  });

  it('returns the container alone, and undefined for unknown names', () => {
    expect(lookupCommand(['CLUSTER'])?.name).toBe('CLUSTER');
    expect(lookupCommand(['CLUSTER', 'NOSUCH'])).toBeUndefined();
    expect(lookupCommand(['NOSUCH'])).toBeUndefined();
    expect(lookupCommand([42])).toBeUndefined();
    expect(lookupCommand([Buffer.alloc(1000, 0x61)])).toBeUndefined();
    expect(lookupCommand([])).toBeUndefined();
  });

  it('returns the same object for every spelling, and by full name', () => {
    expect(lookupCommand(['get'])).toBe(lookupCommand(['GET']));
    expect(getCommand('cluster  slots')).toBe(lookupCommand(['CLUSTER', 'SLOTS']));
    expect(getCommand('GET')?.arity).toBe(2);
    expect(getCommand('GET')?.since).toBe('1.0.0');
  });

  it('lists every command and subcommand', () => {
    const names = allCommands().map((c) => c.name);
    expect(names.length).toBeGreaterThan(390);
    expect(names).toContain('CLUSTER SHARDS');
    expect([...names].sort()).toEqual(names);
  });
});

describe('flags', () => {
  it('describes GET, SET, BLPOP, SUBSCRIBE', () => {
    const get = getCommand('GET')!;
    expect([get.isReadOnly, get.isFast, get.isWrite]).toEqual([true, true, false]);
    expect(get.has('READONLY')).toBe(true);
    expect(get.flagNames()).toEqual(['FAST', 'READONLY']);
    const set = getCommand('SET')!;
    expect([set.isWrite, set.isReadOnly, set.denyOom]).toEqual([true, false, true]);
    expect(getCommand('BLPOP')!.isBlocking).toBe(true);
    const subscribe = getCommand('SUBSCRIBE')!;
    expect([subscribe.isPubSub, subscribe.noScript]).toEqual([true, true]);
    expect(getCommand('SENTINEL GET-MASTER-ADDR-BY-NAME')!.sentinelOnly).toBe(true);
    expect(getCommand('MULTI')!.noScript).toBe(true);
  });

  it('exposes key specs', () => {
    const set = getCommand('SET')!;
    expect(set.keySpecs[0].has('RW')).toBe(true);
    expect(set.keySpecs[0].has('VARIABLE_FLAGS')).toBe(true);
    expect(set.keySpecs[0].beginSearch).toEqual({ type: 'index', pos: 1 });
    expect(set.keySpecs[0].findKeys).toEqual({ type: 'range', lastKey: 0, step: 1, limit: 0 });
    const xread = getCommand('XREAD')!;
    expect(xread.keySpecs[0].beginSearch).toEqual({ type: 'keyword', keyword: 'STREAMS', startFrom: 1 });
    expect(getCommand('EVAL')!.keySpecs[0].findKeys).toEqual({
      type: 'keynum',
      keyNumIndex: 0,
      firstKey: 1,
      step: 1,
    });
    expect(getCommand('SORT')!.hasIncompleteKeySpecs).toBe(true);
    expect(getCommand('MIGRATE')!.keySpecs[1].has('INCOMPLETE')).toBe(true);
  });

  it('decides what may be re-sent after a reconnect', () => {
    expect(isRetryableOnReconnect(getCommand('GET')!)).toBe(true);
    expect(isRetryableOnReconnect(getCommand('MGET')!)).toBe(true);
    expect(isRetryableOnReconnect(getCommand('SET')!)).toBe(false);
    expect(isRetryableOnReconnect(getCommand('BLPOP')!)).toBe(false);
    expect(isRetryableOnReconnect(getCommand('XREAD')!)).toBe(false); // READONLY but BLOCKING
    expect(isRetryableOnReconnect(getCommand('SUBSCRIBE')!)).toBe(false);
    expect(isRetryableOnReconnect(getCommand('EVAL')!)).toBe(false);
  });
});

describe('tips', () => {
  it('carries request and response policies', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['DBSIZE', 'ALL_SHARDS', 'AGG_SUM'],
      ['KEYS', 'ALL_SHARDS', undefined],
      ['FLUSHALL', 'ALL_SHARDS', 'ALL_SUCCEEDED'],
      ['SCRIPT LOAD', 'ALL_NODES', 'ALL_SUCCEEDED'],
      ['SCRIPT EXISTS', 'ALL_SHARDS', 'AGG_LOGICAL_AND'],
      ['PING', 'ALL_SHARDS', 'ALL_SUCCEEDED'],
      ['WAIT', 'ALL_SHARDS', 'AGG_MIN'],
      ['RANDOMKEY', 'ALL_SHARDS', 'SPECIAL'],
      ['GET', undefined, undefined],
    ];
    for (const [name, request, response] of cases) {
      const info = getCommand(name)!;
      expect([name, info.requestPolicy, info.responsePolicy]).toEqual([name, request, response]);
    }
  });

  it('carries the nondeterministic-output tips', () => {
    expect(getCommand('KEYS')!.nondeterministicOutputOrder).toBe(true);
    expect(getCommand('RANDOMKEY')!.nondeterministicOutput).toBe(true);
    expect(getCommand('GET')!.nondeterministicOutput).toBe(false);
  });
});

describe('property: extraction never throws', () => {
  const names = allCommands().map((c) => c.name.split(' '));
  const arg: fc.Arbitrary<RespArg> = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '0',
      '1',
      '2',
      '-1',
      '3',
      'STREAMS',
      'KEYS',
      'STORE',
      'STOREDIST',
      'LIMIT',
      'GET',
      'BY',
      '',
    ),
    fc.integer({ min: -5, max: 10 }),
    fc.double(),
    fc.bigInt({ min: -5n, max: 1n << 70n }),
    fc.uint8Array({ maxLength: 6 }).map((bytes) => Buffer.from(bytes)),
  );

  it('for random arguments after known command names', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(arg, { maxLength: 12 }), (name, rest) => {
        const args: RespArg[] = [...name, ...rest];
        const info = lookupCommand(args);
        const keys = extractKeys(args, { includeNotKeys: true });
        if (info === undefined) return keys.length === 0;
        for (const index of extractKeyIndexes(info, args, { includeNotKeys: true })) {
          if (!Number.isInteger(index) || index < 1 || index >= args.length) return false;
        }
        return keys.length <= args.length;
      }),
      { numRuns: 5000 },
    );
  });
});
