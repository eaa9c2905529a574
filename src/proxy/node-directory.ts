/**
 * Above ~400 lines for a reason: the node table, its port claims and the port table's store connection change
 * together on every refresh; how each topology is asked lives in cluster-directory.ts and sentinel-directory.ts.
 *
 * The part every proxy directory shares, whatever the topology: nodes indexed by id, announced address
 * and proxy port; coalesced refreshes; a port per new node, whose listener is started (`onNewNode`)
 * before the refresh resolves; one log line per topology change; discovery connections through the
 * address mapper. Subclasses only say how to ask their servers for the list of nodes.
 */
import type { AddressContext, AddressMapper, NodeAddress } from '../address/index.js';
import { formatAddress, identityAddressMapper, NodeConnector } from '../address/index.js';
import type { Connection } from '../connection/index.js';
import { ConnectionError } from '../errors.js';
import { isRedirect, type RespValue } from '../resp/index.js';
import type { BackendAllowList } from './backend-allow-list.js';
import { PortRangeFullError, type PortTable, PortTableError } from './port-table.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';

/** Options every directory takes. */
export interface NodeDirectoryOptions {
  /** The node id → port table (memory, a hash in the servers, or a file). */
  ports: PortTable;
  /** A node got no port: the range is full or the table's store failed. */
  onPortError?: (error: PortRangeFullError | PortTableError) => void;
  /** The only addresses the proxy connects to (see BackendAllowList). */
  allowList: BackendAllowList;
  /** A node left the topology, or now announces an address outside the allow-list: close its clients. */
  onNodeGone?: (node: ProxyNode) => void;
  /** A node address outside the allow-list was seen (and never connected to). */
  onRefused?: () => void;
  /** Credentials for the discovery connections (clients authenticate themselves). */
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

/** One node as a refresh saw it. */
export interface SeenNode {
  id: string;
  address: NodeAddress;
  role: ProxyNode['role'];
  primaryId: string | undefined;
  healthy: boolean;
  /**
   * A full member of the topology. Cluster nodes still in handshake (what CLUSTER MEET creates before
   * the other side answers on the cluster bus) are not: they get no port.
   */
  member?: boolean;
}

export abstract class NodeDirectory implements ProxyDirectory {
  protected readonly nodes = new Map<string, ProxyNode>();
  private readonly byAddress = new Map<string, ProxyNode>();
  private readonly byProxyPort = new Map<number, ProxyNode>();
  protected readonly mapper: AddressMapper;
  /** Opens the discovery connections: RESP2, no reconnect, bounded, the proxy's credentials. */
  private readonly connector: NodeConnector;
  private inflight: Promise<void> | undefined;
  /** Refreshes done (the first is the start-up discovery). */
  refreshCount = 0;
  /** Topology changes seen after start-up. */
  changeCount = 0;

  constructor(protected readonly base: NodeDirectoryOptions) {
    this.mapper = base.addressMapper ?? identityAddressMapper;
    const timeout = base.timeoutMs ?? 3000;
    this.connector = new NodeConnector(
      {
        protocol: 2,
        reconnect: false,
        connectTimeout: timeout,
        commandTimeout: timeout,
        maxOfflineQueue: 0,
        ...(base.username !== undefined ? { username: base.username } : {}),
        ...(base.password !== undefined ? { password: base.password } : {}),
      },
      this.mapper,
    );
  }

  /** The nodes the latest refresh saw (also during its first apply, before any is registered). */
  private latestSeen: readonly SeenNode[] = [];
  /** Nodes already warned about a full range or a read-only table (once each). */
  private readonly rangeFullWarned = new Set<string>();

  /** Asks the servers once and applies what they said (the subclass's discovery). */
  protected abstract refreshOnce(): Promise<void>;

  /** How a node is named in log lines. */
  protected abstract label(node: ProxyNode): string;

  /** What the mapper is told about `node`'s announced address (source, role, identity). */
  protected abstract addressContext(node: ProxyNode): AddressContext;

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

  /** Where the proxy opens a socket to reach `node`: an allowed address, else it throws. */
  async target(node: ProxyNode): Promise<NodeAddress> {
    const mapped = await this.mapper.resolve({ host: node.host, port: node.port }, this.addressContext(node));
    const allowed = await this.base.allowList.resolve({ host: mapped.host, port: mapped.port });
    if (allowed === undefined) {
      this.base.onRefused?.();
      throw new ConnectionError(
        'ERR_BACKEND_NOT_ALLOWED',
        'the node address is outside the backend allow-list',
      );
    }
    return allowed;
  }

  /** Whether `address`, announced for a node, maps to an allowed address. */
  private async allowed(address: NodeAddress, context: AddressContext): Promise<boolean> {
    const mapped = await this.mapper.resolve(address, context).catch(() => undefined);
    if (mapped === undefined) return false;
    return (await this.base.allowList.resolve({ host: mapped.host, port: mapped.port })) !== undefined;
  }

  /** Asks the servers again; concurrent calls share one refresh. */
  refresh(): Promise<void> {
    if (this.inflight === undefined) {
      this.inflight = this.refreshOnce().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** The node id → port table this directory claims from (the only one of a worker group). */
  get ports(): PortTable {
    return this.base.ports;
  }

  /** A port could not be bound for `node`: it gets another one (memory tables only). */
  rebind(node: ProxyNode): ProxyNode | undefined {
    const port = this.base.ports.replace?.(node.id);
    if (port === undefined) return undefined;
    const moved: ProxyNode = { ...node, proxyPort: port };
    this.byProxyPort.delete(node.proxyPort);
    this.register(moved);
    return moved;
  }

  /**
   * Where a store kept in the servers is written: the primaries the latest refresh saw (a cluster's
   * MOVED leads to the key's owner), else the configured seeds.
   */
  protected storeCandidates(): NodeAddress[] {
    const primaries = this.latestSeen.filter((entry) => entry.role === 'primary' && entry.healthy);
    return primaries.map((entry) => entry.address);
  }

  private storeConnection: { connection: Connection; address: string } | undefined;
  private storeClosed = false;

  /**
   * Sends one command of the port table's store: on the connection used last while it works, else to
   * each candidate in turn, following up to {@link PORT_TABLE_MAX_REDIRECTS} MOVED redirects.
   */
  async storeSend(args: readonly string[]): Promise<RespValue> {
    if (this.storeClosed) throw new ConnectionError('ERR_CONNECTION_CLOSED', 'the proxy is stopping');
    const failures: string[] = [];
    const held = this.storeConnection;
    if (held !== undefined) {
      try {
        return await this.sendFollowing(held.connection, args);
      } catch (error) {
        if (!isRetryableStoreError(error)) throw error;
        failures.push(`${held.address}: ${(error as Error).message}`);
        held.connection.disconnect();
        this.storeConnection = undefined;
      }
    }
    for (const address of this.storeCandidates()) {
      let connection: Connection | undefined;
      try {
        connection = await this.discoveryConnection(address, 'master');
        await connection.connect();
        return await this.sendFollowing(connection, args);
      } catch (error) {
        if (connection !== this.storeConnection?.connection) connection?.disconnect();
        if (!isRetryableStoreError(error)) throw error;
        failures.push(`${formatAddress(address)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new ConnectionError(
      'ERR_PORT_TABLE_UNREACHABLE',
      `no server holding the port table answered (${failures.join('; ') || 'no primary known'})`,
    );
  }

  /** Closes the port table's store connection (the proxy is stopping). */
  close(): void {
    this.storeClosed = true;
    this.storeConnection?.connection.disconnect();
    this.storeConnection = undefined;
  }

  /** Sends `args` on `connection`, moving to the node a MOVED names (kept for the next command). */
  private async sendFollowing(first: Connection, args: readonly string[]): Promise<RespValue> {
    let connection = first;
    for (let hop = 0; ; hop++) {
      try {
        const reply = await connection.send(args);
        if (this.storeClosed) connection.disconnect();
        else if (this.storeConnection?.connection !== connection) {
          this.storeConnection?.connection.disconnect();
          this.storeConnection = { connection, address: connection.address };
        }
        return reply;
      } catch (error) {
        if (!isRedirect(error) || error.kind !== 'MOVED' || hop >= PORT_TABLE_MAX_REDIRECTS) throw error;
        if (connection !== this.storeConnection?.connection) connection.disconnect();
        const host = error.host === '' ? connection.options.host : error.host;
        connection = await this.discoveryConnection({ host: host ?? '', port: error.port }, 'master');
        await connection.connect();
      }
    }
  }

  /** A plain connection for discovery (RESP2, no reconnect, bounded), to a configured address. */
  protected async discoveryConnection(announced: NodeAddress, role?: string): Promise<Connection> {
    const mapped = await this.connector.resolve(announced, { source: 'config', ...(role ? { role } : {}) });
    // The proxy's credentials go only to allowed addresses.
    const allowed = await this.base.allowList.resolve({ host: mapped.host, port: mapped.port });
    if (allowed === undefined) {
      this.base.onRefused?.();
      throw new ConnectionError('ERR_BACKEND_NOT_ALLOWED', 'outside the backend allow-list (--backend-cidr)');
    }
    const connection = this.connector.open(allowed);
    connection.on('error', () => {});
    return connection;
  }

  /**
   * Applies one refresh: known nodes are updated, new members at allowed addresses get a port (in the
   * order given) and their listener. Nodes no longer listed — or now announcing an address outside the
   * allow-list — keep their port number (never reused for another node), but the port forwards nothing
   * until they are back.
   */
  protected async apply(seen: readonly SeenNode[]): Promise<void> {
    const first = this.refreshCount === 0;
    this.latestSeen = seen;
    if (!first && this.base.ports.shared) this.rereadTable();
    const ids = new Set<string>();
    const added: ProxyNode[] = [];
    for (const entry of seen) {
      if (entry.member === false) continue;
      const known = this.nodes.get(entry.id);
      const context = known === undefined ? this.seenContext(entry) : this.addressContext(known);
      if (!(await this.allowed(entry.address, context))) {
        this.refuse(entry);
        continue;
      }
      ids.add(entry.id);
      if (known !== undefined) {
        this.update(known, entry);
        continue;
      }
      if (added.some((node) => node.id === entry.id)) continue;
      let proxyPort: number;
      try {
        proxyPort = await this.base.ports.claim(entry.id);
      } catch (error) {
        // Without the table at start-up nothing can be served consistently with the other replicas.
        const nodeOnly =
          error instanceof PortRangeFullError || (error instanceof PortTableError && error.nodeOnly);
        if (first && !nodeOnly) {
          throw error instanceof PortTableError
            ? error
            : new PortTableError(error instanceof Error ? error.message : String(error), { cause: error });
        }
        this.portError(error, entry);
        continue;
      }
      const node = proxyNode(entry, proxyPort, true);
      this.register(node);
      added.push(node);
    }
    for (const node of this.nodes.values()) {
      if (!ids.has(node.id) && node.present) {
        node.present = false;
        this.change(
          `${this.label(node)} (${describe(node)}) is no longer listed at an allowed address; port ${node.proxyPort} reserved, forwarding nothing`,
        );
        this.base.onNodeGone?.(node);
      }
    }
    for (const node of added) {
      await this.base.onNewNode(node);
      const current = this.nodes.get(node.id) ?? node;
      if (!first)
        this.change(`${this.label(current)} joined: ${describe(current)} -> port ${current.proxyPort}`);
    }
  }

  private rereading = false;

  /**
   * Re-reads a shared table in the background (rows the store lost are written back): never awaited by
   * a refresh, so a store that is slow or failing over never delays topology changes.
   */
  private rereadTable(): void {
    if (this.rereading) return;
    this.rereading = true;
    this.base.ports
      .load()
      .catch((error: unknown) => {
        if (!this.storeClosed) this.portError(error, undefined);
      })
      .finally(() => {
        this.rereading = false;
      });
  }

  /** Logs (once per node for a full range) and counts a claim that failed; the next refresh tries again. */
  private portError(error: unknown, entry: SeenNode | undefined): void {
    if (error instanceof PortRangeFullError) {
      this.base.onPortError?.(error);
      if (this.rangeFullWarned.has(error.nodeId)) return;
      this.rangeFullWarned.add(error.nodeId);
      const where = entry === undefined ? '' : ` (${formatAddress(entry.address)})`;
      this.base.log(`warning: ${error.message}${where}; replies naming it carry port 0`);
      return;
    }
    if (error instanceof PortTableError && error.nodeOnly && entry !== undefined) {
      this.base.onPortError?.(error);
      if (this.rangeFullWarned.has(entry.id)) return;
      this.rangeFullWarned.add(entry.id);
      this.base.log(`warning: ${error.message}; replies naming it carry port 0`);
      return;
    }
    const wrapped =
      error instanceof PortTableError
        ? error
        : new PortTableError(error instanceof Error ? error.message : String(error), { cause: error });
    this.base.onPortError?.(wrapped);
    const what = entry === undefined ? 'reading the port table' : `no port for node ${entry.id} yet`;
    this.base.log(`warning: ${what}: ${wrapped.message}`);
  }

  /** What the mapper is told about a node not known yet. */
  private seenContext(entry: SeenNode): AddressContext {
    return this.addressContext(proxyNode(entry, 0, false));
  }

  /** Logged once per node and address: never connected to, never given a port. */
  private readonly refused = new Set<string>();
  private refuse(entry: SeenNode): void {
    const key = `${entry.id} ${formatAddress(entry.address)}`;
    if (this.refused.has(key)) return;
    this.refused.add(key);
    this.base.onRefused?.();
    this.base.log(
      `warning: node ${entry.id.slice(0, 16)} announces ${formatAddress(entry.address)}, outside the backend allow-list (${this.base.allowList.networks.join(', ')}): not connected to, no port (widen with --backend-cidr)`,
    );
  }

  private update(node: ProxyNode, entry: SeenNode): void {
    const changes: string[] = [];
    if (node.host !== entry.address.host || node.port !== entry.address.port) {
      changes.push(`address ${formatAddress(node)} -> ${formatAddress(entry.address)}`);
      this.byAddress.delete(formatAddress(node));
      node.host = entry.address.host;
      node.port = entry.address.port;
      this.byAddress.set(formatAddress(node), node);
    }
    if (node.role !== entry.role) changes.push(`role ${node.role} -> ${entry.role}`);
    if (node.healthy !== entry.healthy) changes.push(entry.healthy ? 'healthy again' : 'failing');
    if (!node.present) changes.push('listed again');
    node.role = entry.role;
    node.primaryId = entry.primaryId;
    node.healthy = entry.healthy;
    node.present = true;
    if (changes.length > 0) this.change(`${this.label(node)} port ${node.proxyPort}: ${changes.join(', ')}`);
  }

  private register(node: ProxyNode): void {
    this.nodes.set(node.id, node);
    this.byProxyPort.set(node.proxyPort, node);
    this.byAddress.set(formatAddress(node), node);
  }

  private change(line: string): void {
    this.changeCount++;
    this.base.log(`topology: ${line}`);
  }
}

/**
 * MOVED redirects the port table's store follows for one command. The table's key moves when the cluster
 * reshards or fails over: one hop follows that, a second one a move during the first; more means the
 * cluster is still changing, so the command fails (retryable) and the next refresh tries again instead of
 * chasing the key.
 */
export const PORT_TABLE_MAX_REDIRECTS = 3;

function describe(node: ProxyNode): string {
  return `${node.role} ${formatAddress(node)}`;
}

/** The directory's record of a node a refresh saw. */
function proxyNode(entry: SeenNode, proxyPort: number, present: boolean): ProxyNode {
  return {
    id: entry.id,
    host: entry.address.host,
    port: entry.address.port,
    role: entry.role,
    primaryId: entry.primaryId,
    healthy: entry.healthy,
    proxyPort,
    present,
  };
}

/**
 * A store error another server (or a later try) may not give: unreachable, failing over, loading, the
 * key's slot migrating (ASK: tried again once the migration is done).
 */
function isRetryableStoreError(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ERR_TIMEOUT' ||
    code === 'MOVED' ||
    code === 'ASK' ||
    code === 'CLUSTERDOWN' ||
    code === 'TRYAGAIN' ||
    code === 'LOADING' ||
    code === 'READONLY' ||
    code === 'MASTERDOWN'
  );
}
