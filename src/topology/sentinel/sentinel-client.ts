import {
  type AddressSource,
  formatAddress,
  identityAddressMapper,
  type MappedAddress,
  type NodeAddress,
  type NodeConnector,
} from '../../address/index.js';
import type { Connection, ConnectionOptions } from '../../connection/index.js';
import { clientClosedError } from '../../errors.js';
import type { RespArg, RespValue } from '../../resp/index.js';
import { SentinelError } from './sentinel-errors.js';
import type { SentinelList } from './sentinel-list.js';
import {
  type InstanceRecord,
  parseInstanceList,
  parseMasterAddress,
  parseRecordReply,
  recordAddress,
} from './sentinel-replies.js';

/** The master as a sentinel named it. */
export interface MasterLocation {
  /** The address the sentinel announced (routing identity). */
  announced: NodeAddress;
  /** Where the socket goes, after the address mapper. */
  target: MappedAddress;
  /** `host:port` of the sentinel that said so, or `+switch-master` for an event. */
  announcedBy: string;
  /** Which reply or event carried the address. */
  source: AddressSource;
  /** The node's run id as the sentinels report it, when known. */
  nodeId?: string;
  /**
   * Set when the failover leader only selected this replica (+selected-slave): until this
   * performance.now() time, ROLE is polled until it says master instead of asking the sentinels again.
   */
  awaitPromotionUntil?: number;
}

/**
 * What a data-node connection (master or replica) adds to the node options: no reconnect (the topology
 * finds the master again instead), and a node never reached fails its commands at once (so the topology
 * can explain instead of waiting).
 */
export const DATA_NODE_CONNECTION: ConnectionOptions = { reconnect: false, failFastUntilReady: true };

/** An announced address after mapping, with the identity it was mapped by. */
export interface MappedNode {
  target: MappedAddress;
  nodeId?: string;
}

/**
 * Talks to the sentinels: keeps one query connection to the sentinel that answered last and fails over
 * along the {@link SentinelList}. Every address a sentinel announces goes through the address mapper.
 */
export class SentinelClient {
  private connection: Connection | undefined;
  private connectionAddress: NodeAddress | undefined;
  /** Queries run one at a time: they share the one query connection. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Set by close(): a discovery still in flight must not open a socket afterwards (it would keep the process alive). */
  private closed = false;
  /** Run ids the sentinels reported (SENTINEL MASTER / REPLICAS / SENTINELS), by announced `host:port`. */
  private readonly runIds = new Map<string, string>();
  /** Whether the mapper may use identities (discovery): then run ids are looked up before mapping. */
  private readonly wantsIdentity: boolean;

  constructor(
    readonly name: string,
    readonly list: SentinelList,
    /** Opens sentinel connections (their own credentials and TLS) through the address mapper. */
    private readonly connector: NodeConnector,
  ) {
    this.wantsIdentity = connector.mapper !== identityAddressMapper;
  }

  /**
   * Where to open a socket for a sentinel in the list (learned ones are announced addresses: mapped, with
   * the run id SENTINEL SENTINELS reported, which equals that sentinel's SENTINEL MYID).
   */
  async sentinelTarget(address: NodeAddress, configured: boolean): Promise<MappedAddress> {
    if (configured) return address;
    const nodeId = this.runIds.get(formatAddress(address));
    return this.connector.resolve(address, {
      source: 'sentinel-sentinels',
      role: 'sentinel',
      ...(nodeId === undefined ? {} : { nodeId }),
    });
  }

  /** The run id the sentinels last reported for an announced address. */
  runIdOf(announced: NodeAddress): string | undefined {
    return this.runIds.get(formatAddress(announced));
  }

  /**
   * Maps an address a sentinel announced, with the node's run id as identity (from what the sentinels
   * reported before, else asked now with SENTINEL MASTER / REPLICAS when the mapper can use it).
   */
  async map(
    announced: NodeAddress,
    source: AddressSource,
    announcedBy: string,
    role: string,
  ): Promise<MappedNode> {
    let nodeId = this.runIds.get(formatAddress(announced));
    if (nodeId === undefined && this.wantsIdentity) {
      nodeId = await this.exclusive(() => this.lookUpRunId(announced, undefined)).catch(() => undefined);
    }
    return this.resolve(announced, source, announcedBy, role, nodeId);
  }

  /** Remembers the run ids of instance records (SENTINEL MASTER / REPLICAS / SENTINELS). */
  remember(records: readonly InstanceRecord[]): void {
    for (const record of records) {
      const address = recordAddress(record);
      const runId = record.get('runid');
      if (address !== undefined && runId !== undefined && runId !== '') {
        this.runIds.set(formatAddress(address), runId);
      }
    }
  }

  private async resolve(
    announced: NodeAddress,
    source: AddressSource,
    announcedBy: string,
    role: string,
    nodeId: string | undefined,
  ): Promise<MappedNode> {
    const target = await this.connector.resolve(announced, {
      source,
      announcedBy,
      role,
      ...(nodeId === undefined ? {} : { nodeId }),
    });
    return nodeId === undefined ? { target } : { target, nodeId };
  }

  /**
   * The run id of `announced`, asked of one sentinel (`at`) or of any: SENTINEL MASTER first (its address
   * may lag behind get-master-addr-by-name during a failover), else SENTINEL REPLICAS (a promoted replica
   * keeps its run id). Runs inside the query chain.
   */
  private async lookUpRunId(
    announced: NodeAddress,
    at: { address: NodeAddress; configured: boolean } | undefined,
  ): Promise<string | undefined> {
    const send = (args: RespArg[]): Promise<RespValue> =>
      at === undefined
        ? this.sendAny(args).then(({ reply }) => reply)
        : this.sendTo(at.address, at.configured, args);
    const key = formatAddress(announced);
    const master = parseRecordReply(await send(['SENTINEL', 'MASTER', this.name]));
    this.remember([master]);
    const address = recordAddress(master);
    // The replicas' run ids are remembered too, also when the master matched: after a failover the
    // promoted replica is then known by identity at once, before any probe can place its new role (a
    // sentinel forgets the new master's run id until its next INFO round).
    const replicas = send(['SENTINEL', 'REPLICAS', this.name]).then(
      (reply) => this.remember(parseInstanceList(reply)),
      () => undefined,
    );
    if (address !== undefined && formatAddress(address) === key && master.get('runid')) {
      await replicas;
      return master.get('runid');
    }
    await replicas;
    return this.runIds.get(key);
  }

  /**
   * Opens a connection to one sentinel (sentinel credentials and TLS, the mapping's TLS servername, no
   * reconnect: the list fails over).
   */
  openSentinel(target: MappedAddress, extra: ConnectionOptions = {}): Connection {
    return this.connector.open(target, { ...extra, db: 0, reconnect: false });
  }

  /**
   * Seed procedure steps 1-4: tries each sentinel until one answers `SENTINEL get-master-addr-by-name`.
   * A null reply (the name is unknown to that sentinel) moves on to the next one without retrying;
   * when no sentinel knows the name: ERR_SENTINEL_UNKNOWN_MASTER; when none answered: ERR_SENTINEL_UNREACHABLE.
   */
  discoverMaster(): Promise<MasterLocation> {
    return this.exclusive(() => this.discoverMasterNow());
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async discoverMasterNow(): Promise<MasterLocation> {
    const failures: string[] = [];
    const unknownAt: string[] = [];
    const tried: string[] = [];
    for (const { address, configured } of this.list.ordered()) {
      const label = formatAddress(address);
      tried.push(label);
      let reply: RespValue;
      try {
        reply = await this.sendTo(address, configured, ['SENTINEL', 'get-master-addr-by-name', this.name]);
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
        continue;
      }
      const announced = parseMasterAddress(reply);
      if (announced === undefined) {
        unknownAt.push(label);
        continue;
      }
      this.list.promote(address);
      let nodeId: string | undefined;
      if (this.wantsIdentity) {
        // Fresh, not cached: a restarted master has a new run id.
        nodeId = await this.lookUpRunId(announced, { address, configured }).catch(() => undefined);
      }
      const { target } = await this.resolve(announced, 'sentinel-master', label, 'master', nodeId);
      const location: MasterLocation = { announced, target, announcedBy: label, source: 'sentinel-master' };
      if (nodeId !== undefined) location.nodeId = nodeId;
      return location;
    }
    if (unknownAt.length > 0) {
      throw new SentinelError(
        'ERR_SENTINEL_UNKNOWN_MASTER',
        this.name,
        tried,
        `No sentinel monitors a master named "${this.name}" (asked ${unknownAt.join(', ')}` +
          `${failures.length > 0 ? `; unreachable: ${failures.join('; ')}` : ''}). ` +
          'Check sentinel.name against `sentinel monitor NAME ...` in sentinel.conf (SENTINEL MASTERS lists the names).',
      );
    }
    throw new SentinelError(
      'ERR_SENTINEL_UNREACHABLE',
      this.name,
      tried,
      `Could not reach any sentinel for master "${this.name}": ${failures.join('; ')}. ` +
        'Check sentinel.hosts, that the sentinels run, and their credentials (sentinel.username/password/tls).',
    );
  }

  /** `SENTINEL SENTINELS NAME` on the current sentinel: refreshes the list with the other sentinels. */
  async refreshSentinels(): Promise<void> {
    const { reply, address } = await this.exclusive(() => this.sendAny(['SENTINEL', 'SENTINELS', this.name]));
    const discovered: NodeAddress[] = [];
    const records = parseInstanceList(reply);
    this.remember(records);
    for (const record of records) {
      const announced = recordAddress(record);
      if (announced !== undefined) discovered.push(announced);
    }
    this.list.learn(discovered, address);
  }

  /** `SENTINEL REPLICAS NAME` on the current sentinel (their run ids are remembered). */
  async replicas(): Promise<{ records: InstanceRecord[]; announcedBy: string }> {
    const { reply, address } = await this.exclusive(() => this.sendAny(['SENTINEL', 'REPLICAS', this.name]));
    const records = parseInstanceList(reply);
    this.remember(records);
    return { records, announcedBy: formatAddress(address) };
  }

  /** Closes the query connection for good: later queries fail without opening a socket. */
  close(): void {
    this.closed = true;
    this.dropConnection();
  }

  /** Drops the query connection (the next query opens one again). */
  private dropConnection(): void {
    this.connection?.disconnect();
    this.connection = undefined;
    this.connectionAddress = undefined;
  }

  /** Sends on the current sentinel, or the first one in the list that answers. */
  private async sendAny(args: readonly RespArg[]): Promise<{ reply: RespValue; address: NodeAddress }> {
    const failures: string[] = [];
    const tried: string[] = [];
    for (const { address, configured } of this.list.ordered()) {
      tried.push(formatAddress(address));
      try {
        const reply = await this.sendTo(address, configured, args);
        this.list.promote(address);
        return { reply, address };
      } catch (error) {
        failures.push(`${formatAddress(address)}: ${(error as Error).message}`);
      }
    }
    throw new SentinelError(
      'ERR_SENTINEL_UNREACHABLE',
      this.name,
      tried,
      `Could not reach any sentinel for master "${this.name}": ${failures.join('; ')}.`,
    );
  }

  private async sendTo(
    address: NodeAddress,
    configured: boolean,
    args: readonly RespArg[],
  ): Promise<RespValue> {
    if (this.closed) throw this.closedError();
    const current = this.connection;
    if (
      current !== undefined &&
      this.connectionAddress !== undefined &&
      formatAddress(this.connectionAddress) === formatAddress(address) &&
      current.state !== 'closed' &&
      current.state !== 'closing'
    ) {
      try {
        return await current.send(args);
      } catch (error) {
        if (this.connection === current) this.dropConnection();
        throw error;
      }
    }
    this.dropConnection();
    const target = await this.sentinelTarget(address, configured);
    // Checked after the await too: close() may have run while the target was being resolved.
    if (this.closed) throw this.closedError();
    const connection = this.openSentinel(target);
    this.connection = connection;
    this.connectionAddress = address;
    try {
      await connection.connect();
      return await connection.send(args);
    } catch (error) {
      if (this.connection === connection) this.dropConnection();
      else connection.disconnect();
      throw error;
    }
  }

  private closedError(): Error {
    return clientClosedError(`Sentinel query connection for "${this.name}"`, 'the client was closed');
  }
}
