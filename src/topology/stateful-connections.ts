import type { EventEmitter } from 'node:events';
import type { Connection, ConnectionOptions } from '../connection/index.js';
import type { RedirectError, RespArg } from '../resp/index.js';
import { type Budget, commonVerdict, newBudget, type Verdict } from './router.js';

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
   * Optional: what a failure of a command sent on a connection this topology gave out means (router.ts),
   * after the topology learnt from it (a MOVED's owner, a refresh after a refusal or READONLY), so that
   * {@link sharedConnection} then answers with the current node. Without it: {@link commonVerdict}.
   */
  judge?(error: unknown, budget: Budget): Promise<Verdict>;
  /** Optional (clusters): the shared connection of the node an ASK names. */
  askConnection?(redirect: RedirectError): Promise<Connection>;
  /** Optional: a command's budget under this topology's limits (`maxRedirections`), `timeout` ms long. */
  budget?(timeout?: number): Budget;
  /** Optional: the error once a command's budget is spent. */
  exhausted?(what: RespArg, last: unknown): Error;
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

/** Redirects and retries of a pinned command on a topology without its own limit (as maxRedirections). */
const DEFAULT_PINNED_REDIRECTS = 16;

/** The budget of a command on a connection `provider` gave out. */
export function pinnedBudget(provider: StatefulConnections, timeout?: number): Budget {
  return provider.budget?.(timeout) ?? newBudget(DEFAULT_PINNED_REDIRECTS, timeout);
}

/** What a failure on a connection `provider` gave out means (its own judgement, else the common one). */
export function judgePinned(provider: StatefulConnections, error: unknown, budget: Budget): Promise<Verdict> {
  if (provider.judge !== undefined) return provider.judge(error, budget);
  const verdict = commonVerdict(error, budget.tries);
  // A redirect from a topology that does not route by slot: nothing to follow.
  return Promise.resolve(verdict.kind === 'moved' || verdict.kind === 'ask' ? { kind: 'fail' } : verdict);
}

/** The error once a pinned command's budget is spent. */
export function pinnedExhausted(provider: StatefulConnections, what: RespArg, last: unknown): Error {
  return provider.exhausted?.(what, last) ?? (last instanceof Error ? last : new Error(String(last)));
}

/**
 * The routing of a pinned command sequence (a transaction) through the one loop, on the topology
 * `provider()` returns (looked up when used).
 */
export function pinnedRouting(provider: () => StatefulConnections, what: RespArg) {
  return {
    judge: (error: unknown, budget: Budget) => judgePinned(provider(), error, budget),
    askConnection: (redirect: RedirectError) => {
      const connections = provider();
      if (connections.askConnection === undefined) return Promise.reject(redirect);
      return connections.askConnection(redirect);
    },
    budget: () => pinnedBudget(provider()),
    exhausted: (last: unknown) => pinnedExhausted(provider(), what, last),
  };
}
