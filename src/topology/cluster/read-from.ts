/**
 * Read preference of a cluster: which node of a shard serves a read-only command. Built-in modes plus a
 * user function that picks from the shard's nodes.
 */
import type { ReadFromMode } from '../read-preference.js';
import { emitZoneWarning, isZoneReadFrom, ZonePreference, type ZoneReadFrom } from '../zone-read.js';
import type { NodeEntry, Shard, SlotMap } from './slot-map.js';

/** A node a {@link ReadFromFunction} can choose: one node of the shard that owns the command's slot. */
export interface ReadFromNode {
  /** The announced `host:port` (IPv6 in brackets): the node's identity, not necessarily the socket target. */
  readonly address: string;
  /** The announced host (IP or hostname, IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** The node id (40 hex characters), when the topology reply carried it. */
  readonly id: string | undefined;
  readonly role: 'primary' | 'replica';
  /**
   * False while the cluster flags the node failing (fail, fail?), in handshake or loading; a replica the
   * view calls loading is healthy once its own ROLE said it is in sync (asked on connecting).
   */
  readonly healthy: boolean;
}

/** What a read is for, passed to a {@link ReadFromFunction} next to the candidates. */
export interface ReadFromContext {
  /** The hash slot of the command's keys. */
  readonly slot: number;
  /** The command name, upper case (`GET`, `HGETALL`, `CLUSTER ...` for subcommands). */
  readonly command: string;
}

/**
 * Picks the node for one read-only command. `nodes` are the shard's primary first, then its replicas
 * (healthy or not: skip `healthy: false` ones yourself). Return one of the given objects; `undefined`
 * (or anything not in `nodes`) sends the command to the primary. Called on every read-only command, so
 * keep it cheap; it must not throw (a throw rejects that command). Write commands always go to the primary.
 *
 * ```ts
 * // Replicas in the same rack as this process, else the primary.
 * readFrom: (nodes) => nodes.find((node) => node.role === 'replica' && node.healthy && node.host.startsWith('10.1.'))
 * ```
 */
export type ReadFromFunction = (
  nodes: readonly ReadFromNode[],
  context: ReadFromContext,
) => ReadFromNode | undefined;

/**
 * Where read-only commands go: a built-in mode, a {@link ReadFromFunction}, or `{ zone, fallback? }` for
 * the nodes in the client's availability zone (see {@link ZoneReadFrom}).
 */
export type ReadFrom = ReadFromMode | ReadFromFunction | ZoneReadFrom;

/**
 * What a zone choice needs to know of a node's connection: undefined when there is none yet; else whether
 * it is ready and its server's zone (undefined until learned, '' when the server reports none).
 */
export type ConnectionLookup = (
  address: string,
  readOnly: boolean,
) => { ready: boolean; zone: string | undefined } | undefined;

/**
 * `readFrom: { zone }` as a {@link ReadFromFunction}: the shard's nodes with their connections' readiness
 * and learned zones, handed to the shared {@link ZonePreference}.
 */
export function zoneReadFromFunction(
  readFrom: ReadFrom,
  lookup: ConnectionLookup,
): ReadFromFunction | undefined {
  if (!isZoneReadFrom(readFrom)) return typeof readFrom === 'function' ? readFrom : undefined;
  const preference = new ZonePreference(readFrom, emitZoneWarning);
  return (nodes) =>
    preference.choose(
      nodes.map((node) => {
        const connection = lookup(node.address, node.role === 'replica');
        return {
          item: node,
          role: node.role,
          healthy: node.healthy,
          address: node.address,
          // No connection yet: routing there opens one (as preferReplica does); its zone is learned then.
          ready: connection === undefined || connection.ready,
          zone: connection?.zone,
        };
      }),
    );
}

/**
 * Asks a {@link ReadFromFunction} for a shard's node, building the candidate list once per shard object
 * (a refresh replaces shards, never mutates them). Returns the index of the choice among primary (0) and
 * replicas (1..n); 0 when the function chose nothing it was offered.
 */
export class ReadFromChooser {
  private readonly candidates = new WeakMap<Shard, readonly ReadFromNode[]>();

  constructor(
    private readonly choose: ReadFromFunction,
    /** A node's health now (the view's flag, or what the node said of itself since); default: the view's. */
    private readonly healthy: (node: NodeEntry) => boolean = (node) => node.healthy,
  ) {}

  pick(shard: Shard, slot: number, command: string): number {
    let candidates = this.candidates.get(shard);
    if (candidates === undefined) {
      candidates = Object.freeze([
        toReadFromNode(shard.primary, 'primary', this.healthy),
        ...shard.replicas.map((replica) => toReadFromNode(replica, 'replica', this.healthy)),
      ]);
      this.candidates.set(shard, candidates);
    }
    const chosen = this.choose(candidates, { slot, command });
    if (chosen === undefined || chosen === null) return 0;
    const index = candidates.indexOf(chosen);
    if (index >= 0) return index;
    // A copy of a candidate (e.g. spread into a new object): match by address.
    const byAddress = candidates.findIndex((node) => node.address === chosen.address);
    return Math.max(byAddress, 0);
  }
}

function toReadFromNode(
  node: NodeEntry,
  role: ReadFromNode['role'],
  healthy: (node: NodeEntry) => boolean,
): ReadFromNode {
  return Object.freeze({
    address: node.key,
    host: node.host,
    port: node.port,
    id: node.id,
    role,
    // Live: a replica the view calls loading becomes healthy once it says it is in sync (read-readiness.ts).
    get healthy() {
      return healthy(node);
    },
  });
}

/**
 * For a read sent to every shard (KEYS, DBSIZE, RANDOMKEY): each shard owning slots (as
 * SlotMap.primaries() has them), by its primary's address and its first slot, so the shard's part is
 * routed as a read of that slot (readFrom applies).
 */
export function shardReadSlots(slots: SlotMap | undefined): Array<{ key: string; slot: number }> {
  const owning: Array<{ key: string; slot: number }> = [];
  for (const shard of slots?.shards ?? []) {
    const first = slots?.slotRanges(shard)[0];
    if (first !== undefined) owning.push({ key: shard.primary.key, slot: first[0] });
  }
  return owning;
}
