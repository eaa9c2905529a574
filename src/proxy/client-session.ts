/**
 * One client connection paired 1:1 with its own backend connection to one node, for its whole life:
 * MULTI/WATCH, blocking commands, pub/sub, SELECT, HELLO, AUTH, CLIENT TRACKING, CLIENT REPLY and
 * MONITOR keep their meaning.
 *
 * This file is the socket wiring and the request side: requests are forwarded as they arrive (slices of
 * the client's chunks) after the request parser has named them and the command policy (and the proxy's
 * login, see session-login.ts) has let them through. Replies are the {@link ReplyWalker}'s: it pairs
 * them with requests and hands the few that carry addresses to `rewrite` here. When a reply names a
 * node the proxy does not know, reading from the backend is suspended until the topology is refreshed.
 * Each side is paused while its peer is not draining. A backend that goes away closes the client; bad
 * client input gets a clear `-ERR` and a close.
 */
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { ProtocolError } from '../errors.js';
import { encodeCommand, encodeFrame, type RespFrame, readFrame } from '../resp/index.js';
import { AddressRewriter } from './address-rewriter.js';
import type { ClientAuth } from './client-auth.js';
import type { CommandPolicy } from './command-policy.js';
import type { ProxyMetrics } from './metrics.js';
import { peerText, rewriteMonitorLine } from './monitor-rewrite.js';
import { RequestClock } from './operation-metrics.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import type { RedirectCache } from './redirect-cache.js';
import { rewriteRedirectText } from './redirect-rewrite.js';
import { rewriteReply } from './reply-rewrite.js';
import { type Pending, pendingOf, type ReplyMode, ReplyWalker } from './reply-walker.js';
import {
  CAPTURE,
  CONTAINERS,
  DROP,
  FORWARD,
  type RequestInfo,
  type RequestLimits,
  RequestParser,
  type Verdict,
} from './request-parser.js';
import { SessionLogin } from './session-login.js';

/** What a session needs from its proxy (resolved once per proxy). */
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
  /** Rewritten MOVED/ASK lines, shared by the proxy's sessions. */
  readonly redirects: RedirectCache;
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

/**
 * Sent in place of a request the proxy does not forward, so that the server answers in its place (with
 * an error the proxy replaces) and replies stay in order; an unknown command has no effect, and inside
 * MULTI it makes EXEC fail as a refused command does on the server.
 */
const SUBSTITUTE = encodeCommand(['slotbridge-not-forwarded']);

const ERROR = 0x2d;

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

/** Names remembered as allowed per session (a client uses a few dozen commands at most). */
const MAX_ALLOWED_NAMES = 64;

const CLIENT_REPLY: RequestInfo = { name: 'client', sub: 'reply', argc: 3 };

/**
 * The read buffer of every backend socket: reads are synchronous callbacks that copy what they got
 * before returning, so one buffer serves them all.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export class ClientSession {
  private readonly backend: Socket;
  private readonly parser: RequestParser;
  private readonly walker: ReplyWalker;
  private readonly login: SessionLogin | undefined;
  /** Request timing for db_client_operation_duration_seconds, only while the metrics endpoint is on. */
  private readonly clock: RequestClock | undefined;
  private requestName = '';
  private backendConnected = false;
  private backendEnded = false;
  private closed = false;
  private draining: (() => void) | undefined;
  /** The last command name the policy allowed (without subcommand), for a quick repeat; ' ' is no name. */
  private lastAllowed = ' ';
  /**
   * Every name the policy allowed (without subcommand) since the login state last changed: a mix of
   * commands (SET/GET) is forwarded without the policy's lookups. Bounded: the policy's own list is.
   */
  private readonly allowed = new Set<string>();
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
        decide: (name, sub) => this.decide(name, sub),
        onRequest: (request) => this.onRequest(request),
        onDropped: (request, args) => this.onDropped(request, args),
      },
      ctx.requestLimits,
    );
    this.walker = new ReplyWalker(
      {
        write: (parts) => this.writeParts(parts),
        rewrite: (entry, bytes) => this.rewriteWithRefresh(entry, bytes),
        backendAuthFailed: () => {
          ctx.log(`warning: the proxy's AUTH to node ${node.id} was refused; closing a client`);
          this.rejectClient(
            `ERR slotbridge proxy: the proxy could not authenticate to node ${node.id} (proxy port ${node.proxyPort})`,
          );
        },
        failed: (error) => this.backendFailed(error),
        suspendedChanged: () => {
          if (!this.walker.suspended && this.backendEnded) this.endClient();
          this.updateFlow();
        },
        expected: () => this.clock?.push(this.requestName),
        paired: () => this.timed(),
      },
      {
        maxRewriteBytes: ctx.maxRewriteBytes,
        rewriteEvents: ctx.sentinelMode,
        nodeLabel: formatAddress(node),
      },
    );
    this.login = ctx.clientAuth === undefined ? undefined : new SessionLogin(ctx.clientAuth, ctx.metrics);
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
          this.walker.feed(chunk);
          this.checkDrained();
          return true;
        },
      },
    });
    if (ctx.clientAuth?.backendAuth !== undefined) {
      // The proxy authenticates to the backend itself; the reply is not the client's.
      this.backend.write(ctx.clientAuth.backendAuth);
      this.walker.expect(pendingOf('swallow'));
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
    return this.walker.pendingCount;
  }

  /** Nothing in flight and nothing that legitimately waits without traffic (pub/sub, MULTI, MONITOR). */
  get idle(): boolean {
    const w = this.walker;
    return w.pendingCount === 0 && !w.pubsubSeen && !w.inMulti && !w.monitoring && !this.parser.inRequest;
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
    this.walker.stop();
    this.client.destroy();
    this.backend.destroy();
    this.draining?.();
    this.ctx.onClose(this);
  }

  /** Closes a client that broke a time limit, with a last error line. */
  /**
   * Closes the client for `reason`. The error is sent only when a reply is owed (a request forwarded or
   * half received) and none is half relayed: it then answers the oldest request. Owed nothing, the
   * connection just closes, as Redis closes an idle client: an unrequested reply would be taken as the
   * answer to the client's next command, or break its reply queue (ioredis throws "Command queue state
   * error" and, without an error listener, the process exits).
   */
  timeOut(reason: string): void {
    const owed = this.parser.inRequest || (this.walker.pendingCount > 0 && this.walker.atRest);
    this.rejectClient(owed ? `ERR slotbridge proxy: ${reason}; closing the connection` : undefined);
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

  /** The proxy's login, the request policy, then CLIENT REPLY (captured: the session needs its mode). */
  private decide(name: string, sub: string | undefined): Verdict {
    const login = this.login;
    if (login !== undefined) {
      if (SessionLogin.captures(name)) return CAPTURE;
      if (!login.authenticated && name !== 'quit') {
        this.ctx.metrics.commandsRefusedUnauthenticated++;
        return DROP;
      }
    }
    // The common case, a name allowed before: no policy lookup (forgotten when the login state changes).
    if (sub === undefined) {
      if (name === this.lastAllowed) return FORWARD;
      if (this.allowed.has(name)) {
        this.lastAllowed = name;
        return FORWARD;
      }
    }
    const denial = this.denialOf(name, sub);
    if (denial !== null) {
      this.ctx.metrics.commandsDenied++;
      return DROP;
    }
    if (name === 'client' && sub === 'reply') return CAPTURE;
    if (sub === undefined && (login === undefined || login.authenticated)) {
      this.lastAllowed = name;
      if (this.allowed.size < MAX_ALLOWED_NAMES) this.allowed.add(name);
    }
    return FORWARD;
  }

  /** Why the proxy refuses a request (without the leading `-`), or null. */
  private denialOf(name: string, sub: string | undefined): string | null {
    if (this.login !== undefined && !this.login.authenticated && name !== 'quit') {
      return 'NOAUTH Authentication required.';
    }
    if (name === '') {
      return 'ERR unknown command (slotbridge proxy refuses command names longer than 32 bytes or with control, space or non-ASCII bytes)';
    }
    return this.ctx.policy.check(name, sub);
  }

  /** A request that was not forwarded as sent: the proxy answers it or sends its own form of it. */
  private onDropped(request: RequestInfo, args: Buffer[] | undefined): void {
    this.checkPending();
    const login = this.login;
    if (login !== undefined && SessionLogin.captures(request.name)) {
      login.handle(request, args, {
        answer: (reply) => this.answer(reply),
        send: (sent, info) => {
          this.backend.write(encodeCommand(sent));
          this.walker.request(info);
        },
        sendBackendAuth: (auth) => {
          this.backend.write(auth);
          this.walker.expect(pendingOf('swallow'));
        },
        inMulti: this.walker.inMulti,
      });
      this.lastAllowed = ' ';
      this.allowed.clear();
      return;
    }
    // The verdict again, from what decide() was given (the parser reports a container's subcommand).
    const sub = CONTAINERS.has(request.name) && request.argc >= 2 ? request.sub : undefined;
    const denial = this.denialOf(request.name, sub);
    if (denial === null && request.name === 'client' && sub === 'reply') {
      this.clientReply(args);
      return;
    }
    this.answer(`-${(denial ?? 'ERR slotbridge proxy refused the command').replace(/[\r\n]+/g, ' ')}\r\n`);
  }

  /**
   * CLIENT REPLY ON|OFF|SKIP. Forwarded, and the walker follows the server's reply state. Refused where
   * the server's own replies would no longer pair (checked on Redis 7.0 and 7.2): inside MULTI, the
   * server runs OFF/SKIP (or ON while replies are off) inside EXEC and EXEC's reply then declares
   * elements it never sends, or sends elements without its header; on a RESP2 connection that has
   * subscribed, the server refuses it while subscriptions last, which the proxy cannot know in advance.
   */
  private clientReply(args: Buffer[] | undefined): void {
    if (args === undefined) {
      this.answer('-ERR syntax error\r\n');
      return;
    }
    const word = args.length === 3 ? args[2].toString('latin1').toLowerCase() : '';
    const sent = encodeCommand(args);
    if (word !== 'on' && word !== 'off' && word !== 'skip') {
      // The server answers with its own error: an ordinary request.
      this.backend.write(sent);
      this.walker.request({ name: 'client', sub: 'reply', argc: args.length });
      return;
    }
    const mode = word as ReplyMode;
    if (this.walker.inMulti) {
      if (mode === 'on' && this.walker.clientReplyMode === 'on') {
        this.backend.write(sent);
        this.walker.request(CLIENT_REPLY);
      } else {
        this.answer(
          '-ERR slotbridge proxy refuses CLIENT REPLY OFF/SKIP inside MULTI (the server would send an EXEC reply that no longer pairs with the requests)\r\n',
        );
      }
      return;
    }
    if (this.walker.protocol === 2 && this.walker.pubsubSeen) {
      this.answer(
        "-ERR Can't execute 'client|reply' (slotbridge proxy: not after SUBSCRIBE on a RESP2 connection; use RESP3 or a connection without subscriptions)\r\n",
      );
      return;
    }
    this.backend.write(sent);
    this.walker.clientReply(mode);
  }

  /** Sends the substitute and replaces its reply with `reply`. */
  private answer(reply: string): void {
    this.backend.write(SUBSTITUTE);
    this.walker.expect({ kind: 'replaced', replacement: Buffer.from(reply) });
  }

  private onRequest(request: RequestInfo): void {
    this.checkPending();
    this.ctx.metrics.commands++;
    this.requestName = request.name;
    this.walker.request(request);
  }

  private checkPending(): void {
    if (this.walker.pendingCount >= this.ctx.maxPending) {
      throw new ProtocolError(`too many requests awaiting replies (limit ${this.ctx.maxPending})`);
    }
  }

  /** A reply was paired: its request's duration, if timed. */
  private timed(): void {
    if (this.clock === undefined) return;
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

  // ---- backend → client ----

  /** A reply read whole: rewritten now, or after one topology refresh when it names an unknown node. */
  private rewriteWithRefresh(entry: Pending, bytes: Buffer): Buffer | Promise<Buffer> {
    const first = this.rewrite(entry, bytes, false);
    if (first.missing === 0) return first.bytes;
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
    if (entry.kind === 'monitor-line') {
      const own = peerText(this.backend.localAddress, this.backend.localPort);
      const line = rewriteMonitorLine(bytes, own, this.clientAddress);
      if (line !== bytes) this.ctx.metrics.rewrites++;
      return { bytes: line, missing: 0 };
    }
    if (bytes[0] === ERROR && entry.kind !== 'exec') {
      // A top-level simple error is one line, and only a redirect (MOVED/ASK) carries an address: the
      // common case (a MOVED per request to another node's key) skips the frame reader and encoder, and
      // a line seen before, with the same table, is answered from the cache.
      if (!isRedirectLine(bytes)) return { bytes, missing: 0 };
      const line = bytes.toString('utf8', 1, bytes.length - 2);
      const cached = this.ctx.redirects.get(line);
      if (cached !== undefined) {
        this.ctx.metrics.rewrites++;
        return { bytes: cached, missing: 0 };
      }
      const rw = this.rewriter(withhold);
      const text = rewriteRedirectText(line, rw);
      if (text === undefined) return { bytes, missing: rw.missing };
      this.ctx.metrics.rewrites++;
      const rewritten = Buffer.from(`-${text}\r\n`);
      // Not cached: an address of no known node (withheld), or one relative to the answering node (empty host).
      if (rw.missing === 0 && !line.includes(' :')) this.ctx.redirects.set(line, rewritten);
      return { bytes: rewritten, missing: rw.missing };
    }
    const rw = this.rewriter(withhold);
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

  private rewriter(withhold: boolean): AddressRewriter {
    const rw = new AddressRewriter(this.ctx.directory, this.ctx.advertiseHost, this.node, this.clientAddress);
    rw.withhold = withhold;
    return rw;
  }

  /** Writes what one backend chunk produced: one write, or several in one corked batch (one writev). */
  private writeParts(parts: Buffer[]): void {
    if (this.closed) return;
    let total = 0;
    for (const bytes of parts) total += bytes.length;
    this.ctx.metrics.bytesToClients += total;
    if (parts.length === 1) {
      this.client.write(parts[0]);
    } else if (total <= 64 * 1024) {
      // Small parts (replies around rewritten ones) are joined: one write costs less than a writev of many.
      this.client.write(Buffer.concat(parts, total));
    } else {
      this.client.cork();
      for (const bytes of parts) this.client.write(bytes);
      this.client.uncork();
    }
    if (this.client.writableNeedDrain) this.updateFlow();
  }

  /** Pauses the side whose peer is not draining (or not there yet), resumes it otherwise. */
  private updateFlow(): void {
    if (this.closed) return;
    if (!this.backendConnected || this.backend.writableNeedDrain || this.draining !== undefined)
      this.client.pause();
    else this.client.resume();
    if (this.walker.suspended || this.client.writableNeedDrain) this.backend.pause();
    else this.backend.resume();
  }

  private checkDrained(): void {
    if (this.draining !== undefined && this.walker.pendingCount === 0 && this.walker.atRest) {
      this.endClient();
    }
  }

  // ---- ends ----

  /** Sends a final error to the client and closes both sides. */
  /** Closes the client after `text` as an error reply (none when undefined); the backend goes at once. */
  private rejectClient(text: string | undefined): void {
    if (this.closed) return;
    this.walker.stop();
    if (text === undefined) this.client.end();
    else this.client.end(`-${text.replace(/[\r\n]+/g, ' ')}\r\n`);
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
    if (!this.walker.suspended) this.endClient();
  }

  private backendFailed(error: unknown): void {
    if (this.closed) return;
    this.ctx.metrics.backendErrors++;
    const reason = error instanceof Error ? error.message : String(error);
    this.ctx.log(`warning: closing a client of ${formatAddress(this.node)}: ${reason}`);
    this.close();
  }
}
