/**
 * One socket to one server (see {@link Connection}): its lifecycle (open, handshake, ready, teardown,
 * reconnect), write coalescing and deadlines. The commands themselves and the pairing of replies live in
 * the reply queue (reply-queue.ts); beside it: the handshake (handshake.ts), the offline queue
 * (offline-queue.ts), the re-send decision (resend-policy.ts), the reconnect loop (reconnect-loop.ts),
 * timeout reports (command-timeout.ts) and argument and server checks (command-arguments.ts).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { Availability } from '../commands/server-version.js';
import {
  ConnectionError,
  clientClosedError,
  type Delivery,
  ProtocolError,
  TimeoutError,
  withDelivery,
} from '../errors.js';
import type { RespArg, RespValue } from '../resp/index.js';
import { commandName, invalidArgument, unsupportedOn } from './command-arguments.js';
import { commandTimeoutError } from './command-timeout.js';
import { type ConnectionHealth, describePhase, type TimeoutPhase } from './connection-health.js';
import { type CheckedCredentials, CredentialRefresher } from './credential-refresher.js';
import { DeadlineTimer } from './deadline-timer.js';
import { connectionChannels } from './diagnostics.js';
import { eventLoopStalls } from './event-loop-stall.js';
import { describeHandshakeError, describeSocketError, isFatalOnFirstConnect } from './failure.js';
import { runHandshake } from './handshake.js';
import { HealthCheck } from './health-check.js';
import { settleLostCommands } from './lost-commands.js';
import { OfflineQueue } from './offline-queue.js';
import { openSocket } from './open-socket.js';
import {
  type ConnectionOptions,
  describeAddress,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
} from './options.js';
import {
  type CommandRecovery,
  deliveryOf,
  failCommand,
  internalCommand,
  type PendingCommand,
  type SettleListener,
} from './pending-command.js';
import { pushConfirmationFor, type ServerSubscriptions } from './pubsub-frames.js';
import { ReconnectLoop } from './reconnect-loop.js';
import { ReplyQueue } from './reply-queue.js';
import { availabilityZoneFromInfo, type ServerInfo } from './server-info.js';

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
  /**
   * Told once when the command settles, whichever way (the client's `maxPending` count, on a topology
   * whose connection settles the caller's promise: no promise chained per command).
   */
  settled?: SettleListener;
}

/** Lifecycle of a connection; `closed` is final. */
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

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
  /** The commands of the current socket: to write, and awaiting their replies. */
  private readonly queue: ReplyQueue;
  private readonly offline: OfflineQueue<PendingCommand>;
  private flushScheduled = false;
  private readonly reconnectLoop: ReconnectLoop;
  private readyOnce = false;
  /** What the socket's 'error' event said, reported when its 'close' event tears it down. */
  private socketError: Error | undefined;
  private readonly deadlines = new DeadlineTimer(() => this.onDeadline());
  private connectTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readyWaiters: ReadyWaiter[] = [];
  private endEmitted = false;
  private closeWaiters: Array<() => void> = [];
  private serverInfoValue: ServerInfo | undefined;
  private readonly flushBound = () => this.flush();
  private readonly healthCheck: HealthCheck;
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
    this.queue = new ReplyQueue({
      address: this.address,
      onPush: (push) => {
        this.options.onPush?.(push);
        if (this.listenerCount('push') > 0) this.emit('push', push);
      },
      maxBulkLength: this.options.maxBulkLength,
      maxAggregateLength: this.options.maxAggregateLength,
      maxDepth: this.options.maxDepth,
    });
    this.healthCheck = new HealthCheck(this.options.healthCheck, {
      address: this.address,
      idle: () => this.queue.length === 0,
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
    return this.queue.protocol;
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
    return this.queue.pushBuffers;
  }

  set pubsubBuffers(value: boolean) {
    this.queue.pushBuffers = value;
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
    return this.queue.confirmed;
  }

  /** Number of commands sent or queued and not yet answered. */
  get pendingCount(): number {
    return this.queue.length + this.offline.length;
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
  send(args: readonly RespArg[], options?: SendOptions, recovery?: CommandRecovery): Promise<RespValue> {
    const invalid = invalidArgument(args);
    if (invalid !== undefined) {
      options?.settled?.release();
      return Promise.reject(invalid);
    }
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
        settled: options?.settled,
        recovery,
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
      this.teardown(this.closedError('quit() was called before the connection was ready'), 'final');
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
    this.teardown(this.closedError('disconnect() was called before the reply arrived'), 'final');
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
        failCommand(
          command,
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
    const unsupported = unsupportedOn(this.serverInfoValue, command.args, command.availability, this.address);
    if (unsupported !== undefined) {
      failCommand(command, unsupported);
      return;
    }
    if (command.lostInFlight) {
      command.lostInFlight = false;
      command.attempts++;
    }
    // Replies still awaited: more will arrive (on this socket and on others) in this turn of the event
    // loop, and the commands they release can share one write, after the loop's I/O phase (fewer write
    // calls: 0.8x the CPU per command of 100 in flight on a cluster). An idle socket writes at once,
    // so a lone command waits for nothing.
    const awaitingReplies = this.queue.length > 0;
    this.queue.add(command);
    if (command.deadline > 0) this.deadlines.arm(command.deadline);
    if (connectionChannels.commandStart.hasSubscribers) {
      connectionChannels.commandStart.publish({ address: this.address, args: command.args });
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      if (awaitingReplies) setImmediate(this.flushBound);
      else process.nextTick(this.flushBound);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const socket = this.socket;
    if (!socket || this.queue.bytesToWrite === 0) return;
    // Back-pressure: keep coalescing until the socket drains; what waits here is certainly not run.
    if (socket.writableNeedDrain) return;
    const chunks = this.queue.take();
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
    this.socketError = undefined;
    let opened: { socket: Socket; readyEvent: string };
    try {
      opened = openSocket(this.options);
    } catch (error) {
      const failure = new ConnectionError(
        'ERR_CONNECT',
        `Could not open a connection to ${this.address}: ${(error as Error).message}`,
        this.address,
        { cause: error },
      );
      this.teardown(failure, 'lost');
      return;
    }
    const { socket, readyEvent } = opened;
    this.socket = socket;
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
      if (socket === this.socket && this.socketError === undefined) {
        this.socketError = describeSocketError(error, this.address, this.options.tls !== undefined);
      }
    });
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.teardown(this.socketError ?? this.closedByServer(), 'lost');
    });
    socket.on('drain', this.flushBound);
  }

  private closedByServer(): ConnectionError {
    return new ConnectionError(
      'ERR_CONNECTION_CLOSED',
      `Connection to ${this.address} was closed by the server` +
        `${this.queue.midReply ? ' in the middle of a reply' : ''}.`,
      this.address,
    );
  }

  private async handshake(socket: Socket): Promise<void> {
    const credentials = await this.credentialsFor(socket);
    const result = await runHandshake(this.options, credentials, (args) => this.sendInternal(args));
    this.serverInfoValue = result.server ?? this.serverInfoValue;
    if (socket !== this.socket)
      throw new ConnectionError('ERR_CONNECTION_CLOSED', 'socket replaced during handshake');
    this.queue.protocol = result.protocol;
  }

  /** Asks INFO server once for `availability_zone` (Valkey 8.0 has it there, not in HELLO). */
  private learnZone(): void {
    this.sendInternal(['INFO', 'server']).then(
      (reply) => {
        this.zoneValue = availabilityZoneFromInfo(Buffer.isBuffer(reply) ? reply.toString() : String(reply));
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
      this.dispatch(internalCommand(args, resolve, reject));
    });
  }

  private becomeReady(socket: Socket): void {
    if (socket !== this.socket) return;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.stateValue = 'ready';
    this.reconnectLoop.succeeded();
    this.readyOnce = true;
    this.queue.setReady(true);
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
      this.queue.feed(chunk);
    } catch (error) {
      const protocolError =
        error instanceof ProtocolError
          ? new ProtocolError(`Invalid reply from ${this.address}: ${error.message}`, { cause: error })
          : (error as Error);
      // The command whose reply was malformed gets the protocol error; the rest follow the failure rules.
      this.queue.failHead(protocolError);
      this.destroySocket(socket, protocolError);
    }
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
    this.queue.forEach(age);
    this.offline.forEach(age);
    return {
      address: this.address,
      state: this.stateValue,
      serverVersion: this.serverVersion,
      inFlight: this.queue.length,
      unwritten: this.queue.unwritten,
      queued: this.offline.length,
      oldestPendingMs: Math.round(oldest),
      lastReadAgoMs: this.lastReadAt === 0 ? undefined : Math.round(now - this.lastReadAt),
    };
  }

  /** A deadline passed: the first expired command's connection is reset (replies would pair wrongly). */
  private onDeadline(): void {
    const { expired, next } = this.queue.scanDeadlines(performance.now());
    if (expired === undefined || this.socket === undefined) {
      this.deadlines.rearm(next);
      return;
    }
    if (this.deadlines.deferOnce()) return;
    this.destroySocket(this.socket, this.timeoutError(expired.command, expired.phase, expired.repliesAhead));
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
    this.teardown(error, 'lost');
  }

  /**
   * The one end of a socket's life, whatever ended it. `lost`: commands written to it that may not be
   * sent again reject (they may have run), the rest wait for the next socket, and the connection
   * reconnects unless the failure is final or it was closing. `final`: quit() or disconnect(); every
   * command rejects with `failure`.
   */
  private teardown(failure: Error, how: 'lost' | 'final'): void {
    const socket = this.socket;
    this.socket = undefined;
    this.socketError = undefined;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.healthCheck.stop();
    this.credentials?.stop();
    // Events of a socket that is no longer `this.socket` are ignored, so its 'close' finds nothing to do.
    socket?.destroy();
    const { written, unwritten } = this.queue.detach();
    if (how === 'final') {
      for (const command of written) failCommand(command, this.withDeliveryOf(failure, command));
      for (const command of unwritten) failCommand(command, this.withDeliveryOf(failure, command));
      this.finish(failure);
      return;
    }
    // Re-queued commands keep their deadlines even if the server never comes back.
    this.offline.requeueFront(
      settleLostCommands(failure, written, unwritten, this.options.maxRetriesPerCommand, this.address),
    );
    const wasState = this.stateValue;
    if (wasState === 'closing' || wasState === 'closed') {
      this.finish(this.closedError('the connection was closed before the reply arrived'));
      return;
    }
    this.emitEvent('error', connectionChannels.error, failure);
    // An 'error' listener may have closed the connection.
    if ((this.stateValue as ConnectionState) === 'closed') return;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.reject(failure);

    if (!this.readyOnce && isFatalOnFirstConnect(failure)) {
      this.finish(failure);
      return;
    }
    if (!this.readyOnce && this.options.failFastUntilReady) {
      this.offline.rejectAll((command) => withDelivery(failure, deliveryOf(command)));
    }
    const next = this.reconnectLoop.next(failure);
    if (next === undefined) {
      this.finish(this.reconnectLoop.gaveUp(`reconnecting to ${this.address}`, failure, this.address));
      return;
    }
    this.stateValue = 'reconnecting';
    this.emitEvent('reconnecting', connectionChannels.reconnecting, next);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stateValue === 'reconnecting') this.open();
    }, next.delay);
  }

  private withDeliveryOf(error: Error, command: PendingCommand): Error {
    return command.internal ? error : withDelivery(error, deliveryOf(command));
  }

  /** Closed for good: what still waits offline, or for readiness, rejects with `error`; `end` once. */
  private finish(error: Error): void {
    this.stateValue = 'closed';
    this.options.registry?.delete(this);
    this.deadlines.stop();
    clearTimeout(this.reconnectTimer);
    this.offline.rejectAll((command) => withDelivery(error, deliveryOf(command)));
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
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
