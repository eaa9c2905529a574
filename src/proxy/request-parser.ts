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

/**
 * A complete request: name and, for the commands whose reply depends on it (CLUSTER, HELLO, SENTINEL,
 * INFO), the first argument (lower-cased, truncated); argument count.
 */
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
/** Commands whose first argument is reported as `sub` (their reply's shape depends on it). */
const SUBCOMMAND_READERS = new Set(['cluster', 'hello', 'sentinel', 'info']);

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
  private name = '';
  private sub = '';
  /** The request's first argument is reported (see SUBCOMMAND_READERS). */
  private keepSub = false;
  private nameBuf = Buffer.allocUnsafe(NAME_BYTES);
  private nameLength = 0;
  private lastName = '';

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
      this.name = '';
      this.sub = '';
      this.keepSub = false;
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
    if (this.argIndex === 0 || (this.argIndex === 1 && this.keepSub)) {
      // A few bytes: a loop is cheaper than Buffer#copy.
      const keep = Math.min(take, NAME_BYTES - this.nameLength);
      const name = this.nameBuf;
      for (let i = 0; i < keep; i++) name[this.nameLength + i] = chunk[pos + i];
      this.nameLength += keep;
    }
    this.bulkLeft -= take;
    const stop = pos + take;
    if (this.bulkLeft > 0) return stop;
    if (chunk[stop - 1] !== LF) throw new ProtocolError('Protocol error: bulk argument not followed by CRLF');
    if (this.argIndex === 0) {
      this.name = this.readName();
      // The first argument matters only for the few commands whose reply depends on it (it is a key
      // for most commands: not worth a string per request).
      this.keepSub = SUBCOMMAND_READERS.has(this.name);
    } else if (this.argIndex === 1 && this.keepSub) {
      this.sub = this.nameBuf.toString('latin1', 0, Math.min(this.nameLength, this.argLength)).toLowerCase();
    }
    this.argIndex++;
    if (--this.argsLeft > 0) {
      this.state = BULK_HEADER;
      return stop;
    }
    this.state = START;
    this.onRequest({ name: this.name, sub: this.sub, argc: this.argc });
    return stop;
  }

  /**
   * The command name, lower-cased. The same name as the previous request's (the common case: a
   * stream of GETs) is recognised from its bytes and reuses that string.
   */
  private readName(): string {
    // The kept bytes may include the CRLF when the argument is short: cut at the declared length.
    const length = Math.min(this.nameLength, this.argLength);
    const last = this.lastName;
    if (length === last.length && length <= NAME_BYTES) {
      let same = true;
      for (let i = 0; i < length; i++) {
        const c = this.nameBuf[i];
        const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
        if (lower !== last.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return last;
    }
    this.lastName = this.nameBuf.toString('latin1', 0, length).toLowerCase();
    return this.lastName;
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
