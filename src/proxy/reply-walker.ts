/**
 * Above ~400 lines for a reason: the reply side of one proxied connection is one state machine (frame
 * modes, the request queue it pairs against, CLIENT REPLY and MONITOR), and its states share one cursor.
 *
 * The proxy's reply walker: backend bytes in, client bytes out, without sockets. It keeps the queue of
 * requests awaiting a reply (in request order) and pairs each reply frame with its request:
 *
 * - most frames are forwarded as byte ranges of the backend's chunks, never copied;
 * - the few whose request calls for a rewrite (addresses), and every top-level error (a redirect, maybe),
 *   are read whole and handed to the sink's `rewrite`, which may answer later (a topology refresh): the
 *   walker then suspends, keeping later chunks in order;
 * - unpaired frames (RESP3 pushes, RESP2 pub/sub arrays, MONITOR stream lines) are forwarded without
 *   taking a request off the queue.
 *
 * Frame boundaries come from the {@link FrameScanner}, which walks nesting with an explicit, run-length
 * encoded stack: a reply nested as deep as the server cares to send is forwarded in constant memory.
 *
 * Request side: every request the session sends to the server goes through `request`/`expect`, which
 * mirror the server's CLIENT REPLY state (checked on Redis 7.0 and 7.2): while OFF nothing is answered;
 * after SKIP the next command is not answered; CLIENT REPLY OFF and SKIP are never answered; ON always
 * is; RESET turns OFF back on (and is itself skipped after SKIP). Only answered requests are queued.
 * MONITOR is a state too: once requested (outside MULTI), simple strings shaped like MONITOR lines are
 * stream lines, unpaired and given to the sink to rewrite their client address; the replies to other
 * commands of the monitoring client keep their pairing, and a RESET reply ends the state.
 */
import { ProtocolError } from '../errors.js';
import { FrameScanner } from '../resp/index.js';
import { classifyPubsubPrefix } from './pubsub-shape.js';
import {
  needsWholeReply,
  type ReplyKind,
  replyKind,
  SUBSCRIBE_COMMANDS,
  UNSUBSCRIBE_COMMANDS,
} from './reply-kind.js';
import type { RequestInfo } from './request-parser.js';

/** A request awaiting its reply. */
export interface Pending {
  readonly kind: ReplyKind;
  /** EXEC: kinds of the queued commands. */
  readonly queued?: ReplyKind[];
  /** 'replaced': what the client gets instead of the server's reply. */
  readonly replacement?: Buffer;
}

/** Shared entries of the kinds that carry nothing else (no allocation per request). */
const PENDING_BY_KIND = new Map<ReplyKind, Pending>();
export function pendingOf(kind: ReplyKind): Pending {
  let pending = PENDING_BY_KIND.get(kind);
  if (pending === undefined) {
    pending = { kind };
    PENDING_BY_KIND.set(kind, pending);
  }
  return pending;
}
const PLAIN: Pending = pendingOf('plain');
const EVENT: Pending = pendingOf('pubsub-event');
const MONITOR_LINE: Pending = pendingOf('monitor-line');

/** Where the walker's output goes, and what it cannot decide alone. */
export interface ReplySink {
  /**
   * The bytes one backend chunk produced, in order (slices of the chunk where nothing was rewritten).
   * The array is reused: consume it during the call.
   */
  write(parts: Buffer[]): void;
  /**
   * The bytes to send for a frame read whole (`entry` is its request; MONITOR lines come as
   * 'monitor-line'). A promise suspends the walker until it settles; later chunks wait in order.
   */
  rewrite(entry: Pending, bytes: Buffer): Buffer | Promise<Buffer>;
  /** The reply to the proxy's own AUTH was an error. */
  backendAuthFailed(): void;
  /** The backend sent bytes that are not RESP, or too large to rewrite: the connection is unusable. */
  failed(error: unknown): void;
  /** The walker was suspended or resumed (the session pauses or resumes the backend). */
  suspendedChanged(): void;
  /** A request entered the queue (request timing), and one left it. */
  expected?(): void;
  paired?(): void;
}

export interface ReplyWalkerOptions {
  /** Largest frame read whole for rewriting. */
  readonly maxRewriteBytes: number;
  /** Sentinel mode: pub/sub messages carry addresses (events, hellos) and are read whole. */
  readonly rewriteEvents: boolean;
  /** Names the backend in errors. */
  readonly nodeLabel: string;
}

/** CLIENT REPLY states, as the server keeps them. */
export type ReplyMode = 'on' | 'off' | 'skip';

const PUSH = 0x3e;
const ARRAY = 0x2a;
const SIMPLE = 0x2b;
const ERROR = 0x2d;
const BULK_ERROR = 0x21;

/** Bytes of a RESP2 array read before deciding whether it is a pub/sub message. */
const SNIFF_BYTES = 1024;

/** Frame modes. */
const IDLE = 0;
/** Forward the frame's bytes as they come. */
const STREAM = 1;
/** Read the frame whole, then rewrite it. */
const COLLECT = 2;
/** RESP2 after pub/sub: read the start of an array to tell a message from a paired reply. */
const SNIFF = 3;
/** MONITOR state, a simple string: read whole to tell a stream line from a reply. */
const MONITOR_SNIFF = 4;

/** `+<seconds>.<micros> [` : the start of a MONITOR stream line. */
const MONITOR_LINE_HEAD = /^\+\d+\.\d+ \[/;

export class ReplyWalker {
  private readonly scanner = new FrameScanner();
  private readonly fifo: Pending[] = [];
  private fifoHead = 0;

  private protocolNow: 2 | 3 = 2;
  /** The protocol the requests so far ask for (HELLO is counted when sent, not when answered). */
  private requestedProtocol: 2 | 3 = 2;
  private pubsub = false;
  /** Inside MULTI: kinds of the queued commands. */
  private multi: ReplyKind[] | null = null;
  private replyMode: ReplyMode = 'on';
  private monitor = false;

  private mode = IDLE;
  private entry: Pending | undefined;
  private parts: Buffer[] = [];
  private collected = 0;
  private suspendedNow = false;
  private inbox: Buffer[] = [];
  private readonly batch: Buffer[] = [];
  private stopped = false;

  constructor(
    private readonly sink: ReplySink,
    private readonly options: ReplyWalkerOptions,
  ) {}

  // ---- state, for the session ----

  /** Requests sent and not yet answered. */
  get pendingCount(): number {
    return this.fifo.length - this.fifoHead;
  }
  /** Between frames, nothing held back. */
  get atRest(): boolean {
    return this.mode === IDLE && !this.suspendedNow;
  }
  get suspended(): boolean {
    return this.suspendedNow;
  }
  /** A pub/sub command was sent: messages may come without requests. */
  get pubsubSeen(): boolean {
    return this.pubsub;
  }
  get inMulti(): boolean {
    return this.multi !== null;
  }
  /** MONITOR was requested (and no RESET answered since): stream lines may come without requests. */
  get monitoring(): boolean {
    return this.monitor;
  }
  /** The server's CLIENT REPLY state, as of the requests sent so far. */
  get clientReplyMode(): ReplyMode {
    return this.replyMode;
  }
  /** The protocol the requests sent so far ask for. */
  get protocol(): 2 | 3 {
    return this.requestedProtocol;
  }

  /** Stops all output (the connection is closing). */
  stop(): void {
    this.stopped = true;
    this.inbox = [];
  }

  // ---- requests ----

  /**
   * One request the session sent to the server; `pending` is what its reply needs. False when the
   * server will not answer it (CLIENT REPLY OFF or SKIP): nothing is queued.
   */
  expect(pending: Pending): boolean {
    if (pending.kind === 'reset' && this.replyMode === 'off') this.replyMode = 'on';
    if (this.replyMode === 'skip') {
      this.replyMode = 'on';
      return false;
    }
    if (this.replyMode === 'off') return false;
    this.fifo.push(pending);
    this.sink.expected?.();
    return true;
  }

  /** A request forwarded as the client sent it. */
  request(request: RequestInfo): void {
    const name = request.name;
    if (
      this.multi !== null &&
      name !== 'exec' &&
      name !== 'discard' &&
      name !== 'multi' &&
      name !== 'watch'
    ) {
      // Queued: the server answers +QUEUED now and the real reply inside EXEC's.
      this.multi.push(replyKind(request));
      this.expect(PLAIN);
      return;
    }
    if (SUBSCRIBE_COMMANDS.has(name) || UNSUBSCRIBE_COMMANDS.has(name)) {
      // Confirmations are unpaired (and sent even while replies are off), but the command still
      // counts as the one a CLIENT REPLY SKIP skips.
      this.pubsub = true;
      if (this.replyMode === 'skip') this.replyMode = 'on';
      return;
    }
    switch (name) {
      case 'multi':
        this.multi = [];
        break;
      case 'exec':
        this.expect({ kind: 'exec', queued: this.multi ?? [] });
        this.multi = null;
        return;
      case 'discard':
        this.multi = null;
        break;
      case 'monitor':
        this.monitor = true;
        break;
      case 'reset':
        this.multi = null;
        this.requestedProtocol = 2;
        break;
      case 'hello':
        if (request.sub === '3') this.requestedProtocol = 3;
        else if (request.sub === '2') this.requestedProtocol = 2;
        break;
    }
    this.expect(pendingOf(replyKind(request)));
  }

  /**
   * CLIENT REPLY ON|OFF|SKIP, forwarded outside MULTI: ON is answered (and turns replies on), OFF and
   * SKIP never are; SKIP while OFF does nothing; a second SKIP skips the command after it.
   */
  clientReply(mode: ReplyMode): void {
    if (mode === 'on') {
      this.replyMode = 'on';
      this.expect(PLAIN);
    } else if (mode === 'off') {
      this.replyMode = 'off';
    } else if (this.replyMode !== 'off') {
      this.replyMode = 'skip';
    }
  }

  private shift(): Pending | undefined {
    if (this.fifoHead >= this.fifo.length) return undefined;
    const pending = this.fifo[this.fifoHead++];
    this.sink.paired?.();
    if (this.fifoHead > 1024 && this.fifoHead * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoHead);
      this.fifoHead = 0;
    }
    return pending;
  }

  // ---- replies ----

  /** Bytes from the backend. */
  feed(chunk: Buffer): void {
    if (this.stopped) return;
    if (this.suspendedNow) {
      this.inbox.push(chunk);
      return;
    }
    this.walk(chunk, 0);
  }

  /** Walks the replies in `buf` from `pos`; what it produced goes to the sink in one call. */
  private walk(buf: Buffer, pos: number): void {
    try {
      this.walkFrames(buf, pos);
    } finally {
      this.flush();
    }
  }

  private walkFrames(buf: Buffer, pos: number): void {
    let out = pos;
    const end = buf.length;
    try {
      while (pos < end && !this.stopped) {
        if (this.mode === IDLE) this.beginFrame(buf[pos]);
        if (this.mode !== STREAM && out < pos) this.emit(buf.subarray(out, pos));
        const frameEnd = this.scanner.next(buf, pos);
        const stop = frameEnd < 0 ? end : frameEnd;
        if (this.mode !== STREAM) {
          this.take(buf.subarray(pos, stop));
          out = stop;
        }
        if (frameEnd < 0) break;
        pos = frameEnd;
        if (this.mode === STREAM) {
          this.mode = IDLE;
          continue;
        }
        const later = this.endFrame();
        if (later !== undefined) {
          this.suspend(later, buf, pos);
          return;
        }
        out = pos;
      }
    } catch (error) {
      this.stopped = true;
      this.batch.length = 0;
      this.sink.failed(error);
      return;
    }
    if (out < end && !this.stopped) this.emit(buf.subarray(out, end));
  }

  /** Decides at a frame's first byte how it is paired and whether it is read whole. */
  private beginFrame(type: number): void {
    if (this.parts.length > 0) this.parts = [];
    this.collected = 0;
    this.entry = undefined;
    if (type === PUSH) {
      // Out of band. A sentinel's events carry addresses: read them whole to rewrite them.
      this.mode = this.options.rewriteEvents ? COLLECT : STREAM;
      if (this.options.rewriteEvents) this.entry = EVENT;
      return;
    }
    if (this.protocolNow === 2 && this.pubsub && type === ARRAY) {
      this.mode = SNIFF;
      return;
    }
    if (this.monitor && type === SIMPLE) {
      this.mode = MONITOR_SNIFF;
      return;
    }
    this.pair(type);
  }

  private pair(type: number): void {
    const entry = this.shift();
    this.entry = entry;
    if (entry === undefined) {
      this.mode = STREAM;
      return;
    }
    const isError = type === ERROR || type === BULK_ERROR;
    if (!isError) this.applyState(entry.kind);
    this.mode = isError || needsWholeReply(entry.kind) ? COLLECT : STREAM;
  }

  /** Connection state a successful reply changes. */
  private applyState(kind: ReplyKind): void {
    if (kind === 'hello3') this.protocolNow = 3;
    else if (kind === 'hello2') this.protocolNow = 2;
    else if (kind === 'reset') {
      this.protocolNow = 2;
      this.monitor = false;
    }
  }

  private take(slice: Buffer): void {
    this.parts.push(slice);
    this.collected += slice.length;
    if (this.mode === SNIFF && this.collected >= SNIFF_BYTES && this.scanner.inFrame) {
      this.decideSniffed();
      return;
    }
    if (this.mode !== STREAM && this.mode !== SNIFF && this.collected > this.options.maxRewriteBytes) {
      throw new ProtocolError(
        `a reply to rewrite is larger than ${this.options.maxRewriteBytes} bytes from ${this.options.nodeLabel}`,
      );
    }
  }

  /**
   * A sniffed RESP2 array: a pub/sub message or confirmation is forwarded unpaired; anything else is
   * the reply to the next request (PING's `pong` array included: PING is always paired).
   */
  private decideSniffed(): void {
    const head = Buffer.concat(this.parts);
    const pubsub = classifyPubsubPrefix(head);
    if (pubsub !== undefined) {
      const event = this.options.rewriteEvents && (pubsub.word === 'message' || pubsub.word === 'pmessage');
      this.mode = event ? COLLECT : STREAM;
      if (event) this.entry = EVENT;
    } else {
      this.pair(ARRAY);
    }
    if (this.mode === STREAM) {
      this.emit(head);
      this.parts = [];
      this.collected = 0;
    } else {
      this.parts = [head];
    }
  }

  /** A frame read whole is complete. Returns a promise when it must wait for the sink. */
  private endFrame(): Promise<Buffer> | undefined {
    const sniffed = this.mode;
    if (sniffed === SNIFF) {
      this.decideSniffed();
      if (this.mode === STREAM) {
        this.mode = IDLE;
        return undefined;
      }
    }
    this.mode = IDLE;
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.collected);
    this.parts = [];
    if (sniffed === MONITOR_SNIFF) {
      if (MONITOR_LINE_HEAD.test(bytes.toString('latin1', 0, Math.min(bytes.length, 32)))) {
        this.entry = MONITOR_LINE;
      } else {
        this.pair(SIMPLE);
        this.mode = IDLE;
        if (this.entry === undefined || !needsWholeReply(this.entry.kind)) {
          this.emit(bytes);
          return undefined;
        }
      }
    }
    const entry = this.entry ?? PLAIN;
    if (entry.kind === 'replaced') {
      this.emit(entry.replacement ?? bytes);
      return undefined;
    }
    if (entry.kind === 'swallow') {
      if (bytes[0] === ERROR || bytes[0] === BULK_ERROR) this.sink.backendAuthFailed();
      return undefined;
    }
    const result = this.sink.rewrite(entry, bytes);
    if (result instanceof Promise) return result;
    this.emit(result);
    return undefined;
  }

  private suspend(later: Promise<Buffer>, buf: Buffer, pos: number): void {
    this.suspendedNow = true;
    this.sink.suspendedChanged();
    later.then(
      (bytes) => {
        if (this.stopped) return;
        this.emit(bytes);
        this.suspendedNow = false;
        const inbox = this.inbox;
        this.inbox = [];
        this.walk(buf, pos);
        for (const chunk of inbox) {
          if (this.suspendedNow) this.inbox.push(chunk);
          else this.walk(chunk, 0);
        }
        this.sink.suspendedChanged();
      },
      (error: unknown) => {
        this.stopped = true;
        this.sink.failed(error);
      },
    );
  }

  private emit(bytes: Buffer): void {
    if (bytes.length > 0 && !this.stopped) this.batch.push(bytes);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    if (!this.stopped) this.sink.write(this.batch);
    this.batch.length = 0;
  }
}
