/**
 * `slotbridge proxy` for a Redis Cluster or a sentinel group: discovers the topology, opens one listening
 * port per node (cluster primaries and replicas keyed by node id; or sentinels by run id and the data
 * nodes of one master name by address), pairs every client connection with its own connection to that
 * port's node, and rewrites every address in replies (and sentinel events) to the proxy's. See
 * ClientSession for the per-connection rules, ClusterDirectory and SentinelDirectory for the topologies.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressMapper, NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { BackendWatch } from './backend-watch.js';
import { ClientSession, type SessionContext } from './client-session.js';
import { ClusterDirectory } from './cluster-directory.js';
import { ProxyMetrics } from './metrics.js';
import { PortAllocator, type PortRange } from './port-allocator.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-parser.js';
import { SentinelDirectory } from './sentinel-directory.js';

export interface ClusterProxyOptions {
  /** Cluster nodes (or, with `sentinelName`, sentinels) to ask for the topology first. */
  seeds: NodeAddress[];
  /**
   * Sentinel mode: the master name. The seeds are sentinels; sentinels and the master's data nodes each
   * get a port, and sentinel replies and events are rewritten.
   */
  sentinelName?: string;
  /** Credentials of the proxy's own discovery connections (clients authenticate themselves). */
  username?: string;
  password?: string;
  /** Host (IP or name) that rewritten replies carry: what clients use to reach the proxy. */
  advertiseHost: string;
  /** Range the per-node ports come from. */
  ports: PortRange;
  /** Address the listeners bind (default 127.0.0.1). */
  listenHost?: string;
  /** A fixed entry port (outside the range) that pairs each connection with a healthy primary. */
  entryPort?: number;
  /** Serve Prometheus metrics on this port (on `listenHost`). */
  metricsPort?: number;
  /** Topology refresh period in ms, 0 for none (default 5000). */
  refreshIntervalMs?: number;
  /** Client connections accepted at once (default 10 000). */
  maxConnections?: number;
  requestLimits?: Partial<RequestLimits>;
  /** Largest reply read whole for rewriting (default 64 MiB). */
  maxRewriteBytes?: number;
  /** Requests awaiting replies on one connection (default 1 000 000). */
  maxPending?: number;
  /** Backend connect timeout, ms (default 5000). */
  connectTimeoutMs?: number;
  /**
   * Half-open backends: a health-checked connection per node with sessions PINGs after `interval` ms idle;
   * no reply within `timeout` ms closes that node's sessions (defaults 10 000 and 5 000). `false`: off.
   */
  backendHealthCheck?: { interval?: number; timeout?: number } | false;
  /** TCP keep-alive on client and backend sockets: ms idle before the first probe (default 30 000), 0: off. */
  keepAliveMs?: number;
  /** How long stop() waits for replies in flight, ms (default 5000). */
  drainTimeoutMs?: number;
  addressMapper?: AddressMapper;
  /** Log sink (default: stdout). */
  log?: (line: string) => void;
}

/** One row of the port table. */
export interface PortMapping {
  readonly proxyPort: number;
  readonly node: ProxyNode;
}

export class ClusterProxy {
  readonly metrics = new ProxyMetrics();
  readonly directory: ProxyDirectory;
  private readonly listeners = new Map<string, Server>();
  private readonly sessions = new Set<ClientSession>();
  private readonly listenHost: string;
  private readonly log: (line: string) => void;
  private readonly context: SessionContext;
  private entryServer: Server | undefined;
  private metricsServer: HttpServer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly backendWatch: BackendWatch | undefined;

  constructor(private readonly options: ClusterProxyOptions) {
    this.listenHost = options.listenHost ?? '127.0.0.1';
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    const reserved = [options.entryPort, options.metricsPort].filter((port) => port !== undefined);
    const common = {
      allocator: new PortAllocator(options.ports, reserved),
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.addressMapper !== undefined ? { addressMapper: options.addressMapper } : {}),
      onNewNode: (node: ProxyNode) => this.listen(node),
      log: (line: string) => {
        this.metrics.topologyChanges = this.directory.changeCount;
        this.log(line);
      },
    };
    this.directory =
      options.sentinelName === undefined
        ? new ClusterDirectory({ seeds: options.seeds, ...common })
        : new SentinelDirectory({ sentinels: options.seeds, name: options.sentinelName, ...common });
    this.context = {
      directory: this.directory,
      advertiseHost: options.advertiseHost,
      metrics: this.metrics,
      requestLimits: { ...DEFAULT_REQUEST_LIMITS, ...options.requestLimits },
      maxRewriteBytes: options.maxRewriteBytes ?? 64 * 1024 * 1024,
      maxPending: options.maxPending ?? 1_000_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      keepAliveMs: options.keepAliveMs ?? 30_000,
      log: this.log,
      onClose: (session) => this.sessions.delete(session),
    };
    const check = options.backendHealthCheck;
    if (check !== false) {
      this.backendWatch = new BackendWatch({
        interval: check?.interval ?? 10_000,
        timeout: check?.timeout ?? 5_000,
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        onHalfOpen: (nodeId, error) => this.closeSessionsOf(nodeId, error.message),
      });
    }
  }

  /** A backend stopped answering: its sessions are closed so their clients reconnect (and re-route). */
  private closeSessionsOf(nodeId: string, reason: string): void {
    let closed = 0;
    for (const session of [...this.sessions]) {
      if (session.node.id !== nodeId) continue;
      session.close();
      closed++;
    }
    this.metrics.backendHalfOpen++;
    this.log(`warning: node ${nodeId}: ${reason} (closed ${closed} client connection(s))`);
  }

  /** Discovers the cluster and opens every listener. Rejects when no seed answers or a port cannot be bound. */
  async start(): Promise<void> {
    if (!isLoopback(this.listenHost)) {
      this.log(
        `warning: listening on ${this.listenHost}, not loopback: anyone who reaches this address reaches the cluster`,
      );
    }
    await this.refresh();
    if (this.options.entryPort !== undefined) {
      this.entryServer = await this.bind(this.options.entryPort, (socket) => this.acceptEntry(socket));
    }
    if (this.options.metricsPort !== undefined) {
      this.metrics.timeOperations = true;
      await this.startMetrics(this.options.metricsPort);
    }
    const interval = this.options.refreshIntervalMs ?? 5000;
    if (interval > 0) {
      this.timer = setInterval(() => {
        this.refresh().catch((error: unknown) => {
          this.log(
            `warning: topology refresh failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }, interval);
      this.timer.unref();
    }
  }

  /** The address clients are given: the entry port, or the first node's port. */
  get entry(): NodeAddress {
    const port = this.options.entryPort ?? this.directory.list()[0]?.proxyPort ?? 0;
    return { host: this.options.advertiseHost, port };
  }

  /** Port ↔ node, in port order. */
  portTable(): PortMapping[] {
    return this.directory
      .list()
      .map((node) => ({ proxyPort: node.proxyPort, node }))
      .sort((a, b) => a.proxyPort - b.proxyPort);
  }

  /** The start-up table, one line per node. */
  describe(): string {
    const lines = [
      `slotbridge proxy: ${this.directory.list().length} nodes, entry ${formatAddress(this.entry)}`,
    ];
    for (const { proxyPort, node } of this.portTable()) {
      const role = node.role === 'replica' ? `replica of ${shortId(node.primaryId ?? '?')}` : node.role;
      lines.push(
        `  ${this.listenHost}:${proxyPort} (advertised ${formatAddress({ host: this.options.advertiseHost, port: proxyPort })}) -> ${shortId(node.id)} ${formatAddress(node)} ${role}`,
      );
    }
    if (this.options.metricsPort !== undefined) {
      lines.push(
        `  metrics: http://${formatAddress({ host: this.listenHost, port: this.options.metricsPort })}/metrics`,
      );
    }
    return lines.join('\n');
  }

  /** Client connections open now. */
  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Stops accepting, lets replies in flight reach their clients (up to drainTimeoutMs), closes everything. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.backendWatch?.stop();
    const servers = [...this.listeners.values()];
    if (this.entryServer !== undefined) servers.push(this.entryServer);
    const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    const drained = Promise.all([...this.sessions].map((session) => session.drain()));
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.drainTimeoutMs ?? 5000).unref(),
    );
    await Promise.race([drained, timeout]);
    for (const session of [...this.sessions]) session.close();
    await Promise.all(closed);
    if (this.metricsServer !== undefined) {
      const server = this.metricsServer;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async refresh(): Promise<void> {
    await this.directory.refresh();
    this.metrics.topologyRefreshes = this.directory.refreshCount;
    this.metrics.topologyChanges = this.directory.changeCount;
  }

  /** Opens the listener of a node that just got a port; on a port in use, the node gets another. */
  private async listen(node: ProxyNode): Promise<void> {
    let current: ProxyNode | undefined = node;
    for (let attempt = 0; current !== undefined && attempt < 20; attempt++) {
      const id = current.id;
      try {
        const server = await this.bind(current.proxyPort, (socket) => this.acceptNode(socket, id));
        this.listeners.set(id, server);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        this.log(`warning: port ${current.proxyPort} is in use; node ${id.slice(0, 8)} gets another`);
        current = this.directory.rebind(current);
      }
    }
    this.log(`warning: node ${node.id} has no proxy port (range exhausted or every port in use)`);
  }

  private bind(port: number, onSocket: (socket: Socket) => void): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer({ pauseOnConnect: true }, onSocket);
      server.once('error', reject);
      server.listen(port, this.listenHost, () => {
        server.off('error', reject);
        server.on('error', (error) => this.log(`warning: listener on port ${port}: ${error.message}`));
        resolve(server);
      });
    });
  }

  private acceptNode(socket: Socket, nodeId: string): void {
    const node = this.directory.byId(nodeId);
    if (node === undefined) {
      socket.destroy();
      return;
    }
    this.open(socket, node);
  }

  private acceptEntry(socket: Socket): void {
    const nodes = this.directory.list();
    // Sentinel mode: the entry is a sentinel (what sentinel clients are given).
    const entryRole = this.options.sentinelName === undefined ? 'primary' : 'sentinel';
    const node =
      nodes.find((candidate) => candidate.present && candidate.healthy && candidate.role === entryRole) ??
      nodes.find((candidate) => candidate.present && candidate.healthy);
    if (node === undefined) {
      socket.end('-CLUSTERDOWN slotbridge proxy: no healthy cluster node is known\r\n');
      return;
    }
    this.open(socket, node);
  }

  private open(socket: Socket, node: ProxyNode): void {
    socket.on('error', () => {});
    const limit = this.options.maxConnections ?? 10_000;
    if (this.stopping || this.sessions.size >= limit) {
      this.metrics.connectionsRejected++;
      const reason = this.stopping
        ? 'the proxy is shutting down'
        : `max number of clients reached (${limit})`;
      socket.end(`-ERR slotbridge proxy: ${reason}\r\n`);
      return;
    }
    this.metrics.connectionsTotal++;
    this.metrics.connectionsActive++;
    this.directory.target(node).then(
      (target) => {
        if (this.stopping || socket.destroyed) {
          this.metrics.connectionsActive--;
          socket.destroy();
          return;
        }
        this.sessions.add(new ClientSession(socket, node, target, this.context));
        this.backendWatch?.watch(node.id, target);
      },
      (error: unknown) => {
        this.metrics.connectionsActive--;
        this.metrics.backendErrors++;
        socket.end(`-ERR slotbridge proxy: no route to node ${node.id}: ${String(error)}\r\n`);
      },
    );
  }

  private startMetrics(port: number): Promise<void> {
    const server = createHttpServer((request, response) => {
      if (request.url !== '/metrics' && request.url !== '/') {
        response.writeHead(404).end('not found\n');
        return;
      }
      this.metrics.topologyChanges = this.directory.changeCount;
      this.metrics.topologyRefreshes = this.directory.refreshCount;
      let pending = 0;
      for (const session of this.sessions) pending += session.pendingCount;
      this.metrics.queueDepth = pending;
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(this.metrics.render(this.directory.list().length));
    });
    this.metricsServer = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.listenHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
}

/** A cluster node id's first 8 characters; sentinel-mode ids (`sentinel:…`, `data:…`) shortened alike. */
function shortId(id: string): string {
  if (id.startsWith('data:')) return 'data';
  if (id.startsWith('sentinel:')) return `sentinel:${id.slice(9, 17)}`;
  return id.slice(0, 8);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
