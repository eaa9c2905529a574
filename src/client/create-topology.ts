import { type AddressMapper, ConfiguredAddressMapper, identityAddressMapper } from '../address/index.js';
import type { ConnectionOptions, ConnectionRegistry } from '../connection/index.js';
import { CentralizedTopology, ClusterTopology, SentinelTopology, type Topology } from '../topology/index.js';
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
  if (config.keepAlive !== undefined) options.keepAlive = config.keepAlive;
  if (config.healthCheck !== undefined) options.healthCheck = config.healthCheck;
  if (config.credentials !== undefined) options.credentials = config.credentials;
  return options;
}

/** The mapper for the `addresses` option; connect where announced when there is none. */
export function addressMapperFor(config: CommonOptions, connection: ConnectionOptions): AddressMapper {
  return config.addresses ? new ConfiguredAddressMapper(config.addresses, connection) : identityAddressMapper;
}

/** Builds the topology a normalized config names. */
export function createTopology(config: NormalizedConfig, registry?: ConnectionRegistry): Topology {
  const common = connectionOptionsFrom(config);
  if (registry !== undefined) common.registry = registry;
  switch (config.kind) {
    case 'standalone':
      return new CentralizedTopology({ ...common, host: config.host, port: config.port });
    case 'unix':
      return new CentralizedTopology({ ...common, path: config.path });
    case 'cluster':
      return new ClusterTopology({
        seeds: config.hosts,
        connection: common,
        addressMapper: addressMapperFor(config, common),
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
      return new SentinelTopology({
        name: config.name,
        sentinels: config.hosts,
        node: common,
        sentinel: sentinelConnectionOptions(config, common),
        addressMapper: addressMapperFor(config, common),
        ...(config.readFrom !== undefined ? { readFrom: config.readFrom } : {}),
      });
  }
}

/** Sentinel connections: their own credentials and TLS; timeouts and limits shared with the data nodes. */
function sentinelConnectionOptions(
  config: Extract<NormalizedConfig, { kind: 'sentinel' }>,
  common: ConnectionOptions,
): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (common.registry !== undefined) options.registry = common.registry;
  if (config.sentinelUsername !== undefined) options.username = config.sentinelUsername;
  if (config.sentinelPassword !== undefined) options.password = config.sentinelPassword;
  if (config.sentinelCredentials !== undefined) options.credentials = config.sentinelCredentials;
  if (config.sentinelTls !== undefined) options.tls = config.sentinelTls;
  if (config.keepAlive !== undefined) options.keepAlive = config.keepAlive;
  if (config.healthCheck !== undefined) options.healthCheck = config.healthCheck;
  if (config.clientName !== undefined) options.clientName = config.clientName;
  if (config.protocol !== undefined) options.protocol = config.protocol;
  if (config.connectTimeout !== undefined) options.connectTimeout = config.connectTimeout;
  return options;
}
