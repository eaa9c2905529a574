/**
 * Above ~400 lines for a reason: one client connection and its backend: request/reply pairing, the command policy
 * and the rewriting share the queue of requests in flight on the hot path.
 *
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
import { encodeCommand, encodeFrame, FrameScanner, type RespFrame, readFrame } from '../resp/index.js';
import { AddressRewriter } from './address-rewriter.js';
import type { ClientAuth } from './client-auth.js';
import type { CommandPolicy } from './command-policy.js';
import type { ProxyMetrics } from './metrics.js';
import { RequestClock } from './operation-metrics.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import { classifyPubsubPrefix } from './pubsub-shape.js';
import { rewriteRedirectText } from './redirect-rewrite.js';
import {
  needsWholeReply,
  type ReplyKind,
  replyKind,
  SUBSCRIBE_COMMANDS,
  UNSUBSCRIBE_COMMANDS,
} from './reply-kind.js';
import { rewriteReply } from './reply-rewrite.js';
import {
  CAPTURE,
  DROP,
  FORWARD,
  type RequestInfo,
  type RequestLimits,
  RequestParser,
  type Verdict,
} from './request-parser.js';

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
  readonly policy: CommandPolicy;
  /** Sentinel mode: pub/sub messages on every port may carry addresses (events, `__sentinel__:hello`). */
  readonly sentinelMode: boolean;
  /** Clients must AUTH to the proxy (and the proxy authenticates to the backends itself). */
  readonly clientAuth: ClientAuth | undefined;
  /** A coarse clock (ms), advanced by the proxy's timer: read per chunk instead of calling Date.now(). */
  readonly clock: { now: number };
  /** TCP keep-alive initial delay for both sockets, 0 for none. */
  readonly keepAliveMs: number;
  readonly log: (line: string) => void;
  readonly onClose: (session: ClientSession) => void;
}

interface Pending {
  readonly kind: ReplyKind;
  /** EXEC: kinds of the queued commands. */
  readonly queued?: ReplyKind[];
  /** 'replaced': what the client gets instead of the server's reply. */
  readonly replacement?: Buffer;
}

/**
 * Sent in place of a request the proxy does not forward, so that the server answers in its place (with
 * an error the proxy replaces) and replies stay in order; an unknown command has no effect, and inside
 * MULTI it makes EXEC fail as a refused command does on the server.
 */
const SUBSTITUTE = encodeCommand(['slotbridge-not-forwarded']);

const PUSH = 0x3e;
const ARRAY = 0x2a;
const ERROR = 0x2d;
const BULK_ERROR = 0x21;
/** `-MOVED ` / `-ASK ` at the start of a simple error line. */
function isRedirectLine(bytes: Buffer): boolean {
  return (
    (bytes[1] === 0x4d &&
      bytes[2] === 0x4f &&
      bytes[3] === 0x56 &&
      bytes[4] === 0x45 &&
      bytes[5] === 0x44 &&
      bytes[6] === 0x20) ||
    (bytes[1] === 0x41 && bytes[2] === 0x53 && bytes[3] === 0x4b && bytes[4] === 0x20)
  );
}

/** Rewritten MOVED/ASK lines kept per proxy (at most one per slot and node, in practice). */
const REDIRECT_CACHE_LIMIT = 65_536;
const redirectCaches = new WeakMap<
  ProxyDirectory,
  { refreshes: number; changes: number; lines: Map<string, Buffer> }
>();

/** The redirect cache of `directory`'s proxy, emptied whenever its table may have changed. */
function redirectCacheOf(directory: ProxyDirectory): Map<string, Buffer> {
  let entry = redirectCaches.get(directory);
  if (
    entry === undefined ||
    entry.refreshes !== directory.refreshCount ||
    entry.changes !== directory.changeCount
  ) {
    entry = { refreshes: directory.refreshCount, changes: directory.changeCount, lines: new Map() };
    redirectCaches.set(directory, entry);
  }
  return entry.lines;
}

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
  /** Sentinel mode: pub/sub messages are events (or sentinel hellos) whose text carries addresses. */
  private readonly rewriteEvents: boolean;
  /** The client passed the proxy's AUTH (always true without a client password). */
  private authenticated: boolean;
  /** The last command name the policy allowed (without subcommand), for a quick repeat; ' ' is no name. */
  private lastAllowed = ' ';
  /** Why the request being read is refused (set by decide, used by onDropped). */
  private denial = '';
  /** Clock reading of the last client bytes, and of the start of a request still incomplete (0: none). */
  lastActive: number;
  partialSince = 0;
  /** The client's address as `ip:port` (CLIENT INFO `addr`). */
  private readonly clientAddress: string;
  /** Client address only (per-IP connection counts). */
  readonly clientIp: string;

  constructor(
    private readonly client: Socket,
    readonly node: ProxyNode,
    target: NodeAddress,
    private readonly ctx: SessionContext,
  ) {
    this.parser = new RequestParser(
      {
        forward: (bytes) => this.backend.write(bytes),
        decide: (name, sub, argc) => this.decide(name, sub, argc),
        onRequest: (request) => this.onRequest(request),
        onDropped: (request, args) => this.onDropped(request, args),
      },
      ctx.requestLimits,
    );
    this.rewriteEvents = ctx.sentinelMode;
    this.authenticated = ctx.clientAuth === undefined;
    this.lastActive = ctx.clock.now;
    this.clientIp = client.remoteAddress ?? '?';
    this.clientAddress = `${this.clientIp.includes(':') ? `[${this.clientIp}]` : this.clientIp}:${client.remotePort ?? 0}`;
    this.clock = ctx.metrics.timeOperations ? new RequestClock() : undefined;
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
    if (ctx.clientAuth?.backendAuth !== undefined) {
      // The proxy authenticates to the backend itself; the reply is not the client's.
      this.backend.write(ctx.clientAuth.backendAuth);
      this.push(pendingOf('swallow'));
    }
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
    this.lastActive = this.ctx.clock.now;
    try {
      this.parser.feed(chunk);
    } catch (error) {
      this.ctx.metrics.clientProtocolErrors++;
      const reason = error instanceof ProtocolError ? error.message : 'bad request';
      this.rejectClient(`ERR ${reason} (slotbridge proxy: closing the connection)`);
      return;
    }
    if (this.closed) return;
    if (!this.parser.inRequest) this.partialSince = 0;
    else if (this.partialSince === 0) this.partialSince = this.ctx.clock.now;
    if (this.backend.writableNeedDrain) this.updateFlow();
  }

  /** Closes a client that broke a time limit, with a last error line. */
  timeOut(reason: string): void {
    this.rejectClient(`ERR slotbridge proxy: ${reason}; closing the connection`);
  }

  /** Nothing in flight and nothing that legitimately waits without traffic (pub/sub, MULTI). */
  get idle(): boolean {
    return this.pendingCount === 0 && !this.pubsubSeen && this.multi === null && !this.parser.inRequest;
  }

  /** The request policy, the client password, then what the request parser could not name. */
  private decide(name: string, sub: string | undefined, _argc: number): Verdict {
    const auth = this.ctx.clientAuth;
    if (auth !== undefined) {
      if (name === 'auth' || name === 'hello' || name === 'reset') return CAPTURE;
      if (!this.authenticated && name !== 'quit') {
        this.denial = 'NOAUTH Authentication required.';
        this.ctx.metrics.commandsRefusedUnauthenticated++;
        return DROP;
      }
    }
    // The common case, a stream of the same allowed command: no lookup (reset when auth state changes).
    if (name === this.lastAllowed && sub === undefined) return FORWARD;
    if (name === '') {
      this.denial =
        'ERR unknown command (slotbridge proxy refuses command names longer than 32 bytes or with control, space or non-ASCII bytes)';
      this.ctx.metrics.commandsDenied++;
      return DROP;
    }
    const denial = this.ctx.policy.check(name, sub);
    if (denial === null) {
      if (sub === undefined && (auth === undefined || this.authenticated)) this.lastAllowed = name;
      return FORWARD;
    }
    this.denial = denial;
    this.ctx.metrics.commandsDenied++;
    return DROP;
  }

  /** A request that was not forwarded: the proxy answers it, through a substitute to keep replies in order. */
  private onDropped(request: RequestInfo, args: Buffer[] | undefined): void {
    if (this.pendingCount >= this.ctx.maxPending) {
      throw new ProtocolError(`too many requests awaiting replies (limit ${this.ctx.maxPending})`);
    }
    const auth = this.ctx.clientAuth;
    if (
      auth !== undefined &&
      (request.name === 'auth' || request.name === 'hello' || request.name === 'reset')
    ) {
      this.onCaptured(auth, request, args);
      return;
    }
    this.answer(`-${this.denial.replace(/[\r\n]+/g, ' ')}\r\n`);
  }

  /** Sends the substitute and replaces its reply with `reply`. */
  private answer(reply: string): void {
    this.backend.write(SUBSTITUTE);
    this.push({ kind: 'replaced', replacement: Buffer.from(reply) });
  }

  /** AUTH, HELLO and RESET when clients authenticate to the proxy. */
  private onCaptured(auth: ClientAuth, request: RequestInfo, args: Buffer[] | undefined): void {
    if (args === undefined) {
      this.answer(
        `-ERR syntax error (slotbridge proxy: ${request.name.toUpperCase()} arguments too long)\r\n`,
      );
      return;
    }
    if (this.multi !== null) {
      this.answer(`-ERR slotbridge proxy: ${request.name.toUpperCase()} is not allowed inside MULTI\r\n`);
      return;
    }
    if (request.name === 'reset') {
      // The server's RESET also logs the connection out: so does the proxy's, and the backend
      // connection is authenticated again for the next login.
      this.authenticated = false;
      this.lastAllowed = ' ';
      this.backend.write(encodeCommand(['RESET']));
      this.push(pendingOf('reset'));
      if (auth.backendAuth !== undefined) {
        this.backend.write(auth.backendAuth);
        this.push(pendingOf('swallow'));
      }
      return;
    }
    if (request.name === 'auth') {
      if (args.length < 2 || args.length > 3) {
        this.answer("-ERR wrong number of arguments for 'auth' command\r\n");
        return;
      }
      const ok = auth.verify(args.length === 3 ? args[1] : undefined, args[args.length - 1]);
      if (!ok) {
        this.ctx.metrics.authFailures++;
        this.answer('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
        return;
      }
      this.authenticated = true;
      this.answer('+OK\r\n');
      return;
    }
    // HELLO [protover [AUTH user pass] [SETNAME name]]: the proxy checks AUTH and forwards the rest.
    const forwarded: Buffer[] = [Buffer.from('HELLO')];
    let login: { user: Buffer; pass: Buffer } | undefined;
    if (args.length > 1) forwarded.push(args[1]);
    for (let i = 2; i < args.length; i++) {
      const option = args[i].toString('latin1').toLowerCase();
      if (option === 'auth' && i + 2 < args.length) {
        login = { user: args[i + 1], pass: args[i + 2] };
        i += 2;
      } else if (option === 'setname' && i + 1 < args.length) {
        forwarded.push(Buffer.from('SETNAME'), args[i + 1]);
        i += 1;
      } else {
        this.answer(`-ERR Syntax error in HELLO option '${option.replace(/[^ -~]/g, '?')}'\r\n`);
        return;
      }
    }
    if (login !== undefined) {
      if (!auth.verify(login.user, login.pass)) {
        this.ctx.metrics.authFailures++;
        this.answer('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
        return;
      }
      this.authenticated = true;
    }
    if (!this.authenticated) {
      this.ctx.metrics.commandsRefusedUnauthenticated++;
      this.answer(
        '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n',
      );
      return;
    }
    this.backend.write(encodeCommand(forwarded));
    this.push(
      pendingOf(replyKind({ name: 'hello', sub: args[1]?.toString('latin1') ?? '', argc: forwarded.length })),
    );
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
        // The node as clients know it (advertised host, proxy port): a backend address is never shown, here either.
        this.ctx.metrics.operations.record(
          timed.name,
          this.ctx.advertiseHost,
          this.node.proxyPort,
          timed.seconds,
        );
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
    if (entry.kind === 'replaced') {
      this.toClient(entry.replacement ?? bytes);
      return undefined;
    }
    if (entry.kind === 'swallow') {
      if (bytes[0] === ERROR || bytes[0] === BULK_ERROR) {
        this.ctx.log(`warning: the proxy's AUTH to node ${this.node.id} was refused; closing a client`);
        this.rejectClient(
          `ERR slotbridge proxy: the proxy could not authenticate to node ${this.node.id} (proxy port ${this.node.proxyPort})`,
        );
      }
      return undefined;
    }
    const first = this.rewrite(entry, bytes, false);
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
        const second = this.rewrite(entry, bytes, true);
        if (second.missing > 0) {
          this.ctx.metrics.unmappedAddresses += second.missing;
          this.ctx.log(
            `warning: a reply from node ${this.node.id} names an address of no known node (withheld: given as port 0)`,
          );
        }
        return second.bytes;
      });
  }

  private rewrite(entry: Pending, bytes: Buffer, withhold: boolean): { bytes: Buffer; missing: number } {
    if (bytes[0] === ERROR && entry.kind !== 'exec') {
      // A top-level simple error is one line, and only a redirect (MOVED/ASK) carries an address: the
      // common case (a MOVED per request to another node's key) skips the frame reader and encoder, and
      // a line seen before, with the same table, is answered from the cache.
      if (!isRedirectLine(bytes)) return { bytes, missing: 0 };
      const line = bytes.toString('utf8', 1, bytes.length - 2);
      const cache = redirectCacheOf(this.ctx.directory);
      const cached = cache.get(line);
      if (cached !== undefined) {
        this.ctx.metrics.rewrites++;
        return { bytes: cached, missing: 0 };
      }
      const rw = new AddressRewriter(
        this.ctx.directory,
        this.ctx.advertiseHost,
        this.node,
        this.clientAddress,
      );
      rw.withhold = withhold;
      const text = rewriteRedirectText(line, rw);
      if (text === undefined) return { bytes, missing: rw.missing };
      this.ctx.metrics.rewrites++;
      const rewritten = Buffer.from(`-${text}\r\n`);
      // Not cached: an address of no known node (withheld), or one relative to the answering node (empty host).
      if (rw.missing === 0 && !line.includes(' :')) {
        if (cache.size >= REDIRECT_CACHE_LIMIT) cache.clear();
        cache.set(line, rewritten);
      }
      return { bytes: rewritten, missing: rw.missing };
    }
    const rw = new AddressRewriter(this.ctx.directory, this.ctx.advertiseHost, this.node, this.clientAddress);
    rw.withhold = withhold;
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
      // Small parts (replies around rewritten ones) are joined: one write costs less than a writev of many.
      let total = 0;
      for (const bytes of batch) total += bytes.length;
      if (total <= 64 * 1024) {
        this.client.write(Buffer.concat(batch, total));
      } else {
        this.client.cork();
        for (const bytes of batch) this.client.write(bytes);
        this.client.uncork();
      }
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
