/**
 * The commands of one socket and the replies that settle them. Two lists say what a command may have
 * done: `toWrite` (encoded, not yet handed to the socket: certainly not run, safe to send anywhere) and
 * `awaiting` (handed to the socket: the server may have run it). Replies pair with the head of
 * `awaiting` in order; subscribe-family commands pair with their confirmation frames instead.
 */
import { ProtocolError } from '../errors.js';
import { CommandWriter, ReplyError, RespDecoder, type RespValue } from '../resp/index.js';
import { CommandQueue } from './command-queue.js';
import type { TimeoutPhase } from './connection-health.js';
import { connectionChannels } from './diagnostics.js';
import { failCommand, type PendingCommand, rejectCommand } from './pending-command.js';
import {
  isConfirmKind,
  isResp2PubSubFrame,
  pushKind,
  ServerSubscriptions,
  subscriptionKindOf,
} from './pubsub-frames.js';

export interface ReplyQueueOptions {
  /** `host:port` or socket path, for diagnostics. */
  address: string;
  maxBulkLength?: number;
  maxAggregateLength?: number;
  maxDepth?: number;
  /** A push frame (or RESP2 pub/sub frame) no command waits for: messages, invalidations. */
  onPush: (push: RespValue[]) => void;
}

/** The first command past its deadline, where it stood, and the next deadline after the expired ones. */
export interface DeadlineScan {
  expired: { command: PendingCommand; phase: TimeoutPhase; repliesAhead: number } | undefined;
  /** Earliest deadline not yet passed; +Infinity when none. */
  next: number;
}

export class ReplyQueue {
  private readonly address: string;
  private readonly decoder: RespDecoder;
  private writer = new CommandWriter();
  /** A plain array, handed whole to `awaiting` on each write (no per-command move). */
  private toWrite: PendingCommand[] = [];
  private readonly awaiting = new CommandQueue<PendingCommand>();
  /** Subscriptions the server confirmed on the current socket. */
  readonly confirmed = new ServerSubscriptions();
  private readonly onUnsolicitedPush: (push: RespValue[]) => void;
  /** The protocol the handshake negotiated (RESP2 sends pub/sub frames as plain arrays). */
  protocol: 2 | 3 = 3;
  /** The connection finished its handshake: a RESP2 reply nobody waits for is a pub/sub frame. */
  private ready = false;

  constructor(options: ReplyQueueOptions) {
    this.address = options.address;
    this.onUnsolicitedPush = options.onPush;
    this.decoder = new RespDecoder({
      onReply: (value) => this.onReply(value),
      onPush: (push) => this.onPush(push),
      ...(options.maxBulkLength !== undefined ? { maxBulkLength: options.maxBulkLength } : {}),
      ...(options.maxAggregateLength !== undefined ? { maxAggregateLength: options.maxAggregateLength } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    });
  }

  /** Commands not yet answered on this socket (written or not). */
  get length(): number {
    return this.toWrite.length + this.awaiting.length;
  }

  /** Commands encoded but not yet handed to the socket. */
  get unwritten(): number {
    return this.toWrite.length;
  }

  /** Bytes encoded and not yet handed to the socket. */
  get bytesToWrite(): number {
    return this.writer.length;
  }

  /** A reply was cut short: the socket closed in the middle of it. */
  get midReply(): boolean {
    return this.decoder.hasPartial;
  }

  /** Pub/sub payloads decoded as Buffers (see Connection.pubsubBuffers). */
  get pushBuffers(): boolean {
    return this.decoder.pushBuffers;
  }

  set pushBuffers(value: boolean) {
    this.decoder.pushBuffers = value;
    if (this.length === 0) this.decoder.returnBuffers = this.idleBuffers();
  }

  /** Ready (handshake done) or not: decides how a reply nobody waits for is decoded. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (this.length === 0) this.decoder.returnBuffers = this.idleBuffers();
  }

  /** Encodes a command for the next write; its reply is decoded as its `returnBuffers` asks. */
  add(command: PendingCommand): void {
    // The decoder's Buffer mode follows the oldest unanswered command; an idle socket has none yet.
    if (this.length === 0) this.decoder.returnBuffers = command.returnBuffers || this.idleBuffers();
    this.writer.write(command.args);
    this.toWrite.push(command);
  }

  /**
   * The encoded bytes, for the socket: from here the commands may run, so they move to `awaiting`
   * (marked written when the socket is detached, the only time it is read).
   */
  take(): Buffer[] {
    if (this.toWrite.length > 0) {
      this.awaiting.pushAll(this.toWrite);
      this.toWrite = [];
    }
    return this.writer.take();
  }

  /** Decodes bytes read from the socket; throws a ProtocolError on a malformed stream. */
  feed(chunk: Buffer): void {
    this.decoder.feed(chunk);
  }

  /** The command whose reply could not be decoded gets `error` (the socket is then torn down). */
  failHead(error: Error): void {
    const head = this.awaiting.shift();
    if (head !== undefined) failCommand(head, error);
  }

  /**
   * Empties the queue for a socket that is gone: the decoder, the encoded bytes and the confirmed
   * subscriptions are reset; the commands are returned in order with where they stood.
   */
  detach(): { written: PendingCommand[]; unwritten: PendingCommand[] } {
    this.decoder.reset();
    this.decoder.returnBuffers = false;
    this.writer.take();
    this.confirmed.clear();
    this.ready = false;
    const written = this.awaiting.drain();
    for (const command of written) command.written = true;
    const unwritten = this.toWrite;
    this.toWrite = [];
    return { written, unwritten };
  }

  forEach(fn: (command: PendingCommand) => void): void {
    this.awaiting.forEach(fn);
    for (const command of this.toWrite) fn(command);
  }

  /** The first command whose deadline passed by `now` (where it stood), and the next deadline. */
  scanDeadlines(now: number): DeadlineScan {
    let next = Number.POSITIVE_INFINITY;
    let expired: DeadlineScan['expired'];
    let index = 0;
    const awaitingCount = this.awaiting.length;
    this.forEach((command) => {
      const position = index++;
      if (command.deadline === 0) return;
      if (command.deadline > now) {
        if (command.deadline < next) next = command.deadline;
        return;
      }
      if (expired !== undefined) return;
      const phase: TimeoutPhase =
        position >= awaitingCount
          ? 'unwritten'
          : position === 0
            ? 'awaiting-reply'
            : 'behind-earlier-replies';
      expired = { command, phase, repliesAhead: Math.min(position, awaitingCount) };
    });
    return { expired, next };
  }

  /** Buffer mode of a reply no command waits for: a RESP2 pub/sub frame on a Buffer subscriber. */
  private idleBuffers(): boolean {
    return this.decoder.pushBuffers && this.protocol === 2 && this.ready;
  }

  private onReply(value: RespValue): void {
    // RESP2 has no push type: while subscribed, confirmations and messages come as plain arrays.
    if (
      this.protocol === 2 &&
      (this.confirmed.size > 0 || this.awaiting.peek()?.push !== undefined) &&
      isResp2PubSubFrame(value)
    ) {
      this.onPush(value);
      return;
    }
    this.settleHead(value);
  }

  private settleHead(value: RespValue): void {
    const command = this.awaiting.shift();
    if (command === undefined) {
      // The server speaks without being asked: an error before closing (e.g. max clients) or a broken stream.
      const reason =
        value instanceof ReplyError
          ? `server sent an error with no command pending: ${value.message}`
          : 'server sent a reply with no command pending';
      throw new ProtocolError(reason);
    }
    const next = this.awaiting.peek() ?? this.toWrite[0];
    this.decoder.returnBuffers = next?.returnBuffers === true || this.idleBuffers();
    if (connectionChannels.commandEnd.hasSubscribers) {
      connectionChannels.commandEnd.publish({ address: this.address, args: command.args, reply: value });
    }
    const settled = command.settled;
    if (settled !== undefined) settled.release();
    if (value instanceof ReplyError) rejectCommand(command, value);
    else command.resolve(value);
  }

  private onPush(push: RespValue[]): void {
    const kind = pushKind(push);
    if (isConfirmKind(kind)) {
      const knownBefore = this.confirmed[subscriptionKindOf(kind)].size;
      this.confirmed.apply(kind, push[1]);
      const expecting = this.awaiting.peek()?.push;
      if (expecting !== undefined && expecting.kind === kind) {
        // An argument-less unsubscribe gets one frame per subscription it drops (one with a null channel
        // when there were none): what the server held is what we confirmed before this frame.
        if (expecting.remaining === -1) expecting.remaining = Math.max(1, knownBefore);
        expecting.frames.push(push);
        expecting.remaining--;
        if (expecting.remaining === 0) this.settleHead(expecting.frames);
        return;
      }
    }
    this.onUnsolicitedPush(push);
  }
}
