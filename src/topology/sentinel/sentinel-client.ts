import {
  type AddressMapper,
  type AddressSource,
  formatAddress,
  type NodeAddress,
} from '../../address/index.js';
import { Connection, type ConnectionOptions } from '../../connection/index.js';
import type { RespArg, RespValue } from '../../resp/index.js';
import { SentinelError } from './sentinel-errors.js';
import type { SentinelList } from './sentinel-list.js';
import {
  type InstanceRecord,
  parseInstanceList,
  parseMasterAddress,
  recordAddress,
} from './sentinel-replies.js';

/** The master as a sentinel named it. */
export interface MasterLocation {
  /** The address the sentinel announced (routing identity). */
  announced: NodeAddress;
  /** Where the socket goes, after the address mapper. */
  target: NodeAddress;
  /** `host:port` of the sentinel that said so, or `+switch-master` for an event. */
  announcedBy: string;
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

  constructor(
    readonly name: string,
    readonly list: SentinelList,
    private readonly options: ConnectionOptions,
    private readonly mapper: AddressMapper,
  ) {}

  /** Where to open a socket for a sentinel in the list (learned ones are announced addresses: mapped). */
  async sentinelTarget(address: NodeAddress, configured: boolean): Promise<NodeAddress> {
    if (configured) return address;
    return this.mapper.resolve(address, { source: 'sentinel-sentinels', role: 'sentinel' });
  }

  /** Maps an address a sentinel announced. */
  map(
    announced: NodeAddress,
    source: AddressSource,
    announcedBy: string,
    role: string,
  ): Promise<NodeAddress> {
    return this.mapper.resolve(announced, { source, announcedBy, role });
  }

  /** Opens a connection to one sentinel (sentinel credentials and TLS, no reconnect: the list fails over). */
  openSentinel(target: NodeAddress, extra: ConnectionOptions = {}): Connection {
    return new Connection({
      ...this.options,
      ...extra,
      host: target.host,
      port: target.port,
      db: 0,
      reconnect: false,
    });
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
      const target = await this.map(announced, 'sentinel-master', label, 'master');
      return { announced, target, announcedBy: label };
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
    for (const record of parseInstanceList(reply)) {
      const announced = recordAddress(record);
      if (announced !== undefined) discovered.push(announced);
    }
    this.list.learn(discovered, address);
  }

  /** `SENTINEL REPLICAS NAME` on the current sentinel. */
  async replicas(): Promise<{ records: InstanceRecord[]; announcedBy: string }> {
    const { reply, address } = await this.exclusive(() => this.sendAny(['SENTINEL', 'REPLICAS', this.name]));
    return { records: parseInstanceList(reply), announcedBy: formatAddress(address) };
  }

  /** Closes the query connection. */
  close(): void {
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
        if (this.connection === current) this.close();
        throw error;
      }
    }
    this.close();
    const connection = this.openSentinel(await this.sentinelTarget(address, configured));
    this.connection = connection;
    this.connectionAddress = address;
    try {
      await connection.connect();
      return await connection.send(args);
    } catch (error) {
      if (this.connection === connection) this.close();
      else connection.disconnect();
      throw error;
    }
  }
}
