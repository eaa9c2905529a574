/**
 * Above ~400 lines for a reason: every RESP2/RESP3 type's parsing shares the cursor and the stack of unfinished
 * aggregates; split, one resumable state machine would spread over several files.
 *
 * Incremental RESP2/RESP3 decoder: a resumable cursor over the Buffers a socket hands us.
 *
 * Within a chunk it walks an offset; aggregates in progress live on an explicit stack, so a reply may
 * stop at any byte and resume with the next chunk. Only two things survive a chunk boundary: an
 * unfinished line (kept as small copied pieces) and an unfinished bulk payload (assembled into one
 * buffer, one copy per byte). Bulk strings wholly inside a chunk are sliced from it.
 */
import { ProtocolError } from '../errors.js';
import { parseStrictDouble } from './double.js';
import {
  DEFAULT_MAX_AGGREGATE_LENGTH,
  DEFAULT_MAX_BULK_LENGTH,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LINE_LENGTH,
  PREALLOCATE_BULK_LIMIT,
} from './limits.js';
import { createReplyError } from './reply-error.js';
import type { RespValue } from './types.js';

export interface RespDecoderOptions {
  /** Each complete top-level reply, in order. */
  onReply: (value: RespValue) => void;
  /** RESP3 push frames at top level; when absent they are delivered to `onReply`. */
  onPush?: (value: RespValue[]) => void;
  /** RESP3 attributes; the value that follows is decoded normally. When absent they are dropped. */
  onAttribute?: (attrs: Map<RespValue, RespValue>) => void;
  /** Bulk and verbatim strings as Buffer instead of UTF-8 strings. */
  returnBuffers?: boolean;
  /** Largest bulk string accepted (default 512 MiB, the server's proto-max-bulk-len). */
  maxBulkLength?: number;
  /** Largest declared aggregate length (default 2^32 - 1). Elements are never preallocated. */
  maxAggregateLength?: number;
  /** Deepest nesting of aggregates (default 128). */
  maxDepth?: number;
  /** Longest line (simple string, error, number) accepted (default 64 MiB). */
  maxLineLength?: number;
}

/** An aggregate being filled. Maps and attributes hold keys and values alternately in `items`. */
interface PendingAggregate {
  type: number;
  items: RespValue[];
  remaining: number;
}

/** Type bytes (see RespType in types.ts), as plain constants for the hot switch. */
const SIMPLE = 0x2b; // '+'
const ERROR = 0x2d; // '-'
const INTEGER = 0x3a; // ':'
const BULK = 0x24; // '$'
const ARRAY = 0x2a; // '*'
const NULL = 0x5f; // '_'
const BOOLEAN = 0x23; // '#'
const DOUBLE = 0x2c; // ','
const BIG_NUMBER = 0x28; // '('
const BULK_ERROR = 0x21; // '!'
const VERBATIM = 0x3d; // '='
const MAP = 0x25; // '%'
const SET = 0x7e; // '~'
const ATTRIBUTE = 0x7c; // '|'
const PUSH = 0x3e; // '>'
const CR = 0x0d;
const LF = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** Digits whose decimal value is always a safe integer. */
const SAFE_DIGITS = 15;
/** Split string bulks up to this size are gathered in the decoder's kept buffer; larger ones get their own. */
const SCRATCH_BULK_LIMIT = 64 * 1024;
const NO_PIECES: Buffer[] = [];
const BIG_NUMBER_PATTERN = /^[+-]?\d+$/;

function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}' (${hex})` : hex;
}

function preview(buf: Buffer, pos: number): string {
  const text = buf.toString('latin1', pos, Math.min(buf.length, pos + 24));
  return JSON.stringify(text);
}

export class RespDecoder {
  /** Public and mutable: read at the start of each top-level reply (flip it inside `onReply`). */
  returnBuffers: boolean;
  /** Public and mutable: decode top-level push frames (RESP3 `>`) with bulk strings as Buffers. */
  pushBuffers = false;

  private readonly onReply: (value: RespValue) => void;
  private readonly onPush: ((value: RespValue[]) => void) | undefined;
  private readonly onAttribute: ((attrs: Map<RespValue, RespValue>) => void) | undefined;
  private readonly maxBulkLength: number;
  private readonly maxAggregateLength: number;
  private readonly maxDepth: number;
  private readonly maxLineLength: number;

  /** Buffer mode of the reply in progress. */
  private buffers = false;
  private readonly stack: PendingAggregate[] = [];
  /** A top-level attribute was delivered; its value has not arrived yet. */
  private attributePending = false;
  /** Set by the header readers: offset after the CRLF, or -1 when the line is incomplete. */
  private next = 0;

  /** Unfinished line carried over from earlier chunks (copied, without LF). */
  private linePieces: Buffer[] = NO_PIECES;
  private lineLength = 0;

  /** Unfinished bulk payload: type byte (0 = none), declared length, bytes received so far. */
  private bulkType = 0;
  private bulkLength = 0;
  private bulkReceived = 0;
  /** Preallocated target (small bulks) or received pieces (large bulks). */
  private bulkTarget: Buffer | null = null;
  private bulkPieces: Buffer[] = NO_PIECES;
  /** Kept between replies: where a split bulk that becomes a string is gathered (see startBulk). */
  private stringScratch: Buffer | null = null;
  /** CRLF bytes after the payload still to be seen (2, 1, 0). */
  private bulkCrlf = 0;

  private error: Error | null = null;

  constructor(options: RespDecoderOptions) {
    this.onReply = options.onReply;
    this.onPush = options.onPush;
    this.onAttribute = options.onAttribute;
    this.returnBuffers = options.returnBuffers ?? false;
    this.maxBulkLength = options.maxBulkLength ?? DEFAULT_MAX_BULK_LENGTH;
    this.maxAggregateLength = options.maxAggregateLength ?? DEFAULT_MAX_AGGREGATE_LENGTH;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  /** A reply is partly received (an aggregate, a line, a bulk payload or an attribute's value). */
  get hasPartial(): boolean {
    return this.stack.length > 0 || this.bulkType !== 0 || this.lineLength > 0 || this.attributePending;
  }

  /** Drops every partial state and any earlier error. */
  reset(): void {
    this.stack.length = 0;
    this.attributePending = false;
    this.linePieces = NO_PIECES;
    this.lineLength = 0;
    this.clearBulk();
    this.error = null;
  }

  /**
   * Decodes `chunk`, calling `onReply` for every reply it completes. Throws {@link ProtocolError} on
   * malformed input or over a limit; the decoder then stays failed (every `feed` throws) until `reset()`.
   */
  feed(chunk: Buffer): void {
    if (this.error !== null) throw this.error;
    try {
      const end = chunk.length;
      let pos = 0;
      while (pos < end) {
        if (this.bulkType !== 0) pos = this.continueBulk(chunk, pos);
        else if (this.lineLength > 0) pos = this.continueLine(chunk, pos);
        else pos = this.parse(chunk, pos);
      }
    } catch (err) {
      this.error =
        err instanceof ProtocolError
          ? err
          : new ProtocolError('RESP decoder is unusable: a reply callback threw', { cause: err });
      throw err;
    }
  }

  // ---- the main loop over one buffer ----

  /** Parses complete elements from `buf` starting at `pos`; returns where it stopped (always `buf.length`). */
  private parse(buf: Buffer, pos: number): number {
    const end = buf.length;
    while (pos < end) {
      const type = buf[pos];
      if (this.stack.length === 0) this.buffers = this.returnBuffers || (type === PUSH && this.pushBuffers);
      switch (type) {
        case BULK:
        case VERBATIM:
        case BULK_ERROR: {
          const length = this.readLength(buf, pos + 1, this.maxBulkLength, type === BULK);
          const start = this.next;
          if (start < 0) return this.keepLine(buf, pos);
          if (length < 0) {
            pos = start;
            this.emit(null);
            break;
          }
          const stop = start + length;
          if (stop + 2 > end) {
            this.startBulk(type, length, buf, start);
            return end;
          }
          if (buf[stop] !== CR || buf[stop + 1] !== LF)
            this.fail('bulk payload not followed by CRLF', buf, stop);
          pos = stop + 2;
          this.emit(this.bulkValue(type, buf, start, stop));
          break;
        }
        case ARRAY:
        case SET:
        case MAP:
        case PUSH:
        case ATTRIBUTE: {
          const length = this.readLength(buf, pos + 1, this.maxAggregateLength, type === ARRAY);
          if (this.next < 0) return this.keepLine(buf, pos);
          pos = this.next;
          if (length < 0) this.emit(null);
          else this.openAggregate(type, length, buf, pos);
          break;
        }
        case INTEGER: {
          const value = this.readInteger(buf, pos + 1);
          if (this.next < 0) return this.keepLine(buf, pos);
          pos = this.next;
          this.emit(value);
          break;
        }
        case SIMPLE:
        case ERROR:
        case NULL:
        case BOOLEAN:
        case DOUBLE:
        case BIG_NUMBER: {
          const lf = buf.indexOf(LF, pos + 1);
          if (lf < 0) return this.keepLine(buf, pos);
          if (lf - 1 <= pos || buf[lf - 1] !== CR) this.fail('line not terminated by CRLF', buf, pos);
          const value = this.lineValue(type, buf, pos + 1, lf - 1);
          pos = lf + 1;
          this.emit(value);
          break;
        }
        default:
          this.fail(`unexpected type byte ${describeByte(type)}`, buf, pos);
      }
    }
    return pos;
  }

  /** Value of a one-line element; `start..stop` is the text between the type byte and CR. */
  private lineValue(type: number, buf: Buffer, start: number, stop: number): RespValue {
    switch (type) {
      case SIMPLE:
        return buf.toString('utf8', start, stop);
      case ERROR:
        return createReplyError(buf.toString('utf8', start, stop));
      case NULL:
        if (stop !== start) this.fail('null with content', buf, start - 1);
        return null;
      case BOOLEAN:
        if (stop === start + 1 && buf[start] === 0x74) return true;
        if (stop === start + 1 && buf[start] === 0x66) return false;
        return this.fail('boolean is neither t nor f', buf, start - 1);
      case DOUBLE:
        return this.parseDouble(buf, start, stop);
      default: {
        const text = buf.toString('latin1', start, stop);
        if (!BIG_NUMBER_PATTERN.test(text)) this.fail('malformed big number', buf, start - 1);
        return BigInt(text);
      }
    }
  }

  private parseDouble(buf: Buffer, start: number, stop: number): number {
    const value = parseStrictDouble(buf.toString('latin1', start, stop));
    return value === undefined ? this.fail('malformed double', buf, start - 1) : value;
  }

  /** Bulk, verbatim or bulk-error value of `buf[start..stop)`. */
  private bulkValue(type: number, buf: Buffer, start: number, stop: number): RespValue {
    if (type === BULK) {
      return this.buffers ? buf.subarray(start, stop) : buf.toString('utf8', start, stop);
    }
    if (type === VERBATIM) {
      if (stop - start < 4 || buf[start + 3] !== 0x3a)
        this.fail('verbatim string without format', buf, start);
      return this.buffers ? buf.subarray(start + 4, stop) : buf.toString('utf8', start + 4, stop);
    }
    return createReplyError(buf.toString('utf8', start, stop));
  }

  // ---- numbers read straight from bytes ----

  /**
   * Reads a length (digits, or `-1` when `allowNull`) up to CRLF, starting at `pos`. Sets `this.next`
   * to the offset after the CRLF, or -1 when the line is not complete yet. Throws as soon as a byte is
   * wrong or the value passes `limit`, before the line ends.
   */
  private readLength(buf: Buffer, pos: number, limit: number, allowNull: boolean): number {
    const end = buf.length;
    let i = pos;
    let negative = false;
    if (i < end && buf[i] === MINUS) {
      negative = true;
      i++;
    }
    let n = 0;
    const digitsStart = i;
    while (i < end) {
      const c = buf[i];
      if (c < ZERO || c > NINE) break;
      n = n * 10 + (c - ZERO);
      if (negative ? n > 1 : n > limit) {
        this.fail(negative ? 'negative length' : `length over the limit of ${limit}`, buf, pos - 1);
      }
      i++;
    }
    if (i + 1 >= end) {
      if (i < end && buf[i] !== CR) this.fail('malformed length', buf, pos - 1);
      this.next = -1;
      return 0;
    }
    if (i === digitsStart || buf[i] !== CR || buf[i + 1] !== LF) this.fail('malformed length', buf, pos - 1);
    if (negative) {
      if (!allowNull || n !== 1) this.fail('negative length', buf, pos - 1);
      this.next = i + 2;
      return -1;
    }
    this.next = i + 2;
    return n;
  }

  /** Reads a `:` integer; number when safe, bigint otherwise. Same `this.next` contract as readLength. */
  private readInteger(buf: Buffer, pos: number): number | bigint {
    const end = buf.length;
    let i = pos;
    if (i < end && (buf[i] === MINUS || buf[i] === 0x2b)) i++;
    const digitsStart = i;
    let n = 0;
    while (i < end) {
      const c = buf[i];
      if (c < ZERO || c > NINE) break;
      n = n * 10 + (c - ZERO);
      i++;
    }
    if (i + 1 >= end) {
      if (i < end && buf[i] !== CR) this.fail('malformed integer', buf, pos - 1);
      this.next = -1;
      return 0;
    }
    if (i === digitsStart || buf[i] !== CR || buf[i + 1] !== LF) this.fail('malformed integer', buf, pos - 1);
    this.next = i + 2;
    if (i - digitsStart <= SAFE_DIGITS) return buf[pos] === MINUS ? -n : n;
    const big = BigInt(buf.toString('latin1', pos, i));
    const small = Number(big);
    return Number.isSafeInteger(small) ? small : big;
  }

  // ---- aggregates ----

  private openAggregate(type: number, length: number, buf: Buffer, pos: number): void {
    if (length === 0) {
      this.closeAggregate(type, []);
      return;
    }
    if (this.stack.length >= this.maxDepth) {
      this.fail(`nesting deeper than the limit of ${this.maxDepth}`, buf, pos);
    }
    const pairs = type === MAP || type === ATTRIBUTE;
    this.stack.push({ type, items: [], remaining: pairs ? length * 2 : length });
  }

  /** An aggregate is complete: attributes and top-level pushes go to their callbacks, the rest upward. */
  private closeAggregate(type: number, items: RespValue[]): void {
    if (type === ATTRIBUTE) {
      if (this.stack.length === 0) this.attributePending = true;
      if (this.onAttribute !== undefined) this.onAttribute(toMap(items));
      return;
    }
    if (type === PUSH && this.stack.length === 0) {
      this.attributePending = false;
      if (this.onPush !== undefined) this.onPush(items);
      else this.onReply(items);
      return;
    }
    this.emit(type === MAP ? toMap(items) : items);
  }

  /** A value is complete: add it to the open aggregate, closing aggregates that fill up, or deliver it. */
  private emit(value: RespValue): void {
    const stack = this.stack;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      top.items.push(value);
      if (--top.remaining > 0) return;
      stack.pop();
      if (top.type === ATTRIBUTE || (top.type === PUSH && stack.length === 0)) {
        this.closeAggregate(top.type, top.items);
        return;
      }
      value = top.type === MAP ? toMap(top.items) : top.items;
    }
    this.attributePending = false;
    this.onReply(value);
  }

  // ---- state carried across chunks ----

  /** Keeps the unfinished line `buf[pos..]` (copied: the chunk itself is not retained). */
  private keepLine(buf: Buffer, pos: number): number {
    const end = buf.length;
    this.appendLine(Buffer.from(buf.subarray(pos, end)), buf, pos);
    return end;
  }

  private appendLine(piece: Buffer, buf: Buffer, pos: number): void {
    this.lineLength += piece.length;
    if (this.lineLength > this.maxLineLength) {
      this.fail(`line longer than the limit of ${this.maxLineLength}`, buf, pos);
    }
    if (this.linePieces === NO_PIECES) this.linePieces = [piece];
    else this.linePieces.push(piece);
  }

  /** Completes the carried line with `chunk` up to its first LF and parses that one line. */
  private continueLine(chunk: Buffer, pos: number): number {
    const lf = chunk.indexOf(LF, pos);
    if (lf < 0) {
      this.appendLine(Buffer.from(chunk.subarray(pos)), chunk, pos);
      return chunk.length;
    }
    const pieces = this.linePieces;
    pieces.push(chunk.subarray(pos, lf + 1));
    const line = Buffer.concat(pieces, this.lineLength + (lf + 1 - pos));
    this.linePieces = NO_PIECES;
    this.lineLength = 0;
    this.parse(line, 0);
    return lf + 1;
  }

  /** Starts an unfinished bulk payload whose bytes begin at `buf[start..]`. */
  private startBulk(type: number, length: number, buf: Buffer, start: number): void {
    this.bulkType = type;
    this.bulkLength = length;
    this.bulkReceived = 0;
    this.bulkCrlf = 2;
    if (length <= PREALLOCATE_BULK_LIMIT) {
      // A string reply is copied out by toString(), so its bytes can be gathered in one buffer kept for
      // the next: a fresh one per split value (16 KiB values split over most reads) is memory outside
      // the JS heap that V8 answers with full collections.
      this.bulkTarget =
        !this.buffers && length <= SCRATCH_BULK_LIMIT ? this.scratchFor(length) : Buffer.allocUnsafe(length);
    } else this.bulkPieces = [];
    if (start < buf.length) this.continueBulk(buf, start);
  }

  /** Feeds `chunk[pos..]` to the unfinished bulk; returns where the bulk's bytes stopped. */
  private continueBulk(chunk: Buffer, pos: number): number {
    const end = chunk.length;
    const missing = this.bulkLength - this.bulkReceived;
    if (missing > 0) {
      const take = Math.min(missing, end - pos);
      if (this.bulkTarget !== null) chunk.copy(this.bulkTarget, this.bulkReceived, pos, pos + take);
      else this.bulkPieces.push(chunk.subarray(pos, pos + take));
      this.bulkReceived += take;
      pos += take;
    }
    while (this.bulkCrlf > 0 && pos < end) {
      const expected = this.bulkCrlf === 2 ? CR : LF;
      if (chunk[pos] !== expected) this.fail('bulk payload not followed by CRLF', chunk, pos);
      this.bulkCrlf--;
      pos++;
    }
    if (this.bulkCrlf > 0) return end;
    const length = this.bulkLength;
    const payload = this.bulkTarget ?? Buffer.concat(this.bulkPieces, length);
    const type = this.bulkType;
    this.clearBulk();
    this.emit(this.bulkValue(type, payload, 0, length));
    return pos;
  }

  private scratchFor(length: number): Buffer {
    const scratch = this.stringScratch;
    if (scratch !== null && scratch.length >= length) return scratch;
    // length <= SCRATCH_BULK_LIMIT here, so the kept buffer never grows past it.
    const grown = Buffer.allocUnsafe(
      Math.min(SCRATCH_BULK_LIMIT, Math.max(length, 2 * (scratch?.length ?? 2048))),
    );
    this.stringScratch = grown;
    return grown;
  }

  private clearBulk(): void {
    this.bulkType = 0;
    this.bulkLength = 0;
    this.bulkReceived = 0;
    this.bulkTarget = null;
    this.bulkPieces = NO_PIECES;
    this.bulkCrlf = 0;
  }

  private fail(reason: string, buf: Buffer, pos: number): never {
    throw new ProtocolError(
      `Malformed RESP: ${reason} at offset ${pos} of a chunk, near ${preview(buf, pos)}`,
    );
  }
}

function toMap(items: RespValue[]): Map<RespValue, RespValue> {
  const map = new Map<RespValue, RespValue>();
  for (let i = 0; i < items.length; i += 2) map.set(items[i], items[i + 1]);
  return map;
}
