/**
 * A cluster shard as a {@link KeyspacePart}: SCAN-style walks send every step to the shard's current
 * primary. The shard is known by identity (the ids of its primary and replicas, and one slot it owned),
 * so after a failover the promoted replica is found; while the shard is failing over (its node
 * unreachable, CLUSTERDOWN, LOADING) the step is retried after a refresh, a bounded number of times.
 */
import type { SendOptions } from '../../connection/index.js';
import { ConnectionError, clientClosedError, TimeoutError } from '../../errors.js';
import type { RespArg, RespValue } from '../../resp/index.js';
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

  async send(args: readonly RespArg[], options?: SendOptions): Promise<KeyspaceReply> {
    const chain: string[] = [];
    let lastError: unknown;
    for (let attempt = 0; attempt < this.host.maxAttempts; attempt++) {
      if (attempt > 0) {
        await delay(Math.min(100 * attempt, 1_000));
        await this.host.refresh().catch(() => undefined);
      }
      if (this.host.closed) break;
      const node = this.currentPrimary();
      if (node === undefined || !node.healthy) continue;
      chain.push(node.key);
      try {
        // Never re-sent by the connection itself after a drop: the node may come back as a replica
        // (kill -9 then restart) and answer with a cursor of another keyspace. A drop surfaces here and
        // the step goes to the shard's current primary, where the walk restarts.
        const reply = await this.host.sendToNodeOnce(node, args, { ...options, retryable: false });
        return { node: node.key, reply };
      } catch (error) {
        if (!isTransient(error)) throw error;
        lastError = error;
      }
    }
    if (this.host.closed) {
      throw clientClosedError(
        'The cluster client',
        `quit() or disconnect() was called during ${String(args[0]).toUpperCase()}`,
      );
    }
    throw new ClusterError(
      'ERR_CLUSTER_MAX_REDIRECTIONS',
      `${String(args[0]).toUpperCase()} on the shard of slot ${this.slot} failed ${this.host.maxAttempts} times ` +
        `(nodes: ${chain.join(' -> ') || 'none healthy'}); last error: ${(lastError as Error | undefined)?.message ?? 'no primary known'}. ` +
        'The shard may be failing over without a replica to promote: retry later.',
      { cause: lastError, chain },
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
