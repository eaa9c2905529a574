/**
 * The {@link StatefulConnections} contract on a Redis Cluster: pub/sub, blocking commands, transactions and
 * client-side caching ask here for the shared connection of a key's primary, open dedicated connections
 * to the same node, and hear `reroute` when slot ownership or the primaries change (failover, migration,
 * a node moved) or a connection they were given closed for good.
 */
import type { EventEmitter } from 'node:events';
import { Connection } from '../../connection/index.js';
import { ConnectionError } from '../../errors.js';
import type { RespArg } from '../../resp/index.js';
import { optionsLike } from '../stateful-connections.js';
import { ClusterError } from './cluster-error.js';
import { keySlot } from './command-routing.js';
import type { NodeEntry, SlotMap } from './slot-map.js';

/** What the cluster topology lends to {@link ClusterStatefulConnections}. */
export interface ClusterStatefulHost {
  /** The topology itself: `reroute` is emitted on it. */
  readonly emitter: EventEmitter;
  /** Resolves once the cluster is ready; rejects when it is closed or discovery failed. */
  connect(): Promise<void>;
  /** The current slot map. */
  slots(): SlotMap | undefined;
  /** The pool's primary connection to `node` (created on demand, socket target from the AddressMapper). */
  primaryConnection(node: NodeEntry): Connection | Promise<Connection>;
  /** Refreshes the slot map (coalesced). */
  refresh(): Promise<void>;
  /** True once quit() or disconnect() was called. */
  isClosed(): boolean;
  /** Redirects and retries per command (`maxRedirections`): also the refreshes awaited for an uncovered slot. */
  readonly maxRedirections: number;
}

/** Pause between refreshes while no known node serves a slot (attempts: the host's maxRedirections). */
const UNCOVERED_DELAY_MS = 200;

export class ClusterStatefulConnections {
  private readonly host: ClusterStatefulHost;
  /** Owner per slot (announced primary key), as of the last reroute check. */
  private owners: string | undefined;
  /** The primary serving keyless requests (classic pub/sub, isolated() without key): sticky. */
  private defaultNode: string | undefined;
  /** Connections handed out, watched so that one closing for good triggers a reroute. */
  private readonly handedOut = new WeakSet<Connection>();
  private rerouteScheduled = false;

  constructor(host: ClusterStatefulHost) {
    this.host = host;
  }

  async sharedConnection(key?: RespArg): Promise<Connection> {
    await this.host.connect();
    for (let attempt = 0; ; attempt++) {
      const node = await this.nodeFor(key);
      const connection = await this.host.primaryConnection(node);
      this.watch(connection);
      const state = connection.state;
      if (state === 'ready' || state === 'reconnecting') return connection;
      try {
        await connection.connect();
        return connection;
      } catch (error) {
        // A refresh retired it before it was ready (during a failover, one node's view may still show the
        // old primaries): nothing was sent on it, so ask the slot map again. Any other failure is the caller's.
        if (
          !retiredByTopology(connection, error) ||
          this.host.isClosed() ||
          attempt >= this.host.maxRedirections
        )
          throw error;
      }
    }
  }

  openConnectionLike(shared: Connection): Connection {
    return new Connection(optionsLike(shared));
  }

  checkSameSlot(keys: readonly RespArg[], what: string): void {
    if (keys.length < 2) return;
    const slot = keySlot(keys[0]);
    for (let i = 1; i < keys.length; i++) {
      if (keySlot(keys[i]) === slot) continue;
      throw new ClusterError(
        'ERR_CLUSTER_CROSSSLOT',
        `${what} uses keys in different hash slots (${String(keys[0])} in slot ${slot}, ${String(keys[i])} in ` +
          `slot ${keySlot(keys[i])}) and was not sent: in a cluster it runs on one node, so every key must hash ` +
          'to the same slot. Give the keys a common {hash tag}, e.g. {order:7}:items and {order:7}:total.',
      );
    }
  }

  /**
   * Called by the topology after it applied a new slot map: emits `reroute` when a slot changed owner or a
   * primary appeared or left (failover, migration, node moved), compared with the last map seen here (the
   * topology patches its map in place on MOVED, so the previous map is not a reliable reference).
   */
  viewApplied(map: SlotMap): void {
    const owners = map.ownersKey();
    const changed = this.owners !== undefined && this.owners !== owners;
    this.owners = owners;
    if (changed) this.scheduleReroute();
  }

  private async nodeFor(key: RespArg | undefined): Promise<NodeEntry> {
    for (let attempt = 0; ; attempt++) {
      const map = this.host.slots();
      const node =
        map === undefined ? undefined : key === undefined ? this.pickDefault(map) : this.owner(map, key);
      if (node !== undefined) return node;
      if (this.host.isClosed() || attempt >= this.host.maxRedirections) {
        throw new ClusterError(
          'ERR_CLUSTER_SLOT_UNCOVERED',
          key === undefined
            ? 'No cluster primary is known: the topology is empty.'
            : `No known cluster node serves slot ${keySlot(key)} (of ${String(key)}); the cluster may be failing ` +
                'over or incomplete. Retry later.',
        );
      }
      await delay(UNCOVERED_DELAY_MS);
      await this.host.refresh().catch(() => undefined);
    }
  }

  private owner(map: SlotMap, key: RespArg): NodeEntry | undefined {
    return map.shardOf(keySlot(key))?.primary;
  }

  private pickDefault(map: SlotMap): NodeEntry | undefined {
    const primaries = map.primaries();
    if (primaries.length === 0) return undefined;
    const current = primaries.find((node) => node.key === this.defaultNode);
    if (current !== undefined) return current;
    // Random, so that many clients spread their subscriptions over the primaries; then sticky.
    const chosen = primaries[Math.floor(Math.random() * primaries.length)];
    this.defaultNode = chosen.key;
    return chosen;
  }

  private watch(connection: Connection): void {
    if (this.handedOut.has(connection)) return;
    this.handedOut.add(connection);
    connection.once('end', () => {
      // Retired (the node left or was demoted) or gave up reconnecting: whoever holds state on it must move.
      if (!this.host.isClosed()) this.scheduleReroute();
    });
  }

  /** One `reroute` per turn of the event loop, however many causes arrived together. */
  private scheduleReroute(): void {
    if (this.rerouteScheduled) return;
    this.rerouteScheduled = true;
    setImmediate(() => {
      this.rerouteScheduled = false;
      if (!this.host.isClosed()) this.host.emitter.emit('reroute');
    });
  }
}

/** The pool closed `connection` (not the user, not a failed handshake): its node left the slot map. */
function retiredByTopology(connection: Connection, error: unknown): boolean {
  return (
    connection.state === 'closed' && error instanceof ConnectionError && error.code === 'ERR_CLIENT_CLOSED'
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
