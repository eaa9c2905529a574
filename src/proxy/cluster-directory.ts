/**
 * What the proxy knows of the cluster: every node by id (primaries and replicas, also failed ones) with
 * its announced address and the proxy port it was given. Refreshed from CLUSTER NODES (the reply that
 * lists every node the cluster knows), asked over a plain {@link Connection}; refreshes are coalesced.
 * New nodes get a port, and their listener is started (the `onNewNode` hook), before a refresh resolves,
 * so a reply naming them is forwarded only once their port answers.
 */
import type { AddressMapper, NodeAddress } from '../address/index.js';
import { formatAddress, identityAddressMapper } from '../address/index.js';
import { Connection } from '../connection/index.js';
import { ConnectionError } from '../errors.js';
import { parseClusterNodesLine } from '../topology/cluster/cluster-topology-parsers.js';
import { type ClusterNodeInfo, SLOT_COUNT } from '../topology/cluster/cluster-view.js';
import type { PortAllocator } from './port-allocator.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';

export type { ProxyNode } from './proxy-directory.js';

export interface ClusterDirectoryOptions {
  /** Seed addresses to ask when no known node answers. */
  seeds: NodeAddress[];
  allocator: PortAllocator;
  username?: string;
  password?: string;
  /** Where the proxy's own sockets go for an announced address (default identity). */
  addressMapper?: AddressMapper;
  /** Timeout of each discovery connection and command, ms (default 3000). */
  timeoutMs?: number;
  /** Called (and awaited) for every node that got a port, before the refresh resolves. */
  onNewNode: (node: ProxyNode) => Promise<void>;
  /** One line per topology change. */
  log: (line: string) => void;
}

export class ClusterDirectory implements ProxyDirectory {
  private readonly nodes = new Map<string, ProxyNode>();
  private readonly byAddress = new Map<string, ProxyNode>();
  private readonly byProxyPort = new Map<number, ProxyNode>();
  private readonly mapper: AddressMapper;
  private inflight: Promise<void> | undefined;
  /** Refreshes done (the first is the start-up discovery). */
  refreshCount = 0;
  /** Topology changes seen after start-up. */
  changeCount = 0;

  constructor(private readonly options: ClusterDirectoryOptions) {
    this.mapper = options.addressMapper ?? identityAddressMapper;
  }

  /** Every node ever seen, in the order ports were given. */
  list(): ProxyNode[] {
    return [...this.nodes.values()];
  }

  byId(id: string): ProxyNode | undefined {
    return this.nodes.get(id);
  }

  /** The node announced at `host:port`. */
  byAnnounced(host: string, port: number): ProxyNode | undefined {
    return this.byAddress.get(formatAddress({ host, port }));
  }

  byPort(proxyPort: number): ProxyNode | undefined {
    return this.byProxyPort.get(proxyPort);
  }

  /** Where the proxy opens a socket to reach `node`. */
  async target(node: ProxyNode): Promise<NodeAddress> {
    const mapped = await this.mapper.resolve(
      { host: node.host, port: node.port },
      { source: 'cluster-nodes', nodeId: node.id, role: node.role === 'primary' ? 'master' : 'replica' },
    );
    return { host: mapped.host, port: mapped.port };
  }

  /** Asks the cluster again; concurrent calls share one refresh. */
  refresh(): Promise<void> {
    if (this.inflight === undefined) {
      this.inflight = this.refreshOnce().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async refreshOnce(): Promise<void> {
    const candidates: NodeAddress[] = [];
    for (const node of this.nodes.values()) {
      if (node.present && node.healthy) candidates.push({ host: node.host, port: node.port });
    }
    candidates.push(...this.options.seeds);
    const failures: string[] = [];
    for (const announced of candidates) {
      try {
        const text = await this.askNodes(announced);
        await this.apply(text, announced);
        this.refreshCount++;
        return;
      } catch (error) {
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

  private async askNodes(announced: NodeAddress): Promise<string> {
    const mapped = await this.mapper.resolve(announced, { source: 'config' });
    const timeout = this.options.timeoutMs ?? 3000;
    const connection = new Connection({
      host: mapped.host,
      port: mapped.port,
      protocol: 2,
      reconnect: false,
      connectTimeout: timeout,
      commandTimeout: timeout,
      maxOfflineQueue: 0,
      ...(this.options.username !== undefined ? { username: this.options.username } : {}),
      ...(this.options.password !== undefined ? { password: this.options.password } : {}),
    });
    connection.on('error', () => {});
    try {
      await connection.connect();
      const reply = await connection.send(['CLUSTER', 'NODES']);
      if (typeof reply === 'string') return reply;
      if (Buffer.isBuffer(reply)) return reply.toString('utf8');
      throw new ConnectionError('ERR_CLUSTER_DISCOVERY', 'CLUSTER NODES did not reply with text');
    } finally {
      connection.disconnect();
    }
  }

  private async apply(text: string, answeredBy: NodeAddress): Promise<void> {
    const seen = new Set<string>();
    const fresh: Array<{ info: ClusterNodeInfo; firstSlot: number }> = [];
    const first = this.refreshCount === 0;
    for (const line of text.split('\n')) {
      const parsed = parseClusterNodesLine(line, { answeredBy });
      const info = parsed?.node;
      if (parsed === undefined || info === undefined || info.id === undefined) continue;
      seen.add(info.id);
      const known = this.nodes.get(info.id);
      if (known === undefined) fresh.push({ info, firstSlot: parsed.slots[0]?.[0] ?? SLOT_COUNT });
      else this.update(known, info.host, info.port, info.role, info.primaryId, info.healthy);
    }
    // Stable, readable port order: primaries by their first slot, then replicas in their primaries' order.
    const primaryOrder = (info: ClusterNodeInfo, firstSlot: number): number =>
      info.role === 'primary' ? firstSlot : SLOT_COUNT + 1;
    fresh.sort((a, b) => primaryOrder(a.info, a.firstSlot) - primaryOrder(b.info, b.firstSlot));
    const added: ProxyNode[] = [];
    for (const { info } of fresh) {
      const id = info.id as string;
      const proxyPort = this.options.allocator.allocate(id);
      if (proxyPort === undefined) {
        this.options.log(`warning: no free port left in the range for node ${id} (${formatAddress(info)})`);
        continue;
      }
      const node: ProxyNode = {
        id,
        host: info.host,
        port: info.port,
        role: info.role,
        primaryId: info.primaryId,
        healthy: info.healthy,
        proxyPort,
        present: true,
      };
      this.nodes.set(id, node);
      this.byProxyPort.set(proxyPort, node);
      this.index(node);
      added.push(node);
    }
    for (const node of this.nodes.values()) {
      if (!seen.has(node.id) && node.present) {
        node.present = false;
        this.change(
          `node ${short(node.id)} (${describe(node)}) left the cluster; port ${node.proxyPort} kept`,
        );
      }
    }
    for (const node of added) {
      await this.options.onNewNode(node);
      const current = this.nodes.get(node.id) ?? node;
      if (!first)
        this.change(`node ${short(node.id)} joined: ${describe(current)} -> port ${current.proxyPort}`);
    }
  }

  private update(
    node: ProxyNode,
    host: string,
    port: number,
    role: ProxyNode['role'],
    primaryId: string | undefined,
    healthy: boolean,
  ): void {
    const changes: string[] = [];
    if (node.host !== host || node.port !== port) {
      changes.push(`address ${formatAddress(node)} -> ${formatAddress({ host, port })}`);
      this.byAddress.delete(formatAddress(node));
      node.host = host;
      node.port = port;
      this.index(node);
    }
    if (node.role !== role) changes.push(`role ${node.role} -> ${role}`);
    if (node.healthy !== healthy) changes.push(healthy ? 'healthy again' : 'failing');
    if (!node.present) changes.push('back in the cluster');
    node.role = role;
    node.primaryId = primaryId;
    node.healthy = healthy;
    node.present = true;
    if (changes.length > 0)
      this.change(`node ${short(node.id)} port ${node.proxyPort}: ${changes.join(', ')}`);
  }

  private index(node: ProxyNode): void {
    this.byAddress.set(formatAddress(node), node);
  }

  private change(line: string): void {
    this.changeCount++;
    this.options.log(`topology: ${line}`);
  }

  /** A port could not be bound for `node`: it gets another one. */
  rebind(node: ProxyNode): ProxyNode | undefined {
    const port = this.options.allocator.replace(node.id);
    if (port === undefined) return undefined;
    const moved: ProxyNode = { ...node, proxyPort: port };
    this.byProxyPort.delete(node.proxyPort);
    this.nodes.set(node.id, moved);
    this.byProxyPort.set(port, moved);
    this.index(moved);
    return moved;
  }
}

function short(id: string): string {
  return id.slice(0, 8);
}

function describe(node: ProxyNode): string {
  return `${node.role} ${formatAddress(node)}`;
}
