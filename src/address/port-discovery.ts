import { Connection, type ConnectionOptions } from '../connection/index.js';
import { DISCOVER_DEFAULTS } from '../defaults.js';
import { ConfigError } from '../errors.js';
import type { RespValue } from '../resp/index.js';
import { formatAddress, type NodeAddress } from './node-address.js';

/** What a probed port turned out to be. */
export interface DiscoveredNode {
  /** The exposed address that was probed: where to connect. */
  exposed: NodeAddress;
  /** `cluster`, `standalone` (a plain or sentinel-managed data node) or `sentinel`. */
  mode: 'cluster' | 'standalone' | 'sentinel';
  /** CLUSTER MYID (cluster nodes) or SENTINEL MYID (sentinels). */
  id?: string;
  /** INFO server run_id (data nodes; sentinels report it for masters and replicas). */
  runId?: string;
  /** The address the node announces for itself (CLUSTER NODES `myself`), when it says. */
  announced?: NodeAddress;
  role?: string;
  /** Data nodes: INFO replication `master_replid` (a master and its synced replicas share it). */
  replicationId?: string;
  /** Replicas: the address they replicate from (how the group names their master). */
  masterAddress?: NodeAddress;
}

/** A port that did not answer as a Redis server, and why. */
export interface ProbeFailure {
  exposed: NodeAddress;
  error: string;
}

/**
 * Probes exposed ports on one host, asks each server who it is, and indexes the answers by identity
 * (node id, run id) and by self-announced address, so that announced addresses can be matched to
 * reachable ones without knowing the internal network. Probing is bounded by `probeTimeout` per port.
 */
export class PortDiscovery {
  readonly host: string;
  readonly ports: number[];
  private readonly probeTimeout: number;
  private readonly connectionOptions: ConnectionOptions;
  private byId = new Map<string, DiscoveredNode>();
  private byAnnounced = new Map<string, DiscoveredNode>();
  private nodesValue: DiscoveredNode[] = [];
  private failuresValue: ProbeFailure[] = [];
  private probing: Promise<void> | undefined;
  private lastProbe = 0;
  /** performance.now() when the last probe started (its answers are at least that fresh). */
  private lastProbeStart = -1;

  constructor(
    discover: { host: string; ports: string | number[]; probeTimeout?: number },
    connectionOptions: ConnectionOptions = {},
  ) {
    this.host = discover.host;
    this.ports = parsePorts(discover.ports);
    this.probeTimeout = discover.probeTimeout ?? DISCOVER_DEFAULTS.probeTimeout;
    this.connectionOptions = connectionOptions;
  }

  /** Everything found by the last probe. */
  get nodes(): readonly DiscoveredNode[] {
    return this.nodesValue;
  }

  /** Ports that did not answer in the last probe. */
  get failures(): readonly ProbeFailure[] {
    return this.failuresValue;
  }

  /** Probes every port (coalesced: concurrent callers share one probe). */
  probe(): Promise<void> {
    if (this.probing === undefined) this.lastProbeStart = performance.now();
    this.probing ??= this.probeAll().finally(() => {
      this.probing = undefined;
      this.lastProbe = performance.now();
    });
    return this.probing;
  }

  /** Probes again unless a probe finished less than `minIntervalMs` ago. */
  async reprobe(minIntervalMs = 1000): Promise<void> {
    if (this.probing) return this.probing;
    if (performance.now() - this.lastProbe < minIntervalMs) return;
    return this.probe();
  }

  /**
   * Waits for answers gathered after `since` (performance.now()): a probe that started later, waiting
   * for the rate limit (`minIntervalMs` after the last probe ended) rather than reusing older answers.
   * After a failover the node to place is often new to the last probe; connecting to its announced
   * (unreachable) address instead would knock on the private network.
   */
  async probeSince(since: number, minIntervalMs = 1000): Promise<void> {
    if (this.probing) await this.probing;
    if (this.lastProbeStart >= since) return;
    const wait = this.lastProbe + minIntervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.lastProbeStart >= since) {
      if (this.probing) await this.probing;
      return;
    }
    return this.probe();
  }

  /** The exposed address of the node with this id or run id, or of the node that announces this address. */
  find(announced: NodeAddress, id: string | undefined): DiscoveredNode | undefined {
    if (id !== undefined) {
      const byId = this.byId.get(id);
      if (byId) return byId;
    }
    return this.byAnnounced.get(formatAddress(announced));
  }

  private async probeAll(): Promise<void> {
    const results = await Promise.all(this.ports.map((port) => this.probePort({ host: this.host, port })));
    const byId = new Map<string, DiscoveredNode>();
    const byAnnounced = new Map<string, DiscoveredNode>();
    const nodes: DiscoveredNode[] = [];
    const failures: ProbeFailure[] = [];
    for (const result of results) {
      if ('error' in result) {
        failures.push(result);
        continue;
      }
      nodes.push(result);
      if (result.id) byId.set(result.id, result);
      if (result.runId) byId.set(result.runId, result);
      if (result.announced) byAnnounced.set(formatAddress(result.announced), result);
    }
    // A data node does not say how others name it, but its replicas do: a replica's master_host:port is
    // the master's announced address, and the master is the probed node sharing its replication id.
    // This places a freshly promoted master before the sentinels have learned its run id.
    for (const replica of nodes) {
      if (replica.masterAddress === undefined || replica.replicationId === undefined) continue;
      const master = nodes.find((n) => n.role === 'master' && n.replicationId === replica.replicationId);
      const key = formatAddress(replica.masterAddress);
      if (master !== undefined && !byAnnounced.has(key)) byAnnounced.set(key, master);
    }
    this.byId = byId;
    this.byAnnounced = byAnnounced;
    this.nodesValue = nodes;
    this.failuresValue = failures;
  }

  private async probePort(exposed: NodeAddress): Promise<DiscoveredNode | ProbeFailure> {
    const connection = new Connection({
      ...this.connectionOptions,
      host: exposed.host,
      port: exposed.port,
      db: 0,
      readOnly: false,
      protocol: 2,
      reconnect: false,
      connectTimeout: this.probeTimeout,
      commandTimeout: this.probeTimeout,
    });
    try {
      await connection.connect();
      const info = String(await connection.send(['INFO', 'server']));
      const mode = serverMode(info);
      const node: DiscoveredNode = {
        exposed,
        mode: mode === 'cluster' ? 'cluster' : mode === 'sentinel' ? 'sentinel' : 'standalone',
      };
      const runId = field(info, 'run_id');
      if (runId && node.mode !== 'sentinel') node.runId = runId;
      if (node.mode === 'cluster') {
        node.id = String(await connection.send(['CLUSTER', 'MYID']));
        const self = myselfLine(await connection.send(['CLUSTER', 'NODES']));
        if (self) {
          node.announced = self.address;
          node.role = self.role;
        }
      } else if (node.mode === 'sentinel') {
        node.id = String(await connection.send(['SENTINEL', 'MYID']));
        node.role = 'sentinel';
      } else {
        const replication = String(await connection.send(['INFO', 'replication']));
        node.role = field(replication, 'role');
        node.replicationId = field(replication, 'master_replid');
        const masterHost = field(replication, 'master_host');
        const masterPort = Number(field(replication, 'master_port'));
        if (node.role === 'slave' && masterHost && masterPort > 0) {
          node.masterAddress = { host: masterHost, port: masterPort };
        }
      }
      return node;
    } catch (error) {
      return { exposed, error: (error as Error).message };
    } finally {
      connection.disconnect();
    }
  }
}

/** Parses `'30001-30006'`, `'30001,30003-30004'` or an array into a list of ports. */
export function parsePorts(ports: string | number[]): number[] {
  const out: number[] = [];
  const parts = Array.isArray(ports) ? ports.map(String) : ports.split(',');
  for (const raw of parts) {
    const part = raw.trim();
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match)
      throw new ConfigError(
        'addresses.discover.ports',
        `"${part}" is not a port or a range like 30001-30006.`,
      );
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to > 65535 || to < from || to - from > 1024) {
      throw new ConfigError(
        'addresses.discover.ports',
        `"${part}" must be ports in 1-65535, at most 1025 of them.`,
      );
    }
    for (let port = from; port <= to; port++) out.push(port);
  }
  if (out.length === 0) throw new ConfigError('addresses.discover.ports', 'lists no port.');
  return out;
}

/**
 * The server's mode from INFO server: `redis_mode` on Redis, `server_mode` on Valkey 8 (which has no
 * `redis_mode`): `cluster`, `sentinel` or `standalone`.
 */
export function serverMode(info: string): string | undefined {
  return field(info, 'redis_mode') ?? field(info, 'server_mode');
}

function field(info: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
  return match ? match[1].trim() : undefined;
}

function myselfLine(reply: RespValue): { address: NodeAddress; role: string } | undefined {
  const text = typeof reply === 'string' ? reply : Buffer.isBuffer(reply) ? reply.toString() : '';
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields.length < 3 || !fields[2].split(',').includes('myself')) continue;
    const endpoint = fields[1].split('@')[0];
    const colon = endpoint.lastIndexOf(':');
    const host = endpoint.slice(0, colon);
    const port = Number(endpoint.slice(colon + 1));
    if (!host || !port) return undefined;
    const flags = fields[2].split(',');
    return { address: { host, port }, role: flags.includes('master') ? 'master' : 'replica' };
  }
  return undefined;
}
