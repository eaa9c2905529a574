import { type AddressMapper, ConfiguredAddressMapper, identityAddressMapper } from '../address/index.js';
import type { ConnectionOptions, ConnectionRegistry } from '../connection/index.js';
import { CentralizedTopology, ClusterTopology, SentinelTopology, type Topology } from '../topology/index.js';
import type { ResolvedCommonOptions, ResolvedConfig } from './config.js';

/**
 * What every data-node connection of any topology takes from the resolved config. Nothing is defaulted
 * here: the resolved config carries every value.
 */
export function connectionOptionsFrom(config: ResolvedCommonOptions): ConnectionOptions {
  return definedOnly({
    username: config.username,
    password: config.password,
    credentials: config.credentials,
    clientName: config.clientName,
    db: config.db,
    protocol: config.protocol,
    tls: config.tls,
    connectTimeout: config.connectTimeout,
    commandTimeout: config.commandTimeout,
    reconnect: config.reconnect,
    maxRetriesPerCommand: config.maxRetriesPerCommand,
    maxOfflineQueue: config.maxOfflineQueue,
    maxBulkLength: config.limits.maxBulkLength,
    maxAggregateLength: config.limits.maxAggregateLength,
    maxDepth: config.limits.maxDepth,
    keepAlive: config.keepAlive,
    healthCheck: config.healthCheck,
  });
}

/** The mapper for the `addresses` option; connect where announced when there is none. */
export function addressMapperFor(
  config: ResolvedCommonOptions,
  connection: ConnectionOptions,
): AddressMapper {
  return config.addresses ? new ConfiguredAddressMapper(config.addresses, connection) : identityAddressMapper;
}

/** Builds the topology a resolved config names. */
export function createTopology(config: ResolvedConfig, registry?: ConnectionRegistry): Topology {
  const common = connectionOptionsFrom(config);
  if (registry !== undefined) common.registry = registry;
  switch (config.kind) {
    case 'standalone':
      return new CentralizedTopology({ ...common, host: config.host, port: config.port });
    case 'unix':
      return new CentralizedTopology({ ...common, path: config.path });
    case 'cluster':
      return new ClusterTopology({
        seeds: [...config.hosts],
        connection: common,
        addressMapper: addressMapperFor(config, common),
        readFrom: config.readFrom,
        maxRedirections: config.maxRedirections,
        refreshInterval: config.refreshInterval,
        preferHostname: config.preferHostname,
        splitMultiSlotWrites: config.splitMultiSlotWrites,
        maxQueue: config.maxOfflineQueue,
      });
    case 'sentinel':
      return new SentinelTopology({
        name: config.name,
        sentinels: config.hosts,
        node: common,
        sentinel: sentinelConnectionOptions(config, common),
        addressMapper: addressMapperFor(config, common),
        readFrom: config.readFrom,
      });
  }
}

/** Sentinel connections: their own credentials and TLS; timeouts and limits shared with the data nodes. */
function sentinelConnectionOptions(
  config: Extract<ResolvedConfig, { kind: 'sentinel' }>,
  common: ConnectionOptions,
): ConnectionOptions {
  return definedOnly({
    registry: common.registry,
    username: config.sentinelUsername,
    password: config.sentinelPassword,
    credentials: config.sentinelCredentials,
    tls: config.sentinelTls,
    keepAlive: config.keepAlive,
    healthCheck: config.healthCheck,
    clientName: config.clientName,
    protocol: config.protocol,
    connectTimeout: config.sentinelConnectTimeout,
  });
}

/**
 * Drops the options a config leaves unset, so that the layers below see them absent (as when built by
 * hand) and a spread of these options never overwrites a value with `undefined`.
 */
function definedOnly(options: ConnectionOptions): ConnectionOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as ConnectionOptions;
}
