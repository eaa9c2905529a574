import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RedisClient } from '../../src/client/client.js';
import { Pipeline } from '../../src/client/pipeline.js';
import type { CommandDefinition } from '../../src/commands/command-definition.js';
import { CONNECTION_STATE_COMMANDS, clientCommands } from '../../src/commands/command-set.js';
import { COMMAND_GROUPS, generatedCommands } from '../../src/commands/generated/command-methods.js';
import { shapeReply } from '../../src/commands/reply-shapes.js';
import { compareVersions } from '../../src/commands/server-version.js';

const table = clientCommands as unknown as Record<string, CommandDefinition>;
const encode = (name: string, ...args: unknown[]) => table[name].encode(...args);

describe('generated argument encoding', () => {
  it('sends required arguments in spec order and options where the spec puts them', () => {
    expect(
      encode('xadd', 's', '*', [{ field: 'f', value: 'v' }], {
        NOMKSTREAM: true,
        trim: { strategy: 'MAXLEN', operator: '~', threshold: 100, LIMIT: 10 },
      }),
    ).toEqual(['XADD', 's', 'NOMKSTREAM', 'MAXLEN', '~', 100, 'LIMIT', 10, '*', 'f', 'v']);
    expect(
      encode('zrange', 'z', '(1', '+inf', { sortby: 'BYSCORE', REV: true, LIMIT: { offset: 0, count: 5 } }),
    ).toEqual(['ZRANGE', 'z', '(1', '+inf', 'BYSCORE', 'REV', 'LIMIT', 0, 5]);
    expect(encode('zrangeWithScores', 'z', 0, -1)).toEqual(['ZRANGE', 'z', 0, -1, 'WITHSCORES']);
    expect(encode('clientNoEvict', 'ON')).toEqual(['CLIENT', 'NO-EVICT', 'ON']);
  });

  it('computes numkeys from the key list and repeats multiple_token tokens', () => {
    expect(encode('zunion', ['a', 'b'], { WEIGHTS: [1, 2], AGGREGATE: 'MAX' })).toEqual([
      'ZUNION',
      2,
      'a',
      'b',
      'WEIGHTS',
      1,
      2,
      'AGGREGATE',
      'MAX',
    ]);
    expect(encode('eval', 'return 1')).toEqual(['EVAL', 'return 1', 0]);
    expect(encode('sort', 'l', { GET: ['#', 'w_*'], order: 'DESC', ALPHA: true })).toEqual([
      'SORT',
      'l',
      'GET',
      '#',
      'GET',
      'w_*',
      'DESC',
      'ALPHA',
    ]);
  });

  it('encodes choices given as a token, a plain value, an object or token words', () => {
    expect(encode('getex', 'k', { expiration: { PXAT: 5 } })).toEqual(['GETEX', 'k', 'PXAT', 5]);
    expect(encode('getex', 'k', { expiration: 'PERSIST' })).toEqual(['GETEX', 'k', 'PERSIST']);
    expect(encode('xgroupCreate', 's', 'g', '$', { MKSTREAM: true })).toEqual([
      'XGROUP',
      'CREATE',
      's',
      'g',
      '$',
      'MKSTREAM',
    ]);
    expect(encode('replicaof', 'NO ONE')).toEqual(['REPLICAOF', 'NO', 'ONE']);
    expect(encode('replicaof', { hostPort: { host: '10.0.0.1', port: 6379 } })).toEqual([
      'REPLICAOF',
      '10.0.0.1',
      6379,
    ]);
  });

  it('throws a TypeError naming the argument for values that do not fit', () => {
    expect(() => encode('getex', 'k', { expiration: { XX: 1 } })).toThrow(/expiration/);
    expect(() => encode('lmpop', ['a'], 'UP')).toThrow(/where/);
    expect(() => encode('xadd', 's', '*', [{ field: 'f' }])).toThrow(/value/);
    expect(() => encode('geoadd', 'g', [{ longitude: [1], latitude: 2, member: 'm' }])).toThrow(/longitude/);
  });
});

describe('reply shapes', () => {
  it('turn RESP3 maps and RESP2 flat arrays or pairs into the same object', () => {
    const shape = ['m', ['a', ['t', ['s', ['a', 's', 1]], 'r'], 1]] as const;
    const entries = [['1-1', ['f', 'v']]];
    const expected = { s: [['1-1', ['f', 'v']]] };
    expect(shapeReply(new Map([['s', entries]]), shape, false)).toEqual(expected);
    expect(shapeReply([['s', entries]], shape, false)).toEqual(expected);
    expect(shapeReply(['s', entries], shape, false)).toEqual(expected);
  });

  it('regroup RESP2 flat pairs, convert RESP2 doubles and keep Buffers on request', () => {
    const pairs = ['a', ['t', ['s', 'n'], 'r'], 2] as const;
    expect(shapeReply(['x', '1.5', 'y', 'inf'], pairs, false)).toEqual([
      ['x', 1.5],
      ['y', Infinity],
    ]);
    expect(shapeReply([['x', 1.5]], pairs, false)).toEqual([['x', 1.5]]);
    expect(shapeReply([Buffer.from('x'), '2'], pairs, true)).toEqual([[Buffer.from('x'), 2]]);
    expect(shapeReply('OK', 's', true)).toEqual(Buffer.from('OK'));
    expect(shapeReply(null, 's', true)).toBeNull();
  });

  it('pick the alternative that fits the reply', () => {
    const pending = [
      'u',
      [
        ['a', ['t', ['s', 's', 'n', 'n'], 'r'], 4],
        ['t', ['n', 's', 's', ['a', ['t', ['s', 's'], 'r'], 2]], 'r'],
      ],
    ] as const;
    expect(shapeReply([1, 'a', 'b', [['c', '1']]], pending, false)).toEqual([1, 'a', 'b', [['c', '1']]]);
    expect(shapeReply([['1-1', 'c', '5', '1']], pending, false)).toEqual([['1-1', 'c', 5, 1]]);
  });
});

describe('the client command set', () => {
  it('covers every generated command except the connection-state ones, in 17 groups', () => {
    const generated = Object.keys(generatedCommands);
    expect(generated.length).toBeGreaterThan(350);
    for (const name of generated) {
      const excluded = (CONNECTION_STATE_COMMANDS as readonly string[]).includes(name);
      expect(name in table, name).toBe(!excluded);
    }
    expect(Object.keys(COMMAND_GROUPS)).toHaveLength(17);
    expect(table.get.availability).toEqual({ redis: '1.0.0', valkey: '7.2.4' });
    expect(table.lmpop.availability).toEqual({ redis: '7.0.0', valkey: '7.2.4' });
  });

  it('has no method that shadows a client, pipeline or EventEmitter member', () => {
    // installCommands defines methods on the prototypes after the classes are built: a command named like a
    // member would replace it. These are the members the classes declare.
    const members = [
      ...Object.getOwnPropertyNames(EventEmitter.prototype),
      ...['constructor', 'config', 'topology', 'buffers', 'kind', 'connect', 'call', 'sendCommand'],
      ...[
        'serverVersion',
        'server',
        'servers',
        'withBuffers',
        'pipeline',
        'quit',
        'disconnect',
        'runCommand',
        'sendOptions',
      ],
    ];
    expect(Object.keys(table).filter((name) => members.includes(name))).toEqual([]);
    // Transaction commands keep state on the connection: offered through client.multi()/isolated() only.
    expect(Pipeline.prototype.exec.toString()).toContain('splice');
    expect(Object.hasOwn(table, 'exec')).toBe(false);
    expect(Object.hasOwn(table, 'watch')).toBe(false);
    expect(typeof RedisClient.prototype.multi).toBe('function');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('7.0.15', '7.0.0')).toBeGreaterThan(0);
    expect(compareVersions('6.2.14', '7.0.0')).toBeLessThan(0);
    expect(compareVersions('7.10.0', '7.9.0')).toBeGreaterThan(0);
    expect(compareVersions('7.0', '7.0.0')).toBe(0);
  });
});
