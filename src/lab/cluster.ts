/**
 * Above ~400 lines for a reason: one lab cluster class whose fault helpers (failover, kill, move,
 * migrate, add, remove) all share its node table and its wait loop; certificates are cluster-tls.ts.
 *
 * A real Redis Cluster on free loopback ports: N primaries with R replicas each, built from standalone
 * lab servers (`cluster-enabled yes`) and `redis-cli --cluster create`. Helpers drive the faults tests
 * need: a manual failover, kill -9 of a primary, a slot migration observable step by step (ASK), a node
 * restarted on another port with the same node id, adding and removing nodes.
 */
import path from 'node:path';
import { ClusterTls } from './cluster-tls.js';
import { LabError } from './errors.js';
import { delay, runCommand } from './process.js';
import { labServerBuild, resolveServerBuild } from './server-build.js';
import { type RedisServerHandle, startServer } from './standalone.js';

const HOST = '127.0.0.1';
const TOTAL_SLOTS = 16384;

export interface ClusterOptions {
  /** Number of primaries (default 3, minimum 3 for `redis-cli --cluster create`). */
  primaries?: number;
  /** Replicas per primary (default 1). */
  replicasPerPrimary?: number;
  /** `cluster-node-timeout` in ms (default 1000): how fast a dead primary is detected. */
  nodeTimeoutMs?: number;
  /** `cluster-require-full-coverage` (default false: shards that are up keep serving). */
  requireFullCoverage?: boolean;
  /** Extra config for every node. */
  args?: Record<string, string>;
  /** Milliseconds to wait for each step (start, agreement, failover). Default 20 000. */
  timeoutMs?: number;
  /** Server build (a `SLOTBRIDGE_SERVER` value). Default: the `SLOTBRIDGE_SERVER` environment variable, else PATH. */
  server?: string;
  /**
   * Every node also listens with TLS (the lab's own helpers keep the plain port), with `tls-cluster yes`
   * so that nodes announce their TLS ports to TLS clients. Each node has its own certificate signed by
   * one lab CA ({@link LabCluster.tlsCa}), valid for its announced hostname when `hostnames` is given,
   * else for localhost and 127.0.0.1.
   */
  tls?: boolean;
  /**
   * Node `index` (creation order) announces this hostname (`cluster-announce-hostname`), and clients
   * are sent hostnames (`cluster-preferred-endpoint-type hostname`).
   */
  hostnames?: (index: number) => string;
}

/** One node of a lab cluster. `server` changes when the node is moved to another port. */
export class LabClusterNode {
  constructor(
    public server: RedisServerHandle,
    readonly id: string,
  ) {}

  get port(): number {
    return this.server.port;
  }

  get address(): string {
    return `${HOST}:${this.server.port}`;
  }

  /** The TLS port, when the cluster was started with `tls`. */
  get tlsPort(): number | undefined {
    return this.server.tlsPort;
  }

  /** Runs redis-cli against this node and returns stdout trimmed. */
  cli(...args: string[]): Promise<string> {
    return this.server.cli(...args);
  }
}

/** One row of `CLUSTER NODES` as the lab reads it (for helpers and assertions). */
export interface LabNodeInfo {
  id: string;
  port: number;
  flags: string[];
  primaryId: string | undefined;
  slots: Array<[number, number]>;
}

/** Step-by-step slot migration (so a test can observe ASK between the steps). */
export interface SlotMigration {
  readonly slot: number;
  readonly source: LabClusterNode;
  readonly target: LabClusterNode;
  /** SETSLOT IMPORTING on the target and MIGRATING on the source. */
  begin(): Promise<void>;
  /** MIGRATE up to `count` keys of the slot (default all) from source to target; returns how many moved. */
  moveKeys(count?: number): Promise<number>;
  /** SETSLOT NODE on target, source and every other primary, then wait until all agree. */
  finish(): Promise<void>;
}

export interface LabCluster {
  /** Every node started (primaries and replicas, in creation order; added nodes appended). */
  readonly nodes: LabClusterNode[];
  /** The CA (PEM) that signed every node's certificate, when started with `tls`. */
  readonly tlsCa: Buffer | undefined;
  /** `host:port` of every node, usable as seed hosts. */
  seeds(): string[];
  /** Current primaries, asked from a live node. */
  primaries(): Promise<LabClusterNode[]>;
  /** The primary currently owning `slot`. */
  ownerOf(slot: number): Promise<LabClusterNode>;
  /** A replica of `primary`. */
  replicaOf(primary: LabClusterNode): Promise<LabClusterNode>;
  /** The `CLUSTER NODES` view of a live node. */
  nodesInfo(from?: LabClusterNode): Promise<LabNodeInfo[]>;
  /** Waits until every live node says `cluster_state:ok`, all agree on the slot owners and replicas are in sync. */
  waitHealthy(): Promise<void>;
  /** CLUSTER FAILOVER on a replica of `primary`; resolves with the promoted node once all agree. */
  failover(primary: LabClusterNode): Promise<LabClusterNode>;
  /**
   * kill -9 of `primary`; resolves with the promoted replica once all live nodes agree. `onKilled` runs
   * as soon as the process has exited (before the promotion), e.g. to time the fault exactly.
   */
  killPrimary(primary: LabClusterNode, options?: { onKilled?: () => void }): Promise<LabClusterNode>;
  /** Starts a stopped node again (same port, same nodes.conf) and waits until the cluster is healthy. */
  restartNode(node: LabClusterNode): Promise<void>;
  /** Restarts `node` on a new free port with the same node id (nodes.conf kept). */
  moveNode(node: LabClusterNode): Promise<void>;
  /**
   * Restarts every node at once on new ports (same ids, nodes.conf kept): every announced address changes
   * together, as when all pods of a StatefulSet restart with new IPs. The nodes are introduced to each
   * other again with CLUSTER MEET (what Kubernetes operators do) and it waits until the cluster is healthy.
   */
  moveAllNodes(): Promise<void>;
  /** Prepares a migration of `slot` to `target` (default: the next primary). Call its steps. */
  migration(slot: number, target?: LabClusterNode): Promise<SlotMigration>;
  /** Whole migration in one call. */
  migrateSlot(slot: number, target?: LabClusterNode): Promise<void>;
  /** Adds an empty primary (no slots) and waits until all nodes know it. */
  addNode(): Promise<LabClusterNode>;
  /** Removes a node without slots from the cluster (CLUSTER FORGET everywhere) and stops it. */
  removeNode(node: LabClusterNode): Promise<void>;
  /** Stops every node and removes their files. */
  stop(): Promise<void>;
}

/** Starts a cluster and waits until it is healthy. */
export async function startCluster(options: ClusterOptions = {}): Promise<LabCluster> {
  const primaries = options.primaries ?? 3;
  const replicas = options.replicasPerPrimary ?? 1;
  if (primaries < 3) throw new LabError('a lab cluster needs at least 3 primaries');
  const count = primaries * (1 + replicas);
  const tls = options.tls ? await ClusterTls.create() : undefined;
  const cluster = new Cluster(options, [], tls);
  const servers = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => cluster.startNodeServer(index, undefined)),
  );
  const started = servers.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const failed = servers.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const build = options.server === undefined ? labServerBuild() : resolveServerBuild(options.server);
    await runCommand(
      build.cli,
      [
        '--cluster',
        'create',
        ...started.map((server) => `${HOST}:${server.port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      { timeoutMs: cluster.timeoutMs },
    );
    for (const server of started) {
      cluster.nodes.push(new LabClusterNode(server, await server.cli('CLUSTER', 'MYID')));
    }
    await cluster.waitHealthy();
    return cluster;
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    await tls?.remove();
    throw error;
  }
}

function clusterArgs(options: ClusterOptions, configFile: string | undefined): Record<string, string> {
  return {
    'cluster-enabled': 'yes',
    'cluster-config-file': configFile ?? 'nodes.conf',
    'cluster-node-timeout': String(options.nodeTimeoutMs ?? 1000),
    'cluster-require-full-coverage': options.requireFullCoverage ? 'yes' : 'no',
    'cluster-replica-validity-factor': '0',
    'cluster-allow-replica-migration': 'no',
    ...options.args,
  };
}

/** Parses `CLUSTER NODES` for the lab's own needs (the client has its own, complete parser). */
export function parseLabNodes(text: string): LabNodeInfo[] {
  const nodes: LabNodeInfo[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields.length < 8) continue;
    const address = fields[1].split('@')[0];
    const slots: Array<[number, number]> = [];
    for (const range of fields.slice(8)) {
      if (range.startsWith('[')) continue;
      const [start, end] = range.split('-');
      slots.push([Number(start), Number(end ?? start)]);
    }
    nodes.push({
      id: fields[0],
      port: Number(address.slice(address.lastIndexOf(':') + 1)),
      flags: fields[2].split(','),
      primaryId: fields[3] === '-' ? undefined : fields[3],
      slots,
    });
  }
  return nodes;
}

class Cluster implements LabCluster {
  readonly timeoutMs: number;
  /** Nodes that were stopped on purpose (killed, moved away): not asked, not waited for. */
  private readonly down = new Set<LabClusterNode>();
  /** Servers a moved node left behind (stopped; their directories go when the cluster stops). */
  private readonly retired: RedisServerHandle[] = [];

  constructor(
    private readonly options: ClusterOptions,
    readonly nodes: LabClusterNode[],
    private readonly tls: ClusterTls | undefined,
  ) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  get tlsCa(): Buffer | undefined {
    return this.tls?.caPem;
  }

  /** Starts the server of node `index` (creation order): its hostname and certificate go with the index. */
  async startNodeServer(index: number, configFile: string | undefined): Promise<RedisServerHandle> {
    const options = this.options;
    const hostname = options.hostnames?.(index);
    const args: Record<string, string> = {
      ...clusterArgs(options, configFile),
      ...(hostname === undefined
        ? {}
        : { 'cluster-announce-hostname': hostname, 'cluster-preferred-endpoint-type': 'hostname' }),
      ...(this.tls === undefined ? {} : { 'tls-cluster': 'yes', 'tls-replication': 'yes' }),
    };
    const tlsFiles = await this.tls?.filesFor(
      index,
      hostname === undefined ? ['localhost', HOST] : [hostname],
    );
    return startServer({
      server: options.server,
      args,
      timeoutMs: options.timeoutMs ?? 20_000,
      ...(tlsFiles === undefined ? {} : { tlsFiles }),
    });
  }

  seeds(): string[] {
    return this.nodes.filter((node) => !this.down.has(node)).map((node) => node.address);
  }

  private live(): LabClusterNode[] {
    return this.nodes.filter((node) => !this.down.has(node));
  }

  private byId(id: string): LabClusterNode {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (node === undefined) throw new LabError(`no lab node has id ${id}`);
    return node;
  }

  async nodesInfo(from?: LabClusterNode): Promise<LabNodeInfo[]> {
    // A paused node answers nothing: ask one that runs (a test may pause the node it then kills).
    const live = this.live();
    const node = from ?? live.find((candidate) => !candidate.server.paused) ?? live[0];
    return parseLabNodes(await node.cli('CLUSTER', 'NODES'));
  }

  async primaries(): Promise<LabClusterNode[]> {
    const info = await this.nodesInfo();
    return info
      .filter(
        (node) => node.flags.includes('master') && !node.flags.includes('fail') && node.slots.length > 0,
      )
      .map((node) => this.byId(node.id));
  }

  async ownerOf(slot: number): Promise<LabClusterNode> {
    const info = await this.nodesInfo();
    const owner = info.find(
      (node) => node.flags.includes('master') && node.slots.some(([a, b]) => slot >= a && slot <= b),
    );
    if (owner === undefined) throw new LabError(`no primary owns slot ${slot}`);
    return this.byId(owner.id);
  }

  async replicaOf(primary: LabClusterNode): Promise<LabClusterNode> {
    // Right after a failover the demoted node is listed as the new primary's replica only once gossip
    // has caught up: wait for it rather than fail.
    let replicaId: string | undefined;
    try {
      await this.waitUntil(`a healthy replica of ${primary.address}`, async () => {
        const info = await this.nodesInfo();
        replicaId = info.find(
          (node) => node.primaryId === primary.id && !node.flags.some((flag) => flag.startsWith('fail')),
        )?.id;
        return replicaId !== undefined;
      });
    } catch (error) {
      throw new LabError(`primary ${primary.address} has no healthy replica`, { cause: error });
    }
    return this.byId(replicaId as string);
  }

  async waitHealthy(): Promise<void> {
    await this.waitUntil('every node reports cluster_state:ok and the same slot owners', async () => {
      const views: string[] = [];
      for (const node of this.live()) {
        const info = await node.cli('CLUSTER', 'INFO').catch(() => '');
        if (!info.includes('cluster_state:ok')) return false;
        // Replicas count only once in sync (CLUSTER SLOTS lists them only then).
        const replication = await node.cli('INFO', 'replication').catch(() => '');
        if (replication.includes('role:slave') && !replication.includes('master_link_status:up'))
          return false;
        const nodes = parseLabNodes(await node.cli('CLUSTER', 'NODES').catch(() => ''));
        const downIds = new Set([...this.down].map((down) => down.id));
        const unhealthy = nodes.some(
          (entry) =>
            !downIds.has(entry.id) &&
            entry.flags.some((flag) => flag.startsWith('fail') || flag === 'handshake'),
        );
        if (unhealthy) return false;
        views.push(slotOwnersKey(nodes));
      }
      return views.every((view) => view === views[0]) && coversAllSlots(views[0]);
    });
  }

  async failover(primary: LabClusterNode): Promise<LabClusterNode> {
    const replica = await this.replicaOf(primary);
    // A manual failover aborts when the replica cannot catch up within 5 s (a busy machine): ask again.
    let askedAt = 0;
    await this.waitUntil(`${replica.address} is promoted`, async () => {
      if (Date.now() - askedAt > 6_000) {
        askedAt = Date.now();
        await replica.cli('CLUSTER', 'FAILOVER');
      }
      const info = await this.nodesInfo(replica);
      return info.some((node) => node.id === replica.id && node.flags.includes('master'));
    });
    await this.waitHealthy();
    return replica;
  }

  async killPrimary(
    primary: LabClusterNode,
    options: { onKilled?: () => void } = {},
  ): Promise<LabClusterNode> {
    const replica = await this.replicaOf(primary);
    await primary.server.kill('SIGKILL');
    options.onKilled?.();
    this.down.add(primary);
    await this.waitUntil(`${replica.address} is promoted after kill -9 of ${primary.address}`, async () => {
      const info = await this.nodesInfo(replica);
      return info.some((node) => node.id === replica.id && node.flags.includes('master'));
    });
    await this.waitUntil('every live node sees the new primary', async () => {
      for (const node of this.live()) {
        const info = await this.nodesInfo(node).catch(() => []);
        const promoted = info.find((entry) => entry.id === replica.id);
        if (promoted === undefined || !promoted.flags.includes('master') || promoted.slots.length === 0)
          return false;
      }
      return true;
    });
    return replica;
  }

  async restartNode(node: LabClusterNode): Promise<void> {
    await node.server.restart();
    this.down.delete(node);
    await this.waitHealthy();
  }

  async moveNode(node: LabClusterNode): Promise<void> {
    const old = node.server;
    // SIGTERM: the node saves nodes.conf; its directory stays until the cluster stops.
    await old.kill('SIGTERM');
    const moved = await this.startNodeServer(this.nodes.indexOf(node), path.join(old.dir, 'nodes.conf'));
    const myId = await moved.cli('CLUSTER', 'MYID');
    if (myId !== node.id) {
      await moved.stop();
      throw new LabError(`node restarted on port ${moved.port} has id ${myId}, expected ${node.id}`);
    }
    node.server = moved;
    this.retired.push(old);
    await this.waitUntil(`every node sees ${node.id} on port ${moved.port}`, async () => {
      for (const other of this.live()) {
        const info = await this.nodesInfo(other).catch(() => []);
        const entry = info.find((candidate) => candidate.id === node.id);
        if (entry === undefined || entry.port !== moved.port) return false;
      }
      return true;
    });
    await this.waitHealthy();
  }

  async moveAllNodes(): Promise<void> {
    const nodes = this.live();
    await Promise.all(nodes.map((node) => node.server.kill('SIGTERM')));
    const moved = await Promise.all(
      nodes.map((node) =>
        this.startNodeServer(this.nodes.indexOf(node), path.join(node.server.dir, 'nodes.conf')),
      ),
    );
    for (let i = 0; i < nodes.length; i++) {
      const myId = await moved[i].cli('CLUSTER', 'MYID');
      if (myId !== nodes[i].id) {
        await Promise.allSettled(moved.map((server) => server.stop()));
        throw new LabError(`node restarted on port ${moved[i].port} has id ${myId}, expected ${nodes[i].id}`);
      }
      this.retired.push(nodes[i].server);
      nodes[i].server = moved[i];
    }
    // Each node still knows its peers at their old ports: introduce them at the new ones.
    for (const node of nodes.slice(1)) await nodes[0].cli('CLUSTER', 'MEET', HOST, String(node.port));
    await this.waitUntil('every node sees every other at its new port', async () => {
      for (const node of nodes) {
        const info = await this.nodesInfo(node).catch(() => []);
        for (const other of nodes) {
          const entry = info.find((candidate) => candidate.id === other.id);
          if (entry === undefined || entry.port !== other.port) return false;
        }
      }
      return true;
    });
    await this.waitHealthy();
  }

  async migration(slot: number, target?: LabClusterNode): Promise<SlotMigration> {
    const source = await this.ownerOf(slot);
    let destination = target;
    if (destination === undefined) {
      const primaries = await this.primaries();
      destination = primaries[(primaries.indexOf(source) + 1) % primaries.length];
    }
    if (destination === source) throw new LabError(`slot ${slot} is already on ${source.address}`);
    return new Migration(slot, source, destination, this);
  }

  async migrateSlot(slot: number, target?: LabClusterNode): Promise<void> {
    const migration = await this.migration(slot, target);
    await migration.begin();
    await migration.moveKeys();
    await migration.finish();
  }

  async addNode(): Promise<LabClusterNode> {
    const server = await this.startNodeServer(this.nodes.length, undefined);
    const node = new LabClusterNode(server, await server.cli('CLUSTER', 'MYID'));
    this.nodes.push(node);
    await server.cli('CLUSTER', 'MEET', HOST, String(this.live()[0].port));
    await this.waitUntil(`every node knows the added node ${node.address}`, async () => {
      for (const other of this.live()) {
        const info = await this.nodesInfo(other).catch(() => []);
        const entry = info.find((candidate) => candidate.id === node.id);
        if (entry === undefined || entry.flags.includes('handshake')) return false;
        if (info.length !== this.live().length) return false;
      }
      return true;
    });
    return node;
  }

  async removeNode(node: LabClusterNode): Promise<void> {
    const info = await this.nodesInfo();
    if ((info.find((entry) => entry.id === node.id)?.slots.length ?? 0) > 0) {
      throw new LabError(`node ${node.address} still owns slots: migrate them away first`);
    }
    await node.server.stop();
    this.down.add(node);
    const index = this.nodes.indexOf(node);
    this.nodes.splice(index, 1);
    this.down.delete(node);
    await Promise.all(this.live().map((other) => other.cli('CLUSTER', 'FORGET', node.id).catch(() => '')));
    await this.waitUntil(`every node forgot ${node.address}`, async () => {
      for (const other of this.live()) {
        const nodes = await this.nodesInfo(other).catch(() => undefined);
        if (nodes === undefined || nodes.some((entry) => entry.id === node.id)) return false;
      }
      return true;
    });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([
      ...this.nodes.map((node) => node.server.stop()),
      ...this.retired.map((server) => server.stop()),
    ]);
    await this.tls?.remove();
  }

  async waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await delay(50);
    }
    throw new LabError(`lab cluster: timed out after ${this.timeoutMs} ms waiting until ${what}`);
  }

  /** @internal */
  liveNodes(): LabClusterNode[] {
    return this.live();
  }
}

class Migration implements SlotMigration {
  constructor(
    readonly slot: number,
    readonly source: LabClusterNode,
    readonly target: LabClusterNode,
    private readonly cluster: Cluster,
  ) {}

  async begin(): Promise<void> {
    const slot = String(this.slot);
    await this.target.cli('CLUSTER', 'SETSLOT', slot, 'IMPORTING', this.source.id);
    await this.source.cli('CLUSTER', 'SETSLOT', slot, 'MIGRATING', this.target.id);
  }

  async moveKeys(count = Number.POSITIVE_INFINITY): Promise<number> {
    let moved = 0;
    while (moved < count) {
      const batch = Math.min(100, count - moved);
      const out = await this.source.cli('CLUSTER', 'GETKEYSINSLOT', String(this.slot), String(batch));
      const keys = out === '' ? [] : out.split('\n');
      if (keys.length === 0) break;
      await this.source.cli(
        'MIGRATE',
        HOST,
        String(this.target.port),
        '',
        '0',
        '5000',
        'REPLACE',
        'KEYS',
        ...keys,
      );
      moved += keys.length;
    }
    return moved;
  }

  async finish(): Promise<void> {
    const slot = String(this.slot);
    // Target first, then source (the order the Redis docs give), then every other primary.
    await this.target.cli('CLUSTER', 'SETSLOT', slot, 'NODE', this.target.id);
    await this.source.cli('CLUSTER', 'SETSLOT', slot, 'NODE', this.target.id);
    const primaries = await this.cluster.primaries();
    await Promise.all(
      primaries
        .filter((node) => node !== this.source && node !== this.target)
        .map((node) => node.cli('CLUSTER', 'SETSLOT', slot, 'NODE', this.target.id)),
    );
    await this.cluster.waitUntil(`every node agrees slot ${slot} is on ${this.target.address}`, async () => {
      for (const node of this.cluster.liveNodes()) {
        const info = await this.cluster.nodesInfo(node).catch(() => []);
        const owner = info.find((entry) =>
          entry.slots.some(([a, b]) => this.slot >= a && this.slot <= b && entry.flags.includes('master')),
        );
        if (owner?.id !== this.target.id) return false;
      }
      return true;
    });
  }
}

function slotOwnersKey(nodes: LabNodeInfo[]): string {
  return nodes
    .filter((node) => node.flags.includes('master') && node.slots.length > 0)
    .map((node) => `${node.id}:${node.slots.map(([a, b]) => `${a}-${b}`).join(',')}`)
    .sort()
    .join(' ');
}

function coversAllSlots(key: string): boolean {
  let total = 0;
  for (const part of key.split(' ')) {
    for (const range of part.slice(part.indexOf(':') + 1).split(',')) {
      const [a, b] = range.split('-').map(Number);
      total += b - a + 1;
    }
  }
  return total === TOTAL_SLOTS;
}
