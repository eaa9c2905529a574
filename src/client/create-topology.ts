import type { ConnectionOptions } from '../connection/index.js';
import { ConfigError } from '../errors.js';
import { CentralizedTopology, ClusterTopology, type Topology } from '../topology/index.js';
import type { CommonOptions, NormalizedConfig } from './config.js';

/** Connection options every data-node connection of any topology shares, from the client config. */
export function connectionOptionsFrom(config: CommonOptions): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (config.username !== undefined) options.username = config.username;
  if (config.password !== undefined) options.password = config.password;
  if (config.clientName !== undefined) options.clientName = config.clientName;
  if (config.db !== undefined) options.db = config.db;
  if (config.protocol !== undefined) options.protocol = config.protocol;
  if (config.tls !== undefined) options.tls = config.tls;
  if (config.connectTimeout !== undefined) options.connectTimeout = config.connectTimeout;
  if (config.commandTimeout !== undefined) options.commandTimeout = config.commandTimeout;
  if (config.reconnect !== undefined) options.reconnect = config.reconnect;
  if (config.maxRetriesPerCommand !== undefined) options.maxRetriesPerCommand = config.maxRetriesPerCommand;
  if (config.maxOfflineQueue !== undefined) options.maxOfflineQueue = config.maxOfflineQueue;
  if (config.limits?.maxBulkLength !== undefined) options.maxBulkLength = config.limits.maxBulkLength;
  if (config.limits?.maxAggregateLength !== undefined)
    options.maxAggregateLength = config.limits.maxAggregateLength;
  if (config.limits?.maxDepth !== undefined) options.maxDepth = config.limits.maxDepth;
  return options;
}

/** Builds the topology a normalized config names. */
export function createTopology(config: NormalizedConfig): Topology {
  const common = connectionOptionsFrom(config);
  switch (config.kind) {
    case 'standalone':
      return new CentralizedTopology({ ...common, host: config.host, port: config.port });
    case 'unix':
      return new CentralizedTopology({ ...common, path: config.path });
    case 'cluster':
      return new ClusterTopology({
        seeds: config.hosts,
        connection: common,
        ...(config.readFrom !== undefined ? { readFrom: config.readFrom } : {}),
        ...(config.maxRedirections !== undefined ? { maxRedirections: config.maxRedirections } : {}),
        ...(config.refreshInterval !== undefined ? { refreshInterval: config.refreshInterval } : {}),
        ...(config.preferHostname !== undefined ? { preferHostname: config.preferHostname } : {}),
        ...(config.splitMultiSlotWrites !== undefined
          ? { splitMultiSlotWrites: config.splitMultiSlotWrites }
          : {}),
        ...(config.maxOfflineQueue !== undefined ? { maxQueue: config.maxOfflineQueue } : {}),
      });
    case 'sentinel':
      throw new ConfigError(config.kind, `${config.kind} topologies are not implemented yet.`);
  }
}
