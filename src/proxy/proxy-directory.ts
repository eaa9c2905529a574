/** What a proxy needs from the topology it fronts (a cluster or a sentinel group). */
import type { NodeAddress } from '../address/index.js';
import type { NodeLookup } from './address-rewriter.js';
import type { PortTable } from './port-table.js';

/** One backend node as the proxy sees it. */
export interface ProxyNode {
  /** Cluster node id; `sentinel:<run id>` for a sentinel; `data:<host:port>` for a sentinel group's data node. */
  readonly id: string;
  /** Announced address (the key replies are matched on). */
  host: string;
  port: number;
  role: 'primary' | 'replica' | 'sentinel';
  primaryId: string | undefined;
  healthy: boolean;
  /** The listening port clients use for this node. */
  readonly proxyPort: number;
  /** Still listed by the topology at the last refresh. */
  present: boolean;
}

/** The nodes behind a proxy, each with its port, refreshed from the servers. */
export interface ProxyDirectory extends NodeLookup {
  /** Refreshes done (the first is the start-up discovery). */
  readonly refreshCount: number;
  /** Topology changes seen after start-up. */
  readonly changeCount: number;
  /** Every node ever seen, in the order ports were given. */
  list(): ProxyNode[];
  byId(id: string): ProxyNode | undefined;
  byAnnounced(host: string, port: number): ProxyNode | undefined;
  /** Where the proxy opens a socket to reach `node`. */
  target(node: ProxyNode): Promise<NodeAddress>;
  /** Asks the servers again; concurrent calls share one refresh. */
  refresh(): Promise<void>;
  /** A port could not be bound for `node`: it gets another one (memory tables only). */
  rebind(node: ProxyNode): ProxyNode | undefined;
  /**
   * The node id → port table this process owns; undefined in a worker of a group (the table is the
   * group primary's, and its rows arrive as messages).
   */
  readonly ports: PortTable | undefined;
  /** The proxy is stopping: closes what the directory holds open (the port table's store connection). */
  close(): void;
}
