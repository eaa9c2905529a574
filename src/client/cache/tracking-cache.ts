import { extractKeys, lookupCommand } from '../../commands/command-table.js';
import { type Connection, pushKind } from '../../connection/index.js';
import { type RespArg, type RespValue, replyText } from '../../resp/index.js';
import { LruCache } from './lru-cache.js';

/** Counters of the client-side cache. */
export interface CacheStats {
  /** False when the connection speaks RESP2 (tracking pushes need RESP3): nothing is cached. */
  enabled: boolean;
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  /** Keys the server (or this client's own writes) invalidated. */
  invalidations: number;
  evictions: number;
  /** Times everything was forgotten (reconnects, FLUSHALL). */
  flushes: number;
}

/** Commands whose replies are cached: reads of exactly one key, answered the same until the key changes. */
const CACHEABLE = new Set([
  'GET',
  'GETRANGE',
  'STRLEN',
  'HGET',
  'HMGET',
  'HGETALL',
  'HEXISTS',
  'HLEN',
  'HKEYS',
  'HVALS',
  'LRANGE',
  'LINDEX',
  'LLEN',
  'SMEMBERS',
  'SISMEMBER',
  'SCARD',
  'ZRANGE',
  'ZSCORE',
  'ZCARD',
  'ZRANK',
  'TYPE',
]);

interface TrackedConnection {
  /** CLIENT TRACKING ON was confirmed on the current socket. */
  tracking: boolean;
}

/**
 * Client-side caching with server-assisted invalidation (CLIENT TRACKING, default mode, RESP3 pushes).
 *
 * Correctness rules: a reply is cached only if tracking was confirmed on its connection when the read was
 * sent, and no invalidation of its key (nor a reconnect) happened while the read was in flight (the
 * invalidation push may be decoded before the reply's promise callbacks run: per-key generations catch
 * that). Writes sent by this client drop their keys at once, so a client reads its own writes. Every
 * drop of a tracked connection forgets everything (invalidations may have been missed), and so does a
 * topology `reroute` (failover, slot migration: the node that tracks a key may no longer serve it).
 *
 * Topologies: each node connection the cache reads from gets its own CLIENT TRACKING (a cluster: the
 * primary of each key's slot; sentinel: the current master). Cached reads always go to that primary
 * connection, even with replica reads configured, because invalidations come from the connection the
 * key was read on.
 */
export class TrackingCache {
  private readonly lru: LruCache<{ reply: RespValue; key: string }>;
  /** redis key → cache keys of the replies cached for it. */
  private readonly byKey = new Map<string, Set<string>>();
  /** redis key → [reads in flight, invalidation generation]. */
  private readonly inflight = new Map<string, { reads: number; generation: number }>();
  private readonly connections = new Map<Connection, TrackedConnection>();
  private epoch = 0;
  private stats = { hits: 0, misses: 0, invalidations: 0, flushes: 0 };
  private enabled = true;

  /** `options`: the resolved `clientCache` limits. */
  constructor(options: { readonly maxEntries: number; readonly maxBytes: number }) {
    this.lru = new LruCache(options.maxEntries, options.maxBytes, (cacheKey, entry) => {
      const set = this.byKey.get(entry.key);
      set?.delete(cacheKey);
      if (set?.size === 0) this.byKey.delete(entry.key);
    });
  }

  /** Starts tracking on `connection` (idempotent): CLIENT TRACKING ON on every (re)connect, pushes applied. */
  attach(connection: Connection): void {
    if (this.connections.has(connection)) return;
    const tracked: TrackedConnection = { tracking: false };
    this.connections.set(connection, tracked);
    const enable = () => {
      if (connection.protocol !== 3) {
        this.enabled = false;
        return;
      }
      connection.send(['CLIENT', 'TRACKING', 'ON']).then(
        () => {
          tracked.tracking = true;
        },
        () => undefined,
      );
    };
    const forget = () => {
      tracked.tracking = false;
      this.flush();
    };
    connection.on('ready', () => {
      forget();
      enable();
    });
    connection.on('reconnecting', forget);
    connection.on('end', () => {
      forget();
      this.connections.delete(connection);
    });
    connection.on('push', (frame: RespValue[]) => {
      if (pushKind(frame) !== 'invalidate') return;
      const keys = frame[1];
      if (keys === null || keys === undefined) this.flush();
      else if (Array.isArray(keys)) for (const key of keys) this.invalidate(text(key));
    });
    if (connection.state === 'ready') enable();
  }

  /** The cache key of a cacheable read, or undefined (not cacheable: any other command, Buffers, several keys). */
  cacheKeyOf(args: readonly RespArg[]): { cacheKey: string; key: string } | undefined {
    const name = args[0];
    if (typeof name !== 'string' || !this.enabled) return undefined;
    const upper = name.toUpperCase();
    if (!CACHEABLE.has(upper)) return undefined;
    let cacheKey = upper;
    for (let i = 1; i < args.length; i++) {
      const arg = args[i];
      if (Buffer.isBuffer(arg)) return undefined;
      cacheKey += `\0${String(arg)}`;
    }
    const key = args[1];
    if (key === undefined || Buffer.isBuffer(key)) return undefined;
    return { cacheKey, key: String(key) };
  }

  /** A cached reply (a copy when it is an array or map, so callers cannot alter the cache). */
  lookup(cacheKey: string): RespValue | undefined {
    const entry = this.lru.get(cacheKey);
    if (entry === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    const value = entry.reply;
    return typeof value === 'object' && value !== null && !Buffer.isBuffer(value)
      ? structuredClone(value)
      : value;
  }

  /**
   * Sends a read through `send` and caches its reply when that is provably safe. `send` says whether the
   * reply came from `connection` (`tracked`); a reply that took another way (a redirect, a reconnect to
   * another node) is returned but not cached: nobody tracks the key for us there.
   */
  async read(
    connection: Connection,
    cacheKey: string,
    key: string,
    send: () => Promise<{ reply: RespValue; tracked: boolean }>,
  ): Promise<RespValue> {
    const tracked = this.connections.get(connection);
    if (tracked === undefined || !tracked.tracking) return (await send()).reply;
    const epoch = this.epoch;
    let state = this.inflight.get(key);
    if (state === undefined) {
      state = { reads: 0, generation: 0 };
      this.inflight.set(key, state);
    }
    state.reads++;
    const generation = state.generation;
    const current = state;
    try {
      const { reply, tracked: sameConnection } = await send();
      if (sameConnection && this.epoch === epoch && current.generation === generation && tracked.tracking) {
        this.store(cacheKey, key, reply);
      }
      return reply;
    } finally {
      current.reads--;
      if (current.reads === 0 && this.inflight.get(key) === current) this.inflight.delete(key);
    }
  }

  /** Drops the keys a write of this client touches, before it is sent. */
  beforeWrite(args: readonly RespArg[]): void {
    const info = lookupCommand(args);
    if (info === undefined || !info.isWrite) return;
    for (const key of extractKeys(args)) this.invalidate(Buffer.isBuffer(key) ? key.toString() : String(key));
  }

  invalidate(key: string): void {
    const state = this.inflight.get(key);
    if (state !== undefined) state.generation++;
    const cached = this.byKey.get(key);
    if (cached === undefined) return;
    this.byKey.delete(key);
    this.stats.invalidations++;
    for (const cacheKey of cached) this.lru.delete(cacheKey);
  }

  flush(): void {
    this.epoch++;
    for (const state of this.inflight.values()) state.generation++;
    if (this.lru.size > 0) this.stats.flushes++;
    this.lru.clear();
    this.byKey.clear();
  }

  getStats(): CacheStats {
    return {
      enabled: this.enabled,
      ...this.stats,
      entries: this.lru.size,
      bytes: this.lru.bytes,
      evictions: this.lru.evictions,
    };
  }

  private store(cacheKey: string, key: string, reply: RespValue): void {
    this.lru.set(cacheKey, { reply, key }, estimateBytes(reply) + cacheKey.length);
    let set = this.byKey.get(key);
    if (set === undefined) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(cacheKey);
  }
}

function estimateBytes(value: RespValue): number {
  if (typeof value === 'string') return 16 + value.length * 2;
  if (Buffer.isBuffer(value)) return 16 + value.length;
  if (Array.isArray(value)) {
    let total = 16;
    for (const item of value) total += estimateBytes(item);
    return total;
  }
  if (value instanceof Map) {
    let total = 16;
    for (const [k, v] of value) total += estimateBytes(k) + estimateBytes(v);
    return total;
  }
  return 16;
}

function text(value: RespValue): string {
  return replyText(value) ?? String(value);
}
