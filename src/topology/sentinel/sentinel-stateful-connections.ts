/**
 * The {@link StatefulConnections} contract on a Sentinel-managed master: pub/sub, blocking commands,
 * transactions and client-side caching use the current master's connection, and hear `reroute` each time
 * the topology installs a new master connection (a failover, or the old one was lost), so that their
 * subscriptions, dedicated connections and caches move to it.
 */
import { Connection, type ReconnectPolicy } from '../../connection/index.js';
import { ConnectionError } from '../../errors.js';
import { optionsLike } from '../stateful-connections.js';

/** What the sentinel topology lends to {@link SentinelStatefulConnections}. */
export interface SentinelStatefulHost {
  /** The monitored master's name (for error messages). */
  readonly name: string;
  /** Resolves once a master is installed (waits through a failover); rejects once the client is closed. */
  connect(): Promise<void>;
  /** The master connection in use, or undefined while a failover is in progress. */
  master(): Connection | undefined;
  /** True once quit() or disconnect() was called (or the topology gave up). */
  /** The user's reconnect policy for data-node connections (the master connection itself never reconnects). */
  readonly reconnect: ReconnectPolicy | false;
}

/** Rounds of "wait for a master" before giving up (each round is one whole rediscovery). */
const MAX_ROUNDS = 10;

export class SentinelStatefulConnections {
  private readonly host: SentinelStatefulHost;

  constructor(host: SentinelStatefulHost) {
    this.host = host;
  }

  async sharedConnection(): Promise<Connection> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Rejects with the precise reason once the client is closed or discovery failed for good.
      await this.host.connect();
      const master = this.host.master();
      if (master !== undefined) return master;
      // Installed and lost again in the meantime: the next connect() waits for the next master.
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new ConnectionError(
      'ERR_NO_MASTER',
      `No stable master of "${this.host.name}" after ${MAX_ROUNDS} failovers in a row; retry later.`,
    );
  }

  /**
   * A new connection to the master `shared` talks to (its socket target was mapped by the AddressMapper when
   * the sentinels named it), with the data-node options; it reconnects with the user's policy, unlike the
   * master connection (whose loss starts a rediscovery). Owners drop it when `reroute` moves them.
   */
  openConnectionLike(shared: Connection): Connection {
    return new Connection(optionsLike(shared, { reconnect: this.host.reconnect }));
  }
}
