import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { CONNECTION_DEFAULTS as D } from '../defaults.js';
import type { RespValue } from '../resp/index.js';
import type { ConnectionRegistry } from './connection-health.js';
import type { CredentialsProvider } from './credentials.js';
import { type HealthCheckOptions, type ResolvedHealthCheck, resolveHealthCheck } from './health-check.js';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './reconnect-policy.js';

/** Where and how one connection reaches one server. */
export interface ConnectionOptions {
  /** Host name or IP (default 127.0.0.1). Ignored when `path` is set. */
  host?: string;
  /** TCP port (default 6379). */
  port?: number;
  /** Unix socket path; when set, host and port are not used. */
  path?: string;
  /** TLS: `true` for defaults, or node:tls options passed through (ca, cert, key, servername, ...). */
  tls?: boolean | TlsConnectionOptions;
  /** ACL username (Redis >= 6). */
  username?: string;
  password?: string;
  /**
   * Rotating credentials: asked on every (re)connect, and before their `expiresAt` to re-AUTH the live
   * connection. When set, `username` and `password` are not used.
   */
  credentials?: CredentialsProvider;
  /** Sent with HELLO SETNAME / CLIENT SETNAME, visible in CLIENT LIST. */
  clientName?: string;
  /** Database index selected after connecting (default 0). */
  db?: number;
  /** RESP protocol version; 3 (default) falls back to 2 when the server refuses HELLO. */
  protocol?: 2 | 3;
  /** Send READONLY after connecting (cluster replica reads). */
  readOnly?: boolean;
  /** Max time in ms to establish the socket and finish the handshake (default 10 000). */
  connectTimeout?: number;
  /** Default per-command timeout in ms, 0 for none (default 10 000). A timed-out command breaks the connection. */
  commandTimeout?: number;
  /** Reconnect policy, or `false` to never reconnect. */
  reconnect?: ReconnectPolicy | false;
  /** How often a command that was in flight when the connection dropped may be re-sent (default 1); only retryable commands are. */
  maxRetriesPerCommand?: number;
  /** Commands accepted while not connected (default 10 000); beyond that they are rejected at once. 0 disables queueing. */
  maxOfflineQueue?: number;
  /** RESP3 push frames (pub/sub messages, invalidations) are handed here instead of being paired with commands. */
  onPush?: (push: RespValue[]) => void;
  /** Server limits applied by the decoder. */
  maxBulkLength?: number;
  maxAggregateLength?: number;
  maxDepth?: number;
  /**
   * Until the first successful handshake, reject queued commands as soon as a connect attempt fails
   * instead of holding them while reconnecting (default false). Topologies use it so that a node that
   * cannot be reached fails fast and the caller can explain why.
   */
  failFastUntilReady?: boolean;
  /**
   * TCP keep-alive: ms of idleness before the kernel sends its first probe (default 30 000), 0 to disable.
   * The kernel's probe interval and count (net.ipv4.tcp_keepalive_intvl/probes) decide the rest; the
   * idle health check below gives a bound that does not depend on them.
   */
  keepAlive?: number;
  /**
   * Idle health check: PING after `interval` ms without traffic, reset the connection when it does not
   * answer within `timeout` ms (defaults 10 000 and 5 000); `false` turns it off. See {@link HealthCheck}.
   */
  healthCheck?: HealthCheckOptions | false;
  /** Every connection made with these options (or options copied from them) registers here: `client.health()`. */
  registry?: ConnectionRegistry;
  /** After connecting, learn the server's availability zone (INFO server) for zone-aware reads (default false). */
  learnZone?: boolean;
  /** Disable Nagle (default true). */
  noDelay?: boolean;
}

/** The options with every default filled in. */
export interface ResolvedConnectionOptions
  extends Required<
    Omit<
      ConnectionOptions,
      | 'path'
      | 'tls'
      | 'username'
      | 'password'
      | 'clientName'
      | 'onPush'
      | 'maxBulkLength'
      | 'maxAggregateLength'
      | 'maxDepth'
      | 'healthCheck'
      | 'credentials'
      | 'registry'
    >
  > {
  registry: ConnectionRegistry | undefined;
  credentials: CredentialsProvider | undefined;
  healthCheck: ResolvedHealthCheck;
  path: string | undefined;
  tls: TlsConnectionOptions | undefined;
  username: string | undefined;
  password: string | undefined;
  clientName: string | undefined;
  onPush: ((push: RespValue[]) => void) | undefined;
  failFastUntilReady: boolean;
  maxBulkLength: number | undefined;
  maxAggregateLength: number | undefined;
  maxDepth: number | undefined;
}

export function resolveConnectionOptions(options: ConnectionOptions): ResolvedConnectionOptions {
  return {
    host: options.host ?? D.host,
    port: options.port ?? D.port,
    path: options.path,
    tls: options.tls === true ? {} : options.tls === false ? undefined : options.tls,
    username: options.username,
    password: options.password,
    credentials: options.credentials,
    registry: options.registry,
    learnZone: options.learnZone ?? false,
    clientName: options.clientName,
    db: options.db ?? D.db,
    protocol: options.protocol ?? D.protocol,
    readOnly: options.readOnly ?? false,
    connectTimeout: options.connectTimeout ?? D.connectTimeout,
    commandTimeout: options.commandTimeout ?? D.commandTimeout,
    reconnect: options.reconnect ?? DEFAULT_RECONNECT_POLICY,
    maxRetriesPerCommand: options.maxRetriesPerCommand ?? D.maxRetriesPerCommand,
    maxOfflineQueue: options.maxOfflineQueue ?? D.maxOfflineQueue,
    onPush: options.onPush,
    failFastUntilReady: options.failFastUntilReady ?? false,
    maxBulkLength: options.maxBulkLength,
    maxAggregateLength: options.maxAggregateLength,
    maxDepth: options.maxDepth,
    keepAlive: options.keepAlive ?? D.keepAlive,
    noDelay: options.noDelay ?? D.noDelay,
    healthCheck: resolveHealthCheck(options.healthCheck),
  };
}

/** `host:port` (IPv6 in brackets) or the socket path: how errors name the server. */
export function describeAddress(options: { host: string; port: number; path?: string | undefined }): string {
  if (options.path) return options.path;
  return options.host.includes(':') ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
}
