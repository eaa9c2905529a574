/**
 * One connection per cluster node (two when replica reads are on: a READONLY one for reads), created on
 * demand. Every socket target comes from the AddressMapper; the pool is keyed by the announced address.
 * A retired connection (node left, demoted, moved) rejects what it never sent with a failure whose
 * delivery says so (not written), and the topology re-routes those commands.
 */
import type { AddressSource, NodeAddress, NodeConnector } from '../../address/index.js';
import type { Connection, ServerInfo } from '../../connection/index.js';
import type { NodeEntry } from './slot-map.js';

interface PoolEntry {
  readonly node: NodeEntry;
  readonly readOnly: boolean;
  connection: Connection | undefined;
  pending: Promise<Connection> | undefined;
}

export interface NodePoolEvents {
  /** A node connection failed or is reconnecting: the topology may have changed. */
  onTrouble(node: NodeEntry): void;
  onError(error: Error): void;
  /** A node connection opened its socket (the client's `connect` event). */
  onConnect?(): void;
  /** A node connection dropped and waits `delay` ms before attempt `attempt` (the client's `reconnecting`). */
  onReconnecting?(info: { attempt: number; delay: number; error: Error }): void;
}

export class NodePool {
  private readonly entries = new Map<string, PoolEntry>();
  /** Where each connection's socket goes, for explaining a node that cannot be reached. */
  private readonly targets = new WeakMap<Connection, { source: AddressSource; target: NodeAddress }>();

  constructor(
    private readonly connector: NodeConnector,
    private readonly events: NodePoolEvents,
  ) {}

  private static keyOf(node: NodeEntry, readOnly: boolean): string {
    return readOnly ? `${node.key}/ro` : node.key;
  }

  /** What each node's connection learned in its handshake, by announced address (replicas included). */
  servers(): Map<string, ServerInfo> {
    const servers = new Map<string, ServerInfo>();
    for (const entry of this.entries.values()) {
      const info = entry.connection?.server;
      if (info !== undefined && entry.connection?.state !== 'closed') servers.set(entry.node.key, info);
    }
    return servers;
  }

  /** The ready-or-queued connection to `node`, or a promise while its address is being mapped. */
  get(node: NodeEntry, readOnly: boolean, source: AddressSource): Connection | Promise<Connection> {
    const key = NodePool.keyOf(node, readOnly);
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      const connection = entry.connection;
      if (connection !== undefined && connection.state !== 'closed') return connection;
      if (connection === undefined && entry.pending !== undefined) return entry.pending;
    }
    entry = { node, readOnly, connection: undefined, pending: undefined };
    this.entries.set(key, entry);
    const created = entry;
    created.pending = this.connector
      .resolve(
        { host: node.host, port: node.port },
        { source, nodeId: node.id, role: readOnly ? 'replica' : 'master' },
      )
      .then((target) => {
        // A node never reached fails its commands at once, so the topology can explain instead of waiting.
        const connection = this.connector.open(target, { readOnly, failFastUntilReady: true });
        this.targets.set(connection, { source, target: { host: target.host, port: target.port } });
        connection.on('error', (error: Error) => {
          if (!connection.everReady)
            this.connector.mapper.reportFailure?.({ host: node.host, port: node.port }, target, error);
          this.events.onError(error);
          this.events.onTrouble(node);
        });
        connection.on('connect', () => this.events.onConnect?.());
        connection.on('reconnecting', (info: { attempt: number; delay: number; error: Error }) => {
          this.events.onTrouble(node);
          this.events.onReconnecting?.(info);
        });
        created.connection = connection;
        created.pending = undefined;
        if (this.entries.get(key) !== created) this.retire(connection);
        return connection;
      })
      .catch((error: unknown) => {
        if (this.entries.get(key) === created) this.entries.delete(key);
        throw error;
      });
    return created.pending;
  }

  /** The existing connection to the node announced at `key` (`host:port`), if any. */
  peekByKey(key: string, readOnly: boolean): Connection | undefined {
    return this.entries.get(readOnly ? `${key}/ro` : key)?.connection;
  }

  /** The existing connection to a node, if any. */
  peek(node: NodeEntry, readOnly: boolean): Connection | undefined {
    return this.entries.get(NodePool.keyOf(node, readOnly))?.connection;
  }

  /** The socket target and address source of a pool connection. */
  targetOf(connection: Connection): { source: AddressSource; target: NodeAddress } | undefined {
    return this.targets.get(connection);
  }

  /** Closes every connection whose key is not in `keep` (keys as built by the pool: `host:port[/ro]`). */
  retireAllBut(keep: Set<string>): NodeEntry[] {
    const removed: NodeEntry[] = [];
    for (const [key, entry] of this.entries) {
      if (keep.has(key)) continue;
      this.entries.delete(key);
      removed.push(entry.node);
      if (entry.connection !== undefined) this.retire(entry.connection);
      else
        entry.pending?.then(
          (connection) => this.retire(connection),
          () => undefined,
        );
    }
    return removed;
  }

  static entryKey(node: NodeEntry, readOnly: boolean): string {
    return NodePool.keyOf(node, readOnly);
  }

  private retire(connection: Connection): void {
    // Ready: let in-flight commands get their replies (MOVED if demoted). Not ready: nothing was sent.
    if (connection.state === 'ready') connection.quit().catch(() => undefined);
    else connection.disconnect();
  }

  async quitAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(
      entries.map(async (entry) => {
        const connection = entry.connection ?? (await entry.pending);
        await connection?.quit();
      }),
    );
  }

  disconnectAll(): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) {
      if (entry.connection !== undefined) entry.connection.disconnect();
      else
        entry.pending?.then(
          (connection) => connection.disconnect(),
          () => undefined,
        );
    }
  }
}
