/**
 * What the proxy knows of a sentinel group: the sentinels (keyed by their run id) and the data nodes of
 * one master name (keyed by announced address: sentinels know replicas by address), each with its proxy
 * port. Refreshed from SENTINEL MASTER / REPLICAS / SENTINELS over a plain {@link Connection}; the first
 * answering sentinel also says who it is (SENTINEL MYID), and its own announced address is learnt from
 * another sentinel's list. As in the cluster directory, new nodes get a port and a listener before a
 * refresh resolves.
 */
import type { AddressContext, NodeAddress } from '../address/index.js';
import { formatAddress } from '../address/index.js';
import type { Connection } from '../connection/index.js';
import { ConnectionError } from '../errors.js';
import { type RespValue, replyText } from '../resp/index.js';
import {
  type InstanceRecord,
  isHealthyReplica,
  parseInstanceList,
  recordAddress,
} from '../topology/sentinel/sentinel-replies.js';
import { NodeDirectory, type NodeDirectoryOptions, type SeenNode } from './node-directory.js';
import { PortTableError } from './port-table.js';
import type { ProxyNode } from './proxy-directory.js';

export interface SentinelDirectoryOptions extends NodeDirectoryOptions {
  /** Sentinel addresses to ask first. */
  sentinels: NodeAddress[];
  /** The master name the sentinels monitor. */
  name: string;
}

/** The id a sentinel has in the directory. */
export function sentinelNodeId(runId: string): string {
  return `sentinel:${runId}`;
}

/** The id a data node of the group has in the directory. */
export function dataNodeId(address: NodeAddress): string {
  return `data:${formatAddress(address)}`;
}

export class SentinelDirectory extends NodeDirectory {
  constructor(private readonly options: SentinelDirectoryOptions) {
    super(options);
  }

  protected label(node: ProxyNode): string {
    return node.id;
  }

  protected addressContext(node: ProxyNode): AddressContext {
    if (node.role === 'sentinel') return { source: 'sentinel-sentinels', role: 'sentinel' };
    return node.role === 'primary'
      ? { source: 'sentinel-master', role: 'master' }
      : { source: 'sentinel-replicas', role: 'replica' };
  }

  protected async refreshOnce(): Promise<void> {
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
        // The port table's store failing is not this sentinel's fault: asking another changes nothing.
        if (error instanceof PortTableError) throw error;
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
    const connection = await this.discoveryConnection(announced, 'sentinel');
    await connection.connect();
    return connection;
  }

  /** One sentinel's view: itself, its peers, the master and its replicas. */
  private async askSentinel(address: NodeAddress): Promise<SeenNode[]> {
    const name = this.options.name;
    const connection = await this.connect(address);
    let myId: string;
    let master: InstanceRecord | undefined;
    let current: RespValue = null;
    let replicas: InstanceRecord[];
    let sentinels: InstanceRecord[];
    try {
      myId = text(await connection.send(['SENTINEL', 'MYID']));
      master = parseInstanceList([await connection.send(['SENTINEL', 'MASTER', name])])[0];
      // During a failover SENTINEL MASTER keeps the old address until the switch, while
      // GET-MASTER-ADDR-BY-NAME already names the promoted replica (what clients are told to use).
      current = await connection.send(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name]);
      replicas = parseInstanceList(await connection.send(['SENTINEL', 'REPLICAS', name]));
      sentinels = parseInstanceList(await connection.send(['SENTINEL', 'SENTINELS', name]));
    } finally {
      connection.disconnect();
    }
    const masterAddress = addressReply(current) ?? (master === undefined ? undefined : recordAddress(master));
    if (masterAddress === undefined) {
      throw new ConnectionError('ERR_SENTINEL_DISCOVERY', `SENTINEL MASTER ${name} names no address`);
    }
    const masterId = dataNodeId(masterAddress);
    const seen: SeenNode[] = [
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
      // Right after a failover a sentinel may still list the promoted node among the replicas: the
      // master entry is the newer fact and must not be overwritten by the stale one.
      if (replica === undefined || dataNodeId(replica) === masterId) continue;
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
}

function text(value: RespValue): string {
  const id = replyText(value);
  if (id === undefined)
    throw new ConnectionError('ERR_SENTINEL_DISCOVERY', 'SENTINEL MYID did not reply with text');
  return id;
}

/** `[host, port]` of GET-MASTER-ADDR-BY-NAME, or undefined for a nil or malformed reply. */
function addressReply(reply: RespValue): NodeAddress | undefined {
  if (!Array.isArray(reply) || reply.length !== 2) return undefined;
  const host = replyText(reply[0]);
  const port = Number(replyText(reply[1]));
  if (host === undefined || host === '' || !Number.isInteger(port) || port <= 0 || port > 65535)
    return undefined;
  return { host, port };
}
