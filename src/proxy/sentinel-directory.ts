/**
 * What the proxy knows of a sentinel group: the sentinels (keyed by their run id) and the data nodes of
 * one master name (keyed by announced address: sentinels know replicas by address), each with its proxy
 * port. Refreshed from SENTINEL MASTER / REPLICAS / SENTINELS over a plain {@link Connection}; the first
 * answering sentinel also says who it is (SENTINEL MYID), and its own announced address is learnt from
 * another sentinel's list. As in the cluster directory, new nodes get a port and a listener before a
 * refresh resolves.
 */
import type { AddressMapper, AddressSource, NodeAddress } from '../address/index.js';
import { formatAddress, identityAddressMapper } from '../address/index.js';
import { Connection } from '../connection/index.js';
import { ConnectionError } from '../errors.js';
import type { RespValue } from '../resp/index.js';
import {
  type InstanceRecord,
  isHealthyReplica,
  parseInstanceList,
  recordAddress,
} from '../topology/sentinel/sentinel-replies.js';
import type { PortAllocator } from './port-allocator.js';
import type { ProxyDirectory, ProxyNode } from './proxy-directory.js';

export interface SentinelDirectoryOptions {
  /** Sentinel addresses to ask first. */
  sentinels: NodeAddress[];
  /** The master name the sentinels monitor. */
  name: string;
  allocator: PortAllocator;
  /** Credentials for the sentinels (clients authenticate themselves). */
  username?: string;
  password?: string;
  addressMapper?: AddressMapper;
  /** Timeout of each discovery connection and command, ms (default 3000). */
  timeoutMs?: number;
  onNewNode: (node: ProxyNode) => Promise<void>;
  log: (line: string) => void;
}

interface Seen {
  id: string;
  address: NodeAddress;
  role: ProxyNode['role'];
  primaryId: string | undefined;
  healthy: boolean;
}

/** The id a sentinel has in the directory. */
export function sentinelNodeId(runId: string): string {
  return `sentinel:${runId}`;
}

/** The id a data node of the group has in the directory. */
export function dataNodeId(address: NodeAddress): string {
  return `data:${formatAddress(address)}`;
}

export class SentinelDirectory implements ProxyDirectory {
  private readonly nodes = new Map<string, ProxyNode>();
  private readonly byAddress = new Map<string, ProxyNode>();
  private readonly mapper: AddressMapper;
  private inflight: Promise<void> | undefined;
  refreshCount = 0;
  changeCount = 0;

  constructor(private readonly options: SentinelDirectoryOptions) {
    this.mapper = options.addressMapper ?? identityAddressMapper;
  }

  list(): ProxyNode[] {
    return [...this.nodes.values()];
  }

  byId(id: string): ProxyNode | undefined {
    return this.nodes.get(id);
  }

  byAnnounced(host: string, port: number): ProxyNode | undefined {
    return this.byAddress.get(formatAddress({ host, port }));
  }

  async target(node: ProxyNode): Promise<NodeAddress> {
    const source: AddressSource =
      node.role === 'sentinel'
        ? 'sentinel-sentinels'
        : node.role === 'primary'
          ? 'sentinel-master'
          : 'sentinel-replicas';
    const role = node.role === 'primary' ? 'master' : node.role;
    const mapped = await this.mapper.resolve({ host: node.host, port: node.port }, { source, role });
    return { host: mapped.host, port: mapped.port };
  }

  refresh(): Promise<void> {
    if (this.inflight === undefined) {
      this.inflight = this.refreshOnce().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  rebind(node: ProxyNode): ProxyNode | undefined {
    const port = this.options.allocator.replace(node.id);
    if (port === undefined) return undefined;
    const moved: ProxyNode = { ...node, proxyPort: port };
    this.nodes.set(node.id, moved);
    this.byAddress.set(formatAddress(moved), moved);
    return moved;
  }

  private async refreshOnce(): Promise<void> {
    const candidates: NodeAddress[] = [];
    for (const node of this.nodes.values()) {
      if (node.role === 'sentinel' && node.present) candidates.push({ host: node.host, port: node.port });
    }
    candidates.push(...this.options.sentinels);
    const failures: string[] = [];
    for (const address of candidates) {
      try {
        const seen = await this.askSentinel(address);
        await this.apply(seen);
        this.refreshCount++;
        return;
      } catch (error) {
        failures.push(`${formatAddress(address)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new ConnectionError(
      'ERR_SENTINEL_DISCOVERY',
      `slotbridge proxy: no sentinel answered for master "${this.options.name}" (${failures.join('; ')}). ` +
        'Check --sentinel, --name and that the sentinels are up.',
    );
  }

  private async connect(announced: NodeAddress): Promise<Connection> {
    const mapped = await this.mapper.resolve(announced, { source: 'config', role: 'sentinel' });
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
    await connection.connect();
    return connection;
  }

  /** One sentinel's view: itself, its peers, the master and its replicas. */
  private async askSentinel(address: NodeAddress): Promise<Seen[]> {
    const name = this.options.name;
    const connection = await this.connect(address);
    let myId: string;
    let master: InstanceRecord | undefined;
    let replicas: InstanceRecord[];
    let sentinels: InstanceRecord[];
    try {
      myId = text(await connection.send(['SENTINEL', 'MYID']));
      master = parseInstanceList([await connection.send(['SENTINEL', 'MASTER', name])])[0];
      replicas = parseInstanceList(await connection.send(['SENTINEL', 'REPLICAS', name]));
      sentinels = parseInstanceList(await connection.send(['SENTINEL', 'SENTINELS', name]));
    } finally {
      connection.disconnect();
    }
    const masterAddress = master === undefined ? undefined : recordAddress(master);
    if (masterAddress === undefined) {
      throw new ConnectionError('ERR_SENTINEL_DISCOVERY', `SENTINEL MASTER ${name} names no address`);
    }
    const masterId = dataNodeId(masterAddress);
    const seen: Seen[] = [
      {
        id: sentinelNodeId(myId),
        address: await this.ownAddress(myId, address, sentinels),
        role: 'sentinel',
        primaryId: undefined,
        healthy: true,
      },
    ];
    for (const record of sentinels) {
      const peer = recordAddress(record);
      const runId = record.get('runid');
      if (peer === undefined || runId === undefined) continue;
      seen.push({
        id: sentinelNodeId(runId),
        address: peer,
        role: 'sentinel',
        primaryId: undefined,
        healthy: true,
      });
    }
    seen.push({ id: masterId, address: masterAddress, role: 'primary', primaryId: undefined, healthy: true });
    for (const record of replicas) {
      const replica = recordAddress(record);
      if (replica === undefined) continue;
      seen.push({
        id: dataNodeId(replica),
        address: replica,
        role: 'replica',
        primaryId: masterId,
        healthy: isHealthyReplica(record),
      });
    }
    return seen;
  }

  /**
   * The address other sentinels announce for the one that answered (it does not list itself): known
   * from an earlier refresh, else asked from a peer, else the address it was reached at.
   */
  private async ownAddress(
    myId: string,
    reachedAt: NodeAddress,
    peers: InstanceRecord[],
  ): Promise<NodeAddress> {
    const known = this.nodes.get(sentinelNodeId(myId));
    if (known !== undefined) return { host: known.host, port: known.port };
    for (const record of peers) {
      const peer = recordAddress(record);
      if (peer === undefined) continue;
      try {
        const connection = await this.connect(peer);
        try {
          const list = parseInstanceList(await connection.send(['SENTINEL', 'SENTINELS', this.options.name]));
          const self = list.find((entry) => entry.get('runid') === myId);
          const address = self === undefined ? undefined : recordAddress(self);
          if (address !== undefined) return address;
        } finally {
          connection.disconnect();
        }
      } catch {
        // Try the next peer.
      }
    }
    return reachedAt;
  }

  private async apply(seen: Seen[]): Promise<void> {
    const first = this.refreshCount === 0;
    const ids = new Set(seen.map((entry) => entry.id));
    const added: ProxyNode[] = [];
    for (const entry of seen) {
      const known = this.nodes.get(entry.id);
      if (known !== undefined) {
        this.update(known, entry);
        continue;
      }
      if (added.some((node) => node.id === entry.id)) continue;
      const proxyPort = this.options.allocator.allocate(entry.id);
      if (proxyPort === undefined) {
        this.options.log(`warning: no free port left in the range for ${entry.id}`);
        continue;
      }
      const node: ProxyNode = {
        id: entry.id,
        host: entry.address.host,
        port: entry.address.port,
        role: entry.role,
        primaryId: entry.primaryId,
        healthy: entry.healthy,
        proxyPort,
        present: true,
      };
      this.nodes.set(node.id, node);
      this.byAddress.set(formatAddress(node), node);
      added.push(node);
    }
    for (const node of this.nodes.values()) {
      if (!ids.has(node.id) && node.present) {
        node.present = false;
        this.change(`${node.id} (${node.role}) is no longer listed; port ${node.proxyPort} kept`);
      }
    }
    for (const node of added) {
      await this.options.onNewNode(node);
      const current = this.nodes.get(node.id) ?? node;
      if (!first) this.change(`${node.id} joined as ${node.role} -> port ${current.proxyPort}`);
    }
  }

  private update(node: ProxyNode, entry: Seen): void {
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
    if (changes.length > 0) this.change(`${node.id} port ${node.proxyPort}: ${changes.join(', ')}`);
  }

  private change(line: string): void {
    this.changeCount++;
    this.options.log(`topology: ${line}`);
  }
}

function text(value: RespValue): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  throw new ConnectionError('ERR_SENTINEL_DISCOVERY', 'SENTINEL MYID did not reply with text');
}
