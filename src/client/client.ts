/**
 * Above ~400 lines for a reason: the public client class, whose methods are the API a user holds; each
 * is short and hands over to the topology, pipeline, pub/sub, blocking and scan modules.
 */
import { EventEmitter } from 'node:events';
import {
  type AsyncCommandMethods,
  type CommandDefinition,
  encodeCall,
  installCommands,
} from '../commands/command-definition.js';
import { type ClientCommands, clientCommands } from '../commands/command-set.js';
import { extractKeys } from '../commands/command-table.js';
import type { Availability } from '../commands/server-version.js';
import type { Connection, SendOptions, ServerInfo } from '../connection/index.js';
import { AbortError, CommandRejectedError, ConnectionError } from '../errors.js';
import { RedirectError, type RespArg, type RespValue } from '../resp/index.js';
import {
  hasStatefulConnections,
  pinnedBudget,
  pinnedRouting,
  type StatefulConnections,
  type Topology,
} from '../topology/index.js';
import { type BlockingPlan, blockingPlan, blockingTimeout } from './blocking/blocking-plan.js';
import { BlockingRunner } from './blocking/blocking-runner.js';
import type { BufferClient } from './buffer-client.js';
import { type CacheStats, TrackingCache } from './cache/tracking-cache.js';
import { sendOptionsFor } from './command-policy.js';
import { type CommandOptions, CommandView } from './command-view.js';
import type { RedactedConfig, ResolvedConfig } from './config.js';
import { createTopology } from './create-topology.js';
import { type DuplicateOverrides, duplicateConfig } from './duplicate-config.js';
import { type ClientHealth, ConnectionSet } from './health.js';
import { IsolatedClient } from './isolated-client.js';
import { KeyPrefix } from './key-prefix.js';
import { PendingLimit } from './pending-limit.js';
import { Pipeline } from './pipeline.js';
import { PubSubManager } from './pubsub/pubsub-manager.js';
import { Subscription, type SubscriptionOwner } from './pubsub/subscription.js';
import type { MessageListener, PubSubMessage, SubscribeOptions, SubscriptionKind } from './pubsub/types.js';
import { redactConfig } from './redact-config.js';
import { type ScanOptions, scanKeyspace } from './scan.js';
import { type BoundScript, Script, type ScriptOptions } from './script.js';
import { StreamConsumer, type StreamConsumerOptions } from './stream-consumer.js';
import { commandTracing } from './tracing.js';
import { Transaction } from './transaction.js';

export type { CommandOptions };

const FORWARDED_EVENTS = ['connect', 'ready', 'reconnecting', 'end', 'topology'] as const;

const SUBSCRIBE_FAMILY = new Set([
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'PSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SSUBSCRIBE',
  'SUNSUBSCRIBE',
]);

/** Shared, frozen per-call options of typed methods (never mutated below the client). */
const RETURN_BUFFERS: CommandOptions = Object.freeze({ returnBuffers: true });
/** Per availability (one object per command definition): [plain, returning Buffers]. */
const AVAILABILITY_OPTIONS = new WeakMap<Availability, readonly [CommandOptions, CommandOptions]>();

function optionsWithAvailability(availability: Availability, buffers: boolean): CommandOptions {
  let pair = AVAILABILITY_OPTIONS.get(availability);
  if (pair === undefined) {
    pair = [Object.freeze({ availability }), Object.freeze({ availability, returnBuffers: true })];
    AVAILABILITY_OPTIONS.set(availability, pair);
  }
  return pair[buffers ? 1 : 0];
}

export type { BufferClient, BufferSubscribeMethods } from './buffer-client.js';

/**
 * A Redis client for any topology. Create it with {@link createClient}; the same methods work on a single
 * server, a cluster or a sentinel-managed primary.
 *
 * Events, the same on every topology (README: Events and observability): `connect`, `ready`,
 * `reconnecting`, `end`, `topology` (cluster and sentinel), and `error` (only emitted to listeners; failures
 * also reject the commands they affect, so an unhandled `error` event never crashes the process).
 * Pub/sub adds `resubscribed` ({ count, ms, error? }: subscriptions restored after a reconnect, `ms` from
 * the drop to the server's confirmation; or moved to another node after a failover or slot migration,
 * `ms` from the topology's reroute to the confirmation) and `dropped` ({ kind, channel, dropped }: a slow iterator's
 * buffer was full and its oldest message was discarded; `dropped` is that subscription's running total).
 */
export class RedisClient extends EventEmitter {
  /** The resolved configuration, every default filled in; read through {@link config}. */
  private readonly settings: ResolvedConfig;
  private redacted: RedactedConfig | undefined;
  private readonly topology: Topology;
  private pubsubManager: PubSubManager | undefined;
  private blockingRunner: BlockingRunner | undefined;
  private readonly cache: TrackingCache | undefined;
  private readonly subscriptionOwner: SubscriptionOwner = {
    release: (subscription) => this.pubsub().release(subscription),
    reportDrop: (subscription, message) =>
      this.emit('dropped', {
        kind: subscription.kind,
        channel: message.channel,
        dropped: subscription.dropped,
      }),
    reportListenerError: (error) => this.emitError(error instanceof Error ? error : new Error(String(error))),
  };
  /** True on a {@link withBuffers} view. */
  private readonly buffers: boolean = false;
  /** The `keyPrefix` option's rewriter, undefined without one (then sending costs one property read). */
  private readonly keyPrefix: KeyPrefix | undefined;
  /** maxPending: one object shared with withBuffers() views (they inherit the reference). */
  private readonly pendingLimit: PendingLimit;

  constructor(
    config: ResolvedConfig,
    topology: Topology,
    private readonly connections?: ConnectionSet,
  ) {
    super();
    this.settings = config;
    this.topology = topology;
    this.keyPrefix =
      config.keyPrefix === undefined ? undefined : new KeyPrefix(config.keyPrefix, config.prefixChannels);
    this.pendingLimit = new PendingLimit(config.maxPending, config.pendingOverflow, config.commandTimeout);
    if (config.clientCache !== false) {
      const cache = new TrackingCache(config.clientCache);
      this.cache = cache;
      // A failover or slot migration: the node tracking a key may no longer serve it. Forget everything.
      if (hasStatefulConnections(topology)) topology.on('reroute', () => cache.flush());
    }
    for (const event of FORWARDED_EVENTS) topology.on(event, (payload: unknown) => this.emit(event, payload));
    topology.on('error', (error: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /**
   * The configuration in effect, every default filled in, frozen — with its secrets redacted (passwords,
   * credentials providers, TLS private keys), so it is safe to log.
   */
  get config(): RedactedConfig {
    if (this.redacted === undefined) this.redacted = redactConfig(this.settings);
    return this.redacted;
  }

  /**
   * A live view, without sending anything: every connection (state, commands in flight and queued, the
   * oldest one's age, when it last read), and how long the event loop was blocked while commands waited.
   * `formatHealth()` turns it into the lines `slotbridge doctor` prints.
   */
  health(): ClientHealth {
    const health = (this.connections ?? new ConnectionSet()).health();
    health.pending = this.pendingLimit.count;
    health.maxPending = this.pendingLimit.max;
    return health;
  }

  /** `standalone`, `unix`, `cluster` or `sentinel`. */
  get kind(): string {
    return this.topology.kind;
  }

  /**
   * Connects and resolves once commands can be served. Optional: commands issued before are queued
   * (bounded by `maxOfflineQueue`) and the client connects on first use.
   */
  async connect(): Promise<this> {
    await this.topology.connect();
    return this;
  }

  /**
   * Sends any command, by name and arguments, and resolves with the raw reply
   * (RESP3 maps as Map, sets as arrays). Server errors reject with a ReplyError.
   *
   * ```ts
   * await client.call('HSET', 'user:1', 'name', 'Ada');
   * ```
   */
  call(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.sendCommand([command, ...args], this.buffers ? { returnBuffers: true } : undefined);
  }

  /** Sends a command given as an argument array, with per-call options. */
  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue> {
    const prefix = this.keyPrefix;
    if (prefix !== undefined) return prefix.run(args, (wire) => this.sendTraced(wire, options));
    return this.sendTraced(args, options);
  }

  private sendTraced(args: readonly RespArg[], options: CommandOptions | undefined): Promise<RespValue> {
    // OpenTelemetry and other tracers subscribe to this channel; without them it is one property read.
    if (commandTracing.hasSubscribers) {
      // The method, this and its arguments are passed, not a closure: no allocation per command for it.
      return commandTracing.tracePromise(
        this.sendCommandUntraced,
        { args, client: this },
        this,
        args,
        options,
      );
    }
    return this.sendCommandUntraced(args, options);
  }

  private sendCommandUntraced(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue> {
    const first = args[0];
    // The shortest of the family has 9 letters: GET and SET never pay for the upper-casing.
    const name = typeof first === 'string' && first.length >= 9 ? first.toUpperCase() : '';
    if (name !== '' && SUBSCRIBE_FAMILY.has(name)) {
      return Promise.reject(
        new CommandRejectedError(
          'ERR_USE_SUBSCRIBE_API',
          `${name} cannot be sent as a plain command: use client.subscribe(), psubscribe() or ssubscribe() ` +
            '(they restore subscriptions after reconnects) and unsubscribe() on the returned Subscription.',
        ),
      );
    }
    if (options?.signal?.aborted) {
      return Promise.reject(
        new AbortError('The command was aborted before it was sent.', { cause: options.signal.reason }),
      );
    }
    // One counter for every topology and path (maxPending); only a command over the limit allocates.
    const limit = this.pendingLimit;
    if (!limit.tryEnter()) {
      if (!limit.waits) return Promise.reject(limit.fullError());
      return limit.waitForRoom().then(() => this.enterAdmitted(limit, args, options));
    }
    return this.enterAdmitted(limit, args, options);
  }

  private enterAdmitted(
    limit: PendingLimit,
    args: readonly RespArg[],
    options: CommandOptions | undefined,
  ): Promise<RespValue> {
    let sent: Promise<RespValue>;
    try {
      if (
        this.topology.settlesAtConnection === true &&
        this.cache === undefined &&
        blockingPlan(args) === undefined
      ) {
        // The connection tells the limit when the command settles: no promise chained per command.
        const sendOptions = this.sendOptions(args, options);
        sendOptions.settled = limit;
        return this.topology.dispatch(args, sendOptions);
      }
      sent = this.route(args, options);
    } catch (error) {
      limit.release();
      throw error;
    }
    return limit.settle(sent);
  }

  private route(args: readonly RespArg[], options: CommandOptions | undefined): Promise<RespValue> {
    const plan = blockingPlan(args);
    if (plan !== undefined) return this.sendBlocking(args, plan, options);
    if (this.cache !== undefined) return this.sendCached(this.cache, args, options);
    return this.topology.dispatch(args, this.sendOptions(args, options));
  }

  /** Hit/miss counters of the client-side cache, or undefined when `clientCache` is off. */
  cacheStats(): CacheStats | undefined {
    return this.cache?.getStats();
  }

  private sendCached(
    cache: TrackingCache,
    args: readonly RespArg[],
    options: CommandOptions | undefined,
  ): Promise<RespValue> {
    cache.beforeWrite(args);
    const cacheable = options?.returnBuffers ? undefined : cache.cacheKeyOf(args);
    if (cacheable === undefined) return this.topology.dispatch(args, this.sendOptions(args, options));
    const hit = cache.lookup(cacheable.cacheKey);
    if (hit !== undefined) return Promise.resolve(hit);
    return this.statefulConnections('Client-side caching')
      .sharedConnection(cacheable.key)
      .then((connection) => {
        cache.attach(connection);
        return cache.read(connection, cacheable.cacheKey, cacheable.key, () =>
          this.readTracked(connection, args, options),
        );
      });
  }

  /**
   * A cacheable read, sent on the tracked connection itself (so the server tracks the key there). When that
   * connection no longer serves the key (MOVED) or is gone, the read goes the normal way, not cached.
   */
  private readTracked(
    connection: Connection,
    args: readonly RespArg[],
    options: CommandOptions | undefined,
  ): Promise<{ reply: RespValue; tracked: boolean }> {
    const sendOptions = this.sendOptions(args, options);
    return connection.send(args, sendOptions).then(
      (reply) => ({ reply, tracked: true }),
      (error: unknown) => {
        if (!(error instanceof RedirectError) && !(error instanceof ConnectionError)) throw error;
        return this.topology.dispatch(args, sendOptions).then((reply) => ({ reply, tracked: false }));
      },
    );
  }

  /**
   * The client's typed methods with fixed per-call options (an AbortSignal, a timeout, Buffers):
   *
   * ```ts
   * const job = await client.withOptions({ signal: controller.signal }).blpop('jobs', 0);
   * ```
   */
  withOptions(options: CommandOptions): CommandView {
    return new CommandView(this, options);
  }

  /**
   * Blocking commands run on a dedicated connection (at most `maxBlockingConnections` per node), so they
   * never hold up other commands. Their client-side timeout is the server timeout plus `commandTimeout`
   * (none when the server may wait forever); an AbortSignal unblocks them. WAIT and WAITAOF stay on the
   * shared connection: they wait for that connection's own writes, so elsewhere they would mean nothing.
   */
  private sendBlocking(args: readonly RespArg[], plan: BlockingPlan, options: CommandOptions | undefined) {
    const sendOptions = this.sendOptions(args, options);
    if (options?.timeout === undefined) {
      sendOptions.timeout = blockingTimeout(plan, this.settings.commandTimeout);
    }
    if (plan.placement === 'same') return this.topology.dispatch(args, sendOptions);
    const key = extractKeys(args)[0];
    return this.blocking().run(args, sendOptions, options?.signal, key);
  }

  /** @internal The pool of dedicated connections (blocking commands, isolated sections). */
  blocking(): BlockingRunner {
    if (this.blockingRunner === undefined) {
      this.blockingRunner = new BlockingRunner(
        this.statefulConnections('Blocking commands'),
        this.settings.maxBlockingConnections,
      );
    }
    return this.blockingRunner;
  }

  /**
   * Subscribes to channels. With a listener, resolves with the Subscription once the server confirmed;
   * without, returns at once an async-iterable Subscription (`await sub.ready` to wait for the
   * confirmation). Subscriptions survive reconnects: they are sent again whenever the connection comes
   * back (messages published while disconnected are lost: Redis pub/sub does not store them). They also
   * follow failovers: in a cluster classic channels live on one primary and move when it is demoted or
   * lost; with sentinel they move to the new master.
   * On RESP3 the client's own connection carries them; on RESP2 a dedicated connection is opened.
   *
   * ```ts
   * const sub = await client.subscribe('news', (m) => console.log(m.channel, m.message));
   * for await (const m of client.subscribe(['a', 'b'])) if (m.message === 'stop') break;
   * ```
   */
  subscribe(channels: string | readonly string[], listener: MessageListener): Promise<Subscription>;
  subscribe(channels: string | readonly string[], options?: SubscribeOptions): Subscription;
  subscribe(
    channels: string | readonly string[],
    listenerOrOptions?: MessageListener | SubscribeOptions,
  ): Promise<Subscription> | Subscription {
    return this.startSubscription('channel', channels, listenerOrOptions);
  }

  /** Like {@link subscribe} for glob patterns (PSUBSCRIBE), e.g. keyspace events: `__keyspace@0__:*`. */
  psubscribe(patterns: string | readonly string[], listener: MessageListener): Promise<Subscription>;
  psubscribe(patterns: string | readonly string[], options?: SubscribeOptions): Subscription;
  psubscribe(
    patterns: string | readonly string[],
    listenerOrOptions?: MessageListener | SubscribeOptions,
  ): Promise<Subscription> | Subscription {
    return this.startSubscription('pattern', patterns, listenerOrOptions);
  }

  /**
   * Like {@link subscribe} for sharded channels (SSUBSCRIBE, Redis >= 7): in a cluster, on the primary owning
   * the channel's slot; when the slot migrates (the server drops the subscription with a `sunsubscribe`
   * push) or its shard fails over, the subscription moves to the new owner.
   */
  ssubscribe(channels: string | readonly string[], listener: MessageListener): Promise<Subscription>;
  ssubscribe(channels: string | readonly string[], options?: SubscribeOptions): Subscription;
  ssubscribe(
    channels: string | readonly string[],
    listenerOrOptions?: MessageListener | SubscribeOptions,
  ): Promise<Subscription> | Subscription {
    return this.startSubscription('shard', channels, listenerOrOptions);
  }

  private startSubscription(
    kind: SubscriptionKind,
    names: string | readonly string[],
    listenerOrOptions: MessageListener | SubscribeOptions | undefined,
  ): Promise<Subscription> | Subscription {
    let list = typeof names === 'string' ? [names] : [...new Set(names)];
    if (list.length === 0) throw new TypeError(`${kind} subscription needs at least one name.`);
    const prefix = this.keyPrefix?.channels ? this.keyPrefix : undefined;
    if (prefix !== undefined) list = prefix.subscriptionNames(kind, list);
    const listener = typeof listenerOrOptions === 'function' ? listenerOrOptions : undefined;
    const options = typeof listenerOrOptions === 'object' ? listenerOrOptions : undefined;
    const maxBuffered = options?.maxBuffered ?? 1024;
    if (!Number.isInteger(maxBuffered) || maxBuffered < 1) {
      throw new TypeError(`maxBuffered must be a positive integer (got ${String(maxBuffered)}).`);
    }
    const subscription = new Subscription(
      this.subscriptionOwner,
      kind,
      list,
      listener,
      maxBuffered,
      (sub) => this.pubsub().add(sub),
      this.buffers,
      prefix === undefined ? undefined : (message) => prefix.unprefixMessage(message),
    );
    return listener === undefined ? subscription : subscription.ready.then(() => subscription);
  }

  /** @internal The topology's stateful-connection contract, or a clear error when it has none. */
  statefulConnections(feature: string): StatefulConnections {
    if (hasStatefulConnections(this.topology)) return this.topology;
    throw new CommandRejectedError(
      'ERR_NOT_SUPPORTED',
      `${feature} is not supported on the ${this.topology.kind} topology yet.`,
    );
  }

  private pubsub(): PubSubManager {
    // A withBuffers() view shares its client's pub/sub: keep the manager on the client itself.
    if (this.buffers) return (Object.getPrototypeOf(this) as RedisClient).pubsub();
    if (this.pubsubManager === undefined) {
      this.pubsubManager = new PubSubManager(this.statefulConnections('Pub/sub'), {
        resubscribed: (info) => this.emit('resubscribed', info),
        error: (error) => this.emitError(error),
      });
    }
    return this.pubsubManager;
  }

  private emitError(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  /**
   * The server this client talks to, as its handshake told it (HELLO on RESP3, INFO server on RESP2):
   * `{ flavor: 'redis' | 'valkey', version, redisCompatibleVersion?, mode }`. For a single server and a
   * sentinel-managed master, that server (it follows failovers). In a cluster, the nodes' common answer
   * when every connected node gives the same flavor and version, else undefined: see {@link servers}.
   * Undefined before the first handshake.
   *
   * Typed commands are checked against it: a command the server's flavor or version lacks (Redis 7.4's
   * HEXPIRE on Valkey 8, Valkey's CLUSTER SLOT-STATS on Redis) is rejected with UnsupportedCommandError
   * without being sent.
   *
   * ```ts
   * await client.connect();
   * client.server; // { flavor: 'valkey', version: '8.0.1', redisCompatibleVersion: '7.2.4', mode: 'standalone' }
   * ```
   */
  get server(): ServerInfo | undefined {
    let common: ServerInfo | undefined;
    for (const info of this.topology.servers().values()) {
      if (common === undefined) common = info;
      else if (info.flavor !== common.flavor || info.version !== common.version) return undefined;
    }
    return common;
  }

  /**
   * Every server this client has completed a handshake with, keyed by its address as announced
   * (`host:port`; the socket path for a unix socket): one entry for a single server or a sentinel-managed
   * master, one per connected node (primaries, and replicas read from) in a cluster. Each node's commands
   * are checked against its own entry.
   */
  servers(): Map<string, ServerInfo> {
    return this.topology.servers();
  }

  /** The server's own version (`server.version`), once connected; kept for compatibility. */
  get serverVersion(): string | undefined {
    return this.server?.version;
  }

  /**
   * A view of this client whose typed methods return bulk strings as Buffers (binary-safe), typed so:
   * ```ts
   * const bytes: Buffer | null = await client.withBuffers().get('image:1');
   * ```
   * The view shares this client's connections and state; `call()` on it returns Buffers too.
   */
  withBuffers(): BufferClient {
    if (this.buffers) return this as unknown as BufferClient;
    const view = Object.create(this) as RedisClient;
    Object.defineProperty(view, 'buffers', { value: true });
    return view as unknown as BufferClient;
  }

  /** Starts a pipeline: commands queued on it are sent together by `exec()`. */
  pipeline(): Pipeline {
    return new Pipeline(this);
  }

  /**
   * Defines a Lua script bound to this client: run() uses EVALSHA and falls back to EVAL once when the
   * server does not know the script (NOSCRIPT).
   *
   * ```ts
   * const setIfHigher = client.defineScript(
   *   'if tonumber(redis.call("GET", KEYS[1]) or "-inf") < tonumber(ARGV[1]) then return redis.call("SET", KEYS[1], ARGV[1]) end',
   *   { numberOfKeys: 1 },
   * );
   * await setIfHigher.run('best', 42);
   * ```
   */
  defineScript(lua: string, options: ScriptOptions): BoundScript {
    const script = new Script(lua, options);
    return { sha: script.sha, script, run: (...keysAndArgs) => script.run(this, keysAndArgs) };
  }

  /**
   * A consumer-group reader as an async iterator: own pending entries first, then XAUTOCLAIM of entries
   * idle at other consumers, then new entries (blocking reads on a dedicated connection).
   * See {@link StreamConsumer}.
   */
  streamConsumer(options: StreamConsumerOptions): StreamConsumer {
    return new StreamConsumer(this, options);
  }

  /**
   * Starts a transaction (MULTI/EXEC) on the shared connection: typed chain, `exec()` resolves with the
   * results, or `null` when aborted by WATCH (only meaningful inside {@link isolated}), and rejects with a
   * TransactionError (ERR_EXECABORT) when a command was refused while queueing. In a cluster it runs on
   * the node of its keys, which must share one slot (else ClusterError ERR_CLUSTER_CROSSSLOT, nothing sent);
   * a transaction redirected while queueing (nothing ran) is sent again to the slot's new owner.
   */
  multi(): Transaction {
    return new Transaction(
      async (keys) => {
        const connections = this.statefulConnections('Transactions');
        connections.checkSameSlot?.(keys, 'The transaction');
        return connections.sharedConnection(keys[0]);
      },
      pinnedRouting(() => this.statefulConnections('Transactions'), 'EXEC'),
      this.keyPrefix,
    );
  }

  /**
   * Runs `fn` with a connection of its own (from the dedicated pool), for WATCH/MULTI/EXEC sequences that
   * must not interleave with the client's other traffic. After `fn` the connection is UNWATCHed and given
   * back; if `fn` throws, it is closed instead (its state is unknown). `key` picks the node in a cluster.
   *
   * ```ts
   * const result = await client.isolated(async (c) => {
   *   await c.watch('balance');
   *   const balance = Number(await c.get('balance'));
   *   return c.multi().set('balance', balance - 10).exec(); // null if 'balance' changed meanwhile
   * });
   * ```
   */
  async isolated<R>(fn: (client: IsolatedClient) => Promise<R>, options?: { key?: RespArg }): Promise<R> {
    const { shared, pool, lease } = await this.blocking().lease(options?.key);
    const connections = this.statefulConnections('Isolated connections');
    const isolated = new IsolatedClient(
      lease,
      shared,
      (args, commandOptions) => this.sendOptions(args, commandOptions),
      this.settings.commandTimeout,
      connections.checkSameSlot?.bind(connections),
      (redirect) => {
        connections.judge?.(redirect, pinnedBudget(connections)).catch(() => undefined);
      },
      this.keyPrefix,
    );
    let succeeded = false;
    try {
      const result = await fn(isolated);
      succeeded = true;
      return result;
    } finally {
      isolated.release();
      if (succeeded && lease.connection.state === 'ready') {
        lease.connection.send(['UNWATCH']).then(
          () => pool.release(lease),
          () => pool.discard(lease),
        );
      } else {
        pool.discard(lease);
      }
    }
  }

  /**
   * Every key of the database, as an async iterator over repeated SCAN calls; on a cluster it walks
   * every primary, one after another, and follows a shard to its new primary after a failover.
   *
   * A key present during the whole walk is yielded at least once. Repeats are possible: SCAN may return
   * a key twice while the server resizes its table, and after a failover the walk of that shard restarts
   * on the promoted node (its keys already yielded come again). Deduplicate in a Set if that matters.
   *
   * ```ts
   * for await (const key of client.scanIterator({ match: 'session:*', count: 500 })) await client.del(key);
   * ```
   */
  scanIterator(options: ScanOptions = {}): AsyncGenerator<string, void, undefined> {
    const prefix = this.keyPrefix;
    const scanned = prefix === undefined ? options : prefix.scanOptions(options);
    const keys = scanKeyspace(this.topology, scanned, (args) => this.sendOptions(args, undefined));
    return prefix === undefined ? keys : prefix.unprefixKeys(keys);
  }

  /**
   * A new, independent client with this one's resolved configuration (topology, hosts, address mapping,
   * credentials, timeouts, every default), not yet connected, optionally with some shared options
   * replaced (validated as createClient does; the topology cannot change). It shares nothing with this
   * client: its own connections, subscriptions and cache; closing one leaves the other open. It works on a
   * closed client too.
   *
   * ```ts
   * const subscriber = client.duplicate({ clientName: 'events' });
   * ```
   */
  duplicate(overrides?: DuplicateOverrides): RedisClient {
    const config = duplicateConfig(this.settings, overrides);
    const connections = new ConnectionSet();
    return new RedisClient(config, createTopology(config, connections), connections);
  }

  /** Graceful close: commands already sent get their replies, then the connections close. */
  async quit(): Promise<void> {
    await Promise.all([this.pubsubManager?.close(), this.blockingRunner?.close(), this.topology.quit()]);
  }

  /** Immediate close: every pending command rejects with a ConnectionError. */
  disconnect(): void {
    this.pubsubManager?.disconnect();
    this.blockingRunner?.disconnect();
    this.topology.disconnect();
  }

  /** @internal Runs a typed command definition. */
  runCommand(definition: CommandDefinition, args: unknown[]): Promise<unknown> {
    const buffers = this.buffers;
    let wire: RespArg[];
    try {
      wire = encodeCall(definition, args);
    } catch (error) {
      return Promise.reject(error);
    }
    // The options depend on the definition and the client only: no object per command.
    const options =
      definition.availability === undefined
        ? buffers
          ? RETURN_BUFFERS
          : undefined
        : optionsWithAvailability(definition.availability, buffers);
    const sent = this.sendCommand(wire, options);
    const transform = definition.transform;
    return transform === undefined ? sent : sent.then((reply) => transform(reply, buffers));
  }

  private sendOptions(args: readonly RespArg[], options: CommandOptions | undefined): SendOptions {
    return sendOptionsFor(args, this.settings.retryOnReconnect, options);
  }
}

export interface RedisClient extends AsyncCommandMethods<ClientCommands> {}

export type { MessageListener, PubSubMessage, SubscribeOptions, Subscription };

installCommands<RedisClient>(RedisClient.prototype, clientCommands, function (definition, args) {
  return this.runCommand(definition, args);
});
