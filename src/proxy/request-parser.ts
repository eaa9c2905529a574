/**
 * Above ~400 lines for a reason: one incremental parser (RESP and inline requests, with their limits) whose states
 * share one cursor; split, one state machine would spread over several files.
 *
 * Reads client requests just far enough to name them and decide their fate, the way the server reads
 * them: RESP multibulk (`*N` then N `$len` bulks, lengths parsed as strictly as the server's string2ll)
 * and inline commands (`PING\r\n`, split exactly as the server splits them, see inline-split.ts).
 *
 * Bytes go to the backend through `handler.forward`, in order: slices of the client's chunks (the whole
 * chunk, without a copy, in the common case). A request is held back only until its name — and, for a
 * container command such as CONFIG or CLUSTER, its subcommand — is known; then `handler.decide` says
 * whether it is forwarded, dropped (the handler sends a substitute) or captured (AUTH and HELLO when the
 * proxy checks client passwords: its arguments are collected, never forwarded). Bytes held back are
 * bounded: a name or subcommand longer than 32 bytes is decided on at once. Inline requests are always
 * re-encoded as multibulk, so the server executes exactly the arguments the proxy checked.
 *
 * Command names are checked where the server is lax: the server compares names up to a NUL byte, so a
 * name or subcommand with control, space or non-ASCII bytes, or longer than 32 bytes, is reported as ''
 * (refused by the caller). Limits mirror the server's own, so garbage fails fast and clearly.
 */
import { COMMANDS } from '../commands/generated/command-table.js';
import { ProtocolError } from '../errors.js';
import { encodeCommand } from '../resp/index.js';
import { splitInlineArgs } from './inline-split.js';

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
 * A complete request: name and, for the commands whose reply or verdict depends on it (containers,
 * HELLO, INFO), the first argument (lower-cased, truncated); argument count.
 */
export interface RequestInfo {
  readonly name: string;
  readonly sub: string;
  readonly argc: number;
}

/** What happens to a request. */
export const FORWARD = 0;
export const DROP = 1;
export const CAPTURE = 2;
export type Verdict = typeof FORWARD | typeof DROP | typeof CAPTURE;
const UNDECIDED = -1;

export interface RequestHandler {
  /** Bytes for the backend, in order. Valid only during the call (slices of the client's chunk). */
  forward(bytes: Buffer): void;
  /**
   * The fate of the request being read. `name` is lower case ('' when not a valid command name); `sub`
   * is the subcommand for a container called with one ('' when not a valid name), else undefined.
   */
  decide(name: string, sub: string | undefined, argc: number): Verdict;
  /** A forwarded request is complete. */
  onRequest(request: RequestInfo): void;
  /**
   * A dropped or captured request is complete (none of its bytes were forwarded). `args` holds the
   * arguments of a captured request (undefined when they did not fit the capture limits).
   */
  onDropped(request: RequestInfo, args: Buffer[] | undefined): void;
}

const CR = 0x0d;
const LF = 0x0a;
const STAR = 0x2a;
const DOLLAR = 0x24;
const NUL = 0x00;
/** Bytes kept of the first two arguments (command names and subcommands are shorter). */
const NAME_BYTES = 32;
const HEADER_MAX = 24;
/** Captured requests (AUTH, HELLO): at most this many arguments of at most this many bytes. */
const CAPTURE_MAX_ARGS = 16;
const CAPTURE_MAX_BYTES = 4096;

/** Containers (commands with subcommands), from the command specifications. */
export const CONTAINERS: ReadonlySet<string> = new Set(
  COMMANDS.filter((raw) => raw[0].includes(' ')).map((raw) =>
    raw[0].slice(0, raw[0].indexOf(' ')).toLowerCase(),
  ),
);
/** Bits of {@link NAME_FLAGS}: the first argument is reported as `sub`; the command is a container. */
const READS_SUB = 1;
const CONTAINER = 2;
/** Per command name, in one lookup: whether its first argument matters (reply shape or verdict). */
const NAME_FLAGS = new Map<string, number>([
  ['hello', READS_SUB],
  ['info', READS_SUB],
  ...[...CONTAINERS].map((name): [string, number] => [name, READS_SUB | CONTAINER]),
]);

const START = 0;
const INLINE = 1;
const MULTIBULK_HEADER = 2;
const BULK_HEADER = 3;
const BULK_BODY = 4;

/** A handler that forwards everything and reports each request (for tests and tools). */
function reportOnly(onRequest: (request: RequestInfo) => void): RequestHandler {
  return {
    forward: () => {},
    decide: () => FORWARD,
    onRequest,
    onDropped: () => {},
  };
}

export class RequestParser {
  private readonly handler: RequestHandler;
  private state = START;
  private header = Buffer.allocUnsafe(HEADER_MAX);
  private headerLength = 0;
  /** Inline line pieces from earlier chunks (copies; bounded by maxInlineLength). */
  private inline: Buffer[] = [];
  private inlineLength = 0;
  private argsLeft = 0;
  private argc = 0;
  private argIndex = 0;
  private bulkLeft = 0;
  private argLength = 0;
  private name = '';
  private sub: string | undefined;
  /** The request's first argument is reported (see NAME_FLAGS). */
  private keepSub = false;
  /** The request's command is a container called with a subcommand: the verdict waits for it. */
  private subDecides = false;
  private nameBuf = Buffer.allocUnsafe(NAME_BYTES);
  private nameLength = 0;
  private lastName = '';
  /** The name before `lastName`: a stream alternating two commands (SET/GET) reuses both strings. */
  private prevName = '';
  /** The fate of the request being read. */
  private verdict: number = UNDECIDED;
  /** Bytes of the undecided request from earlier chunks (copies, bounded: see the module comment). */
  private held: Buffer[] = [];
  /** Arguments of a captured request; undefined once they overflow the limits. */
  private captured: Buffer[] | undefined;
  private capturing: Buffer | undefined;
  private capturePos = 0;
  /** Within the chunk being fed: first byte not yet forwarded, and where the current request began (-1: earlier). */
  private emitFrom = 0;
  private requestStart = 0;

  constructor(
    handler: RequestHandler | ((request: RequestInfo) => void),
    private readonly limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  ) {
    this.handler = typeof handler === 'function' ? reportOnly(handler) : handler;
  }

  /** A request has started and not ended. */
  get inRequest(): boolean {
    return this.state !== START;
  }

  /** Parses `chunk`, forwarding and reporting as it goes. Throws {@link ProtocolError} on bad input. */
  feed(chunk: Buffer): void {
    let pos = 0;
    const end = chunk.length;
    this.emitFrom = 0;
    this.requestStart = this.state === START ? 0 : -1;
    while (pos < end) {
      switch (this.state) {
        case START:
          this.requestStart = pos;
          this.verdict = UNDECIDED;
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
    if (this.state === START || this.verdict === FORWARD) {
      this.flushTo(chunk, end);
    } else if (this.verdict === UNDECIDED) {
      const from = Math.max(this.requestStart, 0);
      this.flushTo(chunk, from);
      // An inline line keeps its own copies.
      if (this.state !== INLINE && from < end) this.held.push(Buffer.from(chunk.subarray(from, end)));
    }
  }

  private flushTo(chunk: Buffer, to: number): void {
    if (to <= this.emitFrom) return;
    this.handler.forward(
      this.emitFrom === 0 && to === chunk.length ? chunk : chunk.subarray(this.emitFrom, to),
    );
    this.emitFrom = to;
  }

  /** The current request is not forwarded: what came before it in this chunk is, its own bytes are not. */
  private dropCurrent(chunk: Buffer): void {
    this.flushTo(chunk, Math.max(this.requestStart, 0));
    this.held = [];
  }

  private decide(chunk: Buffer): void {
    const verdict = this.handler.decide(this.name, this.subDecides ? this.sub : undefined, this.argc);
    this.verdict = verdict;
    if (verdict === FORWARD) {
      const held = this.held;
      if (held.length > 0) {
        this.held = [];
        for (const bytes of held) this.handler.forward(bytes);
      }
      return;
    }
    this.dropCurrent(chunk);
    if (verdict === CAPTURE) {
      // A container's subcommand was read before the verdict: captured as read (lower case), as inline.
      this.captured = this.subDecides
        ? [Buffer.from(this.name), Buffer.from(this.sub ?? '')]
        : [Buffer.from(this.name)];
    }
  }

  private readInline(chunk: Buffer, pos: number): number {
    const lf = chunk.indexOf(LF, pos);
    const stop = lf < 0 ? chunk.length : lf;
    this.inlineLength += stop - pos;
    if (this.inlineLength > this.limits.maxInlineLength) {
      throw new ProtocolError('Protocol error: too big inline request');
    }
    if (lf < 0) {
      this.inline.push(Buffer.from(chunk.subarray(pos, stop)));
      return chunk.length;
    }
    const piece = chunk.subarray(pos, stop);
    let line = this.inline.length === 0 ? piece : Buffer.concat([...this.inline, piece]);
    this.inline = [];
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    // The server looks for the line end with strchr: a NUL hides it, and the request never runs.
    if (line.includes(NUL)) throw new ProtocolError('Protocol error: NUL byte in an inline request');
    const args = splitInlineArgs(line);
    if (args === null) throw new ProtocolError('Protocol error: unbalanced quotes in request');
    this.state = START;
    this.dropCurrent(chunk);
    this.emitFrom = lf + 1;
    if (args.length === 0) return lf + 1;
    this.name = commandName(args[0], args[0].length);
    const first = args[1];
    this.sub =
      first === undefined
        ? ''
        : CONTAINERS.has(this.name)
          ? commandName(first, first.length)
          : first.toString('latin1', 0, NAME_BYTES).toLowerCase();
    this.argc = args.length;
    const info: RequestInfo = { name: this.name, sub: this.sub, argc: args.length };
    const container = CONTAINERS.has(this.name) && args.length >= 2;
    const verdict = this.handler.decide(this.name, container ? this.sub : undefined, args.length);
    if (verdict === FORWARD) {
      // Re-encoded: the server runs exactly the arguments checked here.
      this.handler.forward(encodeCommand(args));
      this.handler.onRequest(info);
    } else {
      this.handler.onDropped(info, verdict === CAPTURE ? args : undefined);
    }
    return lf + 1;
  }

  private readHeader(chunk: Buffer, pos: number): number {
    const end = chunk.length;
    while (pos < end) {
      const c = chunk[pos++];
      if (c === LF) {
        this.headerDone(chunk, pos);
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

  /** Parses the header's number as the server's string2ll does: `0`, or `-`? then 1-9 then digits. */
  private headerDone(chunk: Buffer, pos: number): void {
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
    const digits = n - 1 - i;
    if (digits < 1) this.failHeader();
    if (this.header[i] === 0x30 && (digits > 1 || negative)) this.failHeader();
    const limit = multibulk ? this.limits.maxArgs : this.limits.maxBulkLength;
    for (; i < n - 1; i++) {
      const c = this.header[i];
      if (c < 0x30 || c > 0x39) this.failHeader();
      value = value * 10 + (c - 0x30);
      if (value > limit && !negative) {
        throw new ProtocolError(`Protocol error: invalid ${multibulk ? 'multibulk' : 'bulk'} length`);
      }
      if (value > 1e15) this.failHeader();
    }
    this.headerLength = 0;
    if (multibulk) {
      if (negative || value === 0) {
        // `*0` / `*-1`: the server ignores it and sends no reply; nothing to forward either.
        this.state = START;
        this.dropCurrent(chunk);
        this.emitFrom = pos;
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
    if (this.verdict === CAPTURE && this.captured !== undefined && this.argIndex > 0) {
      if (value > CAPTURE_MAX_BYTES || this.captured.length >= CAPTURE_MAX_ARGS) {
        this.captured = undefined;
      } else {
        this.capturing = Buffer.allocUnsafe(value);
        this.capturePos = 0;
      }
    }
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
    const capturing = this.capturing;
    if (capturing !== undefined) {
      const room = capturing.length - this.capturePos;
      const copy = Math.min(take, room);
      if (copy > 0) chunk.copy(capturing, this.capturePos, pos, pos + copy);
      this.capturePos += copy;
    }
    this.bulkLeft -= take;
    const stop = pos + take;
    if (this.bulkLeft > 0) return stop;
    if (chunk[stop - 1] !== LF) throw new ProtocolError('Protocol error: bulk argument not followed by CRLF');
    if (capturing !== undefined) {
      this.captured?.push(capturing);
      this.capturing = undefined;
    }
    if (this.argIndex === 0) {
      this.name = this.readName();
      const flags = NAME_FLAGS.get(this.name);
      this.keepSub = flags !== undefined;
      this.subDecides = flags !== undefined && (flags & CONTAINER) !== 0 && this.argc >= 2;
      if (this.verdict === UNDECIDED && !this.subDecides) this.decide(chunk);
    } else if (this.argIndex === 1 && this.keepSub) {
      this.sub = this.subDecides
        ? commandName(this.nameBuf, this.argLength)
        : this.nameBuf.toString('latin1', 0, Math.min(this.nameLength, this.argLength)).toLowerCase();
      if (this.verdict === UNDECIDED) this.decide(chunk);
    }
    this.argIndex++;
    if (--this.argsLeft > 0) {
      this.state = BULK_HEADER;
      return stop;
    }
    this.state = START;
    const info: RequestInfo = { name: this.name, sub: this.sub ?? '', argc: this.argc };
    if (this.verdict === FORWARD) {
      this.handler.onRequest(info);
    } else {
      this.emitFrom = stop;
      const args = this.verdict === CAPTURE ? this.captured : undefined;
      this.captured = undefined;
      this.handler.onDropped(info, args);
    }
    return stop;
  }

  /**
   * The command name, lower-cased ('' when not a valid name). The same name as one of the previous two
   * requests' (the common case: a stream of GETs, or of SETs and GETs) is recognised from its bytes and
   * reuses that string.
   */
  private readName(): string {
    const length = this.argLength;
    if (length > 0 && length <= NAME_BYTES) {
      const last = this.lastName;
      if (sameName(this.nameBuf, length, last)) return last;
      const prev = this.prevName;
      if (sameName(this.nameBuf, length, prev)) {
        this.prevName = last;
        this.lastName = prev;
        return prev;
      }
    }
    const name = commandName(this.nameBuf, length);
    if (name !== '') {
      this.prevName = this.lastName;
      this.lastName = name;
    }
    return name;
  }

  private failHeader(): never {
    const text = this.header.toString('latin1', 0, this.headerLength);
    const what = this.state === MULTIBULK_HEADER ? 'multibulk' : 'bulk';
    throw new ProtocolError(`Protocol error: invalid ${what} length ${JSON.stringify(text)}`);
  }
}

/** The first `length` bytes of `bytes`, ASCII case folded, are `name` (a lower-case name). */
function sameName(bytes: Buffer, length: number, name: string): boolean {
  if (length !== name.length) return false;
  for (let i = 0; i < length; i++) {
    const c = bytes[i];
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * `bytes` (the first min(length, 32) of an argument `length` long) as a command or subcommand name in
 * lower case, or '' when it cannot be one: empty, longer than 32 bytes, or holding a byte outside
 * printable ASCII (the server compares names up to a NUL; no real name has such bytes).
 */
function commandName(bytes: Buffer, length: number): string {
  if (length === 0 || length > NAME_BYTES) return '';
  for (let i = 0; i < length; i++) {
    const c = bytes[i];
    if (c <= 0x20 || c >= 0x7f) return '';
  }
  return bytes.toString('latin1', 0, length).toLowerCase();
}
