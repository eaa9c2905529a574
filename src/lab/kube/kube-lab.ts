/**
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
  INGRESS_ADDRESS,
  LAPTOP_ADDRESS,
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
  createKubeNetwork,
  type KubeNamespaceRole,
  type KubeNamespaces,
  type KubeNetwork,
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
  KubeRunOptions,
  KubeSentinel,
  KubeSentinelDataNode,
} from './types.js';

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
  /** Cluster nodes in address order (empty without a cluster). */
  readonly clusterNodes: readonly KubeClusterNode[];
  /** Sentinel group data nodes in address order; the first started as primary. */
  readonly sentinelDataNodes: readonly KubeSentinelDataNode[];
  readonly sentinels: readonly KubeSentinel[];
  /** The cluster seed: one node (198.18.0.11:6379) on 198.19.0.1:6379. */
  readonly seed: IngressRoute | undefined;
  /** The sentinel entry: one sentinel (198.18.0.31:26379) on 198.19.0.1:26379. */
  readonly sentinelEntry: IngressRoute | undefined;

  private readonly routeList: IngressRoute[];
  private readonly forwarders: LabProcess[];
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
    const ingressOf = (internal: string): string | undefined => this.eachNodeIngress(internal);
    this.clusterNodes = (parts.cluster?.servers ?? []).map((server) => ({
      ...endpoint(server, ingressOf(server.address)),
      id: parts.cluster?.ids.get(server.address) ?? '',
    }));
    this.sentinelDataNodes = (parts.sentinel?.dataNodes ?? []).map((server) => ({
      ...endpoint(server, ingressOf(server.address)),
      runId: parts.sentinel?.runIds.get(server.address) ?? '',
    }));
    this.sentinels = (parts.sentinel?.sentinels ?? []).map((server) => ({
      ...endpoint(server, ingressOf(server.address)),
      id: parts.sentinel?.sentinelIds.get(server.address) ?? '',
    }));
    this.seed = parts.routes.find((r) => r.ingressPort === SEED_INGRESS_PORT);
    this.sentinelEntry = parts.routes.find((r) => r.ingressPort === SENTINEL_INGRESS_PORT);
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
    this.forwarders.push(child);
    this.routeList.push(...routes);
    return routes;
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
      ...(this.parts.cluster?.servers ?? []),
      ...(this.parts.sentinel?.sentinels ?? []),
      ...(this.parts.sentinel?.dataNodes ?? []),
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
    if (this.parts.cluster === undefined) {
      throw new LabUnavailableError('this lab was started without a cluster (option cluster: false)');
    }
    return this.parts.cluster;
  }

  private requireSentinel(): SentinelGroup {
    if (this.parts.sentinel === undefined) {
      throw new LabUnavailableError('this lab was started without a sentinel group (option sentinel: false)');
    }
    return this.parts.sentinel;
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

function splitHostPort(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

function ingressRoutes(
  cluster: ClusterGroup | undefined,
  sentinel: SentinelGroup | undefined,
  exposeEach: boolean,
): IngressRoute[] {
  const routes: IngressRoute[] = [];
  if (cluster !== undefined) {
    routes.push(route(cluster.servers[0].address, SEED_INGRESS_PORT));
    if (exposeEach) {
      routes.push(
        ...cluster.servers.map((server, i) => route(server.address, CLUSTER_NODE_INGRESS_BASE + i)),
      );
    }
  }
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
  const routes = ingressRoutes(clusterGroup, sentinelGroup, options.exposeEach ?? true);
  const forwarders: LabProcess[] = [];
  const lab = new KubeLab({
    id,
    dir,
    network,
    masterName: settings.masterName,
    timeoutMs: settings.timeoutMs,
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
    if (routes.length > 0) {
      forwarders.push(await startForwarder(network.namespaces.ingress, dir, routes, settings.timeoutMs));
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
