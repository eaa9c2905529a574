/**
 * The hot write path: commands encoded as RESP arrays of bulk strings straight into a shared buffer.
 *
 * `CommandWriter` accumulates the commands of one tick and hands them out as chunks for ONE socket
 * write. Bytes it has handed out are never written again: new commands go after them, and when the
 * backing buffer is full a new one is allocated. Large Buffer arguments are not copied; they become
 * chunks of their own between slices of the shared buffer.
 */
import type { RespArg } from './types.js';

const DOLLAR = 0x24;
const STAR = 0x2a;
const CR = 0x0d;
const LF = 0x0a;
/** Room for `$` + up to 16 digits + CRLF. */
const HEADER_ROOM = 20;
/** Strings up to this many characters are tried as ASCII first. */
const SHORT_STRING = 64;

/** Decimal text of a numeric argument, as Redis parses it (`inf`, `-inf` for infinities). */
function numberText(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return String(value);
}

/** Writes the decimal digits of a non-negative integer at `pos`; returns the offset after them. */
function writeDecimal(buf: Buffer, pos: number, value: number): number {
  if (value < 10) {
    buf[pos] = 0x30 + value;
    return pos + 1;
  }
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let i = pos + digits - 1;
  for (let v = value; i >= pos; i--, v = Math.floor(v / 10)) buf[i] = 0x30 + (v % 10);
  return pos + digits;
}

/** Writes `<prefix><n>\r\n` at `pos`; returns the offset after it. */
function writeHeader(buf: Buffer, pos: number, prefix: number, n: number): number {
  buf[pos] = prefix;
  pos = writeDecimal(buf, pos + 1, n);
  buf[pos] = CR;
  buf[pos + 1] = LF;
  return pos + 2;
}

function decimalLength(n: number): number {
  let digits = 1;
  for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
  return digits;
}

/** Encodes one command as a RESP array of bulk strings, in one exactly-sized Buffer. */
export function encodeCommand(args: readonly RespArg[]): Buffer {
  const count = args.length;
  const texts: Array<string | Buffer> = new Array(count);
  const lengths: number[] = new Array(count);
  let total = 3 + decimalLength(count);
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    const text = typeof arg === 'number' || typeof arg === 'bigint' ? numberText(arg) : arg;
    const length = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
    texts[i] = text;
    lengths[i] = length;
    total += 5 + decimalLength(length) + length;
  }
  const buf = Buffer.allocUnsafe(total);
  let pos = writeHeader(buf, 0, STAR, count);
  for (let i = 0; i < count; i++) {
    const text = texts[i];
    pos = writeHeader(buf, pos, DOLLAR, lengths[i]);
    pos += typeof text === 'string' ? buf.write(text, pos) : text.copy(buf, pos);
    buf[pos] = CR;
    buf[pos + 1] = LF;
    pos += 2;
  }
  return buf;
}

export interface CommandWriterOptions {
  /** Size of each backing buffer (default 64 KiB). */
  bufferSize?: number;
  /** Buffer (and string) arguments of at least this many bytes get a chunk of their own (default 8 KiB). */
  largeArgument?: number;
}

/** Accumulates commands for one socket write. */
export class CommandWriter {
  private readonly bufferSize: number;
  private readonly largeArgument: number;
  private buf: Buffer;
  /** Start of the bytes not yet handed out as a chunk. */
  private start = 0;
  /** End of the bytes written. */
  private pos = 0;
  private chunks: Buffer[] = [];
  /** Bytes held in `chunks`. */
  private chunkBytes = 0;

  constructor(options: CommandWriterOptions = {}) {
    this.bufferSize = options.bufferSize ?? 64 * 1024;
    this.largeArgument = options.largeArgument ?? 8 * 1024;
    this.buf = Buffer.allocUnsafe(this.bufferSize);
  }

  /** Bytes pending (written and not yet taken). */
  get length(): number {
    return this.chunkBytes + this.pos - this.start;
  }

  /** Appends one command. */
  write(args: readonly RespArg[]): void {
    const count = args.length;
    this.ensure(HEADER_ROOM);
    this.pos = writeHeader(this.buf, this.pos, STAR, count);
    for (let i = 0; i < count; i++) {
      const arg = args[i];
      if (typeof arg === 'string') this.writeString(arg);
      else if (typeof arg === 'number' || typeof arg === 'bigint') this.writeString(numberText(arg));
      else this.writeBuffer(arg);
    }
  }

  /** Appends pre-encoded bytes (a constant command such as PING or ASKING). */
  writeRaw(bytes: Buffer): void {
    if (bytes.length >= this.largeArgument) {
      this.cut();
      this.push(bytes);
    } else {
      this.ensure(bytes.length);
      this.pos += bytes.copy(this.buf, this.pos);
    }
  }

  /** Returns the pending chunks, in order, for one socket write, and empties the writer. */
  take(): Buffer[] {
    this.cut();
    const chunks = this.chunks;
    this.chunks = [];
    this.chunkBytes = 0;
    return chunks;
  }

  private writeString(text: string): void {
    if (text.length <= SHORT_STRING && this.writeShortAscii(text)) return;
    const length = Buffer.byteLength(text);
    if (length >= this.largeArgument) {
      const own = Buffer.allocUnsafe(length);
      own.write(text, 0);
      this.writeLarge(own);
      return;
    }
    this.ensure(HEADER_ROOM + length + 2);
    const buf = this.buf;
    let pos = writeHeader(buf, this.pos, DOLLAR, length);
    pos += buf.write(text, pos);
    buf[pos] = CR;
    buf[pos + 1] = LF;
    this.pos = pos + 2;
  }

  /**
   * Writes a short string byte by byte when it is all ASCII (command names, most keys): cheaper than
   * Buffer.byteLength + buf.write for a few characters. Returns false, having written nothing, otherwise.
   */
  private writeShortAscii(text: string): boolean {
    const length = text.length;
    this.ensure(HEADER_ROOM + length + 2);
    const buf = this.buf;
    const start = this.pos + (length < 10 ? 4 : 5);
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return false;
      buf[start + i] = c;
    }
    let pos = writeHeader(buf, this.pos, DOLLAR, length) + length;
    buf[pos] = CR;
    buf[pos + 1] = LF;
    pos += 2;
    this.pos = pos;
    return true;
  }

  private writeBuffer(arg: Buffer): void {
    const length = arg.length;
    if (length >= this.largeArgument) {
      this.writeLarge(arg);
      return;
    }
    this.ensure(HEADER_ROOM + length + 2);
    const buf = this.buf;
    let pos = writeHeader(buf, this.pos, DOLLAR, length);
    pos += arg.copy(buf, pos);
    buf[pos] = CR;
    buf[pos + 1] = LF;
    this.pos = pos + 2;
  }

  /** Header in the shared buffer, the payload as its own chunk, CRLF back in the shared buffer. */
  private writeLarge(payload: Buffer): void {
    this.ensure(HEADER_ROOM);
    this.pos = writeHeader(this.buf, this.pos, DOLLAR, payload.length);
    this.cut();
    this.push(payload);
    this.ensure(2);
    this.buf[this.pos] = CR;
    this.buf[this.pos + 1] = LF;
    this.pos += 2;
  }

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
  }

  /** Moves the unhanded bytes of the shared buffer into `chunks`. */
  private cut(): void {
    if (this.pos > this.start) {
      this.push(this.buf.subarray(this.start, this.pos));
      this.start = this.pos;
    }
  }

  /** Makes room for `bytes` more in the shared buffer, retiring the current one when it is full. */
  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.cut();
    this.buf = Buffer.allocUnsafe(Math.max(this.bufferSize, bytes));
    this.start = 0;
    this.pos = 0;
  }
}
