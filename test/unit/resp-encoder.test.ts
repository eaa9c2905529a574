import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, formatDouble } from '../../src/resp/encoder.js';

describe('encodeFrame', () => {
  const cases: Array<[Parameters<typeof encodeFrame>[0], string]> = [
    [{ type: 'simple', value: 'OK' }, '+OK\r\n'],
    [{ type: 'error', value: 'ERR x' }, '-ERR x\r\n'],
    [{ type: 'integer', value: -5 }, ':-5\r\n'],
    [{ type: 'integer', value: 2n ** 63n - 1n }, ':9223372036854775807\r\n'],
    [{ type: 'bulk', value: 'héllo' }, '$6\r\nhéllo\r\n'],
    [{ type: 'bulk', value: null }, '$-1\r\n'],
    [{ type: 'array', value: null }, '*-1\r\n'],
    [{ type: 'array', value: [] }, '*0\r\n'],
    [{ type: 'null' }, '_\r\n'],
    [{ type: 'boolean', value: false }, '#f\r\n'],
    [{ type: 'double', value: 1.5e10 }, ',15000000000\r\n'],
    [{ type: 'double', value: Number.NEGATIVE_INFINITY }, ',-inf\r\n'],
    [{ type: 'bignum', value: -12345678901234567890n }, '(-12345678901234567890\r\n'],
    [{ type: 'bulkError', value: 'SYNTAX bad' }, '!10\r\nSYNTAX bad\r\n'],
    [{ type: 'verbatim', format: 'txt', value: 'hi' }, '=6\r\ntxt:hi\r\n'],
    [
      {
        type: 'map',
        value: [
          [
            { type: 'simple', value: 'a' },
            { type: 'set', value: [{ type: 'integer', value: 1 }] },
          ],
        ],
      },
      '%1\r\n+a\r\n~1\r\n:1\r\n',
    ],
    [
      {
        type: 'attribute',
        attributes: [
          [
            { type: 'simple', value: 'ttl' },
            { type: 'integer', value: 3 },
          ],
        ],
        value: { type: 'push', value: [{ type: 'simple', value: 'x' }] },
      },
      '|1\r\n+ttl\r\n:3\r\n>1\r\n+x\r\n',
    ],
  ];
  for (const [frame, wire] of cases) {
    it(`encodes ${frame.type} as ${JSON.stringify(wire)}`, () => {
      expect(encodeFrame(frame).toString()).toBe(wire);
    });
  }

  it('rejects CR/LF in simple strings, bad verbatim formats and fractional integers', () => {
    expect(() => encodeFrame({ type: 'simple', value: 'a\r\nb' })).toThrow(TypeError);
    expect(() => encodeFrame({ type: 'verbatim', format: 'text', value: '' })).toThrow(TypeError);
    expect(() => encodeFrame({ type: 'integer', value: 1.5 })).toThrow(TypeError);
  });
});

describe('formatDouble', () => {
  it('special values', () => {
    expect(formatDouble(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(formatDouble(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(formatDouble(Number.NaN)).toBe('nan');
    expect(formatDouble(-0)).toBe('-0');
    expect(formatDouble(0.1)).toBe('0.1');
    expect(formatDouble(1e21)).toBe('1e+21');
  });

  it('round-trips every double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Object.is(Number(formatDouble(value)), value)).toBe(true);
      }),
    );
  });
});
