/**
 * Above ~400 lines for a reason: the namespaces, links, routes and forwarders of the lab are built and torn down as
 * one unit (a failure halfway must undo what was made).
 *
 * A minikube-like lab in Linux network namespaces: Redis nodes on private 198.18.0.x addresses
 * in a "cluster" namespace, a "laptop" namespace that reaches only the ingress address
 * 198.19.0.1, and TCP forwarders on the ingress exposing a seed, a sentinel and every node on
 * its own port. Reproduces what a client outside Kubernetes sees: the seed answers, the addresses
 * the servers announce are unreachable. Needs root. See docs/minikube.md ("The lab").
 */
import { randomBytes } from 'node:crypto';
import {
  createLabDir,
  keepLabDir,
  type LabProcess,
  registerLabCleanup,
  removeLabDir,
  spawnLabProcess,
} from '../process.js';
import {
  CLUSTER_NODE_ADDRESSES,
  CLUSTER_NODE_INGRESS_BASE,
  hostPort,
  INGRESS_ADDRESS,
  LAPTOP_ADDRESS,
  nextPodAddress,
  SEED_INGRESS_PORT,
  SENTINEL_ADDRESSES,
  SENTINEL_DATA_ADDRESSES,
  SENTINEL_DATA_INGRESS_BASE,
  SENTINEL_INGRESS_BASE,
  SENTINEL_INGRESS_PORT,
  WORKLOAD_ADDRESSES,
} from './address-plan.js';
import {
  type ClusterGroup,
  failoverClusterPrimary,
  readClusterStates,
  rejoinCluster,
  restartClusterNodes,
  startClusterGroup,
} from './cluster.js';
import { type IngressRoute, route, startForwarder } from './ingress.js';
import { cliInNamespace, type NamespacedServer } from './namespaced-server.js';
import {
  type ExecResult,
  execInNamespace,
  IP_BINARY,
  LabUnavailableError,
  netnsExecArgs,
  netnsUnavailableReason,
} from './netns.js';
import {
  addClusterAddresses,
  createKubeNetwork,
  type KubeNamespaceRole,
  type KubeNamespaces,
  type KubeNetwork,
  removeClusterAddresses,
} from './network.js';
import { nodeCommandFor } from './node-runner.js';
import {
  type SentinelGroup,
  sentinelFailover,
  startSentinelGroup,
  waitSentinelsSettled,
} from './sentinel-group.js';
import { KUBE_DIR_PREFIX, sweepKubeLeftovers } from './sweep.js';
import type {
  KubeClusterNode,
  KubeClusterNodeState,
  KubeLabOptions,
  KubePodMove,
  KubeRunOptions,
  KubeSentinel,
  KubeSentinelDataNode,
} from './types.js';
import { parseInfo, waitFor } from './wait.js';

const DEFAULTS = {
  clusterNodeTimeoutMs: 2_000,
  masterName: 'mymaster',
  sentinelDownAfterMs: 2_000,
  sentinelFailoverTimeoutMs: 6_000,
  timeoutMs: 30_000,
} as const;

/** A running kube lab. Start with {@link startKubeLab}; always {@link KubeLab.stop} it. */
export class KubeLab {
  /** Unique suffix of this lab's namespaces (`<pid>-<hex>`). */
  readonly id: string;
  readonly namespaces: KubeNamespaces;
  /** Temp directory with every server's config and log, and the forwarder logs. */
  readonly dir: string;
  /** Where every exposed port listens: 198.19.0.1. */
  readonly ingressHost = INGRESS_ADDRESS;
  /** The laptop's own address: 198.19.0.2. */
  readonly laptopHost = LAPTOP_ADDRESS;
  /** Cluster-network addresses free for workloads started later (e.g. a proxy): 198.18.0.41-43. */
  readonly workloadAddresses: readonly string[] = WORKLOAD_ADDRESSES;
  readonly masterName: string;

  private readonly routeList: IngressRoute[];
  private readonly forwarders: LabProcess[];
  /** The routes each forwarder process serves (to re-point them when pods move). */
  private readonly forwarderRoutes = new Map<LabProcess, IngressRoute[]>();
  private cluster: ClusterGroup | undefined;
  private sentinel: SentinelGroup | undefined;
  private readonly workloads: LabProcess[] = [];
  private stopping: Promise<void> | undefined;

  /** @internal Use {@link startKubeLab}. */
  constructor(
    private readonly parts: {
      id: string;
      dir: string;
      network: KubeNetwork;
      masterName: string;
      timeoutMs: number;
      clusterNodeTimeoutMs: number;
      sentinelDownAfterMs: number;
      sentinelFailoverTimeoutMs: number;
      cluster: ClusterGroup | undefined;
      sentinel: SentinelGroup | undefined;
      routes: IngressRoute[];
      forwarders: LabProcess[];
      unregisterCleanup: () => void;
    },
  ) {
    this.id = parts.id;
    this.dir = parts.dir;
    this.namespaces = parts.network.namespaces;
    this.masterName = parts.masterName;
    this.routeList = parts.routes;
    this.forwarders = parts.forwarders;
    this.cluster = parts.cluster;
    this.sentinel = parts.sentinel;
  }

  /** Cluster nodes in address order (empty without a cluster); current after {@link moveClusterPods}. */
  get clusterNodes(): readonly KubeClusterNode[] {
    const cluster = this.cluster;
    return (cluster?.servers ?? []).map((server) => ({
      ...endpoint(server, this.eachNodeIngress(server.address)),
      id: cluster?.ids.get(server.address) ?? '',
    }));
  }

  /** Sentinel group data nodes in address order; the first started as primary. */
  get sentinelDataNodes(): readonly KubeSentinelDataNode[] {
    const group = this.sentinel;
    return (group?.dataNodes ?? []).map((server) => ({
      ...endpoint(server, this.eachNodeIngress(server.address)),
      runId: group?.runIds.get(server.address) ?? '',
    }));
  }

  get sentinels(): readonly KubeSentinel[] {
    const group = this.sentinel;
    return (group?.sentinels ?? []).map((server) => ({
      ...endpoint(server, this.eachNodeIngress(server.address)),
      id: group?.sentinelIds.get(server.address) ?? '',
    }));
  }

  /** The cluster seed: one node (198.18.0.11:6379 at start) on 198.19.0.1:6379. */
  get seed(): IngressRoute | undefined {
    return this.routeList.find((r) => r.ingressPort === SEED_INGRESS_PORT);
  }

  /** The sentinel entry: one sentinel (198.18.0.31:26379 at start) on 198.19.0.1:26379. */
  get sentinelEntry(): IngressRoute | undefined {
    return this.routeList.find((r) => r.ingressPort === SENTINEL_INGRESS_PORT);
  }

  /** @internal Records which routes a started forwarder serves. */
  adoptForwarder(child: LabProcess, routes: readonly IngressRoute[]): void {
    this.forwarders.push(child);
    this.forwarderRoutes.set(child, [...routes]);
  }

  /** Every ingress route: the seed, the sentinel entry, the per-node ports and any added by {@link expose}. */
  get routes(): readonly IngressRoute[] {
    return this.routeList;
  }

  /**
   * The mapping a client needs, internal `host:port` → ingress `host:port`: each node's own port
   * when exposed one by one, else the seed / sentinel entry for the one node behind them.
   */
  ingressMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const r of this.routeList) {
      if (map[r.internal] === undefined || r.ingressPort >= CLUSTER_NODE_INGRESS_BASE) {
        map[r.internal] = r.ingress;
      }
    }
    return map;
  }

  /** The ingress address in front of `internal` (`host:port`), preferring its own port. */
  ingressFor(internal: string): string | undefined {
    return this.ingressMap()[internal];
  }

  /** Ingress port range of cluster nodes, e.g. `30001-30006` (for `discover`). */
  get clusterPortRange(): string {
    return `${CLUSTER_NODE_INGRESS_BASE}-${CLUSTER_NODE_INGRESS_BASE + CLUSTER_NODE_ADDRESSES.length - 1}`;
  }

  /** Ingress port range of the sentinel group's data nodes and sentinels, e.g. `30011-30013,30021-30023`. */
  get sentinelPortRange(): string {
    const data = `${SENTINEL_DATA_INGRESS_BASE}-${SENTINEL_DATA_INGRESS_BASE + SENTINEL_DATA_ADDRESSES.length - 1}`;
    const sentinels = `${SENTINEL_INGRESS_BASE}-${SENTINEL_INGRESS_BASE + SENTINEL_ADDRESSES.length - 1}`;
    return `${data},${sentinels}`;
  }

  private eachNodeIngress(internal: string): string | undefined {
    return this.routeList.find((r) => r.internal === internal && r.ingressPort >= CLUSTER_NODE_INGRESS_BASE)
      ?.ingress;
  }

  /**
   * Runs a Node script inside the laptop namespace (`.ts` through tsx, `.js` with plain node) and
   * resolves with its output and exit code; never rejects on a non-zero exit or a timeout.
   */
  runInLaptop(
    scriptPath: string,
    args: readonly string[] = [],
    options: KubeRunOptions = {},
  ): Promise<ExecResult> {
    const node = nodeCommandFor(scriptPath, args);
    return this.exec('laptop', node.command, node.args, options);
  }

  /** Runs `command args` inside one of the lab's namespaces to completion. */
  exec(
    ns: KubeNamespaceRole,
    command: string,
    args: readonly string[] = [],
    options: KubeRunOptions = {},
  ): Promise<ExecResult> {
    return execInNamespace(this.namespaces[ns], command, args, {
      timeoutMs: options.timeoutMs ?? 30_000,
      env: options.env === undefined ? undefined : { ...process.env, ...options.env },
    });
  }

  /**
   * Starts a long-running process inside a namespace (e.g. a proxy next to the servers on a
   * {@link workloadAddresses} address). It is stopped by {@link stop}; output is discarded.
   */
  spawn(ns: KubeNamespaceRole, command: string, args: readonly string[] = []): LabProcess {
    const child = spawnLabProcess(IP_BINARY, netnsExecArgs(this.namespaces[ns], command, args), this.dir);
    this.workloads.push(child);
    return child;
  }

  /**
   * Adds ingress ports: each `internal` `host:port` (e.g. a proxy port on a workload address) is
   * exposed on 198.19.0.1:`ingressPort`. Resolves once they listen.
   */
  async expose(entries: ReadonlyArray<{ internal: string; ingressPort: number }>): Promise<IngressRoute[]> {
    const routes = entries.map((entry) => route(entry.internal, entry.ingressPort));
    const child = await startForwarder(this.namespaces.ingress, this.dir, routes, this.parts.timeoutMs);
    this.adoptForwarder(child, routes);
    this.routeList.push(...routes);
    return routes;
  }

  /**
   * Restarts every cluster pod with a new internal address, as Kubernetes does when a StatefulSet's
   * pods are all deleted: every node stops and its address disappears from the cluster network;
   * the ingress ports in front of them close (a Service without ready endpoints); each node starts
   * again on a new 198.18.0.x (see {@link nextPodAddress}) with its nodes.conf (same id, slots and
   * role; peers renamed to their new addresses, as a chart's init script does), so every announced
   * address changes; once they answer PING the same ingress ports lead to the new addresses; the call
   * resolves when the cluster is stable again. Returns the moves and when each step happened.
   */
  async moveClusterPods(): Promise<KubePodMove> {
    const cluster = this.requireCluster();
    const ns = this.namespaces.cluster;
    const newHost = new Map(cluster.servers.map((server) => [server.host, nextPodAddress(server.host)]));
    const moves = moveTable(cluster.servers, newHost);
    await addClusterAddresses(ns, [...newHost.values()]);
    const stoppedAt = Date.now();
    const closed = await this.closeRoutesTo(moves);
    await Promise.allSettled(cluster.servers.map((server) => server.process.stop(5_000)));
    const downAt = Date.now();
    await removeClusterAddresses(ns, [...newHost.keys()]);
    const options = {
      ns,
      dir: this.dir,
      nodeTimeoutMs: this.parts.clusterNodeTimeoutMs,
      timeoutMs: this.parts.timeoutMs,
    };
    const servers = await restartClusterNodes(options, cluster, newHost);
    this.cluster = { servers, ids: cluster.ids };
    await this.reopenRoutes(closed, moves);
    const routedAt = Date.now();
    this.cluster = await rejoinCluster(options, servers);
    return { moves: Object.fromEntries(moves), stoppedAt, downAt, routedAt, healthyAt: Date.now() };
  }

  /**
   * The same for the sentinel group: every data node and sentinel restarts on a new address (data
   * nodes keep their roles: the primary starts as primary, the replicas replicate it at its new
   * address; sentinels keep their ids and monitor the primary at its new address). The ingress
   * ports are re-pointed once every process answers PING; resolves when the sentinels agree again.
   */
  async moveSentinelPods(): Promise<KubePodMove> {
    const group = this.requireSentinel();
    const ns = this.namespaces.cluster;
    const primary = await this.sentinelPrimary();
    const all = [...group.dataNodes, ...group.sentinels];
    const newHost = new Map(all.map((server) => [server.host, nextPodAddress(server.host)]));
    const moves = moveTable(all, newHost);
    const primaryHost = newHost.get(group.dataNodes.find((node) => node.address === primary)?.host ?? '');
    await addClusterAddresses(ns, [...newHost.values()]);
    const stoppedAt = Date.now();
    const closed = await this.closeRoutesTo(moves);
    // The primary last, once it has seen its replicas go: a primary told to stop while it still
    // counts a replica waits for it to catch up (shutdown-timeout) even when that replica is gone.
    const primaryServer = group.dataNodes.find((node) => node.address === primary);
    await Promise.allSettled(
      all.filter((server) => server !== primaryServer).map((server) => server.process.stop(5_000)),
    );
    if (primaryServer !== undefined) {
      await waitFor(
        `${primaryServer.address} to see its replicas disconnect`,
        async () => {
          const info = parseInfo(
            await cliInNamespace(ns, primaryServer.host, primaryServer.port, ['INFO', 'replication']),
          );
          return info.get('connected_slaves') === '0' ? true : undefined;
        },
        2_000,
        20,
      ).catch(() => {});
      await primaryServer.process.stop(5_000);
    }
    const downAt = Date.now();
    await removeClusterAddresses(ns, [...newHost.keys()]);
    let routedAt = 0;
    const pick = (servers: readonly NamespacedServer[]) =>
      servers.map((server) => newHost.get(server.host) ?? server.host);
    this.sentinel = await startSentinelGroup({
      ns,
      dir: this.dir,
      masterName: this.masterName,
      downAfterMs: this.parts.sentinelDownAfterMs,
      failoverTimeoutMs: this.parts.sentinelFailoverTimeoutMs,
      timeoutMs: this.parts.timeoutMs,
      dataHosts: pick(group.dataNodes),
      primaryHost,
      sentinelHosts: pick(group.sentinels),
      sentinelIds: group.sentinels.map((sentinel) => group.sentinelIds.get(sentinel.address) ?? ''),
      onServersUp: async (dataNodes, sentinels) => {
        // Known before the group settles, so that a failed start still stops the new processes.
        this.sentinel = { dataNodes, sentinels, runIds: new Map(), sentinelIds: group.sentinelIds };
        await this.reopenRoutes(closed, moves);
        routedAt = Date.now();
      },
    });
    return { moves: Object.fromEntries(moves), stoppedAt, downAt, routedAt, healthyAt: Date.now() };
  }

  /** Stops the forwarders serving a route to a moved address; returns their routes. */
  private async closeRoutesTo(moves: ReadonlyMap<string, string>): Promise<IngressRoute[][]> {
    const closed: IngressRoute[][] = [];
    for (const [child, routes] of [...this.forwarderRoutes]) {
      if (!routes.some((r) => moves.has(r.internal))) continue;
      await child.stop(1_000);
      this.forwarderRoutes.delete(child);
      this.forwarders.splice(this.forwarders.indexOf(child), 1);
      closed.push(routes);
    }
    return closed;
  }

  /** Starts the closed forwarders again on the same ports, each moved route leading to its new address. */
  private async reopenRoutes(
    closed: readonly IngressRoute[][],
    moves: ReadonlyMap<string, string>,
  ): Promise<void> {
    for (const routes of closed) {
      const moved = routes.map((r) => route(moves.get(r.internal) ?? r.internal, r.ingressPort));
      const child = await startForwarder(this.namespaces.ingress, this.dir, moved, this.parts.timeoutMs);
      this.adoptForwarder(child, moved);
    }
    for (let i = 0; i < this.routeList.length; i++) {
      const target = moves.get(this.routeList[i].internal);
      if (target !== undefined) this.routeList[i] = route(target, this.routeList[i].ingressPort);
    }
  }

  /** Runs `redis-cli -h HOST -p PORT args` inside the cluster namespace against an internal address. */
  cli(internal: string, ...args: string[]): Promise<string> {
    const [host, port] = splitHostPort(internal);
    return cliInNamespace(this.namespaces.cluster, host, port, args);
  }

  /** Each cluster node's live role and slots, as it reports itself. */
  async clusterState(): Promise<KubeClusterNodeState[]> {
    const states = await readClusterStates(this.namespaces.cluster, this.requireCluster().servers);
    return states.map((state) => ({
      ...state,
      internal: state.address,
      ingress: this.ingressFor(state.address),
    }));
  }

  /**
   * Fails a cluster primary over to its replica (CLUSTER FAILOVER on the replica) and waits until
   * the cluster is ok again with the replica promoted. `primary` is an internal `host:port`;
   * default: the first primary.
   */
  async failoverClusterPrimary(primary?: string): Promise<{ previous: string; promoted: string }> {
    const cluster = this.requireCluster();
    const target =
      primary ?? (await this.clusterState()).find((state) => state.role === 'primary')?.internal ?? '';
    const result = await failoverClusterPrimary(
      this.namespaces.cluster,
      cluster.servers,
      target,
      this.parts.timeoutMs,
    );
    return { previous: result.previous.address, promoted: result.promoted.address };
  }

  /** The sentinel group's current primary (internal `host:port`) once the sentinels agree and replicas follow. */
  sentinelPrimary(): Promise<string> {
    const group = this.requireSentinel();
    return waitSentinelsSettled(
      this.namespaces.cluster,
      this.masterName,
      group.dataNodes,
      group.sentinels,
      this.parts.timeoutMs,
    );
  }

  /** SENTINEL FAILOVER; waits until the sentinels agree on the new primary and the replicas follow it. */
  sentinelFailover(): Promise<{ previous: string; promoted: string }> {
    return sentinelFailover(
      this.namespaces.cluster,
      this.masterName,
      this.requireSentinel(),
      this.parts.timeoutMs,
    );
  }

  /**
   * Stops every process, deletes the namespaces (and their veths) and removes the directory
   * (kept with `keepFiles`, e.g. after a failed test). Safe to call twice.
   */
  stop(options: { keepFiles?: boolean } = {}): Promise<void> {
    if (this.stopping === undefined) {
      this.stopping = this.stopNow(options.keepFiles === true);
    }
    return this.stopping;
  }

  private async stopNow(keepFiles: boolean): Promise<void> {
    const servers = [
      ...(this.cluster?.servers ?? []),
      ...(this.sentinel?.sentinels ?? []),
      ...(this.sentinel?.dataNodes ?? []),
    ].map((server) => server.process);
    await Promise.allSettled(
      [...this.workloads, ...this.forwarders, ...servers].map((child) => child.stop(1_000)),
    );
    try {
      await this.parts.network.remove();
    } finally {
      this.parts.unregisterCleanup();
      if (keepFiles) {
        keepLabDir(this.dir);
      } else {
        await removeLabDir(this.dir);
      }
    }
  }

  private requireCluster(): ClusterGroup {
    if (this.cluster === undefined) {
      throw new LabUnavailableError('this lab was started without a cluster (option cluster: false)');
    }
    return this.cluster;
  }

  private requireSentinel(): SentinelGroup {
    if (this.sentinel === undefined) {
      throw new LabUnavailableError('this lab was started without a sentinel group (option sentinel: false)');
    }
    return this.sentinel;
  }
}

function endpoint(server: NamespacedServer, ingress: string | undefined) {
  return {
    internal: server.address,
    host: server.host,
    port: server.port,
    ingress,
    pid: server.process.pid,
    logFile: server.logFile,
  };
}

/** Internal `host:port` → its new `host:port`, for every server of a move. */
function moveTable(
  servers: readonly NamespacedServer[],
  newHost: ReadonlyMap<string, string>,
): Map<string, string> {
  return new Map(
    servers.map((server) => [server.address, hostPort(newHost.get(server.host) ?? server.host, server.port)]),
  );
}

function splitHostPort(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

/** The ingress routes of each group: one forwarder per group, so moving one group leaves the other's connections alone. */
function ingressRoutes(
  cluster: ClusterGroup | undefined,
  sentinel: SentinelGroup | undefined,
  exposeEach: boolean,
): IngressRoute[][] {
  return [clusterRoutes(cluster, exposeEach), sentinelRoutes(sentinel, exposeEach)].filter(
    (routes) => routes.length > 0,
  );
}

function clusterRoutes(cluster: ClusterGroup | undefined, exposeEach: boolean): IngressRoute[] {
  const routes: IngressRoute[] = [];
  if (cluster !== undefined) {
    routes.push(route(cluster.servers[0].address, SEED_INGRESS_PORT));
    if (exposeEach) {
      routes.push(
        ...cluster.servers.map((server, i) => route(server.address, CLUSTER_NODE_INGRESS_BASE + i)),
      );
    }
  }
  return routes;
}

function sentinelRoutes(sentinel: SentinelGroup | undefined, exposeEach: boolean): IngressRoute[] {
  const routes: IngressRoute[] = [];
  if (sentinel !== undefined) {
    routes.push(route(sentinel.sentinels[0].address, SENTINEL_INGRESS_PORT));
    if (exposeEach) {
      routes.push(
        ...sentinel.dataNodes.map((server, i) => route(server.address, SENTINEL_DATA_INGRESS_BASE + i)),
      );
      routes.push(...sentinel.sentinels.map((server, i) => route(server.address, SENTINEL_INGRESS_BASE + i)));
    }
  }
  return routes;
}

/**
 * Starts a kube lab: namespaces and links, the cluster and/or sentinel group, and the ingress
 * forwarders. Throws {@link LabUnavailableError} (code `ERR_LAB_UNAVAILABLE`) when network
 * namespaces cannot be used here (not root, not Linux, no iproute2), and a LabError naming the
 * failing step and server log otherwise; whatever was started is cleaned up before it throws.
 */
export async function startKubeLab(options: KubeLabOptions = {}): Promise<KubeLab> {
  const reason = netnsUnavailableReason();
  if (reason !== undefined) {
    throw new LabUnavailableError(reason);
  }
  await sweepKubeLeftovers();
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const withCluster = options.cluster ?? true;
  const withSentinel = options.sentinel ?? true;
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const dir = await createLabDir(`${KUBE_DIR_PREFIX}${id}-`);
  const addresses = [
    ...(withCluster ? CLUSTER_NODE_ADDRESSES : []),
    ...(withSentinel ? [...SENTINEL_DATA_ADDRESSES, ...SENTINEL_ADDRESSES] : []),
    ...WORKLOAD_ADDRESSES,
  ];
  let network: KubeNetwork;
  try {
    network = await createKubeNetwork(id, addresses);
  } catch (error) {
    await removeLabDir(dir);
    throw error;
  }
  const unregisterCleanup = registerLabCleanup({
    run: () => network.remove(),
    runSync: () => network.removeSync(),
  });
  const ns = network.namespaces.cluster;
  const [cluster, sentinel] = await Promise.allSettled([
    withCluster
      ? startClusterGroup({
          ns,
          dir,
          nodeTimeoutMs: settings.clusterNodeTimeoutMs,
          timeoutMs: settings.timeoutMs,
        })
      : undefined,
    withSentinel
      ? startSentinelGroup({
          ns,
          dir,
          masterName: settings.masterName,
          downAfterMs: settings.sentinelDownAfterMs,
          failoverTimeoutMs: settings.sentinelFailoverTimeoutMs,
          timeoutMs: settings.timeoutMs,
        })
      : undefined,
  ]);
  const clusterGroup = cluster.status === 'fulfilled' ? cluster.value : undefined;
  const sentinelGroup = sentinel.status === 'fulfilled' ? sentinel.value : undefined;
  const routeGroups = ingressRoutes(clusterGroup, sentinelGroup, options.exposeEach ?? true);
  const routes = routeGroups.flat();
  const forwarders: LabProcess[] = [];
  const lab = new KubeLab({
    id,
    dir,
    network,
    masterName: settings.masterName,
    timeoutMs: settings.timeoutMs,
    clusterNodeTimeoutMs: settings.clusterNodeTimeoutMs,
    sentinelDownAfterMs: settings.sentinelDownAfterMs,
    sentinelFailoverTimeoutMs: settings.sentinelFailoverTimeoutMs,
    cluster: clusterGroup,
    sentinel: sentinelGroup,
    routes,
    forwarders,
    unregisterCleanup,
  });
  try {
    for (const result of [cluster, sentinel]) {
      if (result.status === 'rejected') {
        throw result.reason;
      }
    }
    const started = await Promise.allSettled(
      routeGroups.map(async (group) => {
        lab.adoptForwarder(
          await startForwarder(network.namespaces.ingress, dir, group, settings.timeoutMs),
          group,
        );
      }),
    );
    for (const result of started) {
      if (result.status === 'rejected') {
        throw result.reason;
      }
    }
  } catch (error) {
    await lab.stop({ keepFiles: true });
    throw error;
  }
  return lab;
}

function definedOnly(options: KubeLabOptions): Partial<typeof DEFAULTS> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
