/**
 * Reads ONE complete RESP frame from a Buffer into the typed {@link RespFrame} model, keeping every
 * type distinction (simple vs bulk string, set vs array, verbatim format, RESP2 nulls) so that
 * `encodeFrame(readFrame(bytes))` gives the same bytes back for what servers send. Used by the proxy on
 * the few replies it rewrites; the bytes were already delimited by the {@link FrameScanner}.
 */
import { ProtocolError } from '../errors.js';
import { parseDouble } from './double.js';
import type { RespFrame } from './encoder.js';

const CR = 0x0d;
const LF = 0x0a;

class Cursor {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  line(): string {
    const lf = this.buf.indexOf(LF, this.pos);
    if (lf < 1 || this.buf[lf - 1] !== CR)
      throw new ProtocolError('frame reader: line not terminated by CRLF');
    const text = this.buf.toString('utf8', this.pos, lf - 1);
    this.pos = lf + 1;
    return text;
  }

  length(): number {
    const text = this.line();
    if (text === '-1') return -1;
    if (!/^\d+$/.test(text))
      throw new ProtocolError(`frame reader: malformed length ${JSON.stringify(text)}`);
    return Number(text);
  }

  bytes(n: number): Buffer {
    const start = this.pos;
    const stop = start + n;
    if (stop + 2 > this.buf.length || this.buf[stop] !== CR || this.buf[stop + 1] !== LF) {
      throw new ProtocolError('frame reader: bulk payload truncated or not followed by CRLF');
    }
    this.pos = stop + 2;
    return this.buf.subarray(start, stop);
  }
}

function readOne(c: Cursor, depth: number): RespFrame {
  if (depth > 128) throw new ProtocolError('frame reader: nesting too deep');
  const type = c.buf[c.pos++];
  switch (type) {
    case 0x2b:
      return { type: 'simple', value: c.line() };
    case 0x2d:
      return { type: 'error', value: c.line() };
    case 0x3a: {
      const text = c.line();
      const n = Number(text);
      return { type: 'integer', value: Number.isSafeInteger(n) ? n : BigInt(text) };
    }
    case 0x5f:
      c.line();
      return { type: 'null' };
    case 0x23:
      return { type: 'boolean', value: c.line() === 't' };
    case 0x2c: {
      return { type: 'double', value: parseDouble(c.line()) };
    }
    case 0x28:
      return { type: 'bignum', value: BigInt(c.line()) };
    case 0x24: {
      const n = c.length();
      return { type: 'bulk', value: n < 0 ? null : c.bytes(n) };
    }
    case 0x21:
      return { type: 'bulkError', value: c.bytes(c.length()).toString('utf8') };
    case 0x3d: {
      const body = c.bytes(c.length());
      return { type: 'verbatim', format: body.toString('latin1', 0, 3), value: body.subarray(4) };
    }
    case 0x2a: {
      const n = c.length();
      return { type: 'array', value: n < 0 ? null : readMany(c, n, depth) };
    }
    case 0x7e:
      return { type: 'set', value: readMany(c, c.length(), depth) };
    case 0x3e:
      return { type: 'push', value: readMany(c, c.length(), depth) };
    case 0x25:
      return { type: 'map', value: readPairs(c, c.length(), depth) };
    case 0x7c: {
      const attributes = readPairs(c, c.length(), depth);
      return { type: 'attribute', attributes, value: readOne(c, depth + 1) };
    }
    default:
      throw new ProtocolError(`frame reader: unexpected type byte ${type}`);
  }
}

function readMany(c: Cursor, n: number, depth: number): RespFrame[] {
  const items: RespFrame[] = [];
  for (let i = 0; i < n; i++) items.push(readOne(c, depth + 1));
  return items;
}

function readPairs(c: Cursor, n: number, depth: number): Array<[RespFrame, RespFrame]> {
  const pairs: Array<[RespFrame, RespFrame]> = [];
  for (let i = 0; i < n; i++) pairs.push([readOne(c, depth + 1), readOne(c, depth + 1)]);
  return pairs;
}

/** Reads the complete frame that starts at offset 0 of `buf`. Throws {@link ProtocolError} otherwise. */
export function readFrame(buf: Buffer): RespFrame {
  const cursor = new Cursor(buf);
  const frame = readOne(cursor, 0);
  if (cursor.pos !== buf.length) throw new ProtocolError('frame reader: bytes after the frame');
  return frame;
}
