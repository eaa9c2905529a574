/**
 * Turns an address a node announced into the one the proxy advertises for it. Nodes are matched by id
 * when the reply carries one, else by announced `host:port`; an empty host means "the node that
 * answered". An address the proxy does not know is left as it is and counted in `missing`, so the
 * caller can refresh the topology and rewrite again before forwarding.
 */
import type { ProxyNode } from './cluster-directory.js';

/** How the rewriter finds nodes (a ClusterDirectory, or a table in tests). */
export interface NodeLookup {
  byId(id: string): Pick<ProxyNode, 'proxyPort'> | undefined;
  byAnnounced(host: string, port: number): Pick<ProxyNode, 'proxyPort'> | undefined;
}

export class AddressRewriter {
  /** Addresses that named no known node during this rewrite. */
  missing = 0;
  /** Addresses replaced during this rewrite. */
  replaced = 0;
  /**
   * Set for the last attempt (after a topology refresh): an address of no known node is withheld —
   * given as port 0 on the advertised host — rather than forwarded as the backend wrote it.
   */
  withhold = false;

  constructor(
    private readonly directory: NodeLookup,
    /** Host (IP or name) every rewritten address carries. */
    readonly advertiseHost: string,
    /** The node whose reply is being rewritten (its proxy port replaces its own port, e.g. INFO tcp_port). */
    readonly answeredBy: { readonly host: string; readonly proxyPort?: number },
    /** The client's address as the proxy sees it (CLIENT INFO `addr`). */
    readonly clientAddress = '?:0',
  ) {}

  /** The proxy port for the node `id` or announced at `host:port`; undefined when unknown. */
  portFor(id: string | undefined, host: string, port: number): number | undefined {
    if (id !== undefined && id !== '') {
      const node = this.directory.byId(id);
      if (node !== undefined) return this.hit(node.proxyPort);
    }
    const announcedHost = host === '' ? this.answeredBy.host : host;
    const node = this.directory.byAnnounced(announcedHost, port);
    if (node !== undefined) return this.hit(node.proxyPort);
    this.missing++;
    if (this.withhold) return this.hit(0);
    return undefined;
  }

  /** The answering node's own port, as clients know it; also counted as a replacement. */
  ownPort(): number {
    this.replaced++;
    return this.answeredBy.proxyPort ?? 0;
  }

  private hit(port: number): number {
    this.replaced++;
    return port;
  }

  /** `host:port` text as advertised, IPv6 in brackets. */
  endpoint(port: number): string {
    const host = this.advertiseHost.includes(':') ? `[${this.advertiseHost}]` : this.advertiseHost;
    return `${host}:${port}`;
  }
}
