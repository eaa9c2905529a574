import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import type { RespFrame } from '../../src/resp/encoder.js';
import { encodeFrame } from '../../src/resp/encoder.js';
import { readFrame } from '../../src/resp/frame-reader.js';
import { FrameScanner, type FrameScannerOptions } from '../../src/resp/frame-scanner.js';
import { collectingDecoder, feedSplit } from './resp-helpers.js';

const lineText = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const leaf: fc.Arbitrary<RespFrame> = fc.oneof(
  lineText.map((value) => ({ type: 'simple', value }) as const),
  lineText.map((value) => ({ type: 'error', value: `ERR ${value}` }) as const),
  fc.oneof(fc.integer(), int64).map((value) => ({ type: 'integer', value }) as const),
  fc.oneof(fc.string(), bytes, fc.constant(null)).map((value) => ({ type: 'bulk', value }) as const),
  fc.constant({ type: 'array', value: null } as const),
  fc.constant({ type: 'null' } as const),
  fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
  fc.double().map((value) => ({ type: 'double', value }) as const),
  fc.bigInt().map((value) => ({ type: 'bignum', value }) as const),
  fc.string().map((value) => ({ type: 'bulkError', value: `SYNTAX ${value}` }) as const),
  fc
    .record({ format: fc.constantFrom('txt', 'mkd'), value: bytes })
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

/** Offsets (in the whole stream) where the scanner reported a frame end, feeding `bytes` cut at `cuts`. */
function scanEnds(bytes: Buffer, cuts: readonly number[], options?: FrameScannerOptions): number[] {
  const scanner = new FrameScanner(options);
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length)), bytes.length].sort(
    (a, b) => a - b,
  );
  const ends: number[] = [];
  let from = 0;
  for (const point of points) {
    const chunk = bytes.subarray(from, point);
    let pos = 0;
    while (pos < chunk.length) {
      const end = scanner.next(chunk, pos);
      if (end < 0) break;
      ends.push(from + end);
      pos = end;
    }
    from = point;
  }
  return ends;
}

function prefixSums(frames: Buffer[]): number[] {
  let total = 0;
  return frames.map((f) => {
    total += f.length;
    return total;
  });
}

describe('FrameScanner', () => {
  it('reports exactly the frame ends of any frame sequence, whole, at random splits and byte by byte', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, cuts) => {
          const encoded = frames.map(encodeFrame);
          const all = Buffer.concat(encoded);
          const expected = prefixSums(encoded);
          expect(scanEnds(all, [])).toEqual(expected);
          expect(
            scanEnds(
              all,
              cuts.map((c) => c % (all.length + 1)),
            ),
          ).toEqual(expected);
          expect(
            scanEnds(
              all,
              Array.from({ length: all.length }, (_, i) => i),
            ),
          ).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds as many top-level frames as the decoder delivers, on any input the decoder accepts', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
      fc.tuple(frame, fc.nat(), fc.nat({ max: 255 })).map(([f, at, byte]) => {
        const b = Buffer.from(encodeFrame(f));
        b[at % b.length] = byte;
        return b;
      }),
    );
    fc.assert(
      fc.property(garbage, (input) => {
        const { decoder, out } = collectingDecoder();
        let decoderOk = true;
        try {
          decoder.feed(input);
        } catch {
          decoderOk = false;
        }
        let ends: number[] = [];
        let scannerError: unknown;
        try {
          ends = scanEnds(input, []);
        } catch (error) {
          scannerError = error;
        }
        if (scannerError !== undefined) expect(scannerError).toBeInstanceOf(ProtocolError);
        if (decoderOk) {
          expect(scannerError).toBeUndefined();
          expect(ends.length).toBe(out.replies.length + out.pushes.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back what it delimits: encodeFrame(readFrame(bytes)) is the same bytes', () => {
    fc.assert(
      fc.property(frame, (f) => {
        const encoded = encodeFrame(f);
        expect(encodeFrame(readFrame(encoded)).equals(encoded)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the decoder on boundaries when both see the same split stream', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (frames, cuts) => {
          const all = Buffer.concat(frames.map(encodeFrame));
          const { decoder, out } = collectingDecoder();
          feedSplit(decoder, all, cuts);
          expect(scanEnds(all, cuts).length).toBe(out.replies.length + out.pushes.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applies its limits: bulk length, aggregate length, depth, line length', () => {
    expect(() => scanEnds(Buffer.from('$1073741824\r\n'), [], {})).toThrow(ProtocolError);
    expect(() => scanEnds(Buffer.from('$11\r\nhello world\r\n'), [], { maxBulkLength: 10 })).toThrow(
      /limit of 10/,
    );
    expect(() => scanEnds(Buffer.from('*5\r\n'), [], { maxAggregateLength: 4 })).toThrow(/limit of 4/);
    expect(() => scanEnds(Buffer.from('*1\r\n*1\r\n*1\r\n:1\r\n'), [], { maxDepth: 2 })).toThrow(/deeper/);
    expect(() => scanEnds(Buffer.from(`+${'x'.repeat(100)}`), [], { maxLineLength: 50 })).toThrow(/longer/);
    expect(() => scanEnds(Buffer.from('$3\r\nabcXY'), [])).toThrow(/CRLF/);
    expect(() => scanEnds(Buffer.from('?what\r\n'), [])).toThrow(/unexpected type byte/);
  });

  it('stays failed after an error until reset()', () => {
    const scanner = new FrameScanner();
    expect(() => scanner.next(Buffer.from('?'), 0)).toThrow(ProtocolError);
    expect(() => scanner.next(Buffer.from('+OK\r\n'), 0)).toThrow(ProtocolError);
    scanner.reset();
    expect(scanner.next(Buffer.from('+OK\r\n'), 0)).toBe(5);
  });

  it('tells the type of the frame in progress, across chunks', () => {
    const scanner = new FrameScanner();
    expect(scanner.next(Buffer.from('>3\r\n$7\r\nmes'), 0)).toBe(-1);
    expect(scanner.frameType).toBe(0x3e);
    expect(scanner.inFrame).toBe(true);
    expect(scanner.next(Buffer.from('sage\r\n$1\r\nc\r\n$1\r\nm\r\n+OK\r\n'), 0)).toBe(20);
    expect(scanner.inFrame).toBe(false);
  });
});
