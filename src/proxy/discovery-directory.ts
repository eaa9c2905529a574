/**
 * The one place a proxy's own directory (discovery and port allocation) is built: by a single proxy
 * process, and by the primary of a worker group (`--workers N`), never by a worker. Whatever decides
 * the ports (the allocator today, a persisted table later) is set up here for both.
 */
import type { BackendAllowList } from './backend-allow-list.js';
import { ClusterDirectory } from './cluster-directory.js';
import type { ClusterProxyOptions } from './cluster-proxy.js';
import type { NodeDirectory } from './node-directory.js';
import { PortAllocator } from './port-allocator.js';
import type { ProxyNode } from './proxy-directory.js';
import { SentinelDirectory } from './sentinel-directory.js';

export interface DirectoryHooks {
  allowList: BackendAllowList;
  /** A node got a port: bind it (in this process, or in every worker) before the refresh resolves. */
  onNewNode: (node: ProxyNode) => Promise<void>;
  onNodeGone?: (node: ProxyNode) => void;
  onRefused: () => void;
  log: (line: string) => void;
}

/** A cluster or sentinel directory for `options`, with ports from `options.ports` (entry and metrics ports reserved). */
export function createDirectory(
  options: Pick<
    ClusterProxyOptions,
    | 'seeds'
    | 'sentinelName'
    | 'username'
    | 'password'
    | 'addressMapper'
    | 'ports'
    | 'entryPort'
    | 'metricsPort'
  >,
  hooks: DirectoryHooks,
): NodeDirectory {
  const reserved = [options.entryPort, options.metricsPort].filter((port) => port !== undefined);
  const common = {
    allocator: new PortAllocator(options.ports, reserved),
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.addressMapper !== undefined ? { addressMapper: options.addressMapper } : {}),
    ...hooks,
  };
  return options.sentinelName === undefined
    ? new ClusterDirectory({ seeds: options.seeds, ...common })
    : new SentinelDirectory({ sentinels: options.seeds, name: options.sentinelName, ...common });
}
