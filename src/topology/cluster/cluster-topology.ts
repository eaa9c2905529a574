/**
 * Redis Cluster: lifecycle and views. Finding the cluster is cluster-discovery.ts (the seed procedure,
 * view-fetch.ts's CLUSTER SHARDS/SLOTS/NODES fallback, agreement between nodes on refresh) and when to
 * refresh is refresh-scheduler.ts; this class applies each view (slot map, node connections) and serves
 * commands (queued, bounded, until ready). Where a command goes and what a failure means is
 * cluster-router.ts; the one loop that follows redirects and retries is topology/router.ts.
 */
import { EventEmitter } from 'node:events';
import {
  type AddressMapper,
  type AddressSource,
  formatAddress,
  identityAddressMapper,
  type NodeAddress,
  NodeConnector,
} from '../../address/index.js';
import {
  type Connection,
  type ConnectionOptions,
  eventLoopStalls,
  OfflineQueue,
  type QueuedCommand,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
  type SendOptions,
  type ServerInfo,
} from '../../connection/index.js';
import { CLUSTER_DEFAULTS } from '../../defaults.js';
import { type ConnectionError, clientClosedError } from '../../errors.js';
import type { RedirectError, RespArg, RespValue } from '../../resp/index.js';
import { type Budget, newBudget, type Verdict } from '../router.js';
import type { StatefulConnections } from '../stateful-connections.js';
import type { KeyspacePart, Topology } from '../topology.js';
import { isZoneReadFrom } from '../zone-read.js';
import { ClusterDiscovery } from './cluster-discovery.js';
import { ClusterError } from './cluster-error.js';
import { ClusterRouter } from './cluster-router.js';
import { ClusterStatefulConnections } from './cluster-stateful-connections.js';
import type { ClusterView } from './cluster-view.js';
import { MovedMemory } from './moved-memory.js';
import { NodePool } from './node-pool.js';
import { type ReadFrom, ReadFromChooser, zoneReadFromFunction } from './read-from.js';
import { ClusterReadReadiness } from './read-readiness.js';
import { RefreshScheduler } from './refresh-scheduler.js';
import { ShardKeyspace, type ShardKeyspaceHost } from './shard-keyspace.js';
import { type NodeEntry, SlotMap } from './slot-map.js';

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
  private readonly stateful: ClusterStatefulConnections;
  private readonly router: ClusterRouter;
  /** What MOVED replies taught, kept against older refreshed views. */
  private readonly moved = new MovedMemory();

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
    this.router = new ClusterRouter({
      pool: this.pool,
      readFrom: this.readFrom,
      readChooser: this.readChooser,
      healthy: this.readiness.healthy,
      maxRedirections: this.maxRedirections,
      splitMultiSlotWrites: this.splitMultiSlotWrites,
      resolved: this.resolved,
      slots: () => this.slots,
      viewSource: () => this.viewSource(),
      isClosed: () => this.closed,
      refresh: () => this.refresh(),
      refreshSoon: () => this.refreshSoon(),
      inFlight: () => this.scheduler.inFlight,
      answeredBy: () => this.discovery.answeredBy,
      movedFrom: (slot, sender) => this.moved.learn(slot, sender),
    });
    this.stateful = new ClusterStatefulConnections({
      emitter: this,
      connect: () => this.connect(),
      slots: () => this.slots,
      primaryConnection: (node) => this.pool.get(node, false, this.viewSource()),
      refresh: () => this.refresh(),
      isClosed: () => this.closed,
      maxRedirections: this.maxRedirections,
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

  judge(error: unknown, budget: Budget): Promise<Verdict> {
    return this.router.judgePinned(error, budget);
  }

  askConnection(redirect: RedirectError): Promise<Connection> {
    return this.router.askConnection(redirect);
  }

  budget(timeout?: number): Budget {
    return newBudget(this.maxRedirections, timeout);
  }

  exhausted(what: RespArg, last: unknown): Error {
    return this.router.exhausted(what, [], last);
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
    this.moved.correct(next, previous);
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
    if (this.ready) return this.router.route(args, options);
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
      this.router.route(command.args, options).then(command.resolve, command.reject);
    }
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
      sendToNodeOnce: (node, args, options) => topology.router.sendToNodeOnce(node, args, options),
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
}
