export { type MasterLocation, SentinelClient } from './sentinel-client.js';
export { SentinelError, type SentinelErrorCode } from './sentinel-errors.js';
export { SentinelList } from './sentinel-list.js';
export { SentinelTopology, type SentinelTopologyOptions } from './sentinel-topology.js';
