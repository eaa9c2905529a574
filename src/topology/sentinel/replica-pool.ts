import { formatAddress, type NodeAddress, type NodeConnector } from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import { DATA_NODE_CONNECTION, type SentinelClient } from './sentinel-client.js';
import { isHealthyReplica, recordAddress } from './sentinel-replies.js';

interface Replica {
  announced: NodeAddress;
  key: string;
  connection: Connection;
}

/**
 * Connections to the healthy replicas `SENTINEL REPLICAS` reports (skipping s_down, o_down, disconnected
 * and master-link-status err), handed out round robin for reads.
 */
export class ReplicaPool {
  private replicas: Replica[] = [];
  private next = 0;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: SentinelClient,
    /** Opens data-node connections (node credentials, TLS, mapping's servername). */
    private readonly nodes: NodeConnector,
    /**
     * Connects a new replica connection and learns what reads need of its server (its zone), bounded by
     * connectTimeout; never rejects. Default: connect only.
     */
    private readonly settle: (connection: Connection) => Promise<void> = (connection) =>
      connection.connect().catch(() => undefined),
  ) {}

  /** A ready replica connection, round robin, or undefined when none is ready. */
  pick(): Connection | undefined {
    const count = this.replicas.length;
    for (let i = 0; i < count; i++) {
      const replica = this.replicas[(this.next + i) % count];
      if (replica !== undefined && replica.connection.state === 'ready') {
        this.next = (this.next + i + 1) % count;
        return replica.connection;
      }
    }
    return undefined;
  }

  /** Every replica connection with its announced `host:port` (zone-aware reads choose among them). */
  connections(): ReadonlyArray<{ key: string; connection: Connection }> {
    return this.replicas;
  }

  /** Announced `host:port` of the replicas in the pool. */
  addresses(): string[] {
    return this.replicas.map((replica) => replica.key);
  }

  /** Re-reads the replica list (coalesced: one refresh runs at a time, one more is queued). */
  refresh(): Promise<void> {
    if (this.refreshing !== undefined) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.refreshNow()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = undefined;
        if (this.again && !this.closed) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const replica of this.replicas) replica.connection.disconnect();
    this.replicas = [];
  }

  private async refreshNow(): Promise<void> {
    const { records, announcedBy } = await this.client.replicas();
    if (this.closed) return;
    const wanted = new Map<string, NodeAddress>();
    for (const record of records) {
      const announced = recordAddress(record);
      if (announced !== undefined && isHealthyReplica(record))
        wanted.set(formatAddress(announced), announced);
    }
    const kept: Replica[] = [];
    for (const replica of this.replicas) {
      if (wanted.has(replica.key) && replica.connection.state !== 'closed') {
        kept.push(replica);
        wanted.delete(replica.key);
      } else {
        void replica.connection.quit().catch(() => undefined);
      }
    }
    const opened = await Promise.all(
      [...wanted].map(async ([key, announced]) => {
        const { target } = await this.client.map(announced, 'sentinel-replicas', announcedBy, 'replica');
        const connection = this.nodes.open(target, DATA_NODE_CONNECTION);
        connection.on('error', () => {});
        connection.on('end', () => this.onEnd(connection));
        connection.connect().catch(() => undefined);
        return { announced, key, connection };
      }),
    );
    if (this.closed) {
      for (const replica of opened) replica.connection.disconnect();
      return;
    }
    this.replicas = [...kept, ...opened];
    // Wait for the new connections (and their zones), so that a caller awaiting refresh() can use them.
    await Promise.all(opened.map((replica) => this.settle(replica.connection)));
  }

  private onEnd(connection: Connection): void {
    const before = this.replicas.length;
    this.replicas = this.replicas.filter((replica) => replica.connection !== connection);
    if (this.replicas.length === before || this.closed || this.retryTimer !== undefined) return;
    // Not at once: a dead replica the sentinels still list would otherwise be retried in a tight loop.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) void this.refresh();
    }, 1_000);
    this.retryTimer.unref();
  }
}
