/**
 * Where a cluster command goes and what its failures mean. Routing by slot (read preference included),
 * fan-out by request policy, and the cluster's judgement of a failure (router.ts's {@link Verdict}):
 * MOVED learnt at once, ASK followed with ASKING, transient refusals paused once, uncovered slots waiting
 * for a refresh, unwritten commands re-routed, unreachable nodes explained. The loop that applies the
 * judgement is router.ts's {@link followRoute}, for this path and the pinned ones alike.
 */
import {
  type AddressSource,
  explainConnectFailure,
  formatAddress,
  isReachFailure,
  type UnreachableNode,
} from '../../address/index.js';
import type { CommandInfo } from '../../commands/index.js';
import {
  type CommandRecovery,
  Connection,
  mayResend,
  type ResolvedConnectionOptions,
  type SendOptions,
} from '../../connection/index.js';
import { ConnectionError, type Delivery, SlotbridgeError } from '../../errors.js';
import { RedirectError, ReplyError, type RespArg, type RespValue } from '../../resp/index.js';
import { topologyChannels } from '../diagnostics.js';
import { type Budget, commonVerdict, delay, followRoute, newBudget, type Verdict } from '../router.js';
import { refusalMayMeanNewOwner } from '../transient-refusal.js';
import { ClusterError } from './cluster-error.js';
import { planCommand } from './command-routing.js';
import type { NodePool } from './node-pool.js';
import { type ReadFrom, type ReadFromChooser, shardReadSlots } from './read-from.js';
import { combineReplies, mergeSplitReplies } from './response-policy.js';
import { type NodeEntry, nodeEntry, type Shard, type SlotMap } from './slot-map.js';

/** What the topology lends its router. */
export interface ClusterRouterHost {
  readonly pool: NodePool;
  readonly readFrom: ReadFrom;
  readonly readChooser: ReadFromChooser | undefined;
  /** Whether a node may serve reads: its view's health, corrected by what its server said (read-readiness.ts). */
  readonly healthy: (node: NodeEntry) => boolean;
  readonly maxRedirections: number;
  readonly splitMultiSlotWrites: boolean;
  readonly resolved: ResolvedConnectionOptions;
  slots(): SlotMap | undefined;
  viewSource(): AddressSource;
  isClosed(): boolean;
  /** Refreshes the slot map now (coalesced with one in flight). */
  refresh(): Promise<void>;
  /** A background refresh soon. */
  refreshSoon(): void;
  /** The refresh in flight, if any. */
  inFlight(): Promise<void> | undefined;
  /** The node whose view was applied last (for explanations). */
  answeredBy(): { host: string; port: number } | undefined;
  /** `sender` answered MOVED for `slot`: a refresh must not give the slot back to it (moved-memory.ts). */
  movedFrom(slot: number, sender: string): void;
}

const ASKING: readonly RespArg[] = ['ASKING'];
/** Pause between refreshes while no known node serves a slot. */
const UNCOVERED_DELAY_MS = 200;

/**
 * One routed command while it is redirected or retried. It is also the command's recovery on its first
 * connection: a failure there comes back here, with no promise chained to a command that succeeds.
 */
class Attempt implements CommandRecovery {
  connection: Connection | undefined = undefined;
  readonly chain: string[] = [];
  /** What the connections it was sent on did with it (from the last failure that carried it). */
  delivery: Delivery | undefined = undefined;

  constructor(
    private readonly router: ClusterRouter,
    readonly args: readonly RespArg[],
    readonly options: SendOptions | undefined,
    readonly info: CommandInfo | undefined,
    /** The slot routed by, or -1 for a command sent to a fixed node. */
    readonly slot: number,
    public node: NodeEntry,
    public readOnly: boolean,
  ) {}

  recover(error: Error): Promise<RespValue> {
    return this.router.recoverAttempt(error, this);
  }
}

export class ClusterRouter {
  private readonly host: ClusterRouterHost;
  private anyCounter = 0;
  private replicaCounter = 0;

  constructor(host: ClusterRouterHost) {
    this.host = host;
  }

  route(args: readonly RespArg[], options: SendOptions | undefined): Promise<RespValue> {
    let plan: ReturnType<typeof planCommand>;
    try {
      plan = planCommand(args, this.host.splitMultiSlotWrites);
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
        if (plan.kind === 'all-shards' && plan.info.isReadOnly && this.host.readFrom !== 'primary')
          return this.readAllShards(args, options, plan.info);
        const nodes = plan.kind === 'all-shards' ? this.primaries() : (this.host.slots()?.allNodes() ?? []);
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
    const shards = shardReadSlots(this.host.slots());
    const parts = shards.map((shard) => this.sendToSlot(shard.slot, args, options, info));
    return Promise.allSettled(parts).then((results) =>
      combineReplies(
        info,
        results,
        shards.map((shard) => shard.key),
      ),
    );
  }

  /** Sends to exactly `node`'s primary connection: no redirect, no retry. */
  async sendToNodeOnce(
    node: NodeEntry,
    args: readonly RespArg[],
    options: SendOptions | undefined,
  ): Promise<RespValue> {
    const connection = await this.host.pool.get(node, false, this.host.viewSource());
    return connection.send(args, options);
  }

  /** The primary connection of the node an ASK names (for pinned routes: blocking, MULTI). */
  async askConnection(redirect: RedirectError): Promise<Connection> {
    const node = this.knownNode(redirect.host, redirect.port);
    return this.host.pool.get(node, false, 'ask');
  }

  /**
   * The cluster's judgement of a failure on a connection it gave out (pinned routes): a MOVED's owner
   * learnt at once, a refresh after a refusal that may mean a new owner or a READONLY.
   */
  async judgePinned(error: unknown, budget: Budget): Promise<Verdict> {
    if (this.host.isClosed()) return { kind: 'fail' };
    const verdict = commonVerdict(error, budget.tries);
    if (verdict.kind === 'moved') this.learnMoved(error as RedirectError, undefined);
    if (verdict.kind === 'ask') this.publishRedirect(error as RedirectError, undefined);
    if (
      (verdict.kind === 'wait' && refusalMayMeanNewOwner(error as ReplyError)) ||
      verdict.kind === 'reroute'
    ) {
      await (this.host.inFlight() ?? this.host.refresh()).catch(() => undefined);
    }
    return verdict;
  }

  /** ERR_CLUSTER_MAX_REDIRECTIONS for `what`. */
  exhausted(what: RespArg, chain: readonly string[], last: unknown): ClusterError {
    const max = this.host.maxRedirections;
    const nodes = chain.length > 0 ? ` (nodes: ${chain.join(' -> ')})` : '';
    return new ClusterError(
      'ERR_CLUSTER_MAX_REDIRECTIONS',
      `Command ${String(what).toUpperCase()} was redirected or retried ${max} times without success${nodes}; ` +
        `last error: ${(last as Error).message}. The cluster may be resharding or failing over: retry later, ` +
        'or raise maxRedirections.',
      { cause: last, chain: [...chain] },
    );
  }

  private primaries(): NodeEntry[] {
    return this.host.slots()?.primaries() ?? [];
  }

  private anyPrimary(): NodeEntry | undefined {
    const primaries = this.primaries();
    if (primaries.length === 0) return undefined;
    this.anyCounter = (this.anyCounter + 1) % primaries.length;
    return primaries[this.anyCounter];
  }

  private knownNode(host: string, port: number): NodeEntry {
    const known = this.host
      .slots()
      ?.allNodes()
      .find((node) => node.host === host && node.port === port);
    return known ?? nodeEntry({ host, port, id: undefined });
  }

  /** The node for a slot under the read preference; undefined when no node serves it. */
  private pick(
    slot: number,
    info: CommandInfo | undefined,
  ): { node: NodeEntry; readOnly: boolean } | undefined {
    const shard = this.host.slots()?.shardOf(slot);
    if (shard === undefined) return undefined;
    const chooser = this.host.readChooser;
    if (chooser !== undefined && info?.isReadOnly) {
      const index = chooser.pick(shard, slot, info.name);
      if (index === 0) return { node: shard.primary, readOnly: false };
      return { node: shard.replicas[index - 1], readOnly: true };
    }
    if (this.host.readFrom !== 'primary' && info?.isReadOnly && shard.replicas.length > 0) {
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
      if (!this.host.healthy(replica)) continue;
      const connection = this.host.pool.peek(replica, true);
      if (this.host.readFrom === 'preferReplica' && connection !== undefined && connection.state !== 'ready')
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
    let target: ReturnType<ClusterRouter['pick']>;
    try {
      target = this.pick(slot, info);
    } catch (error) {
      // A readFrom function threw: that command fails, the client goes on.
      return Promise.reject(error);
    }
    const attempt = this.attempt(args, options, info, slot, target?.node, target?.readOnly ?? false);
    if (target === undefined) return this.recover(this.uncoveredError(slot), attempt);
    return this.firstSend(attempt);
  }

  private sendToNode(
    node: NodeEntry | undefined,
    args: readonly RespArg[],
    options: SendOptions | undefined,
    info: CommandInfo | undefined,
  ): Promise<RespValue> {
    if (node === undefined) return Promise.reject(this.uncoveredError(-1));
    return this.firstSend(this.attempt(args, options, info, -1, node, false));
  }

  private attempt(
    args: readonly RespArg[],
    options: SendOptions | undefined,
    info: CommandInfo | undefined,
    slot: number,
    node: NodeEntry | undefined,
    readOnly: boolean,
  ): Attempt {
    return new Attempt(
      this,
      args,
      options,
      info,
      slot,
      node ?? nodeEntry({ host: '', port: 0, id: undefined }),
      readOnly,
    );
  }

  /** The fast path: no await before the write, so commands of one tick coalesce per connection. */
  private firstSend(attempt: Attempt): Promise<RespValue> {
    attempt.chain.push(attempt.node.key);
    const connection = this.host.pool.get(attempt.node, attempt.readOnly, this.host.viewSource());
    if (connection instanceof Connection) {
      attempt.connection = connection;
      return connection.send(attempt.args, attempt.options, attempt);
    }
    return connection
      .then((ready) => {
        attempt.connection = ready;
        return ready.send(attempt.args, attempt.options);
      })
      .catch((error: unknown) => this.recover(error, attempt));
  }

  /** @internal A command's first connection failed it (see {@link Attempt.recover}). */
  recoverAttempt(error: Error, attempt: Attempt): Promise<RespValue> {
    return this.recover(error, attempt);
  }

  /** Hands a failed command to the one loop (router.ts), with the cluster's judgement and targets. */
  private recover(error: unknown, attempt: Attempt): Promise<RespValue> {
    let next: { node: NodeEntry; readOnly: boolean; source: AddressSource } | undefined;
    return followRoute<RespValue>(
      {
        send: async (ask) => {
          const target =
            ask !== undefined ? this.askTarget(ask, attempt) : (next ?? this.retargetNow(attempt));
          next = undefined;
          attempt.node = target.node;
          attempt.readOnly = target.readOnly;
          attempt.chain.push(target.node.key);
          const connection = await this.host.pool.get(target.node, target.readOnly, target.source);
          attempt.connection = connection;
          // ASKING and the command in the same write: the ASKING flag holds for exactly one command.
          if (ask !== undefined) connection.send(ASKING).catch(() => undefined);
          const options =
            attempt.delivery === undefined
              ? attempt.options
              : { ...attempt.options, previous: attempt.delivery };
          return connection.send(attempt.args, options);
        },
        judge: async (failure, budget) => {
          const verdict = await this.judge(failure, attempt, budget);
          if (verdict.kind === 'moved' || verdict.kind === 'reroute') {
            next = await this.retarget(failure, attempt);
          }
          return verdict;
        },
        exhausted: (last) => this.exhausted(attempt.args[0], attempt.chain, last),
      },
      newBudget(this.host.maxRedirections),
      { error },
    );
  }

  /** What `error` means for a routed command (router.ts), after learning what it teaches. */
  private async judge(error: unknown, attempt: Attempt, budget: Budget): Promise<Verdict> {
    if (this.host.isClosed()) return { kind: 'fail' };
    if (error instanceof RedirectError) {
      if (error.kind === 'MOVED') this.learnMoved(error, attempt);
      else this.publishRedirect(error, attempt);
      return commonVerdict(error, budget.tries);
    }
    if (error instanceof ReplyError) {
      const verdict = commonVerdict(error, budget.tries);
      if (verdict.kind === 'wait' && refusalMayMeanNewOwner(error)) {
        // Refresh after the pause, when the cluster has had time to change its mind.
        await delay(verdict.ms);
        await this.host.refresh().catch(() => undefined);
        return { kind: 'reroute' };
      }
      if (verdict.kind === 'reroute') await this.host.refresh().catch(() => undefined);
      return verdict;
    }
    if (error instanceof ClusterError && error.code === 'ERR_CLUSTER_SLOT_UNCOVERED' && attempt.slot >= 0) {
      await this.host.refresh().catch(() => undefined);
      return { kind: 'reroute' };
    }
    if (error instanceof ConnectionError && this.isUnreachable(error, attempt.connection)) {
      return { kind: 'fail', error: this.unreachableError(error, attempt) };
    }
    const delivery = error instanceof SlotbridgeError ? error.delivery : undefined;
    if (
      delivery !== undefined &&
      mayResend(delivery, attempt.options?.retryable ?? false, this.host.resolved.maxRetriesPerCommand)
    ) {
      // The node's connection failed it without a reply (the pool retired it, or reconnecting gave up), and
      // its delivery allows sending it again: never written, or retryable with re-sends left.
      attempt.delivery = delivery;
      await (this.host.inFlight() ?? this.host.refresh()).catch(() => undefined);
      return { kind: 'reroute' };
    }
    return { kind: 'fail' };
  }

  private publishRedirect(error: RedirectError, attempt: Attempt | undefined): string {
    const host = error.host === '' ? (attempt?.node.host ?? '') : error.host;
    if (topologyChannels.redirect.hasSubscribers) {
      topologyChannels.redirect.publish({ kind: error.kind, slot: error.slot, host, port: error.port });
    }
    return host;
  }

  /** A MOVED: the slot's owner is learnt at once; a background refresh confirms the rest. */
  private learnMoved(error: RedirectError, attempt: Attempt | undefined): void {
    const host = this.publishRedirect(error, attempt);
    if (host !== '') this.host.slots()?.moveSlot(error.slot, host, error.port);
    if (attempt !== undefined) this.host.movedFrom(error.slot, attempt.node.key);
    this.host.refreshSoon();
  }

  private askTarget(
    ask: RedirectError,
    attempt: Attempt,
  ): { node: NodeEntry; readOnly: boolean; source: AddressSource } {
    const host = ask.host === '' ? attempt.node.host : ask.host;
    return { node: this.knownNode(host, ask.port), readOnly: false, source: 'ask' };
  }

  /** The slot's owner now, or the attempt's fixed node; for a MOVED on a fixed node, the node it names. */
  private retargetNow(attempt: Attempt): { node: NodeEntry; readOnly: boolean; source: AddressSource } {
    const source = this.host.viewSource();
    if (attempt.slot < 0) return { node: attempt.node, readOnly: attempt.readOnly, source };
    const target = this.pick(attempt.slot, attempt.info);
    if (target !== undefined) return { ...target, source };
    throw this.uncoveredError(attempt.slot);
  }

  /** The current owner of the attempt's slot, refreshing while no node serves it (as long as a budget's). */
  private async retarget(
    error: unknown,
    attempt: Attempt,
  ): Promise<{ node: NodeEntry; readOnly: boolean; source: AddressSource }> {
    if (attempt.slot < 0 && error instanceof RedirectError && error.host !== '') {
      return { node: this.knownNode(error.host, error.port), readOnly: false, source: 'moved' };
    }
    for (let wait = 0; ; wait++) {
      if (attempt.slot < 0 || this.pick(attempt.slot, attempt.info) !== undefined) {
        const target = this.retargetNow(attempt);
        return error instanceof RedirectError ? { ...target, source: 'moved' } : target;
      }
      if (this.host.isClosed() || wait >= this.host.maxRedirections)
        throw error instanceof SlotbridgeError ? error : this.uncoveredError(attempt.slot);
      await delay(UNCOVERED_DELAY_MS);
      await this.host.refresh().catch(() => undefined);
    }
  }

  /** A node connection that never reached its server and failed to connect: fail fast, explained. */
  private isUnreachable(error: ConnectionError, connection: Connection | undefined): boolean {
    return connection !== undefined && !connection.everReady && isReachFailure(error);
  }

  private unreachableError(error: ConnectionError, attempt: Attempt): Error {
    const node = attempt.node;
    const slots = this.host.slots();
    const where = attempt.connection ? this.host.pool.targetOf(attempt.connection) : undefined;
    const shard = slots?.shards.find(
      (s) => s.primary.key === node.key || s.replicas.some((r) => r.key === node.key),
    );
    const isPrimary = shard !== undefined && shard.primary.key === node.key;
    const details: Omit<UnreachableNode, 'cause'> = {
      announced: { host: node.host, port: node.port },
      target: where?.target ?? { host: node.host, port: node.port },
      source: where?.source ?? this.host.viewSource(),
    };
    const answeredBy = this.host.answeredBy();
    if (answeredBy !== undefined) details.announcedBy = formatAddress(answeredBy);
    if (node.id !== undefined) details.nodeId = node.id;
    if (shard !== undefined && slots !== undefined) {
      details.role = isPrimary ? 'master' : 'replica';
      const ranges = slots.slotRanges(shard).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
      if (ranges.length > 0) details.slots = ranges.join(',');
    }
    return explainConnectFailure(error, details);
  }

  uncoveredError(slot: number): ClusterError {
    return new ClusterError(
      'ERR_CLUSTER_SLOT_UNCOVERED',
      slot < 0
        ? 'No cluster primary is known: the topology is empty.'
        : `No known cluster node serves slot ${slot}; the cluster may be failing over or incomplete.`,
    );
  }
}
