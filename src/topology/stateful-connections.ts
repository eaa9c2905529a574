import type { EventEmitter } from 'node:events';
import type { Connection, ConnectionOptions } from '../connection/index.js';
import type { RedirectError, ReplyError, RespArg } from '../resp/index.js';

/**
 * What a topology provides so that the connection-stateful features (pub/sub, blocking commands,
 * transactions with WATCH, client-side caching) work on it. The features themselves live in client/ and
 * know nothing about slots or failover; they only ask for connections through this contract.
 *
 * Every topology implements it (single server: {@link CentralizedTopology}, cluster: ClusterTopology,
 * sentinel: SentinelTopology). A topology that does not makes those features reject with ERR_NOT_SUPPORTED.
 *
 * Events (on the topology): `reroute` — the connection serving some keys or channels changed (failover,
 * slot migration, new primary, a shared connection closed for good): features ask {@link sharedConnection}
 * again and move their state.
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
  /**
   * Optional (clusters): throws a typed error (ClusterError ERR_CLUSTER_CROSSSLOT) when `keys` cannot be
   * served together on one connection (a transaction, a script). Nothing is sent.
   */
  checkSameSlot?(keys: readonly RespArg[], what: string): void;
  /**
   * Optional (clusters): a command sent on a shared connection was redirected (MOVED/ASK). Resolves once
   * routing has learnt the new owner, so that {@link sharedConnection} answers with it; the caller then
   * retries (the redirected command did not run).
   */
  redirected?(error: RedirectError): Promise<void>;
  /**
   * Optional: a command sent on a connection this topology gave out was refused for now (CLUSTERDOWN,
   * LOADING, ..., see transient-refusal.ts). Resolves once the topology has looked again at who serves
   * what (a cluster refreshes its slot map), so that {@link sharedConnection} answers with the current
   * node; the caller waits {@link refusalDelay} itself and sends again.
   */
  refused?(error: ReplyError): Promise<void>;
}

/** Whether a topology offers {@link StatefulConnections}. */
export function hasStatefulConnections(topology: object): topology is StatefulConnections {
  return (
    typeof (topology as Partial<StatefulConnections>).sharedConnection === 'function' &&
    typeof (topology as Partial<StatefulConnections>).openConnectionLike === 'function'
  );
}

/**
 * The options of a new connection like `shared`: same socket target (already mapped by the topology's
 * AddressMapper), credentials, TLS (servername included), database and protocol; no push handler, no
 * READONLY, and the given reconnect policy when one is passed.
 */
export function optionsLike(shared: Connection, overrides: ConnectionOptions = {}): ConnectionOptions {
  const { onPush: _push, failFastUntilReady: _failFast, readOnly: _readOnly, ...options } = shared.options;
  return { ...options, ...overrides };
}
