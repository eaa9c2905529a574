/**
 * One client connection paired 1:1 with its own backend connection to one node, for its whole life:
 * MULTI/WATCH, blocking commands, pub/sub, SELECT, HELLO, AUTH and CLIENT TRACKING keep their meaning.
 *
 * Requests are forwarded as they arrive (slices of the client's chunks), after the request parser has
 * named them. Replies are delimited by the frame scanner: most are forwarded as byte ranges of the
 * backend's chunks; the few that carry addresses (and every error, which may be a redirect) are read
 * whole, rewritten and re-encoded. When a reply names a node the proxy does not know, reading from the
 * backend is suspended until the topology is refreshed and the node has a port. Each side is paused
 * while its peer is not draining. A backend that goes away closes the client; bad client input gets a
 * clear `-ERR` and a close.
 */
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { ProtocolError } from '../errors.js';
import { encodeFrame, FrameScanner, type RespFrame, readFrame } from '../resp/index.js';
import { AddressRewriter } from './address-rewriter.js';
import type { ProxyMetrics } from './metrics.js';
import { RequestClock } from './operation-metrics.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import { classifyPubsubPrefix } from './pubsub-shape.js';
import {
  needsWholeReply,
  type ReplyKind,
  replyKind,
  SUBSCRIBE_COMMANDS,
  UNSUBSCRIBE_COMMANDS,
} from './reply-kind.js';
import { rewriteReply } from './reply-rewrite.js';
import { type RequestInfo, type RequestLimits, RequestParser } from './request-parser.js';

/** What a session needs from its proxy. */
export interface SessionContext {
  readonly directory: ProxyDirectory;
  readonly advertiseHost: string;
  readonly metrics: ProxyMetrics;
  readonly requestLimits: RequestLimits;
  /** Largest reply read whole for rewriting (default 64 MiB). */
  readonly maxRewriteBytes: number;
  /** Most requests awaiting a reply on one connection. */
  readonly maxPending: number;
  readonly connectTimeoutMs: number;
  /** TCP keep-alive initial delay for both sockets, 0 for none. */
  readonly keepAliveMs: number;
  readonly log: (line: string) => void;
  readonly onClose: (session: ClientSession) => void;
}

interface Pending {
  readonly kind: ReplyKind;
  /** EXEC: kinds of the queued commands. */
  readonly queued?: ReplyKind[];
}

const PUSH = 0x3e;
const ARRAY = 0x2a;
const ERROR = 0x2d;
const BULK_ERROR = 0x21;
/** Bytes of a RESP2 array read before deciding whether it is a pub/sub message. */
const SNIFF_BYTES = 1024;

/** Shared entries of the kinds that carry nothing else (no allocation per request). */
const PENDING_BY_KIND = new Map<ReplyKind, Pending>();
function pendingOf(kind: ReplyKind): Pending {
  let pending = PENDING_BY_KIND.get(kind);
  if (pending === undefined) {
    pending = { kind };
    PENDING_BY_KIND.set(kind, pending);
  }
  return pending;
}
const PLAIN: Pending = pendingOf('plain');
const EVENT: Pending = pendingOf('pubsub-event');

/**
 * The read buffer of every backend socket: reads are synchronous callbacks that copy what they got
 * before returning, so one buffer serves them all.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

const IDLE = 0;
/** Forward the frame's bytes as they come. */
const STREAM = 1;
/** Read the frame whole, then rewrite it. */
const COLLECT = 2;
/** RESP2 after pub/sub: read the start of an array to tell a message from a paired reply. */
const SNIFF = 3;

export class ClientSession {
  private readonly backend: Socket;
  private readonly parser: RequestParser;
  private readonly scanner = new FrameScanner();
  private readonly fifo: Pending[] = [];
  private fifoHead = 0;
  /** Request timing for db_client_operation_duration_seconds, only while the metrics endpoint is on. */
  private readonly clock: RequestClock | undefined;
  private requestName = '';
  private protocol: 2 | 3 = 2;
  /** A pub/sub command was sent: RESP2 arrays are sniffed from now on. */
  private pubsubSeen = false;
  /** Inside MULTI: kinds of the queued commands. */
  private multi: ReplyKind[] | null = null;

  private mode = IDLE;
  private entry: Pending | undefined;
  private parts: Buffer[] = [];
  private collected = 0;
  /** Waiting for a topology refresh: backend chunks wait here, in order. */
  private suspended = false;
  private inbox: Buffer[] = [];
  private backendConnected = false;
  private backendEnded = false;
  private closed = false;
  private draining: (() => void) | undefined;
  /** Bytes for the client collected while one backend chunk is walked (see flushBatch). */
  private readonly batch: Buffer[] = [];
  private batching = false;
  /** A sentinel's port: pub/sub messages are events whose text carries addresses. */
  private readonly rewriteEvents: boolean;

  constructor(
    private readonly client: Socket,
    readonly node: ProxyNode,
    target: NodeAddress,
    private readonly ctx: SessionContext,
  ) {
    this.parser = new RequestParser((request) => this.onRequest(request), ctx.requestLimits);
    this.clock = ctx.metrics.timeOperations ? new RequestClock() : undefined;
    this.rewriteEvents = node.role === 'sentinel';
    client.pause();
    client.setNoDelay(true);
    if (ctx.keepAliveMs > 0) client.setKeepAlive(true, ctx.keepAliveMs);
    // Replies are read into one reusable buffer (no stream machinery per read) and copied out in
    // their exact size: small chunks come from Buffer's shared pool.
    this.backend = connect({
      host: target.host,
      port: target.port,
      noDelay: true,
      ...(ctx.keepAliveMs > 0 ? { keepAlive: true, keepAliveInitialDelay: ctx.keepAliveMs } : {}),
      onread: {
        buffer: READ_BUFFER,
        callback: (size: number, buf: Uint8Array): boolean => {
          const chunk = Buffer.allocUnsafe(size);
          chunk.set(buf.subarray(0, size));
          this.onBackendData(chunk);
          return true;
        },
      },
    });
    this.backend.setTimeout(ctx.connectTimeoutMs);
    this.backend.once('timeout', () =>
      this.backend.destroy(new Error(`connect timed out after ${ctx.connectTimeoutMs} ms`)),
    );
    this.backend.once('connect', () => {
      this.backend.setTimeout(0);
      this.backendConnected = true;
      this.updateFlow();
    });
    this.backend.on('drain', () => this.updateFlow());
    this.backend.on('error', (error) => this.onBackendError(error));
    this.backend.on('close', () => this.onBackendClose());
    client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    client.on('drain', () => this.updateFlow());
    client.on('error', () => this.close());
    client.on('close', () => this.close());
  }

  /** Requests sent and not yet answered. */
  get pendingCount(): number {
    return this.fifo.length - this.fifoHead;
  }

  /** Stops reading requests; resolves once every reply was forwarded (or the connection closed). */
  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.client.pause();
    this.client.removeAllListeners('data');
    return new Promise((resolve) => {
      this.draining = resolve;
      this.checkDrained();
    });
  }

  /** Closes both sides at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.backend.destroy();
    this.ctx.metrics.connectionsActive--;
    this.draining?.();
    this.ctx.onClose(this);
  }

  // ---- client → backend ----

  private onClientData(chunk: Buffer): void {
    this.ctx.metrics.bytesFromClients += chunk.length;
    try {
      this.parser.feed(chunk);
    } catch (error) {
      this.ctx.metrics.clientProtocolErrors++;
      const reason = error instanceof ProtocolError ? error.message : 'bad request';
      this.rejectClient(`ERR ${reason} (slotbridge proxy: closing the connection)`);
      return;
    }
    if (this.closed) return;
    this.backend.write(chunk);
    if (this.backend.writableNeedDrain) this.updateFlow();
  }

  private onRequest(request: RequestInfo): void {
    if (this.pendingCount >= this.ctx.maxPending) {
      throw new ProtocolError(`too many requests awaiting replies (limit ${this.ctx.maxPending})`);
    }
    this.ctx.metrics.commands++;
    const name = request.name;
    this.requestName = name;
    if (
      this.multi !== null &&
      name !== 'exec' &&
      name !== 'discard' &&
      name !== 'multi' &&
      name !== 'watch'
    ) {
      this.multi.push(replyKind(request));
      this.push(PLAIN);
      return;
    }
    if (SUBSCRIBE_COMMANDS.has(name) || UNSUBSCRIBE_COMMANDS.has(name)) {
      this.pubsubSeen = true;
      return;
    }
    if (name === 'multi') this.multi = [];
    if (name === 'exec') {
      this.push({ kind: 'exec', queued: this.multi ?? [] });
      this.multi = null;
      return;
    }
    if (name === 'discard') this.multi = null;
    this.push(pendingOf(replyKind(request)));
  }

  private push(pending: Pending): void {
    this.fifo.push(pending);
    this.clock?.push(this.requestName);
  }

  private shift(): Pending | undefined {
    if (this.fifoHead >= this.fifo.length) return undefined;
    const pending = this.fifo[this.fifoHead++];
    if (this.clock !== undefined) {
      const timed = this.clock.shift();
      if (timed !== undefined) {
        this.ctx.metrics.operations.record(timed.name, this.node.host, this.node.port, timed.seconds);
      }
    }
    if (this.fifoHead > 1024 && this.fifoHead * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoHead);
      this.fifoHead = 0;
    }
    return pending;
  }

  // ---- backend → client ----

  private onBackendData(chunk: Buffer): void {
    if (this.suspended) {
      this.inbox.push(chunk);
      return;
    }
    this.processReplies(chunk, 0);
  }

  /** Walks the replies in `buf` from `pos`, forwarding untouched byte ranges in one write. */
  private processReplies(buf: Buffer, pos: number): void {
    this.batching = true;
    try {
      this.walkReplies(buf, pos);
    } finally {
      this.batching = false;
      this.flushBatch();
    }
    this.checkDrained();
  }

  private walkReplies(buf: Buffer, pos: number): void {
    let out = pos;
    const end = buf.length;
    try {
      while (pos < end && !this.closed) {
        if (this.mode === IDLE) this.beginFrame(buf[pos]);
        if (this.mode !== STREAM && out < pos) {
          this.toClient(buf.subarray(out, pos));
        }
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
        const rewritten = this.endFrame();
        if (rewritten !== undefined) {
          this.suspend(rewritten, buf, pos);
          return;
        }
        out = pos;
      }
    } catch (error) {
      this.backendFailed(error);
      return;
    }
    if (out < end && !this.closed) this.toClient(buf.subarray(out, end));
  }

  /** Decides at a frame's first byte how it is paired and whether it is read whole. */
  private beginFrame(type: number): void {
    if (this.parts.length > 0) this.parts = [];
    this.collected = 0;
    this.entry = undefined;
    if (type === PUSH) {
      // Out of band. A sentinel's events carry addresses: read them whole to rewrite them.
      this.mode = this.rewriteEvents ? COLLECT : STREAM;
      if (this.rewriteEvents) this.entry = EVENT;
      return;
    }
    if (this.protocol === 2 && this.pubsubSeen && type === ARRAY) {
      this.mode = SNIFF;
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
    if (kind === 'hello3') this.protocol = 3;
    else if (kind === 'hello2') this.protocol = 2;
    else if (kind === 'reset') {
      this.protocol = 2;
      this.multi = null;
    }
  }

  private take(slice: Buffer): void {
    this.parts.push(slice);
    this.collected += slice.length;
    if (this.mode === SNIFF && this.collected >= SNIFF_BYTES && this.scanner.inFrame) {
      this.decideSniffed();
      return;
    }
    if (this.mode === COLLECT && this.collected > this.ctx.maxRewriteBytes) {
      throw new ProtocolError(
        `a reply to rewrite is larger than ${this.ctx.maxRewriteBytes} bytes from ${formatAddress(this.node)}`,
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
      const event = this.rewriteEvents && (pubsub.word === 'message' || pubsub.word === 'pmessage');
      this.mode = event ? COLLECT : STREAM;
      if (event) this.entry = EVENT;
    } else {
      this.pair(ARRAY);
    }
    if (this.mode === STREAM) {
      this.toClient(head);
      this.parts = [];
      this.collected = 0;
    } else {
      this.parts = [head];
    }
  }

  /** A collected frame is complete. Returns a promise when it must wait for a topology refresh. */
  private endFrame(): Promise<Buffer> | undefined {
    if (this.mode === SNIFF) {
      this.decideSniffed();
      const decided: number = this.mode;
      if (decided === STREAM) {
        this.mode = IDLE;
        return undefined;
      }
    }
    this.mode = IDLE;
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.collected);
    this.parts = [];
    const entry = this.entry ?? { kind: 'plain' };
    const first = this.rewrite(entry, bytes);
    if (first.missing === 0) {
      this.toClient(first.bytes);
      return undefined;
    }
    return this.ctx.directory
      .refresh()
      .catch((error: unknown) => {
        this.ctx.log(
          `warning: topology refresh failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .then(() => {
        const second = this.rewrite(entry, bytes);
        if (second.missing > 0) {
          this.ctx.metrics.unmappedAddresses += second.missing;
          this.ctx.log(`warning: a reply from ${formatAddress(this.node)} names an address of no known node`);
        }
        return second.bytes;
      });
  }

  private rewrite(entry: Pending, bytes: Buffer): { bytes: Buffer; missing: number } {
    const rw = new AddressRewriter(this.ctx.directory, this.ctx.advertiseHost, this.node);
    let frame: RespFrame;
    try {
      frame = rewriteReply(entry.kind, readFrame(bytes), rw, entry.queued);
    } catch {
      // Not a frame the rewriters understand: forward it as it came.
      return { bytes, missing: 0 };
    }
    if (rw.replaced === 0) return { bytes, missing: rw.missing };
    this.ctx.metrics.rewrites++;
    return { bytes: encodeFrame(frame), missing: rw.missing };
  }

  private suspend(rewritten: Promise<Buffer>, buf: Buffer, pos: number): void {
    this.suspended = true;
    this.updateFlow();
    rewritten.then(
      (bytes) => {
        if (this.closed) return;
        this.toClient(bytes);
        this.suspended = false;
        const inbox = this.inbox;
        this.inbox = [];
        this.processReplies(buf, pos);
        for (const chunk of inbox) {
          if (this.suspended) this.inbox.push(chunk);
          else this.processReplies(chunk, 0);
        }
        if (!this.suspended && this.backendEnded) this.endClient();
        this.updateFlow();
      },
      (error: unknown) => this.backendFailed(error),
    );
  }

  /** Forwards bytes; while a backend chunk is walked they are collected and written at its end. */
  private toClient(bytes: Buffer): void {
    if (this.closed || bytes.length === 0) return;
    this.ctx.metrics.bytesToClients += bytes.length;
    if (this.batching) {
      this.batch.push(bytes);
      return;
    }
    this.client.write(bytes);
    if (this.client.writableNeedDrain) this.updateFlow();
  }

  /** Writes what one backend chunk produced: one write, or several in one corked batch (one writev). */
  private flushBatch(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    if (this.closed) {
      batch.length = 0;
      return;
    }
    if (batch.length === 1) {
      this.client.write(batch[0]);
    } else {
      this.client.cork();
      for (const bytes of batch) this.client.write(bytes);
      this.client.uncork();
    }
    batch.length = 0;
    if (this.client.writableNeedDrain) this.updateFlow();
  }

  /** Pauses the side whose peer is not draining (or not there yet), resumes it otherwise. */
  private updateFlow(): void {
    if (this.closed) return;
    if (!this.backendConnected || this.backend.writableNeedDrain || this.draining !== undefined)
      this.client.pause();
    else this.client.resume();
    if (this.suspended || this.client.writableNeedDrain) this.backend.pause();
    else this.backend.resume();
  }

  private checkDrained(): void {
    if (this.draining !== undefined && this.pendingCount === 0 && this.mode === IDLE && !this.suspended) {
      this.endClient();
    }
  }

  // ---- ends ----

  /** Sends a final error to the client and closes both sides. */
  private rejectClient(text: string): void {
    if (this.closed) return;
    this.client.end(`-${text.replace(/[\r\n]+/g, ' ')}\r\n`);
    this.backend.destroy();
    this.client.once('finish', () => this.close());
    setTimeout(() => this.close(), 1000).unref();
  }

  private endClient(): void {
    if (this.closed) return;
    this.client.end();
    this.client.once('finish', () => this.close());
    setTimeout(() => this.close(), 1000).unref();
  }

  private onBackendError(error: Error): void {
    if (this.closed) return;
    this.ctx.metrics.backendErrors++;
    if (!this.backendConnected) {
      // The client may be outside the servers' network: name the node by id and proxy port, never by the
      // backend address. A system error's message holds that address ("connect ECONNREFUSED host:port")
      // or nothing (AggregateError): its code says the reason.
      const reason = (error as NodeJS.ErrnoException).code ?? (error.message || error.name);
      this.rejectClient(
        `ERR slotbridge proxy: cannot reach node ${this.node.id} (proxy port ${this.node.proxyPort}): ${reason}; ` +
          'the node may be down, retry once the cluster has failed over',
      );
    }
  }

  private onBackendClose(): void {
    if (this.closed) return;
    this.backendEnded = true;
    if (!this.backendConnected) return;
    if (!this.suspended) this.endClient();
  }

  private backendFailed(error: unknown): void {
    this.ctx.metrics.backendErrors++;
    const reason = error instanceof Error ? error.message : String(error);
    this.ctx.log(`warning: closing a client of ${formatAddress(this.node)}: ${reason}`);
    this.close();
  }
}
