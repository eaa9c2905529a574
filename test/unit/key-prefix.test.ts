/**
 * KeyPrefix without a server: which arguments of a command get the prefix (key specs, SORT's special
 * parsing, MIGRATE KEYS), what stays (values, BY/GET patterns, channels), glob escaping, Buffers.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { KeyPrefix } from '../../src/client/key-prefix.js';

const p = new KeyPrefix('app:');

describe('KeyPrefix.apply', () => {
  it('prefixes the keys the key specs locate, never values or arguments', () => {
    expect(p.apply(['SET', 'k', 'v', 'EX', 10])).toEqual(['SET', 'app:k', 'v', 'EX', 10]);
    expect(p.apply(['MSET', 'a', '1', 'b', '2'])).toEqual(['MSET', 'app:a', '1', 'app:b', '2']);
    expect(p.apply(['EVAL', 'return 1', 2, 'k1', 'k2', 'arg'])).toEqual([
      'EVAL',
      'return 1',
      2,
      'app:k1',
      'app:k2',
      'arg',
    ]);
    expect(p.apply(['XREAD', 'COUNT', 1, 'STREAMS', 's1', 's2', '0', '0'])).toEqual([
      'XREAD',
      'COUNT',
      1,
      'STREAMS',
      'app:s1',
      'app:s2',
      '0',
      '0',
    ]);
    expect(p.apply(['OBJECT', 'ENCODING', 'k'])).toEqual(['OBJECT', 'ENCODING', 'app:k']);
  });

  it('SORT: the key and STORE destination, not the BY/GET patterns', () => {
    expect(p.apply(['SORT', 'list', 'BY', 'w_*', 'GET', 'o_*', 'STORE', 'dst'])).toEqual([
      'SORT',
      'app:list',
      'BY',
      'w_*',
      'GET',
      'o_*',
      'STORE',
      'app:dst',
    ]);
  });

  it('leaves channels, keyless and unknown commands alone (the same array)', () => {
    for (const args of [['PUBLISH', 'ch', 'm'], ['SPUBLISH', 'ch', 'm'], ['PING'], ['NOSUCH', 'k']]) {
      expect(p.apply(args)).toBe(args);
    }
  });

  it('KEYS and SCAN patterns are scoped to the prefix, its glob characters escaped', () => {
    const glob = new KeyPrefix('a*[b]?:');
    expect(glob.apply(['KEYS', 'u*'])).toEqual(['KEYS', 'a\\*\\[b\\]\\?:u*']);
    expect(p.apply(['SCAN', '0', 'MATCH', 'u*', 'COUNT', 10])).toEqual([
      'SCAN',
      '0',
      'MATCH',
      'app:u*',
      'COUNT',
      10,
    ]);
    expect(p.apply(['SCAN', '0', 'COUNT', 10])).toEqual(['SCAN', '0', 'COUNT', 10, 'MATCH', 'app:*']);
  });

  it('Buffer keys and numeric keys', () => {
    expect(p.apply(['GET', Buffer.from([0xff, 0x00])])[1]).toEqual(
      Buffer.from([0x61, 0x70, 0x70, 0x3a, 0xff, 0x00]),
    );
    expect(p.apply(['GET', 42])).toEqual(['GET', 'app:42']);
  });
});

describe('KeyPrefix.strip', () => {
  it('removes the prefix where replies name keys, keeps names without it', () => {
    expect(p.strip('first', ['app:q', 'x'])).toEqual(['q', 'x']);
    expect(p.strip('list', ['app:a', 'other'])).toEqual(['a', 'other']);
    expect(p.strip('scan', ['17', ['app:a']])).toEqual(['17', ['a']]);
    expect(p.strip('single', Buffer.from('app:b'))).toEqual(Buffer.from('b'));
    expect(p.strip('streams', new Map([['app:s', []]]))).toEqual(new Map([['s', []]]));
    expect(p.strip('first', null)).toBe(null);
  });
});

describe('the keyPrefix option', () => {
  it('must be a non-empty string', () => {
    expect(() => createClient({ keyPrefix: '' })).toThrow(/keyPrefix.*non-empty string/);
    expect(() => createClient({ keyPrefix: 5 as unknown as string })).toThrow(/keyPrefix.*number/);
  });
});
