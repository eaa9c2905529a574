import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandWriter, encodeCommand } from '../../src/resp/command-writer.js';
import type { RespArg } from '../../src/resp/types.js';

const arg: fc.Arbitrary<RespArg> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc.uint8Array({ minLength: 100, maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.bigInt(),
);

describe('encodeCommand', () => {
  it('encodes a RESP array of bulk strings', () => {
    expect(encodeCommand(['SET', 'key', 'välue', 42, -7n, Buffer.from([0, 13, 10, 255])])).toEqual(
      Buffer.concat([
        Buffer.from('*6\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n$2\r\n42\r\n$2\r\n-7\r\n$4\r\n'),
        Buffer.from([0, 13, 10, 255]),
        Buffer.from('\r\n'),
      ]),
    );
  });

  it('encodes no arguments, empty strings and numbers', () => {
    expect(encodeCommand([]).toString()).toBe('*0\r\n');
    expect(encodeCommand(['']).toString()).toBe('*1\r\n$0\r\n\r\n');
    expect(encodeCommand([1.5, Number.POSITIVE_INFINITY, 1234567890]).toString()).toBe(
      '*3\r\n$3\r\n1.5\r\n$3\r\ninf\r\n$10\r\n1234567890\r\n',
    );
  });

  it('matches a naive reference encoder', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 12 }), (args) => {
        const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
        for (const a of args) {
          const body = Buffer.isBuffer(a)
            ? a
            : Buffer.from(
                typeof a === 'number' && !Number.isFinite(a) ? (a > 0 ? 'inf' : '-inf') : String(a),
              );
          parts.push(Buffer.from(`$${body.length}\r\n`), body, Buffer.from('\r\n'));
        }
        expect(encodeCommand(args)).toEqual(Buffer.concat(parts));
      }),
      { numRuns: 300 },
    );
  });
});

describe('CommandWriter', () => {
  it('output equals encodeCommand for random commands and buffer sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(arg, { maxLength: 8 }), { maxLength: 20 }),
        fc.integer({ min: 32, max: 2048 }),
        fc.integer({ min: 16, max: 512 }),
        fc.array(fc.nat(20), { maxLength: 4 }),
        (commands, bufferSize, largeArgument, takeAfter) => {
          const writer = new CommandWriter({ bufferSize, largeArgument });
          const written: Buffer[] = [];
          commands.forEach((command, i) => {
            writer.write(command);
            if (takeAfter.includes(i)) {
              const chunks = writer.take();
              expect(writer.length).toBe(0);
              written.push(...chunks.map((c) => Buffer.from(c)));
            }
          });
          const before = writer.length;
          const chunks = writer.take();
          expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(before);
          written.push(...chunks);
          expect(Buffer.concat(written)).toEqual(Buffer.concat(commands.map((c) => encodeCommand(c))));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never overwrites bytes already handed out', () => {
    const writer = new CommandWriter({ bufferSize: 256 });
    const handed: Array<[Buffer, Buffer]> = [];
    for (let i = 0; i < 200; i++) {
      writer.write(['SET', `key:${i}`, 'x'.repeat(i % 50)]);
      if (i % 3 === 0) {
        for (const chunk of writer.take()) handed.push([chunk, Buffer.from(chunk)]);
      }
    }
    writer.take();
    for (const [chunk, copy] of handed) expect(chunk.equals(copy)).toBe(true);
  });

  it('passes large Buffer arguments through as the same object', () => {
    const big = Buffer.alloc(20_000, 0xab);
    const writer = new CommandWriter();
    writer.write(['SET', 'k', big]);
    writer.write(['GET', 'k']);
    expect(writer.length).toBe(encodeCommand(['SET', 'k', big]).length + encodeCommand(['GET', 'k']).length);
    const chunks = writer.take();
    expect(chunks).toContain(big);
    expect(chunks).toHaveLength(3);
    expect(Buffer.concat(chunks)).toEqual(
      Buffer.concat([encodeCommand(['SET', 'k', big]), encodeCommand(['GET', 'k'])]),
    );
  });

  it('short ASCII fast path: every length around the header-size boundaries, non-ASCII fallback', () => {
    for (let length = 0; length <= 70; length++) {
      for (const tail of ['', 'é', '\u{1F600}', '\x7f']) {
        const text = 'k'.repeat(length) + tail;
        const writer = new CommandWriter({ bufferSize: 48 });
        writer.write(['SET', text, text]);
        expect(Buffer.concat(writer.take())).toEqual(encodeCommand(['SET', text, text]));
      }
    }
  });

  it('keeps binary arguments intact', () => {
    const binary = Buffer.from([0, 1, 2, 13, 10, 0x24, 0x2a, 255, 254]);
    const writer = new CommandWriter();
    writer.write(['SET', binary, binary]);
    const out = Buffer.concat(writer.take());
    expect(out).toEqual(encodeCommand(['SET', binary, binary]));
    expect(out.indexOf(binary)).toBeGreaterThan(0);
  });

  it('writeRaw appends pre-encoded commands, large ones as their own chunk', () => {
    const ping = encodeCommand(['PING']);
    const big = encodeCommand(['SET', 'k', 'v'.repeat(10_000)]);
    const writer = new CommandWriter();
    writer.writeRaw(ping);
    writer.write(['GET', 'a']);
    writer.writeRaw(big);
    writer.writeRaw(ping);
    expect(writer.length).toBe(ping.length * 2 + big.length + encodeCommand(['GET', 'a']).length);
    const chunks = writer.take();
    expect(chunks).toContain(big);
    expect(Buffer.concat(chunks)).toEqual(Buffer.concat([ping, encodeCommand(['GET', 'a']), big, ping]));
    expect(writer.take()).toEqual([]);
  });
});
