import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import { RespDecoder } from '../../src/resp/decoder.js';
import { RedirectError, ReplyError } from '../../src/resp/reply-error.js';
import type { RespValue } from '../../src/resp/types.js';
import { collectingDecoder, type Decoded, feedSplit, normalize } from './resp-helpers.js';

interface Fixture {
  name: string;
  wire: string;
  /** Replies in string mode. */
  replies: RespValue[];
  /** Replies in buffer mode, when they differ. */
  bufferReplies?: RespValue[];
  pushes?: RespValue[][];
  bufferPushes?: RespValue[][];
  attributes?: Array<Map<RespValue, RespValue>>;
  bufferAttributes?: Array<Map<RespValue, RespValue>>;
}

const b = (text: string) => Buffer.from(text);

const fixtures: Fixture[] = [
  { name: 'simple string', wire: '+OK\r\n', replies: ['OK'] },
  { name: 'empty simple string', wire: '+\r\n', replies: [''] },
  { name: 'utf8 simple string', wire: '+héllo ✓\r\n', replies: ['héllo ✓'] },
  { name: 'error', wire: '-ERR unknown command\r\n', replies: [new ReplyError('ERR unknown command')] },
  { name: 'integer', wire: ':1000\r\n', replies: [1000] },
  { name: 'zero', wire: ':0\r\n', replies: [0] },
  { name: 'negative integer', wire: ':-42\r\n', replies: [-42] },
  { name: 'max safe integer', wire: ':9007199254740991\r\n', replies: [9007199254740991] },
  { name: 'int beyond 2^53', wire: ':9007199254740993\r\n', replies: [9007199254740993n] },
  { name: 'int64 min', wire: ':-9223372036854775808\r\n', replies: [-9223372036854775808n] },
  { name: 'bulk', wire: '$5\r\nhello\r\n', replies: ['hello'], bufferReplies: [b('hello')] },
  {
    name: 'bulk with CRLF inside',
    wire: '$4\r\na\r\nb\r\n',
    replies: ['a\r\nb'],
    bufferReplies: [b('a\r\nb')],
  },
  { name: 'empty bulk', wire: '$0\r\n\r\n', replies: [''], bufferReplies: [b('')] },
  { name: 'RESP2 null bulk', wire: '$-1\r\n', replies: [null] },
  { name: 'RESP2 null array', wire: '*-1\r\n', replies: [null] },
  { name: 'RESP3 null', wire: '_\r\n', replies: [null] },
  { name: 'empty array', wire: '*0\r\n', replies: [[]] },
  {
    name: 'array of mixed',
    wire: '*3\r\n:1\r\n$3\r\nfoo\r\n+bar\r\n',
    replies: [[1, 'foo', 'bar']],
    bufferReplies: [[1, b('foo'), 'bar']],
  },
  { name: 'nested arrays', wire: '*2\r\n*1\r\n:1\r\n*0\r\n', replies: [[[1], []]] },
  { name: 'booleans', wire: '#t\r\n#f\r\n', replies: [true, false] },
  { name: 'double', wire: ',1.5\r\n', replies: [1.5] },
  { name: 'double exponent', wire: ',1.5e10\r\n', replies: [1.5e10] },
  { name: 'double negative exponent', wire: ',-2.5E-3\r\n', replies: [-0.0025] },
  { name: 'double integer', wire: ',10\r\n', replies: [10] },
  {
    name: 'double inf/-inf/nan',
    wire: ',inf\r\n,-inf\r\n,nan\r\n',
    replies: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN],
  },
  {
    name: 'big number',
    wire: '(3492890328409238509324850943850943825024385\r\n',
    replies: [3492890328409238509324850943850943825024385n],
  },
  { name: 'small big number', wire: '(-7\r\n', replies: [-7n] },
  {
    name: 'bulk error',
    wire: '!21\r\nSYNTAX invalid syntax\r\n',
    replies: [new ReplyError('SYNTAX invalid syntax')],
  },
  {
    name: 'verbatim',
    wire: '=15\r\ntxt:Some string\r\n',
    replies: ['Some string'],
    bufferReplies: [b('Some string')],
  },
  { name: 'empty verbatim', wire: '=4\r\nmkd:\r\n', replies: [''], bufferReplies: [b('')] },
  {
    name: 'map',
    wire: '%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n',
    replies: [
      new Map<RespValue, RespValue>([
        ['first', 1],
        ['second', 2],
      ]),
    ],
  },
  { name: 'empty map', wire: '%0\r\n', replies: [new Map()] },
  {
    name: 'nested map in array',
    wire: '*2\r\n%1\r\n$1\r\nk\r\n*2\r\n:1\r\n_\r\n:7\r\n',
    replies: [[new Map<RespValue, RespValue>([['k', [1, null]]]), 7]],
    bufferReplies: [[new Map<RespValue, RespValue>([[b('k'), [1, null]]]), 7]],
  },
  { name: 'set', wire: '~3\r\n+a\r\n+b\r\n:3\r\n', replies: [['a', 'b', 3]] },
  {
    name: 'attribute before a value',
    wire: '|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.1923\r\n*2\r\n:2039123\r\n:9543892\r\n',
    replies: [[2039123, 9543892]],
    attributes: [
      new Map<RespValue, RespValue>([['key-popularity', new Map<RespValue, RespValue>([['a', 0.1923]])]]),
    ],
    bufferAttributes: [
      new Map<RespValue, RespValue>([['key-popularity', new Map<RespValue, RespValue>([[b('a'), 0.1923]])]]),
    ],
  },
  {
    name: 'attribute inside an array',
    wire: '*2\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n:2\r\n',
    replies: [[1, 2]],
    attributes: [new Map<RespValue, RespValue>([['ttl', 3600]])],
  },
  {
    name: 'push between replies',
    wire: '+one\r\n>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n+two\r\n',
    replies: ['one', 'two'],
    pushes: [['message', 'ch', 'hi']],
    bufferPushes: [[b('message'), b('ch'), b('hi')]],
  },
  { name: 'nested push is an array', wire: '*1\r\n>1\r\n:1\r\n', replies: [[[1]]] },
  {
    name: 'MOVED error',
    wire: '-MOVED 3999 127.0.0.1:6381\r\n',
    replies: [new ReplyError('MOVED 3999 127.0.0.1:6381')],
  },
];

function expected(fixture: Fixture, buffers: boolean): Decoded {
  return {
    replies: buffers && fixture.bufferReplies ? fixture.bufferReplies : fixture.replies,
    pushes: (buffers ? fixture.bufferPushes : undefined) ?? fixture.pushes ?? [],
    attributes: (buffers ? fixture.bufferAttributes : undefined) ?? fixture.attributes ?? [],
  };
}

function run(fixture: Fixture, buffers: boolean, feed: (d: RespDecoder, bytes: Buffer) => void): Decoded {
  const { decoder, out } = collectingDecoder({ returnBuffers: buffers });
  feed(decoder, Buffer.from(fixture.wire));
  expect(decoder.hasPartial).toBe(false);
  return out;
}

function check(actual: Decoded, wanted: Decoded): void {
  expect(normalize(actual.replies)).toEqual(normalize(wanted.replies));
  expect(normalize(actual.pushes)).toEqual(normalize(wanted.pushes));
  expect(normalize(actual.attributes)).toEqual(normalize(wanted.attributes));
}

describe('RespDecoder fixtures', () => {
  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      for (const buffers of [false, true]) {
        const mode = buffers ? 'buffer mode' : 'string mode';
        it(`whole (${mode})`, () => {
          check(
            run(fixture, buffers, (d, bytes) => d.feed(bytes)),
            expected(fixture, buffers),
          );
        });
        it(`byte by byte (${mode})`, () => {
          check(
            run(fixture, buffers, (d, bytes) => {
              for (let i = 0; i < bytes.length; i++) d.feed(bytes.subarray(i, i + 1));
            }),
            expected(fixture, buffers),
          );
        });
        it(`at every split point (${mode})`, () => {
          const length = Buffer.byteLength(fixture.wire);
          for (let cut = 1; cut < length; cut++) {
            check(
              run(fixture, buffers, (d, bytes) => feedSplit(d, bytes, [cut])),
              expected(fixture, buffers),
            );
          }
        });
      }
    });
  }

  it('buffer-mode strings are Buffers, simple strings stay strings', () => {
    const { decoder, out } = collectingDecoder({ returnBuffers: true });
    decoder.feed(Buffer.from('*2\r\n$1\r\na\r\n+b\r\n'));
    const [bulk, simple] = out.replies[0] as RespValue[];
    expect(Buffer.isBuffer(bulk)).toBe(true);
    expect(simple).toBe('b');
  });

  it('a bulk inside one chunk is a view of that chunk (buffer mode)', () => {
    const { decoder, out } = collectingDecoder({ returnBuffers: true });
    const chunk = Buffer.from('$5\r\nhello\r\n');
    decoder.feed(chunk);
    const value = out.replies[0] as Buffer;
    expect(value.buffer).toBe(chunk.buffer);
    expect(value.byteOffset).toBe(chunk.byteOffset + 4);
  });

  it('a bulk split across chunks is assembled exactly', () => {
    const payload = Buffer.alloc(100_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) & 0xff;
    const wire = Buffer.concat([Buffer.from(`$${payload.length}\r\n`), payload, Buffer.from('\r\n:1\r\n')]);
    const { decoder, out } = collectingDecoder({ returnBuffers: true });
    feedSplit(decoder, wire, [3, 1000, 50_000, 100_006]);
    expect(out.replies).toHaveLength(2);
    expect((out.replies[0] as Buffer).equals(payload)).toBe(true);
    expect(out.replies[1]).toBe(1);
  });

  it('split string bulks in a row, longer then shorter, each decode exactly (one kept buffer gathers them)', () => {
    const long = 'é'.repeat(9000); // 18,000 bytes, a 2-byte character cut by the chunk boundaries
    const short = 'short-and-split';
    const third = `${long.slice(0, 4000)}x${long.slice(4000, 8999)}`;
    const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
    const wire = Buffer.from(`*3\r\n${bulk(long)}${bulk(short)}${bulk(third)}`);
    const { decoder, out } = collectingDecoder();
    const cuts: number[] = [];
    for (let at = 5; at < wire.length; at += 4099) cuts.push(at);
    cuts.push(18_020); // inside the short bulk
    feedSplit(decoder, wire, cuts);
    expect(out.replies).toEqual([[long, short, third]]);
  });

  it('split bulks returned as Buffers are separate copies, not one reused buffer', () => {
    // 5,000 bytes: above Node's pool size for allocUnsafe, so each copy has an ArrayBuffer of its own.
    const [a, b] = ['a'.repeat(5000), 'b'.repeat(5000)];
    const wire = Buffer.from(`$5000\r\n${a}\r\n$5000\r\n${b}\r\n`);
    const { decoder, out } = collectingDecoder({ returnBuffers: true });
    feedSplit(decoder, wire, [10, 5020]);
    expect(out.replies.map((value) => (value as Buffer).toString())).toEqual([a, b]);
    expect((out.replies[0] as Buffer).buffer).not.toBe((out.replies[1] as Buffer).buffer);
  });

  it('reports MOVED as a RedirectError value, never thrown', () => {
    const { decoder, out } = collectingDecoder();
    decoder.feed(Buffer.from('-MOVED 3999 10.0.0.5:6381\r\n'));
    const err = out.replies[0];
    expect(err).toBeInstanceOf(RedirectError);
    expect(err).toBeInstanceOf(ReplyError);
    expect(err).toMatchObject({ code: 'MOVED', slot: 3999, host: '10.0.0.5', port: 6381 });
  });

  it('delivers pushes to onReply when there is no onPush', () => {
    const replies: RespValue[] = [];
    const decoder = new RespDecoder({ onReply: (v) => replies.push(v) });
    decoder.feed(Buffer.from('>2\r\n+invalidate\r\n*1\r\n+k\r\n|1\r\n+a\r\n+b\r\n:5\r\n'));
    expect(replies).toEqual([['invalidate', ['k']], 5]);
  });
});

describe('RespDecoder returnBuffers', () => {
  it('flipping returnBuffers inside onReply affects only the next reply', () => {
    const wire = Buffer.from('$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n');
    for (let cut = 0; cut <= wire.length; cut++) {
      const replies: RespValue[] = [];
      const decoder: RespDecoder = new RespDecoder({
        onReply: (value) => {
          replies.push(value);
          if (replies.length === 1) decoder.returnBuffers = true;
          if (replies.length === 2) decoder.returnBuffers = false;
        },
      });
      feedSplit(decoder, wire, [cut]);
      expect(replies).toEqual(['a', Buffer.from('b'), 'c']);
    }
  });

  it('a flip in the middle of a reply does not change that reply', () => {
    const replies: RespValue[] = [];
    const decoder = new RespDecoder({ onReply: (v) => replies.push(v) });
    decoder.feed(Buffer.from('*2\r\n$1\r\na\r\n'));
    decoder.returnBuffers = true;
    decoder.feed(Buffer.from('$1\r\nb\r\n$1\r\nc\r\n'));
    expect(replies).toEqual([['a', 'b'], Buffer.from('c')]);
  });
});

describe('RespDecoder partial state', () => {
  it('hasPartial tracks an unfinished reply', () => {
    const { decoder, out } = collectingDecoder();
    expect(decoder.hasPartial).toBe(false);
    decoder.feed(Buffer.from('*2\r\n:1\r\n'));
    expect(decoder.hasPartial).toBe(true);
    decoder.feed(Buffer.from(':2'));
    expect(decoder.hasPartial).toBe(true);
    decoder.feed(Buffer.from('\r\n$3\r\nab'));
    expect(out.replies).toEqual([[1, 2]]);
    expect(decoder.hasPartial).toBe(true);
    decoder.feed(Buffer.from('c\r'));
    expect(decoder.hasPartial).toBe(true);
    decoder.feed(Buffer.from('\n'));
    expect(decoder.hasPartial).toBe(false);
    expect(out.replies).toEqual([[1, 2], 'abc']);
  });

  it('hasPartial is true between a top-level attribute and its value', () => {
    const { decoder } = collectingDecoder();
    decoder.feed(Buffer.from('|1\r\n+a\r\n+b\r\n'));
    expect(decoder.hasPartial).toBe(true);
    decoder.feed(Buffer.from('+v\r\n'));
    expect(decoder.hasPartial).toBe(false);
  });

  it('reset drops partial state', () => {
    const { decoder, out } = collectingDecoder();
    decoder.feed(Buffer.from('*3\r\n:1\r\n$10\r\nabc'));
    decoder.reset();
    expect(decoder.hasPartial).toBe(false);
    decoder.feed(Buffer.from('+OK\r\n'));
    expect(out.replies).toEqual(['OK']);
  });
});

describe('RespDecoder malformed input', () => {
  const bad: Array<[string, string]> = [
    ['inline command', 'PING\r\n'],
    ['unknown type byte', '?3\r\n'],
    ['missing CR', '+OK\n'],
    ['bulk without CRLF after payload', '$3\r\nabcd\r\n'],
    ['negative length', '$-2\r\n'],
    ['negative aggregate length other than -1', '*-5\r\n'],
    ['null set', '~-1\r\n'],
    ['non-digit length', '$1a\r\n'],
    ['empty length', '$\r\n'],
    ['bad integer', ':12x\r\n'],
    ['empty integer', ':\r\n'],
    ['bad boolean', '#x\r\n'],
    ['bad double', ',1.2.3\r\n'],
    ['bad big number', '(12a\r\n'],
    ['null with content', '_x\r\n'],
    ['verbatim without format', '=2\r\nab\r\n'],
    ['length with LF only', '$3\nabc\r\n'],
  ];
  for (const [name, wire] of bad) {
    it(`rejects ${name} (whole and byte by byte)`, () => {
      const whole = collectingDecoder().decoder;
      expect(() => whole.feed(Buffer.from(wire))).toThrow(ProtocolError);
      const bytes = collectingDecoder().decoder;
      const buf = Buffer.from(wire);
      expect(() => {
        for (let i = 0; i < buf.length; i++) bytes.feed(buf.subarray(i, i + 1));
      }).toThrow(ProtocolError);
    });
  }

  it('names the byte and the offset', () => {
    const { decoder } = collectingDecoder();
    expect(() => decoder.feed(Buffer.from('+OK\r\nGET x\r\n'))).toThrow(/'G' \(0x47\) at offset 5/);
  });

  it('stays poisoned until reset', () => {
    const { decoder, out } = collectingDecoder();
    let first: unknown;
    try {
      decoder.feed(Buffer.from('?'));
    } catch (err) {
      first = err;
    }
    expect(first).toBeInstanceOf(ProtocolError);
    expect(() => decoder.feed(Buffer.from('+OK\r\n'))).toThrow(first as Error);
    expect(out.replies).toEqual([]);
    decoder.reset();
    decoder.feed(Buffer.from('+OK\r\n'));
    expect(out.replies).toEqual(['OK']);
  });

  it('an exception thrown by onReply propagates and poisons the decoder', () => {
    const boom = new Error('boom');
    const decoder = new RespDecoder({
      onReply: () => {
        throw boom;
      },
    });
    expect(() => decoder.feed(Buffer.from('+a\r\n+b\r\n'))).toThrow(boom);
    expect(() => decoder.feed(Buffer.from('+c\r\n'))).toThrow(ProtocolError);
  });
});
