/**
 * Scan-only RESP2/RESP3 reader: reports where complete top-level frames end without building values.
 *
 * The proxy forwards bytes as slices of the chunks it receives; it only needs to know where each reply
 * ends (to pair it with its request) and which type byte it starts with. Bulk payloads are skipped by
 * their declared length (never copied), aggregates are an explicit stack of remaining element counts
 * (never the JS call stack), and a frame may stop at any byte and resume with the next chunk. An
 * attribute (`|`) belongs to the frame it annotates: the frame ends after the annotated value.
 *
 * Nesting has no limit by default: the scanner builds no value, so depth costs it nothing but its count
 * stack, and that stack is run-length encoded (levels with the same remaining count share one entry), so
 * the common deep shape — `*1` inside `*1` …, what a server sends for a Lua table that contains itself —
 * takes constant memory however deep it goes, and completes in one step.
 */
import { ProtocolError } from '../errors.js';
import { DEFAULT_MAX_AGGREGATE_LENGTH, DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_LINE_LENGTH } from './limits.js';

export interface FrameScannerOptions {
  /** Largest bulk string accepted (default 512 MiB). */
  maxBulkLength?: number;
  /** Largest declared aggregate length (default 2^32 - 1). */
  maxAggregateLength?: number;
  /** Deepest nesting of aggregates (default: no limit; the scanner's memory does not grow with depth). */
  maxDepth?: number;
  /** Longest line (simple string, error, number, header) accepted (default 64 MiB). */
  maxLineLength?: number;
}

const BULK = 0x24; // '$'
const VERBATIM = 0x3d; // '='
const BULK_ERROR = 0x21; // '!'
const ARRAY = 0x2a; // '*'
const SET = 0x7e; // '~'
const MAP = 0x25; // '%'
const PUSH = 0x3e; // '>'
const ATTRIBUTE = 0x7c; // '|'
const SIMPLE = 0x2b; // '+'
const ERROR = 0x2d; // '-'
const INTEGER = 0x3a; // ':'
const NULL = 0x5f; // '_'
const BOOLEAN = 0x23; // '#'
const DOUBLE = 0x2c; // ','
const BIG_NUMBER = 0x28; // '('
const CR = 0x0d;
const LF = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const HEADER_MAX = 24;

/** Where the scanner stands between two calls. */
const AT_ELEMENT = 0;
const IN_LINE = 1;
const IN_HEADER = 2;
const IN_BULK = 3;

export class FrameScanner {
  private readonly maxBulkLength: number;
  private readonly maxAggregateLength: number;
  private readonly maxDepth: number;
  private readonly maxLineLength: number;

  /**
   * Open aggregates, run-length encoded: `remaining[i]` elements still to come in each of `runs[i]`
   * consecutive levels (maps count keys and values). Only the innermost level of the top run is being
   * filled; the levels below it wait for it to complete.
   */
  private readonly remaining: number[] = [];
  private readonly runs: number[] = [];
  /** Open aggregates (the sum of `runs`). */
  private depth = 0;
  private state = AT_ELEMENT;
  /** Type byte of the top-level frame in progress; 0 between frames. */
  private topType = 0;
  /** Type byte of the element whose header/line is in progress. */
  private elementType = 0;
  /** Bytes of a line seen so far (IN_LINE), or of a header (IN_HEADER, kept in `header`). */
  private lineLength = 0;
  private lastWasCr = false;
  private header = Buffer.allocUnsafe(HEADER_MAX);
  /** Payload bytes plus CRLF still to skip (IN_BULK). */
  private bulkRemaining = 0;
  private error: ProtocolError | null = null;

  constructor(options: FrameScannerOptions = {}) {
    this.maxBulkLength = options.maxBulkLength ?? DEFAULT_MAX_BULK_LENGTH;
    this.maxAggregateLength = options.maxAggregateLength ?? DEFAULT_MAX_AGGREGATE_LENGTH;
    this.maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  /** Type byte of the top-level frame in progress (the first byte of the frame), 0 between frames. */
  get frameType(): number {
    return this.topType;
  }

  /** A frame has started and not ended. */
  get inFrame(): boolean {
    return this.topType !== 0;
  }

  /** Drops the partial frame and any earlier error. */
  reset(): void {
    this.remaining.length = 0;
    this.runs.length = 0;
    this.depth = 0;
    this.state = AT_ELEMENT;
    this.topType = 0;
    this.lineLength = 0;
    this.lastWasCr = false;
    this.bulkRemaining = 0;
    this.error = null;
  }

  /**
   * Scans `buf` from `pos`. Returns the offset just after the top-level frame that completes in `buf`,
   * or -1 when `buf` ends first (the state is kept for the next chunk). Stops at the FIRST frame end,
   * so a caller sees every boundary. Throws {@link ProtocolError} on malformed input or over a limit;
   * the scanner then stays failed until `reset()`.
   */
  next(buf: Buffer, pos: number): number {
    if (this.error !== null) throw this.error;
    try {
      return this.scan(buf, pos);
    } catch (err) {
      this.error =
        err instanceof ProtocolError ? err : new ProtocolError('RESP scanner failed', { cause: err });
      throw this.error;
    }
  }

  private scan(buf: Buffer, pos: number): number {
    const end = buf.length;
    while (pos < end) {
      switch (this.state) {
        case IN_BULK: {
          const take = Math.min(this.bulkRemaining, end - pos);
          // The last two bytes of a bulk must be CRLF.
          const payloadLeft = this.bulkRemaining - 2;
          for (let i = Math.max(pos, pos + payloadLeft); i < pos + take; i++) {
            const expected = i - pos - payloadLeft === 0 ? CR : LF;
            if (buf[i] !== expected) this.fail('bulk payload not followed by CRLF', buf, i);
          }
          this.bulkRemaining -= take;
          pos += take;
          if (this.bulkRemaining > 0) return -1;
          this.state = AT_ELEMENT;
          if (this.completeElement()) return pos;
          break;
        }
        case IN_LINE: {
          const stop = this.skipLine(buf, pos);
          if (stop < 0) return -1;
          pos = stop;
          this.state = AT_ELEMENT;
          if (this.completeElement()) return pos;
          break;
        }
        case IN_HEADER: {
          const stop = this.readHeader(buf, pos);
          if (stop < 0) return -1;
          pos = stop;
          if (this.afterHeader()) return pos;
          break;
        }
        default: {
          const type = buf[pos];
          if (this.depth === 0 && this.topType === 0) this.topType = type;
          this.elementType = type;
          this.lineLength = 0;
          this.lastWasCr = false;
          pos++;
          switch (type) {
            case BULK:
            case VERBATIM:
            case BULK_ERROR:
            case ARRAY:
            case SET:
            case MAP:
            case PUSH:
            case ATTRIBUTE:
              this.state = IN_HEADER;
              break;
            case SIMPLE:
            case ERROR:
            case INTEGER:
            case NULL:
            case BOOLEAN:
            case DOUBLE:
            case BIG_NUMBER:
              this.state = IN_LINE;
              break;
            default:
              this.fail(`unexpected type byte 0x${type.toString(16).padStart(2, '0')}`, buf, pos - 1);
          }
        }
      }
    }
    return -1;
  }

  /** Skips a line up to and including its LF; returns the offset after it or -1. */
  private skipLine(buf: Buffer, pos: number): number {
    const lf = buf.indexOf(LF, pos);
    const stop = lf < 0 ? buf.length : lf;
    const added = stop - pos;
    if (this.lineLength + added > this.maxLineLength) {
      this.fail(`line longer than the limit of ${this.maxLineLength}`, buf, pos);
    }
    if (lf < 0) {
      this.lineLength += added;
      if (added > 0) this.lastWasCr = buf[stop - 1] === CR;
      return -1;
    }
    const cr = added > 0 ? buf[lf - 1] === CR : this.lastWasCr;
    if (!cr || this.lineLength + added === 0) this.fail('line not terminated by CRLF', buf, lf);
    return lf + 1;
  }

  /** Collects header bytes (a length) up to LF; returns the offset after it or -1. */
  private readHeader(buf: Buffer, pos: number): number {
    const end = buf.length;
    while (pos < end) {
      const c = buf[pos++];
      if (c === LF) return pos;
      if (this.lineLength >= HEADER_MAX) this.fail('length header too long', buf, pos - 1);
      this.header[this.lineLength++] = c;
    }
    return -1;
  }

  /** A header line is complete: starts a bulk, opens an aggregate or completes a null. */
  private afterHeader(): boolean {
    const type = this.elementType;
    const isBulk = type === BULK || type === VERBATIM || type === BULK_ERROR;
    const limit = isBulk ? this.maxBulkLength : this.maxAggregateLength;
    const length = this.parseLength(limit, type === BULK || type === ARRAY);
    this.state = AT_ELEMENT;
    if (length < 0) return this.completeElement();
    if (isBulk) {
      this.state = IN_BULK;
      this.bulkRemaining = length + 2;
      return false;
    }
    const count = type === MAP || type === ATTRIBUTE ? length * 2 : length;
    if (count === 0) {
      if (type === ATTRIBUTE) return false;
      return this.completeElement();
    }
    if (this.depth >= this.maxDepth) {
      throw new ProtocolError(`Malformed RESP: nesting deeper than the limit of ${this.maxDepth}`);
    }
    // An attribute is followed by the value it annotates: one more element to wait for.
    this.open(type === ATTRIBUTE ? count + 1 : count);
    return false;
  }

  /** Opens an aggregate level expecting `count` elements. */
  private open(count: number): void {
    const top = this.remaining.length - 1;
    if (top >= 0 && this.remaining[top] === count) this.runs[top]++;
    else {
      this.remaining.push(count);
      this.runs.push(1);
    }
    this.depth++;
  }

  /** Parses the header bytes as a length; -1 for a null (when allowed). */
  private parseLength(limit: number, allowNull: boolean): number {
    const h = this.header;
    const n = this.lineLength;
    if (n < 2 || h[n - 1] !== CR) this.failHeader('malformed length');
    let i = 0;
    if (h[0] === MINUS) {
      if (allowNull && n === 3 && h[1] === 0x31) return -1;
      this.failHeader('negative length');
    }
    let value = 0;
    for (; i < n - 1; i++) {
      const c = h[i];
      if (c < ZERO || c > NINE) this.failHeader('malformed length');
      value = value * 10 + (c - ZERO);
      if (value > limit) this.failHeader(`length over the limit of ${limit}`);
    }
    return value;
  }

  /** An element is complete; pops filled aggregates. True when a top-level frame ended. */
  private completeElement(): boolean {
    const remaining = this.remaining;
    const runs = this.runs;
    while (remaining.length > 0) {
      const top = remaining.length - 1;
      const left = remaining[top];
      if (left === 1) {
        // Every level of a run of 1s completes with this element: the whole run closes at once.
        this.depth -= runs[top];
        remaining.pop();
        runs.pop();
        continue;
      }
      // The innermost level of the run gets one element; it leaves the run.
      if (runs[top] === 1) remaining[top] = left - 1;
      else {
        runs[top]--;
        remaining.push(left - 1);
        runs.push(1);
      }
      return false;
    }
    this.topType = 0;
    return true;
  }

  private failHeader(reason: string): never {
    const text = this.header.toString('latin1', 0, this.lineLength);
    throw new ProtocolError(
      `Malformed RESP: ${reason} in header ${JSON.stringify(String.fromCharCode(this.elementType) + text)}`,
    );
  }

  private fail(reason: string, buf: Buffer, pos: number): never {
    const text = buf.toString('latin1', pos, Math.min(buf.length, pos + 24));
    throw new ProtocolError(
      `Malformed RESP: ${reason} at offset ${pos} of a chunk, near ${JSON.stringify(text)}`,
    );
  }
}
