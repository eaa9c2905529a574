import type { EventEmitter } from 'node:events';
import type { Connection } from '../connection/index.js';
import type { RespArg } from '../resp/index.js';

/**
 * What a topology provides so that the connection-stateful features (pub/sub, blocking commands,
 * transactions with WATCH, client-side caching) work on it. The features themselves live in client/ and
 * know nothing about slots or failover; they only ask for connections through this contract.
 *
 * Every topology should implement it (single server: {@link CentralizedTopology}; cluster and sentinel
 * plug in the same way). A topology that does not makes those features reject with ERR_NOT_SUPPORTED.
 *
 * Events (on the topology): `reroute` — the connection serving some keys or channels changed (failover,
 * slot migration, new primary): features ask {@link sharedConnection} again and move their state.
 */
export interface StatefulConnections extends EventEmitter {
  /**
   * The shared command connection that serves `key` (for a sharded channel: the channel; undefined: the
   * primary, or any primary in a cluster). Resolves once its protocol is known (after the first handshake).
   */
  sharedConnection(key?: RespArg): Promise<Connection>;
  /**
   * Opens a new connection, owned by the caller, to the node `shared` talks to, with the same options
   * (credentials, TLS, database, protocol, address mapping) and no push handler.
   */
  openConnectionLike(shared: Connection): Connection;
}

/** Whether a topology offers {@link StatefulConnections}. */
export function hasStatefulConnections(topology: object): topology is StatefulConnections {
  return (
    typeof (topology as Partial<StatefulConnections>).sharedConnection === 'function' &&
    typeof (topology as Partial<StatefulConnections>).openConnectionLike === 'function'
  );
}
