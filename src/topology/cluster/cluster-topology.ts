/**
 * Above ~400 lines for a reason: routing and recovery share the per-command Attempt state, the node
 * pool and the slot map. What is not cluster-specific lives in the shared pipeline pieces: the offline
 * queue (connection/offline-queue.ts), the re-send decision from a failure's delivery
 * (connection/resend-policy.ts) and the transient refusals (topology/transient-refusal.ts); discovery
 * lives in cluster-discovery.ts, view-fetch.ts and refresh-scheduler.ts.
 *
 * Redis Cluster routing and recovery. Finding the cluster is cluster-discovery.ts (the seed procedure,
 * view-fetch.ts's CLUSTER SHARDS/SLOTS/NODES fallback, agreement between nodes on refresh) and when to
 * refresh is refresh-scheduler.ts; this class applies each view (slot map, node connections), serves
 * commands (queued, bounded, until ready), routes by slot, fans out by request policy, follows
 * MOVED/ASK, retries TRYAGAIN, CLUSTERDOWN and LOADING, and re-routes commands a lost node never received.
 */
import { EventEmitter } from 'node:events';
import {
  type AddressMapper,
  type AddressSource,
  explainConnectFailure,
  formatAddress,
  identityAddressMapper,
  isReachFailure,
  type NodeAddress,
  NodeConnector,
  type UnreachableNode,
} from '../../address/index.js';
import type { CommandInfo } from '../../commands/index.js';
import {
  Connection,
  type ConnectionOptions,
  eventLoopStalls,
  mayResend,
  OfflineQueue,
  type QueuedCommand,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
  type SendOptions,
  type ServerInfo,
} from '../../connection/index.js';
import { CLUSTER_DEFAULTS } from '../../defaults.js';
import { ConnectionError, clientClosedError, type Delivery, SlotbridgeError } from '../../errors.js';
import { RedirectError, ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import { topologyChannels } from '../diagnostics.js';
import type { StatefulConnections } from '../stateful-connections.js';
import type { KeyspacePart, Topology } from '../topology.js';
import { isTransientRefusal, refusalDelay, refusalMayMeanNewOwner } from '../transient-refusal.js';
import { isZoneReadFrom } from '../zone-read.js';
import { ClusterDiscovery } from './cluster-discovery.js';
import { ClusterError } from './cluster-error.js';
import { ClusterStatefulConnections } from './cluster-stateful-connections.js';
import type { ClusterView } from './cluster-view.js';
import { planCommand } from './command-routing.js';
import { NodePool } from './node-pool.js';
import { type ReadFrom, ReadFromChooser, shardReadSlots, zoneReadFromFunction } from './read-from.js';
import { ClusterReadReadiness } from './read-readiness.js';
import { RefreshScheduler } from './refresh-scheduler.js';
import { combineReplies, mergeSplitReplies } from './response-policy.js';
import { ShardKeyspace, type ShardKeyspaceHost } from './shard-keyspace.js';
import { type NodeEntry, nodeEntry, type Shard, SlotMap } from './slot-map.js';

export interface ClusterTopologyOptions {
  /** Seed hosts, tried in order until one accepts. */
  seeds: NodeAddress[];
  /** Options of every node connection (auth, TLS, timeouts, reconnect). */
  connection?: ConnectionOptions;
  /** Decides the socket target of every announced address (default: connect where announced). */
  addressMapper?: AddressMapper;
  /**
   * `primary` (default), `replica` (read-only commands to replicas, primary when none), `preferReplica`
   * (a connected replica, else the primary), or a function choosing among the shard's nodes.
   */
  readFrom?: ReadFrom;
  /** Redirects and retries per command before failing with ERR_CLUSTER_MAX_REDIRECTIONS (default 16). */
  maxRedirections?: number;
  /** Periodic topology refresh in ms; 0 turns it off (default 10 000). */
  refreshInterval?: number;
  /** Use announced hostnames (cluster-announce-hostname) instead of IPs when present (default false). */
  preferHostname?: boolean;
  /** Commands accepted before the cluster is ready (default 10 000). */
  maxQueue?: number;
  /**
   * Split MSET whose keys span slots into one MSET per slot (default false: ERR_CLUSTER_CROSSSLOT).
   * The split is NOT atomic: other clients may see some keys written and not others, and a failure
   * may leave some parts applied. MGET/DEL/UNLINK/EXISTS/TOUCH are always split (independent per key).
   */
  splitMultiSlotWrites?: boolean;
}

/** Payload of the `topology` event. */
export interface TopologyChange {
  /** Announced addresses of nodes that appeared / disappeared. */
  readonly added: string[];
  readonly removed: string[];
  /** Number of slots whose owner changed. */
  readonly movedSlots: number;
}

const ASKING: readonly RespArg[] = ['ASKING'];
/** State of one routed command while it is redirected or retried. */
interface Attempt {
  readonly args: readonly RespArg[];
  readonly options: SendOptions | undefined;
  readonly info: CommandInfo | undefined;
  /** The slot routed by, or -1 for a command sent to a fixed node. */
  readonly slot: number;
  node: NodeEntry;
  readOnly: boolean;
  connection: Connection | undefined;
  count: number;
  readonly chain: string[];
  /** What the connections it was sent on did with it (from the last failure that carried it). */
  delivery: Delivery | undefined;
}

/** A command waiting for the cluster to be discovered, with its own deadline. */
interface WaitingCommand extends QueuedCommand {
  readonly options: SendOptions | undefined;
  resolve(value: RespValue): void;
}

/**
 * A Redis Cluster behind the {@link Topology} contract.
 *
 * Events besides the Topology ones: `topology` ({@link TopologyChange}, after a refresh changed the
 * map) and `disagreement` (`{ chosen, votes, answers }`: the nodes asked by a refresh held different
 * slot ownerships; `chosen` is the node whose view was applied, held by `votes` of the `answers`).
 */
export class ClusterTopology extends EventEmitter implements Topology, StatefulConnections {
  readonly kind = 'cluster';
  private readonly mapper: AddressMapper;
  private readonly connectionOptions: ConnectionOptions;
  private readonly readFrom: ReadFrom;
  private readonly readChooser: ReadFromChooser | undefined;
  /** What each read connection's server said of itself: in sync, zone (read-readiness.ts). */
  private readonly readiness: ClusterReadReadiness;
  private readonly maxRedirections: number;
  private readonly refreshInterval: number;
  private readonly maxQueue: number;
  private readonly splitMultiSlotWrites: boolean;
  private readonly pool: NodePool;
  private readonly discovery: ClusterDiscovery;
  private readonly scheduler: RefreshScheduler;

  private slots: SlotMap | undefined;
  private ready = false;
  private closed = false;
  private connecting: Promise<void> | undefined;
  /** Commands issued before the cluster is ready: bounded, each timing out at its own deadline. */
  private readonly waiting: OfflineQueue<WaitingCommand>;
  /** The node connections' options with every default filled in (timeouts, retries, queue limit). */
  private readonly resolved: ResolvedConnectionOptions;
  private anyCounter = 0;
  private replicaCounter = 0;
  private readonly stateful: ClusterStatefulConnections;

  constructor(options: ClusterTopologyOptions) {
    super();
    if (options.seeds.length === 0) {
      throw new ClusterError(
        'ERR_CLUSTER_NO_SEED',
        'A cluster needs at least one seed host (cluster.hosts).',
      );
    }
    this.mapper = options.addressMapper ?? identityAddressMapper;
    this.connectionOptions = { ...options.connection };
    delete this.connectionOptions.db;
    this.readFrom = options.readFrom ?? CLUSTER_DEFAULTS.readFrom;
    this.resolved = resolveConnectionOptions(this.connectionOptions);
    this.readiness = new ClusterReadReadiness(
      isZoneReadFrom(this.readFrom),
      this.resolved.connectTimeout,
      (key, readOnly) => this.pool.peekByKey(key, readOnly),
    );
    const chooser = zoneReadFromFunction(this.readFrom, this.readiness.lookup);
    this.readChooser =
      chooser !== undefined ? new ReadFromChooser(chooser, this.readiness.healthy) : undefined;
    this.maxRedirections = options.maxRedirections ?? CLUSTER_DEFAULTS.maxRedirections;
    this.refreshInterval = options.refreshInterval ?? CLUSTER_DEFAULTS.refreshInterval;
    this.maxQueue = options.maxQueue ?? this.resolved.maxOfflineQueue;
    const seeds = options.seeds.map((seed) => formatAddress(seed)).join(', ');
    this.waiting = new OfflineQueue<WaitingCommand>({
      limit: this.maxQueue,
      holder: () => 'The cluster client (not ready yet)',
      waiting: () =>
        `queued while waiting for the cluster (the first discovery through the seeds ${seeds}; never sent)`,
    });
    this.splitMultiSlotWrites = options.splitMultiSlotWrites ?? CLUSTER_DEFAULTS.splitMultiSlotWrites;
    const connector = new NodeConnector(this.connectionOptions, this.mapper);
    this.pool = new NodePool(connector, {
      onTrouble: () => this.refreshSoon(),
      onError: (error) => {
        if (this.listenerCount('error') > 0) this.emit('error', error);
      },
      // The events a single server's connection emits, from every node connection (README: Events).
      onConnect: () => this.emit('connect'),
      onReconnecting: (info) => this.emit('reconnecting', info),
    });
    this.discovery = new ClusterDiscovery(
      {
        seeds: options.seeds,
        connector,
        preferHostname: options.preferHostname ?? CLUSTER_DEFAULTS.preferHostname,
      },
      {
        pooled: (node) => this.pool.peek(node, false),
        isClosed: () => this.closed,
        onDisagreement: (disagreement) => {
          if (this.listenerCount('disagreement') > 0) this.emit('disagreement', disagreement);
        },
      },
    );
    this.scheduler = new RefreshScheduler({
      run: () => this.doRefresh(),
      isClosed: () => this.closed,
      isReady: () => this.ready,
      isDegraded: () => this.isDegraded(),
      onError: (error) => {
        if (this.listenerCount('error') > 0) this.emit('error', error);
      },
    });
    this.stateful = new ClusterStatefulConnections({
      emitter: this,
      connect: () => this.connect(),
      slots: () => this.slots,
      primaryConnection: (node) => this.pool.get(node, false, this.viewSource()),
      refresh: () => this.refresh(),
      isClosed: () => this.closed,
    });
  }

  // ------------------------------------------------------------------ stateful connections (pub/sub, ...)
  // Implemented in cluster-stateful-connections.ts; `reroute` is emitted from there after apply().

  sharedConnection(key?: RespArg): Promise<Connection> {
    return this.stateful.sharedConnection(key);
  }

  openConnectionLike(shared: Connection): Connection {
    return this.stateful.openConnectionLike(shared);
  }

  checkSameSlot(keys: readonly RespArg[], what: string): void {
    this.stateful.checkSameSlot(keys, what);
  }

  redirected(error: RedirectError): Promise<void> {
    return this.stateful.redirected(error);
  }

  /** A transient refusal on a connection given out (blocking, pub/sub): the view may be stale. */
  refused(_error: ReplyError): Promise<void> {
    if (this.closed) return Promise.resolve();
    return (this.scheduler.inFlight ?? this.refresh()).catch(() => undefined);
  }

  /** The current slot map (undefined before the first discovery). */
  servers(): Map<string, ServerInfo> {
    return this.pool.servers();
  }

  get slotMap(): SlotMap | undefined {
    return this.slots;
  }

  // ------------------------------------------------------------------ lifecycle

  connect(): Promise<void> {
    if (this.ready) return Promise.resolve();
    if (this.closed) return Promise.reject(this.closedError());
    this.connecting ??= this.discover().then(
      () => {
        this.connecting = undefined;
        if (this.closed) throw this.closedError();
        this.ready = true;
        this.scheduler.start(this.refreshInterval);
        this.emit('ready');
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  async quit(): Promise<void> {
    if (this.closed) return;
    this.close();
    await this.pool.quitAll();
    this.emit('end');
  }

  disconnect(): void {
    if (this.closed) return;
    this.close();
    this.pool.disconnectAll();
    this.emit('end');
  }

  private close(): void {
    this.closed = true;
    this.ready = false;
    const closed = this.closedError('quit() or disconnect() was called before the cluster was ready');
    this.waiting.rejectAll(() => closed);
    this.scheduler.stop();
  }

  private closedError(reason = 'quit() or disconnect() was called'): ConnectionError {
    return clientClosedError('The cluster client', reason);
  }

  /** The seed procedure (cluster-discovery.ts), then every primary connected. */
  private async discover(): Promise<void> {
    this.apply(await this.discovery.fromSeeds());
    // Reads honour readFrom from the first one: every read connection's server has answered (or not in time).
    await this.connectPrimaries();
  }

  private async connectPrimaries(): Promise<void> {
    const primaries = this.slots?.primaries() ?? [];
    const replicas =
      this.readFrom === 'primary' ? [] : (this.slots?.shards.flatMap((shard) => shard.replicas) ?? []);
    const connected = async (node: NodeEntry, readOnly: boolean) =>
      this.readiness.track(await this.pool.get(node, readOnly, this.viewSource()), readOnly);
    await Promise.allSettled([
      ...primaries.map((node) => connected(node, false)),
      ...replicas.map((node) => connected(node, true)),
    ]);
  }

  private viewSource(): AddressSource {
    return this.discovery.viewSource();
  }

  // ------------------------------------------------------------------ topology

  /** Swaps in a new slot map, opens connections to new primaries, retires connections to nodes gone. */
  private apply(view: ClusterView): void {
    const next = SlotMap.fromView(view);
    if (next.coveredSlots() === 0) {
      throw new ClusterError(
        'ERR_CLUSTER_TOPOLOGY',
        'The cluster reports no slot assigned to any reachable node: create the cluster (redis-cli --cluster create) first.',
      );
    }
    const previous = this.slots;
    this.slots = next;
    const keep = new Set<string>();
    for (const node of next.primaries()) keep.add(NodePool.entryKey(node, false));
    for (const shard of next.shards) {
      if (shard.primary.healthy) keep.add(NodePool.entryKey(shard.primary, false));
      for (const replica of shard.replicas) keep.add(NodePool.entryKey(replica, true));
    }
    this.pool.retireAllBut(keep);
    if (previous !== undefined) this.reportChange(previous, next);
    this.stateful.viewApplied(next);
  }

  private reportChange(previous: SlotMap, next: SlotMap): void {
    if (this.listenerCount('topology') === 0) return;
    const before = new Set(previous.allNodes().map((node) => node.key));
    const after = new Set(next.allNodes().map((node) => node.key));
    const movedSlots = next.movedSlotsSince(previous);
    const added = [...after].filter((key) => !before.has(key));
    const removed = [...before].filter((key) => !after.has(key));
    if (added.length + removed.length + movedSlots === 0) return;
    const change: TopologyChange = { added, removed, movedSlots };
    this.emit('topology', change);
  }

  /** Refreshes the slot map now (coalesced: one refresh at a time; refresh-scheduler.ts). */
  refresh(): Promise<void> {
    return this.scheduler.refresh();
  }

  /** Requests a background refresh (at most one per short gap). */
  private refreshSoon(delay = 0): void {
    this.scheduler.soon(delay);
  }

  /** Degraded: slots uncovered, or a primary flagged failing or its connection not ready. */
  private isDegraded(): boolean | undefined {
    const slots = this.slots;
    if (slots === undefined) return undefined;
    let degraded = slots.coveredSlots() < 16384;
    for (const node of slots.primaries()) {
      const connection = this.pool.peek(node, false);
      if (!node.healthy || (connection !== undefined && connection.state !== 'ready')) degraded = true;
    }
    return degraded;
  }

  /** One refresh: the agreed view of several nodes (cluster-discovery.ts), applied. */
  private async doRefresh(): Promise<void> {
    const view = await this.discovery.refreshView(this.slots);
    if (view === undefined) return;
    this.apply(view);
    this.connectPrimaries().catch(() => undefined);
  }

  // ------------------------------------------------------------------ dispatch

  dispatch(args: readonly RespArg[], options?: SendOptions): Promise<RespValue> {
    if (this.ready) return this.route(args, options);
    if (this.closed)
      return Promise.reject(this.closedError('the command was issued after quit() or disconnect()'));
    return new Promise<RespValue>((resolve, reject) => {
      const timeout = options?.timeout ?? this.resolved.commandTimeout;
      const command: WaitingCommand = {
        args,
        options,
        resolve,
        reject,
        deadline: timeout > 0 ? performance.now() + timeout : 0,
        timeout,
        loopMark: timeout > 0 ? eventLoopStalls.total() : 0,
      };
      if (!this.waiting.push(command)) return;
      this.connect().then(
        () => this.routeWaiting(),
        (error: Error) => this.waiting.rejectAll(() => error),
      );
    });
  }

  /** The cluster is ready: commands queued meanwhile are routed, with what is left of their timeouts. */
  private routeWaiting(): void {
    const now = performance.now();
    for (const command of this.waiting.drain()) {
      let options = command.options;
      if (command.deadline > 0) {
        options = { ...options, timeout: Math.max(1, Math.ceil(command.deadline - now)) };
      }
      this.route(command.args, options).then(command.resolve, command.reject);
    }
  }

  private route(args: readonly RespArg[], options: SendOptions | undefined): Promise<RespValue> {
    let plan: ReturnType<typeof planCommand>;
    try {
      plan = planCommand(args, this.splitMultiSlotWrites);
    } catch (error) {
      return Promise.reject(error);
    }
    switch (plan.kind) {
      case 'slot':
        return this.sendToSlot(plan.slot, args, options, plan.info);
      case 'any':
        return this.sendToNode(this.anyPrimary(), args, options, plan.info);
      case 'all-shards':
      case 'all-nodes': {
        if (plan.kind === 'all-shards' && plan.info.isReadOnly && this.readFrom !== 'primary')
          return this.readAllShards(args, options, plan.info);
        const nodes = plan.kind === 'all-shards' ? this.primaries() : (this.slots?.allNodes() ?? []);
        const info = plan.info;
        return Promise.allSettled(nodes.map((node) => this.sendToNode(node, args, options, info))).then(
          (results) =>
            combineReplies(
              info,
              results,
              nodes.map((node) => node.key),
            ),
        );
      }
      case 'split': {
        const { info, parts, keyCount } = plan;
        return Promise.allSettled(
          parts.map((part) => this.sendToSlot(part.slot, part.args, options, info)),
        ).then((results) => mergeSplitReplies(info, parts, keyCount, results));
      }
    }
  }

  /**
   * A read-only command for every shard (KEYS, DBSIZE, RANDOMKEY): each shard's part goes where readFrom
   * sends a read of that shard's slots, as an MGET part does.
   */
  private readAllShards(
    args: readonly RespArg[],
    options: SendOptions | undefined,
    info: CommandInfo,
  ): Promise<RespValue> {
    const shards = shardReadSlots(this.slots);
    const parts = shards.map((shard) => this.sendToSlot(shard.slot, args, options, info));
    return Promise.allSettled(parts).then((results) =>
      combineReplies(
        info,
        results,
        shards.map((shard) => shard.key),
      ),
    );
  }

  /**
   * One part per shard that owns slots, for whole-keyspace walks (SCAN). Each part follows its shard
   * through failovers (see {@link ShardKeyspace}).
   */
  async keyspaces(): Promise<KeyspacePart[]> {
    await this.connect();
    const slots = this.slots;
    if (slots === undefined) return [];
    const topology = this;
    const host: ShardKeyspaceHost = {
      slotMap: () => topology.slots,
      sendToNodeOnce: (node, args, options) => topology.sendToNodeOnce(node, args, options),
      refresh: () => topology.refresh(),
      maxAttempts: this.maxRedirections,
      get closed() {
        return topology.closed;
      },
    };
    const parts: KeyspacePart[] = [];
    for (const shard of slots.shards) {
      const first = slots.slotRanges(shard)[0];
      if (first !== undefined) parts.push(new ShardKeyspace(host, shard, first[0]));
    }
    return parts;
  }

  /** Sends to exactly `node`'s primary connection: no redirect, no retry. */
  private async sendToNodeOnce(
    node: NodeEntry,
    args: readonly RespArg[],
    options: SendOptions | undefined,
  ): Promise<RespValue> {
    const connection = await this.pool.get(node, false, this.viewSource());
    return connection.send(args, options);
  }

  private primaries(): NodeEntry[] {
    return this.slots?.primaries() ?? [];
  }

  private anyPrimary(): NodeEntry | undefined {
    const primaries = this.primaries();
    if (primaries.length === 0) return undefined;
    this.anyCounter = (this.anyCounter + 1) % primaries.length;
    return primaries[this.anyCounter];
  }

  /** The node for a slot under the read preference; undefined when no node serves it. */
  private pick(
    slot: number,
    info: CommandInfo | undefined,
  ): { node: NodeEntry; readOnly: boolean } | undefined {
    const shard = this.slots?.shardOf(slot);
    if (shard === undefined) return undefined;
    if (this.readChooser !== undefined && info?.isReadOnly) {
      const index = this.readChooser.pick(shard, slot, info.name);
      if (index === 0) return { node: shard.primary, readOnly: false };
      return { node: shard.replicas[index - 1], readOnly: true };
    }
    if (this.readFrom !== 'primary' && info?.isReadOnly && shard.replicas.length > 0) {
      const replica = this.pickReplica(shard);
      if (replica !== undefined) return { node: replica, readOnly: true };
    }
    return { node: shard.primary, readOnly: false };
  }

  private pickReplica(shard: Shard): NodeEntry | undefined {
    const count = shard.replicas.length;
    for (let i = 0; i < count; i++) {
      this.replicaCounter = (this.replicaCounter + 1) % 1_000_000;
      const replica = shard.replicas[(this.replicaCounter + i) % count];
      if (!this.readiness.healthy(replica)) continue;
      const connection = this.pool.peek(replica, true);
      if (this.readFrom === 'preferReplica' && connection !== undefined && connection.state !== 'ready')
        continue;
      return replica;
    }
    return undefined;
  }

  private sendToSlot(
    slot: number,
    args: readonly RespArg[],
    options: SendOptions | undefined,
    info: CommandInfo | undefined,
  ): Promise<RespValue> {
    let target: ReturnType<ClusterTopology['pick']>;
    try {
      target = this.pick(slot, info);
    } catch (error) {
      // A readFrom function threw: that command fails, the client goes on.
      return Promise.reject(error);
    }
    const attempt: Attempt = {
      args,
      options,
      info,
      slot,
      node: target?.node ?? nodeEntry({ host: '', port: 0, id: undefined }),
      readOnly: target?.readOnly ?? false,
      connection: undefined,
      count: 0,
      chain: [],
      delivery: undefined,
    };
    if (target === undefined) {
      return this.recover(this.uncoveredError(slot), attempt);
    }
    return this.firstSend(attempt);
  }

  private sendToNode(
    node: NodeEntry | undefined,
    args: readonly RespArg[],
    options: SendOptions | undefined,
    info: CommandInfo | undefined,
  ): Promise<RespValue> {
    if (node === undefined) return Promise.reject(this.uncoveredError(-1));
    const attempt: Attempt = {
      args,
      options,
      info,
      slot: -1,
      node,
      readOnly: false,
      connection: undefined,
      count: 0,
      chain: [],
      delivery: undefined,
    };
    return this.firstSend(attempt);
  }

  /** The fast path: no await before the write, so commands of one tick coalesce per connection. */
  private firstSend(attempt: Attempt): Promise<RespValue> {
    attempt.chain.push(attempt.node.key);
    const connection = this.pool.get(attempt.node, attempt.readOnly, this.viewSource());
    let sent: Promise<RespValue>;
    if (connection instanceof Connection) {
      attempt.connection = connection;
      sent = connection.send(attempt.args, attempt.options);
    } else {
      sent = connection.then((ready) => {
        attempt.connection = ready;
        return ready.send(attempt.args, attempt.options);
      });
    }
    return sent.catch((error: unknown) => this.recover(error, attempt));
  }

  /** Follows redirects and retries until the command succeeds, fails for good, or hits the limit. */
  private async recover(first: unknown, attempt: Attempt): Promise<RespValue> {
    let error = first;
    for (;;) {
      const next = await this.nextTarget(error, attempt);
      attempt.count++;
      if (attempt.count > this.maxRedirections) {
        throw new ClusterError(
          'ERR_CLUSTER_MAX_REDIRECTIONS',
          `Command ${String(attempt.args[0]).toUpperCase()} was redirected or retried ${this.maxRedirections} ` +
            `times without success (nodes: ${attempt.chain.join(' -> ')}); last error: ${(error as Error).message}. ` +
            'The cluster may be resharding or failing over: retry later, or raise maxRedirections.',
          { cause: error, chain: [...attempt.chain] },
        );
      }
      attempt.node = next.node;
      attempt.readOnly = next.readOnly;
      attempt.chain.push(next.node.key);
      try {
        const connection = await this.pool.get(next.node, next.readOnly, next.source);
        attempt.connection = connection;
        if (next.asking) {
          // ASKING and the command in the same write: the ASKING flag holds for exactly one command.
          connection.send(ASKING).catch(() => undefined);
        }
        const options =
          attempt.delivery === undefined
            ? attempt.options
            : { ...attempt.options, previous: attempt.delivery };
        return await connection.send(attempt.args, options);
      } catch (caught) {
        error = caught;
      }
    }
  }

  /**
   * What to do after `error`: the next node to try (after a delay or a refresh when needed), or throw
   * when the error is final.
   */
  private async nextTarget(
    error: unknown,
    attempt: Attempt,
  ): Promise<{ node: NodeEntry; readOnly: boolean; asking: boolean; source: AddressSource }> {
    if (this.closed) throw error;
    if (error instanceof RedirectError) {
      const host = error.host === '' ? attempt.node.host : error.host;
      if (topologyChannels.redirect.hasSubscribers) {
        topologyChannels.redirect.publish({ kind: error.kind, slot: error.slot, host, port: error.port });
      }
      if (error.kind === 'MOVED') {
        const shard = this.slots?.moveSlot(error.slot, host, error.port);
        this.refreshSoon();
        const node = shard?.primary ?? nodeEntry({ host, port: error.port, id: undefined });
        return { node, readOnly: false, asking: false, source: 'moved' };
      }
      const known = this.slots?.allNodes().find((node) => node.host === host && node.port === error.port);
      return {
        node: known ?? nodeEntry({ host, port: error.port, id: undefined }),
        readOnly: false,
        asking: true,
        source: 'ask',
      };
    }
    if (error instanceof ReplyError) {
      if (!isTransientRefusal(error)) throw error;
      await delay(refusalDelay(error, attempt.count));
      if (refusalMayMeanNewOwner(error)) await this.refresh().catch(() => undefined);
      return this.retarget(error, attempt);
    }
    if (error instanceof ClusterError && error.code === 'ERR_CLUSTER_SLOT_UNCOVERED' && attempt.slot >= 0) {
      await this.refresh().catch(() => undefined);
      return this.retarget(error, attempt);
    }
    if (error instanceof ConnectionError && this.isUnreachable(error, attempt.connection)) {
      throw this.unreachableError(error, attempt);
    }
    const delivery = error instanceof SlotbridgeError ? error.delivery : undefined;
    if (
      delivery !== undefined &&
      mayResend(delivery, attempt.options?.retryable ?? false, this.resolved.maxRetriesPerCommand)
    ) {
      // The node's connection failed it without a reply (the pool retired it, or reconnecting gave up), and
      // its delivery allows sending it again: never written, or retryable with re-sends left.
      attempt.delivery = delivery;
      await (this.scheduler.inFlight ?? this.refresh()).catch(() => undefined);
      return this.retarget(error, attempt);
    }
    throw error;
  }

  /** A node connection that never reached its server and failed to connect: fail fast, explained. */
  private isUnreachable(error: ConnectionError, connection: Connection | undefined): boolean {
    return connection !== undefined && !connection.everReady && isReachFailure(error);
  }

  private unreachableError(error: ConnectionError, attempt: Attempt): Error {
    const node = attempt.node;
    const where = attempt.connection ? this.pool.targetOf(attempt.connection) : undefined;
    const shard = this.slots?.shards.find(
      (s) => s.primary.key === node.key || s.replicas.some((r) => r.key === node.key),
    );
    const isPrimary = shard !== undefined && shard.primary.key === node.key;
    const details: Omit<UnreachableNode, 'cause'> = {
      announced: { host: node.host, port: node.port },
      target: where?.target ?? { host: node.host, port: node.port },
      source: where?.source ?? this.viewSource(),
    };
    const answeredBy = this.discovery.answeredBy;
    if (answeredBy !== undefined) details.announcedBy = formatAddress(answeredBy);
    if (node.id !== undefined) details.nodeId = node.id;
    if (shard !== undefined) {
      details.role = isPrimary ? 'master' : 'replica';
      const ranges = this.slots!.slotRanges(shard).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
      if (ranges.length > 0) details.slots = ranges.join(',');
    }
    return explainConnectFailure(error, details);
  }

  /** The current owner of the attempt's slot (or its fixed node), refreshing while no node serves it. */
  private async retarget(
    error: unknown,
    attempt: Attempt,
  ): Promise<{ node: NodeEntry; readOnly: boolean; asking: boolean; source: AddressSource }> {
    if (attempt.slot < 0) {
      return { node: attempt.node, readOnly: attempt.readOnly, asking: false, source: this.viewSource() };
    }
    for (let wait = 0; ; wait++) {
      const target = this.pick(attempt.slot, attempt.info);
      if (target !== undefined) return { ...target, asking: false, source: this.viewSource() };
      if (this.closed || wait >= 10)
        throw error instanceof SlotbridgeError ? error : this.uncoveredError(attempt.slot);
      await delay(200);
      await this.refresh().catch(() => undefined);
    }
  }

  private uncoveredError(slot: number): ClusterError {
    return new ClusterError(
      'ERR_CLUSTER_SLOT_UNCOVERED',
      slot < 0
        ? 'No cluster primary is known: the topology is empty.'
        : `No known cluster node serves slot ${slot}; the cluster may be failing over or incomplete.`,
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
