/**
 * The proxy's node id → port table. A port given to a node stays that node's (also after the node
 * failed, left or was replaced), so an address a client learned never silently leads to another node.
 * Where the table lives decides whether it survives a restart and is shared by replicas: in memory
 * (neither), in the cluster itself ({@link RedisPortTable}) or in a file ({@link FilePortTable}).
 */
import { SlotbridgeError } from '../errors.js';
import type { PortRange } from './port-allocator.js';

/** The table, wherever it is stored. Directories claim; workers of one process group only read. */
export interface PortTable {
  readonly range: PortRange;
  /** Where the table is kept, for logs: `cluster hash {slotbridge}:proxy-ports`, `file PATH`, `memory`. */
  readonly description: string;
  /** Every replica sharing the store sees the same table (false for memory). */
  readonly shared: boolean;
  /**
   * Reads the store and merges it into the cache; rows the cache has and the store lost (FLUSHALL,
   * eviction) are written back. Resolves with every row.
   */
  load(): Promise<ReadonlyMap<string, number>>;
  /**
   * The port of `nodeId`: the stored one, else a new atomic claim. Rejects with
   * {@link PortRangeFullError} or {@link PortTableError}.
   */
  claim(nodeId: string): Promise<number>;
  /** The cached port of `nodeId` (synchronous). */
  portOf(nodeId: string): number | undefined;
  /** Every cached row. */
  entries(): ReadonlyMap<string, number>;
  /** Called once for every row learnt (claimed here or loaded). Returns the unsubscribe function. */
  onChange(listener: (nodeId: string, port: number) => void): () => void;
  /**
   * A port could not be bound: the node gets another (memory tables only; a shared table never
   * moves a node, which would split the replicas' tables). Undefined when not possible.
   */
  replace?(nodeId: string): number | undefined;
}

/** Every port of the range is given to a node: `nodeId` gets none. Code `ERR_PORT_RANGE_FULL`. */
export class PortRangeFullError extends SlotbridgeError {
  constructor(
    readonly nodeId: string,
    range: PortRange,
  ) {
    super(
      'ERR_PORT_RANGE_FULL',
      `no free port left in ${range.first}-${range.last} for node ${nodeId}: ports of nodes that left are never reused; widen --ports (or remove rows of nodes gone for good from the port table)`,
    );
  }
}

/** The table's store cannot be read or written (unreachable, NOPERM, read-only). Code `ERR_PORT_TABLE`. */
export class PortTableError extends SlotbridgeError {
  /** Retrying will not help (NOPERM, a read-only file, a key of another type). */
  readonly permanent: boolean;
  /**
   * Only this node is concerned (a read-only table that does not list it): the others are served, it
   * gets no port, as with a full range.
   */
  readonly nodeOnly: boolean;
  constructor(message: string, options?: { cause?: unknown; permanent?: boolean; nodeOnly?: boolean }) {
    super('ERR_PORT_TABLE', message, options);
    this.permanent = options?.permanent ?? false;
    this.nodeOnly = options?.nodeOnly ?? false;
  }
}

/**
 * The rows and listeners every table keeps in memory, and the choice of a free port. Subclasses
 * say how rows reach and come from their store.
 */
export abstract class CachedPortTable implements PortTable {
  protected readonly byNode = new Map<string, number>();
  /** Ports given to a node (or reserved: entry and metrics ports), never handed out again. */
  protected readonly taken = new Set<number>();
  private readonly listeners = new Set<(nodeId: string, port: number) => void>();
  abstract readonly description: string;
  abstract readonly shared: boolean;

  constructor(
    readonly range: PortRange,
    reserved: Iterable<number> = [],
  ) {
    for (const port of reserved) this.taken.add(port);
  }

  abstract load(): Promise<ReadonlyMap<string, number>>;
  abstract claim(nodeId: string): Promise<number>;

  portOf(nodeId: string): number | undefined {
    return this.byNode.get(nodeId);
  }

  entries(): ReadonlyMap<string, number> {
    return this.byNode;
  }

  onChange(listener: (nodeId: string, port: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records a row (from the store or a claim); listeners hear of new or changed rows only. */
  protected remember(nodeId: string, port: number): void {
    this.taken.add(port);
    if (this.byNode.get(nodeId) === port) return;
    this.byNode.set(nodeId, port);
    for (const listener of this.listeners) listener(nodeId, port);
  }

  /** The lowest port of the range not taken, at or after `from`; undefined when none. */
  protected freePort(from = this.range.first, skip?: ReadonlySet<number>): number | undefined {
    for (let port = Math.max(from, this.range.first); port <= this.range.last; port++) {
      if (!this.taken.has(port) && skip?.has(port) !== true) return port;
    }
    return undefined;
  }

  /** Ports left to hand out. */
  get free(): number {
    let count = 0;
    for (let port = this.range.first; port <= this.range.last; port++) if (!this.taken.has(port)) count++;
    return count;
  }
}

/**
 * The table in this process only (`--port-table memory`): lost on restart, one per replica. Also what
 * a worker process holds, fed with {@link assign} from its primary's table.
 */
export class MemoryPortTable extends CachedPortTable {
  readonly description = 'memory';
  readonly shared = false;

  async load(): Promise<ReadonlyMap<string, number>> {
    return this.byNode;
  }

  async claim(nodeId: string): Promise<number> {
    const known = this.byNode.get(nodeId);
    if (known !== undefined) return known;
    const port = this.freePort();
    if (port === undefined) throw new PortRangeFullError(nodeId, this.range);
    this.remember(nodeId, port);
    return port;
  }

  /** Takes a row decided elsewhere (a worker told by its primary). */
  assign(nodeId: string, port: number): void {
    this.remember(nodeId, port);
  }

  replace(nodeId: string): number | undefined {
    // The old port stays taken: it is retired, never given to another node.
    const port = this.freePort();
    if (port === undefined) return undefined;
    this.remember(nodeId, port);
    return port;
  }
}
