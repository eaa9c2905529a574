/**
 * Slot ownership as a flat 16,384-entry table of shards: a lookup is one array read. A MOVED updates
 * one entry in place; a refresh builds a new table and swaps it whole.
 */
import { formatAddress } from '../../address/index.js';
import type { ClusterNodeInfo, ClusterView } from './cluster-view.js';
import { SLOT_COUNT } from './cluster-view.js';

/** A node as routing knows it: the announced address (its identity) and, when known, its id. */
export interface NodeEntry {
  /** `host:port` as announced (IPv6 in brackets): the key of the node's connection. */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  readonly id: string | undefined;
  readonly healthy: boolean;
  /** Unhealthy only because CLUSTER SHARDS said `loading` (see ClusterNodeInfo.loading). */
  readonly loading?: boolean;
}

/** A primary and its replicas. */
export interface Shard {
  readonly primary: NodeEntry;
  readonly replicas: NodeEntry[];
}

export function nodeEntry(
  node: Pick<ClusterNodeInfo, 'host' | 'port' | 'id'> & { healthy?: boolean; loading?: boolean },
): NodeEntry {
  return {
    key: formatAddress(node),
    host: node.host,
    port: node.port,
    id: node.id,
    healthy: node.healthy ?? true,
    loading: node.loading === true,
  };
}

export class SlotMap {
  private readonly owners: Array<Shard | undefined> = new Array(SLOT_COUNT).fill(undefined);
  /** Every shard, including primaries that own no slot. */
  readonly shards: Shard[] = [];
  /** slotRanges per shard, computed once per table state (explaining 16384 failed commands scans once). */
  private readonly rangesCache = new Map<Shard, ReadonlyArray<readonly [number, number]>>();

  /** Builds a table from a parsed view. Unhealthy primaries without slots (handshake, failed) are left out. */
  static fromView(view: ClusterView): SlotMap {
    const map = new SlotMap();
    for (const info of view.shards) {
      if (!info.primary.healthy && info.slots.length === 0) continue;
      const shard: Shard = { primary: nodeEntry(info.primary), replicas: info.replicas.map(nodeEntry) };
      map.shards.push(shard);
      for (const [start, end] of info.slots) {
        for (let slot = start; slot <= end; slot++) map.owners[slot] = shard;
      }
    }
    return map;
  }

  /** The shard owning `slot`, or undefined when no known node serves it. */
  shardOf(slot: number): Shard | undefined {
    return this.owners[slot];
  }

  /** Number of slots with an owner. */
  coveredSlots(): number {
    let count = 0;
    for (const owner of this.owners) if (owner !== undefined) count++;
    return count;
  }

  /** Slots owned by `shard`, as inclusive ranges (cached until the table changes). */
  slotRanges(shard: Shard): ReadonlyArray<readonly [number, number]> {
    const cached = this.rangesCache.get(shard);
    if (cached !== undefined) return cached;
    const ranges: Array<[number, number]> = [];
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      if (this.owners[slot] !== shard) continue;
      const last = ranges.at(-1);
      if (last !== undefined && last[1] === slot - 1) last[1] = slot;
      else ranges.push([slot, slot]);
    }
    this.rangesCache.set(shard, ranges);
    return ranges;
  }

  /**
   * Records a MOVED: `slot` now belongs to the primary at `host:port`. Reuses the shard of a known primary
   * at that address, else creates a shard for it (its replicas are learnt by the next refresh).
   */
  moveSlot(slot: number, host: string, port: number): Shard {
    const key = formatAddress({ host, port });
    let shard = this.shards.find((candidate) => candidate.primary.key === key);
    if (shard === undefined) {
      shard = { primary: nodeEntry({ host, port, id: undefined }), replicas: [] };
      this.shards.push(shard);
    }
    this.owners[slot] = shard;
    this.rangesCache.clear();
    return shard;
  }

  /** Primaries that own at least one slot, in shard order. */
  primaries(): NodeEntry[] {
    const owning = new Set(this.owners);
    return this.shards.filter((shard) => owning.has(shard)).map((shard) => shard.primary);
  }

  /** Every known node: primaries (with or without slots) then replicas. */
  allNodes(): NodeEntry[] {
    return [...this.shards.map((shard) => shard.primary), ...this.shards.flatMap((shard) => shard.replicas)];
  }

  /**
   * Which primary owns which slots, as `start-end=owner` runs in slot order (slots without an owner
   * left out; empty when no slot has one): equal for two tables that route every slot alike. The one
   * definition of "did slot ownership change", for refresh agreement, the `topology` event and moving
   * stateful connections. `identity` names an owner (default: its announced address).
   */
  ownersKey(identity: (node: NodeEntry) => string = (node) => node.key): string {
    const parts: string[] = [];
    let runStart = 0;
    let runOwner = this.owners[0];
    for (let slot = 1; slot <= SLOT_COUNT; slot++) {
      const owner = slot === SLOT_COUNT ? undefined : this.owners[slot];
      if (slot < SLOT_COUNT && sameOwner(owner, runOwner, identity)) continue;
      if (runOwner !== undefined) parts.push(`${runStart}-${slot - 1}=${identity(runOwner.primary)}`);
      runStart = slot;
      runOwner = owner;
    }
    return parts.join(' ');
  }

  /** How many slots have another owner (or none) in this table than in `previous`, by announced address. */
  movedSlotsSince(previous: SlotMap): number {
    let moved = 0;
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      if (previous.owners[slot]?.primary.key !== this.owners[slot]?.primary.key) moved++;
    }
    return moved;
  }

  /** A `slot=owner` fingerprint of the whole table (to tell whether a refresh changed anything). */
  fingerprint(): string {
    const parts: string[] = [];
    for (const shard of this.shards) {
      parts.push(
        `${shard.primary.key}[${shard.replicas.map((replica) => replica.key).join(',')}]:` +
          this.slotRanges(shard)
            .map(([a, b]) => `${a}-${b}`)
            .join(','),
      );
    }
    return parts.sort().join(' ');
  }
}

function sameOwner(
  a: Shard | undefined,
  b: Shard | undefined,
  identity: (node: NodeEntry) => string,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return identity(a.primary) === identity(b.primary);
}
