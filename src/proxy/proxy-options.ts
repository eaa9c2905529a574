/**
 * The options of the proxy for clusters and sentinel groups, and their resolution: every default is
 * applied once, here, and the proxy and its sessions read only resolved values.
 */
import type { AddressMapper, NodeAddress } from '../address/index.js';
import { PROXY_DEFAULTS } from '../defaults.js';
import { ConfigError } from '../errors.js';
import type { AdmissionLimits } from './admission.js';
import type { PortRange } from './port-allocator.js';
import type { PortTable } from './port-table.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-parser.js';
import type { PrimaryLink } from './worker-protocol.js';

export interface ClusterSentinelProxyOptions {
  /** Cluster nodes (or, with `sentinelName`, sentinels) to ask for the topology first. */
  seeds: NodeAddress[];
  /**
   * Sentinel mode: the master name. The seeds are sentinels; sentinels and the master's data nodes each
   * get a port, and sentinel replies and events are rewritten.
   */
  sentinelName?: string;
  /** Credentials of the proxy's own discovery connections (clients authenticate themselves). */
  username?: string;
  password?: string;
  /** Host (IP or name) that rewritten replies carry: what clients use to reach the proxy. */
  advertiseHost: string;
  /** Range the per-node ports come from. */
  ports: PortRange;
  /**
   * Where the node id → port table is kept (default memory: lost on restart, one per process; the CLI's
   * default is `{ store: 'redis' }`). A {@link PortTable} instance is used as it is. Not read by a
   * `worker`: a group's table is its primary's (see ProxyGroup).
   */
  portTable?: PortTableOption | PortTable;
  /** Address the listeners bind (default 127.0.0.1). */
  listenHost?: string;
  /** A fixed entry port (outside the range) that pairs each connection with a healthy primary. */
  entryPort?: number;
  /** Serve Prometheus metrics on this port (on `listenHost`). */
  metricsPort?: number;
  /** Topology refresh period in ms, 0 for none (default 5000). */
  refreshIntervalMs?: number;
  /** Client connections accepted at once (default 10 000). */
  maxConnections?: number;
  /**
   * Client connections from one IP address (default 2 000): one client cannot take every connection.
   */
  maxConnectionsPerClientIp?: number;
  /**
   * Client connections to one node (default 5 000, half the servers' default maxclients): clients of
   * the proxy never take every connection slot of a node.
   */
  maxConnectionsPerBackend?: number;
  /** Close a client that sent nothing for this long with nothing in flight, ms (default 300 000; 0: never). Pub/sub and MULTI clients are exempt. */
  idleTimeoutMs?: number;
  /** Close a client whose request stays incomplete this long, ms (default 30 000; 0: never). */
  requestTimeoutMs?: number;
  /** More backend networks (CIDR or address) than the seeds' defaults (`--backend-cidr`). */
  backendCidrs?: readonly string[];
  /** Forward @admin/@dangerous commands too (`--allow-admin`). */
  allowAdmin?: boolean;
  /** More commands to forward: `name` or `container|sub` (`--allow`). */
  allow?: readonly string[];
  /** Clients must AUTH with this password (to the proxy); the proxy then authenticates to the backends itself. */
  clientPassword?: string;
  /** TLS for clients: PEM certificate and key; `ca` requires and checks client certificates. */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
  /** Address the metrics listener binds (default: `listenHost`). */
  metricsHost?: string;
  /** Metrics require `Authorization: Bearer <token>`. */
  metricsToken?: string;
  requestLimits?: Partial<RequestLimits>;
  /** Largest reply read whole for rewriting (default 64 MiB). */
  maxRewriteBytes?: number;
  /** Requests awaiting replies on one connection (default 1 000 000). */
  maxPending?: number;
  /** Backend connect timeout, ms (default 5000). */
  connectTimeoutMs?: number;
  /**
   * Half-open backends: a health-checked connection per node with sessions PINGs after `interval` ms idle;
   * no reply within `timeout` ms closes that node's sessions (defaults 10 000 and 5 000). `false`: off.
   */
  backendHealthCheck?: { interval?: number; timeout?: number } | false;
  /** TCP keep-alive on client and backend sockets: ms idle before the first probe (default 30 000), 0: off. */
  keepAliveMs?: number;
  /** How long stop() waits for replies in flight, ms (default 5000). */
  drainTimeoutMs?: number;
  addressMapper?: AddressMapper;
  /** Log sink (default: stdout). */
  log?: (line: string) => void;
  /**
   * Worker of a group (`--workers N`): the table, backend targets and refreshes come from the group's
   * primary over this channel; the worker does no discovery, no periodic refresh, and serves no metrics
   * endpoint (the primary asks it for its counters).
   */
  worker?: PrimaryLink;
}

/**
 * Where the port table is kept: `memory`; `redis`, a hash in the servers themselves (the cluster, or
 * the sentinel group's master), under `key` (default `{slotbridge}:proxy-ports`); `file`, a file of
 * `<node id> <port>` rows.
 */
export type PortTableOption =
  | { store: 'memory' }
  | { store: 'redis'; key?: string; firstLoadTimeoutMs?: number }
  | { store: 'file'; path: string };

/** Parses `--port-table`: `memory`, `redis`, `redis:KEY` or `file:PATH`. Throws {@link ConfigError}. */
export function parsePortTableOption(text: string, field = 'port-table'): PortTableOption {
  if (text === 'memory') return { store: 'memory' };
  if (text === 'redis') return { store: 'redis' };
  if (text.startsWith('redis:') && text.length > 6) return { store: 'redis', key: text.slice(6) };
  if (text.startsWith('file:') && text.length > 5) return { store: 'file', path: text.slice(5) };
  throw new ConfigError(field, `expected memory, redis, redis:KEY or file:PATH, got "${text}"`);
}

/** The options with every default applied. */
export interface ResolvedProxyOptions {
  readonly listenHost: string;
  readonly refreshIntervalMs: number;
  readonly idleTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly drainTimeoutMs: number;
  readonly limits: AdmissionLimits;
  readonly requestLimits: RequestLimits;
  readonly maxRewriteBytes: number;
  readonly maxPending: number;
  readonly connectTimeoutMs: number;
  readonly keepAliveMs: number;
}

/** Applies the defaults (PROXY_DEFAULTS) once. */
export function resolveProxyOptions(options: ClusterSentinelProxyOptions): ResolvedProxyOptions {
  const d = PROXY_DEFAULTS;
  return {
    listenHost: options.listenHost ?? d.listenHost,
    refreshIntervalMs: options.refreshIntervalMs ?? d.refreshIntervalMs,
    idleTimeoutMs: options.idleTimeoutMs ?? d.idleTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
    drainTimeoutMs: options.drainTimeoutMs ?? d.drainTimeoutMs,
    limits: {
      maxConnections: options.maxConnections ?? d.maxConnections,
      maxConnectionsPerClientIp: options.maxConnectionsPerClientIp ?? d.maxConnectionsPerClientIp,
      maxConnectionsPerBackend: options.maxConnectionsPerBackend ?? d.maxConnectionsPerBackend,
    },
    requestLimits: { ...DEFAULT_REQUEST_LIMITS, ...options.requestLimits },
    maxRewriteBytes: options.maxRewriteBytes ?? d.maxRewriteBytes,
    maxPending: options.maxPending ?? d.maxPending,
    connectTimeoutMs: options.connectTimeoutMs ?? d.connectTimeoutMs,
    keepAliveMs: options.keepAliveMs ?? d.keepAliveMs,
  };
}
