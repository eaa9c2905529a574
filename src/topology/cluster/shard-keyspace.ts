/**
 * A cluster shard as a {@link KeyspacePart}: SCAN-style walks send every step to the shard's current
 * primary. The shard is known by identity (the ids of its primary and replicas, and one slot it owned),
 * so after a failover the promoted replica is found; while the shard is failing over (its node
 * unreachable, CLUSTERDOWN, LOADING) the step is retried after a refresh, through the one loop
 * (router.ts) with the cluster's `maxRedirections`.
 */
import type { SendOptions } from '../../connection/index.js';
import { ConnectionError, clientClosedError, TimeoutError } from '../../errors.js';
import type { RespArg, RespValue } from '../../resp/index.js';
import { delay, followRoute, newBudget } from '../router.js';
import type { KeyspacePart, KeyspaceReply } from '../topology.js';
import { isTransientRefusal } from '../transient-refusal.js';
import { ClusterError } from './cluster-error.js';
import type { NodeEntry, Shard, SlotMap } from './slot-map.js';

/** What a shard keyspace needs from its topology. */
export interface ShardKeyspaceHost {
  /** The current slot map (undefined once closed or before discovery). */
  slotMap(): SlotMap | undefined;
  /** Sends to exactly this node (no redirects), rejecting with whatever the node or its connection says. */
  sendToNodeOnce(
    node: NodeEntry,
    args: readonly RespArg[],
    options: SendOptions | undefined,
  ): Promise<RespValue>;
  /** Refreshes the slot map (coalesced). */
  refresh(): Promise<void>;
  /** Attempts per step before giving up. */
  readonly maxAttempts: number;
  readonly closed: boolean;
}

/** Markers the step's send throws for the judge: the client closed, no healthy primary known. */
const CLOSED = new Error('closed');
const NO_PRIMARY = new Error('no healthy primary known');

export class ShardKeyspace implements KeyspacePart {
  private readonly ids = new Set<string>();
  private readonly slot: number;

  constructor(
    private readonly host: ShardKeyspaceHost,
    shard: Shard,
    slot: number,
  ) {
    this.slot = slot;
    this.remember(shard);
  }

  /**
   * One step of the walk, through the one loop (router.ts): to the shard's current primary; a dropped
   * connection, a timeout or a transient refusal pauses, refreshes and tries the shard's primary again.
   */
  send(args: readonly RespArg[], options?: SendOptions): Promise<KeyspaceReply> {
    const chain: string[] = [];
    return followRoute<KeyspaceReply>(
      {
        send: async () => {
          if (this.host.closed) throw CLOSED;
          const node = this.currentPrimary();
          if (node === undefined || !node.healthy) throw NO_PRIMARY;
          chain.push(node.key);
          // Never re-sent by the connection itself after a drop: the node may come back as a replica
          // (kill -9 then restart) and answer with a cursor of another keyspace. A drop surfaces here and
          // the step goes to the shard's current primary, where the walk restarts.
          const reply = await this.host.sendToNodeOnce(node, args, { ...options, retryable: false });
          return { node: node.key, reply };
        },
        judge: async (error, budget) => {
          if (error === CLOSED || this.host.closed) return { kind: 'fail', error: this.closedError(args) };
          if (error !== NO_PRIMARY && !isTransient(error)) return { kind: 'fail' };
          if (budget.redirects <= 0) return { kind: 'reroute' }; // spent: no pause before giving up
          await delay(Math.min(100 * (budget.tries + 1), 1_000));
          await this.host.refresh().catch(() => undefined);
          return { kind: 'reroute' };
        },
        exhausted: (last) => {
          const cause = last === NO_PRIMARY ? undefined : last;
          return new ClusterError(
            'ERR_CLUSTER_MAX_REDIRECTIONS',
            `${String(args[0]).toUpperCase()} on the shard of slot ${this.slot} failed ${this.host.maxAttempts} times ` +
              `(nodes: ${chain.join(' -> ') || 'none healthy'}); last error: ${(cause as Error | undefined)?.message ?? 'no primary known'}. ` +
              'The shard may be failing over without a replica to promote: retry later.',
            { cause, chain },
          );
        },
      },
      newBudget(this.host.maxAttempts - 1),
    );
  }

  private closedError(args: readonly RespArg[]): Error {
    return clientClosedError(
      'The cluster client',
      `quit() or disconnect() was called during ${String(args[0]).toUpperCase()}`,
    );
  }

  /** The primary of the shard holding any of the remembered nodes, else the owner of the remembered slot. */
  private currentPrimary(): NodeEntry | undefined {
    const map = this.host.slotMap();
    if (map === undefined) return undefined;
    let found: Shard | undefined;
    for (const primary of map.primaries()) {
      if (primary.id !== undefined && this.ids.has(primary.id)) {
        found = map.shards.find((shard) => shard.primary === primary);
        break;
      }
    }
    found ??= map.shardOf(this.slot);
    if (found === undefined) return undefined;
    this.remember(found);
    return found.primary;
  }

  private remember(shard: Shard): void {
    for (const node of [shard.primary, ...shard.replicas]) if (node.id !== undefined) this.ids.add(node.id);
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return isTransientRefusal(error);
}
