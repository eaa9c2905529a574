/**
 * Above ~400 lines for a reason: the state machine, routing and failover following share the master
 * connection and the pending queue; the queue, the re-send decision and the reconnect loop are the shared
 * pipeline pieces (connection/offline-queue.ts, resend-policy.ts, reconnect-loop.ts); finding the master
 * lives in master-locator.ts.
 *
 * A Sentinel-managed master behind the Topology contract: the state machine (connecting, ready,
 * switching), routing to the master or a replica, and following failovers. Finding the master (the
 * sentinels, ROLE, the failover hold's polling) is master-locator.ts; talking to the sentinels is
 * sentinel-client.ts and watching their events sentinel-watcher.ts.
 */
import { EventEmitter } from 'node:events';
import {
  type AddressMapper,
  formatAddress,
  identityAddressMapper,
  type NodeAddress,
  NodeConnector,
} from '../../address/index.js';
import { lookupCommand } from '../../commands/index.js';
import {
  type Connection,
  type ConnectionOptions,
  eventLoopStalls,
  mayResend,
  OfflineQueue,
  ReconnectLoop,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
  type SendOptions,
  type ServerInfo,
} from '../../connection/index.js';
import { CLUSTER_DEFAULTS, SENTINEL_DEFAULTS } from '../../defaults.js';
import { ConnectionError, clientClosedError, SlotbridgeError } from '../../errors.js';
import { ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import { topologyChannels } from '../diagnostics.js';
import type { SentinelReadFrom } from '../read-preference.js';
import { ReadReadiness } from '../read-readiness.js';
import { commonVerdict } from '../router.js';
import type { StatefulConnections } from '../stateful-connections.js';
import type { Topology } from '../topology.js';
import { emitZoneWarning, isZoneReadFrom, type ZoneCandidate, ZonePreference } from '../zone-read.js';
import { MasterLocator } from './master-locator.js';
import { type PendingCommand, remainingTimeout } from './pending-commands.js';
import { ReplicaPool } from './replica-pool.js';
import { type MasterLocation, SentinelClient } from './sentinel-client.js';
import { SentinelError } from './sentinel-errors.js';
import { SentinelList } from './sentinel-list.js';
import { eventMasterName, parsePromotedReplica, parseSwitchMaster } from './sentinel-replies.js';
import { SentinelStatefulConnections } from './sentinel-stateful-connections.js';
import { SentinelWatcher } from './sentinel-watcher.js';

/** Options of {@link SentinelTopology}. */
export interface SentinelTopologyOptions {
  /** The monitored master's name (`sentinel monitor NAME ...`). */
  name: string;
  /** Sentinels to start from (more are learned with SENTINEL SENTINELS). */
  sentinels: readonly NodeAddress[];
  /** Options of every data-node connection (credentials, TLS, db, timeouts); host and port are filled in. */
  node?: ConnectionOptions;
  /** Options of every sentinel connection (their own credentials and TLS). */
  sentinel?: ConnectionOptions;
  /** Maps every address a sentinel announces (master, replicas, sentinels, +switch-master) to a socket target. */
  addressMapper?: AddressMapper;
  /** Default 'primary'. */
  readFrom?: SentinelReadFrom;
  /** Discoveries in a row whose node does not answer ROLE master before giving up (default 5). */
  roleCheckAttempts?: number;
  /** Ms between those discoveries (default 250). */
  roleCheckDelay?: number;
  /** Ms between refreshes of the sentinel list and a check of the master (default 30 000). */
  refreshInterval?: number;
  /**
   * Subscribe to sentinel events (+switch-master and the failover leader's notices) to follow a failover
   * at once (default true). With false, failover is detected from the data side only (connection lost,
   * -READONLY, the periodic check): for sentinels behind something that does not pass pub/sub.
   */
  watchEvents?: boolean;
  /**
   * @internal Not public API, for tests only: false turns off the hold on the failover leader's early
   * notice (`+selected-slave`), so a test can measure what the hold prevents. Default true.
   */
  holdOnEarlyNotice?: boolean;
}

type State = 'idle' | 'connecting' | 'ready' | 'switching' | 'closing' | 'closed';

/**
 * Times one command is routed again after a server refused it without running it (READONLY from a
 * demoted master, a transient refusal of transient-refusal.ts): the same budget as a cluster's redirects
 * (`maxRedirections`' default), judged by router.ts's common verdict. Re-sends after a lost connection
 * are governed by the command's delivery and `maxRetriesPerCommand`.
 */
const MAX_REFUSALS = CLUSTER_DEFAULTS.maxRedirections;
/** Longest pause between rediscoveries during a failover: sentinels are cheap to ask. */
const MAX_REDISCOVERY_DELAY = 1_000;

/**
 * A Sentinel-managed master. Discovery follows the seed: try each sentinel, SENTINEL get-master-addr-by-name,
 * map the address, connect, verify ROLE, then serve commands (queued, bounded, until then). Failover is
 * followed through `+switch-master` on a sentinel subscription and from the data side (connection lost,
 * -READONLY): commands in flight or queued move to the new master when re-sending is safe (never sent,
 * refused with READONLY, or retryable), otherwise they reject with a typed error.
 *
 * On a SENTINEL FAILOVER the leader's `+selected-slave` notice (seen when the watched sentinel leads) holds
 * commands from that moment until the selected replica answers ROLE master, so that writes stop going to
 * the old master before the replica detaches from it, rather than ~1 s later at +switch-master.
 *
 * Events: `ready` (each time a master is in use), `failover-start` ({ from, candidate }: holding commands
 * for a promotion), `failover` ({ from, to }), `reconnecting`, `error`, `end`.
 */
export class SentinelTopology extends EventEmitter implements Topology, StatefulConnections {
  readonly kind = 'sentinel';
  readonly name: string;
  private stateValue: State = 'idle';
  private master: Connection | undefined;
  private location: MasterLocation | undefined;
  private readonly client: SentinelClient;
  private readonly locator: MasterLocator;
  private readonly watcher: SentinelWatcher;
  private readonly replicas: ReplicaPool | undefined;
  private readonly queue: OfflineQueue<PendingCommand>;
  private readonly node: ConnectionOptions;
  /** The data-node options with every default filled in (timeouts, retries, queue limit, reconnect). */
  private readonly resolved: ResolvedConnectionOptions;
  /** Finding a master again after losing one: the same loop (and policy) a connection reconnects with. */
  private readonly reconnectLoop: ReconnectLoop;
  private readonly readFrom: SentinelReadFrom;
  private readonly zone: ZonePreference | undefined;
  /** The zone each data node said it is in, asked before a connection is used (read-readiness.ts). */
  private readonly readiness: ReadReadiness;
  private readonly commandTimeout: number;
  private readonly refreshInterval: number;
  private establishing: Promise<void> | undefined;
  private everReady = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly watchEvents: boolean;
  private readonly holdOnEarlyNotice: boolean;
  private readonly stateful: SentinelStatefulConnections;

  constructor(options: SentinelTopologyOptions) {
    super();
    this.watchEvents = options.watchEvents ?? true;
    this.holdOnEarlyNotice = options.holdOnEarlyNotice ?? true;
    this.name = options.name;
    this.node = options.node ?? {};
    this.readFrom = options.readFrom ?? SENTINEL_DEFAULTS.readFrom;
    if (isZoneReadFrom(this.readFrom)) {
      this.zone = new ZonePreference(this.readFrom, emitZoneWarning);
    }
    this.readiness = new ReadReadiness(this.zone !== undefined);
    this.resolved = resolveConnectionOptions(this.node);
    this.reconnectLoop = new ReconnectLoop(this.resolved.reconnect);
    this.commandTimeout = this.resolved.commandTimeout;
    this.refreshInterval = options.refreshInterval ?? 30_000;
    const sentinelOptions: ConnectionOptions = {
      connectTimeout: Math.min(this.resolved.connectTimeout, SENTINEL_DEFAULTS.connectTimeout),
      commandTimeout: Math.min(this.commandTimeout || 5_000, 5_000),
      ...options.sentinel,
    };
    // One mapper for every address the sentinels announce; sentinels and data nodes differ in options.
    const nodes = new NodeConnector(this.node, options.addressMapper ?? identityAddressMapper);
    this.client = new SentinelClient(
      options.name,
      new SentinelList(options.sentinels),
      nodes.with(sentinelOptions),
    );
    this.locator = new MasterLocator(this.client, {
      name: this.name,
      nodes,
      roleCheckAttempts: options.roleCheckAttempts ?? 5,
      roleCheckDelay: options.roleCheckDelay ?? 250,
      isClosing: () => this.isClosing(),
    });
    this.watcher = new SentinelWatcher(
      this.client,
      (channel, payload, from) => this.onSentinelEvent(channel, payload, from),
      () => this.checkMaster(),
    );
    if (this.readFrom !== 'primary')
      this.replicas = new ReplicaPool(this.client, nodes, (connection) =>
        this.readiness.track(connection, false, this.resolved.connectTimeout),
      );
    this.queue = new OfflineQueue<PendingCommand>({
      limit: this.resolved.maxOfflineQueue,
      holder: () => `The sentinel client for "${this.name}" (no master in use)`,
      waiting: () => this.describeWait(),
    });
    this.stateful = new SentinelStatefulConnections({
      name: this.name,
      connect: () => this.connect(),
      master: () => this.master,
      reconnect: this.resolved.reconnect,
    });
  }

  // ---- stateful connections (pub/sub, blocking, WATCH, caching): sentinel-stateful-connections.ts ----

  sharedConnection(): Promise<Connection> {
    return this.stateful.sharedConnection();
  }

  openConnectionLike(shared: Connection): Connection {
    return this.stateful.openConnectionLike(shared);
  }

  /** `idle`, `connecting`, `ready`, `switching` (failover in progress), `closing` or `closed`. */
  get state(): State {
    return this.stateValue;
  }

  servers(): Map<string, ServerInfo> {
    const info = this.master?.server;
    const announced = this.location?.announced;
    if (info === undefined || announced === undefined) return new Map();
    return new Map([[formatAddress(announced), info]]);
  }

  /** The master in use, as the sentinels announced it, when connected. */
  get masterAddress(): NodeAddress | undefined {
    return this.location?.announced;
  }

  /** The sentinels known, in the order they will be tried (announced addresses). */
  get sentinelAddresses(): string[] {
    return this.client.list.ordered().map((entry) => formatAddress(entry.address));
  }

  /** `host:port` (as listed) of the sentinel whose events are followed, when subscribed. */
  get watchedSentinel(): string | undefined {
    return this.watcher.subscribedTo;
  }

  /** Announced addresses of the replicas serving reads (readFrom 'replica' / 'preferReplica'). */
  get replicaAddresses(): string[] {
    return this.replicas?.addresses() ?? [];
  }

  connect(): Promise<void> {
    if (this.stateValue === 'ready') return Promise.resolve();
    if (this.isClosing()) return Promise.reject(this.closedError('connect() was called after quit()'));
    return this.ensureEstablishing();
  }

  dispatch(args: readonly RespArg[], options?: SendOptions): Promise<RespValue> {
    return new Promise<RespValue>((resolve, reject) => {
      if (this.isClosing()) {
        reject(this.closedError('the command was issued after quit() or disconnect()'));
        return;
      }
      const timeout = options?.timeout ?? this.commandTimeout;
      const command: PendingCommand = {
        args,
        options: options ?? {},
        resolve,
        reject,
        deadline: timeout > 0 ? performance.now() + timeout : 0,
        timeout,
        loopMark: timeout > 0 ? eventLoopStalls.total() : 0,
        refusals: 0,
        delivery: undefined,
      };
      this.route(command);
    });
  }

  async quit(): Promise<void> {
    if (this.stateValue === 'closed') return;
    const master = this.shutdown(this.closedError('quit() was called before the command was sent'));
    await master?.quit().catch(() => undefined);
    this.finish();
  }

  disconnect(): void {
    if (this.stateValue === 'closed') return;
    const master = this.shutdown(this.closedError('disconnect() was called before the reply arrived'));
    master?.disconnect();
    this.finish();
  }

  private shutdown(error: Error): Connection | undefined {
    this.stateValue = 'closing';
    clearInterval(this.refreshTimer);
    this.watcher.stop();
    this.replicas?.close();
    this.client.close();
    this.queue.rejectAll(() => error);
    this.locator.wakeUp();
    const master = this.master;
    this.master = undefined;
    return master;
  }

  private finish(): void {
    this.stateValue = 'closed';
    this.emit('end');
  }

  private isClosing(): boolean {
    return this.stateValue === 'closing' || this.stateValue === 'closed';
  }

  private closedError(reason: string): ConnectionError {
    return clientClosedError(`Sentinel client for "${this.name}"`, reason);
  }

  private describeWait(): string {
    const what = this.everReady ? 'a failover' : 'the first discovery';
    return (
      `queued while waiting for a master of "${this.name}" (${what} through the sentinels ` +
      `${this.sentinelAddresses.join(', ')}; never sent)`
    );
  }

  // ---- routing ----

  private route(command: PendingCommand): void {
    if (this.replicas !== undefined && isReadOnly(command.args)) {
      const replica =
        this.zone !== undefined ? this.pickByZone(this.zone, this.replicas) : this.replicas.pick();
      if (replica !== undefined) {
        this.sendToReplica(command, replica);
        return;
      }
      if (this.readFrom === 'replica' && this.everReady) {
        void this.replicas.refresh();
        command.reject(
          new SentinelError(
            'ERR_SENTINEL_NO_REPLICA',
            this.name,
            this.sentinelAddresses,
            `No healthy replica of "${this.name}" is connected (readFrom: 'replica'); ` +
              "use readFrom: 'preferReplica' to fall back to the master.",
          ),
        );
        return;
      }
    }
    this.routeToMaster(command);
  }

  /** A replica (or undefined: the master) by zone, see ZonePreference. */
  private pickByZone(zone: ZonePreference, replicas: ReplicaPool): Connection | undefined {
    const candidates: ZoneCandidate<Connection>[] = replicas.connections().map(({ key, connection }) => ({
      item: connection,
      role: 'replica',
      healthy: true,
      address: key,
      ready: connection.state === 'ready',
      zone: this.readiness.zone(connection),
    }));
    const master = this.master;
    if (master !== undefined) {
      candidates.push({
        item: master,
        role: 'primary',
        healthy: true,
        address: master.address,
        ready: master.state === 'ready',
        zone: this.readiness.zone(master),
      });
    }
    return zone.choose(candidates);
  }

  private routeToMaster(command: PendingCommand): void {
    const master = this.master;
    if (master !== undefined && this.stateValue === 'ready') {
      this.sendToMaster(command, master);
      return;
    }
    if (command.refusals > 0 || command.delivery !== undefined) this.queue.requeueFront([command]);
    else if (!this.queue.push(command)) return;
    if (this.stateValue === 'idle') this.ensureEstablishing().catch(() => undefined);
  }

  private sendToMaster(command: PendingCommand, connection: Connection): void {
    connection
      .send(command.args, this.sendOptions(command))
      .then(command.resolve, (error: Error) => this.onMasterFailure(command, connection, error));
  }

  private sendOptions(command: PendingCommand): SendOptions {
    const options: SendOptions = { ...command.options, timeout: remainingTimeout(command) };
    if (command.delivery !== undefined) options.previous = command.delivery;
    return options;
  }

  private onMasterFailure(command: PendingCommand, connection: Connection, error: Error): void {
    if (error instanceof ReplyError) {
      // Judged as every path judges (router.ts): READONLY re-routes, a transient refusal pauses once.
      const verdict = commonVerdict(error, command.refusals);
      if (verdict.kind === 'reroute') {
        // Refused by a demoted master: not applied, safe to send to the new one.
        this.suspectMaster(connection);
        this.routeAgainAfterRefusal(command, error, 0);
      } else if (verdict.kind === 'wait') {
        this.routeAgainAfterRefusal(command, error, verdict.ms);
      } else {
        command.reject(error);
      }
      return;
    }
    if (!this.routeAgainAfterLoss(command, error)) command.reject(error);
  }

  /**
   * A connection failed the command without a reply: routed again (to the master in use, or queued until
   * one is) when its delivery allows it — never written, or retryable with re-sends left — and its
   * deadline has not passed. False when it must be rejected.
   */
  private routeAgainAfterLoss(command: PendingCommand, error: Error): boolean {
    if (this.isClosing() || !(error instanceof SlotbridgeError)) return false;
    const delivery = error.delivery;
    if (delivery === undefined) return false;
    const expired = command.deadline > 0 && command.deadline <= performance.now();
    if (expired) return false;
    if (!mayResend(delivery, command.options.retryable ?? false, this.resolved.maxRetriesPerCommand))
      return false;
    command.delivery = delivery;
    this.routeToMaster(command);
    return true;
  }

  private sendToReplica(command: PendingCommand, connection: Connection): void {
    connection.send(command.args, this.sendOptions(command)).then(command.resolve, (error: Error) => {
      if (error instanceof ReplyError) {
        // Refused for now (LOADING, MASTERDOWN, ...): the replica did not run it; a read, so the master
        // may answer instead, at once.
        if (commonVerdict(error, command.refusals).kind === 'wait')
          this.routeAgainAfterRefusal(command, error, 0);
        else command.reject(error);
        return;
      }
      if (!this.routeAgainAfterLoss(command, error)) command.reject(error);
    });
  }

  private routeAgainAfterRefusal(command: PendingCommand, cause: Error, pause: number): void {
    command.refusals++;
    const expired = command.deadline > 0 && command.deadline <= performance.now() + pause;
    if (command.refusals > MAX_REFUSALS || expired || this.isClosing()) {
      command.reject(cause);
      return;
    }
    if (pause > 0) setTimeout(() => this.routeToMaster(command), pause);
    else this.routeToMaster(command);
  }

  // ---- discovery and failover ----

  private ensureEstablishing(): Promise<void> {
    if (this.establishing === undefined) {
      this.establishing = this.establish().finally(() => {
        this.establishing = undefined;
      });
    }
    return this.establishing;
  }

  private async establish(): Promise<void> {
    const initial = !this.everReady;
    this.stateValue = initial ? 'connecting' : 'switching';
    for (;;) {
      if (this.isClosing()) return;
      try {
        const { connection, location } = await this.locator.locate();
        if (this.isClosing()) {
          connection.disconnect();
          return;
        }
        if (initial && this.replicas !== undefined) await this.replicas.refresh();
        // Zone reads: the master's zone is known before the first read (the primary may be the one in it).
        if (this.zone !== undefined)
          await this.readiness.track(connection, false, this.resolved.connectTimeout);
        this.install(connection, location);
        return;
      } catch (error) {
        if (this.isClosing()) return;
        if (initial) {
          this.stateValue = 'idle';
          this.queue.rejectAll(() => error as Error);
          throw error;
        }
        const next = this.reconnectLoop.next(error as Error);
        if (next === undefined) {
          const gaveUp = this.reconnectLoop.gaveUp(`finding the master of "${this.name}"`, error as Error);
          this.emitError(gaveUp);
          this.shutdown(gaveUp);
          this.finish();
          return;
        }
        // Attempt 1 was the immediate rediscovery (announced by onMasterEnd or a switch).
        this.emit('reconnecting', { ...next, attempt: next.attempt + 1 });
        this.emitError(error as Error);
        await this.locator.sleep(Math.min(next.delay, MAX_REDISCOVERY_DELAY));
      }
    }
  }

  private install(connection: Connection, location: MasterLocation): void {
    const previous = this.location;
    this.master = connection;
    this.location = location;
    connection.on('end', () => this.onMasterEnd(connection));
    const first = !this.everReady;
    this.everReady = true;
    this.reconnectLoop.succeeded();
    this.stateValue = 'ready';
    // The master connection is open and verified: the events a single server's connection emits.
    this.emit('connect');
    this.emit('ready');
    if (!first && previous !== undefined) {
      const from = formatAddress(previous.announced);
      const to = formatAddress(location.announced);
      this.emit('failover', { from, to });
      if (from !== to) this.emit('topology', { added: [to], removed: [from], movedSlots: 0 });
      if (topologyChannels.failover.hasSubscribers) {
        topologyChannels.failover.publish({ topology: 'sentinel', from, to });
      }
    }
    // A new master connection (failover, or the old one was lost): stateful features move to it.
    if (!first) this.emit('reroute');
    for (const command of this.queue.drain()) this.route(command);
    if (this.watchEvents) this.watcher.start();
    this.client.refreshSentinels().catch(() => undefined);
    if (!first) void this.replicas?.refresh();
    // Learn the replicas' run ids now, so that the next failover's new master maps by identity at once.
    if (this.replicas === undefined) this.client.replicas().catch(() => undefined);
    if (this.refreshTimer === undefined) {
      this.refreshTimer = setInterval(() => this.periodicRefresh(), this.refreshInterval);
      this.refreshTimer.unref();
    }
  }

  private onMasterEnd(connection: Connection): void {
    if (connection !== this.master || this.isClosing()) return;
    this.master = undefined;
    // Lost, not switched: say so as a single server's connection would; rediscovery starts at once.
    const error = new ConnectionError(
      'ERR_CONNECTION_LOST',
      `The connection to the master of "${this.name}" (${connection.address}) was lost; finding the master again.`,
      connection.address,
    );
    this.emitError(error);
    this.emit('reconnecting', { attempt: 1, delay: 0, error });
    this.rediscover(undefined);
  }

  /** The master refused a write with READONLY (or no longer says master): it was demoted. */
  private suspectMaster(connection: Connection): void {
    if (connection !== this.master) return;
    this.rediscover(undefined);
  }

  /** Leaves the current master (gracefully: its in-flight replies still arrive) and finds the new one. */
  private rediscover(hint: MasterLocation | undefined): void {
    if (this.isClosing()) return;
    const old = this.master;
    this.master = undefined;
    if (old !== undefined) void old.quit().catch(() => undefined);
    if (hint !== undefined) this.locator.hintNext(hint);
    if (this.stateValue === 'ready') this.stateValue = 'switching';
    this.ensureEstablishing().catch(() => undefined);
  }

  /**
   * The failover leader selected the replica it is about to promote: stop sending to the old master now
   * (it keeps accepting writes until it is demoted, and writes it acknowledges after the replica detached
   * are lost), hold the commands in the queue with their deadlines, and switch as soon as the replica
   * answers ROLE master.
   */
  private holdForPromotion(announced: NodeAddress, from: string): void {
    if (this.stateValue !== 'ready' || this.location === undefined) return;
    if (formatAddress(this.location.announced) === formatAddress(announced)) return;
    this.locator.expectPromotion(announced, from);
    this.emit('failover-start', {
      from: formatAddress(this.location.announced),
      candidate: formatAddress(announced),
    });
    this.rediscover(undefined);
    this.locator.wakeUp();
  }

  private onSentinelEvent(channel: string, payload: string, from: string): void {
    if (this.isClosing()) return;
    if (channel === '+selected-slave') {
      if (!this.holdOnEarlyNotice) return;
      const parsed = parsePromotedReplica(payload);
      if (parsed !== undefined && parsed.name === this.name) this.holdForPromotion(parsed.announced, from);
      return;
    }
    if (channel.startsWith('-failover-abort') || channel === '+failover-end-for-timeout') {
      if (eventMasterName(payload) === this.name) this.locator.abortPromotion();
      return;
    }
    if (channel === '+switch-master' || channel === '+promoted-slave') {
      const parsed =
        channel === '+switch-master' ? parseSwitchMaster(payload) : parsePromotedReplica(payload);
      if (parsed === undefined || parsed.name !== this.name) return;
      void this.client.map(parsed.announced, 'switch-master', from, 'master').then(({ target, nodeId }) => {
        const location: MasterLocation = {
          announced: parsed.announced,
          target,
          announcedBy: `${channel} from ${from}`,
          source: 'switch-master',
        };
        if (nodeId !== undefined) location.nodeId = nodeId;
        this.switchTo(location);
      });
      return;
    }
    if (eventMasterName(payload) !== this.name) return;
    if (channel === '+sentinel') this.client.refreshSentinels().catch(() => undefined);
    else void this.replicas?.refresh();
  }

  private switchTo(location: MasterLocation): void {
    const current = this.location;
    if (
      this.stateValue === 'ready' &&
      current !== undefined &&
      formatAddress(current.announced) === formatAddress(location.announced)
    ) {
      return;
    }
    this.rediscover(location);
    void this.replicas?.refresh();
  }

  /** After (re)subscribing or periodically: did the master change while we were not listening? */
  private checkMaster(): void {
    if (this.stateValue !== 'ready') return;
    this.client.discoverMaster().then(
      (location) => this.switchTo(location),
      () => undefined,
    );
  }

  private periodicRefresh(): void {
    this.client.refreshSentinels().catch(() => undefined);
    if (this.watcher.subscribedTo === undefined) this.checkMaster();
  }

  private emitError(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

function isReadOnly(args: readonly RespArg[]): boolean {
  const info = lookupCommand(args);
  if (info === undefined) return false;
  return info.isReadOnly && !info.isWrite && !info.isBlocking && !info.isPubSub;
}
