/**
 * Above ~400 lines for a reason: one proxy process's life cycle (a listener per node, sessions, drain,
 * metrics) shares the listener and session registries; options (proxy-options.ts), admission
 * (admission.ts), parsing, the reply walker, rewriting, the directory, the port table and the worker group
 * live in their own files. A single process and a worker of a group differ only in their ProxyDirectory.
 *
 * `slotbridge proxy` for a Redis Cluster or a sentinel group: discovers the topology, opens one listening
 * port per node (cluster primaries and replicas keyed by node id; or sentinels by run id and the data
 * nodes of one master name by address), pairs every client connection with its own connection to that
 * port's node, and rewrites every address in replies (and sentinel events) to the proxy's. See
 * ClientSession and ReplyWalker for the per-connection rules, ClusterDirectory and SentinelDirectory for the topologies.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import { HEALTH_CHECK_DEFAULTS, PROXY_DEFAULTS } from '../defaults.js';
import { Admission, type Release } from './admission.js';
import { BackendAllowList } from './backend-allow-list.js';
import { BackendWatch } from './backend-watch.js';
import { ClientAuth } from './client-auth.js';
import { ClientSession, type SessionContext } from './client-session.js';
import { CommandPolicy } from './command-policy.js';
import { createDirectory } from './discovery-directory.js';
import { ProxyMetrics } from './metrics.js';
import { serveMetrics } from './metrics-server.js';
import type { NodeDirectory } from './node-directory.js';
import { PortRangeFullError, type PortTable } from './port-table.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';
import {
  type ClusterSentinelProxyOptions,
  type ResolvedProxyOptions,
  resolveProxyOptions,
} from './proxy-options.js';
import { RedirectCache } from './redirect-cache.js';
import { startRefreshTimer } from './refresh-timer.js';
import { WorkerDirectory } from './worker-directory.js';
import type { PrimaryLink, PrimaryMessage } from './worker-protocol.js';

/** One row of the port table. */
export interface PortMapping {
  readonly proxyPort: number;
  readonly node: ProxyNode;
}

/**
 * The proxy for a Redis Cluster or a sentinel group (one process, or one worker of a group: both read the
 * topology through a {@link ProxyDirectory}).
 */
export class ClusterSentinelProxy {
  readonly metrics = new ProxyMetrics();
  readonly directory: ProxyDirectory;
  /** The node id → port table; undefined in a worker of a group (see {@link ProxyDirectory.ports}). */
  get ports(): PortTable | undefined {
    return this.directory.ports;
  }
  /** Discovery done and every listener open, not stopping: what /readyz reports. */
  private ready = false;
  private readonly listeners = new Map<string, Server>();
  /** Open sessions and the release of each one's admission. */
  private readonly sessions = new Map<ClientSession, Release>();
  private readonly admission: Admission;
  /** The options with their defaults, resolved once. */
  private readonly resolved: ResolvedProxyOptions;
  private readonly listenHost: string;
  private readonly log: (line: string) => void;
  private readonly context: SessionContext;
  private entryServer: Server | undefined;
  private metricsServer: HttpServer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private stopping = false;
  readonly allowList = new BackendAllowList();
  private readonly clock = { now: Date.now() };
  private entryTurn = 0;
  private readonly accepted = new Set<Socket>();
  private readonly backendWatch: BackendWatch | undefined;

  constructor(private readonly options: ClusterSentinelProxyOptions) {
    const resolved = resolveProxyOptions(options);
    this.resolved = resolved;
    this.listenHost = resolved.listenHost;
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    if (options.worker === undefined) {
      this.directory = this.ownDirectory(options);
    } else {
      this.directory = this.workerDirectory(options.worker);
    }
    this.admission = new Admission(resolved.limits, this.metrics);
    this.context = {
      directory: this.directory,
      advertiseHost: options.advertiseHost,
      metrics: this.metrics,
      requestLimits: resolved.requestLimits,
      maxRewriteBytes: resolved.maxRewriteBytes,
      maxPending: resolved.maxPending,
      connectTimeoutMs: resolved.connectTimeoutMs,
      redirects: new RedirectCache(this.directory),
      policy: new CommandPolicy({
        ...(options.allowAdmin !== undefined ? { allowAdmin: options.allowAdmin } : {}),
        ...(options.allow !== undefined ? { allow: options.allow } : {}),
      }),
      clientAuth:
        options.clientPassword === undefined
          ? undefined
          : new ClientAuth(options.clientPassword, {
              username: options.username,
              password: options.password,
            }),
      clock: this.clock,
      sentinelMode: options.sentinelName !== undefined,
      keepAliveMs: resolved.keepAliveMs,
      log: this.log,
      onClose: (session) => this.forget(session),
    };
    const check = options.backendHealthCheck;
    if (check !== false) {
      this.backendWatch = new BackendWatch({
        interval: check?.interval ?? HEALTH_CHECK_DEFAULTS.interval,
        timeout: check?.timeout ?? HEALTH_CHECK_DEFAULTS.timeout,
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        onHalfOpen: (nodeId, error) => this.closeSessionsOf(nodeId, error.message),
      });
    }
  }

  /** The directory of a single proxy process: its own discovery and port table. */
  private ownDirectory(options: ClusterSentinelProxyOptions): NodeDirectory {
    return createDirectory(options, {
      allowList: this.allowList,
      onPortError: (error) => {
        if (error instanceof PortRangeFullError) this.metrics.portRangeFull++;
        else this.metrics.portTableErrors++;
      },
      onNewNode: (node: ProxyNode) => this.listen(node),
      onNodeGone: (node: ProxyNode) => this.closeNode(node),
      onRefused: () => {
        this.metrics.backendsRefused++;
      },
      log: (line: string) => {
        this.metrics.topologyChanges = this.directory.changeCount;
        this.log(line);
      },
    });
  }

  /** A worker's directory: a copy of the primary's table; messages from the primary are dispatched here. */
  private workerDirectory(link: PrimaryLink): ProxyDirectory {
    const directory = new WorkerDirectory({
      link,
      onNewNode: (node) => this.bindNode(node),
      onNodeGone: (node) => this.closeNode(node),
      onRefused: () => {
        this.metrics.backendsRefused++;
      },
    });
    link.onMessage((message) => this.onPrimaryMessage(link, directory, message));
    return directory;
  }

  /** The primary's `start` (sent after the first table), awaited by a worker's start(). */
  private startRequest: ((seq: number) => void) | undefined;

  private onPrimaryMessage(link: PrimaryLink, directory: WorkerDirectory, message: PrimaryMessage): void {
    if (message.type === 'table' || message.type === 'refreshed') {
      directory.handle(message);
    } else if (message.type === 'metrics') {
      let pending = 0;
      for (const session of this.sessions.keys()) pending += session.pendingCount;
      link.send({
        type: 'metrics',
        seq: message.seq,
        snapshot: this.metrics.snapshot(),
        connections: this.sessions.size,
        pending,
      });
    } else if (message.type === 'start') {
      const seq = message.seq;
      directory.settled().then(() => this.startRequest?.(seq));
    }
  }

  /** A backend stopped answering: its sessions are closed so their clients reconnect (and re-route). */
  private closeSessionsOf(nodeId: string, reason: string): void {
    let closed = 0;
    for (const session of [...this.sessions.keys()]) {
      if (session.node.id !== nodeId) continue;
      session.close();
      closed++;
    }
    this.metrics.backendHalfOpen++;
    this.log(`warning: node ${nodeId}: ${reason} (closed ${closed} client connection(s))`);
  }

  /** Discovers the cluster and opens every listener. Rejects when no seed answers or a port cannot be bound. */
  async start(): Promise<void> {
    const link = this.options.worker;
    if (link !== undefined) {
      await this.startWorker(link);
      return;
    }
    await this.allowList.addSeeds(this.options.seeds);
    for (const cidr of this.options.backendCidrs ?? []) this.allowList.add(cidr);
    if (!isLoopback(this.listenHost)) {
      const door =
        this.options.clientPassword === undefined
          ? 'anyone who reaches this address reaches the cluster (set a client password)'
          : 'clients must AUTH with the proxy password';
      this.log(`warning: listening on ${this.listenHost}, not loopback: ${door}`);
    }
    await this.refresh();
    if (this.options.entryPort !== undefined) {
      this.entryServer = await this.bind(this.options.entryPort, (socket) => this.acceptEntry(socket));
    }
    if (this.options.metricsPort !== undefined) {
      this.metrics.timeOperations = true;
      await this.startMetrics(this.options.metricsPort);
    }
    this.sweeper = setInterval(() => this.sweep(), 250);
    this.sweeper.unref();
    this.ready = true;
    this.timer = startRefreshTimer(this.resolved.refreshIntervalMs, () => this.refresh(), this.log);
  }

  /**
   * A worker's start: says hello, applies the tables the primary sends (binding their ports), and on the
   * primary's `start` binds the entry port and answers `ready` (with the error, if any).
   */
  private async startWorker(link: PrimaryLink): Promise<void> {
    const seq = await new Promise<number>((resolve) => {
      this.startRequest = resolve;
      link.send({ type: 'hello' });
    });
    try {
      if (this.options.entryPort !== undefined) {
        this.entryServer = await this.bind(this.options.entryPort, (socket) => this.acceptEntry(socket));
      }
      // Timed for the primary's endpoint, which sums the workers' histograms.
      if (this.options.metricsPort !== undefined) this.metrics.timeOperations = true;
      this.sweeper = setInterval(() => this.sweep(), 250);
      this.sweeper.unref();
      link.send({ type: 'ready', seq });
    } catch (error) {
      link.send({ type: 'ready', seq, error: error instanceof Error ? error.message : String(error) });
      throw error;
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
    return describeProxy(this.options, this.directory, this.allowList);
  }

  /** Client connections open now. */
  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Stops accepting, lets replies in flight reach their clients (up to drainTimeoutMs), closes everything. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.ready = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.backendWatch?.stop();
    this.directory.close();
    const servers = [...this.listeners.values()];
    if (this.entryServer !== undefined) servers.push(this.entryServer);
    const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    const drained = Promise.all([...this.sessions.keys()].map((session) => session.drain()));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.resolved.drainTimeoutMs).unref());
    await Promise.race([drained, timeout]);
    for (const session of [...this.sessions.keys()]) session.close();
    for (const socket of this.accepted) socket.destroy();
    await Promise.all(closed);
    if (this.metricsServer !== undefined) {
      const server = this.metricsServer;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async refresh(): Promise<void> {
    await this.directory.refresh();
    // A port a shared table gave but that was in use here: tried again at every refresh.
    if (this.ports?.shared === true) {
      for (const node of this.directory.list()) {
        if (node.present && !this.listeners.has(node.id) && !this.stopping) await this.listen(node, true);
      }
    }
    this.metrics.topologyRefreshes = this.directory.refreshCount;
    this.metrics.topologyChanges = this.directory.changeCount;
  }

  /**
   * Opens the listener of a node that just got a port. On a port in use, a memory table gives the node
   * another; a shared table never moves a node (the replicas' tables would differ): the bind is tried
   * again at the next refresh.
   */
  private async listen(node: ProxyNode, again = false): Promise<void> {
    let current: ProxyNode | undefined = node;
    for (let attempt = 0; current !== undefined && attempt < 20; attempt++) {
      const id = current.id;
      try {
        await this.bindNode(current);
        if (again) this.log(`node ${id.slice(0, 8)}: port ${current.proxyPort} is open now`);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        if (this.ports?.shared === true) {
          if (!again) {
            this.log(
              `warning: port ${current.proxyPort} of node ${id.slice(0, 8)} (from the shared port table) is in use here; trying again at each refresh`,
            );
          }
          return;
        }
        this.log(`warning: port ${current.proxyPort} is in use; node ${id.slice(0, 8)} gets another`);
        current = this.directory.rebind(current);
      }
    }
    this.log(`warning: node ${node.id} has no proxy port (range exhausted or every port in use)`);
  }

  /** Binds `node`'s port (replacing a listener it had on another port); throws on failure. */
  private async bindNode(node: ProxyNode): Promise<void> {
    const id = node.id;
    const server = await this.bind(node.proxyPort, (socket) => this.acceptNode(socket, id));
    const old = this.listeners.get(id);
    this.listeners.set(id, server);
    old?.close();
  }

  private bind(port: number, handler: (socket: Socket) => void): Promise<Server> {
    // Every accepted socket is tracked (per connection, not per chunk) so that stop() can end those
    // that never became a session, e.g. a refused one whose peer keeps its side open.
    const onSocket = (socket: Socket): void => {
      this.accepted.add(socket);
      socket.once('close', () => this.accepted.delete(socket));
      handler(socket);
    };
    return new Promise((resolve, reject) => {
      const tls = this.options.tls;
      const server: Server =
        tls === undefined
          ? createServer({ pauseOnConnect: true }, onSocket)
          : createTlsServer(
              {
                cert: tls.cert,
                key: tls.key,
                ...(tls.ca !== undefined ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
                handshakeTimeout: 10_000,
              },
              (socket) => {
                socket.pause();
                onSocket(socket);
              },
            );
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
    if (!node.present) {
      // A node that left (or moved outside the allow-list) keeps its port number, which forwards nothing.
      socket.on('error', () => {});
      this.metrics.connectionsRejected++;
      refuse(
        socket,
        `-ERR slotbridge proxy: node ${node.id} (proxy port ${node.proxyPort}) is no longer part of the cluster; this port forwards nothing\r\n`,
      );
      return;
    }
    this.open(socket, node);
  }

  /** The entry port: the least-loaded healthy primary (a sentinel in sentinel mode) under its cap. */
  private acceptEntry(socket: Socket): void {
    const nodes = this.directory.list();
    // Sentinel mode: the entry is a sentinel (what sentinel clients are given).
    const entryRole = this.options.sentinelName === undefined ? 'primary' : 'sentinel';
    const usable = nodes.filter((candidate) => candidate.present && candidate.healthy);
    const preferred = usable.filter((candidate) => candidate.role === entryRole);
    const pool = preferred.length > 0 ? preferred : usable;
    if (pool.length === 0) {
      socket.on('error', () => {});
      refuse(socket, '-CLUSTERDOWN slotbridge proxy: no healthy cluster node is known\r\n');
      return;
    }
    // Round robin from a moving start, skipping nodes at their cap: spreads entry connections evenly.
    this.entryTurn = (this.entryTurn + 1) % pool.length;
    let node = pool[this.entryTurn];
    for (let i = 0; i < pool.length; i++) {
      const candidate = pool[(this.entryTurn + i) % pool.length];
      if (!this.admission.full(candidate.id)) {
        node = candidate;
        break;
      }
    }
    this.open(socket, node);
  }

  private open(socket: Socket, node: ProxyNode): void {
    socket.on('error', () => {});
    if (this.stopping) {
      this.metrics.connectionsRejected++;
      refuse(socket, '-ERR slotbridge proxy: the proxy is shutting down\r\n');
      return;
    }
    // Counted from now on, so that connections still resolving their target count too.
    const release = this.admission.admit(socket.remoteAddress ?? '?', node);
    if (typeof release === 'string') {
      refuse(socket, `-ERR slotbridge proxy: ${release}\r\n`);
      return;
    }
    this.directory.target(node).then(
      (target) => {
        if (this.stopping || socket.destroyed) {
          release();
          socket.destroy();
          return;
        }
        const session = new ClientSession(socket, node, target, this.context);
        this.sessions.set(session, release);
        this.backendWatch?.watch(node.id, target);
      },
      (error: unknown) => {
        this.metrics.backendErrors++;
        release();
        const code = (error as { code?: string }).code ?? 'error';
        refuse(
          socket,
          `-ERR slotbridge proxy: no route to node ${node.id} (proxy port ${node.proxyPort}): ${code}\r\n`,
        );
      },
    );
  }

  private forget(session: ClientSession): void {
    this.sessions.get(session)?.();
    this.sessions.delete(session);
  }

  /** Closes the clients of a node that left the topology (or moved outside the allow-list). */
  private closeNode(node: ProxyNode): void {
    for (const session of [...this.sessions.keys()]) {
      if (session.node.id === node.id) session.timeOut(`node ${node.id} is no longer part of the cluster`);
    }
  }

  /** Advances the coarse clock and closes clients past their idle or request time limits. */
  private sweep(): void {
    const now = Date.now();
    this.clock.now = now;
    const idle = this.resolved.idleTimeoutMs;
    const request = this.resolved.requestTimeoutMs;
    for (const session of this.sessions.keys()) {
      if (request > 0 && session.partialSince !== 0 && now - session.partialSince > request) {
        this.metrics.requestTimeouts++;
        session.timeOut(`a request was left incomplete for more than ${request} ms`);
      } else if (idle > 0 && session.idle && now - session.lastActive > idle) {
        this.metrics.idleTimeouts++;
        session.timeOut(`idle for more than ${idle} ms`);
      }
    }
  }

  private async startMetrics(port: number): Promise<void> {
    this.metricsServer = await serveMetrics({
      port,
      host: this.options.metricsHost ?? this.listenHost,
      token: this.options.metricsToken,
      ready: () => this.ready,
      render: () => {
        this.metrics.topologyChanges = this.directory.changeCount;
        this.metrics.topologyRefreshes = this.directory.refreshCount;
        let pending = 0;
        for (const session of this.sessions.keys()) pending += session.pendingCount;
        this.metrics.queueDepth = pending;
        return this.metrics.render(this.directory.list().length);
      },
    });
  }
}

/** The start-up table of a proxy (or of a worker group's primary), one line per node. */
export function describeProxy(
  options: ClusterSentinelProxyOptions,
  directory: ProxyDirectory,
  allowList: BackendAllowList,
  extra: readonly string[] = [],
): string {
  const listenHost = options.listenHost ?? PROXY_DEFAULTS.listenHost;
  const entryPort = options.entryPort ?? directory.list()[0]?.proxyPort ?? 0;
  const lines = [
    `slotbridge proxy: ${directory.list().length} nodes, entry ${formatAddress({ host: options.advertiseHost, port: entryPort })}`,
    `  backends allowed: ${allowList.networks.join(', ')}${options.clientPassword !== undefined ? '; clients must AUTH' : ''}${options.tls !== undefined ? '; TLS' : ''}`,
    ...extra,
  ];
  const table = directory.list().sort((a, b) => a.proxyPort - b.proxyPort);
  for (const node of table) {
    const proxyPort = node.proxyPort;
    const role = node.role === 'replica' ? `replica of ${shortId(node.primaryId ?? '?')}` : node.role;
    lines.push(
      `  ${listenHost}:${proxyPort} (advertised ${formatAddress({ host: options.advertiseHost, port: proxyPort })}) -> ${shortId(node.id)} ${formatAddress(node)} ${role}`,
    );
  }
  if (options.metricsPort !== undefined) {
    lines.push(`  metrics: http://${formatAddress({ host: listenHost, port: options.metricsPort })}/metrics`);
  }
  return lines.join('\n');
}

/** A cluster node id's first 8 characters; sentinel-mode ids (`sentinel:…`, `data:…`) shortened alike. */
function shortId(id: string): string {
  if (id.startsWith('data:')) return 'data';
  if (id.startsWith('sentinel:')) return `sentinel:${id.slice(9, 17)}`;
  return id.slice(0, 8);
}

/** Sends a last error line and closes; destroyed after a second if the peer keeps its side open. */
function refuse(socket: Socket, text: string): void {
  socket.end(text);
  setTimeout(() => socket.destroy(), 1000).unref();
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The former name of {@link ClusterSentinelProxy}, kept for existing code. @deprecated */
export const ClusterProxy = ClusterSentinelProxy;
/** @deprecated */
export type ClusterProxy = ClusterSentinelProxy;
/** The former name of {@link ClusterSentinelProxyOptions}. @deprecated */
export type ClusterProxyOptions = ClusterSentinelProxyOptions;
