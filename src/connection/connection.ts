/**
 * One socket to one server (see {@link Connection}). Longer than our ~400-line guide on purpose: the
 * socket's lifecycle, the in-flight queue, write coalescing and reply pairing share state that must change
 * together on every event, and splitting them would spread one state machine across files. What does not
 * share that state lives beside it: the handshake (handshake.ts), the offline queue (offline-queue.ts),
 * the re-send decision (resend-policy.ts), the reconnect loop (reconnect-loop.ts), timeout reports
 * (command-timeout.ts) and argument checks (command-arguments.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { type Availability, missingRequirement } from '../commands/server-version.js';
import {
  ConnectionError,
  clientClosedError,
  type Delivery,
  ProtocolError,
  TimeoutError,
  UnsupportedCommandError,
  withDelivery,
} from '../errors.js';
import { CommandWriter, ReplyError, type RespArg, RespDecoder, type RespValue } from '../resp/index.js';
import { commandLabel, commandName, invalidArgument } from './command-arguments.js';
import { CommandQueue } from './command-queue.js';
import { commandTimeoutError } from './command-timeout.js';
import { type ConnectionHealth, describePhase, type TimeoutPhase } from './connection-health.js';
import { type CheckedCredentials, CredentialRefresher } from './credential-refresher.js';
import { connectionChannels } from './diagnostics.js';
import { eventLoopStalls } from './event-loop-stall.js';
import { describeHandshakeError, describeSocketError, isFatalOnFirstConnect } from './failure.js';
import { runHandshake } from './handshake.js';
import { HealthCheck } from './health-check.js';
import { OfflineQueue } from './offline-queue.js';
import { openSocket } from './open-socket.js';
import {
  type ConnectionOptions,
  describeAddress,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
} from './options.js';
import {
  isConfirmKind,
  isResp2PubSubFrame,
  type PushConfirmation,
  pushConfirmationFor,
  pushKind,
  ServerSubscriptions,
  subscriptionKindOf,
} from './pubsub-frames.js';
import { ReconnectLoop } from './reconnect-loop.js';
import { mayResend } from './resend-policy.js';
import type { ServerInfo } from './server-info.js';

/** Per-command options. */
export interface SendOptions {
  /** Timeout in ms for this command, overriding the connection default; 0 for none. */
  timeout?: number;
  /** Decode bulk strings of this reply as Buffers. */
  returnBuffers?: boolean;
  /** May be re-sent after the connection dropped while it was in flight (only safe for idempotent commands). */
  retryable?: boolean;
  /**
   * What earlier connections did with this command, when a topology sends it again after one of them
   * failed it (the {@link Delivery} carried on that failure): re-sends keep counting against
   * `maxRetriesPerCommand` across connections.
   */
  previous?: Delivery;
  /**
   * Which servers have this command: rejected (UnsupportedCommandError) before sending when the server's
   * flavor or version lacks it (checked once the handshake has told the server apart).
   */
  availability?: Availability;
}

/** Lifecycle of a connection; `closed` is final. */
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

interface PendingCommand {
  args: readonly RespArg[];
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
  returnBuffers: boolean;
  retryable: boolean;
  /** Times it was sent again after a connection loss (counted when it is written again). */
  attempts: number;
  /** Handed to a socket at least once (here or, per `previous`, on an earlier connection). */
  written: boolean;
  /** Written, then lost with its connection and queued to be sent again: the next dispatch is a re-send. */
  lostInFlight: boolean;
  /** performance.now() deadline, 0 for none. */
  deadline: number;
  timeout: number;
  /** Handshake commands bypass the offline queue and are never retried. */
  internal: boolean;
  /** Set for subscribe-family commands: answered by confirmation frames, not by one reply. */
  push: PushConfirmation | undefined;
  availability: Availability | undefined;
  loopMark: number;
}

interface ReadyWaiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One socket to one server: handshake, write coalescing, FIFO reply matching, timeouts, reconnect.
 * It knows nothing about slots or topologies: `send(args)` returns the reply.
 *
 * Events: `connect` (socket open), `ready` (handshake done), `error` (only emitted when a listener exists,
 * so an unobserved failure never crashes the process), `reconnecting` ({ attempt, delay, error }), `end`,
 * `push` (a RESP3 push frame, or a RESP2 pub/sub frame, that no command was waiting for: messages,
 * invalidations, server-initiated unsubscribes).
 *
 * Subscribe-family commands (SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE) resolve
 * with their confirmation frames, one per channel (`[kind, channel, count]`), however the server sends them
 * (push frames in RESP3, arrays in RESP2); an error reply rejects them as usual.
 */
export class Connection extends EventEmitter {
  readonly options: ResolvedConnectionOptions;
  /** `host:port` or socket path, as used in error messages. */
  readonly address: string;
  private stateValue: ConnectionState = 'idle';
  private socket: Socket | undefined;
  private readonly decoder: RespDecoder;
  private writer = new CommandWriter();
  private readonly inflight = new CommandQueue<PendingCommand>();
  private readonly confirmed = new ServerSubscriptions();
  private readonly offline: OfflineQueue<PendingCommand>;
  /** Commands appended to the writer but not yet handed to the socket: safe to re-send after a failure. */
  private unsent = 0;
  private flushScheduled = false;
  private readonly reconnectLoop: ReconnectLoop;
  private readyOnce = false;
  private failure: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDeadline = Number.POSITIVE_INFINITY;
  private connectTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readyWaiters: ReadyWaiter[] = [];
  private endEmitted = false;
  private closeWaiters: Array<() => void> = [];
  private protocolValue: 2 | 3 = 3;
  private serverInfoValue: ServerInfo | undefined;
  private readonly flushBound = () => this.flush();
  private readonly onTimerBound = () => this.onTimer();
  private readonly healthCheck: HealthCheck;
  /** True while this connection holds a reference on the event-loop stall monitor (its timer is armed). */
  private watchingLoop = false;
  /** onTimer found an expired command and yielded once to pending I/O before deciding (see onTimer). */
  private recheckedAfterIo = false;
  private lastReadAt = 0;
  private zoneValue: string | undefined;
  private readonly credentials: CredentialRefresher | undefined;
  private credentialsInUse: CheckedCredentials | undefined;

  constructor(options: ConnectionOptions = {}) {
    super();
    this.options = resolveConnectionOptions(options);
    this.address = describeAddress(this.options);
    this.reconnectLoop = new ReconnectLoop(this.options.reconnect);
    this.offline = new OfflineQueue<PendingCommand>({
      address: this.address,
      limit: this.options.maxOfflineQueue,
      holder: () => `Connection to ${this.address} (${this.stateValue})`,
      waiting: () =>
        describePhase({
          phase: 'queued',
          repliesAhead: 0,
          eventLoopBlockedMs: 0,
          connectionState: this.stateValue,
        }),
    });
    this.decoder = new RespDecoder({
      onReply: (value) => this.onReply(value),
      onPush: (push) => this.onPush(push),
      ...(this.options.maxBulkLength !== undefined ? { maxBulkLength: this.options.maxBulkLength } : {}),
      ...(this.options.maxAggregateLength !== undefined
        ? { maxAggregateLength: this.options.maxAggregateLength }
        : {}),
      ...(this.options.maxDepth !== undefined ? { maxDepth: this.options.maxDepth } : {}),
    });
    this.healthCheck = new HealthCheck(this.options.healthCheck, {
      address: this.address,
      idle: () => this.inflight.length === 0,
      ping: () => this.sendInternal(['PING']),
      fail: (error) => {
        if (this.socket !== undefined && this.stateValue === 'ready') this.destroySocket(this.socket, error);
      },
    });
    this.credentials =
      this.options.credentials === undefined
        ? undefined
        : new CredentialRefresher(this.options.credentials, {
            address: this.address,
            reauthenticate: (credentials) => this.reauthenticate(credentials),
            reportError: (error) => this.emitEvent('error', connectionChannels.error, error),
          });
    this.options.registry?.add(this);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The protocol negotiated by the handshake (3 unless the server refused HELLO or 2 was asked for). */
  get protocol(): 2 | 3 {
    return this.protocolValue;
  }

  /** The server's own version (HELLO `version`, or INFO on RESP2), once a handshake has completed. */
  get serverVersion(): string | undefined {
    return this.serverInfoValue?.version;
  }

  /** The server's flavor, version and mode, learned in the handshake (undefined before the first one). */
  get server(): ServerInfo | undefined {
    return this.serverInfoValue;
  }

  /**
   * Pub/sub frames carry their payloads as Buffers (binary-safe), for subscriptions made through a
   * `withBuffers()` view: RESP3 push frames are decoded so; on RESP2, where messages are plain replies,
   * every reply after the handshake is (set it only on a connection dedicated to subscriptions).
   */
  get pubsubBuffers(): boolean {
    return this.decoder.pushBuffers;
  }

  set pubsubBuffers(value: boolean) {
    this.decoder.pushBuffers = value;
    if (this.stateValue === 'ready' && this.inflight.length === 0)
      this.decoder.returnBuffers = this.idleBuffers();
  }

  /** Buffer mode of a reply no command waits for: a RESP2 pub/sub frame on a Buffer subscriber. */
  private idleBuffers(): boolean {
    return this.decoder.pushBuffers && this.protocolValue === 2 && this.stateValue === 'ready';
  }

  /**
   * The server's availability zone (Valkey 8 `availability-zone`), learned after the handshake when
   * `learnZone` is set: undefined until known, '' when the server reports none.
   */
  get availabilityZone(): string | undefined {
    return this.zoneValue;
  }

  /** True once a handshake has completed on this connection (it reached the server at least once). */
  get everReady(): boolean {
    return this.readyOnce;
  }

  /** Subscriptions the server confirmed on the current socket (empty after a reconnect until restored). */
  get serverSubscriptions(): Readonly<ServerSubscriptions> {
    return this.confirmed;
  }

  /** Number of commands sent or queued and not yet answered. */
  get pendingCount(): number {
    return this.inflight.length + this.offline.length;
  }

  /**
   * Opens the connection and resolves once the handshake is done. Rejects with the failure of the first
   * attempt; unless that failure is final (wrong password, TLS verification), reconnecting goes on in the
   * background according to the reconnect policy.
   */
  connect(): Promise<void> {
    if (this.stateValue === 'ready') return Promise.resolve();
    if (this.stateValue === 'closing' || this.stateValue === 'closed') {
      return Promise.reject(this.closedError('connect() was called after the connection was closed'));
    }
    const waiter = new Promise<void>((resolve, reject) => {
      this.readyWaiters.push({ resolve, reject });
    });
    if (this.stateValue === 'idle') this.open();
    return waiter;
  }

  /**
   * Sends one command; the promise settles with the reply, or rejects with a ReplyError (the server said
   * no), a TimeoutError, or a ConnectionError. It never stays pending: every command has a deadline unless
   * timeouts were disabled, and every close settles every command.
   */
  send(args: readonly RespArg[], options?: SendOptions): Promise<RespValue> {
    const invalid = invalidArgument(args);
    if (invalid !== undefined) return Promise.reject(invalid);
    return new Promise<RespValue>((resolve, reject) => {
      const timeout = options?.timeout ?? this.options.commandTimeout;
      const command: PendingCommand = {
        args,
        resolve,
        reject,
        returnBuffers: options?.returnBuffers ?? false,
        retryable: options?.retryable ?? false,
        attempts: options?.previous?.resends ?? 0,
        written: options?.previous?.written ?? false,
        lostInFlight: options?.previous?.written ?? false,
        deadline: timeout > 0 ? performance.now() + timeout : 0,
        timeout,
        internal: false,
        push: pushConfirmationFor(args),
        availability: options?.availability,
        loopMark: timeout > 0 ? eventLoopStalls.total() : 0,
      };
      this.enqueue(command);
    });
  }

  /**
   * Graceful close: commands already sent get their replies, then QUIT, then the socket closes.
   * If the connection is not ready, queued commands are rejected and it closes at once.
   */
  async quit(): Promise<void> {
    if (this.stateValue === 'closed') return;
    if (this.stateValue === 'closing') return this.waitClosed();
    if (this.stateValue !== 'ready') {
      this.close(this.closedError('quit() was called before the connection was ready'));
      return;
    }
    const quitReply = this.send(['QUIT'], { timeout: this.options.commandTimeout || 5000 }).catch(
      () => undefined,
    );
    this.stateValue = 'closing';
    const closed = this.waitClosed();
    await quitReply;
    // The server closes after replying OK to QUIT; close our side too in case it does not.
    this.socket?.end();
    await closed;
  }

  /** Immediate close: every pending command is rejected with a ConnectionError saying disconnect() was called. */
  disconnect(): void {
    if (this.stateValue === 'closed') return;
    this.close(this.closedError('disconnect() was called before the reply arrived'));
  }

  private closedError(reason: string): ConnectionError {
    return clientClosedError(`Connection to ${this.address}`, reason, this.address);
  }

  private waitClosed(): Promise<void> {
    if (this.stateValue === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  private enqueue(command: PendingCommand): void {
    switch (this.stateValue) {
      case 'ready':
        this.dispatch(command);
        return;
      case 'closing':
      case 'closed':
        command.reject(
          withDelivery(
            this.closedError(`command ${commandName(command.args)} was issued after quit() or disconnect()`),
            deliveryOf(command),
          ),
        );
        return;
      default:
        if (!this.offline.push(command)) return;
        if (this.stateValue === 'idle') this.open();
    }
  }

  private dispatch(command: PendingCommand): void {
    const server = this.serverInfoValue;
    if (command.availability !== undefined && server !== undefined) {
      const needs = missingRequirement(command.availability, server.flavor, server.version, server.mode);
      if (needs !== undefined) {
        const details = {
          needs,
          since: command.availability[server.flavor],
          flavor: server.flavor,
          serverVersion: server.version,
        };
        command.reject(new UnsupportedCommandError(commandLabel(command.args), details, this.address));
        return;
      }
    }
    if (command.lostInFlight) {
      command.lostInFlight = false;
      command.attempts++;
    }
    // The decoder's Buffer mode follows the head of the in-flight queue; an idle connection has none yet.
    if (this.inflight.length === 0) this.decoder.returnBuffers = command.returnBuffers || this.idleBuffers();
    this.writer.write(command.args);
    this.inflight.push(command);
    this.unsent++;
    if (command.deadline > 0 && command.deadline < this.timerDeadline) this.armTimer(command.deadline);
    if (connectionChannels.commandStart.hasSubscribers) {
      connectionChannels.commandStart.publish({ address: this.address, args: command.args });
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(this.flushBound);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const socket = this.socket;
    if (!socket || this.writer.length === 0) return;
    // Back-pressure: keep coalescing in the writer until the socket drains.
    if (socket.writableNeedDrain) return;
    const chunks = this.writer.take();
    this.unsent = 0;
    if (chunks.length === 1) {
      socket.write(chunks[0]);
      return;
    }
    socket.cork();
    for (const chunk of chunks) socket.write(chunk);
    socket.uncork();
  }

  private open(): void {
    this.stateValue = 'connecting';
    this.failure = undefined;
    let opened: { socket: Socket; readyEvent: string };
    try {
      opened = openSocket(this.options);
    } catch (error) {
      this.failure = new ConnectionError(
        'ERR_CONNECT',
        `Could not open a connection to ${this.address}: ${(error as Error).message}`,
        this.address,
        { cause: error },
      );
      this.afterSocketClosed(undefined);
      return;
    }
    const { socket, readyEvent } = opened;
    this.socket = socket;
    this.decoder.reset();
    this.decoder.returnBuffers = false;
    this.connectTimer = setTimeout(() => {
      this.destroySocket(
        socket,
        new TimeoutError(
          `Connecting to ${this.address} timed out after ${this.options.connectTimeout} ms ` +
            '(is the address reachable from here? a firewall or NAT may drop the packets).',
          this.address,
        ),
      );
    }, this.options.connectTimeout);
    socket.once(readyEvent, () => {
      if (socket !== this.socket) return;
      if (this.options.noDelay) socket.setNoDelay(true);
      if (this.options.keepAlive > 0) socket.setKeepAlive(true, this.options.keepAlive);
      this.emitEvent('connect', connectionChannels.connect, undefined);
      this.handshake(socket).then(
        () => this.becomeReady(socket),
        (error: Error) => this.destroySocket(socket, describeHandshakeError(error, this.address)),
      );
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error: Error) => {
      if (socket === this.socket && this.failure === undefined) {
        this.failure = describeSocketError(error, this.address, this.options.tls !== undefined);
      }
    });
    socket.on('close', () => this.afterSocketClosed(socket));
    socket.on('drain', this.flushBound);
  }

  private async handshake(socket: Socket): Promise<void> {
    const credentials = await this.credentialsFor(socket);
    const result = await runHandshake(this.options, credentials, (args) => this.sendInternal(args));
    this.serverInfoValue = result.server ?? this.serverInfoValue;
    if (socket !== this.socket)
      throw new ConnectionError('ERR_CONNECTION_CLOSED', 'socket replaced during handshake');
    this.protocolValue = result.protocol;
  }

  /** Asks INFO server once for `availability_zone` (Valkey 8.0 has it there, not in HELLO). */
  private learnZone(): void {
    this.sendInternal(['INFO', 'server']).then(
      (reply) => {
        const text = Buffer.isBuffer(reply) ? reply.toString() : String(reply);
        const match = /^availability_zone:(.*)$/m.exec(text);
        this.zoneValue = match ? match[1].trim() : '';
      },
      () => undefined,
    );
  }

  /** Credentials for this handshake: the provider's, asked afresh on every connect, else the static ones. */
  private async credentialsFor(
    socket: Socket,
  ): Promise<{ username: string | undefined; password: string | undefined }> {
    if (this.credentials === undefined)
      return { username: this.options.username, password: this.options.password };
    const fresh = await this.credentials.fetch();
    if (socket !== this.socket) {
      throw new ConnectionError('ERR_CONNECTION_CLOSED', 'socket replaced while asking for credentials');
    }
    this.credentialsInUse = fresh;
    return fresh;
  }

  /** Re-authenticates the open socket with refreshed credentials; nothing is dropped or re-sent. */
  private async reauthenticate(credentials: CheckedCredentials): Promise<void> {
    if (this.stateValue !== 'ready') return;
    const { username, password } = credentials;
    await this.sendInternal(['AUTH', username ?? 'default', password]);
    this.credentialsInUse = credentials;
  }

  private sendInternal(args: readonly RespArg[]): Promise<RespValue> {
    return new Promise<RespValue>((resolve, reject) => {
      const command: PendingCommand = {
        args,
        resolve,
        reject,
        returnBuffers: false,
        retryable: false,
        attempts: 0,
        written: false,
        lostInFlight: false,
        deadline: 0,
        timeout: 0,
        internal: true,
        push: undefined,
        availability: undefined,
        loopMark: 0,
      };
      this.dispatch(command);
    });
  }

  private becomeReady(socket: Socket): void {
    if (socket !== this.socket) return;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.stateValue = 'ready';
    this.reconnectLoop.succeeded();
    this.readyOnce = true;
    if (this.inflight.length === 0) this.decoder.returnBuffers = this.idleBuffers();
    this.healthCheck.start();
    if (this.options.learnZone && this.zoneValue === undefined) this.learnZone();
    if (this.credentialsInUse !== undefined) this.credentials?.schedule(this.credentialsInUse);
    this.emitEvent('ready', connectionChannels.ready, undefined);
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.resolve();
    // Flush what was queued while offline, oldest first; skip what timed out meanwhile.
    for (const command of this.offline.drain()) this.dispatch(command);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    const now = performance.now();
    this.lastReadAt = now;
    if (this.healthCheck.enabled) this.healthCheck.noteRead(now);
    try {
      this.decoder.feed(chunk);
    } catch (error) {
      const protocolError =
        error instanceof ProtocolError
          ? new ProtocolError(`Invalid reply from ${this.address}: ${error.message}`, { cause: error })
          : (error as Error);
      // The command whose reply was malformed gets the protocol error; the rest follow the failure rules.
      this.inflight.shift()?.reject(protocolError);
      this.destroySocket(socket, protocolError);
    }
  }

  private onReply(value: RespValue): void {
    // RESP2 has no push type: while subscribed, confirmations and messages come as plain arrays.
    if (
      this.protocolValue === 2 &&
      (this.confirmed.size > 0 || this.inflight.peek()?.push !== undefined) &&
      isResp2PubSubFrame(value)
    ) {
      this.onPush(value);
      return;
    }
    this.settleHead(value);
  }

  private settleHead(value: RespValue): void {
    const command = this.inflight.shift();
    if (command === undefined) {
      // The server speaks without being asked: an error before closing (e.g. max clients) or a broken stream.
      const reason =
        value instanceof ReplyError
          ? `server sent an error with no command pending: ${value.message}`
          : 'server sent a reply with no command pending';
      throw new ProtocolError(reason);
    }
    const next = this.inflight.peek();
    this.decoder.returnBuffers = next?.returnBuffers === true || this.idleBuffers();
    if (connectionChannels.commandEnd.hasSubscribers) {
      connectionChannels.commandEnd.publish({ address: this.address, args: command.args, reply: value });
    }
    if (value instanceof ReplyError) command.reject(value);
    else command.resolve(value);
  }

  private onPush(push: RespValue[]): void {
    const kind = pushKind(push);
    if (isConfirmKind(kind)) {
      const knownBefore = this.confirmed[subscriptionKindOf(kind)].size;
      this.confirmed.apply(kind, push[1]);
      const head = this.inflight.peek();
      const expecting = head?.push;
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
    const handler = this.options.onPush;
    if (handler) handler(push);
    if (this.listenerCount('push') > 0) this.emit('push', push);
  }

  private armTimer(deadline: number): void {
    if (deadline >= this.timerDeadline) return;
    clearTimeout(this.timer);
    this.timerDeadline = deadline;
    this.timer = setTimeout(this.onTimerBound, Math.max(0, Math.ceil(deadline - performance.now())));
    this.timer.unref();
    if (!this.watchingLoop) {
      this.watchingLoop = true;
      eventLoopStalls.acquire();
    }
  }

  private stopWatchingLoop(): void {
    if (!this.watchingLoop) return;
    this.watchingLoop = false;
    eventLoopStalls.release();
  }

  /** A live view of this connection (see `client.health()`). */
  health(): ConnectionHealth {
    const now = performance.now();
    let oldest = 0;
    const age = (command: PendingCommand) => {
      if (command.internal || command.deadline === 0) return;
      const issued = command.deadline - command.timeout;
      if (now - issued > oldest) oldest = now - issued;
    };
    this.inflight.forEach(age);
    this.offline.forEach(age);
    return {
      address: this.address,
      state: this.stateValue,
      serverVersion: this.serverVersion,
      inFlight: this.inflight.length,
      unwritten: this.unsent,
      queued: this.offline.length,
      oldestPendingMs: Math.round(oldest),
      lastReadAgoMs: this.lastReadAt === 0 ? undefined : Math.round(now - this.lastReadAt),
    };
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerDeadline = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    let expired: PendingCommand | undefined;
    let expiredIndex = 0;
    let index = 0;
    this.inflight.forEach((command) => {
      const position = index++;
      if (command.deadline === 0) return;
      if (command.deadline <= now) {
        if (expired === undefined) {
          expired = command;
          expiredIndex = position;
        }
      } else if (command.deadline < next) next = command.deadline;
    });
    if (expired !== undefined && this.socket) {
      if (!this.recheckedAfterIo) {
        // After the loop was blocked, timers run before pending socket reads: let those reads (which may
        // hold the very reply) be processed first, so a busy process is not reported as a slow server.
        this.recheckedAfterIo = true;
        this.timerDeadline = now;
        // A 0 ms timer fires in the next loop iteration, after its poll phase has read the sockets.
        this.timer = setTimeout(this.onTimerBound, 0);
        this.timer.unref();
        return;
      }
      this.recheckedAfterIo = false;
      const written = this.inflight.length - this.unsent;
      const phase =
        expiredIndex >= written
          ? 'unwritten'
          : expiredIndex === 0
            ? 'awaiting-reply'
            : 'behind-earlier-replies';
      // Replies could otherwise be paired with the wrong command: this connection is broken.
      this.destroySocket(this.socket, this.timeoutError(expired, phase, Math.min(expiredIndex, written)));
      return;
    }
    this.recheckedAfterIo = false;
    if (next !== Number.POSITIVE_INFINITY) this.armTimer(next);
    else this.stopWatchingLoop();
  }

  private timeoutError(command: PendingCommand, phase: TimeoutPhase, repliesAhead: number): TimeoutError {
    const details = { phase, repliesAhead, eventLoopBlockedMs: 0, connectionState: this.stateValue };
    return commandTimeoutError(
      command,
      { phase, repliesAhead, text: describePhase(details), consequence: 'the connection is reset' },
      this.address,
    );
  }

  private destroySocket(socket: Socket, error: Error): void {
    if (socket !== this.socket) return;
    if (this.failure === undefined) this.failure = error;
    socket.destroy();
  }

  /** Settles commands after a socket ended (or failed to open) and decides whether to reconnect. */
  private afterSocketClosed(socket: Socket | undefined): void {
    if (socket !== undefined && socket !== this.socket) return;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const midReply = this.decoder.hasPartial;
    this.healthCheck.stop();
    this.credentials?.stop();
    this.socket = undefined;
    this.confirmed.clear();
    this.decoder.reset();
    this.writer.take();
    const wasState = this.stateValue;
    const failure =
      this.failure ??
      new ConnectionError(
        'ERR_CONNECTION_CLOSED',
        `Connection to ${this.address} was closed by the server${midReply ? ' in the middle of a reply' : ''}.`,
        this.address,
      );
    this.failure = undefined;

    const now = performance.now();
    const inflight = this.inflight.drain();
    const firstUnsent = inflight.length - this.unsent;
    this.unsent = 0;
    const requeue: PendingCommand[] = [];
    for (let i = 0; i < inflight.length; i++) {
      const command = inflight[i];
      if (command.internal) {
        command.reject(failure);
        continue;
      }
      if (failure instanceof TimeoutError && command.deadline > 0 && command.deadline <= now) {
        command.reject(failure);
        continue;
      }
      const writtenNow = i < firstUnsent;
      if (writtenNow) command.written = true;
      if (
        !writtenNow ||
        mayResend(deliveryOf(command), command.retryable, this.options.maxRetriesPerCommand)
      ) {
        command.lostInFlight ||= writtenNow;
        requeue.push(command);
        continue;
      }
      command.reject(this.lostError(command, failure));
    }
    // Re-queued commands keep their deadlines even if the server never comes back.
    this.offline.requeueFront(requeue);

    if (wasState === 'closing' || wasState === 'closed') {
      this.finishClose(this.closedError('the connection was closed before the reply arrived'));
      return;
    }
    this.emitEvent('error', connectionChannels.error, failure);
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.reject(failure);

    if (!this.readyOnce && isFatalOnFirstConnect(failure)) {
      this.finishClose(failure);
      return;
    }
    if (!this.readyOnce && this.options.failFastUntilReady) {
      this.offline.rejectAll((command) => withDelivery(failure, deliveryOf(command)));
    }
    const next = this.reconnectLoop.next(failure);
    if (next === undefined) {
      this.finishClose(this.reconnectLoop.gaveUp(`reconnecting to ${this.address}`, failure, this.address));
      return;
    }
    this.stateValue = 'reconnecting';
    this.emitEvent('reconnecting', connectionChannels.reconnecting, next);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stateValue === 'reconnecting') this.open();
    }, next.delay);
  }

  /** The failure of a written command that may not be sent again: it may have been applied. */
  private lostError(command: PendingCommand, failure: Error): ConnectionError {
    const error = new ConnectionError(
      'ERR_CONNECTION_LOST',
      `${failure.message} Command ${commandName(command.args)} was in flight and was not retried ` +
        (command.retryable
          ? `(it was already retried ${command.attempts} time(s)).`
          : '(re-sending it might apply it twice; mark it retryable to allow that).'),
      this.address,
      { cause: failure },
    );
    Object.defineProperty(error, 'delivery', { value: deliveryOf(command), configurable: true });
    return error;
  }

  /** Closes for good: every command still pending is rejected with `error`. */
  private close(error: Error): void {
    this.stateValue = 'closed';
    this.options.registry?.delete(this);
    const socket = this.socket;
    if (socket) {
      this.failure = error;
      socket.destroy();
      // afterSocketClosed runs on 'close' and settles in-flight commands with `error`.
      this.rejectAll(error);
      return;
    }
    this.finishClose(error);
  }

  private rejectAll(error: Error): void {
    const inflight = this.inflight.drain();
    const firstUnsent = inflight.length - this.unsent;
    this.unsent = 0;
    for (let i = 0; i < inflight.length; i++) {
      const command = inflight[i];
      if (i < firstUnsent) command.written = true;
      command.reject(command.internal ? error : withDelivery(error, deliveryOf(command)));
    }
    this.offline.rejectAll((command) => withDelivery(error, deliveryOf(command)));
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private finishClose(error: Error): void {
    this.stateValue = 'closed';
    this.socket = undefined;
    this.healthCheck.stop();
    this.credentials?.stop();
    this.options.registry?.delete(this);
    this.stopWatchingLoop();
    clearTimeout(this.timer);
    clearTimeout(this.connectTimer);
    clearTimeout(this.reconnectTimer);
    this.timer = undefined;
    this.timerDeadline = Number.POSITIVE_INFINITY;
    this.rejectAll(error);
    const closeWaiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const resolve of closeWaiters) resolve();
    if (!this.endEmitted) {
      this.endEmitted = true;
      this.emitEvent('end', connectionChannels.end, undefined);
    }
  }

  private emitEvent(
    event: string,
    channel: { hasSubscribers: boolean; publish(message: unknown): void },
    payload: unknown,
  ): void {
    if (channel.hasSubscribers) channel.publish({ address: this.address, payload });
    if (event === 'error' && this.listenerCount('error') === 0) return;
    this.emit(event, payload);
  }
}

/** The delivery fact of a command, carried on the error that rejects it without a reply. */
function deliveryOf(command: PendingCommand): Delivery {
  return { written: command.written, resends: command.attempts };
}
