/**
 * Who may open a client connection: the proxy's connection limits and the counters they are checked
 * against, in one place. A connection is counted from the moment it is admitted (also while its backend
 * target is still being resolved) until its release, which is idempotent: whichever of the proxy and
 * the session ends it first releases it once.
 */
import type { ProxyMetrics } from './metrics.js';
import type { ProxyNode } from './proxy-directory.js';

export interface AdmissionLimits {
  /** Client connections at once. */
  readonly maxConnections: number;
  /** Client connections from one IP address. */
  readonly maxConnectionsPerClientIp: number;
  /** Client connections to one node. */
  readonly maxConnectionsPerBackend: number;
}

/** Hands back a connection's counts. */
export type Release = () => void;

export class Admission {
  private active = 0;
  private readonly perIp = new Map<string, number>();
  private readonly perNode = new Map<string, number>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly metrics: ProxyMetrics,
  ) {}

  /** Connections admitted and not yet released. */
  get count(): number {
    return this.active;
  }

  /** The node has as many clients as it may have. */
  full(nodeId: string): boolean {
    return (this.perNode.get(nodeId) ?? 0) >= this.limits.maxConnectionsPerBackend;
  }

  /** Counts a new connection from `ip` to `node`, or says why it is refused (metrics counted either way). */
  admit(ip: string, node: ProxyNode): Release | string {
    const { maxConnections, maxConnectionsPerClientIp, maxConnectionsPerBackend } = this.limits;
    let reason: string | undefined;
    if (this.active >= maxConnections) reason = `max number of clients reached (${maxConnections})`;
    else if ((this.perIp.get(ip) ?? 0) >= maxConnectionsPerClientIp) {
      reason = `max number of clients from one address reached (${maxConnectionsPerClientIp})`;
      this.metrics.rejectedPerClientIp++;
    } else if (this.full(node.id)) {
      reason = `max number of clients of node ${node.id} (proxy port ${node.proxyPort}) reached (${maxConnectionsPerBackend})`;
      this.metrics.rejectedPerBackend++;
    }
    if (reason !== undefined) {
      this.metrics.connectionsRejected++;
      return reason;
    }
    this.active++;
    this.metrics.connectionsTotal++;
    this.metrics.connectionsActive++;
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    this.perNode.set(node.id, (this.perNode.get(node.id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.metrics.connectionsActive--;
      decrement(this.perIp, ip);
      decrement(this.perNode, node.id);
    };
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const count = (map.get(key) ?? 1) - 1;
  if (count <= 0) map.delete(key);
  else map.set(key, count);
}
