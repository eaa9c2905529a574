/**
 * Every default of the client's options, declared once. `normalizeConfig` (client/) fills a user's
 * configuration from these, so the layers below receive a complete configuration and never restate a
 * default; the connection and topology layers read the same constants only for callers that build them
 * directly (the lab, the proxy, tests). Limits on what a server may send are the server's own and live
 * with the decoder (resp/limits.ts). README's option tables state these values.
 *
 * Like errors.ts, this module sits below every layer and imports nothing.
 */

/** Defaults of the options every topology shares (README: "Options shared by every topology"). */
export const CONNECTION_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 6379,
  db: 0,
  protocol: 3 as 2 | 3,
  connectTimeout: 10_000,
  commandTimeout: 10_000,
  /** Which in-flight commands are re-sent after a drop. */
  retryOnReconnect: 'readonly' as 'readonly' | 'all' | 'none',
  maxRetriesPerCommand: 1,
  maxOfflineQueue: 10_000,
  /** Commands queued + in flight per client; 100 000 SETs of 100 bytes hold roughly 110 MB. */
  maxPending: 100_000,
  pendingOverflow: 'reject' as 'reject' | 'wait',
  maxBlockingConnections: 4,
  keepAlive: 30_000,
  noDelay: true,
});

/** Exponential from 50 ms doubling up to 2 s, 20 % jitter, retrying forever (commands still time out). */
export const RECONNECT_DEFAULTS = Object.freeze({
  kind: 'exponential' as const,
  base: 50,
  maxDelay: 2000,
  jitter: 0.2,
});

/** Idle health check: PING after `interval` ms without traffic, give up after `timeout` ms. */
export const HEALTH_CHECK_DEFAULTS = Object.freeze({ interval: 10_000, timeout: 5_000 });

/** `addresses.discover`: how long one probe of an exposed port may take. */
export const DISCOVER_DEFAULTS = Object.freeze({ probeTimeout: 2_000 });

/** The proxy's options (README: Proxy for any client; cli/proxy-command.ts maps its flags onto them). */
export const PROXY_DEFAULTS = Object.freeze({
  listenHost: '127.0.0.1',
  maxRewriteBytes: 64 * 1024 * 1024,
  maxPending: 1_000_000,
  connectTimeoutMs: 5_000,
  keepAliveMs: 30_000,
  refreshIntervalMs: 5_000,
  drainTimeoutMs: 5_000,
  maxConnections: 10_000,
  maxConnectionsPerClientIp: 2_000,
  maxConnectionsPerBackend: 5_000,
  idleTimeoutMs: 300_000,
  requestTimeoutMs: 30_000,
});

/** Client-side cache limits when `clientCache: true`. */
export const CLIENT_CACHE_DEFAULTS = Object.freeze({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 });

/** Cluster options (README: "Cluster options"). */
export const CLUSTER_DEFAULTS = Object.freeze({
  port: 6379,
  readFrom: 'primary' as const,
  maxRedirections: 16,
  refreshInterval: 10_000,
  preferHostname: false,
  splitMultiSlotWrites: false,
});

/** Sentinel options (README: "Sentinel options"); `connectTimeout` applies to sentinel connections when the top-level `connectTimeout` is not given. */
export const SENTINEL_DEFAULTS = Object.freeze({
  port: 26379,
  readFrom: 'primary' as const,
  connectTimeout: 2_000,
});
