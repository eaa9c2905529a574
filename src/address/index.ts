export { type AddressMapper, identityAddressMapper, type MappedAddress } from './address-mapper.js';
export type { AddressMapFunction, AddressOptions, AddressTarget } from './address-options.js';
export { ConfiguredAddressMapper } from './configured-address-mapper.js';
export {
  type AddressContext,
  type AddressSource,
  formatAddress,
  type NodeAddress,
  splitHostPort,
} from './node-address.js';
export {
  explainConnectFailure,
  isReachFailure,
  NodeConnector,
  nodeConnectionOptions,
} from './node-connector.js';
export {
  type DiscoveredNode,
  PortDiscovery,
  type ProbeFailure,
  parsePorts,
  serverMode,
} from './port-discovery.js';
export { explainUnreachable, type UnreachableNode, UnreachableNodeError } from './unreachable-node-error.js';
