/**
 * What the proxy knows of the cluster: every node by id (primaries and replicas, also failed ones) with
 * its announced address and the proxy port it was given. Refreshed from CLUSTER NODES (the reply that
 * lists every node the cluster knows, on every version), asked through the topology's view fetch
 * (view-fetch.ts) over a plain {@link Connection}; refreshes are coalesced.
 * New nodes get a port, and their listener is started (the `onNewNode` hook), before a refresh resolves,
 * so a reply naming them is forwarded only once their port answers.
 */
import type { AddressContext, NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { ConnectionError } from '../errors.js';
import { type ClusterNodeInfo, type ClusterView, SLOT_COUNT } from '../topology/cluster/cluster-view.js';
import { fetchClusterView } from '../topology/cluster/view-fetch.js';
import { NodeDirectory, type NodeDirectoryOptions, type SeenNode } from './node-directory.js';
import { PortTableError } from './port-table.js';
import type { ProxyNode } from './proxy-directory.js';

export type { ProxyNode } from './proxy-directory.js';

export interface ClusterDirectoryOptions extends NodeDirectoryOptions {
  /** Seed addresses to ask when no known node answers. */
  seeds: NodeAddress[];
}

export class ClusterDirectory extends NodeDirectory {
  constructor(private readonly options: ClusterDirectoryOptions) {
    super(options);
  }

  protected label(node: ProxyNode): string {
    return `node ${node.id.slice(0, 8)}`;
  }

  protected addressContext(node: ProxyNode): AddressContext {
    return { source: 'cluster-nodes', nodeId: node.id, role: node.role === 'primary' ? 'master' : 'replica' };
  }

  /** The primaries seen last, then the seeds: any cluster node answers with MOVED to the key's owner. */
  protected override storeCandidates(): NodeAddress[] {
    return [...super.storeCandidates(), ...this.options.seeds];
  }

  protected async refreshOnce(): Promise<void> {
    const candidates: NodeAddress[] = [];
    for (const node of this.nodes.values()) {
      if (node.present && node.healthy) candidates.push({ host: node.host, port: node.port });
    }
    candidates.push(...this.options.seeds);
    const failures: string[] = [];
    for (const announced of candidates) {
      try {
        await this.apply(seenNodes(await this.askNodes(announced)));
        this.refreshCount++;
        return;
      } catch (error) {
        // The port table's store failing is not this node's fault: asking another changes nothing.
        if (error instanceof PortTableError) throw error;
        failures.push(
          `${formatAddress(announced)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    throw new ConnectionError(
      'ERR_CLUSTER_DISCOVERY',
      `slotbridge proxy: no cluster node answered CLUSTER NODES (${failures.join('; ')}). ` +
        'Check --cluster and that the nodes are up.',
    );
  }

  private async askNodes(announced: NodeAddress): Promise<ClusterView> {
    const connection = await this.discoveryConnection(announced);
    try {
      await connection.connect();
      const { view } = await fetchClusterView(connection, announced, {
        command: 'NODES',
        timeout: this.options.timeoutMs ?? 3000,
      });
      return view;
    } finally {
      connection.disconnect();
    }
  }
}

/**
 * The nodes of a CLUSTER NODES view, in a stable, readable port order for new ones: primaries by their
 * first slot, then replicas.
 */
function seenNodes(view: ClusterView): SeenNode[] {
  const entries: Array<{ info: ClusterNodeInfo; firstSlot: number }> = [];
  for (const shard of view.shards) {
    const firstSlot = shard.slots[0]?.[0] ?? SLOT_COUNT;
    for (const info of [shard.primary, ...shard.replicas]) {
      if (info.id !== undefined) entries.push({ info, firstSlot });
    }
  }
  const order = (entry: { info: ClusterNodeInfo; firstSlot: number }): number =>
    entry.info.role === 'primary' ? entry.firstSlot : SLOT_COUNT + 1;
  entries.sort((a, b) => order(a) - order(b));
  return entries.map(({ info }) => ({
    id: info.id as string,
    address: { host: info.host, port: info.port },
    role: info.role,
    primaryId: info.primaryId,
    healthy: info.healthy,
    // A node met but not yet answering on the cluster bus is not a member (noaddr lines never get here).
    member: !info.flags.includes('handshake'),
  }));
}
