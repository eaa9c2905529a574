/**
 * The shapes configuration takes, three and no more:
 * 1. what a user gives: {@link ClientConfig} (an object, or a URL parsed into one);
 * 2. what `normalizeConfig` resolves it to: {@link ResolvedConfig}, validated, every default filled in from
 *    src/defaults.ts, frozen (and {@link RedactedConfig}, the same without secrets, as `client.config`);
 * 3. what each layer takes from it, built in create-topology.ts: the connection layer's
 *    `ConnectionOptions`, the cluster's and the sentinel's topology options.
 */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { AddressOptions } from '../address/index.js';
import type { CredentialsProvider, HealthCheckOptions, ReconnectPolicy } from '../connection/index.js';
import type { ReadFrom, SentinelReadFrom } from '../topology/index.js';

/** `host:port` string or an object; IPv6 hosts in a string need brackets: `[::1]:6379`. */
export type HostAddress = string | { host: string; port: number };

/** Options shared by every topology: how each connection to a data node behaves. */
export interface CommonOptions {
  /** ACL username (Redis >= 6). */
  username?: string;
  password?: string;
  /** Database index (single server and sentinel only; a cluster has only db 0). */
  db?: number;
  /** Client name shown by CLIENT LIST. */
  clientName?: string;
  /** RESP protocol: 3 (default, falls back to 2 on old servers) or 2. */
  protocol?: 2 | 3;
  /** TLS: `true` for defaults or node:tls options (ca, cert, key, servername, rejectUnauthorized ...). */
  tls?: boolean | TlsConnectionOptions;
  /** Max ms to connect and finish the handshake (default 10 000). */
  connectTimeout?: number;
  /** Default per-command timeout in ms, 0 for none (default 10 000). Blocking commands get their own. */
  commandTimeout?: number;
  /** Reconnect policy, or `false` to never reconnect (default: exponential 50 ms .. 2 s with jitter). */
  reconnect?: ReconnectPolicy | false;
  /**
   * Which commands in flight when a connection drops are re-sent after reconnecting:
   * `'readonly'` (default: commands the server flags READONLY, never blocking or pub/sub), `'all'`, or `'none'`.
   */
  retryOnReconnect?: 'readonly' | 'all' | 'none';
  /** How often one command may be re-sent after connection drops (default 1). */
  maxRetriesPerCommand?: number;
  /** Commands queued while (re)connecting before new ones are rejected (default 10 000). */
  maxOfflineQueue?: number;
  /**
   * Commands queued + in flight in this client before new ones are refused (default 100 000), so a frozen
   * or overloaded server cannot grow memory without bound. Beyond it a command rejects at once with
   * `ERR_PENDING_LIMIT`, or waits for room with `pendingOverflow: 'wait'`.
   */
  maxPending?: number;
  /** `'reject'` (default): a command beyond `maxPending` rejects at once; `'wait'`: it waits for room, up to `commandTimeout`. */
  pendingOverflow?: 'reject' | 'wait';
  /**
   * Limits on what a server may send, so a broken or hostile stream becomes a ProtocolError instead of
   * exhausting memory. Defaults follow the server's own: 512 MiB bulk strings, 2^32-1 elements, 128 levels.
   */
  limits?: { maxBulkLength?: number; maxAggregateLength?: number; maxDepth?: number };
  /**
   * How addresses that servers announce (cluster topology, MOVED/ASK, sentinel replies) become addresses
   * reachable from here: a static or function `map`, a `resolve` hook, or `discover` by identity over
   * exposed ports. See docs/minikube.md.
   */
  addresses?: AddressOptions;
  /**
   * Blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, XREAD/XREADGROUP BLOCK ...) and isolated() run on
   * dedicated connections so they never hold up other commands: at most this many per node (default 4);
   * more wait for a free one.
   */
  maxBlockingConnections?: number;
  /**
   * Client-side caching (RESP3 only, off by default): `true` or limits. Reads of single keys (GET, HGET,
   * HGETALL, LRANGE, SMEMBERS ...) are served from memory until the server says the key changed
   * (CLIENT TRACKING invalidation); everything is forgotten on reconnect. Defaults: 10 000 entries, 64 MiB.
   */
  clientCache?: boolean | { maxEntries?: number; maxBytes?: number };
  /** TCP keep-alive: ms idle before the kernel's first probe (default 30 000), 0 to turn it off. */
  keepAlive?: number;
  /**
   * Idle health check of every connection: PING after `interval` ms without traffic, reconnect when it is
   * not answered within `timeout` ms (defaults 10 000 and 5 000), so a connection a firewall dropped
   * silently is found within interval + timeout. `false` turns it off.
   */
  healthCheck?: HealthCheckOptions | false;
  /**
   * Rotating credentials for the data nodes: asked on every (re)connect, and again before `expiresAt` to
   * re-authenticate live connections without dropping them. Takes precedence over username/password.
   * Sentinels have their own (`sentinel.credentials`).
   */
  credentials?: CredentialsProvider;
  /**
   * Prepended to every key argument (as the command table locates keys: scripts' KEYS, XREAD STREAMS,
   * MSET's keys ...) and stripped from key names in replies (KEYS, SCAN, BLPOP ...); KEYS and SCAN only
   * list this prefix's keys. Channels are left alone. See docs/key-prefix.md.
   */
  keyPrefix?: string;
  /**
   * Also prefix channel names with `keyPrefix` (default false): PUBLISH, SPUBLISH and the subscribe
   * methods (patterns too); messages arrive with the names as subscribed, without the prefix.
   */
  prefixChannels?: boolean;
}

/** One server over TCP (optionally TLS). */
export interface StandaloneConfig extends CommonOptions {
  host?: string;
  port?: number;
}

/** One server over a unix socket. */
export interface UnixConfig extends CommonOptions {
  /** Path of the unix socket. */
  unix: string;
}

/** Cluster-specific options (`cluster: { ... }`). */
export interface ClusterOptions {
  /** Seed nodes, tried in order until one accepts; the rest of the cluster is discovered from it. */
  hosts: HostAddress[];
  /**
   * Where read-only commands go: `'primary'` (default), `'replica'` (a replica of the key's shard, the
   * primary when it has none) or `'preferReplica'` (a connected replica, else the primary), or a function
   * `(nodes, { slot, command }) => node` that picks one of the shard's nodes (primary first, then replicas;
   * each `{ address, host, port, id, role, healthy }`, see {@link ReadFromNode}); returning `undefined`
   * means the primary. Or `{ zone: 'eu-west-1a', fallback? }`: nodes in that availability zone (as Valkey 8
   * servers report it), see {@link ZoneReadFrom}. Only commands the server flags READONLY are affected; replica connections send
   * READONLY first. Replica reads may return slightly stale data.
   */
  readFrom?: ReadFrom;
  /** MOVED/ASK redirects and retries one command may take before it fails (default 16). */
  maxRedirections?: number;
  /** Periodic topology refresh in ms, 0 to turn it off (default 10 000). Refreshes also follow MOVED and failures. */
  refreshInterval?: number;
  /** Connect to announced hostnames (cluster-announce-hostname) rather than IPs when present (default false). */
  preferHostname?: boolean;
  /**
   * Let MSET with keys in different slots be split into one MSET per slot (default false: such an MSET
   * rejects with ERR_CLUSTER_CROSSSLOT before anything is sent).
   *
   * **The split loses atomicity**: other clients may observe some of the keys written and not others,
   * and if one part fails the others stay applied (the error names the part that failed). MSETNX is never
   * split (its all-or-nothing check cannot be split). Reads and deletions across slots (MGET, DEL, UNLINK,
   * EXISTS, TOUCH) are always split: their per-key results do not depend on each other.
   */
  splitMultiSlotWrites?: boolean;
}

/**
 * A Redis Cluster, discovered from any of the seed hosts. Multi-key commands whose keys span slots
 * (MGET, DEL, EXISTS, UNLINK, TOUCH) are split per slot and recombined; MSET only with
 * `cluster.splitMultiSlotWrites` (it is then not atomic). Other commands with keys in different slots are
 * rejected (ERR_CLUSTER_CROSSSLOT).
 */
export interface ClusterConfig extends CommonOptions {
  cluster: ClusterOptions;
}

/** A Sentinel-managed primary, discovered through the sentinels. */
export interface SentinelConfig extends CommonOptions {
  sentinel: {
    hosts: HostAddress[];
    /** The monitored master's name (sentinel.conf `sentinel monitor NAME ...`). */
    name: string;
    /** Credentials for the sentinels themselves, when they differ from the data nodes'. */
    username?: string;
    password?: string;
    /** Rotating credentials for the sentinels (see the top-level `credentials`); data nodes use their own. */
    credentials?: CredentialsProvider;
    tls?: boolean | TlsConnectionOptions;
    /**
     * Where read-only commands go: `'primary'` (default), `'replica'` (replicas only; a typed error when
     * none is healthy) or `'preferReplica'` (replicas, else the master).
     */
    readFrom?: SentinelReadFrom;
  };
}

/** Every way to say where the server is. Exactly one of `host`/`unix`/`cluster`/`sentinel` applies. */
export type ServerConfig = StandaloneConfig | UnixConfig | ClusterConfig | SentinelConfig;

/** Configuration accepted by createClient: a server config, optionally starting from a `url`. */
export type ClientConfig = ServerConfig & {
  /** A URL (redis://, rediss://, redis-cluster://, redis-sentinel://, unix://); explicit fields override it. */
  url?: string;
};

/** TLS options as resolved: `true` becomes `{}`, `false` (or nothing) `undefined`. */
export type ResolvedTls = Readonly<TlsConnectionOptions> | undefined;

/**
 * {@link CommonOptions} with every default filled in (defaults are declared once, in src/defaults.ts).
 * Options without a default (credentials, names, TLS, address mapping) are `undefined` when not given.
 */
export interface ResolvedCommonOptions {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly db: number;
  readonly clientName: string | undefined;
  readonly protocol: 2 | 3;
  readonly tls: ResolvedTls;
  readonly connectTimeout: number;
  readonly commandTimeout: number;
  readonly reconnect: Readonly<ReconnectPolicy> | false;
  readonly retryOnReconnect: 'readonly' | 'all' | 'none';
  readonly maxRetriesPerCommand: number;
  readonly maxOfflineQueue: number;
  readonly maxPending: number;
  readonly pendingOverflow: 'reject' | 'wait';
  readonly limits: Readonly<{ maxBulkLength: number; maxAggregateLength: number; maxDepth: number }>;
  readonly addresses: Readonly<AddressOptions> | undefined;
  readonly maxBlockingConnections: number;
  /** `false`: off. */
  readonly clientCache: false | Readonly<{ maxEntries: number; maxBytes: number }>;
  readonly keepAlive: number;
  /** `false`: off. */
  readonly healthCheck: Readonly<{ interval: number; timeout: number }> | false;
  readonly credentials: CredentialsProvider | undefined;
  readonly keyPrefix: string | undefined;
  readonly prefixChannels: boolean;
}

/** A host with its port resolved. */
export type ResolvedHost = Readonly<{ host: string; port: number }>;

/**
 * The configuration as `normalizeConfig` returns it: validated, the topology made explicit, every default
 * filled in, frozen. This is the only shape the client reads; each layer below gets what it takes from it
 * (create-topology.ts).
 */
export type ResolvedConfig =
  | ({ readonly kind: 'standalone'; readonly host: string; readonly port: number } & ResolvedCommonOptions)
  | ({ readonly kind: 'unix'; readonly path: string } & ResolvedCommonOptions)
  | ({
      readonly kind: 'cluster';
      readonly hosts: readonly ResolvedHost[];
      readonly readFrom: ReadFrom;
      readonly maxRedirections: number;
      readonly refreshInterval: number;
      readonly preferHostname: boolean;
      readonly splitMultiSlotWrites: boolean;
    } & ResolvedCommonOptions)
  | ({
      readonly kind: 'sentinel';
      readonly hosts: readonly ResolvedHost[];
      readonly name: string;
      readonly sentinelUsername: string | undefined;
      readonly sentinelPassword: string | undefined;
      readonly sentinelCredentials: CredentialsProvider | undefined;
      readonly sentinelTls: ResolvedTls;
      /**
       * Connect timeout of the sentinel connections: the `connectTimeout` option when given, else the
       * sentinel default (2 s, src/defaults.ts: a sentinel that does not answer quickly is skipped).
       */
      readonly sentinelConnectTimeout: number;
      readonly readFrom: SentinelReadFrom;
    } & ResolvedCommonOptions);

/** Marks a secret in {@link RedactedConfig}. */
export const REDACTED = '[redacted]';

/**
 * What `client.config` shows: the resolved configuration with its secrets replaced — passwords by
 * {@link REDACTED}, credentials providers by `true` (one is configured), TLS private keys and
 * passphrases by {@link REDACTED}. Safe to log.
 */
export type RedactedConfig = Redacted<ResolvedConfig>;

type Redacted<T> = {
  readonly [K in keyof T]: K extends 'credentials' | 'sentinelCredentials' ? true | undefined : T[K];
};
