/**
 * Above ~400 lines for a reason: the primary's life cycle (forking, handing out the table, binding on every worker,
 * restarting crashed workers, draining) shares the worker registry; the IPC messages and the workers' side
 * live in worker-protocol.ts and worker-directory.ts.
 *
 * `slotbridge proxy --workers N`: one primary process and N workers (node:cluster). The primary is the
 * group's only directory: it discovers the topology, hands out ports, refreshes, and sends every worker
 * the whole table (with each node's backend target, resolved once) over IPC; it serves the metrics
 * endpoint, summing its workers' counters. Workers serve client connections exactly as a single proxy
 * does, on the same ports: node:cluster's primary holds each listening socket and hands every accepted
 * connection to a worker (round robin), so a connection lives in one worker for its whole life.
 *
 * The primary holds the group's only port table (memory, the servers' hash or a file: `portTable`);
 * workers never claim a port. A new node's port is bound by every worker before the refresh that found
 * it resolves (so a reply naming the node is forwarded only once its port answers). A port in use gets
 * the node another one with a memory table; a shared table never moves a node (the other replicas'
 * tables would differ): the workers try that port again with every table the primary sends. A worker that exits is replaced (after a pause if it died young); SIGTERM to the
 * primary drains every worker and exits.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Server as HttpServer } from 'node:http';
import { PROXY_DEFAULTS } from '../defaults.js';
import { BackendAllowList } from './backend-allow-list.js';
import { describeProxy } from './cluster-sentinel-proxy.js';
import { createDirectory } from './discovery-directory.js';
import { ProxyMetrics } from './metrics.js';
import { serveMetrics } from './metrics-server.js';
import type { NodeDirectory } from './node-directory.js';
import { PortRangeFullError, type PortTable } from './port-table.js';
import type { ProxyNode } from './proxy-directory.js';
import type { ClusterSentinelProxyOptions } from './proxy-options.js';
import { startRefreshTimer } from './refresh-timer.js';
import {
  isProtocolMessage,
  type NodeRow,
  type PrimaryMessage,
  type WorkerMessage,
} from './worker-protocol.js';

export interface ProxyGroupOptions extends ClusterSentinelProxyOptions {
  /** Worker processes (2 or more; one process is a plain ClusterSentinelProxy). */
  workers: number;
}

/** The environment variable a worker finds its slot (1..N) and the group size in: `slot/N`. */
export const WORKER_SLOT_ENV = 'SLOTBRIDGE_PROXY_WORKER';

interface Member {
  readonly slot: number;
  readonly worker: Worker;
  readonly startedAt: number;
  ready: boolean;
  /** Answers awaited from this worker, by sequence number. */
  readonly waiting: Map<number, (message: WorkerMessage | undefined) => void>;
}

/** A worker that lived shorter than this is restarted after {@link RESTART_PAUSE_MS}, not at once. */
const YOUNG_MS = 5000;
const RESTART_PAUSE_MS = 1000;

export class ProxyGroup {
  readonly metrics = new ProxyMetrics();
  readonly directory: NodeDirectory;
  /** The group's port table (the primary's; workers get its rows with the table). */
  readonly ports: PortTable;
  readonly allowList = new BackendAllowList();
  private readonly members = new Map<number, Member>();
  private readonly log: (line: string) => void;
  private seq = 0;
  private started = false;
  private stopping = false;
  private restarts = 0;
  private timer: NodeJS.Timeout | undefined;
  private metricsServer: HttpServer | undefined;
  private refreshing: Promise<void> | undefined;
  /** Set while targets are resolved for a table: a refused target is counted by the worker that is asked. */
  private resolvingTargets = false;
  private readonly hellos = new Map<number, () => void>();

  constructor(private readonly options: ProxyGroupOptions) {
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    this.directory = createDirectory(options, {
      allowList: this.allowList,
      onNewNode: (node: ProxyNode) => this.bindEverywhere(node),
      onPortError: (error) => {
        if (error instanceof PortRangeFullError) this.metrics.portRangeFull++;
        else this.metrics.portTableErrors++;
      },
      onRefused: () => {
        if (!this.resolvingTargets) this.metrics.backendsRefused++;
      },
      log: (line: string) => this.log(line),
    });
    this.ports = this.directory.ports;
  }

  /** Forks the workers, discovers the topology, has every worker bind every port, then the entry port. */
  async start(): Promise<void> {
    await this.allowList.addSeeds(this.options.seeds);
    for (const cidr of this.options.backendCidrs ?? []) this.allowList.add(cidr);
    const listenHost = this.options.listenHost ?? PROXY_DEFAULTS.listenHost;
    if (!(listenHost === 'localhost' || listenHost === '::1' || listenHost.startsWith('127.'))) {
      const door =
        this.options.clientPassword === undefined
          ? 'anyone who reaches this address reaches the cluster (set a client password)'
          : 'clients must AUTH with the proxy password';
      this.log(`warning: listening on ${listenHost}, not loopback: ${door}`);
    }
    cluster.on('message', (worker, message: unknown) => this.onMessage(worker, message));
    cluster.on('exit', (worker, code, signal) => this.onExit(worker, code, signal));
    const hellos: Array<Promise<void>> = [];
    for (let slot = 1; slot <= this.options.workers; slot++) hellos.push(this.fork(slot));
    await Promise.all(hellos);
    await this.refresh();
    await Promise.all([...this.members.values()].map((member) => this.bringUp(member)));
    this.started = true;
    if (this.options.metricsPort !== undefined) {
      this.metricsServer = await serveMetrics({
        port: this.options.metricsPort,
        host: this.options.metricsHost ?? listenHost,
        token: this.options.metricsToken,
        // Discovered and every worker bound (start() got here), not draining.
        ready: () => this.started && !this.stopping,
        render: () => this.renderMetrics(),
      });
    }
    this.timer = startRefreshTimer(
      this.options.refreshIntervalMs ?? PROXY_DEFAULTS.refreshIntervalMs,
      () => this.refresh(),
      this.log,
    );
  }

  /** The start-up table, with the workers' pids. */
  describe(): string {
    const pids = [...this.members.values()]
      .sort((a, b) => a.slot - b.slot)
      .map((member) => member.worker.process.pid)
      .join(', ');
    return describeProxy(this.options, this.directory, this.allowList, [
      `  workers: ${this.members.size} (pids ${pids}; primary ${process.pid})`,
    ]);
  }

  /** The process ids of the live workers, by slot. */
  workerPids(): Map<number, number | undefined> {
    return new Map([...this.members.values()].map((member) => [member.slot, member.worker.process.pid]));
  }

  /** Drains every worker (each stops accepting and lets replies in flight finish), then returns. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    const exits = [...this.members.values()].map(
      (member) =>
        new Promise<void>((resolve) => {
          if (member.worker.isDead()) {
            resolve();
            return;
          }
          member.worker.once('exit', () => resolve());
          this.send(member, { type: 'stop' });
        }),
    );
    const limit = (this.options.drainTimeoutMs ?? PROXY_DEFAULTS.drainTimeoutMs) + 3000;
    const late = setTimeout(() => {
      for (const member of this.members.values()) {
        if (member.worker.isDead()) continue;
        this.log(
          `warning: worker ${member.slot} (pid ${member.worker.process.pid}) did not stop in time; killed`,
        );
        member.worker.kill('SIGKILL');
      }
    }, limit);
    await Promise.all(exits);
    clearTimeout(late);
    this.directory.close();
    if (this.metricsServer !== undefined) {
      const server = this.metricsServer;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Refreshes the topology once for the group (concurrent calls share it) and sends every worker the table. */
  refresh(): Promise<void> {
    if (this.refreshing === undefined) {
      this.refreshing = (async () => {
        await this.directory.refresh();
        this.metrics.topologyRefreshes = this.directory.refreshCount;
        this.metrics.topologyChanges = this.directory.changeCount;
        await this.broadcast([...this.members.values()].filter((member) => member.ready));
      })().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  private fork(slot: number): Promise<void> {
    const worker = cluster.fork({ [WORKER_SLOT_ENV]: `${slot}/${this.options.workers}` });
    const member: Member = {
      slot,
      worker,
      startedAt: Date.now(),
      ready: false,
      waiting: new Map(),
    };
    this.members.set(slot, member);
    return new Promise((resolve) => this.hellos.set(worker.id, resolve));
  }

  /** A worker that said hello gets the table (binding every port), then `start` (the entry port). */
  private async bringUp(member: Member): Promise<void> {
    const failed = await this.broadcast([member]);
    for (const failure of failed) {
      this.log(
        `warning: worker ${member.slot} could not bind the port of node ${failure.id}: ${failure.code}`,
      );
    }
    const seq = ++this.seq;
    const answer = await this.ask(member, { type: 'start', seq }, seq);
    if (answer?.type === 'ready' && answer.error !== undefined) {
      throw new Error(`worker ${member.slot} could not start: ${answer.error}`);
    }
    member.ready = answer !== undefined;
  }

  /**
   * The directory's hook for a node that just got a port: every worker binds it before the refresh
   * resolves. A port in use gets the node another one with a memory table; with a shared table it is
   * logged and left to the workers, which try it again with each table (as a single proxy does at each
   * refresh).
   */
  private async bindEverywhere(node: ProxyNode): Promise<void> {
    let current: ProxyNode | undefined = node;
    for (let attempt = 0; current !== undefined && attempt < 20; attempt++) {
      const live = [...this.members.values()].filter((member) => !member.worker.isDead());
      const failure = (await this.broadcast(live)).find((entry) => entry.id === current?.id);
      if (failure === undefined) return;
      if (failure.code !== 'EADDRINUSE') {
        throw new Error(`cannot listen on port ${current.proxyPort} for node ${current.id}: ${failure.code}`);
      }
      if (this.ports.shared) {
        this.log(
          `warning: port ${current.proxyPort} of node ${current.id.slice(0, 8)} (from the shared port table) is in use here; trying again at each refresh`,
        );
        return;
      }
      this.log(`warning: port ${current.proxyPort} is in use; node ${current.id.slice(0, 8)} gets another`);
      current = this.directory.rebind(current);
    }
    this.log(`warning: node ${node.id} has no proxy port (range exhausted or every port in use)`);
  }

  /** Sends the whole table to `members` and waits for each to have bound its ports; returns the failures. */
  private async broadcast(members: Member[]): Promise<Array<{ id: string; code: string }>> {
    if (members.length === 0) return [];
    const nodes = await this.rows();
    const answers = await Promise.all(
      members.map((member) => {
        const seq = ++this.seq;
        return this.ask(
          member,
          {
            type: 'table',
            seq,
            nodes,
            refreshCount: this.directory.refreshCount,
            changeCount: this.directory.changeCount,
          },
          seq,
        );
      }),
    );
    return answers.flatMap((answer) => (answer?.type === 'bound' ? answer.failed : []));
  }

  /** The table as workers get it: every node with its backend target resolved here, once. */
  private async rows(): Promise<NodeRow[]> {
    const rows: NodeRow[] = [];
    this.resolvingTargets = true;
    try {
      for (const node of this.directory.list()) {
        const row: NodeRow = {
          id: node.id,
          host: node.host,
          port: node.port,
          role: node.role,
          primaryId: node.primaryId,
          healthy: node.healthy,
          proxyPort: node.proxyPort,
          present: node.present,
        };
        try {
          row.target = await this.directory.target(node);
        } catch (error) {
          row.refused = (error as { code?: string }).code ?? 'ERR_BACKEND_NOT_ALLOWED';
        }
        rows.push(row);
      }
    } finally {
      this.resolvingTargets = false;
    }
    return rows;
  }

  /** Sends `message` and resolves with the answer carrying `seq` (undefined if the worker exits first). */
  private ask(member: Member, message: PrimaryMessage, seq: number): Promise<WorkerMessage | undefined> {
    return new Promise((resolve) => {
      if (member.worker.isDead()) {
        resolve(undefined);
        return;
      }
      member.waiting.set(seq, resolve);
      this.send(member, message);
    });
  }

  private send(member: Member, message: PrimaryMessage): void {
    try {
      member.worker.send(message);
    } catch {
      // The channel closed: the exit handler answers what was awaited.
    }
  }

  private memberOf(worker: Worker): Member | undefined {
    for (const member of this.members.values()) if (member.worker === worker) return member;
    return undefined;
  }

  private onMessage(worker: Worker, message: unknown): void {
    if (!isProtocolMessage(message)) return;
    const member = this.memberOf(worker);
    if (member === undefined) return;
    const typed = message as WorkerMessage;
    if (typed.type === 'hello') {
      const hello = this.hellos.get(worker.id);
      this.hellos.delete(worker.id);
      if (hello !== undefined) hello();
      if (this.started) {
        // A replacement: it gets the current table and starts; the others keep serving meanwhile.
        this.bringUp(member).then(
          () => this.log(`worker ${member.slot} (pid ${worker.process.pid}) is serving`),
          (error: unknown) => this.log(`warning: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
      return;
    }
    if (typed.type === 'refresh') {
      this.refresh().then(
        () => this.send(member, { type: 'refreshed', seq: typed.seq }),
        (error: unknown) =>
          this.send(member, {
            type: 'refreshed',
            seq: typed.seq,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
      return;
    }
    const waiter = member.waiting.get(typed.seq);
    member.waiting.delete(typed.seq);
    waiter?.(typed);
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    const member = this.memberOf(worker);
    if (member === undefined) return;
    for (const waiter of member.waiting.values()) waiter(undefined);
    member.waiting.clear();
    this.hellos.get(worker.id)?.();
    this.hellos.delete(worker.id);
    if (this.stopping) return;
    this.members.delete(member.slot);
    const how = signal !== null ? `signal ${signal}` : `code ${code}`;
    const young = Date.now() - member.startedAt < YOUNG_MS;
    this.log(
      `warning: worker ${member.slot} (pid ${worker.process.pid}) exited (${how}); restarting it${young ? ` in ${RESTART_PAUSE_MS} ms` : ''}`,
    );
    this.restarts++;
    const restart = (): void => {
      if (this.stopping) return;
      this.fork(member.slot).catch(() => {});
    };
    if (young) setTimeout(restart, RESTART_PAUSE_MS).unref();
    else restart();
  }

  private async renderMetrics(): Promise<string> {
    const total = new ProxyMetrics();
    total.timeOperations = true;
    const live = [...this.members.values()].filter((member) => member.ready && !member.worker.isDead());
    const answers = await Promise.all(
      live.map((member) => {
        const seq = ++this.seq;
        const answer = this.ask(member, { type: 'metrics', seq }, seq);
        const timeout = new Promise<undefined>((resolve) =>
          setTimeout(() => resolve(undefined), 2000).unref(),
        );
        return Promise.race([answer, timeout]).then((reply) => ({ member, reply }));
      }),
    );
    let pending = 0;
    const perWorker: Array<{ labels: string; reply: Extract<WorkerMessage, { type: 'metrics' }> }> = [];
    for (const { member, reply } of answers) {
      if (reply?.type !== 'metrics') continue;
      total.add(reply.snapshot);
      pending += reply.pending;
      perWorker.push({ labels: `worker="${member.slot}",pid="${member.worker.process.pid}"`, reply });
    }
    total.backendsRefused += this.metrics.backendsRefused;
    total.portRangeFull += this.metrics.portRangeFull;
    total.portTableErrors += this.metrics.portTableErrors;
    total.topologyRefreshes = this.directory.refreshCount;
    total.topologyChanges = this.directory.changeCount;
    total.queueDepth = pending;
    const extra = [
      '# HELP slotbridge_proxy_workers Worker processes serving clients now.',
      '# TYPE slotbridge_proxy_workers gauge',
      `slotbridge_proxy_workers ${live.length}`,
      '# HELP slotbridge_proxy_worker_restarts_total Workers that exited and were replaced.',
      '# TYPE slotbridge_proxy_worker_restarts_total counter',
      `slotbridge_proxy_worker_restarts_total ${this.restarts}`,
      '# HELP slotbridge_proxy_worker_connections_active Client connections open now, per worker.',
      '# TYPE slotbridge_proxy_worker_connections_active gauge',
      ...perWorker.map(
        ({ labels, reply }) => `slotbridge_proxy_worker_connections_active{${labels}} ${reply.connections}`,
      ),
      '# HELP slotbridge_proxy_worker_connections_total Client connections accepted, per worker (since it started).',
      '# TYPE slotbridge_proxy_worker_connections_total counter',
      ...perWorker.map(
        ({ labels, reply }) =>
          `slotbridge_proxy_worker_connections_total{${labels}} ${reply.snapshot.counters.connectionsTotal ?? 0}`,
      ),
    ];
    return total.render(this.directory.list().length, extra);
  }
}
