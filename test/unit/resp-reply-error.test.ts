import { describe, expect, it } from 'vitest';
import { SlotbridgeError } from '../../src/errors.js';
import {
  createReplyError,
  isRedirect,
  parseRedirect,
  RedirectError,
  ReplyError,
} from '../../src/resp/reply-error.js';

describe('parseRedirect', () => {
  const cases: Array<[string, ReturnType<typeof parseRedirect>]> = [
    ['MOVED 3999 127.0.0.1:6381', { kind: 'MOVED', slot: 3999, host: '127.0.0.1', port: 6381 }],
    ['ASK 3999 127.0.0.1:6381', { kind: 'ASK', slot: 3999, host: '127.0.0.1', port: 6381 }],
    ['MOVED 3999 ::1:6381', { kind: 'MOVED', slot: 3999, host: '::1', port: 6381 }],
    ['MOVED 1 2001:db8::42:7000', { kind: 'MOVED', slot: 1, host: '2001:db8::42', port: 7000 }],
    ['MOVED 1 [2001:db8::42]:7000', { kind: 'MOVED', slot: 1, host: '2001:db8::42', port: 7000 }],
    [
      'ASK 16383 redis-node-2.redis.svc.cluster.local:6379',
      { kind: 'ASK', slot: 16383, host: 'redis-node-2.redis.svc.cluster.local', port: 6379 },
    ],
    ['MOVED 3999 :6381', { kind: 'MOVED', slot: 3999, host: '', port: 6381 }],
    ['MOVED 0 10.0.0.1:0', { kind: 'MOVED', slot: 0, host: '10.0.0.1', port: 0 }],
  ];
  for (const [text, want] of cases) {
    it(`parses ${JSON.stringify(text)}`, () => {
      expect(parseRedirect(text)).toEqual(want);
    });
  }

  const invalid = [
    'MOVED',
    'MOVED 3999',
    'MOVED x 127.0.0.1:6381',
    'MOVED 16384 127.0.0.1:6381',
    'MOVED -1 127.0.0.1:6381',
    'MOVED 3999 127.0.0.1',
    'MOVED 3999 127.0.0.1:',
    'MOVED 3999 127.0.0.1:65536',
    'MOVED 3999 127.0.0.1:63a9',
    'ERR MOVED 3999 127.0.0.1:6381',
    'moved 3999 127.0.0.1:6381',
    '',
  ];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(parseRedirect(text)).toBeUndefined();
    });
  }
});

describe('ReplyError', () => {
  const codes = [
    'ERR',
    'WRONGTYPE',
    'NOSCRIPT',
    'READONLY',
    'CLUSTERDOWN',
    'TRYAGAIN',
    'LOADING',
    'NOAUTH',
    'WRONGPASS',
    'NOPERM',
    'CROSSSLOT',
    'EXECABORT',
    'BUSY',
    'MASTERDOWN',
  ];
  for (const code of codes) {
    it(`code ${code}`, () => {
      const text = `${code} something went wrong: details`;
      const err = createReplyError(text);
      expect(err).toBeInstanceOf(ReplyError);
      expect(err).toBeInstanceOf(SlotbridgeError);
      expect(err).not.toBeInstanceOf(RedirectError);
      expect(err.code).toBe(code);
      expect(err.message).toBe(text);
      expect(err.name).toBe('ReplyError');
    });
  }

  it('single-word and empty texts', () => {
    expect(createReplyError('LOADING').code).toBe('LOADING');
    expect(createReplyError('').code).toBe('ERR');
  });

  it('MOVED and ASK become RedirectErrors', () => {
    const moved = createReplyError('MOVED 3999 ::1:6381');
    expect(moved).toBeInstanceOf(ReplyError);
    expect(isRedirect(moved)).toBe(true);
    expect(moved).toMatchObject({ code: 'MOVED', kind: 'MOVED', slot: 3999, host: '::1', port: 6381 });
    expect(moved.name).toBe('RedirectError');
    const ask = createReplyError('ASK 12 :7001');
    expect(ask).toMatchObject({ code: 'ASK', kind: 'ASK', slot: 12, host: '', port: 7001 });
  });

  it('a malformed MOVED is a plain ReplyError with code MOVED', () => {
    const err = createReplyError('MOVED nonsense');
    expect(err.code).toBe('MOVED');
    expect(isRedirect(err)).toBe(false);
  });
});
