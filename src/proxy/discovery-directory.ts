/**
 * The one place a proxy's own directory (discovery and the port table) is built: by a single proxy
 * process, and by the primary of a worker group (`--workers N`), never by a worker. The port table
 * (memory, a hash in the servers, or a file: `portTable`) lives here too, so a group has exactly one;
 * its workers receive the table's rows from the primary.
 */
import type { BackendAllowList } from './backend-allow-list.js';
import { ClusterDirectory } from './cluster-directory.js';
import type { NodeDirectory } from './node-directory.js';
import {
  MemoryPortTable,
  type PortRangeFullError,
  type PortTable,
  type PortTableError,
} from './port-table.js';
import { FilePortTable } from './port-table-file.js';
import { DEFAULT_PORT_TABLE_KEY, RedisPortTable, type StoreSend } from './port-table-redis.js';
import type { ProxyNode } from './proxy-directory.js';
import type { ClusterSentinelProxyOptions } from './proxy-options.js';
import { SentinelDirectory } from './sentinel-directory.js';

export interface DirectoryHooks {
  allowList: BackendAllowList;
  /** A node got a port: bind it (in this process, or in every worker) before the refresh resolves. */
  onNewNode: (node: ProxyNode) => Promise<void>;
  onNodeGone?: (node: ProxyNode) => void;
  onRefused: () => void;
  /** A node got no port: the range is full or the table's store failed. */
  onPortError?: (error: PortRangeFullError | PortTableError) => void;
  log: (line: string) => void;
}

type DirectoryOptions = Pick<
  ClusterSentinelProxyOptions,
  | 'seeds'
  | 'sentinelName'
  | 'username'
  | 'password'
  | 'addressMapper'
  | 'ports'
  | 'portTable'
  | 'entryPort'
  | 'metricsPort'
>;

/**
 * A cluster or sentinel directory for `options`, with its port table (`options.portTable`, default
 * memory; entry and metrics ports reserved). The table is the directory's `ports`.
 */
export function createDirectory(options: DirectoryOptions, hooks: DirectoryHooks): NodeDirectory {
  const reserved = [options.entryPort, options.metricsPort].filter((port) => port !== undefined);
  // The redis store is written through the directory's own connections (it follows the topology).
  let directory: NodeDirectory | undefined;
  const send: StoreSend = (args) => {
    if (directory === undefined)
      return Promise.reject(new Error('the port table was used before its directory'));
    return directory.storeSend(args);
  };
  const common = {
    ports: buildPortTable(options, reserved, send, hooks.log),
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.addressMapper !== undefined ? { addressMapper: options.addressMapper } : {}),
    ...hooks,
  };
  directory =
    options.sentinelName === undefined
      ? new ClusterDirectory({ seeds: options.seeds, ...common })
      : new SentinelDirectory({ sentinels: options.seeds, name: options.sentinelName, ...common });
  return directory;
}

/** The table `options.portTable` asks for; `send` reaches the servers (for the `redis` store). */
function buildPortTable(
  options: DirectoryOptions,
  reserved: number[],
  send: StoreSend,
  log: (line: string) => void,
): PortTable {
  const choice = options.portTable ?? { store: 'memory' };
  if (!('store' in choice)) return choice;
  switch (choice.store) {
    case 'memory':
      return new MemoryPortTable(options.ports, reserved);
    case 'file':
      return new FilePortTable(choice.path, options.ports, reserved);
    case 'redis':
      return new RedisPortTable({
        range: options.ports,
        reserved,
        key: choice.key ?? DEFAULT_PORT_TABLE_KEY,
        send,
        log,
        ...(choice.firstLoadTimeoutMs !== undefined ? { firstLoadTimeoutMs: choice.firstLoadTimeoutMs } : {}),
      });
  }
}
