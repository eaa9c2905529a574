import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import { RespDecoder } from '../../src/resp/decoder.js';
import type { RespFrame } from '../../src/resp/encoder.js';
import { encodeFrame } from '../../src/resp/encoder.js';
import { createReplyError } from '../../src/resp/reply-error.js';
import type { RespValue } from '../../src/resp/types.js';
import { collectingDecoder, feedSplit, normalize } from './resp-helpers.js';

const lineText = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const leaf: fc.Arbitrary<RespFrame> = fc.oneof(
  lineText.map((value) => ({ type: 'simple', value }) as const),
  lineText.map((value) => ({ type: 'error', value: `ERR ${value}` }) as const),
  fc
    .constantFrom('MOVED 12 10.1.2.3:7000', 'ASK 5 ::1:6379')
    .map((value) => ({ type: 'error', value }) as const),
  fc.oneof(fc.integer(), int64).map((value) => ({ type: 'integer', value }) as const),
  fc.oneof(fc.string(), bytes, fc.constant(null)).map((value) => ({ type: 'bulk', value }) as const),
  fc.constant({ type: 'array', value: null } as const),
  fc.constant({ type: 'null' } as const),
  fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
  fc.double().map((value) => ({ type: 'double', value }) as const),
  fc.bigInt().map((value) => ({ type: 'bignum', value }) as const),
  fc.string().map((value) => ({ type: 'bulkError', value: `SYNTAX ${value}` }) as const),
  fc
    .record({ format: fc.constantFrom('txt', 'mkd'), value: fc.oneof(fc.string(), bytes) })
    .map(({ format, value }) => ({ type: 'verbatim', format, value }) as const),
);

const { frame } = fc.letrec<{ frame: RespFrame }>((tie) => ({
  frame: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('frame'), { maxLength: 4 }).map((value) => ({ type: 'array', value }) as const),
    fc.array(tie('frame'), { maxLength: 4 }).map((value) => ({ type: 'set', value }) as const),
    fc.array(tie('frame'), { maxLength: 3 }).map((value) => ({ type: 'push', value }) as const),
    fc
      .array(fc.tuple(tie('frame'), tie('frame')), { maxLength: 3 })
      .map((value) => ({ type: 'map', value }) as const),
    fc
      .tuple(fc.array(fc.tuple(tie('frame'), tie('frame')), { maxLength: 2 }), tie('frame'))
      .map(([attributes, value]) => ({ type: 'attribute', attributes, value }) as const),
  ),
}));

interface Expected {
  replies: RespValue[];
  pushes: RespValue[][];
  attributes: Array<Map<RespValue, RespValue>>;
}

/** The JS value a frame decodes to; attributes met on the way are appended to `attrs` in wire order. */
function expectedValue(f: RespFrame, buffers: boolean, attrs: Array<Map<RespValue, RespValue>>): RespValue {
  const text = (v: string | Buffer): RespValue => {
    if (buffers) return Buffer.isBuffer(v) ? v : Buffer.from(v);
    return Buffer.isBuffer(v) ? v.toString('utf8') : v;
  };
  const pairs = (list: Array<[RespFrame, RespFrame]>) => {
    const map = new Map<RespValue, RespValue>();
    for (const [k, v] of list) {
      const key = expectedValue(k, buffers, attrs);
      map.set(key, expectedValue(v, buffers, attrs));
    }
    return map;
  };
  switch (f.type) {
    case 'simple':
      return f.value;
    case 'error':
    case 'bulkError':
      return createReplyError(f.value);
    case 'integer': {
      const n = Number(f.value);
      return Number.isSafeInteger(n) ? n : BigInt(f.value);
    }
    case 'bulk':
      return f.value === null ? null : text(f.value);
    case 'verbatim':
      return text(f.value);
    case 'array':
      return f.value === null ? null : f.value.map((x) => expectedValue(x, buffers, attrs));
    case 'set':
    case 'push':
      return f.value.map((x) => expectedValue(x, buffers, attrs));
    case 'null':
      return null;
    case 'boolean':
    case 'double':
    case 'bignum':
      return f.value;
    case 'map':
      return pairs(f.value);
    case 'attribute': {
      attrs.push(pairs(f.attributes));
      return expectedValue(f.value, buffers, attrs);
    }
  }
}

function expectedOf(frames: RespFrame[], buffers: boolean): Expected {
  const out: Expected = { replies: [], pushes: [], attributes: [] };
  for (let f of frames) {
    while (f.type === 'attribute') {
      out.attributes.push(
        expectedValue({ type: 'map', value: f.attributes }, buffers, out.attributes) as Map<
          RespValue,
          RespValue
        >,
      );
      f = f.value;
    }
    const value = expectedValue(f, buffers, out.attributes);
    if (f.type === 'push') out.pushes.push(value as RespValue[]);
    else out.replies.push(value);
  }
  return out;
}

const cuts = (max: number) => fc.array(fc.nat(max), { maxLength: 12 });

describe('RespDecoder properties', () => {
  it('decodes encoded frame trees under random chunk splits', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        cuts(600),
        fc.boolean(),
        (frames, buffers, splitAt, byteByByte) => {
          const wire = Buffer.concat(frames.map(encodeFrame));
          const { decoder, out } = collectingDecoder({ returnBuffers: buffers });
          if (byteByByte) {
            for (let i = 0; i < wire.length; i++) decoder.feed(wire.subarray(i, i + 1));
          } else {
            feedSplit(decoder, wire, splitAt);
          }
          expect(decoder.hasPartial).toBe(false);
          const want = expectedOf(frames, buffers);
          expect(normalize(out.replies)).toEqual(normalize(want.replies));
          expect(normalize(out.pushes)).toEqual(normalize(want.pushes));
          expect(normalize(out.attributes)).toEqual(normalize(want.attributes));
        },
      ),
      { numRuns: 400 },
    );
  });

  function feedExpectingOnlyProtocolErrors(wire: Buffer, splitAt: number[]): void {
    const decoder = new RespDecoder({ onReply: () => {}, maxBulkLength: 1 << 20 });
    let thrown: unknown;
    try {
      feedSplit(decoder, wire, splitAt);
    } catch (err) {
      thrown = err;
    }
    if (thrown !== undefined) {
      expect(thrown).toBeInstanceOf(ProtocolError);
      expect(() => decoder.feed(Buffer.from('+OK\r\n'))).toThrow(thrown as Error);
    }
  }

  it('random bytes only ever raise ProtocolError', () => {
    const alphabet = fc.constantFrom(...Buffer.from('+-:$*_#,(!=%~|>0123456789\r\n\r\n-1tfinax '), 0, 255);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.array(alphabet, { maxLength: 200 }).map((a) => Uint8Array.from(a)),
        ),
        cuts(200),
        (garbage, splitAt) => feedExpectingOnlyProtocolErrors(Buffer.from(garbage), splitAt),
      ),
      { numRuns: 1500 },
    );
  });

  it('mutated valid frames only ever raise ProtocolError', () => {
    fc.assert(
      fc.property(
        frame,
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
        cuts(400),
        (f, mutations, splitAt) => {
          const wire = Buffer.from(encodeFrame(f));
          for (const [at, byte] of mutations) wire[at % wire.length] = byte;
          feedExpectingOnlyProtocolErrors(wire, splitAt);
        },
      ),
      { numRuns: 800 },
    );
  });
});

describe('RespDecoder limits', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function rejects(wire: string, options: Partial<ConstructorParameters<typeof RespDecoder>[0]> = {}) {
    const decoder = new RespDecoder({ onReply: () => {}, ...options });
    expect(() => decoder.feed(Buffer.from(wire))).toThrow(ProtocolError);
  }

  it('a bulk over the default maxBulkLength throws before allocating, even before CRLF', () => {
    const alloc = vi.spyOn(Buffer, 'allocUnsafe');
    rejects('$99999999999\r\n');
    rejects('$99999999999');
    rejects(`$${512 * 1024 * 1024 + 1}\r\n`);
    expect(alloc).not.toHaveBeenCalled();
  });

  it('a bulk at the limit is accepted; a large one is not preallocated', () => {
    const alloc = vi.spyOn(Buffer, 'allocUnsafe');
    const decoder = new RespDecoder({ onReply: () => {} });
    decoder.feed(Buffer.from(`$${512 * 1024 * 1024}\r\nabc`));
    expect(decoder.hasPartial).toBe(true);
    for (const call of alloc.mock.calls) expect(call[0]).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  it('a custom maxBulkLength applies to bulk strings, verbatim strings and bulk errors', () => {
    for (const type of ['$', '=', '!']) {
      rejects(`${type}11\r\n`, { maxBulkLength: 10 });
    }
    const replies: RespValue[] = [];
    new RespDecoder({ onReply: (v) => replies.push(v), maxBulkLength: 10 }).feed(
      Buffer.from('$10\r\n0123456789\r\n'),
    );
    expect(replies).toEqual(['0123456789']);
  });

  it('an aggregate over the default maxAggregateLength throws promptly', () => {
    for (const type of ['*', '~', '%', '>', '|']) {
      rejects(`${type}4294967296\r\n`);
      rejects(`${type}99999999999999999999`);
    }
  });

  it('a declared aggregate length never preallocates', () => {
    const replies: RespValue[] = [];
    const decoder = new RespDecoder({ onReply: (v) => replies.push(v) });
    decoder.feed(Buffer.from('*4294967295\r\n:1\r\n'));
    expect(decoder.hasPartial).toBe(true);
    decoder.reset();
    rejects('*6\r\n', { maxAggregateLength: 5 });
    rejects('%3\r\n', { maxAggregateLength: 2 });
  });

  it('nesting deeper than maxDepth throws', () => {
    const nest = (depth: number) => `${'*1\r\n'.repeat(depth)}:1\r\n`;
    const replies: RespValue[] = [];
    new RespDecoder({ onReply: (v) => replies.push(v) }).feed(Buffer.from(nest(128)));
    expect(replies).toHaveLength(1);
    rejects(nest(129));
    rejects(nest(4), { maxDepth: 3 });
    const ok: RespValue[] = [];
    new RespDecoder({ onReply: (v) => ok.push(v), maxDepth: 3 }).feed(Buffer.from(nest(3)));
    expect(ok).toEqual([[[[1]]]]);
  });

  it('a line longer than maxLineLength throws', () => {
    const decoder = new RespDecoder({ onReply: () => {}, maxLineLength: 100 });
    decoder.feed(Buffer.from(`+${'a'.repeat(60)}`));
    expect(() => decoder.feed(Buffer.from('a'.repeat(60)))).toThrow(ProtocolError);
  });
});
