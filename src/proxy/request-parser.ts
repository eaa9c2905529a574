/**
 * Reads client requests just far enough to name them: RESP multibulk (`*N` then N `$len` bulks) and
 * inline commands (`PING\r\n`, what redis-cli and `nc` send). The bytes themselves are forwarded by the
 * caller as they arrive; this only reports, in order, the lower-cased command name and first argument
 * of every complete request. Bulk payloads are skipped by length (never copied beyond the first bytes
 * of the first two arguments). Limits mirror the server's own, so garbage fails fast and clearly.
 */
import { ProtocolError } from '../errors.js';

export interface RequestLimits {
  /** Largest bulk argument (default 512 MiB, the server's proto-max-bulk-len). */
  maxBulkLength: number;
  /** Most arguments in one multibulk request (default 1 048 576, as the server). */
  maxArgs: number;
  /** Longest inline request line (default 64 KiB, as the server). */
  maxInlineLength: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxBulkLength: 512 * 1024 * 1024,
  maxArgs: 1024 * 1024,
  maxInlineLength: 64 * 1024,
};

/** A complete request: name and first argument (lower-cased, truncated), argument count. */
export interface RequestInfo {
  readonly name: string;
  readonly sub: string;
  readonly argc: number;
}

const CR = 0x0d;
const LF = 0x0a;
const STAR = 0x2a;
const DOLLAR = 0x24;
/** Bytes kept of the first two arguments (command names and subcommands are short). */
const NAME_BYTES = 32;
const HEADER_MAX = 24;

const START = 0;
const INLINE = 1;
const MULTIBULK_HEADER = 2;
const BULK_HEADER = 3;
const BULK_BODY = 4;

export class RequestParser {
  private state = START;
  private header = Buffer.allocUnsafe(HEADER_MAX);
  private headerLength = 0;
  /** Inline line pieces (copies; bounded by maxInlineLength). */
  private inline: Buffer[] = [];
  private inlineLength = 0;
  private argsLeft = 0;
  private argc = 0;
  private argIndex = 0;
  private bulkLeft = 0;
  private argLength = 0;
  private names: [string, string] = ['', ''];
  private nameBuf = Buffer.allocUnsafe(NAME_BYTES);
  private nameLength = 0;

  constructor(
    private readonly onRequest: (request: RequestInfo) => void,
    private readonly limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  ) {}

  /** A request has started and not ended. */
  get inRequest(): boolean {
    return this.state !== START;
  }

  /** Parses `chunk`, calling `onRequest` per complete request. Throws {@link ProtocolError} on bad input. */
  feed(chunk: Buffer): void {
    let pos = 0;
    const end = chunk.length;
    while (pos < end) {
      switch (this.state) {
        case START:
          if (chunk[pos] === STAR) {
            this.state = MULTIBULK_HEADER;
            this.headerLength = 0;
            pos++;
          } else {
            this.state = INLINE;
            this.inline = [];
            this.inlineLength = 0;
          }
          break;
        case INLINE:
          pos = this.readInline(chunk, pos);
          break;
        case MULTIBULK_HEADER:
        case BULK_HEADER:
          pos = this.readHeader(chunk, pos);
          break;
        default:
          pos = this.readBulk(chunk, pos);
      }
    }
  }

  private readInline(chunk: Buffer, pos: number): number {
    const lf = chunk.indexOf(LF, pos);
    const stop = lf < 0 ? chunk.length : lf;
    this.inlineLength += stop - pos;
    if (this.inlineLength > this.limits.maxInlineLength) {
      throw new ProtocolError('Protocol error: too big inline request');
    }
    this.inline.push(Buffer.from(chunk.subarray(pos, stop)));
    if (lf < 0) return chunk.length;
    const line = Buffer.concat(this.inline).toString('latin1');
    this.inline = [];
    this.state = START;
    const words = line
      .trim()
      .split(/\s+/)
      .filter((word) => word !== '');
    if (words.length > 0) {
      this.onRequest({ name: unquote(words[0]), sub: unquote(words[1] ?? ''), argc: words.length });
    }
    return lf + 1;
  }

  private readHeader(chunk: Buffer, pos: number): number {
    const end = chunk.length;
    while (pos < end) {
      const c = chunk[pos++];
      if (c === LF) {
        this.headerDone();
        return pos;
      }
      if (this.headerLength >= HEADER_MAX) this.failHeader();
      if (this.state === BULK_HEADER && this.headerLength === 0 && c !== DOLLAR) {
        throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(c)}'`);
      }
      this.header[this.headerLength++] = c;
    }
    return pos;
  }

  private headerDone(): void {
    const multibulk = this.state === MULTIBULK_HEADER;
    const first = multibulk ? 0 : 1;
    const n = this.headerLength;
    if (n - first < 2 || this.header[n - 1] !== CR) this.failHeader();
    let value = 0;
    let negative = false;
    let i = first;
    if (this.header[i] === 0x2d) {
      negative = true;
      i++;
    }
    const limit = multibulk ? this.limits.maxArgs : this.limits.maxBulkLength;
    for (; i < n - 1; i++) {
      const c = this.header[i];
      if (c < 0x30 || c > 0x39) this.failHeader();
      value = value * 10 + (c - 0x30);
      if (value > limit) {
        throw new ProtocolError(`Protocol error: invalid ${multibulk ? 'multibulk' : 'bulk'} length`);
      }
    }
    this.headerLength = 0;
    if (multibulk) {
      if (negative || value === 0) {
        // `*0` / `*-1`: the server ignores it and sends no reply.
        this.state = START;
        return;
      }
      this.argsLeft = value;
      this.argc = value;
      this.argIndex = 0;
      this.names = ['', ''];
      this.state = BULK_HEADER;
      return;
    }
    if (negative) throw new ProtocolError('Protocol error: invalid bulk length');
    this.bulkLeft = value + 2;
    this.argLength = value;
    this.nameLength = 0;
    this.state = BULK_BODY;
  }

  private readBulk(chunk: Buffer, pos: number): number {
    const take = Math.min(this.bulkLeft, chunk.length - pos);
    if (this.argIndex < 2) {
      const keep = Math.min(take, NAME_BYTES - this.nameLength);
      if (keep > 0) {
        chunk.copy(this.nameBuf, this.nameLength, pos, pos + keep);
        this.nameLength += keep;
      }
    }
    this.bulkLeft -= take;
    const stop = pos + take;
    if (this.bulkLeft > 0) return stop;
    if (chunk[stop - 1] !== LF) throw new ProtocolError('Protocol error: bulk argument not followed by CRLF');
    if (this.argIndex < 2) {
      // The kept bytes may include the CRLF when the argument is short: cut at the declared length.
      const length = Math.min(this.nameLength, this.argLength);
      this.names[this.argIndex] = this.nameBuf.toString('latin1', 0, length).toLowerCase();
    }
    this.argIndex++;
    if (--this.argsLeft > 0) {
      this.state = BULK_HEADER;
      return stop;
    }
    this.state = START;
    this.onRequest({ name: this.names[0], sub: this.names[1], argc: this.argc });
    return stop;
  }

  private failHeader(): never {
    const text = this.header.toString('latin1', 0, this.headerLength);
    const what = this.state === MULTIBULK_HEADER ? 'multibulk' : 'bulk';
    throw new ProtocolError(`Protocol error: invalid ${what} length ${JSON.stringify(text)}`);
  }
}

function unquote(word: string): string {
  const bare = word.length >= 2 && (word[0] === '"' || word[0] === "'") ? word.slice(1, -1) : word;
  return bare.toLowerCase();
}
