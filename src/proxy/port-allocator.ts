/**
 * Hands out listening ports from a range, one per node id. A port given to a node stays that node's
 * for the life of the proxy (also after the node failed or was forgotten), so an address a client
 * learned never silently leads to another node.
 */
import { ConfigError } from '../errors.js';

export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Parses `31000-31099` (or a single port). Throws {@link ConfigError} naming `field`. */
export function parsePortRange(text: string, field = 'ports'): PortRange {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (match === null) throw new ConfigError(field, `expected FIRST-LAST (e.g. 31000-31099), got "${text}"`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (first < 1 || last > 65_535 || first > last) {
    throw new ConfigError(field, `"${text}" is not a range of ports between 1 and 65535, low to high`);
  }
  return { first, last };
}

export class PortAllocator {
  private readonly byNode = new Map<string, number>();
  private readonly taken = new Set<number>();
  private nextPort: number;

  /** `reserved` ports (the entry and metrics ports) are never handed out. */
  constructor(
    readonly range: PortRange,
    reserved: Iterable<number> = [],
  ) {
    this.nextPort = range.first;
    for (const port of reserved) this.taken.add(port);
  }

  /** The port of `nodeId`, allocating the next free one on first use; undefined when the range is full. */
  allocate(nodeId: string): number | undefined {
    const known = this.byNode.get(nodeId);
    if (known !== undefined) return known;
    while (this.nextPort <= this.range.last && this.taken.has(this.nextPort)) this.nextPort++;
    if (this.nextPort > this.range.last) return undefined;
    const port = this.nextPort++;
    this.taken.add(port);
    this.byNode.set(nodeId, port);
    return port;
  }

  /** The port already given to `nodeId`, if any. */
  portOf(nodeId: string): number | undefined {
    return this.byNode.get(nodeId);
  }

  /** The port of `nodeId` could not be bound: it is retired and the node gets the next free one. */
  replace(nodeId: string): number | undefined {
    this.byNode.delete(nodeId);
    return this.allocate(nodeId);
  }

  /** Ports left to hand out. */
  get free(): number {
    let count = 0;
    for (let port = this.nextPort; port <= this.range.last; port++) if (!this.taken.has(port)) count++;
    return count;
  }
}
