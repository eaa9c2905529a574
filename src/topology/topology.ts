import type { EventEmitter } from 'node:events';
import type { SendOptions, ServerInfo } from '../connection/index.js';
import type { RespArg, RespValue } from '../resp/index.js';

/** The reply of a {@link KeyspacePart} and the node that gave it. */
export interface KeyspaceReply {
  /** Identity (announced `host:port`) of the node that answered. A change means another node now serves the part. */
  readonly node: string;
  readonly reply: RespValue;
}

/**
 * One independent keyspace a whole-keyspace walk (SCAN) must visit: a cluster shard. It follows its
 * shard through failovers: each send goes to the shard's current primary.
 */
export interface KeyspacePart {
  /** Sends a keyless command to the node serving this part now (retrying while it fails over). */
  send(args: readonly RespArg[], options?: SendOptions): Promise<KeyspaceReply>;
}

/**
 * The one contract between the public client and a topology (single server, cluster, sentinel):
 * dispatch a command and get its reply. Routing, redirects and failover stay behind it.
 *
 * Events a topology emits: `connect`, `ready`, `error` (only when a listener exists), `reconnecting`, `end`.
 */
export interface Topology extends EventEmitter {
  /** `standalone`, `unix`, `cluster` or `sentinel`. */
  readonly kind: string;
  /**
   * What each server behind it said in its handshake (flavor, version, mode), keyed by the node's address
   * as announced (`host:port`, or the socket path); a node appears once a connection to it completed a
   * handshake.
   */
  servers(): Map<string, ServerInfo>;
  /** Resolves once commands can be served; rejects with the reason the first attempt failed. */
  connect(): Promise<void>;
  /**
   * True when {@link dispatch} returns the connection's own promise, never sending a command again from
   * above the connection: then `options.settled` is told exactly once when the command settles.
   */
  readonly settlesAtConnection?: boolean;
  /** Routes and sends one command. */
  dispatch(args: readonly RespArg[], options?: SendOptions): Promise<RespValue>;
  /** Graceful close: pending commands get their replies first. */
  quit(): Promise<void>;
  /** Immediate close: pending commands are rejected. */
  disconnect(): void;
  /**
   * The parts of the keyspace a SCAN must walk, one per shard. Topologies with one keyspace (a single
   * server, a sentinel-managed primary) leave it out: the walk then uses {@link dispatch}.
   */
  keyspaces?(): Promise<KeyspacePart[]>;
}
